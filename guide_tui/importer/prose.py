"""Steps written as prose (首先 … 然后 … 最后, First … Then … Finally) or as headings that
came as plain lines (a page copied as text): the two ways procedure.find tries last.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re

from guide_tui.core.text_breaks import soft_break
from guide_tui.i18n import Message
from guide_tui.importer import facts, words
from guide_tui.importer.found import Found
from guide_tui.importer.shape import Heading, Section


def joined(sentences: list[str]) -> str:
    """Sentences as one text: a space between English ones, none after a Chinese one (。)."""
    text = ""
    for sentence in sentences:
        text += (soft_break(text, sentence) if text else "") + sentence
    return text


_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+•·・]|\d{1,3}[.)、])\s+(\S.*)$")


def prose(lines: list[str]) -> Found | None:
    """Steps written as prose: sentences that start with 首先 … 然后 … 最后 / First … Then … Finally."""
    starts: list[tuple[int, int]] = []  # (line, sentence index)
    paragraphs = [(i, facts.sentences(line)) for i, line in enumerate(lines) if line.strip()]
    for i, sents in paragraphs:
        for k, s in enumerate(sents):
            if (words.SEQUENCE_FIRST.match(s) and not starts) or (starts and words.SEQUENCE_NEXT.match(s)):
                starts.append((i, k))
    if not starts:
        starts = [(i, 0) for i in _linked_paragraphs(paragraphs)]
    if len(starts) < 2:
        return None
    if all(k == 0 for _, k in starts):
        # Each sequence word starts a paragraph: the author writes a step a paragraph, and
        # the paragraphs between 接下来 … and 最后 … without one are steps too.
        steps_at = [i for i, _ in paragraphs if starts[0][0] <= i <= starts[-1][0] and not _LIST_ITEM.match(lines[i])]
        starts = [(i, 0) for i in steps_at]
    first_line, last_line = starts[0][0], starts[-1][0]
    sections: list[Section] = []
    by_line = dict(paragraphs)
    for n, (i, k) in enumerate(starts):
        end_i, end_k = starts[n + 1] if n + 1 < len(starts) else (i, len(by_line[i]))
        chunk: list[str] = []
        items: list[str] = []  # the list lines between this sentence and the next: kept a list
        for j in range(i, end_i + 1):
            if j not in by_line:
                continue
            sents = by_line[j]
            a = k if j == i else 0
            b = end_k if j == end_i else len(sents)
            if n + 1 == len(starts) and j > i:
                break
            item = _LIST_ITEM.match(lines[j]) if j != i else None
            if item:
                items.append("- " + item.group(1).strip())
            else:
                chunk.extend(sents[a:b])
        said = chunk[0]
        for pattern in (words.SEQUENCE_FIRST, words.SEQUENCE_NEXT):
            said = pattern.sub("", said, count=1)
        said = said.lstrip(",，、 ")
        if said[:1].isascii() and said[:1].islower():  # "First, unplug it." -> "Unplug it"
            said = said[0].upper() + said[1:]
        head = said.rstrip("。.:：")
        title = head if len(head) <= 90 else head[:80] + "…"
        body = joined(chunk[1:]) if len(head) <= 90 else joined(chunk)
        if not body and not items and said.endswith(("。", ".", "!", "！")):
            body = said  # a one-sentence step: the sentence is also what it says to do, as a list item's is
        text = [body] if body else []
        if items:
            text += ([""] if text else []) + items
        sections.append(Section(Heading(i, i, 0, title, "prose", n + 1, title), text))
    asides = _asides_after(lines, last_line + 1)
    sections[-1].lines += ["", *asides] if asides else []
    return Found(
        lines[:first_line],
        sections,
        lines[last_line + 1 + len(asides) :],
        "prose",
        [Message("cli.import.check.prose")],
    )


def _linked_paragraphs(paragraphs: list[tuple[int, list[str]]]) -> list[int]:
    """The lines of steps written a paragraph each without 首先 / First: from the first of two
    paragraphs in a row that each have a sentence starting with a sequence word (接下来, 然后,
    Next, Then), to the last such paragraph, or on to the paragraph before the one that ends
    them ("至此,…", "That's it", closing words) when that comes within two paragraphs."""
    linked = [n for n, (_, sents) in enumerate(paragraphs) if any(words.SEQUENCE_NEXT.match(s) for s in sents)]
    first = next((a for a in linked if a + 1 in linked), None)
    if first is None:
        return []
    last = first + 1
    while last + 1 in linked:
        last += 1
    for n in range(last + 1, min(last + 3, len(paragraphs))):
        opening = paragraphs[n][1][0] if paragraphs[n][1] else ""
        if words.SEQUENCE_END.match(opening) or words.CLOSING.match(opening):
            last = n - 1
            break
    return [paragraphs[n][0] for n in range(first, last + 1)]


def _asides_after(lines: list[str], start: int) -> list[str]:
    """The lines right after the last step that are its notes or warnings ("请确保账单已还清…",
    "Do not press reset…"), as a list item's are its own; blank lines between them too."""
    end = start
    while end < len(lines) and (not lines[end].strip() or words.is_aside(lines[end])):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


_PARAGRAPH_ENDS = ("。", ".", "!", "！", "?", "？", ",", "，", ":", "：", ";", "；", "、")
# A heading-like line that starts the part after the steps ("更换绑定手机号后的注意事项").
_AFTER_WORDS = re.compile(r"(?:注意事项|注意事項|温馨提示|溫馨提示|常见问题|常見問題|总结|總結|结语|結語)\s*[:：]?$")


def plain_headings(lines: list[str]) -> Found | None:
    """Headings that lost their markup as a page became text: after a short line that names
    the procedure ("更换绑定手机号的操作步骤", "How to reset it") and the paragraphs that
    introduce that part, short lines each followed by a paragraph are the steps, up to
    a line that starts what comes after them (…注意事项, Tips) or two short lines in a row."""
    filled = [i for i, line in enumerate(lines) if line.strip()]

    def heading(i: int) -> bool:
        text = lines[i].strip()
        return len(text) <= 40 and not text.endswith(_PARAGRAPH_ENDS) and not _LIST_ITEM.match(text)

    for n, named in enumerate(filled):
        if not (heading(named) and words.PROCEDURE.search(lines[named])):
            continue
        steps: list[tuple[int, list[int]]] = []
        k = n + 1
        while k < len(filled) and not heading(filled[k]):  # the part's own introduction: the summary's
            k += 1
        while k < len(filled) and heading(filled[k]):
            at = filled[k]
            if words.AFTER_HEADING.match(lines[at].strip()) or _AFTER_WORDS.search(lines[at].strip()):
                break
            k += 1
            text = []
            while k < len(filled) and not heading(filled[k]):
                text.append(filled[k])
                k += 1
            if not text:
                break
            steps.append((at, text))
        if len(steps) < 2:
            continue
        sections = [
            Section(Heading(at, at, 0, lines[at].strip(), "plain", number, lines[at].strip()), [lines[j] for j in text])
            for number, (at, text) in enumerate(steps, 1)
        ]
        stop = steps[-1][1][-1] + 1
        check = Message("cli.import.check.plain_headings", heading=lines[named].strip()[:60])
        return Found(lines[:named] + lines[named + 1 : steps[0][0]], sections, lines[stop:], "plain", [check])
    return None
