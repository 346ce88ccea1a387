"""A guide as one self-contained, printable HTML page (see guide_tui/export/__init__.py for the shape).

The page carries its main path as schema.org HowTo JSON-LD (export/howto.py), data
that runs nothing, and beside each support number or address its QR code as
inline SVG (export/qr.py), the disclaimer in the same list item.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import html

from guide_tui.core.conditional import Text
from guide_tui.core.links import link_allowed
from guide_tui.core.markdown import Block, Code, ListBlock, Paragraph, Quote, Span, parse
from guide_tui.core.model import Guide
from guide_tui.core.parts import Contact
from guide_tui.export import qr
from guide_tui.export.common import STEP_END, Plan, contact_parts, input_words, item_when, meta_lines, step_when
from guide_tui.export.howto import script_tag
from guide_tui.i18n import t


def _md_html(text: str) -> str:
    """Guide Markdown (its `{{key}}` already filled in) as HTML, drawn from the one parse
    (core/markdown.py): only allowed links are links, and they open nothing but a new page."""
    return "\n".join(_html_block(block) for block in parse(text).blocks)


def _html_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        tag = f"h{block.heading}" if block.heading else "p"
        return f"<{tag}>{_html_inline(block.spans)}</{tag}>"
    if isinstance(block, Code):
        return f"<pre><code>{_esc(block.text)}\n</code></pre>"
    if isinstance(block, Quote):
        return "<blockquote>\n" + "\n".join(_html_block(b) for b in block.blocks) + "\n</blockquote>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = []
        for item in block.items:
            if block.tight and all(isinstance(b, Paragraph) and not b.heading for b in item):
                inner = "\n".join(_html_inline(b.spans) for b in item if isinstance(b, Paragraph))
            else:
                inner = "\n".join(_html_block(b) for b in item)
            items.append(f"<li>{inner}</li>")
        return f"<{tag}{start}>\n" + "\n".join(items) + f"\n</{tag}>"
    return "<hr>"


def _html_inline(spans: tuple[Span, ...]) -> str:
    out = []
    for i, span in enumerate(spans):
        text = _esc(span.text).replace("\n", "<br>\n")
        if span.code:
            text = f"<code>{text}</code>"
        if span.emphasis:
            text = f"<em>{text}</em>"
        if span.strong:
            text = f"<strong>{text}</strong>"
        link = span.link
        if link and (i == 0 or spans[i - 1].link != link):
            text = f'<a href="{_esc(link)}" rel="noopener noreferrer">' + text
        if link and (i + 1 == len(spans) or spans[i + 1].link != link):
            text += "</a>"
        out.append(text)
    return "".join(out)


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
.branch { color: #333; font-style: italic; margin: 0 0 .6em; }
.meta { color: #333; padding-left: 1.2em; }
section { margin: 1.6em 0; }
.step { border: 1px solid #bbb; border-radius: 6px; padding: 1em 1.2em; }
.warning { border: 2px solid #b00; background: #fff3f3; padding: .5em .8em; border-radius: 4px; }
.confirm { border: 2px solid #111; padding: .5em .8em; border-radius: 4px; margin: 1em 0; }
.when { color: #333; font-style: italic; }
.blank { display: inline-block; min-width: 12em; border-bottom: 1px solid #111; }
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
.codes { display: flex; flex-wrap: wrap; gap: 1em; margin: .4em 0; }
.codes figure { margin: 0; text-align: center; font-size: .85em; }
.codes svg { display: block; width: 8em; height: 8em; }
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
    """One self-contained, printable HTML page: inline CSS, no script that runs (only the
    HowTo JSON-LD, which is data), no outside files; the steps numbered and ordered as the
    walker shows them (see Plan)."""
    plan = Plan(guide)
    lang, fill = plan.lang, plan.fill

    def markdown(text: str) -> str:
        return _md_html(fill(text))

    out = [f"<header><h1>{_esc(guide.title)}</h1>"]
    if guide.summary:
        out.append(f'<div class="summary">{markdown(guide.summary)}</div>')
    meta = meta_lines(plan)
    if meta:
        out.append('<ul class="meta">' + "".join(f"<li>{_esc(m)}</li>" for m in meta) + "</ul>")
    out.append("</header>")
    for entry in plan.entries:
        step = entry.step
        out.append(f'<section class="step" id="step-{_esc(step.id)}">')
        number = t("export.step", lang, n=entry.number)
        out.append(f'<h2><span class="num">{_esc(number)}</span> {_esc(fill(step.title))}</h2>')
        branch = plan.branch_words(entry)
        if branch:
            out.append(f'<p class="branch">↳ {_esc(branch)}</p>')
        shown_when = step_when(plan, step)
        if shown_when:
            out.append(f'<p class="when">⤷ {_esc(shown_when)}</p>')
        for block in step.body.blocks if step.body else ():
            words = item_when(plan, block)
            if words:
                out.append(
                    f'<div class="body when-block"><p class="when">⤷ {_esc(words)}</p>{markdown(block.text)}</div>'
                )
            else:
                out.append(f'<div class="body">{markdown(block.text)}</div>')
        if step.warning:
            out.append(f'<div class="warning" role="note"><strong>⚠ {_esc(t("export.warning", lang))}</strong>')
            for item in step.warning.blocks:
                out.append(_html_when(plan, item) + markdown(item.text))
            out.append("</div>")
        if step.ask:
            out.append(
                f'<h3>{_esc(t("export.question", lang))}</h3><p class="prompt">{_esc(fill(step.ask.prompt))}</p>'
            )
            if step.ask.typed:
                out.append(
                    f'<p class="answer">{_esc(t("export.answer_line", lang))} <span class="blank"></span> '
                    f'<span class="when">({_esc(input_words(step.ask, lang))})</span></p>'
                )
            else:
                out.append('<ul class="boxes ask">')
                for label, words, target, note in plan.answers_where(step):
                    out.append(
                        f'<li><label><input type="radio" name="ask-{_esc(step.ask.key)}">'
                        f"<span>{_esc(label)} {_html_where(words, target)}</span></label>"
                    )
                    if note:
                        out.append(f'<div class="note">{markdown(note)}</div>')
                    out.append("</li>")
                out.append("</ul>")
        if step.checklist:
            out.append(f'<h3>{_esc(t("export.checklist", lang))}</h3><ul class="boxes checklist">')
            out += [
                f'<li><label><input type="checkbox"><span>{_esc(fill(item.text))}{_html_when(plan, item)}'
                "</span></label></li>"
                for item in step.checklist
            ]
            out.append("</ul>")
        if step.notes:
            out.append(f'<h3>{_esc(t("export.notes", lang))}</h3><ul class="notes">')
            out += [f"<li>{markdown(note.text)}{_html_when(plan, note)}</li>" for note in step.notes]
            out.append("</ul>")
        if step.confirm:
            out.append(
                f'<div class="confirm" role="note"><strong>✋ {_esc(t("export.confirm", lang))}</strong>'
                f"{markdown(step.confirm)}"
                f'<ul class="boxes"><li><label><input type="checkbox"><span>{_esc(t("export.confirm_box", lang))}'
                "</span></label></li></ul></div>"
            )
        if step.show_support and guide.support:
            out.append(f"<h3>{_esc(t('export.support', lang))}</h3>{_html_contacts(guide, lang)}")
        then = plan.next_where(step)
        if then:
            out.append(f'<p class="then">{_esc(t("export.then", lang))} {_html_where(*then)}</p>')
        if step.finish:
            title = fill(step.finish.title or t("export.finish", lang))
            out.append(f'<div class="finish"><h3>{STEP_END} {_esc(t("export.step_finish", lang, title=title))}</h3>')
            if step.finish.body:
                out.append(markdown(step.finish.body))
            out.append("</div>")
        out.append("</section>")
    if guide.support:
        out.append(
            f'<section class="support" id="support"><h2>{_esc(t("export.support", lang))}</h2>'
            f"{_html_contacts(guide, lang)}</section>"
        )
    if guide.finish and (guide.finish.title or guide.finish.body):
        out.append(
            f'<section class="finish" id="finish"><h2>{_esc(fill(guide.finish.title or t("export.finish", lang)))}</h2>'
        )
        if guide.finish.body:
            out.append(markdown(guide.finish.body))
        out.append("</section>")
    return (
        f'<!DOCTYPE html>\n<html lang="{_esc(guide.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(guide.title)}</title>\n<style>{_CSS}</style>\n{script_tag(guide)}\n</head>\n<body>\n<main>\n"
        + "\n".join(out)
        + "\n</main>\n</body>\n</html>\n"
    )


def _html_when(plan: Plan, item: Text) -> str:
    """ " (only if …)" after a conditional item, as its own span."""
    words = item_when(plan, item)
    return f' <span class="when">({_esc(words)})</span>' if words else ""


def _html_contacts(guide: Guide, lang: str) -> str:
    codes = qr.codes_of(guide)
    items = []
    for c in guide.support:
        name, _details = contact_parts(c, lang)
        parts = []
        if c.phone:
            tel = qr.tel_uri(c.phone)
            parts.append(
                _esc(t("export.phone", lang, phone="\x00")).replace(
                    "\x00", f'<a href="{_esc(tel)}">{_esc(c.phone)}</a>'
                )
            )
        if c.url:
            link = (
                f'<a href="{_esc(c.url)}" rel="noopener noreferrer">{_esc(c.url)}</a>'
                if link_allowed(c.url)
                else _esc(c.url)
            )
            parts.append(_esc(t("export.link", lang, url="\x00")).replace("\x00", link))
        if c.channel:
            parts.append(_esc(c.channel))
        if c.disclaimer:
            parts[0] = _with_disclaimer(parts[0], c.disclaimer, lang)
        if c.hours:
            parts.append(_esc(t("export.hours", lang, hours=c.hours)))
        items.append(
            f"<li><strong>{_esc(name)}</strong>{_esc(t('export.name_sep', lang))}"
            + _esc(t("export.list_sep", lang)).join(parts)
            + _html_codes(c, codes, lang)
            + "</li>"
        )
    return '<ul class="contacts">' + "".join(items) + "</ul>"


def _with_disclaimer(html: str, disclaimer: str, lang: str) -> str:
    """A number or address (HTML) with its disclaimer right beside it, as data."""
    around = _esc(t("export.with_disclaimer", lang, text="\x00", disclaimer="\x01"))
    caveat = f'<span class="disclaimer">{_esc(" ".join(disclaimer.split()))}</span>'
    return around.replace("\x00", html).replace("\x01", caveat)


def _html_codes(contact: Contact, codes: list[qr.Code], lang: str) -> str:
    """The contact's QR codes, in the list item that holds its number and disclaimer; each
    caption, the number or address the code holds, has the disclaimer beside it too (a
    page printed or cut apart may keep the code and its caption only)."""
    figures = []
    for code in codes:
        if code.contact is not contact:
            continue
        caption = _esc(code.shown)
        if contact.disclaimer:
            caption = _with_disclaimer(caption, contact.disclaimer, lang)
        figures.append(
            f"<figure>{qr.svg(code.data, t('export.qr', lang, data=code.data))}<figcaption>{caption}</figcaption></figure>"
        )
    return f'<div class="codes">{"".join(figures)}</div>' if figures else ""
