"""The field where the user types an answer (`ask.input`): a text, a number or a date.

Enter takes the answer and goes on (the screen checks it with the walker, which
says what is wrong in words: too long, not a number, not a real date); Esc gives
the keys back to the page, where the letters are the walk's keys again. The
field takes at most MAX_TYPED_CHARS characters, so a huge paste cannot slow the
screen; the question's own limit is checked with a clear message instead of a
silent cut. Imported only when a step has such a question: Textual's Input is
not loaded for the first paint.
"""

from __future__ import annotations

from textual.widgets import Input

from guide_tui.core.answers import MAX_TYPED_CHARS
from guide_tui.tui.bindings import bindings


class AnswerInput(Input):
    """A one-line field for a typed answer."""

    BINDINGS = bindings("input")
    takes_text = True  # the screen lets the keys it would take (n, b, arrows) reach the field

    def __init__(self, **kw: object) -> None:
        super().__init__(max_length=MAX_TYPED_CHARS, select_on_focus=False, **kw)  # type: ignore[arg-type]

    def action_leave(self) -> None:
        """Esc: the keys go back to the page (the walk's keys work again)."""
        self.screen.set_focus(None)
        self.screen.query_one("#columns").focus()
