"""The notes panel (this step's notes) and the support panel (every contact).

A contact's disclaimer starts on the line of its number, right after it, always:
a caveat such as "the real number may differ" must never be separated from
the number it qualifies (on a line under it, it fell below the fold of a small
window, and the number was read alone).
"""

from __future__ import annotations

from typing import Any

from textual.content import Content

from guide_tui.core import review
from guide_tui.core.model import Guide
from guide_tui.core.parts import Contact
from guide_tui.core.walker import Walker
from guide_tui.export.qr import codes_of
from guide_tui.i18n import t
from guide_tui.tui.widgets.markdown_text import Block, MarkdownText


class NotesPanel(MarkdownText):
    """The current step's notes, as a bulleted Markdown list in a bordered panel."""

    def __init__(self, lang: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.lang = lang
        self.border_title = Content(t("panel.notes", lang))

    def show(self, walker: Walker) -> None:
        step = walker.step
        notes = [] if walker.finished else [walker.markdown(step.notes[n].text) for n in walker.shown(step.notes)]
        self.update("\n".join(f"- {_one_item(n)}" for n in notes))  # Markdown, not markup
        self.display = bool(notes)


def _one_item(note: str) -> str:
    """A note as one Markdown list item (continuation lines indented)."""
    return note.strip().replace("\n", "\n  ")


class SupportPanel(MarkdownText, can_focus=True):
    """Every support contact with its disclaimer beside it, and how long ago the
    facts were checked right under the first number.  Not shown for a guide that
    lists no contacts (an empty panel on every step says nothing).

    Drawn as blocks with hanging indents (as MarkdownText draws lists), so a
    caveat after "⚠ " wraps under itself, also when it is one long run of
    Chinese text that has no space to break at."""

    def __init__(self, guide: Guide, lang: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.guide = guide
        self.lang = lang
        self.border_title = Content(f"{t('panel.support', lang)} (s)")
        self.display = bool(guide.support)
        if codes_of(guide):  # the key that shows a number as a QR code, for the phone in the hand
            self.border_subtitle = Content(f"{t('key.qr', lang)} (p)")
        self.show_blocks(self.contact_blocks())

    def contact_blocks(self) -> list[Block]:
        lang, guide = self.lang, self.guide
        blocks: list[Block] = []
        checked = _checked_blocks(guide, lang)
        for contact in guide.support:
            blocks += blocks_of_contact(contact, lang)
            if contact.phone or contact.url:  # beside the first number it is about
                blocks, checked = blocks + checked, []
        return blocks + checked


def _checked_blocks(guide: Guide, lang: str) -> list[Block]:
    """How long ago the facts were checked ("2 years ago"), and a caution once they are due."""
    if guide.reviewed is None:
        return []
    on = review.today()
    ago = review.age(guide.reviewed, on)
    date = guide.reviewed.isoformat()
    text = t("support.checked", lang, ago=ago.text(lang), date=date) if ago else t("support.reviewed", lang, date=date)
    blocks = [Block(Content(text).stylize("italic"), gap=False)]
    due = review.due_date(guide)
    if due is not None and due < on:
        blocks.append(Block(Content(t("support.due", lang, date=due.isoformat())), first="⚠ ", rest="  ", gap=False))
    return blocks


def blocks_of_contact(contact: Contact, lang: str, *, under: bool = False) -> list[Block]:
    """A contact as the support panel draws it: its number or address, then its caveat
    on the same line, wrapping under.  `under`: the caveat on the line right under the
    number instead, after its own "⚠ " (beside a QR code, screens/qr.py, whose narrow
    column would break the caveat's first word after the number)."""
    colon = t("colon", lang)
    blocks = [Block(Content(contact.name).stylize("bold"))]
    for label, value in (
        ("support.phone", contact.phone),
        ("support.link", contact.url),
        ("support.channel", contact.channel),
        ("support.hours", contact.hours),
    ):
        if value:
            line = Content.assemble(f"{t(label, lang)}{colon}", (value, "bold" if label == "support.phone" else ""))
            if label in ("support.phone", "support.link") and contact.disclaimer:
                if under:
                    blocks += [Block(line, gap=False), _caveat_under(contact.disclaimer, lang)]
                    continue
                line = with_caveat(line, contact.disclaimer, lang)
            blocks.append(Block(line, gap=False))
    if contact.disclaimer and not (contact.phone or contact.url):
        blocks.append(_caveat_under(contact.disclaimer, lang))
    return blocks


def _caveat_under(text: str, lang: str) -> Block:
    """The disclaimer as a line of its own, wrapping under itself after its "⚠ "."""
    return Block(Content(f"{t('support.caveat', lang)}{t('colon', lang)}{text}"), first="⚠ ", rest="  ", gap=False)


# Glues the number to the caveat's "⚠ Note" (a no-break space, UAX #14's GL): the line never
# breaks between them, so wherever the number is, the start of its caveat is beside it.
GLUE = "\u00a0"


def caveat(text: str, lang: str) -> Content:
    """A contact's disclaimer with its warning sign and word: "⚠ 注意：实际电话号码…"."""
    return Content(f"⚠{GLUE}{t('support.caveat', lang)}{t('colon', lang)}{text}")


def with_caveat(line: Content, text: str, lang: str) -> Content:
    """`line` (a number, an address) with its caveat right after it, on the same line."""
    return Content.assemble(line, GLUE, caveat(text, lang))
