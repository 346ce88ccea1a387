"""Text a page ran together, set apart before the procedure is looked for: steps one
after another in one paragraph ("… settings. Step 1: … Step 2: …", "1. 登录… 2. 点击…",
"* 一项。 * 另一项。") and a heading glued to the end of a sentence ("…银行卡。注意事项:").
article.py calls `split_inline_steps` on the article's lines.  This module imports
nothing from Textual or Rich.
"""

from __future__ import annotations

import itertools
import re

from guide_tui.importer import words
from guide_tui.importer.markers import classify
from guide_tui.importer.shape import fenced

# Where a step may start inside a line, by kind (classify's), and how many in a row it takes:
# step words ("Step 2:", "第二步："), numbers ("2. ", "2、"), bullets ("* ", "• ").
_INLINE = (
    (
        "step",
        re.compile(r"(?:step|STEP|Step)\s*\d{1,3}\s*[:：]|第\s*(?:[一二三四五六七八九十]{1,3}|\d{1,3})\s*步\s*[:：、]"),
        2,
    ),
    ("number", re.compile(r"\d{1,2}(?:\.(?=\s)|、)"), 3),
    ("bullet", re.compile(r"[*•](?=\s)"), 2),
)
# A heading glued to the end of a sentence, as a page's text runs them on ("…银行卡。注意事项:").
_GLUED_AFTER = re.compile(
    r"(?<=[。！？.!?])\s*((?:注意事项|注意事項|温馨提示|溫馨提示|总结|總結|tips|notes?|conclusion|summary)\s*[:：])\s*$",
    re.I,
)


def split_inline_steps(lines: list[str]) -> list[str]:
    """Lines with the steps one after another in one paragraph ("… settings. Step 1: Unplug
    the router. Step 2: Test …", "1. 登录… 2. 点击… 3. …", "* 一项。 * 另一项。", as a page's
    text often comes) as one line a step, the text before the first a line of its own, and a
    heading glued to a sentence's end ("…。注意事项:") a line of its own.  Each must follow the
    end of a sentence and be of one kind, numbered one after another, two or more in a row
    (numbers: three): "in step 2: …" or "costs 2. 5" inside a sentence stays."""
    out: list[str] = []
    code = fenced(lines)
    for line, in_code in zip(lines, code, strict=True):
        if in_code:
            out.append(line)
            continue
        for kind, pattern, least in _INLINE:
            pieces = _inline_pieces(line, kind, pattern, least)
            if pieces:
                break
        else:
            pieces = [line]
        for piece in pieces:
            glued = _GLUED_AFTER.search(piece)
            out += (
                [piece[: glued.start()].rstrip(), glued.group(1)] if glued and glued.start() else _asides_apart(piece)
            )
    return out


def _asides_apart(line: str) -> list[str]:
    """A line with each note or warning glued after one of its sentences ("打开设置。 注意：…",
    "Open Settings. Note: …") on a line of its own, as a page runs an item's paragraphs on."""
    cuts = [m.start() for m in words.GLUED_ASIDE.finditer(line) if _LETTER.search(line[: m.start()])]
    if not cuts:
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    pieces = [line[a:b].strip() for a, b in itertools.pairwise([0, *cuts, len(line)])]
    return [line[: cuts[0]].rstrip()] + [indent + piece for piece in pieces[1:]]


_LETTER = re.compile(r"[^\W\d_]")  # a word before the label, not only a list number ("2. Note: …")


def _inline_pieces(line: str, kind: str, pattern: re.Pattern[str], least: int) -> list[str] | None:
    cuts = [m.start() for m in pattern.finditer(line) if _after_sentence(line, m.start())]
    if len(cuts) < least:
        return None
    pieces = [line[a:b].strip() for a, b in itertools.pairwise([*cuts, len(line)])]
    found = [classify(piece) for piece in pieces]
    if not all(m is not None and m.kind == kind for m in found):
        return None
    numbers = [m.number for m in found if m is not None]
    if kind != "bullet" and not all(b == a + 1 for a, b in itertools.pairwise(numbers)):
        return None
    before = line[: cuts[0]].strip()
    return ([before] if before else []) + pieces


def _after_sentence(line: str, at: int) -> bool:
    """Whether only spaces stand between `at` and the start of the line or the end of a
    sentence (looked at backwards, without copying the line: it can be 1 MiB long)."""
    i = at - 1
    while i >= 0 and line[i].isspace():
        i -= 1
    return i < 0 or line[i] in _SENTENCE_ENDS


_SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", ")", "）")
