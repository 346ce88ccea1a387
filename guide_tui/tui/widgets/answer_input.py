"""The field where the user types an answer (`ask.input`): a text, a number or a date.

Enter takes the answer and goes on (the screen checks it with the walker, which
says what is wrong in words: too long, not a number, not a real date); Esc gives
the keys back to the page, where the letters are the walk's keys again. The
field takes at most MAX_TYPED_CHARS characters, so a huge paste cannot slow the
screen; the question's own limit is checked with a clear message instead of a
silent cut. Imported only when a step has such a question: Textual's Input is
not loaded for the first paint.

Keys typed quickly (docs/keys.md): the field acts on every key as it reads it
(ordered_input.py), so `XM-1 Enter 2024-08-27 Enter` keeps both answers.
"""

from __future__ import annotations

from textual.actions import SkipAction

from guide_tui.core.answers import MAX_TYPED_CHARS
from guide_tui.tui.bindings import bindings
from guide_tui.tui.widgets.ordered_input import OrderedInput


class AnswerInput(OrderedInput):
    """A one-line field for a typed answer."""

    BINDINGS = bindings("input")
    takes_text = True  # the screen lets the keys it would take (n, b, arrows, Enter, Tab) reach the field

    def __init__(self, **kw: object) -> None:
        super().__init__(max_length=MAX_TYPED_CHARS, select_on_focus=False, **kw)  # type: ignore[arg-type]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The field's keys act only as it reads them (OrderedInput); its walk keys are
        shown in the keys bar as the screen's actions would act."""
        if action == "walk":
            return self.screen.check_action(str(parameters[0]), ())
        return super().check_action(action, parameters)

    async def action_walk(self, action: str) -> None:
        """Enter, Esc, Tab: the screen's `action` (save_typed, leave_field, part_from_field)."""
        if not self._reading:
            raise SkipAction()  # as check_action: a key from another part, back late
        await self.app.run_action(f"screen.{action}", self)
