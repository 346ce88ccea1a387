"""A dialog whose answer acts while the key that gave it is read.

Textual's `push_screen(screen, callback)` runs the callback later, from the
queue of the screen that pushed the dialog: a key typed right after the one
that answered (`o ↑ Enter n`, `R Enter n`) was read first and acted on the walk
as it was before the answer (docs/keys.md, "Keys typed quickly").  A `Dialog`
closes and hands its answer to `answered` at once, and its keys are priority
bindings that act when the app reads them, even before the dialog is drawn.
It is a settled screen (screens/frames.py): drawn once as it opens, not four times.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.screen import ModalScreen

from guide_tui.tui.screens.frames import SettledScreen

Answer = TypeVar("Answer")


class Dialog(ModalScreen[Answer], SettledScreen[Answer]):
    """A modal screen that answers once, through `answered`, as soon as it is answered."""

    def __init__(self, answered: Callable[[Answer], None] | None = None) -> None:
        super().__init__()
        self._answered = answered
        self._done = False

    def answer(self, result: Answer) -> None:
        """Close the dialog, then act on the answer, now: the next key goes to the screen
        below and finds the answer's work done."""
        if self._done:  # a second key of the same burst (Enter Enter): answered already
            return
        self._done = True
        if self.is_active:
            self.app.pop_screen()
        if self._answered is not None:
            self._answered(result)
