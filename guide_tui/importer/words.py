"""The importer's own word lists, in every language it recognises.

The importer reads words in articles: the headings `guide-tui export` writes
(### Notes, ### 提示, …), the lines it adds about a guide, words that start a
procedure, close an article or mark page furniture.  These lists belong to the
importer, not to the interface catalog: a translator changing how the
interface says "Notes" must not change how articles are read.  A test checks
that every export heading in every interface language is still recognised here.

Every regular expression here runs over article text, so each is linear by
construction: no nested or adjacent unbounded quantifiers over the same
characters (possessive `*+` / `++` where two could meet).
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re

# Subsection headings inside a step -> the step part they start (lower case).
PART_LABELS: dict[str, str] = {
    # notes
    "notes": "notes",
    "note": "notes",
    "tips": "notes",
    "tip": "notes",
    "提示": "notes",
    "小贴士": "notes",
    "备注": "notes",
    "说明": "notes",
    "注意": "notes",
    "提示信息": "notes",
    "小提示": "notes",
    # checklist
    "checklist": "checklist",
    "check list": "checklist",
    "检查清单": "checklist",
    "清单": "checklist",
    "核对清单": "checklist",
    # warning
    "warning": "warning",
    "warnings": "warning",
    "caution": "warning",
    "警告": "warning",
    "注意安全": "warning",
    # question (an exported `ask`)
    "question": "question",
    "问题": "question",
    "提问": "question",
    # support
    "support": "support",
    "contact support": "support",
    "support contacts": "support",
    "contacts": "support",
    "客服": "support",
    "联系客服": "support",
    "客服联系方式": "support",
    "联系方式": "support",
}
# "Then → …" lines the export writes after a step with branches.
THEN_WORDS = ("then", "然后", "接着", "下一步")

# Lines `guide-tui export` writes about a guide: (kind, pattern with named groups).
EXPORT_LINES: list[tuple[str, re.Pattern[str]]] = [
    ("export.source", re.compile(r"^(?:source|来源|來源)\s*[:：]\s*(?P<source>.+)$", re.I)),
    (
        "export.reviewed",
        re.compile(r"^(?:facts\s+last\s+checked|资料核对日期|資料核對日期)\s*[:：]\s*(?P<date>.+)$", re.I),
    ),
    (
        "export.minutes",
        re.compile(r"^(?:takes\s+about\s+(?P<n>\d{1,4})\s+minutes?|大约需要\s*(?P<n2>\d{1,4})\s*分钟)$", re.I),
    ),
    ("export.placeholders", re.compile(r"^(?:words\s+in\s+«»|«»\s*中的词)", re.I)),
]
# Words before a publication date ("published 2024-03-05", "发布于 2024-03-05"), as the export writes them.
PUBLISHED_WORDS = ("published", "发布于", "發布於")

# Headings whose section holds the procedure, and lines that introduce one.
PROCEDURE = re.compile(
    r"步骤|步驟|流程|操作方法|操作如下|方法如下|如下操作|以下操作|以下方法|按照以下|按以下|怎么|怎麼|如何|怎样|怎樣|教程|指南|"
    r"\bas\s+follows\b|\bthe\s+following\s+steps\b|\bfollow\s+these\b|"
    r"\bsteps?\b|\bhow\s+(?:to|do)\b|\binstructions\b|\bprocedure\b|^to\s+[a-z]",
    re.I,
)
# Words in a title that say the article is a how-to.
HOW_TO = re.compile(
    r"步骤|步驟|怎么|怎麼|如何|怎样|怎樣|教程|指南|方法|攻略|\bhow\b|\bguide\b|\bsteps?\b|\breset\b|\bchange\b|"
    r"\bset\s+up\b|\bsetting\b|\binstall|\bchang|\bdelet|\bcreat|\bresett",
    re.I,
)
# Headings that start the part after the procedure (tips, notes, closing words).
AFTER_HEADING = re.compile(
    r"^(?:注意事项|注意事項|温馨提示|溫馨提示|特别提示|特別提示|常见问题|常見問題|常见问题解答|总结|總結|结语|結語|小结|小結|"
    r"结论|結論|写在最后|寫在最後|结束语|结束|补充说明|其他说明|相关说明|"
    r"conclusion|summary|final\s+(?:thoughts|words)|wrapping\s+up|wrap-up|closing\s+remarks?|"
    r"troubleshooting(?:\s+tips)?|additional\s+tips|tips(?:\s+and\s+tricks)?|notes?|faqs?|"
    r"frequently\s+asked\s+questions|what'?s\s+next|next\s+steps)\s*[:：]?$",
    re.I,
)
# Words that close an article: "通过上述简单步骤…", "按照以上方法…", "以上就是…", "That's it!".
# 通过/按照 以上/上述 count when a word for the steps follows within a few characters.
_CLOSING_WORDS = (
    r"(?:通过|通過|按照|依照|根据|根據|经过|經過)(?:以上|上述|上面)[^。！？!?]{0,8}?"
    r"(?:步骤|步驟|流程|方法|操作|设置|設置|介绍|介紹|教程|几步|幾步)|"
    r"以上就是|以上便是|以上即是|希望(?:这篇|本篇|本)?(?:文章|本文|以上|这些|这篇指南)|"
    r"总之|總之|综上|綜上|总而言之|總而言之|如果您?还有(?:其他|任何)?(?:疑问|问题)|"
    r"\b(?:in\s+conclusion|to\s+sum\s+up|that'?s\s+it|that\s+is\s+it|hope\s+this|we\s+hope|"
    r"by\s+following\s+(?:these|the\s+above|the\s+steps\s+above)|congratulations|"
    r"if\s+you\s+(?:still\s+)?have\s+(?:any\s+)?(?:other\s+|more\s+|further\s+)?questions)"
)
# A paragraph that closes an article, from its start (after a 总结: label).
CLOSING = re.compile(rf"^\W{{0,3}}(?:总结|總結|结语|結語)?\s{{0,2}}[:：]?\s{{0,2}}(?:{_CLOSING_WORDS})", re.I)
# The same words anywhere in a paragraph: a last section of nothing else only closes the article.
CLOSING_ANYWHERE = re.compile(_CLOSING_WORDS, re.I)
CLOSING_TITLE = re.compile(
    r"^(?:总结|總結|结语|結語|小结|小結|结论|結論|写在最后|寫在最後|结束语|conclusion|summary|"
    r"final\s+(?:thoughts|words)|wrapping\s+up|wrap-up|closing\s+remarks?)\s*[:：]?$",
    re.I,
)
# Headings of an introduction, never the article's title.
INTRO_HEADING = re.compile(r"^(?:引言|前言|导读|導讀|概述|简介|簡介|introduction|overview)\s*[:：]?$", re.I)

# Words that start a sentence of a procedure written as prose.
SEQUENCE_FIRST = re.compile(
    r"^(?:首先|第一步|第一|先)[,，、:：]?|^(?:first(?:ly)?|to\s+begin|to\s+start)\b[,:]?\s*", re.I
)
SEQUENCE_NEXT = re.compile(
    r"^(?:其次|然后|然後|接下来|接下來|接着|接著|随后|隨後|之后|之後|再次|最后|最後|最终|最終)[,，、:：]?|"
    r"^(?:next|then|after\s+that|afterwards|finally|lastly)\b[,:]?\s*",
    re.I,
)
# Words that start the paragraph after the last step ("至此,你已经成功关闭了…", "That's it").
SEQUENCE_END = re.compile(
    r"^(?:至此|到此|到这里|到這裡|这样就|這樣就|大功告成)|^(?:that'?s\s+it|that\s+is\s+it|you'?re\s+done|and\s+you'?re\s+done)\b",
    re.I,
)
# Where a step heading runs into its text on one line: "第一步:登录饿了么账号首先,打开…".
SEQUENCE_INSIDE = re.compile(r"首先|然后|然後|接着|接著|接下来|接下來|最后|最後")

# A line that is a note or a warning beside a step, not its text ("Note: …", "注意：…"), also
# indented inside a list item or in emphasis ("*Note: …*": `open` is what the line's end closes).
_ASIDE_WORDS = r"note|tip|warning|caution|important|注意|提示|注|小贴士|温馨提示|警告|重要"
ASIDE = re.compile(
    rf"^[ \t]*+(?:>\s*)?(?P<open>[*_]{{0,2}})(?P<word>{_ASIDE_WORDS})"
    r"(?P<close>[*_]{0,2})\s*[:：]\s*(?P<after>[*_]{0,2})\s*",
    re.I,
)
# The same label glued after the end of a sentence, as a page's text runs an item's
# paragraphs together ("打开设置。 注意：…", "Open Settings. Note: …").
GLUED_ASIDE = re.compile(rf"(?<=[。！？.!?])[ \t]*+(?=[*_]{{0,2}}(?:{_ASIDE_WORDS})[*_]{{0,2}}\s*[:：])", re.I)
WARNING_WORDS = frozenset({"warning", "caution", "important", "警告", "重要"})
# Sentences that start a warning.
WARNING_START = re.compile(
    r"^(?:请确保|請確保|请务必|請務必|务必|務必|切记|切記|请勿|請勿|千万不要|千萬不要|"
    r"caution\b|warning\b|important\b|be\s+careful\b|never\b|do\s+not\b)",
    re.I,
)


def is_aside(line: str) -> bool:
    """Whether a line is a note or a warning beside a step rather than its text: a labelled
    one ("注意：…", "Warning: …") or a warning sentence ("请确保…", "Do not …")."""
    return bool(ASIDE.match(line) or WARNING_START.match(line.strip().lstrip("*_>").strip()))


def bare_label(line: str) -> str | None:
    """The label of a line that is nothing but a note's or a warning's label ("Important:",
    "注意：", "**Note:**"): the list under it is what it labels.  None for any other line."""
    m = ASIDE.match(line)
    if m is None or line[m.end() :].strip(" \t*_"):
        return None
    return m.group("word")
