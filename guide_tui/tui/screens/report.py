"""The hand-off report for a support agent: shown, copied, or saved as Markdown.

On screen it is drawn from the report's data as blocks with hanging indents
(one light widget, as guide bodies are), not through Textual's Markdown widget,
which mounts a widget per line and took most of a second to open a finished
walk's report: a box "[ ]" starts its row and the text wraps under itself,
never leaving the box alone on a line; a contact's caveat follows its number
on the same line, as in the support panel. Copy and save give the
Markdown text of `guide-tui report`.

Copying says which way copied it (system/clipboard.py), or, where no
clipboard is known to work, saves the report and says where.  Saving writes
to the user's documents folder (else downloads, else home, system/files.py) and
says the full path; in a browser (`guide-tui serve`) the report downloads in
the browser instead of being written on the server.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button

from guide_tui.core.text import safe_text
from guide_tui.core.walker import Walker
from guide_tui.export.report import answer_text, render_report, report_data, step_marks, step_when
from guide_tui.i18n import t
from guide_tui.library.find import reopen_name
from guide_tui.system.files import documents_folder, save_new
from guide_tui.tui.screens.frames import SettledScreen
from guide_tui.tui.widgets.markdown_text import Block, MarkdownText
from guide_tui.tui.widgets.panels import caveat, with_caveat


def report_name(guide_id: str) -> str:
    return f"guide-tui-report-{guide_id}-{time.strftime('%Y%m%d-%H%M%S')}.md"


def save_report(text: str, guide_id: str, folder: Path) -> Path:
    """Write the report to a new file in folder (never over an existing one)."""
    return save_new(text, folder, report_name(guide_id))


def report_blocks(data: dict[str, Any], lang: str) -> list[Block]:
    """The report as blocks of text: headings, rows with hanging indents."""
    colon, none = t("colon", lang), t("report.none", lang)
    g, now = data["guide"], data["now"]

    def heading(key: str) -> Block:
        return Block(Content(t(key, lang)).stylize("bold"))

    def row(label: str, value: str) -> Block:
        return Block(Content.assemble((f"{label}{colon}", "bold"), value), "• ", "  ", gap=False)

    if now["finished"]:
        where = t("report.ended" if now["other_outcome"] else "report.finished", lang)
        if now["ending"] and now["ending"]["title"]:
            where += f" — {now['ending']['title']}"
    else:
        where = f"{t('progress', lang, k=now['k'], n=now['n'])} — {now['title']}"
    blocks = [
        Block(Content(g["title"]).stylize("bold"), gap=False),
        row(t("report.guide", lang), g["id"]),
        row(t("report.language", lang), g["language"]),
        row(t("report.reviewed", lang), g["reviewed"] or none),
        row(t("report.generated", lang), data["generated"][:19].replace("T", " ")),
        row(t("report.now", lang), where),
        heading("report.steps"),
    ]
    done = [s for s in data["steps"] if s["done"] or s["skipped"]]
    for i, step in enumerate(done, 1):
        number = f"{i}. "
        blocks.append(Block(Content(step["title"]), number, " " * len(number), gap=False))
        when = step_when(step, lang, data["generated"][:10])
        blocks.append(Block(Content(when).stylize("dim"), " " * len(number), " " * len(number), gap=False))
        for mark in step_marks(step, lang, data["generated"][:10]):
            blocks.append(Block(Content(mark).stylize("bold"), " " * len(number), " " * len(number), gap=False))
    if not done:
        blocks.append(Block(Content(none), gap=False))
    blocks.append(heading("report.answers"))
    for answer in data["answers"]:
        shown = (answer_text(answer, lang), "italic" if answer["private"] else "bold")
        blocks.append(Block(Content.assemble(answer["prompt"], " → ", shown), "• ", "  ", gap=False))
    if not data["answers"]:
        blocks.append(Block(Content(none), gap=False))
    blocks.append(heading("report.checklists"))
    for checklist in data["checklists"]:
        blocks.append(Block(Content(checklist["title"]), "• ", "  ", gap=False))
        for item in checklist["items"]:
            box = "  [x] " if item["ticked"] else "  [ ] "
            blocks.append(Block(Content(item["text"]), box, " " * len(box), gap=False))
    if not data["checklists"]:
        blocks.append(Block(Content(none), gap=False))
    blocks.append(heading("report.support"))
    for contact in data["support"]:
        ways = [Content(contact[k]) for k in ("phone", "url", "channel", "hours") if contact[k]]
        if contact["disclaimer"]:  # the caveat right after the number or address, on its line
            at = 0 if contact["phone"] or contact["url"] else len(ways)
            if ways and at < len(ways):
                ways[at] = with_caveat(ways[at], contact["disclaimer"], lang)
            else:
                ways.append(caveat(contact["disclaimer"], lang))
        details = Content.assemble(colon, Content(" · ").join(ways)) if ways else ""
        blocks.append(Block(Content.assemble((contact["name"], "bold"), details), "• ", "  ", gap=False))
    if not data["support"]:
        blocks.append(Block(Content(none), gap=False))
    blocks.append(heading("report.replay"))
    blocks.append(Block(Content(t("report.replay_explain", lang)), gap=False))
    blocks.append(Block(Content(data["replay"]).stylize("bold"), "  ", "    ", gap=False))
    return blocks


class ReportScreen(ModalScreen[None], SettledScreen[None]):
    """Shows the report; c copies it, w saves it, Esc closes."""

    BINDINGS = [
        Binding("escape,e,q", "close", show=False, priority=True),  # keys typed quickly: docs/keys.md
        Binding("c", "copy", show=False),
        Binding("w", "save", show=False),
    ]

    def __init__(self, walker: Walker, lang: str, save_dir: Path | None = None, *, served: bool = False) -> None:
        super().__init__()
        self.walker, self.lang = walker, lang
        self.save_dir = save_dir
        # The replay command names the guide as a command line here finds it; in a browser
        # tab (`served`) by its id only: a file's path would name a folder of the server.
        opened_as = None if served else reopen_name(walker.guide)
        self.data = report_data(walker.guide, walker, opened_as=opened_as)
        self.text = render_report(walker.guide, walker, "markdown", lang, opened_as=opened_as)

    def compose(self) -> ComposeResult:
        report = MarkdownText(id="report-text")
        report.show_blocks(report_blocks(self.data, self.lang))
        with Vertical(id="dialog", classes="report") as dialog:
            dialog.border_title = Content(t("report.heading", self.lang))
            with VerticalScroll(id="report-scroll"):
                yield report
            yield MarkdownText(id="report-status")
            with Horizontal(id="buttons"):
                yield Button(Content(f"{t('report.copy', self.lang)} (c)"), id="copy")
                yield Button(Content(f"{t('report.save', self.lang)} (w)"), id="save")
                yield Button(Content(f"{t('key.close', self.lang)} (Esc)"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#report-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"copy": self.action_copy, "save": self.action_save, "close": self.action_close}[event.button.id or "close"]()

    def say(self, text: str) -> None:
        """A line under the report, in place of a toast over it.  It may name a path (on a
        line of its own: copy.saved) or quote a system's message; its lines are broken as
        every text is (core/text_breaks.py), a path whole where it fits."""
        status = self.query_one("#report-status", MarkdownText)
        status.show_content(safe_text(text, newlines=True))
        status.display = True

    def action_copy(self) -> None:
        """To the clipboard by the terminal or a system tool, saying which; where
        none is known to work, saved as a file whose full path is shown."""
        from guide_tui.system.clipboard import copy_text

        copied = copy_text(
            self.text,
            name=report_name(self.walker.guide.id),
            terminal=self.app.copy_to_clipboard,
            browser=self.app.is_web,
            folder=lambda: self.save_dir or documents_folder(),
        )
        self.say(copied.said(self.lang))

    def action_save(self) -> None:
        if self.app.is_web:  # under `guide-tui serve`: to the visitor's browser, not the server's disk
            name = report_name(self.walker.guide.id)
            self.app.deliver_text(io.StringIO(self.text), save_filename=name, mime_type="text/markdown")
            self.say(t("report.delivered", self.lang, name=name))
            return
        try:
            path = save_report(self.text, self.walker.guide.id, self.save_dir or documents_folder())
        except OSError as exc:
            self.say(t("report.save_failed", self.lang, reason=exc.strerror or str(exc)))
            return
        self.say(t("report.saved", self.lang, path=str(path)))

    def action_close(self) -> None:
        self.dismiss(None)
