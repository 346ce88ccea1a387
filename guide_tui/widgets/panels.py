"""The notes panel (this step's notes) and the support panel (every contact).

A contact's disclaimer is drawn on the line right under its number, always:
a caveat such as "the real number may differ" must never be separated from
the number it qualifies.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..i18n import t
from ..model import Contact, Guide
from ..walker import Walker
from .markdown_text import MarkdownText


class NotesPanel(MarkdownText):
    """The current step's notes, as a bulleted Markdown list in a bordered panel."""

    def __init__(self, lang: str, **kw) -> None:
        super().__init__(**kw)
        self.lang = lang
        self.border_title = t("panel.notes", lang)

    def show(self, walker: Walker) -> None:
        notes = [] if walker.finished else [walker.markdown(n) for n in walker.step.notes]
        self.update("\n".join(f"- {_one_item(n)}" for n in notes))
        self.display = bool(notes)


def _one_item(note: str) -> str:
    """A note as one Markdown list item (continuation lines indented)."""
    return note.strip().replace("\n", "\n  ")


class SupportPanel(Static, can_focus=True):
    """Every support contact with its disclaimer beside it, and the reviewed date."""

    def __init__(self, guide: Guide, lang: str, **kw) -> None:
        self.guide = guide
        self.lang = lang
        super().__init__(self.render_contacts(), **kw)
        self.border_title = f"{t('panel.support', lang)} (s)"

    def render_contacts(self) -> Content:
        lang, guide = self.lang, self.guide
        parts: list[Content] = []
        for contact in guide.support:
            parts.append(_contact_lines(contact, lang))
        if not guide.support:
            parts.append(Content(t("support.none", lang)))
        if guide.reviewed:
            parts.append(Content(t("support.reviewed", lang, date=guide.reviewed.isoformat())).stylize("italic"))
        return Content("\n\n").join(parts)


def _contact_lines(contact: Contact, lang: str) -> Content:
    lines = [Content(contact.name).stylize("bold")]
    for label, value in (("support.phone", contact.phone), ("support.link", contact.url),
                         ("support.channel", contact.channel), ("support.hours", contact.hours)):
        if value:
            lines.append(Content.assemble(f"{t(label, lang)}{t('colon', lang)}", (value, "bold" if label == "support.phone" else "")))
            if label in ("support.phone", "support.link") and contact.disclaimer:
                lines.append(_caveat(contact.disclaimer, lang))
    if contact.disclaimer and not (contact.phone or contact.url):
        lines.append(_caveat(contact.disclaimer, lang))
    return Content("\n").join(lines)


def _caveat(text: str, lang: str) -> Content:
    return Content.assemble(("⚠ ", "bold"), f"{t('support.caveat', lang)}{t('colon', lang)}{text}")
