"""What an article carries besides its text: front matter, template tags, page furniture.

    meta, lines = front_matter(lines)        # YAML front matter read as metadata, never shown
    lines = template_tags(lines)             # {% … %} tags and HTML comments out
    lines, dropped = furniture(lines)        # navigation, breadcrumbs, share and comment blocks, feedback prompts …

Furniture is found by rules about what furniture is (a line that asks for
feedback, counts comments or views, names the site's software, repeats the
title as an image caption, lists tags), never by naming sites.
Every regular expression here is linear by construction (see words.py).
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from guide_tui.i18n import Message

_LIQUID = re.compile(r"\{%-?[^%]{0,400}?-?%\}")
_LIQUID_LINE = re.compile(r"^\s*(?:\{%-?[^%]{0,400}?-?%\}\s*)+$")
_COMMENT_OPEN = "<!--"
_AUTOTITLE = re.compile(r"\[AUTOTITLE\]\(([^()\s]{1,400})\)")
_NOTE_CALLOUT = re.compile(r"^\s*(?:>\s*)?\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.I)

# One line of furniture: it is the whole line (after trimming punctuation).
_FURNITURE_LINE = re.compile(
    r"^\W*+(?:"
    # feedback prompts and their answers
    r"was\s+this\s+(?:article|page|guide|answer)\s+helpful\??|did\s+this\s+(?:article|page)\s+help(?:\s+you)?\??|"
    r"is\s+this\s+(?:article|page)\s+helpful\??|yes\s*no|yes,?\s+thanks!?|not\s+really|"
    r"thanks\s+for\s+your\s+feedback!?|本文(?:是否)?(?:对您)?有(?:所)?帮助吗?[?？]?|这篇文章(?:对您)?有帮助吗[?？]?|有用\s*没用|"
    # comments
    r"\d{1,6}\s+comments?|comments?|leave\s+a\s+(?:comment|reply)|please\s+sign\s+in\s+to\s+leave\s+a\s+comment\.?|"
    r"you\s+cannot\s+comment\s+on\s+this\s+entry|add\s+a\s+comment|post\s+a\s+comment|"
    r"最新评论|最新評論|暂无评论|暫無評論|发表评论|發表評論|网友评论|网友评论\s*\d{0,6}|评论\s*\(\d{1,6}\)|"
    # ratings and counts
    r"average\s+rating\s+[\d.]{1,6}\s*\(\d{1,6}\s+votes?\)|\d{1,8}\s*(?:人阅读|人閱讀|人看过|人看過|次阅读|次閱讀|阅读|浏览|瀏覽|views?)|"
    r"~\s*\d{1,4}\s*min(?:ute)?s?(?:\s+read)?|\d{1,3}\s+min(?:ute)?\s+read|"
    # site software, navigation, loading
    r"powered\s+by\s+\w[\w .-]{0,40}|skip\s+to\s+(?:main\s+)?content|how\s+can\s+we\s+help\??|"
    r"<\s*all\s+(?:topics|articles)|all\s+topics|正在加载|加载中|載入中|"
    r"there\s+are\s+no\s+suggestions\s+because\s+the\s+search\s+field\s+is\s+empty\.?|"
    r"submit\s+a\s+request|my\s+requests|"
    # copyright and reposting notices
    r"转载请注明出处.{0,80}|轉載請註明出處.{0,80}|版权声明.{0,200}|版權聲明.{0,200}|"
    r"本文(?:的)?(?:链接|鏈接)(?:地址)?\s*[:：].{0,300}|本文地址\s*[:：].{0,300}|"
    r"copyright\s+©?.{0,120}|©\s*\d{4}.{0,120}|"
    # a question site's echo of the question, and its count of answers
    r"如题所述|如題所述|共\s*\d{1,4}\s*(?:个|個|条|條)(?:回答|答案)"
    r")\W*+$",
    re.I,
)
# A line that starts with a tag or author label: "标签:…", "Tags: …", "作者:…".
_LABEL_LINE = re.compile(
    r"^\s*(?:标签|標籤|tags?|关键词|關鍵詞|keywords|分类|分類|categor(?:y|ies)|作者|author|来源|來源)\s*[:：]", re.I
)
# A Zendesk or help-centre navigation run: words with no sentence, such as "en My Requests Following".
_NAV_WORDS = re.compile(
    r"^(?:(?:en|zh|english|中文|my\s+requests|following|sign\s+out|sign\s+in|submit\s+a\s+request|"
    r"i'?d\s+like\s+to\s+chat|chat|help\s+center|community|home|search)\W*+){2,12}$",
    re.I,
)

# A breadcrumb: the page's place in the site, short names between " > " (›, »), that starts at
# the home page or a "you are here" label, or ends on a separator ("首页 > 生活百科 >").  A menu
# path in a step ("Settings > Privacy > Reset") does neither.
_CRUMB_LABEL = re.compile(r"^(?:当前位置|當前位置|您的位置|你的位置|所在位置|you\s+are\s+here)\s*[:：]\s*", re.I)
_CRUMB_SEP = re.compile(r"\s[>›»](?:\s|$)")
_CRUMB = re.compile(r"[^。.!！?？,，;；:：<>›»]{1,30}")
_HOME = re.compile(r"^(?:首页|首頁|主页|主頁|home(?:\s+page)?)$", re.I)


def is_breadcrumb(text: str) -> bool:
    """Whether a line is a breadcrumb: site navigation, never a title or a step."""
    label = _CRUMB_LABEL.match(text)
    rest = text[label.end() :] if label else text
    crumbs = [x.strip() for x in _CRUMB_SEP.split(f"{rest} ")]
    dangling = crumbs[-1] == ""
    crumbs = crumbs[:-1] if dangling else crumbs
    home = bool(_HOME.match(crumbs[0]))
    if (len(crumbs) < 2 and not home) or not all(_CRUMB.fullmatch(x) for x in crumbs):
        return False
    return bool(label) or dangling or home


def front_matter(lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    """(YAML front matter as a mapping, the lines after it): `---` … `---` at the very start."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or lines[start].strip() != "---":
        return {}, lines
    for end in range(start + 1, min(len(lines), start + 400)):
        if lines[end].strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[start + 1 : end]))
            except yaml.YAMLError:
                return {}, lines
            if isinstance(meta, dict):
                return {str(k): v for k, v in meta.items()}, lines[end + 1 :]
            return {}, lines
    return {}, lines


def template_tags(lines: list[str]) -> list[str]:
    """Lines without HTML comments and template tags (`{% data … %}`, `{% ifversion %}`):
    a line that held only tags goes; a tag inside a line is removed; `[AUTOTITLE](/a/b-c)`
    becomes the last part of its address in words ("b c"), and a `[!NOTE]` callout "Note:"."""
    text = "\n".join(lines)
    out: list[str] = []
    i = 0
    while True:  # HTML comments, with a plain scan (no regex over the whole text)
        j = text.find(_COMMENT_OPEN, i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        k = text.find("-->", j + 4)
        if k < 0:
            break
        i = k + 3
    kept: list[str] = []
    for line in "".join(out).split("\n"):
        if "{%" in line:
            if _LIQUID_LINE.match(line):
                continue
            line = _LIQUID.sub("", line)
        if "AUTOTITLE" in line:
            line = _AUTOTITLE.sub(lambda m: m.group(1).rstrip("/").rsplit("/", 1)[-1].replace("-", " "), line)
        m = _NOTE_CALLOUT.match(line)
        if m:
            word = m.group(1).capitalize()
            line = f"{'Warning' if word in ('Warning', 'Caution', 'Important') else word}: {line[m.end() :]}"
        kept.append(line.rstrip())
    return kept


def is_furniture(line: str) -> bool:
    """Whether one line is page furniture (feedback, comments, counts, navigation …)."""
    text = line.strip()
    if not text or len(text) > 400:
        return False
    return bool(_FURNITURE_LINE.match(text) or _LABEL_LINE.match(text) or _NAV_WORDS.match(text)) or is_breadcrumb(text)


def furniture(lines: list[str]) -> tuple[list[str], list[Message]]:
    """Lines without page furniture; and a message for each line left out."""
    kept: list[str] = []
    dropped: list[Message] = []
    for line in lines:
        if is_furniture(line):
            dropped.append(Message("cli.import.furniture", text=line.strip()[:80]))
        else:
            kept.append(line)
    return kept, dropped


def captions(lines: list[str], title: str) -> tuple[list[str], list[Message]]:
    """Lines that repeat the title as an image caption ("<title> 3", "<title> 第3张", "<title> 图2")."""
    if len(title) < 4:
        return lines, []
    kept: list[str] = []
    dropped: list[Message] = []
    for line in lines:
        text = line.strip()
        if text.startswith(title) and text != title:
            rest = text[len(title) :].strip()
            if re.fullmatch(r"(?:第\s*\d{1,3}\s*[张張幅]|[图圖]\s*\d{1,3}|\(\d{1,3}\)|\d{1,3})", rest):
                dropped.append(Message("cli.import.caption", text=text[:80]))
                continue
        if re.fullmatch(r".{2,80}?(?:图文教程|圖文教程|教程|截图|截圖|示意图|示意圖)\s*第\s*\d{1,3}\s*[张張幅]", text):
            dropped.append(Message("cli.import.caption", text=text[:80]))
            continue
        kept.append(line)
    return kept, dropped


def trailing_words(lines: list[str]) -> tuple[list[str], list[Message]]:
    """Lines at the very end that are tag words or a table of what came before: short
    lines with no sentence in them ("router reset", "network issues", "MethodsDetails")."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    while start > 0:
        text = lines[start - 1].strip()
        if not text:
            start -= 1
            continue
        if len(text) > 40 or re.search(r"[.。!！?？:：,，;；]", text) or text.startswith(("-", "*", "•", "|")):
            break
        start -= 1
    words = [line.strip() for line in lines[start:end] if line.strip()]
    if len(words) < 3:
        return lines, []
    return lines[:start], [Message("cli.import.tag_words", text=" / ".join(words)[:80], count=len(words))]
