"""Where an article's procedure is: which lines are its steps.

    found = find(lines)            # None when there is no procedure at all
    found.preamble                 # the lines before the steps (the summary)
    found.sections                 # one shape.Section per step, title and lines
    found.after                    # the lines after the steps (finish, tips)

An article gives its steps in one of these ways, tried in this order:

1. step words: "Step 1:", "• Step 1: …", "Step One", "01Step 1", 第一步, 步骤一, 步驟一, STEP1;
2. Chinese numbered sections (一、 二、 …); when one of them is the procedure
   ("三、开通步骤") and holds a numbered or bulleted list, the list's items are
   the steps and the other sections are background or notes;
3. Markdown headings (## …) — left to shape.py, which reads them as before,
   unless one heading such as "## Steps" or "## 操作步骤" holds a list: its items
   are the steps (`in_heading_section`);
4. a numbered list (tight or loose, "1." "1、" "1)" "(1)", all "1." as Markdown allows);
5. a bulleted list ("-", "•", or "-" alone on a line before its text);
   several numbered lists, each after a line that names a way to do it
   ("方法一：通过APP", "方法二：通过网页版", "Method 2:"), are the steps one way
   after another, and the report asks for the question that chooses the way;
6. prose with sequence words: 首先 … 接下来 … 最后, First … Then … Finally; also
   when a bulleted list sits between such sentences (the list is then the
   sentence's before it, as a list in that step's text);
7. headings that came as plain lines (a page copied as text): short lines, each
   with a paragraph under it, after a short line that names the procedure.

A list is preferred when the line before it introduces a procedure ("To reset
your password", "具体步骤如下:"), over one introduced by a colon sentence
("…is sent when a password is changed via:"), over any other.
Blank lines are never needed: text copied from a web page has none.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import itertools
import re

from guide_tui.i18n import Message
from guide_tui.importer import words
from guide_tui.importer.found import Found
from guide_tui.importer.markers import CHINESE_SECTION, Marker, markers, runs
from guide_tui.importer.prose import plain_headings, prose
from guide_tui.importer.shape import Heading, Section, clean_heading, is_bullet
from guide_tui.importer.step_titles import split_title

__all__ = ["Found", "find", "in_heading_section", "split_title", "style_words"]


def _split_bullet_runs(run: list[Marker], lines: list[str]) -> list[list[Marker]]:
    """Bullets separated by an ordinary line are two lists; bullets under a label
    ("Important:", "注意：") are what it labels, never steps."""
    out: list[list[Marker]] = [[run[0]]]
    labelled: set[int] = set()  # the parts that start under a label
    for a, b in itertools.pairwise(run):
        between = [x for x in lines[a.index + 1 : b.index] if x.strip()]
        if lines[a.index].strip() in ("-", "•", "*"):
            between = between[1:]
        if any(words.bare_label(x) for x in between):
            labelled.add(len(out))
            out.append([b])
        elif any(_ends_list(x, a.indent) for x in between):
            out.append([b])
        else:
            out[-1].append(b)
    return [r for n, r in enumerate(out) if len(r) >= 2 and n not in labelled]


def _ends_list(line: str, indent: int) -> bool:
    """Whether a line between two bullets ends the list (not indented, not a note or warning)."""
    own = len(line) - len(line.lstrip())
    return not (own > indent or words.is_aside(line))


def _intro_score(lines: list[str], index: int, floor: int = 0) -> int:
    """How clearly the line before a list introduces a procedure: 2 a procedure
    ("To reset your password", "具体步骤如下:"), 0 a colon sentence listing things, 1 other."""
    for j in range(index - 1, max(floor - 1, index - 3), -1):
        text = lines[j].strip()
        if not text:
            continue
        if words.PROCEDURE.search(text[:120]):
            return 2
        return 0 if text.endswith((":", "：")) else 1
    return 1


def find(lines: list[str], markdown_sections: bool) -> Found | None:
    """The procedure in the article's lines (the title already taken out)."""
    if markdown_sections:
        return None  # shape.py reads Markdown headings (also "## Step 1", "## 1.")
    found = markers(lines)
    steps = runs(found, "step")
    if steps:
        run = max(steps, key=len)
        checks = []
        if len(steps) > 1:
            checks.append(Message("cli.import.check.many_lists", count=len(steps)))
        style = "chinese-step" if re.search(r"[第步]", lines[run[0].index]) else "step"
        return _heading_steps(lines, run, style, checks)
    cn = runs(found, "cn")
    if cn:
        run = max(cn, key=len)
        nested = _nested(lines, run, found)
        if nested:
            return nested
        cases = _section_ways(run, found)
        if cases:  # "两种情况：一、原手机能正常使用 1、… 二、手机停用 1、…"
            return _ways_steps(lines, cases, "number", [], 0, len(lines))
        return _heading_steps(lines, run, "chinese", [])
    listed = _lists(lines, found, 0, len(lines))
    if listed is None or listed.style != "bullet":
        return listed or prose(lines) or plain_headings(lines)
    sentences = prose(lines)
    # "First, unplug it. [- wait 30 s, - check the cable] Then plug it in. Finally …": the
    # sentences are the steps and the bullets belong to the one before them (taken as the
    # steps, they left "unplug it" in the summary, where the walk never asks for it).
    if sentences is not None and _around(sentences, listed):
        return sentences
    return listed


def _around(sentences: Found, listed: Found) -> bool:
    """Whether the prose's sequence sentences start both before and after the list."""
    first, last = listed.sections[0].heading.index, listed.sections[-1].heading.index
    starts = [section.heading.index for section in sentences.sections]
    return any(i < first for i in starts) and any(i > last for i in starts)


def in_heading_section(lines: list[str], chosen: list[Heading]) -> Found | None:
    """Steps inside the one Markdown section whose heading names the procedure ("## 操作步骤",
    "## Steps") and which holds a numbered or bulleted list: the list's items are the steps,
    as in a Chinese numbered section (`_nested`); the sections before it are background, the
    ones after it the finish. None when no such section, or more than one, is there: each
    section is a step then, as shape.py reads them."""
    found = markers(lines)
    bounds = [h.index for h in chosen] + [len(lines)]
    candidates: list[tuple[Heading, Found, int]] = []
    for n, head in enumerate(chosen):
        if not words.PROCEDURE.search(head.text):
            continue
        start, stop = head.end + 1, bounds[n + 1]
        got = _lists(lines[:stop], [m for m in found if start <= m.index < stop], start, stop)
        if got is not None and len(got.sections) >= 2:
            candidates.append((head, got, stop))
    if len(candidates) != 1:
        return None
    head, got, stop = candidates[0]
    got.preamble = lines[: head.index] + got.preamble
    _rest_of_section_to_last_step(got)
    got.after += lines[stop:]
    return got


def _rest_of_section_to_last_step(got: Found) -> None:
    """The text after the list inside the procedure's own section ("If you don't see the
    menu, call …") is its last step's, up to closing words or a heading of what comes after."""
    own = _own_lines(got.after, 0, list_like=False)
    got.sections[-1].lines += ["", *own]
    got.after = got.after[len(own) :]


def _nested(lines: list[str], outer: list[Marker], found: list[Marker]) -> Found | None:
    """Steps inside one of the numbered sections: the section that is the procedure."""
    bounds = [m.index for m in outer] + [len(lines)]
    candidates: list[tuple[int, int, Found]] = []
    for n, head in enumerate(outer):
        start, stop = bounds[n] + 1, bounds[n + 1]
        inner = [m for m in found if start <= m.index < stop]
        got = _lists(lines, inner, start, stop)
        if got is None:
            continue
        proc = 1 if words.PROCEDURE.search(head.rest) else 0
        if proc:
            candidates.append((proc, len(got.sections), got))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    best = candidates[0][2]
    section_start = max(i for i in bounds if i < best.sections[0].heading.index)
    best.preamble = lines[:section_start] + best.preamble  # the sections before it: background
    if len(candidates) > 1:
        best.checks.append(Message("cli.import.check.many_sections"))
    return best


def _lists(lines: list[str], found: list[Marker], start: int, stop: int) -> Found | None:
    """Steps from the best numbered or bulleted list between start and stop."""
    options: list[tuple[int, int, int, list[Marker], str]] = []
    for kind in ("number", "paren"):
        for run in runs(found, kind):
            options.append((_intro_score(lines, run[0].index, start), 1, len(run), run, kind))
    for run in runs(found, "bullet"):
        for part in _split_bullet_runs(run, lines):
            options.append((_intro_score(lines, part[0].index, start), 0, len(part), part, "bullet"))
    if not options:
        return None
    options.sort(key=lambda o: (o[0], o[1], o[2]), reverse=True)
    score, _, _, run, kind = options[0]
    checks: list[Message] = []
    if kind == "bullet" and score == 0:
        if len(options) > 1 or start > 0:
            return None  # a list of things after a colon ("…is sent when a password is changed via:")
        intro = next((x.strip() for x in reversed(lines[: run[0].index]) if x.strip()), "")
        checks.append(Message("cli.import.check.colon_list", intro=intro[:60]))
    style = "number" if kind != "bullet" else "bullet"
    ways = None if kind == "bullet" else _ways(lines, found, kind, start, stop)
    if ways is not None:
        return _ways_steps(lines, ways, style, checks, start, stop)
    got = _heading_steps(lines[:stop], run, style, checks, start)
    got.after += lines[stop:]
    return got


# A line that starts one of several ways to do it: 方法一：…, 方式二、…, Method 2: …, Option 1 - …
_WAY = re.compile(
    r"^\s*(?:方法|方式|办法)\s*[一二三四五六七八九十\d]{1,2}\s*[:：、.．]|^\s*(?:method|option|way)\s*\d{1,2}\s*[:.)\-–—]",
    re.I,
)


def _ways(
    lines: list[str], found: list[Marker], kind: str, start: int, stop: int
) -> list[tuple[int, list[Marker]]] | None:
    """Two or more ways to do it ("方法一：通过APP" and a list, "方法二：通过网页版" and a list),
    each way's line and its numbered list; None when the lists are not so introduced."""
    heads = [i for i in range(start, stop) if _WAY.match(lines[i])]
    return _each_numbered(heads, stop, found, (kind,), 1) if len(heads) >= 2 else None


def _section_ways(outer: list[Marker], found: list[Marker]) -> list[tuple[int, list[Marker]]] | None:
    """Numbered sections (一、 二、) that each hold a numbered list from 1: ways to do it or
    cases, each with its own steps; None when one of them holds none."""
    end = max((m.index for m in found), default=0) + 1
    return _each_numbered([m.index for m in outer], end, found, ("number", "paren"), 2)


def _each_numbered(
    heads: list[int], end: int, found: list[Marker], kinds: tuple[str, ...], least: int
) -> list[tuple[int, list[Marker]]] | None:
    """Each head line with the longest list below it (before the next head, or `end`)
    numbered from 1, of `kinds`, of `least` items or more; None when one head has none."""
    ways = []
    for head, stop in itertools.pairwise([*heads, end]):
        inside = [m for m in found if head < m.index < stop]
        numbered = [r for kind in kinds for r in runs(inside, kind) if r[0].number == 1 and len(r) >= least]
        if not numbered:
            return None
        ways.append((head, max(numbered, key=len)))
    return ways


def _ways_steps(
    lines: list[str], ways: list[tuple[int, list[Marker]]], style: str, checks: list[Message], start: int, stop: int
) -> Found:
    """Every way's steps one after another, each way's line and the words that introduce it
    at the head of its first step (the first way's, before the steps, as before); what is
    left to the author, a question whose answers lead to each way, is said."""
    sections: list[Section] = []
    preamble: list[str] = []
    after: list[str] = []
    shown = []
    for n, (head, run) in enumerate(ways):
        end = ways[n + 1][0] if n + 1 < len(ways) else stop
        got = _heading_steps(lines[:end], run, style, [], head if n else start)
        if n == 0:
            preamble = got.preamble
        elif got.sections:
            got.sections[0].lines = [*got.preamble, *got.sections[0].lines]
        shown.append(f"{lines[head].strip()[:60]} → {len(sections) + 1}–{len(sections) + len(got.sections)}")
        if n + 1 < len(ways) and got.sections:  # the text after a way's list is its last step's, not lost
            got.sections[-1].lines = [*got.sections[-1].lines, *got.after]
        sections += got.sections
        after = got.after
    checks.append(Message("cli.import.check.ways", count=len(ways), ways=" / ".join(shown)))  # read in any language
    return Found(preamble, sections, after + lines[stop:], style, checks)


def _heading_steps(lines: list[str], run: list[Marker], style: str, checks: list[Message], start: int = 0) -> Found:
    """Sections for a run of markers: each step runs to the next marker; the last one
    to the end of its text (list items: their own lines; headings: until a heading or
    closing words that start the part after the steps)."""
    sections: list[Section] = []
    with_text = _items_with_text(lines, run)
    if style in ("number", "bullet"):
        list_like = with_text * 2 <= len(run) - 1
    else:  # "第一步：…。" a line each, as a list is: the last one ends with its own line too
        list_like = len(run) >= 2 and with_text == 0
    tail_start = len(lines)
    for n, m in enumerate(run):
        skip = 2 if lines[m.index].strip() in ("-", "•", "*") else 1
        stop = run[n + 1].index if n + 1 < len(run) else len(lines)
        body = lines[m.index + skip : stop]
        if n + 1 == len(run):
            body = _own_lines(body, m.indent, list_like)
            tail_start = m.index + skip + len(body)
        title, first = split_title(m.rest, _has_text(body))
        written = clean_heading(lines[m.index].strip().lstrip("#").strip()) or title
        heading = Heading(m.index, m.index, m.level, written, style, m.number, title)
        sections.append(Section(heading, ([first] if first else []) + body))
    return Found(lines[start : run[0].index], sections, lines[tail_start:], style, checks)


def _items_with_text(lines: list[str], run: list[Marker]) -> int:
    """How many items before the last have text under them (not indented, not a note):
    headings with text under them rather than one-paragraph items."""
    with_text = 0
    for a, b in itertools.pairwise(run):
        skip = 2 if lines[a.index].strip() in ("-", "•", "*") else 1
        between = [x for x in lines[a.index + skip : b.index] if x.strip()]
        if between and any(not _indented(x, a.indent) for x in between):
            with_text += 1
    return with_text


def _has_text(body: list[str]) -> bool:
    """Whether the lines under an item say something besides its notes and warnings: an
    item with only "注意：…" under it is still a one-sentence item, its sentence its text."""
    return any(x.strip() and not words.is_aside(x) for x in body)


def _indented(line: str, indent: int) -> bool:
    return len(line) - len(line.lstrip()) > indent or words.is_aside(line)


def _own_lines(body: list[str], indent: int, list_like: bool) -> list[str]:
    """The lines that belong to the last step: for a list item, its indented or
    note lines; for a heading, everything up to a heading or closing words."""
    out: list[str] = []
    labelled = False  # under a label line ("Important:"): its bullets are the step's too
    for n, line in enumerate(body):
        text = line.strip()
        if not text:
            out.append(line)
            continue
        if words.bare_label(line):
            labelled = True
        elif labelled and is_bullet(line):
            out.append(line)
            continue
        else:
            labelled = False
        if list_like and _ends_list(line, indent):
            break
        if not list_like and (_is_after_heading(body, n) or _is_closing(text)):
            break
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return out


def _is_after_heading(body: list[str], n: int) -> bool:
    text = clean_heading(body[n].strip().lstrip("#").strip())
    if words.AFTER_HEADING.match(text):
        return True
    if body[n].lstrip().startswith("#"):
        return True
    return bool(CHINESE_SECTION.match(text))


def _is_closing(text: str) -> bool:
    return bool(words.CLOSING.match(text))


def style_words(style: str) -> Message:
    """How the summary names the way the article gives its steps."""
    key = {
        "step": "cli.import.style.step",
        "chinese-step": "cli.import.style.chinese_step",
        "chinese": "cli.import.style.chinese",
        "number": "cli.import.style.list",
        "bullet": "cli.import.style.bullet",
        "prose": "cli.import.style.prose",
        "plain": "cli.import.style.plain",
    }.get(style, "cli.import.style.markdown")
    return Message(key)
