"""A yes/no question in a dialog; "no" is focused, so Enter never does harm by accident."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from guide_tui.i18n import t


class Confirm(ModalScreen[bool]):
    """True when the user presses the yes button; Esc, n or the no button is False."""

    BINDINGS = [Binding("escape,n", "cancel", show=False, priority=True)]  # keys typed quickly: docs/keys.md

    def __init__(self, title: str, lines: list[Content], yes: str, no: str) -> None:
        super().__init__()
        self.title_text, self.lines, self.yes, self.no = title, lines, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = Content(self.title_text)
            for line in self.lines:
                yield Static(line)
            with Horizontal(id="buttons"):
                yield Button(Content(self.no), id="no", variant="primary")
                yield Button(Content(self.yes), id="yes")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)


def confirm_link(url: str, lang: str) -> Confirm:
    """Asks before a link leaves guide-tui, showing the real target."""
    return Confirm(
        t("link.title", lang),
        [Content(t("link.explain", lang)), Content(url).stylize("bold")],
        t("dialog.yes", lang),
        t("dialog.no", lang),
    )


def confirm_restart(lang: str) -> Confirm:
    """Asks before the walk starts over (answers and ticks are cleared)."""
    return Confirm(
        t("restart.title", lang), [Content(t("restart.explain", lang))], t("restart.yes", lang), t("dialog.no", lang)
    )


def confirm_quit(lang: str) -> Confirm:
    """Asks before Esc in the library ends guide-tui (Esc is also "back" everywhere else)."""
    return Confirm(t("quit.title", lang), [Content(t("quit.explain", lang))], t("quit.yes", lang), t("dialog.no", lang))
