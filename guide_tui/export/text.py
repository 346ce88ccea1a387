"""A guide as plain text for printing or pasting: wrapped at 72 columns, with
Chinese characters counted as two columns (see guide_tui/export/__init__.py for the shape).

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from guide_tui.core.markdown import Block, Code, ListBlock, Paragraph, Quote, Span, md_escape, parse
from guide_tui.core.model import Guide
from guide_tui.core.text import display_width, wrap
from guide_tui.export.common import (
    STEP_END,
    TEXT_WIDTH,
    Plan,
    contact_parts,
    input_words,
    item_when,
    meta_lines,
    step_when,
)
from guide_tui.i18n import t


def _inline_plain(spans: tuple[Span, ...]) -> str:
    """Inline text as plain text: code in backticks, a link's address after its text."""
    out: list[str] = []
    for i, span in enumerate(spans):
        out.append(f"`{span.text}`" if span.code else span.text)
        ends_link = span.link and (i + 1 == len(spans) or spans[i + 1].link != span.link)
        if ends_link and span.link:
            first = i
            while first > 0 and spans[first - 1].link == span.link:
                first -= 1
            label = "".join(s.text for s in spans[first : i + 1])
            if span.link.removeprefix("mailto:").removeprefix("tel:") != label:
                out.append(f" <{span.link}>")
    return "".join(out)


def markdown_to_text(text: str, width: int, indent: str = "") -> list[str]:
    """Guide Markdown (its `{{key}}` already filled in) as wrapped plain-text lines:
    lists keep their markers, quotes their `>`, code its own lines."""
    lines: list[str] = []
    _blocks(parse(text).blocks, width, indent, indent, lines)
    return lines


def _blocks(blocks: tuple[Block, ...], width: int, first: str, rest: str, lines: list[str]) -> None:
    """Blocks as lines: the first line after `first` (a list marker), the others after `rest`."""
    for n, block in enumerate(blocks):
        lead = first if n == 0 else rest
        in_item = n == 0 and first != rest
        if isinstance(block, Paragraph):
            if lines and lines[-1].strip() and not in_item:
                lines.append(rest.rstrip())
            lines += wrap(_inline_plain(block.spans), width, lead, rest)
        elif isinstance(block, Code):
            if lines and lines[-1].strip():
                lines.append("")
            lines += [rest + "    " + line for line in block.text.split("\n")]
        elif isinstance(block, Quote):
            _blocks(block.blocks, width, lead + "> ", rest + "> ", lines)
        elif isinstance(block, ListBlock):
            for k, item in enumerate(block.items):
                marker = f"{block.start + k}. " if block.ordered else "-  "
                item_lead = (lead if k == 0 else rest) + marker
                _blocks(item or (Paragraph(()),), width, item_lead, rest + "   ", lines)
        else:  # a rule
            lines.append(rest + "-" * 20)


def to_text(guide: Guide, width: int = TEXT_WIDTH) -> str:
    """The guide as plain text wrapped to `width` columns (CJK counts double), its steps
    numbered and ordered as the walker shows them (see Plan)."""
    plan = Plan(guide)
    lang, fill = plan.lang, plan.fill
    out: list[str] = []

    def heading(text: str, rule: str) -> None:
        lines = wrap(text, width)
        out.extend(["", *lines, rule * min(width, max(map(display_width, lines)))])

    def part(label: str) -> None:
        out.extend(["", label + t("export.label_sep", lang)])

    def markdown(text: str, indent: str = "") -> list[str]:
        return markdown_to_text(fill(text), width, indent)

    heading(guide.title, "=")
    if guide.summary:
        out += ["", *markdown(guide.summary)]
    meta = meta_lines(plan)
    if meta:
        out.append("")
        for line in meta:
            out += wrap(line, width)
    for entry in plan.entries:
        step = entry.step
        out.append("")
        heading(t("export.step_ref", lang, n=entry.number, title=fill(step.title)), "-")
        branch = plan.branch_words(entry)
        if branch:
            out += ["", *wrap("↳ " + branch, width, "", "  ")]
        shown_when = step_when(plan, step)
        if shown_when:
            out += ["", *wrap(f"⤷ {shown_when}", width)]
        for block in step.body.blocks if step.body else ():
            words = item_when(plan, block)
            out += ["", *(wrap(f"⤷ ({words})", width) if words else [])]
            out += markdown(block.text, "  " if words else "")
        if step.warning:
            part("⚠ " + t("export.warning", lang))
            for n, item in enumerate(step.warning.blocks):
                words = item_when(plan, item)
                out += ([""] if n else []) + (wrap(f"({words})", width, "  ", "  ") if words else [])
                out += markdown(item.text, "  ")
        if step.ask:
            part(t("export.question", lang))
            out += wrap(fill(step.ask.prompt), width, "  ", "  ")
            if step.ask.typed:
                out += wrap(
                    f"{t('export.answer_line', lang)} ________ ({input_words(step.ask, lang)})", width, "  ", "  "
                )
            for label, words, _target, note in plan.answers_where(step):
                out += wrap(f"{label} → {words}", width, "  ( ) ", "      ")
                if note:
                    out += markdown(note, "      ")
        if step.checklist:
            part(t("export.checklist", lang))
            for item in step.checklist:
                words = item_when(plan, item)
                out += wrap(fill(item.text) + (f" ({words})" if words else ""), width, "  [ ] ", "      ")
        if step.notes:
            part(t("export.notes", lang))
            for item in step.notes:
                words = item_when(plan, item)
                text = item.text + (f" ({md_escape(words)})" if words else "")
                lines = markdown(text, "    ") or ["    "]  # a note may show nothing
                out += [("  - " + lines[0][4:]).rstrip(), *lines[1:]]
        if step.confirm:
            part("✋ " + t("export.confirm", lang))
            out += markdown(step.confirm, "  ")
            out += wrap(t("export.confirm_box", lang), width, "  [ ] ", "      ")
        if step.show_support and guide.support:
            part(t("export.support", lang))
            out += _text_contacts(guide, lang, width)
        then = plan.next_where(step)
        if then:
            out += ["", *wrap(f"{t('export.then', lang)} → {then[0]}", width)]
        if step.finish:
            title = fill(step.finish.title or t("export.finish", lang))
            out += [
                "",
                *wrap(f"{STEP_END} " + t("export.step_finish", lang, title=title) + t("export.label_sep", lang), width),
            ]
            if step.finish.body:
                out += markdown(step.finish.body, "  ")
    if guide.support:
        out.append("")
        heading(t("export.support", lang), "-")
        out += ["", *_text_contacts(guide, lang, width)]
    if guide.finish and (guide.finish.title or guide.finish.body):
        out.append("")
        heading(fill(guide.finish.title or t("export.finish", lang)), "-")
        if guide.finish.body:
            out += ["", *markdown(guide.finish.body)]
    return "\n".join(out).strip("\n") + "\n"


def _text_contacts(guide: Guide, lang: str, width: int) -> list[str]:
    lines = []
    for c in guide.support:
        name, details = contact_parts(c, lang)
        lines += wrap(f"{name}{t('export.name_sep', lang)}{details}", width, "  - ", "    ")
    return lines
