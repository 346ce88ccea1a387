"""A guide as Markdown (the shape is described in guide_tui/export/__init__.py).

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from guide_tui.core.conditional import Text
from guide_tui.core.markdown import md_escape
from guide_tui.core.model import Guide
from guide_tui.export.common import (
    STEP_END,
    Plan,
    contact_parts,
    indent,
    input_words,
    item_when,
    meta_lines,
    split_blocks,
    step_when,
    when_parts,
)
from guide_tui.i18n import t


def to_markdown(guide: Guide) -> str:
    """The guide as Markdown, with `## N. Title` for each step (numbered as the walker
    numbers it) and bodies verbatim; a step off the main path says which answer leads
    there, and a step or text shown only for some answers says which."""
    plan = Plan(guide)
    lang, fill, block = plan.lang, plan.fill, plan.md_block
    out = [f"# {md_escape(guide.title)}"]
    if guide.summary:
        out.append(block(guide.summary))
    meta = meta_lines(plan)
    if meta:
        out.append("\n".join(f"- {md_escape(line)}" for line in meta))
    for entry in plan.entries:
        step = entry.step
        out.append(f"## {entry.number}. {md_escape(fill(step.title))}")
        body, conditional = split_blocks(step.body)
        # Whom the step is for, then what to do, as the text and HTML exports have it: after
        # the body, the condition read as an empty heading and the body as for everyone.
        branch = plan.branch_words(entry)
        if branch:
            out.append(f"### ↳ {md_escape(branch)}")
        shown_when = step_when(plan, step)
        if shown_when:
            out.append(f"### ⤷ {md_escape(shown_when)}")
        if body:  # the importer reads it back as the body, under either heading too
            out.append(block(body))
        for text in conditional:
            out += [f"### ⤷ {md_escape(t('export.block_when', lang, parts=when_parts(plan, text.when)))}"]
            out.append(block(text.text))
        if step.warning:
            out.append(f"### ⚠ {t('export.warning', lang)}")
            out += [_md_when(plan, item) + block(item.text) for item in step.warning.blocks]
        if step.ask:
            out += [f"### {t('export.question', lang)}", md_escape(fill(step.ask.prompt))]
            if step.ask.typed:
                words = md_escape(input_words(step.ask, lang))
                out.append(f"{md_escape(t('export.answer_line', lang))} \\_\\_\\_\\_\\_\\_ *({words})*")
            items = []
            for label, words, _target, note in plan.answers_where(step):
                item = f"- {md_escape(label)} → {md_escape(words)}"
                items.append(item + (f"\n\n  {indent(block(note))}\n" if note else ""))
            if items:
                out.append("\n".join(items).rstrip())
        if step.checklist:
            out += [
                f"### {t('export.checklist', lang)}",
                "\n".join(f"- [ ] {md_escape(fill(item.text))}{_md_suffix(plan, item)}" for item in step.checklist),
            ]
        if step.notes:
            out += [
                f"### {t('export.notes', lang)}",
                "\n".join(f"- {indent(block(note.text))}{_md_suffix(plan, note)}" for note in step.notes),
            ]
        if step.confirm:
            out += [
                f"### ✋ {t('export.confirm', lang)}",
                block(step.confirm),
                f"- [ ] {md_escape(t('export.confirm_box', lang))}",
            ]
        if step.show_support and guide.support:
            out += [f"### {t('export.support', lang)}", _md_contacts(guide, lang)]
        then = plan.next_where(step)
        if then:
            out.append(f"### {t('export.then', lang)} → {md_escape(then[0])}")
        if step.finish:
            title = fill(step.finish.title or t("export.finish", lang))
            out.append(f"### {STEP_END} {md_escape(t('export.step_finish', lang, title=title))}")
            if step.finish.body:
                out.append(block(step.finish.body))
    if guide.support:
        out += [f"## {t('export.support', lang)}", _md_contacts(guide, lang)]
    if guide.finish and (guide.finish.title or guide.finish.body):
        out.append(f"## {md_escape(fill(guide.finish.title or t('export.finish', lang)))}")
        if guide.finish.body:
            out.append(block(guide.finish.body))
    return "\n\n".join(out) + "\n"


def _md_when(plan: Plan, item: Text) -> str:
    """A line before a conditional block: "*(only if …)*"."""
    words = item_when(plan, item)
    return f"*({md_escape(words)})*\n\n" if words else ""


def _md_suffix(plan: Plan, item: Text) -> str:
    """After a conditional list item: " *(only if …)*"."""
    words = item_when(plan, item)
    return f" *({md_escape(words)})*" if words else ""


def _md_contacts(guide: Guide, lang: str) -> str:
    lines = []
    for c in guide.support:
        name, details = contact_parts(c, lang)
        lines.append(f"- **{md_escape(name)}**{t('export.name_sep', lang)}{md_escape(details)}")
    return "\n".join(lines)
