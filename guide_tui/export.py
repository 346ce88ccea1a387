"""A whole guide as a printable checklist: Markdown, plain text, HTML or JSON.

Every step is shown in file order with its title, body, warning, checklist,
question (each answer with where it leads), notes and, on a step that asks
for it, the support contacts; the contacts and the finish text close the
export.  Labels follow the guide's language (the "export.*" messages).

`{{key}}` is shown as «key» in every format but JSON: on paper there is no
answer yet, and «» cannot be mistaken for Markdown, HTML or a real answer.

Markdown shape (another tool reads it back, so it is stable): `# Title`, the
summary, then each step as `## N. Title` followed by its body verbatim; every
other part of a step starts with a `### ` heading, so the body is exactly the
text between a step's heading and the next heading.  Support and finish are
`## ` headings without a number.  Plain-text fields are escaped; bodies,
notes and other Markdown fields stay Markdown.

This module imports nothing from Textual or Rich (markdown-it-py, imported
lazily, renders Markdown for HTML and plain text).
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any, Iterator

from .i18n import match_language, t
from .model import END, Contact, Guide, Step
from .template import placeholders, substitute

FORMATS = ("markdown", "text", "html", "json")
TEXT_WIDTH = 72
LINK_SCHEMES = ("https:", "mailto:", "tel:")


def export(guide: Guide, fmt: str) -> str:
    """The guide in one of FORMATS."""
    return {"markdown": to_markdown, "text": to_text, "html": to_html, "json": to_json}[fmt](guide)


def to_json(guide: Guide) -> str:
    """The loaded model as JSON (Guide.to_dict()), UTF-8 text, not ASCII-escaped."""
    return json.dumps(guide.to_dict(), ensure_ascii=False, indent=2) + "\n"


# -- shared pieces ---------------------------------------------------------------


def _fill(text: str) -> str:
    """Text with each `{{key}}` shown as «key» (the loader has made sure every key is asked)."""
    return substitute(text, {key: f"«{key}»" for key, _ in placeholders(text)})


def _lang(guide: Guide) -> str:
    return match_language(guide.language) or "en"


def _meta(guide: Guide, lang: str) -> list[str]:
    """Source, reviewed date, time and the «key» legend, as plain lines."""
    lines = []
    src = guide.source
    if src and (src.title or src.url or src.published):
        parts = [p for p in (src.title, src.url) if p]
        if src.published:
            parts.append(t("export.published", lang, date=src.published.isoformat()))
        lines.append(t("export.source", lang, source=" · ".join(parts)))
    if guide.reviewed:
        lines.append(t("export.reviewed", lang, date=guide.reviewed.isoformat()))
    if guide.estimated_minutes:
        lines.append(t("export.minutes", lang, n=guide.estimated_minutes))
    used = placeholders(json.dumps(guide.to_dict(), ensure_ascii=False))
    if used:
        lines.append(t("export.placeholders", lang, example=f"«{used[0][0]}»"))
    return lines


def _where(guide: Guide, step: Step, target: str, lang: str) -> tuple[str, str | None]:
    """Where a walk goes from `step` to `target`, in words, and the step it names."""
    if target == END:
        return t("export.end", lang), None
    if target == guide.default_next(step):
        return t("export.next_step", lang), target
    return t("export.step_ref", lang, n=guide.position(target) + 1, title=_fill(guide.step(target).title)), target


def _options(guide: Guide, step: Step, lang: str) -> Iterator[tuple[str, str, str | None, str | None]]:
    """(label, where it leads, target step id, note) for each answer of a step."""
    assert step.ask is not None
    default = step.next or guide.default_next(step)
    for opt in step.ask.options:
        words, target = _where(guide, step, opt.next or default, lang)
        yield opt.label, words, target, opt.note


def _then(guide: Guide, step: Step, lang: str) -> tuple[str, str | None] | None:
    """Where a step without a question goes, when that is not simply the next step."""
    if step.ask is None and step.next and step.next != guide.default_next(step):
        return _where(guide, step, step.next, lang)
    return None


def _contact(c: Contact, lang: str) -> tuple[str, str]:
    """(name, details) of a contact, the disclaimer right beside the number."""
    parts = []
    if c.phone:
        parts.append(t("export.phone", lang, phone=c.phone))
    if c.url:
        parts.append(t("export.link", lang, url=c.url))
    if c.channel:
        parts.append(c.channel)
    if c.disclaimer:
        parts[0] = t("export.with_disclaimer", lang, text=parts[0], disclaimer=" ".join(c.disclaimer.split()))
    if c.hours:
        parts.append(t("export.hours", lang, hours=c.hours))
    return c.name, t("export.list_sep", lang).join(parts)


# -- Markdown --------------------------------------------------------------------

_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>#|~&])")


def md_escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text on one line."""
    text = _MD_ANYWHERE.sub(r"\\\1", " ".join(text.split()))
    return re.sub(r"^(\d{1,9})([.)])", r"\1\\\2", re.sub(r"^([-+=>])", r"\\\1", text))


def _md_block(text: str) -> str:
    """Markdown from a guide, stripped, with any unclosed code fence closed so
    it cannot swallow the rest of the export."""
    text = _fill(text).strip("\n")
    fence = None
    for line in text.splitlines():
        m = re.match(r" {0,3}(`{3,}|~{3,})", line)
        if m and fence is None:
            fence = m.group(1)
        elif m and fence and m.group(1).startswith(fence) and not line.strip().strip(fence[0]):
            fence = None
    return text + (f"\n{fence}" if fence else "")


def _indent(text: str, prefix: str = "  ") -> str:
    return "\n".join((prefix + line) if line else "" for line in text.splitlines()).lstrip()


def to_markdown(guide: Guide) -> str:
    """The guide as Markdown, with `## N. Title` for each step and bodies verbatim."""
    lang = _lang(guide)
    out = [f"# {md_escape(guide.title)}"]
    if guide.summary:
        out.append(_md_block(guide.summary))
    meta = _meta(guide, lang)
    if meta:
        out.append("\n".join(f"- {md_escape(line)}" for line in meta))
    for n, step in enumerate(guide.steps, 1):
        out.append(f"## {n}. {md_escape(_fill(step.title))}")
        if step.body:
            out.append(_md_block(step.body))
        if step.warning:
            out += [f"### ⚠ {t('export.warning', lang)}", _md_block(step.warning)]
        if step.checklist:
            out += [f"### {t('export.checklist', lang)}",
                    "\n".join(f"- [ ] {md_escape(_fill(item))}" for item in step.checklist)]
        if step.ask:
            out += [f"### {t('export.question', lang)}", md_escape(_fill(step.ask.prompt))]
            items = []
            for label, words, _target, note in _options(guide, step, lang):
                item = f"- {md_escape(label)} → {md_escape(words)}"
                items.append(item + (f"\n\n  {_indent(_md_block(note))}\n" if note else ""))
            out.append("\n".join(items).rstrip())
        if step.notes:
            out += [f"### {t('export.notes', lang)}",
                    "\n".join(f"- {_indent(_md_block(note))}" for note in step.notes)]
        if step.show_support and guide.support:
            out += [f"### {t('export.support', lang)}", _md_contacts(guide, lang)]
        then = _then(guide, step, lang)
        if then:
            out.append(f"### {t('export.then', lang)} → {md_escape(then[0])}")
    if guide.support:
        out += [f"## {t('export.support', lang)}", _md_contacts(guide, lang)]
    if guide.finish and (guide.finish.title or guide.finish.body):
        out.append(f"## {md_escape(_fill(guide.finish.title or t('export.finish', lang)))}")
        if guide.finish.body:
            out.append(_md_block(guide.finish.body))
    return "\n\n".join(out) + "\n"


def _md_contacts(guide: Guide, lang: str) -> str:
    lines = []
    for c in guide.support:
        name, details = _contact(c, lang)
        lines.append(f"- **{md_escape(name)}**{t('export.name_sep', lang)}{md_escape(details)}")
    return "\n".join(lines)


# -- plain text ------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def markdown_parser() -> Any:
    """markdown-it set up for guide text: CommonMark, no raw HTML, no images
    (no outside files), and links only to https:, mailto: and tel:.
    Shared and cached: nothing may change it after this."""
    from markdown_it import MarkdownIt  # lazy: only exports need it

    md = MarkdownIt("commonmark", {"html": False}).disable("image")
    md.validateLink = lambda url: url.strip().lower().startswith(LINK_SCHEMES)
    return md


# The plain-text and HTML renderings live in export_text.py and export_html.py;
# they are imported here (after the shared pieces above) so this module stays
# the one place to import any export from.
from .export_text import display_width, markdown_to_text, to_text, wrap  # noqa: E402,F401

__all__ = ["FORMATS", "TEXT_WIDTH", "display_width", "export", "markdown_parser", "markdown_to_text",
           "md_escape", "to_html", "to_json", "to_markdown", "to_text", "wrap"]
from .export_html import to_html  # noqa: E402
