"""The notes panel (this step's notes) and the support panel (every contact).

A contact's disclaimer is drawn on the line right under its number, always:
a caveat such as "the real number may differ" must never be separated from
the number it qualifies.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content

from guide_tui.core.model import Contact, Guide
from guide_tui.core.walker import Walker
from guide_tui.i18n import t
from guide_tui.tui.widgets.markdown_text import Block, MarkdownText


class NotesPanel(MarkdownText):
    """The current step's notes, as a bulleted Markdown list in a bordered panel."""

    def __init__(self, lang: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.lang = lang
        self.border_title = t("panel.notes", lang)

    def show(self, walker: Walker) -> None:
        step = walker.step
        notes = [] if walker.finished else [walker.markdown(step.notes[n].text) for n in walker.shown(step.notes)]
        self.update("\n".join(f"- {_one_item(n)}" for n in notes))
        self.display = bool(notes)


def _one_item(note: str) -> str:
    """A note as one Markdown list item (continuation lines indented)."""
    return note.strip().replace("\n", "\n  ")


class SupportPanel(MarkdownText, can_focus=True):
    """Every support contact with its disclaimer beside it, and the reviewed date.

    Drawn as blocks with hanging indents (as MarkdownText draws lists), so a
    caveat after "⚠ " wraps under itself, also when it is one long run of
    Chinese text that has no space to break at."""

    def __init__(self, guide: Guide, lang: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.guide = guide
        self.lang = lang
        self.border_title = f"{t('panel.support', lang)} (s)"
        self.show_blocks(self.contact_blocks())

    def contact_blocks(self) -> list[Block]:
        lang, guide = self.lang, self.guide
        blocks: list[Block] = []
        for contact in guide.support:
            blocks += _contact_blocks(contact, lang)
        if not guide.support:
            blocks.append(Block(Content(t("support.none", lang))))
        if guide.reviewed:
            blocks.append(
                Block(Content(t("support.reviewed", lang, date=guide.reviewed.isoformat())).stylize("italic"))
            )
        return blocks


def _contact_blocks(contact: Contact, lang: str) -> list[Block]:
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
