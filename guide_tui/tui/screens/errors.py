"""The guides that failed to load, each problem as PATH:LINE:COLUMN: message."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from guide_tui.core.loader import LoadResult
from guide_tui.core.text import safe_text
from guide_tui.i18n import t, tn


class ErrorsScreen(ModalScreen[None]):
    """Lists every problem of every file that could not be loaded; Esc closes."""

    BINDINGS = [Binding("escape,q", "close", show=False)]

    def __init__(self, failures: list[LoadResult], lang: str, title: str | None = None) -> None:
        super().__init__()
        self.failures = failures
        self.lang = lang
        self.title_words = title  # instead of "N guide files could not be loaded"

    def compose(self) -> ComposeResult:
        lines: list[Content] = []
        for result in self.failures:
            for problem in result.errors or result.problems:
                lines.append(Content(safe_text(problem.format(self.lang))))
        lines += [Content(""), Content(t("errors.hint", self.lang)).stylize("italic")]
        with Vertical(id="dialog", classes="errors") as dialog:
            dialog.border_title = Content(self.title_words or tn("library.failed", len(self.failures), self.lang))
            with VerticalScroll(id="errors-scroll"):
                yield Static(Content("\n").join(lines), id="errors-list")

    def action_close(self) -> None:
        self.dismiss(None)
