"""The help screen: every key of the walker, read from the same binding list as the footer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from guide_tui.i18n import t

# (keys as shown, message key of the explanation)
HELP_ROWS = [
    ("→  n  Enter", "help.next"),
    ("←  b", "help.back"),
    ("1 … 9", "help.answer"),
    ("↑  ↓", "help.move"),
    ("space", "help.tick"),
    ("s", "help.support"),
    ("o", "help.outline"),
    ("e", "help.report"),
    ("R", "help.restart"),
    ("?  F1", "help.help"),
    ("ctrl+p", "help.palette"),
    ("q", "help.quit"),
]


class HelpScreen(ModalScreen[None]):
    """Lists every key; Esc, ? or q closes it."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "close", show=False)]

    def __init__(self, lang: str, rows: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.rows = rows or HELP_ROWS

    def compose(self) -> ComposeResult:
        width = max(len(keys) for keys, _ in self.rows) + 2
        lines = [Content.assemble((keys.ljust(width), "bold"), t(key, self.lang)) for keys, key in self.rows]
        lines += [
            Content(""),
            Content(t("help.mouse", self.lang)),
            Content(t("help.close", self.lang)).stylize("italic"),
        ]
        with Vertical(id="dialog") as dialog:
            dialog.border_title = t("help.title", self.lang)
            yield Static(Content("\n").join(lines))

    def action_close(self) -> None:
        self.dismiss(None)
