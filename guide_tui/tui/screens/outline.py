"""The outline: the steps visited so far, to jump back to one; and, after going back, the
steps walked beyond it before (Walker.ahead), to go forward to again.

Each row is its mark and number, then the step's title right after them; a long
title wraps under itself (a hanging indent), as the step's heading does, never
leaving "✓ 1." alone on its line. Guide text goes in as plain Content.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList

from guide_tui.core.walker import Walker
from guide_tui.i18n import t
from guide_tui.tui.screens.dialog import Dialog
from guide_tui.tui.widgets.choices import RowList


class OutlineList(RowList):
    """The rows of the outline, wrapped for the list's width (RowList)."""

    _rows: list[tuple[str, Content]] = []

    def show(self, rows: list[tuple[str, Content]], highlighted: int) -> None:
        """(marks, title) for each row, and the row to highlight."""
        self._rows = rows
        self._fill(len(rows), highlighted)

    def _row(self, index: int, under_cursor: bool) -> Content:
        marks, title = self._rows[index]
        return self._hanging(marks, title)


class OutlineScreen(Dialog[int | None]):
    """Answers the position to go to, or None (Esc, o or q): in the path (back), or past
    its end (forward, along `Walker.ahead`: len(path) is its first step)."""

    # Every key acts when the app reads it, before the list is drawn too (dialog.py).
    BINDINGS = [
        Binding("escape,o,q", "close", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("pageup", "page(-1)", show=False, priority=True),
        Binding("pagedown", "page(1)", show=False, priority=True),
        Binding("home", "move(-1_000_000)", show=False, priority=True),
        Binding("end", "move(1_000_000)", show=False, priority=True),
        Binding("enter", "choose", show=False, priority=True),
    ]

    def __init__(self, walker: Walker, lang: str, answered: Callable[[int | None], None]) -> None:
        super().__init__(answered)
        self.walker = walker
        self.lang = lang
        self.highlighted = len(walker.path) - 1  # the step the walk is on

    def compose(self) -> ComposeResult:
        w = self.walker
        current = len(w.path) - 1
        rows = []
        for i, step_id in enumerate(w.path):
            here = i == current and not w.finished
            marker = "▶ " if here else ("↷ " if step_id in w.skipped else "✓ ")
            skipped = t("walk.aside", self.lang, note=t("walk.skipped", self.lang))
            skipped = skipped if step_id in w.skipped and not here else ""
            rows.append((f"{marker}{i + 1}. ", Content(f"{w.text(w.guide.step(step_id).title)}{skipped}")))
        for j, step_id in enumerate(w.ahead):  # walked before, beyond where the walk went back to
            before = t("walk.aside", self.lang, note=t("outline.ahead", self.lang))
            title = Content(f"{w.text(w.guide.step(step_id).title)}{before}")
            rows.append((f"○ {len(w.path) + j + 1}. ", title.stylize("dim")))
        self._rows = rows
        with Vertical(id="dialog") as dialog:
            dialog.border_title = Content(t("outline.title_ahead" if w.ahead else "outline.title", self.lang))
            yield OutlineList(id="outline-list")

    def on_mount(self) -> None:
        options = self.query_one(OutlineList)
        options.show(self._rows, self.highlighted)  # wrapped for its width once it has one
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:  # a click
        self.answer(event.option_index)

    def action_move(self, by: int) -> None:
        self.highlighted = max(0, min(len(self.walker.path) + len(self.walker.ahead) - 1, self.highlighted + by))
        if self.is_mounted:
            self.query_one(OptionList).highlighted = self.highlighted

    def action_page(self, direction: int) -> None:
        """As many rows as the list shows (ten before it is drawn)."""
        shown = self.query_one(OptionList).scrollable_content_region.height if self.is_mounted else 10
        self.action_move(direction * max(1, shown))

    def action_choose(self) -> None:
        self.answer(self.highlighted)

    def action_close(self) -> None:
        self.answer(None)
