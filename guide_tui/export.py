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
import html
import json
import re
import unicodedata
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

_NO_LINE_START = set(",.;:!?)]}»、。,.;:!?)]}》」』】〉”’…—%")
_OPENERS = set("([{«(【《「『〈“‘")


def display_width(text: str) -> int:
    """Columns a text takes in a terminal or on paper (CJK wide characters count 2)."""
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _pieces(line: str) -> list[tuple[str, bool]]:
    """Unbreakable pieces of a line, each with whether a space comes before it.
    In mostly-CJK text every CJK character is a piece (punctuation kept with
    its neighbour); in mostly-Latin text whole words are, Chinese ones too."""
    wide_text = sum(_char_width(ch) == 2 for ch in line) * 2 > len(line.replace(" ", ""))
    out: list[tuple[str, bool]] = []
    for m in re.finditer(r"(\s*)(\S+)", line):
        space = bool(m.group(1)) and bool(out)
        if not wide_text:
            out.append((m.group(2), space))
            continue
        for i, ch in enumerate(m.group(2)):
            glue = i > 0 and (ch in _NO_LINE_START or out[-1][0][-1] in _OPENERS
                              or not (_char_width(ch) == 2 or _char_width(out[-1][0][-1]) == 2))
            if glue:
                out[-1] = (out[-1][0] + ch, out[-1][1])
            else:
                out.append((ch, space if i == 0 else False))
    return out


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Lines of at most `width` columns (a longer word stands alone), `first`
    before the first line and `rest` before the others; "\\n" breaks a line."""
    lines: list[str] = []
    for part in text.split("\n"):
        line, empty = (first if not lines else rest), True
        used = display_width(line)
        for piece, space in _pieces(part):
            add = (" " if space and not empty else "") + piece
            if not empty and used + display_width(add) > width:
                lines.append(line.rstrip())
                line, used, add = rest, display_width(rest), piece
            line, used, empty = line + add, used + display_width(add), False
        lines.append(line.rstrip())
    return lines


def _joins(a: str, b: str) -> bool:
    """Whether a soft line break between a and b is nothing (CJK text, or CJK
    and punctuation, as CSS does) rather than a space."""
    def cjk(ch: str) -> bool:
        return _char_width(ch) == 2

    def punct(ch: str) -> bool:
        return unicodedata.category(ch).startswith("P")

    return (cjk(a) or punct(a)) and (cjk(b) or punct(b)) and (cjk(a) or cjk(b))


def _join_soft(text: str) -> str:
    return re.sub(r"(.)\x1e(.)", lambda m: m[1] + ("" if _joins(m[1], m[2]) else " ") + m[2],
                  text).replace("\x1e", " ")


def _inline_plain(tok: Any) -> str:
    out, links = [], []
    for child in tok.children or ():
        if child.type == "text":
            out.append(child.content)
        elif child.type == "code_inline":
            out.append(f"`{child.content}`")
        elif child.type == "softbreak":
            out.append("\x1e")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "link_open":
            links.append((len(out), child.attrGet("href") or ""))
        elif child.type == "link_close" and links:
            at, href = links.pop()
            label = "".join(out[at:])
            if href.removeprefix("mailto:").removeprefix("tel:") != label:
                out.append(f" <{href}>")
    return _join_soft("".join(out))


def markdown_to_text(text: str, width: int, indent: str = "") -> list[str]:
    """Guide Markdown as wrapped plain-text lines: lists keep their markers,
    quotes their `>`, code its own lines."""
    lines: list[str] = []
    lists: list[int | None] = []
    marker, quote = "", ""
    for tok in markdown_parser().parse(_md_block(text)):
        pad = indent + quote + "   " * max(0, len(lists) - 1)
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(None if tok.type.startswith("bullet") else int(tok.attrGet("start") or 1))
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif tok.type == "list_item_open":
            n = lists[-1]
            marker = "-  " if n is None else f"{n}. "
            if n is not None:
                lists[-1] = n + 1
        elif tok.type == "blockquote_open":
            quote += "> "
        elif tok.type == "blockquote_close":
            quote = quote[:-2]
        elif tok.type == "inline":
            body = pad + ("   " if lists else "")
            if lines and lines[-1].strip() and not marker:
                lines.append(pad.rstrip() if not lists else "")
            lines += wrap(_inline_plain(tok), width, (pad + marker) if marker else body, body)
            marker = ""
        elif tok.type in ("fence", "code_block"):
            if lines and lines[-1].strip():
                lines.append("")
            lines += [pad + "    " + line for line in tok.content.rstrip("\n").split("\n")]
        elif tok.type == "hr":
            lines.append(pad + "-" * 20)
    return lines


def to_text(guide: Guide, width: int = TEXT_WIDTH) -> str:
    """The guide as plain text wrapped to `width` columns (CJK counts double)."""
    lang = _lang(guide)
    out: list[str] = []

    def heading(text: str, rule: str) -> None:
        lines = wrap(text, width)
        out.extend(["", *lines, rule * min(width, max(map(display_width, lines)))])

    def part(label: str) -> None:
        out.extend(["", label + t("export.label_sep", lang)])

    heading(guide.title, "=")
    if guide.summary:
        out += ["", *markdown_to_text(guide.summary, width)]
    meta = _meta(guide, lang)
    if meta:
        out.append("")
        for line in meta:
            out += wrap(line, width)
    for n, step in enumerate(guide.steps, 1):
        out.append("")
        heading(t("export.step_ref", lang, n=n, title=_fill(step.title)), "-")
        if step.body:
            out += ["", *markdown_to_text(step.body, width)]
        if step.warning:
            part("⚠ " + t("export.warning", lang))
            out += markdown_to_text(step.warning, width, "  ")
        if step.checklist:
            part(t("export.checklist", lang))
            for item in step.checklist:
                out += wrap(_fill(item), width, "  [ ] ", "      ")
        if step.ask:
            part(t("export.question", lang))
            out += wrap(_fill(step.ask.prompt), width, "  ", "  ")
            for label, words, _target, note in _options(guide, step, lang):
                out += wrap(f"{label} → {words}", width, "  ( ) ", "      ")
                if note:
                    out += markdown_to_text(note, width, "      ")
        if step.notes:
            part(t("export.notes", lang))
            for note in step.notes:
                lines = markdown_to_text(note, width, "    ")
                out += ["  - " + lines[0][4:], *lines[1:]]
        if step.show_support and guide.support:
            part(t("export.support", lang))
            out += _text_contacts(guide, lang, width)
        then = _then(guide, step, lang)
        if then:
            out += ["", *wrap(f"{t('export.then', lang)} → {then[0]}", width)]
    if guide.support:
        out.append("")
        heading(t("export.support", lang), "-")
        out += ["", *_text_contacts(guide, lang, width)]
    if guide.finish and (guide.finish.title or guide.finish.body):
        out.append("")
        heading(_fill(guide.finish.title or t("export.finish", lang)), "-")
        if guide.finish.body:
            out += ["", *markdown_to_text(guide.finish.body, width)]
    return "\n".join(out).strip("\n") + "\n"


def _text_contacts(guide: Guide, lang: str, width: int) -> list[str]:
    lines = []
    for c in guide.support:
        name, details = _contact(c, lang)
        lines += wrap(f"{name}{t('export.name_sep', lang)}{details}", width, "  - ", "    ")
    return lines


# -- HTML ------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def markdown_parser() -> Any:
    """markdown-it set up for guide text: CommonMark, no raw HTML, no images
    (no outside files), and links only to https:, mailto: and tel:.
    Shared and cached: nothing may change it after this."""
    from markdown_it import MarkdownIt  # lazy: only exports need it

    md = MarkdownIt("commonmark", {"html": False}).disable("image")
    md.validateLink = lambda url: url.strip().lower().startswith(LINK_SCHEMES)
    return md


def _md_html(md: Any, text: str) -> str:
    tokens = md.parse(_md_block(text))
    for tok in tokens:
        kids = tok.children or []
        for i, child in enumerate(kids):
            if child.type == "link_open":
                child.attrSet("rel", "noopener noreferrer")
            elif child.type == "softbreak" and 0 < i < len(kids) - 1 and kids[i - 1].content \
                    and kids[i + 1].content and _joins(kids[i - 1].content[-1], kids[i + 1].content[0]):
                child.type = "text"  # a browser would show a space between CJK lines
    return md.renderer.render(tokens, md.options, {}).strip()


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _html_where(words: str, target: str | None) -> str:
    link = f'<a href="#step-{_esc(target)}">{_esc(words)}</a>' if target else _esc(words)
    return f'<span class="to">→ {link}</span>'


_CSS = """
:root { color-scheme: light; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
  "PingFang SC", "Microsoft YaHei", sans-serif; color: #111; background: #fff; margin: 0; }
main { max-width: 46em; margin: 0 auto; padding: 1.5em; }
h1 { font-size: 1.7em; margin: 0 0 .4em; }
h2 { font-size: 1.25em; margin: 0 0 .5em; border-bottom: 1px solid #999; padding-bottom: .2em; }
h3 { font-size: 1em; margin: 1em 0 .3em; }
.num { color: #555; margin-right: .4em; }
.meta { color: #333; padding-left: 1.2em; }
section { margin: 1.6em 0; }
.step { border: 1px solid #bbb; border-radius: 6px; padding: 1em 1.2em; }
.warning { border: 2px solid #b00; background: #fff3f3; padding: .5em .8em; border-radius: 4px; }
ul.boxes { list-style: none; padding-left: .2em; }
ul.boxes li { margin: .35em 0; }
ul.boxes label { display: flex; gap: .6em; align-items: baseline; }
input { appearance: none; -webkit-appearance: none; flex: none; width: 1em; height: 1em; margin: 0;
  border: 2px solid #111; background: #fff; position: relative; top: .15em; }
input[type=radio] { border-radius: 50%; }
input:checked { background: #111; box-shadow: inset 0 0 0 2px #fff; }
.to { color: #333; white-space: nowrap; }
.note { margin: .2em 0 0 1.6em; color: #333; }
.contacts li { margin: .3em 0; }
.disclaimer { font-weight: 600; }
a { color: #0645ad; }
@page { margin: 15mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .step, .contacts li, .ask li { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; }
  a[href^="https:"]::after { content: " (" attr(href) ")"; font-size: .9em; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def to_html(guide: Guide) -> str:
    """One self-contained, printable HTML page: inline CSS, no script, no outside files."""
    lang, md = _lang(guide), markdown_parser()
    out = [f'<header><h1>{_esc(guide.title)}</h1>']
    if guide.summary:
        out.append(f'<div class="summary">{_md_html(md, guide.summary)}</div>')
    meta = _meta(guide, lang)
    if meta:
        out.append('<ul class="meta">' + "".join(f"<li>{_esc(m)}</li>" for m in meta) + "</ul>")
    out.append("</header>")
    for n, step in enumerate(guide.steps, 1):
        out.append(f'<section class="step" id="step-{_esc(step.id)}">')
        out.append(f'<h2><span class="num">{_esc(t("export.step", lang, n=n))}</span> {_esc(_fill(step.title))}</h2>')
        if step.body:
            out.append(f'<div class="body">{_md_html(md, step.body)}</div>')
        if step.warning:
            out.append(f'<div class="warning" role="note"><strong>⚠ {_esc(t("export.warning", lang))}</strong>'
                       f"{_md_html(md, step.warning)}</div>")
        if step.checklist:
            out.append(f'<h3>{_esc(t("export.checklist", lang))}</h3><ul class="boxes checklist">')
            out += [f'<li><label><input type="checkbox"><span>{_esc(_fill(item))}</span></label></li>'
                    for item in step.checklist]
            out.append("</ul>")
        if step.ask:
            out.append(f'<h3>{_esc(t("export.question", lang))}</h3><p class="prompt">{_esc(_fill(step.ask.prompt))}</p>')
            out.append('<ul class="boxes ask">')
            for label, words, target, note in _options(guide, step, lang):
                out.append(f'<li><label><input type="radio" name="ask-{_esc(step.ask.key)}">'
                           f"<span>{_esc(label)} {_html_where(words, target)}</span></label>")
                if note:
                    out.append(f'<div class="note">{_md_html(md, note)}</div>')
                out.append("</li>")
            out.append("</ul>")
        if step.notes:
            out.append(f'<h3>{_esc(t("export.notes", lang))}</h3><ul class="notes">')
            out += [f"<li>{_md_html(md, note)}</li>" for note in step.notes]
            out.append("</ul>")
        if step.show_support and guide.support:
            out.append(f'<h3>{_esc(t("export.support", lang))}</h3>{_html_contacts(guide, lang)}')
        then = _then(guide, step, lang)
        if then:
            out.append(f'<p class="then">{_esc(t("export.then", lang))} {_html_where(*then)}</p>')
        out.append("</section>")
    if guide.support:
        out.append(f'<section class="support" id="support"><h2>{_esc(t("export.support", lang))}</h2>'
                   f"{_html_contacts(guide, lang)}</section>")
    if guide.finish and (guide.finish.title or guide.finish.body):
        out.append(f'<section class="finish" id="finish"><h2>{_esc(_fill(guide.finish.title or t("export.finish", lang)))}</h2>')
        if guide.finish.body:
            out.append(_md_html(md, guide.finish.body))
        out.append("</section>")
    return (f'<!DOCTYPE html>\n<html lang="{_esc(guide.language)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(guide.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(out) + "\n</main>\n</body>\n</html>\n")


def _html_contacts(guide: Guide, lang: str) -> str:
    items = []
    for c in guide.support:
        name, _details = _contact(c, lang)
        parts = []
        if c.phone:
            tel = "tel:" + re.sub(r"[^0-9+]", "", c.phone)
            parts.append(_esc(t("export.phone", lang, phone="\x00")).replace(
                "\x00", f'<a href="{_esc(tel)}">{_esc(c.phone)}</a>'))
        if c.url:
            link = (f'<a href="{_esc(c.url)}" rel="noopener noreferrer">{_esc(c.url)}</a>'
                    if c.url.lower().startswith(LINK_SCHEMES) else _esc(c.url))
            parts.append(_esc(t("export.link", lang, url="\x00")).replace("\x00", link))
        if c.channel:
            parts.append(_esc(c.channel))
        if c.disclaimer:
            around = _esc(t("export.with_disclaimer", lang, text="\x00", disclaimer="\x01"))
            caveat = f'<span class="disclaimer">{_esc(" ".join(c.disclaimer.split()))}</span>'
            parts[0] = around.replace("\x00", parts[0]).replace("\x01", caveat)
        if c.hours:
            parts.append(_esc(t("export.hours", lang, hours=c.hours)))
        items.append(f"<li><strong>{_esc(name)}</strong>{_esc(t('export.name_sep', lang))}"
                     + _esc(t("export.list_sep", lang)).join(parts) + "</li>")
    return '<ul class="contacts">' + "".join(items) + "</ul>"
