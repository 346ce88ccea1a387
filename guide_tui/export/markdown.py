"""A guide as Markdown (the shape is described in guide_tui/export/__init__.py).

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from guide_tui.core.markdown import md_escape
from guide_tui.core.model import Guide, Text
from guide_tui.export.common import (
    answers_where,
    contact_parts,
    fill,
    indent,
    input_words,
    item_when,
    language_of,
    md_block,
    meta_lines,
    next_where,
    split_blocks,
    step_when,
    when_parts,
)
from guide_tui.i18n import t


def to_markdown(guide: Guide) -> str:
    """The guide as Markdown, with `## N. Title` for each step and bodies verbatim."""
    lang = language_of(guide)
    out = [f"# {md_escape(guide.title)}"]
    if guide.summary:
        out.append(md_block(guide.summary))
    meta = meta_lines(guide, lang)
    if meta:
        out.append("\n".join(f"- {md_escape(line)}" for line in meta))
    for n, step in enumerate(guide.steps, 1):
        out.append(f"## {n}. {md_escape(fill(step.title))}")
        body, conditional = split_blocks(step.body)
        if body:
            out.append(md_block(body))
        shown_when = step_when(guide, step, lang)
        if shown_when:
            out.append(f"### ⤷ {md_escape(shown_when)}")
        for block in conditional:
            out += [f"### ⤷ {md_escape(t('export.block_when', lang, parts=when_parts(guide, block.when, lang)))}"]
            out.append(md_block(block.text))
        if step.warning:
            out.append(f"### ⚠ {t('export.warning', lang)}")
            out += [_md_when(guide, item, lang) + md_block(item.text) for item in step.warning.blocks]
        if step.checklist:
            out += [
                f"### {t('export.checklist', lang)}",
                "\n".join(
                    f"- [ ] {md_escape(fill(item.text))}{_md_suffix(guide, item, lang)}" for item in step.checklist
                ),
            ]
        if step.ask:
            out += [f"### {t('export.question', lang)}", md_escape(fill(step.ask.prompt))]
            if step.ask.typed:
                out.append(
                    f"{md_escape(t('export.answer_line', lang))} \\_\\_\\_\\_\\_\\_ *({md_escape(input_words(step.ask, lang))})*"
                )
            items = []
            for label, words, _target, note in answers_where(guide, step, lang):
                item = f"- {md_escape(label)} → {md_escape(words)}"
                items.append(item + (f"\n\n  {indent(md_block(note))}\n" if note else ""))
            if items:
                out.append("\n".join(items).rstrip())
        if step.notes:
            out += [
                f"### {t('export.notes', lang)}",
                "\n".join(f"- {indent(md_block(note.text))}{_md_suffix(guide, note, lang)}" for note in step.notes),
            ]
        if step.confirm:
            out += [
                f"### ✋ {t('export.confirm', lang)}",
                md_block(step.confirm),
                f"- [ ] {md_escape(t('export.confirm_box', lang))}",
            ]
        if step.show_support and guide.support:
            out += [f"### {t('export.support', lang)}", _md_contacts(guide, lang)]
        then = next_where(guide, step, lang)
        if then:
            out.append(f"### {t('export.then', lang)} → {md_escape(then[0])}")
        if step.finish:
            title = fill(step.finish.title or t("export.finish", lang))
            out.append(f"### ✓ {md_escape(t('export.step_finish', lang, title=title))}")
            if step.finish.body:
                out.append(md_block(step.finish.body))
    if guide.support:
        out += [f"## {t('export.support', lang)}", _md_contacts(guide, lang)]
    if guide.finish and (guide.finish.title or guide.finish.body):
        out.append(f"## {md_escape(fill(guide.finish.title or t('export.finish', lang)))}")
        if guide.finish.body:
            out.append(md_block(guide.finish.body))
    return "\n\n".join(out) + "\n"


def _md_when(guide: Guide, item: Text, lang: str) -> str:
    """A line before a conditional block: "*(only if …)*"."""
    words = item_when(guide, item, lang)
    return f"*({md_escape(words)})*\n\n" if words else ""


def _md_suffix(guide: Guide, item: Text, lang: str) -> str:
    """After a conditional list item: " *(only if …)*"."""
    words = item_when(guide, item, lang)
    return f" *({md_escape(words)})*" if words else ""


def _md_contacts(guide: Guide, lang: str) -> str:
    lines = []
    for c in guide.support:
        name, details = contact_parts(c, lang)
        lines.append(f"- **{md_escape(name)}**{t('export.name_sep', lang)}{md_escape(details)}")
    return "\n".join(lines)
