"""The shape of an article for `guide-tui import`: title, sections, blocks.

Plain text work on a list of lines, with no YAML and no guide model, so each
rule can be tested on its own; article.py and draft.py put the pieces together.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from guide_tui.i18n import Message

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# Only the `#` run and the rest: closing `#`s are taken off in Python (a regex doing both
# backtracked over a long run of spaces: 205 s on one 100 KB heading line).
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]++(.*+))?$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-{2,})\s*$")
_BULLET = re.compile(r"^(\s{0,3})([-*+•·・])\s+(.*)$")
_TASK = re.compile(r"^\[( |x|X)\]\s+(.*)$")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_CN = "一二三四五六七八九十"

# Numbering styles a section heading can use, in order of preference:
# (name, pattern giving (number, rest), how the summary names it).
STYLES: list[tuple[str, re.Pattern[str], Message]] = [
    ("chinese", re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.*)$"), Message("cli.import.style.chinese")),
    (
        "chinese-step",
        re.compile(r"^第\s*([一二三四五六七八九十]{1,3}|\d{1,3})\s*步\s*[:：、.．,，]?\s*(.*)$"),
        Message("cli.import.style.chinese_step"),
    ),
    ("step", re.compile(r"^step\s*(\d{1,3})\b\s*[:：.)\-–—]?\s*(.*)$", re.I), Message("cli.import.style.step")),
    ("number", re.compile(r"^(\d{1,3})(?:[.)]\s+|[、．）]\s*)(.+)$"), Message("cli.import.style.number")),
]

# A line after which everything is links to other articles, not the procedure.
_RELATED_WORDS = (
    r"(相关(内容|文章|阅读|推荐|链接)|推荐阅读|延伸阅读|猜你喜欢|热门(文章|推荐)|"
    r"related\s+(content|articles?|posts?|reading|links|guides)|you\s+(may|might)\s+also\s+like|"
    r"recommended\s+(articles|reading|posts)|more\s+(articles|posts)\s+like\s+this|further\s+reading|"
    r"see\s+also|read\s+(more|next)|相关问题|相关教程|相关阅读|相關文章|相關閱讀|延伸閱讀|猜你喜歡|热门标签|热门教程|"
    r"上一篇.{0,80}|下一篇.{0,80})"
)
_RELATED = re.compile(rf"^\W*{_RELATED_WORDS}\W*$", re.I)
# The label with the first article's title on its line ("相关阅读：京东金条怎么开通"): a
# title, not a sentence ("See also: the manual, which shows the lights." is one).
_RELATED_TITLED = re.compile(rf"^\W*{_RELATED_WORDS}\s*[:：]\s*\S.{{0,120}}(?<![。.!！;；,，])$", re.I)
# Single lines of page furniture: back-to-top and share links.  The ambiguous
# words (a step could be called "Print") only count at the very end of the text.
_FURNITURE = re.compile(
    r"^\W*(to\s+top|back\s+to\s+top|返回顶部|回到顶部|分享到.{0,30}|分享[:：].{0,40})\W*$"
    r"|^\W*share\W.{0,60}(facebook|twitter|weibo|wechat|linkedin|微博|微信).{0,60}$",
    re.I,
)
_TRAILING_FURNITURE = re.compile(
    r"^\W*(top|share(\s+(this|on\s+\w+|via\s+\w+))?|tweet|print|email\s+this|分享|收藏|点赞|打印)\W*$"
    r"|^\W*+(?:(?:facebook|twitter|x|weibo|wechat|qq|linkedin|pinterest|reddit|whatsapp|telegram|e-?mail|微博|微信|QQ空间)\W*+)++$",
    re.I,
)


@dataclass
class Heading:
    """A line that starts a section."""

    index: int  # first line of the heading
    end: int  # last line (a setext underline), inclusive
    level: int  # Markdown level; 0 for a plain line
    text: str  # the heading as written, without `#` or emphasis
    style: str | None = None  # a numbering style name, if it has one
    number: int = 0
    title: str = ""  # the text after the numbering
    branch: bool = False  # `guide-tui export` marked it "### ↳ Only if you answer …": numbered as on its own way


@dataclass
class Section:
    """A heading and the lines up to the next one."""

    heading: Heading
    lines: list[str]

    @property
    def title(self) -> str:
        return self.heading.title or self.heading.text


@dataclass
class Block:
    """A run of lines between blank lines: kind is para, bullets, tasks or code."""

    kind: str
    lines: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    indent: int = 0  # of the list's first bullet

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def md_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX Markdown heading line (`## Title ##`), else None."""
    m = _MD_HEADING.match(line)
    if m is None:
        return None
    text = (m.group(2) or "").strip()
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = bare.strip()
    return len(m.group(1)), text


def clean_heading(text: str) -> str:
    """Heading text without whole-line emphasis, a trailing colon or spaces."""
    text = text.strip()
    for _ in range(2):
        m = re.fullmatch(r"(\*\*|__|\*|_)(.+)\1", text)
        if m:
            text = m.group(2).strip()
    text = re.sub(r"^(\*\*|__)(.+?)\1\s*", r"\2 ", text).strip()  # **Step 1:** Log in
    return text.rstrip(":：").strip()


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral from 一 to 九十九, or of ASCII digits."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN for c in text):
        return None
    if "十" not in text:
        return _CN.index(text) + 1 if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_CN.index(tens) + 1 if tens else 1) * 10
    if ones:
        if len(ones) != 1 or ones == "十":
            return None
        value += _CN.index(ones) + 1
    return value


def numbering(text: str) -> tuple[str, int, str] | None:
    """(style, number, rest) when a heading starts with a step number."""
    for name, pattern, _ in STYLES:
        m = pattern.match(text)
        if m:
            number = cn_number(m.group(1))
            if number is not None:
                return name, number, clean_heading(m.group(2) or "")
    return None


def style_words(style: str) -> Message:
    """How the summary names a numbering style, or Markdown headings."""
    for name, _, words in STYLES:
        if name == style:
            return words
    return Message("cli.import.style.markdown")


def fenced(lines: list[str]) -> list[bool]:
    """For each line, whether it is inside (or opens/closes) a code fence."""
    out: list[bool] = []
    fence: str | None = None
    for line in lines:
        m = _FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * 3
            out.append(True)
        elif fence is not None:
            out.append(True)
            if line.strip().startswith(fence) and line.strip().strip(fence[0]) == "":
                fence = None
        else:
            out.append(False)
    return out


def strip_furniture(lines: list[str]) -> tuple[list[str], list[Message]]:
    """Lines without related-article lists and share/to-top links; and what went."""
    dropped: list[Message] = []
    kept: list[str] = []
    code = fenced(lines)
    for i, line in enumerate(lines):
        text = line.strip()
        if code[i] or not text:
            kept.append(line)
        elif _starts_related(text, lines[i + 1 :]):
            rest = [x for x in lines[i + 1 :] if x.strip()]
            dropped.append(Message("cli.import.related", text=text, count=len(rest)))
            break
        elif _FURNITURE.match(text):
            dropped.append(Message("cli.import.furniture", text=text))
        else:
            kept.append(line)
    while kept and (not kept[-1].strip() or _TRAILING_FURNITURE.match(kept[-1].strip())):
        if kept[-1].strip():
            dropped.append(Message("cli.import.furniture", text=kept[-1].strip()))
        kept.pop()
    return kept, dropped


def _starts_related(text: str, after: list[str]) -> bool:
    """Whether a line starts the links to other articles: a label alone ("相关阅读", "See
    also"), or with a title after it when only short lines, more titles, follow."""
    if _RELATED.match(text):
        return True
    return bool(_RELATED_TITLED.match(text)) and all(len(x.strip()) <= 80 for x in after)


def take_title(
    lines: list[str], skip: Callable[[str], bool] = lambda line: False
) -> tuple[str, int, int, Message | str]:
    """(title, index of its line, index of the first line after it, how it was
    found); lines for which `skip` is true (a publication line) are passed over."""
    for i, line in enumerate(lines):
        if not line.strip() or skip(line):
            continue
        md = md_heading(line)
        if md:
            return clean_heading(md[1]), i, i + 1, Message("cli.import.first_heading")
        if i + 1 < len(lines) and _SETEXT.match(lines[i + 1]) and lines[i + 1].strip()[0] == "=":
            return clean_heading(line), i, i + 2, Message("cli.import.first_heading")
        return clean_heading(line), i, i + 1, Message("cli.import.first_line")
    return "", 0, len(lines), ""


def unescape(text: str) -> str:
    """Markdown text without its backslash escapes (`\\*` -> `*`), for plain-text fields."""
    return _ESCAPED.sub(r"\1", text)


def headings(lines: list[str]) -> list[Heading]:
    """Every line that could start a section, numbered or a Markdown heading."""
    code = fenced(lines)
    found: list[Heading] = []
    skip = -1
    for i, line in enumerate(lines):
        if code[i] or i <= skip or not line.strip():
            continue
        md = md_heading(line)
        if md:
            heading = Heading(i, i, md[0], clean_heading(md[1]))
        elif (
            i + 1 < len(lines)
            and not code[i + 1]
            and _SETEXT.match(lines[i + 1])
            and not _BULLET.match(line)
            and (i == 0 or not lines[i - 1].strip())
        ):
            level = 1 if lines[i + 1].strip()[0] == "=" else 2
            heading = Heading(i, i + 1, level, clean_heading(line))
            skip = i + 1
        else:
            text = clean_heading(line)
            before_blank = i == 0 or not lines[i - 1].strip()
            if not before_blank or len(text) > 100 or _BULLET.match(line):
                continue
            heading = Heading(i, i, 0, text)
        numbered = numbering(heading.text)
        if numbered:
            heading.style, heading.number, heading.title = numbered
            if heading.level == 0 and heading.style == "number":
                after_blank = i + 1 >= len(lines) or not lines[i + 1].strip()
                if not after_blank:
                    continue  # an item of a tight numbered list, not a heading
        elif heading.level == 0:
            continue
        found.append(heading)
    for n, heading in enumerate(found):  # a step an export numbered on its own branch (its number repeats)
        if heading.level == 0:
            continue
        after = (h for h in found[n + 1 :] if 0 < h.level <= heading.level)
        stop = next((h.index for h in after), len(lines))
        heading.branch = any(
            h.index < stop and h.level > heading.level and h.text.lstrip().startswith("↳") for h in found[n + 1 :]
        )
    return found


def choose_sections(candidates: list[Heading]) -> tuple[list[Heading], str]:
    """The headings the article's steps start at, and the style they share.

    A numbering style wins when its numbers run 1, 2, 3 … (other numbers stay
    text); the first style in STYLES that has such a run is taken.  Without
    one, the shallowest Markdown heading level is.
    """
    markdown = [h for h in candidates if h.level > 0]
    for name, _, _ in STYLES:
        run: list[Heading] = []
        for h in candidates:
            if h.style != name or (name == "number" and h.level == 0 and len(markdown) >= 2):
                continue
            if (not run and h.number in (0, 1)) or (run and (h.number == run[-1].number + 1 or h.branch)):
                run.append(h)
        levels, taken = {h.level for h in run if h.level}, {id(h) for h in run}
        if any(h.style == name and h.level in levels and id(h) not in taken for h in candidates):
            continue  # numbered Markdown headings that skip or repeat numbers: not this style
        plain = all(h.level == 0 for h in run)
        needed = 2 if plain and (name == "number" or len(markdown) >= 2) else 1
        if len(run) >= needed:
            return run, name
    if markdown:
        level = min(h.level for h in markdown)
        chosen = [h for h in markdown if h.level == level]
        for h in chosen:
            h.title = h.title or h.text  # "## 3. Gamma" -> "Gamma"; "## Gamma" -> itself
        return chosen, "markdown"
    return [], ""


def trailing_headings(candidates: list[Heading], chosen: list[Heading]) -> list[Heading]:
    """Unnumbered Markdown headings at the steps' level after the last numbered
    step, such as "## Support" or "## Conclusion": they end the last step."""
    if not chosen or any(h.level == 0 for h in chosen) or chosen[0].style is None:
        return []
    level = max(h.level for h in chosen)
    return [h for h in candidates if 0 < h.level <= level and h.index > chosen[-1].index and h.style != chosen[0].style]


def split_sections(lines: list[str], chosen: list[Heading]) -> tuple[list[str], list[Section]]:
    """(lines before the first section, the sections in order)."""
    if not chosen:
        return lines, []
    chosen = sorted(chosen, key=lambda h: h.index)
    sections = []
    for n, h in enumerate(chosen):
        stop = chosen[n + 1].index if n + 1 < len(chosen) else len(lines)
        sections.append(Section(h, lines[h.end + 1 : stop]))
    return lines[: chosen[0].index], sections


def is_bullet(line: str) -> bool:
    """Whether a line is a bulleted list's item ("- …", "• …")."""
    return bool(_BULLET.match(line))


def blocks(lines: list[str]) -> list[Block]:
    """Paragraphs, bullet lists, task lists and code blocks, in order."""
    out: list[Block] = []
    code = fenced(lines)
    current: Block | None = None
    for i, line in enumerate(lines):
        if code[i]:
            if current is None or current.kind != "code":
                current = Block("code")
                out.append(current)
            current.lines.append(line)
            if i + 1 < len(lines) and not code[i + 1]:
                current = None
            continue
        if not line.strip():
            current = None
            continue
        bullet = _BULLET.match(line)
        if current is None:
            current = Block("bullets" if bullet else "para")
            out.append(current)
        current.lines.append(line)
        if current.kind == "bullets":
            if not current.items and bullet:
                current.indent = len(bullet.group(1))
            if bullet and len(bullet.group(1)) <= current.indent + 1:
                current.items.append(bullet.group(3))
            elif current.items:
                current.items[-1] += "\n" + line
    for block in out:
        if block.kind == "bullets" and all(_TASK.match(item) for item in block.items):
            block.kind = "tasks"
            block.items = [_TASK.match(item).group(2) for item in block.items]  # type: ignore[union-attr]
    return out


def paragraphs_text(parts: list[str]) -> str:
    """Markdown paragraphs joined by blank lines."""
    return "\n\n".join(p.strip("\n") for p in parts if p.strip())
