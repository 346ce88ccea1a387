"""The hand-off report for a support agent: shown, copied, or saved as Markdown."""

from __future__ import annotations

import time
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button

from guide_tui.core.walker import Walker
from guide_tui.export.report import render_report
from guide_tui.i18n import t
from guide_tui.tui.widgets.markdown_text import MarkdownText


def save_report(text: str, guide_id: str, folder: Path) -> Path:
    """Write the report to a new file in folder (never over an existing one)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(100):
        path = folder / f"guide-tui-report-{guide_id}-{stamp}{f'-{n}' if n else ''}.md"
        try:
            with open(path, "x", encoding="utf-8") as fh:
                fh.write(text)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(path)


class ReportScreen(ModalScreen[None]):
    """Shows the report; c copies it, w saves it, Esc closes."""

    BINDINGS = [
        Binding("escape,e,q", "close", show=False),
        Binding("c", "copy", show=False),
        Binding("w", "save", show=False),
    ]

    def __init__(self, walker: Walker, lang: str, save_dir: Path | None = None) -> None:
        super().__init__()
        self.walker, self.lang = walker, lang
        self.save_dir = save_dir or Path.cwd()
        self.text = render_report(walker.guide, walker, "markdown", lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="report") as dialog:
            dialog.border_title = t("report.heading", self.lang)
            with VerticalScroll(id="report-scroll"):
                # The guide's own renderer (core/text.py breaks the lines), not Textual's Markdown:
                # "1 秒" and an id stay whole; the report holds no links (export/report.py escapes them).
                yield MarkdownText(self.text, id="report-text")
            with Horizontal(id="buttons"):
                yield Button(f"{t('report.copy', self.lang)} (c)", id="copy")
                yield Button(f"{t('report.save', self.lang)} (w)", id="save")
                yield Button(f"{t('key.close', self.lang)} (Esc)", id="close", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"copy": self.action_copy, "save": self.action_save, "close": self.action_close}[event.button.id or "close"]()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify(t("report.copied", self.lang))

    def action_save(self) -> None:
        try:
            path = save_report(self.text, self.walker.guide.id, self.save_dir)
        except OSError as exc:
            self.notify(t("report.save_failed", self.lang, reason=exc.strerror or str(exc)), severity="error")
            return
        self.notify(t("report.saved", self.lang, path=str(path)), timeout=10)

    def action_close(self) -> None:
        self.dismiss(None)
