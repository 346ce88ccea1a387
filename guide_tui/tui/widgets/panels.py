"""The notes panel (this step's notes) and the support panel (every contact).

A contact's disclaimer is drawn on the line right under its number, always:
a caveat such as "the real number may differ" must never be separated from
the number it qualifies.
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


def blocks_of_contact(contact: Contact, lang: str) -> list[Block]:
    """A contact as the support panel draws it (also beside its QR code, screens/qr.py)."""
    colon = t("colon", lang)
    blocks = [Block(Content(contact.name).stylize("bold"))]
    for label, value in (
        ("support.phone", contact.phone),
        ("support.link", contact.url),
        ("support.channel", contact.channel),
        ("support.hours", contact.hours),
    ):
        if value:
            blocks.append(
                Block(
                    Content.assemble(f"{t(label, lang)}{colon}", (value, "bold" if label == "support.phone" else "")),
                    gap=False,
                )
            )
            if label in ("support.phone", "support.link") and contact.disclaimer:
                blocks.append(_caveat(contact.disclaimer, lang))
    if contact.disclaimer and not (contact.phone or contact.url):
        blocks.append(_caveat(contact.disclaimer, lang))
    return blocks


def _caveat(text: str, lang: str) -> Block:
    """The disclaimer, on the line right under the number it qualifies."""
    return Block(Content(f"{t('support.caveat', lang)}{t('colon', lang)}{text}"), first="⚠ ", rest="  ", gap=False)
