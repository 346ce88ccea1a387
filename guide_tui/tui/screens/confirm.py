"""A yes/no question in a dialog; "no" is focused, so Enter never does harm by accident."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from guide_tui.i18n import t
from guide_tui.tui.screens.dialog import Dialog


class Confirm(Dialog[bool]):
    """Answers True when the user presses the yes button; Esc, n or the no button is False."""

    # Every key acts when the app reads it, before the dialog is drawn too (dialog.py).
    BINDINGS = [
        Binding("escape,n", "cancel", show=False, priority=True),
        Binding("tab,shift+tab,left,right", "switch", show=False, priority=True),
        Binding("enter,space", "press", show=False, priority=True),
    ]

    def __init__(
        self, title: str, lines: list[Content], yes: str, no: str, answered: Callable[[bool], None] | None = None
    ) -> None:
        super().__init__(answered)
        self.title_text, self.lines, self.yes, self.no = title, lines, yes, no
        self.on_yes = False  # which button has the keys: "no" first, so Enter does no harm by accident

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = Content(self.title_text)
            for line in self.lines:
                yield Static(line)
            with Horizontal(id="buttons"):
                yield Button(Content(self.no), id="no", variant="primary")
                yield Button(Content(self.yes), id="yes")

    def on_mount(self) -> None:
        self._show_choice()

    def _show_choice(self) -> None:
        if self.is_mounted:
            self.set_focus(self.query_one("#yes" if self.on_yes else "#no", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:  # a click
        self.answer(event.button.id == "yes")

    def action_switch(self) -> None:
        self.on_yes = not self.on_yes
        self._show_choice()

    def action_press(self) -> None:
        self.answer(self.on_yes)

    def action_cancel(self) -> None:
        self.answer(False)


def confirm_link(url: str, lang: str, answered: Callable[[bool], None]) -> Confirm:
    """Asks before a link leaves guide-tui, showing the real target."""
    return Confirm(
        t("link.title", lang),
        [Content(t("link.explain", lang)), Content(url).stylize("bold")],
        t("dialog.yes", lang),
        t("dialog.no", lang),
        answered,
    )


def confirm_restart(lang: str, answered: Callable[[bool], None]) -> Confirm:
    """Asks before the walk starts over (answers and ticks are cleared)."""
    return Confirm(
        t("restart.title", lang),
        [Content(t("restart.explain", lang))],
        t("restart.yes", lang),
        t("dialog.no", lang),
        answered,
    )


def confirm_quit(lang: str, answered: Callable[[bool], None]) -> Confirm:
    """Asks before Esc in the library ends guide-tui (Esc is also "back" everywhere else)."""
    return Confirm(
        t("quit.title", lang), [Content(t("quit.explain", lang))], t("quit.yes", lang), t("dialog.no", lang), answered
    )
