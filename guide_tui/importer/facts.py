"""Facts `guide-tui import` picks out of an article's sentences.

Dates, publication lines, phone numbers with their caveats, online-chat
mentions, sentences that read like a fallback, closing remarks, ids and the
language.  Each function is a guess an author checks afterwards; importer.py
reports every one.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from guide_tui.core.checks import url_problem
from guide_tui.i18n import Message

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_PATTERNS = [
    (re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?!\d)"), "ymd"),
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I), "mdy"),
    (re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})", re.I), "dmy"),
]
_PUBLISHED_WORDS = r"(发布时间|发布日期|发表时间|发表日期|发布于|发表于|published(\s+(on|at))?|posted(\s+on)?|publication\s+date|date\s+published)"
_PUBLISHED = re.compile(_PUBLISHED_WORDS + r"\s*[:：]?\s*", re.I)
_SOURCE_URL = re.compile(
    r"^\W*(source|original|原文链接|原文地址|原文|来源|出处)\s*[:：]\s*<?(https?://[^\s<>]+?)>?\s*$", re.I
)

_OPEN = "(（[【“‘«《「"
_CLOSE = ")）]】”’»》」"
_PHONE = re.compile(r"(?<![A-Za-z0-9+/.-])(\+?\(?\d[\d ().-]{3,22}\d)(?![A-Za-z0-9/-]|\.\d)")
_PHONE_WORDS = re.compile(
    r"电话|热线|客服|致电|拨打|呼叫|phone|call|hotline|helpline|tel\b|dial|contact|support|customer\s+service", re.I
)
# Numbers that are support lines even without a word such as "hotline" nearby.
_STRONG_PHONE = re.compile(r"^(\+\d|400[- ]?\d|800[- ]?\d|1-8[0-9]{2}-)")
_DATE_OR_TIME = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d{2}")
_PAREN_AFTER = re.compile(r"^\s*[(（]([^()（）]{2,300})[)）]")
_CAVEAT = re.compile(
    r"可能|为准|仅供参考|以.{0,12}公布|请核实|may\b|might\b|subject\s+to|vary|varies|check\b|verify|charges?\s+apply|rates?\s+apply",
    re.I,
)
_CAVEAT_LEAD = re.compile(
    r"^(请注意|注意|提示|温馨提示|注|please\s+note(\s+that)?|note(\s+that)?)\s*[,，:：]?\s*", re.I
)
_NAME_TAIL = re.compile(r"(\s*(为|是|:|：|拨打|致电|号码|on|at|is|:|call|dial|number|请拨打))+\s*$", re.I)
_NAME_HEAD = re.compile(
    r"^\s*(or|and|please|you\s+can|call|dial|phone|contact|reach)\s+"
    r"|^\s*(或者|或|并且|并|也可以|您可以|可以|请拨打|请致电|请|拨打|致电)",
    re.I,
)
_CHAT = re.compile(r"在线聊天|在线客服|人工客服|online\s+chat|live\s+chat|chat\s+with", re.I)
_FALLBACK = re.compile(
    r"(如果|若|假如|要是|万一)[^。!?！？]{0,40}(没有|没|未|无法|不能|找不到|看不到|不到|失败|不成功|不行|出现问题|异常|不显示)"
    r"|否则|\bif\b[^.!?]{0,80}(n['’]t\b|\b(not|unable|fails?|failed|missing|no\s+longer|nothing|never)\b)|^\s*otherwise\b",
    re.I,
)
_CLOSING = re.compile(
    r"通过以上步骤|通过上述步骤|以上就是|以上便是|希望(这篇|本篇|本)?(文章|本文|以上|这些)|总之|综上|总而言之|"
    r"如果您?还有(其他|任何)?(疑问|问题)|"
    r"\b(in\s+conclusion|to\s+sum\s+up|that'?s\s+it|that\s+is\s+it|hope\s+this|we\s+hope|"
    r"by\s+following\s+(these|the\s+above)|congratulations|if\s+you\s+(still\s+)?have\s+(any\s+)?(other\s+|more\s+|further\s+)?questions)",
    re.I,
)
_CLOSING_TITLE = re.compile(
    r"^(总结|结语|小结|结论|写在最后|结束语|conclusion|summary|final\s+(thoughts|words)|wrapping\s+up|wrap-up|closing\s+remarks?)$",
    re.I,
)


@dataclass
class Contact:
    """A support contact found in the text (`phone`, `url` or `channel`) and the sentence it came from."""

    name: str
    phone: str | None = None
    url: str | None = None
    channel: str | None = None
    disclaimer: str | None = None
    sentence: str = ""


def find_date(text: str) -> _dt.date | None:
    """The first real date written in a text (2024-08-27, 2024年8月27日, Aug 27, 2024)."""
    for pattern, order in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            g = m.groups()
            try:
                if order == "ymd":
                    return _dt.date(int(g[0]), int(g[1]), int(g[2]))
                if order == "mdy":
                    return _dt.date(int(g[2]), _MONTHS.index(g[0][:3].lower()) + 1, int(g[1]))
                return _dt.date(int(g[2]), _MONTHS.index(g[1][:3].lower()) + 1, int(g[0]))
            except ValueError:
                continue
    return None


def published_date(line: str, extra_words: tuple[str, ...] = ()) -> _dt.date | None:
    """The date of a publication line such as "发布时间:2024-08-27 14:11:36"."""
    text = line.strip().strip("*_>-• ").strip()
    if not text or len(text) > 200:
        return None
    m = _PUBLISHED.search(text)
    at = m.end() if m else -1
    for word in extra_words:
        i = text.lower().find(word.lower())
        if i >= 0:
            at = i + len(word)
    if at < 0:
        return None
    return find_date(text[at : at + 40])


def _template(text: str) -> re.Pattern[str]:
    """A message template such as "Takes about {n} minutes" as a regex with named groups."""
    parts = re.split(r"\{(\w+)\}", text)
    pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(r"\s*".join(pattern.split(r"\ ")) + "$", re.I)


def _export_templates() -> dict[str, list[re.Pattern[str]]]:
    """The lines `guide-tui export` writes about a guide, in every interface language."""
    from guide_tui.i18n import CATALOGS

    keys = ("export.source", "export.reviewed", "export.minutes", "export.placeholders")
    return {key: [_template(c[key]) for c in CATALOGS.values() if c.get(key)] for key in keys}


class MetaLines:
    """Lines about the article, not the procedure: when it was published, where
    it is, and the lines `guide-tui export` adds.  `read` keeps what they say."""

    def __init__(self) -> None:
        from guide_tui.i18n import CATALOGS

        self.published: _dt.date | None = None
        self.published_line = ""
        self.url: str | None = None
        self.minutes: int | None = None
        self._templates = _export_templates()
        self._words = tuple(
            c["export.published"].split("{")[0].strip()
            for c in CATALOGS.values()
            if c.get("export.published", "").split("{")[0].strip()
        )

    def _classify(self, line: str) -> tuple[str, Any] | None:
        text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", line).strip().lstrip("-*+•>").strip()
        if not text or len(text) > 300:
            return None
        date = published_date(text, self._words)
        if date:
            urls = re.findall(r"https?://[^\s<>·]+", text)
            return "published", (date, urls[0] if urls else None)
        url = source_url(text)
        if url:
            return "url", url
        for key, patterns in self._templates.items():
            for pattern in patterns:
                m = pattern.match(text)
                if m:
                    return key, m.groupdict()
        return None

    def matches(self, line: str) -> bool:
        """Whether a line is about the article rather than part of it."""
        return self._classify(line) is not None

    def read(self, line: str) -> tuple[str, Message] | None:
        """(report kind, words) for a line about the article, keeping its facts; else None."""
        found = self._classify(line)
        if found is None:
            return None
        kind, value = found
        shown = " ".join(line.split())
        if kind == "published":
            if self.published is not None:
                return "left out", Message("cli.import.another_published", line=shown)
            self.published, self.published_line = value[0], shown
            if value[1] and self.url is None and url_problem(value[1], ("http", "https")) is None:
                self.url = value[1]
            return "guessed", Message("cli.import.published", date=value[0].isoformat(), line=shown)
        links = re.findall(r"https?://[^\s<>·]+", shown)
        if kind == "url" or (kind == "export.source" and links):
            url = value if kind == "url" else links[0]
            if self.url is None and url_problem(url, ("http", "https")) is None:
                self.url = url
                return "guessed", Message("cli.import.source_url", url=url, line=shown)
        if kind == "export.minutes" and value.get("n", "").isdigit() and int(value["n"]) > 0:
            self.minutes = int(value["n"])
            return "guessed", Message("cli.import.minutes", minutes=self.minutes, line=shown)
        if kind == "export.reviewed":
            return "left out", Message("cli.import.reviewed_line", line=shown)
        return "left out", Message("cli.import.about_article", line=shown)


def source_url(line: str) -> str | None:
    """The address on a line such as "Source: https://…"."""
    m = _SOURCE_URL.match(line.strip())
    return m.group(2) if m else None


def sentences(text: str) -> list[str]:
    """A paragraph's sentences, each stripped.  A line break is a space except
    between two CJK characters; text in brackets or quotes is never split."""
    flat = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])", "", text)
    flat = " ".join(flat.split())
    out: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(flat):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif depth == 0 and (ch in "。!?！？" or (ch in ".!?" and (i + 1 == len(flat) or flat[i + 1] == " "))):
            out.append(flat[start : i + 1])
            start = i + 1
    out.append(flat[start:])
    return [s.strip() for s in out if s.strip()]


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def find_contacts(text: str, language: str) -> list[Contact]:
    """Phone numbers (with name and caveat) and online-chat mentions in a text."""
    found: list[Contact] = []
    seen: set[str] = set()
    chat_seen = False
    for paragraph in re.split(r"\n\s*\n", text):
        parts = sentences(paragraph)
        for i, sentence in enumerate(parts):
            masked = _DATE_OR_TIME.sub(lambda m: "x" * len(m.group()), sentence)
            for m in _PHONE.finditer(masked):
                number = sentence[m.start(1) : m.end(1)].strip(" ()")
                digits = _digits(number)
                keyword = bool(_PHONE_WORDS.search(sentence))
                if not (7 <= len(digits) <= 15 or (len(digits) == 5 and keyword and digits[0] in "19")):
                    continue
                if not keyword and not _STRONG_PHONE.match(number):
                    continue
                if digits in seen or not re.fullmatch(r"\+?[0-9][0-9 ().-]*[0-9]", number):
                    continue
                seen.add(digits)
                name = _name_before(sentence[: m.start(1)], language)
                after = sentence[m.end(1) :]
                found.append(
                    Contact(name, phone=number, sentence=sentence, disclaimer=_caveat(after, parts[i + 1 : i + 2]))
                )
            chat = _CHAT.search(sentence)
            if chat and not chat_seen:
                chat_seen = True
                clause = _clause(sentence, chat.start())
                found.append(
                    Contact(
                        "在线客服" if language.startswith("zh") else "Online chat", channel=clause, sentence=sentence
                    )
                )
    return found


def _clause(sentence: str, at: int) -> str:
    """The part of a sentence between commas that holds position `at`."""
    start = max(sentence.rfind(c, 0, at) for c in ",，;；") + 1
    ends = [e for e in (sentence.find(c, at) for c in ",，;；。.!！") if e >= 0]
    clause = sentence[start : min(ends) if ends else len(sentence)]
    return _NAME_HEAD.sub("", clause.strip()).strip()


def _name_before(before: str, language: str) -> str:
    """A contact name from the words just before a number, or a stand-in."""
    clause = re.split(r"[,，;；:：。!！?？()（）]", _NAME_TAIL.sub("", before))[-1]
    for _ in range(3):
        clause = _NAME_HEAD.sub("", clause).strip()
    clause = clause.strip("“”\"'*_ ")
    if 2 <= len(clause) <= 40 and not re.search(r"\d{3}", clause):
        return clause[0].upper() + clause[1:]
    return "客服电话" if language.startswith("zh") else "Support phone"


def _caveat(after: str, next_sentences: list[str]) -> str | None:
    """The caveat that qualifies a number: a parenthetical right after it, or
    the rest of the sentence or the next sentence when they read like one."""
    m = _PAREN_AFTER.match(after)
    if m:
        return _CAVEAT_LEAD.sub("", m.group(1).strip()).strip() or None
    rest = after.strip(" ,，.。")
    if rest and _CAVEAT.search(rest):
        return _CAVEAT_LEAD.sub("", rest).strip(" ,，") or None
    if next_sentences and _CAVEAT.search(next_sentences[0]):
        return _CAVEAT_LEAD.sub("", next_sentences[0]).strip() or None
    return None


def fallbacks(text: str) -> list[str]:
    """Sentences that read like "if you don't see …, do …": a branch to ask about."""
    return [s for s in sentences(text) if _FALLBACK.search(s)]


def is_closing(title: str, paragraphs: list[str], has_lists: bool) -> bool:
    """Whether a last section only closes the article (no procedure in it)."""
    if has_lists or not paragraphs:
        return False
    if _CLOSING_TITLE.match(title.strip()):
        return True
    return all(_CLOSING.search(p) for p in paragraphs)


def slug(text: str, limit: int = 60) -> str | None:
    """An ASCII slug of a title, or None when it is not mostly Latin letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    latin = sum(1 for c in decomposed if c.isascii() and c.isalpha())
    other = sum(1 for c in decomposed if c.isalpha() and not c.isascii())
    if latin == 0 or other > latin:
        return None
    words = re.sub(r"['’]", "", decomposed.encode("ascii", "ignore").decode().lower())
    out = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    if len(out) > limit:
        out = out[:limit].rsplit("-", 1)[0] if "-" in out[:limit] else out[:limit]
    return out or None


def guess_language(text: str) -> tuple[str, Message]:
    """(BCP 47 tag, why): Japanese kana, Korean Hangul, Chinese, else English."""
    kana = len(re.findall(r"[\u3040-\u30ff]", text))
    hangul = len(re.findall(r"[\uac00-\ud7af]", text))
    han = len(re.findall(r"[\u4e00-\u9fff\u3400-\u4dbf]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    cjk = kana + hangul + han
    if cjk and cjk * 3 >= latin:
        if kana > cjk // 10:
            return "ja", Message("cli.import.why.kana")
        if hangul > han:
            return "ko", Message("cli.import.why.hangul")
        return "zh-CN", Message("cli.import.why.chinese")
    return "en", Message("cli.import.why.latin")
