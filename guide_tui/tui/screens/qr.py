"""A support number (or web address) as a QR code, for the phone in the person's hand.

Opened with p from the walker screen.  The code fills the left of the screen
and the contact stands right beside it: its number and, on the line under it,
the disclaimer that qualifies it ("the real number may differ"), so the two are
never apart.  (The support panel starts the disclaimer on the number's own line;
this narrow column would then break its first word, "注意", after the number.)
Where the window is too narrow for both side by side the contact comes first
and the code under it; where even that does not fit, the contact is shown with
the size the window needs.  c copies the number (system/clipboard.py says how it went),
← → go through the contacts' codes, Esc closes.
"""

from __future__ import annotations

from functools import cache

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.screen import ModalScreen

from guide_tui.core.model import Guide
from guide_tui.core.text import safe_text
from guide_tui.export.qr import QUIET, SMALL_QUIET, Code, codes_of, modules
from guide_tui.i18n import t
from guide_tui.tui.bindings import bindings
from guide_tui.tui.screens.frames import SettledScreen
from guide_tui.tui.widgets.keys_bar import KeysBar
from guide_tui.tui.widgets.markdown_text import Block, MarkdownText
from guide_tui.tui.widgets.panels import blocks_of_contact
from guide_tui.tui.widgets.qr_code import QrCode, colours_shown

CHROME_W, CHROME_H = 4, 3  # the dialog's border and padding; its border and the keys bar
GAP = 2  # columns between the code and the text beside it
TEXT_MIN = 20  # columns the text beside a code needs at least
TEXT_LINES = 6  # lines the text over a code needs at least


@cache
def _modules(data: str, border: int) -> list[list[bool]]:
    return modules(data, border)


def arrange(data: str, room: Size) -> tuple[str, list[list[bool]], Size]:
    """How the code of `data` fits a screen of size `room`: "side" (the text beside
    it), "stacked" (the text over it) or "small" (no room for it), its modules,
    and the smallest screen that shows it beside its text."""
    width, height = room.width - CHROME_W, room.height - CHROME_H
    for border in (QUIET, SMALL_QUIET):  # the standard's margin, else a narrower one phones still read
        rows = _modules(data, border)
        w, h = len(rows[0]), (len(rows) + 1) // 2
        if w + GAP + TEXT_MIN <= width and h <= height:
            return "side", rows, Size(w + GAP + TEXT_MIN + CHROME_W, h + CHROME_H)
        if w <= width and h + TEXT_LINES <= height:
            return "stacked", rows, Size(w + GAP + TEXT_MIN + CHROME_W, h + CHROME_H)
    return "small", rows, Size(w + GAP + TEXT_MIN + CHROME_W, h + CHROME_H)


class QrScreen(ModalScreen[None], SettledScreen[None]):
    """The QR code of one contact's number or address, the contact beside it."""

    BINDINGS = bindings("qr")

    def __init__(self, guide: Guide, lang: str, index: int = 0) -> None:
        super().__init__()
        self.guide, self.lang = guide, lang
        self.codes: list[Code] = codes_of(guide)
        self.index = index % len(self.codes) if self.codes else 0
        self.inverted = False
        self.mode = ""

    @property
    def code(self) -> Code:
        return self.codes[self.index]

    def compose(self) -> ComposeResult:
        mode, rows, needed = arrange(self.code.data, self.app.size)
        self.mode = mode
        title = t("qr.title", self.lang)
        if len(self.codes) > 1:
            title += f" ({self.index + 1}/{len(self.codes)})"
        with Vertical(id="dialog", classes=f"qr -{mode}") as dialog:
            dialog.border_title = Content(title)
            if mode == "side":  # the code stays put; the words beside it scroll if they must
                with Horizontal(id="qr-row"):
                    yield QrCode(rows, inverted=self.inverted, id="qr-code")
                    with VerticalScroll(id="qr-side"):
                        yield from self._words(needed)
            else:
                with VerticalScroll(id="qr-side"):
                    yield from self._words(needed)
                    if mode == "stacked":
                        yield QrCode(rows, inverted=self.inverted, id="qr-code")
        yield KeysBar()

    def _words(self, needed: Size) -> ComposeResult:
        """The contact (the disclaimer under its number),
        then what the code is for, or the room it needs."""
        code, lang = self.code, self.lang
        name, *rest = blocks_of_contact(code.contact, lang, under=True)
        for widget_id, blocks in (("qr-name", [name]), ("qr-text", rest)):  # the number starts qr-text
            text = MarkdownText(id=widget_id)
            text.show_blocks(blocks)
            yield text
        if self.mode == "small":
            how = t("qr.too_small", lang, w=needed.width, h=needed.height)
        else:
            how = t("qr.scan_phone" if code.kind == "phone" else "qr.scan_link", lang, data=code.shown)
        # Set as every text is (core/text_breaks.py): Textual's own wrap began a line with "，"
        # and cut "+86 10 1234 5678" in two (found in QA).
        words = MarkdownText(id="qr-how")
        words.show_blocks(_lines(how))
        yield words
        yield MarkdownText(id="qr-status")

    def on_resize(self, event: Resize) -> None:
        if self.codes and arrange(self.code.data, event.size)[0] != self.mode:
            self.refresh(recompose=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "turn":
            return len(self.codes) > 1
        if action == "invert":  # only where no colour of ours is drawn (see widgets/qr_code.py)
            return not colours_shown(self.app.get_line_filters())
        return True

    def say(self, text: str) -> None:
        """What copying did, in place of the line on scanning, under the contact."""
        status = self.query_one("#qr-status", MarkdownText)
        status.show_blocks(_lines(safe_text(text, newlines=True)))  # it may name a file it saved to
        status.display = True
        self.query_one("#qr-how").display = False
        self.call_after_refresh(self._status_in_view)

    def _status_in_view(self) -> None:
        """Scroll the words as far as the status line needs, but never past the
        number: the number and its caveat stay in view together (the rest of a long
        status is a scroll away)."""
        side = self.query_one("#qr-side", VerticalScroll)
        needed = self.query_one("#qr-status").virtual_region.bottom - side.scrollable_content_region.height
        number = self.query_one("#qr-text").virtual_region.y
        side.scroll_to(y=max(0, min(needed, number)), animate=False)

    def action_copy(self) -> None:
        """c: the bare number (or address) to the clipboard, to paste into a dialler; where
        it is saved to a file instead, the file holds the whole contact: its name, the
        number with its caveat beside it, and its hours."""
        from guide_tui.export.common import contact_parts
        from guide_tui.system.clipboard import copy_text

        name, details = contact_parts(self.code.contact, self.lang)
        copied = copy_text(
            self.code.shown,
            name=f"guide-tui-{self.guide.id}-{self.code.kind}.txt",
            terminal=self.app.copy_to_clipboard,
            browser=self.app.is_web,
            saved=f"{name}\n{details}\n",
        )
        self.say(copied.said(self.lang))

    def action_turn(self, back: int) -> None:
        self.index = (self.index + (-1 if back else 1)) % len(self.codes)
        self.refresh(recompose=True)

    def action_invert(self) -> None:
        self.inverted = not self.inverted
        for code in self.query(QrCode):
            code.inverted = self.inverted
            code.refresh()

    def action_close(self) -> None:
        self.dismiss(None)


def _lines(text: str) -> list[Block]:
    """Each line of a plain text as a block of its own, with no blank line between."""
    return [Block(Content(line), gap=False) for line in text.split("\n")]
