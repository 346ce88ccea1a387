"""What each line of an article marks: a step word, a numbered or bulleted item, a heading.

    classify("第一步：登录")      # Marker("step", 1, ...)
    markers(lines)               # every marked line, in order
    runs(found, "number")        # the markers of one kind that follow on from each other

procedure.py decides from these which of them are the article's steps.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guide_tui.importer.shape import cn_number, fenced

_N = r"[一二三四五六七八九十]{1,3}|\d{1,3}"
_EN_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_STEP = re.compile(
    r"^(?:\d{1,2}(?=step))?(?:第\s*("
    + _N
    + r")\s*步|步\s*[骤驟]\s*("
    + _N
    + r")|step\s*(\d{1,3}|"
    + "|".join(_EN_NUMBERS)
    + r")(?![\w]))"
    r"\s*+(?:[:：、.．,，)）\-–—]\s*+)?",
    re.I,
)
CHINESE_SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*")
_PAREN = re.compile(r"^[(（](\d{1,2}|[一二三四五六七八九十]{1,3})[)）]\s*")
_NUMBER = re.compile(r"^(\d{1,3})(?:[.．](?![\d.])|[、)）])\s*")
_BULLET = re.compile(r"^([-*+•·・▪●◦‣])(?:\s++|$)")
_MD = re.compile(r"^(#{1,6})(?:\s++|$)")
_QUOTE = re.compile(r"^>\s*")


@dataclass
class Marker:
    """A line that could start a step."""

    index: int
    kind: str  # step, cn, paren, number, bullet
    number: int
    rest: str
    indent: int
    level: int = 0  # Markdown heading level, 0 for a plain line


def _strip_emphasis(text: str) -> str:
    text = text.strip()
    for _ in range(2):
        if len(text) > 4 and text[:2] in ("**", "__") and text[2:].find(text[:2]) > 0:
            close = text.find(text[:2], 2)
            text = (text[2:close] + " " + text[close + 2 :]).strip() if close > 0 else text
    return text


def classify(line: str) -> Marker | None:
    """The step marker a line starts with, if any (index is set by the caller)."""
    indent = len(line) - len(line.lstrip(" \t"))
    text = line.strip()
    level = 0
    m = _MD.match(text)
    if m:
        level = len(m.group(1))
        text = text[m.end() :].rstrip("#").strip()
    text = _QUOTE.sub("", text) if text.startswith(">") else text
    text = _strip_emphasis(text)
    bullet = _BULLET.match(text)
    if bullet:
        inner = text[bullet.end() :].strip()
        step = _STEP.match(_strip_emphasis(inner))
        if step and (step.group(0) != "" and _step_number(step) is not None):
            return Marker(0, "step", _step_number(step) or 0, _strip_emphasis(inner)[step.end() :], indent, level)
        return Marker(0, "bullet", 0, inner, indent, level)
    step = _STEP.match(text)
    if step and _step_number(step) is not None:
        return Marker(0, "step", _step_number(step) or 0, text[step.end() :], indent, level)
    for kind, pattern in (("cn", CHINESE_SECTION), ("paren", _PAREN), ("number", _NUMBER)):
        m = pattern.match(text)
        if m and text[m.end() :].strip():
            number = cn_number(m.group(1))
            if number is not None:
                return Marker(0, kind, number, text[m.end() :], indent, level)
    return None


def _step_number(m: re.Match[str]) -> int | None:
    word = next((g for g in m.groups() if g), "")
    if word.lower() in _EN_NUMBERS:
        return _EN_NUMBERS.index(word.lower()) + 1
    return cn_number(word)


def markers(lines: list[str]) -> list[Marker]:
    """Every line outside code that could start a step; a "-" alone on a line takes the next line."""
    code = fenced(lines)
    out: list[Marker] = []
    for i, line in enumerate(lines):
        if code[i] or not line.strip():
            continue
        if line.strip() in ("-", "•", "*") and i + 1 < len(lines) and lines[i + 1].strip():
            nxt = classify("- " + lines[i + 1].strip())
            if nxt:
                nxt.index, nxt.indent = i, len(line) - len(line.lstrip())
                out.append(nxt)
            continue
        if i > 0 and lines[i - 1].strip() in ("-", "•", "*") and out and out[-1].index == i - 1:
            continue  # the text of a "-" line, taken above
        m = classify(line)
        if m:
            m.index = i
            out.append(m)
    return out


def runs(found: list[Marker], kind: str) -> list[list[Marker]]:
    """Runs of markers of one kind numbered 1, 2, 3 … (or all "1." as Markdown allows);
    bullets: items in a row with nothing but their own text between them."""
    out: list[list[Marker]] = []
    run: list[Marker] = []
    for m in found:
        if m.kind != kind:
            if kind != "bullet" and m.kind in ("step", "cn") and run and m.kind != kind:
                out.append(run)
                run = []
            continue
        if kind == "bullet":
            if run and (m.indent > run[0].indent + 1):
                continue  # a nested bullet belongs to the item above
            run.append(m)
            continue
        if run and (m.number == run[-1].number + 1 or (m.number == 1 and all(x.number == 1 for x in run))):
            if m.indent <= run[0].indent + 1:
                run.append(m)
            continue
        if run and m.indent > run[0].indent + 1:
            continue  # a nested list inside an item
        if run:
            out.append(run)
        run = [m]
    if run:
        out.append(run)
    return [r for r in out if len(r) >= 2]
