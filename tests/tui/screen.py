"""Reading what a Textual app shows, for Pilot tests."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rich.cells import cell_len
from textual._compositor import Compositor
from textual.app import App


def screen_text(app: App) -> str:
    """What the terminal shows now, as plain text (wide characters once each): with the
    screens a dialog lets show through, as Textual renders a frame (the screens behind
    are read from a context variable, which the last frame drawn in this context set)."""
    from textual._context import visible_screen_stack

    visible_screen_stack.set(app._background_screens)
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def count_frames(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts, from now on, the layouts (reflow) and the frames (render_update) of every
    screen's compositor: reset them by hand between the steps of a test."""
    calls = {"reflow": 0, "render_update": 0}
    for name in calls:
        original = getattr(Compositor, name)

        def spy(self: Compositor, *args: Any, _original: Any = original, _name: str = name, **kwargs: Any) -> Any:
            calls[_name] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Compositor, name, spy)
    return calls


class DrawnCells:
    """What a terminal would show after every frame the app has written, full or partial:
    the frames are applied, cell by cell, as the terminal applies them (cursor moves and
    text; styles and links are left out). A cell a partial frame should have drawn again
    and did not still shows what was there before. `frames`: the text after each frame."""

    MOVE = re.compile(r"\x1b\[(\d+);(\d+)H")
    OTHER = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")

    def __init__(self, app: App) -> None:
        self.app = app
        self.rows: list[list[str]] = []
        self.frames: list[str] = []
        display = app._display

        def drawn(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                self._apply(renderable.render_segments(app.console))
                self.frames.append(self.text())
            display(screen, renderable)

        app._display = drawn  # type: ignore[method-assign]

    def _apply(self, data: str) -> None:
        width, height = self.app.size
        if len(self.rows) != height or (self.rows and len(self.rows[0]) != width):
            self.rows = [[" "] * width for _ in range(height)]
        y = x = 0
        at = 0
        while at < len(data):
            move = self.MOVE.match(data, at)
            if move:
                y, x = int(move.group(1)) - 1, int(move.group(2)) - 1
                at = move.end()
                continue
            other = self.OTHER.match(data, at)
            if other:
                at = other.end()
                continue
            char = data[at]
            at += 1
            if char == "\n":
                y, x = y + 1, 0
                continue
            cells = cell_len(char)
            if 0 <= y < height and x + cells <= width:
                self.rows[y][x] = char
                if cells == 2:
                    self.rows[y][x + 1] = ""  # the second half of a wide character
            x += cells

    async def press(self, pilot: Any, key: str, wait: float = 0.3) -> str:
        """Press `key` and wait: what the screen shows then. `frames` holds the frames drawn
        since the key, no earlier ones."""
        self.frames.clear()
        await pilot.press(key)
        await pilot.pause(wait)
        return screen_text(self.app)

    def text(self) -> str:
        """The cells as screen_text gives them."""
        return "\n".join("".join(row) for row in self.rows)
