"""Facts `guide-tui import` picks out of an article's sentences.

Dates, publication lines, phone numbers with their caveats, online-chat
mentions, sentences that read like a fallback, closing remarks, ids and the
language.  Each function is a guess an author checks afterwards; draft.py
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
from guide_tui.importer import words

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_PATTERNS = [
    (re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?!\d)"), "ymd"),
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I), "mdy"),
    (re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})", re.I), "dmy"),
]
_PUBLISHED_WORDS = (
    r"(发布时间|发布日期|发表时间|发表日期|发布于|发表于|發布時間|發佈時間|發表於|更新时间|更新時間|更新于|更新於|"
    r"最后更新|最後更新|时间|時間|日期|published(\s+(on|at))?|posted(\s+on)?|publication\s+date|date\s+published|"
    r"(last\s+)?updated(\s+(on|at))?|last\s+modified|answered(\s+on)?|created(\s+on)?|第\s*\d{1,3}\s*个回答)"
)
_PUBLISHED = re.compile(_PUBLISHED_WORDS + r"\s*+[:：]?\s*+", re.I)
# A line that is only a date, perhaps with a time: "2018-08-07 20:48", "2024年5月26日".
_BARE_DATE = re.compile(
    r"^\W{0,3}\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?日?(?:\s{1,3}\d{1,2}:\d{2}(?::\d{2})?)?\W{0,3}$"
)
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
# Words between a contact's name and its number ("热线为 400…", "call us on 0800…"),
# taken off the end in Python: a regex anchored at the end retried every space of a long run.
_NAME_TAIL = (
    "请拨打",
    "請撥打",
    "拨打",
    "撥打",
    "致电",
    "致電",
    "号码",
    "號碼",
    "通常",
    "为",
    "為",
    "是",
    ":",
    "：",
    "calling",
    "call",
    "number",
    "dial",
    "on",
    "at",
    "is",
    "by",
)


def _strip_name_tail(text: str) -> str:
    """Text without the linking words at its end ("小米客服热线为 " -> "小米客服热线")."""
    while True:
        text = text.rstrip()
        lower = text.lower()
        for word in _NAME_TAIL:
            if lower.endswith(word):
                cut = len(text) - len(word)
                if word.isascii() and word.isalpha() and cut > 0 and text[cut - 1].isalnum():
                    continue  # part of a longer word ("action")
                text = text[:cut]
                break
        else:
            return text


_NAME_HEAD = re.compile(
    r"^\s*+(or|and|please|you\s+can|call|dial|phone|contact|reach|let\s+us\s+know(\s+by)?|us|by)\s+"
    r"|^\s*(或者|或|并且|并|也可以|您可以|可以|请拨打|请致电|请|拨打|致电)",
    re.I,
)
_CHAT = re.compile(r"在线聊天|在线客服|人工客服|online\s+chat|live\s+chat|chat\s+with", re.I)
_FALLBACK = re.compile(
    r"(如果|若|假如|要是|万一)[^。!?！？]{0,40}(没有|没|未|无法|不能|找不到|看不到|不到|失败|不成功|不行|出现问题|异常|不显示)"
    r"|否则|\bif\b[^.!?]{0,80}(n['’]t\b|\b(not|unable|fails?|failed|missing|no\s+longer|nothing|never)\b)|^\s*otherwise\b",
    re.I,
)
CLOSING = re.compile(
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
    hours: str | None = None


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
    if at < 0 and _BARE_DATE.match(text):
        at = 0
    for word in extra_words:
        i = text.lower().find(word.lower())
        if i >= 0:
            at = i + len(word)
    if at < 0:
        return None
    return find_date(text[at : at + 40])


class MetaLines:
    """Lines about the article, not the procedure: when it was published, where
    it is, and the lines `guide-tui export` adds.  `read` keeps what they say."""

    def __init__(self) -> None:
        self.published: _dt.date | None = None
        self.published_line = ""
        self.url: str | None = None
        self.minutes: int | None = None
        self._words = words.PUBLISHED_WORDS

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
        for key, pattern in words.EXPORT_LINES:
            m = pattern.match(text)
            if m:
                found = {k: v for k, v in m.groupdict().items() if v}
                if "n2" in found:
                    found["n"] = found.pop("n2")
                return key, found
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


# Spaces between two CJK characters (with a line break among them, the caller checks).
# Linear: a gap starts only right after a CJK character that is not a space itself (so
# not at each of a long run of U+3000), and the spaces are taken once, never given back.
_CJK_GAP = re.compile(r"(?<=[\u3001-\u9fff\uff00-\uffef])\s++(?=[\u3000-\u9fff\uff00-\uffef])")


def sentences(text: str) -> list[str]:
    """A paragraph's sentences, each stripped.  A line break is a space except
    between two CJK characters; text in brackets or quotes is never split."""
    flat = _CJK_GAP.sub(lambda m: "" if "\n" in m.group() else m.group(), text)
    flat = " ".join(flat.split())
    out: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(flat):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif depth == 0 and ch in "。！？.!?" and i + 1 > start:
            j = i + 1
            while j < len(flat) and flat[j] in "\"'”’」』":
                j += 1
            after = flat[j] if j < len(flat) else " "
            if ch in "。！？" or after == " " or (ch in "!?" and "\u3000" <= after <= "\u9fff"):
                out.append(flat[start:j])
                start = j
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
                name = _name_before(sentence[: m.start(1)], language, sentence)
                after = sentence[m.end(1) :]
                caveat = _caveat(after, parts[i + 1 : i + 2])
                limit = _limit(after)
                if limit and (not caveat or limit not in caveat):
                    caveat = f"{limit}; {caveat}" if caveat else limit
                found.append(
                    Contact(
                        name,
                        phone=number,
                        sentence=sentence,
                        disclaimer=caveat,
                        hours=_hours(sentence, parts[i + 1 : i + 2]),
                    )
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


def _name_before(before: str, language: str, sentence: str = "") -> str:
    """A contact name from the words just before a number; else the support words
    of its sentence ("客服热线", "customer service"); else a stand-in."""
    clause = re.split(r"[,，;；。!！?？()（）]|[:：](?!\d)", _strip_name_tail(before))[-1]
    for _ in range(3):
        clause = _NAME_HEAD.sub("", clause).strip()
    clause = clause.strip("“”\"'*_ ")
    words = re.findall(r"[A-Za-z]+", clause.lower())
    hollow = words and all(w in _HOLLOW for w in words) and not re.search(r"[\u4e00-\u9fff]", clause)
    if 2 <= len(clause) <= 40 and not re.search(r"\d", clause) and not hollow:
        return clause[0].upper() + clause[1:]
    m = _SUPPORT_NOUN.search(sentence)
    if m:
        return m.group(0)[0].upper() + m.group(0)[1:]
    return "客服电话" if language.startswith("zh") else "Support phone"


# Words that do not name anyone: "let us know by calling", "contact us at".
_HOLLOW = {
    "let",
    "us",
    "know",
    "by",
    "please",
    "contact",
    "call",
    "calling",
    "we",
    "you",
    "our",
    "the",
    "a",
    "or",
    "and",
    "reach",
    "give",
    "ring",
    "phone",
    "at",
    "on",
    "to",
    "can",
    "also",
    "just",
    "them",
    "me",
}
_SUPPORT_NOUN = re.compile(
    r"(?:官方)?客服(?:热线|熱線|电话|電話|中心)?|服务热线|服務熱線|热线|熱線|"
    r"(?:customer|technical|tech)\s+(?:service|support|care)(?:\s+(?:line|team|desk))?|support\s+(?:line|team|desk)|"
    r"help\s?(?:line|desk)|hotline",
    re.I,
)
_HOURS = re.compile(
    r"(?<![\d-])\d{1,2}(?::\d{2}|\s?(?:am|pm|a\.m\.|p\.m\.))\s{0,3}(?:-|–|—|to|and|until|至|到|~|～)\s{0,3}\d{1,2}"
    r"(?::\d{2})?(?:\s?(?:am|pm|a\.m\.|p\.m\.))?"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b"
    r"|24\s?/\s?7|24\s?(?:hours|小时|小時)|工作日|周[一二三四五六日]|週[一二三四五六日]|星期[一二三四五六日天]|节假日|節假日",
    re.I,
)
_LIMIT = re.compile(r"\b(?:only|just|exclusively)\b|仅|僅|只|限", re.I)


def _clauses(sentence: str) -> list[str]:
    return [c.strip() for c in re.split(r"[,，;；。]|\s(?=\()", sentence) if c.strip()]


def _hours(sentence: str, next_sentences: list[str]) -> str | None:
    """The words of the sentence (or the next) that say when a number is answered,
    from the first time or day to the last ("9:30 and 4:30 eastern Monday to Friday")."""
    for text in [sentence, *next_sentences[:1]]:
        pre = _DATE_OR_TIME.sub(lambda m: "x" * len(m.group()), text)
        chars = list(text)
        for m in _PHONE.finditer(pre):
            chars[m.start() : m.end()] = "#" * (m.end() - m.start())
        masked = "".join(chars)
        spans = [m.span() for m in _HOURS.finditer(masked)]
        if not spans:
            continue
        start, end = spans[0]
        for a, b in spans[1:]:
            if a - end > 25 or "#" in masked[end:a]:
                break
            end = b
        hours = text[start:end].strip(" .。,，")
        return hours or None
    return None


def _limit(after: str) -> str | None:
    """A clause after the number that limits what it is for ("only to sign up", "仅限新用户")."""
    for clause in _clauses(after)[:2]:
        if _LIMIT.search(clause) and len(clause) <= 120:
            return clause.strip(" .。")
    return None


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
    return all(CLOSING.search(p) for p in paragraphs)


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
