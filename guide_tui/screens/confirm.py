"""Asks before a link leaves guide-tui, showing the real target."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..i18n import t


class ConfirmLink(ModalScreen[bool]):
    """True when the user agrees to open exactly this address."""

    BINDINGS = [Binding("escape,n", "cancel", show=False)]

    def __init__(self, url: str, lang: str) -> None:
        super().__init__()
        self.url = url
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t("link.title", self.lang)
            yield Static(Content(t("link.explain", self.lang)))
            yield Static(Content(self.url).stylize("bold"), id="link-target")
            with Horizontal(id="buttons"):
                yield Button(t("dialog.no", self.lang), id="no", variant="primary")
                yield Button(t("dialog.yes", self.lang), id="yes")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)
