"""A guide as plain text for printing or pasting: wrapped at 72 columns, with
Chinese characters counted as two columns (see guide_tui/export/__init__.py for the shape).

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from guide_tui.core.model import Guide
from guide_tui.export.common import (
    TEXT_WIDTH,
    answers_where,
    contact_parts,
    fill,
    language_of,
    markdown_parser,
    md_block,
    meta_lines,
    next_where,
)
from guide_tui.i18n import t

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
            glue = i > 0 and (
                ch in _NO_LINE_START
                or out[-1][0][-1] in _OPENERS
                or not (_char_width(ch) == 2 or _char_width(out[-1][0][-1]) == 2)
            )
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


def soft_break_joins(a: str, b: str) -> bool:
    """Whether a soft line break between a and b is nothing (CJK text, or CJK
    and punctuation, as CSS does) rather than a space."""

    def cjk(ch: str) -> bool:
        return _char_width(ch) == 2

    def punct(ch: str) -> bool:
        return unicodedata.category(ch).startswith("P")

    return (cjk(a) or punct(a)) and (cjk(b) or punct(b)) and (cjk(a) or cjk(b))


def _join_soft(text: str) -> str:
    return re.sub(r"(.)\x1e(.)", lambda m: m[1] + ("" if soft_break_joins(m[1], m[2]) else " ") + m[2], text).replace(
        "\x1e", " "
    )


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
    for tok in markdown_parser().parse(md_block(text)):
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
    lang = language_of(guide)
    out: list[str] = []

    def heading(text: str, rule: str) -> None:
        lines = wrap(text, width)
        out.extend(["", *lines, rule * min(width, max(map(display_width, lines)))])

    def part(label: str) -> None:
        out.extend(["", label + t("export.label_sep", lang)])

    heading(guide.title, "=")
    if guide.summary:
        out += ["", *markdown_to_text(guide.summary, width)]
    meta = meta_lines(guide, lang)
    if meta:
        out.append("")
        for line in meta:
            out += wrap(line, width)
    for n, step in enumerate(guide.steps, 1):
        out.append("")
        heading(t("export.step_ref", lang, n=n, title=fill(step.title)), "-")
        if step.body:
            out += ["", *markdown_to_text(step.body, width)]
        if step.warning:
            part("⚠ " + t("export.warning", lang))
            out += markdown_to_text(step.warning, width, "  ")
        if step.checklist:
            part(t("export.checklist", lang))
            for item in step.checklist:
                out += wrap(fill(item), width, "  [ ] ", "      ")
        if step.ask:
            part(t("export.question", lang))
            out += wrap(fill(step.ask.prompt), width, "  ", "  ")
            for label, words, _target, note in answers_where(guide, step, lang):
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
        then = next_where(guide, step, lang)
        if then:
            out += ["", *wrap(f"{t('export.then', lang)} → {then[0]}", width)]
        if step.finish:
            title = fill(step.finish.title or t("export.finish", lang))
            out += ["", *wrap("✓ " + t("export.step_finish", lang, title=title) + t("export.label_sep", lang), width)]
            if step.finish.body:
                out += markdown_to_text(step.finish.body, width, "  ")
    if guide.support:
        out.append("")
        heading(t("export.support", lang), "-")
        out += ["", *_text_contacts(guide, lang, width)]
    if guide.finish and (guide.finish.title or guide.finish.body):
        out.append("")
        heading(fill(guide.finish.title or t("export.finish", lang)), "-")
        if guide.finish.body:
            out += ["", *markdown_to_text(guide.finish.body, width)]
    return "\n".join(out).strip("\n") + "\n"


def _text_contacts(guide: Guide, lang: str, width: int) -> list[str]:
    lines = []
    for c in guide.support:
        name, details = contact_parts(c, lang)
        lines += wrap(f"{name}{t('export.name_sep', lang)}{details}", width, "  - ", "    ")
    return lines
