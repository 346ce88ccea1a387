"""An article's title: its heading, not simply its first line.

    choose(lines)      # (title, index, index after it, how) or None
    bracketed(lines)   # (title, index, the rest of its line): "【美团怎么取消自动续费】在使用美团…"
    without_repeated_title(lines, title)   # front matter's title: its `# Title` line goes
    question(lines)    # the article's own question ("京东白条怎么开通呢?"), when it has no title line
    from_name(name)    # words from the file name, the last resort

Above the heading of a page copied whole there is often the site's name, its
navigation or a loading line; below it, a long introduction paragraph, which is
never a title.  A line that says what the article does (how to, 怎么, 教程 …)
wins over one that does not.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath

from guide_tui.i18n import Message
from guide_tui.importer import facts, markers, shape, words

_SETEXT = re.compile(r"^ {0,3}=++\s*+$")
_SITE = re.compile(
    r"(?:网|網|站|网站|網站|官网|官網|首页|首頁|博客|论坛|論壇|社区|社區|"
    r"\bhome|\bhelp\s+cent(?:er|re)|\bknowledge\s+base|\bsupport|\bblog|\bforum|\.com|\.cn|\.net|\.org)$",
    re.I,
)


def _title_like(text: str) -> bool:
    if not text or len(text) > 100 or len(text) < 2:
        return False
    if text.endswith(("。", ",", "，", ":", "：", ";", "；")):
        return False
    if len(text) > 60 and text.endswith((".", "!")):
        return False
    if words.INTRO_HEADING.match(text) or words.AFTER_HEADING.match(text):
        return False
    return markers.classify(text) is None or bool(shape.md_heading(text))


def choose(lines: list[str], skip: Callable[[str], bool] = lambda line: False) -> tuple[str, int, int, Message] | None:
    """(title, index of its line, index of the first line after it, how it was found)."""
    candidates: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        text = line.strip()
        if not text or skip(line):
            continue
        md = shape.md_heading(line)
        if md and md[1]:
            if md[0] == 1 or not candidates:
                return shape.clean_heading(md[1]), i, i + 1, Message("cli.import.first_heading")
        if i + 1 < len(lines) and _SETEXT.match(lines[i + 1]) and text:
            return shape.clean_heading(text), i, i + 2, Message("cli.import.first_heading")
        if markers.classify(line) is not None and not md:
            break
        bare = shape.clean_heading(text)
        if _title_like(bare) and not text.rstrip("*_ ").endswith((":", "：")):
            candidates.append((i, bare))
        elif len(text) > 100 or (len(text) > 40 and text.endswith(("。", ".", "!", "！"))):
            break
        if len(candidates) >= 6:
            break
    if not candidates:
        return None
    for i, text in candidates:
        if words.HOW_TO.search(text):
            return text, i, i + 1, Message("cli.import.heading_line")
    for i, text in candidates:
        if not _SITE.search(text) and len(text) > 3:
            return text, i, i + 1, Message("cli.import.heading_line")
    return None


_BRACKETED = re.compile(r"^\s*+【(?P<title>[^【】\n]{2,80})】\s*+(?P<rest>.*)$", re.S)


def bracketed(lines: list[str], skip: Callable[[str], bool] = lambda line: False) -> tuple[str, int, str] | None:
    """(title, index of its line, the rest of the line) when the article opens with its title in
    【…】, the way Chinese pages often do ("【美团怎么取消会员自动续费】在使用美团的过程中,…").
    Only the first line that is not about the article counts, and only when the words in the
    brackets are title-like and not a label such as 【注意】."""
    for i, line in enumerate(lines):
        if not line.strip() or skip(line):
            continue
        m = _BRACKETED.match(line)
        if m is None:
            return None
        text = m.group("title").strip()
        if not _title_like(text) or text.lower() in words.PART_LABELS or words.is_aside(f"{text}:"):
            return None
        return text, i, m.group("rest").strip()
    return None


def without_repeated_title(lines: list[str], title: str, skip: Callable[[str], bool] = lambda line: False) -> list[str]:
    """The lines without a first heading that says the title again (front matter's `title:`,
    then `# Title`): it is the title, not a section the steps could be read from."""
    for i, line in enumerate(lines):
        if not line.strip() or skip(line):
            continue
        md = shape.md_heading(line)
        underlined = i + 1 < len(lines) and bool(_SETEXT.match(lines[i + 1]))
        text = md[1] if md else line if underlined else None
        if text is not None and _same_title(text, title):
            return lines[:i] + lines[i + (2 if underlined and not md else 1) :]
        return lines
    return lines


def _same_title(heading: str, title: str) -> bool:
    return " ".join(shape.unescape(shape.clean_heading(heading)).split()) == " ".join(title.split())


def question(lines: list[str]) -> str | None:
    """What the article says it does, from its first paragraphs: its own question
    ("那么,京东白条怎么开通呢?" -> "京东白条怎么开通呢?") or a "how to" clause
    ("本文将详细介绍如何在饿了么上设置结账支付方式,帮助…" -> "如何在饿了么上设置结账支付方式")."""
    seen = 0
    clauses: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        seen += 1
        if seen > 6 or markers.classify(line) is not None:
            break
        for sentence in facts.sentences(line.strip()):
            m = re.search(r"怎么|怎麼|如何|怎样|怎樣|\bhow\s+(?:to|do|can)\b", sentence, re.I)
            if not m:
                continue
            if sentence.endswith(("?", "？")):
                start = max(sentence.rfind(c, 0, m.start()) for c in ",，;；:：") + 1
                text = sentence[start:].strip()
            else:
                start = m.start()
                ends = [e for e in (sentence.find(c, m.end()) for c in ",，;；。.!！") if e >= 0]
                text = sentence[start : min(ends) if ends else len(sentence)].strip()
            text = re.sub(r"^(?:那么|那麼|所以|so|then)\s*[,，]?\s*", "", text, flags=re.I)
            if 4 <= len(text) <= 80:
                if sentence.endswith(("?", "？")):
                    return text
                clauses.append(text)
    return clauses[0] if clauses else None


def from_name(name: str) -> str | None:
    """Words from a file name: "reset-router.en.txt" -> "reset router"; None for standard input."""
    if not name or name.startswith("<"):
        return None
    stem = PurePath(name).name
    for _ in range(3):
        stem, dot, ext = stem.rpartition(".")
        if not dot:
            stem = ext
            break
        if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?|txt|md|markdown|html?|jsonld|json|text", ext):
            stem = f"{stem}.{ext}"
            break
    text = " ".join(re.sub(r"[-_]+", " ", stem).split())
    return text or None
