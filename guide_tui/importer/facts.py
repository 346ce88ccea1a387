"""Facts `guide-tui import` picks out of an article's sentences.

Dates, publication lines, source links, sentences, sentences that read like a
fallback, closing remarks, ids and the language (support contacts: contacts.py).  Each function is a guess an author checks afterwards; draft.py
reports every one.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import Any

from guide_tui.core.links import url_problem
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
_FALLBACK = re.compile(
    r"(如果|若|假如|要是|万一)[^。!?！？]{0,40}(没有|没|未|无法|不能|找不到|看不到|不到|失败|不成功|不行|出现问题|异常|不显示)"
    r"|否则|\bif\b[^.!?]{0,80}(n['’]t\b|\b(not|unable|fails?|failed|missing|no\s+longer|nothing|never)\b)|^\s*otherwise\b",
    re.I,
)
_CLOSING_TITLE = re.compile(
    r"^(总结|结语|小结|结论|写在最后|结束语|conclusion|summary|final\s+(thoughts|words)|wrapping\s+up|wrap-up|closing\s+remarks?)$",
    re.I,
)


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


# Abbreviations whose "." ends no sentence: always (e.g.), or before a number ("ext. 2", "No. 5").
_ABBREVIATIONS = {"e.g", "i.e", "approx", "vs"}
_BEFORE_NUMBER = {"ext", "tel", "no", "nr", "ph", "apt", "rm"}


def _abbreviation(flat: str, at: int) -> bool:
    """Whether the "." at `at` closes an abbreviation rather than a sentence."""
    start = at
    while start > max(0, at - 8) and (flat[start - 1].isalpha() or flat[start - 1] == "."):
        start -= 1
    word = flat[start:at].lower()
    if word in _ABBREVIATIONS:
        return True
    return word in _BEFORE_NUMBER and at + 2 < len(flat) and (flat[at + 2].isdigit() or flat[at + 2] == "+")


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
            if ch == "." and after == " " and _abbreviation(flat, i):
                continue
            if ch in "。！？" or after == " " or (ch in "!?" and "\u3000" <= after <= "\u9fff"):
                out.append(flat[start:j])
                start = j
    out.append(flat[start:])
    return [s.strip() for s in out if s.strip()]


def fallbacks(text: str) -> list[str]:
    """Sentences that read like "if you don't see …, do …": a branch to ask about."""
    return [s for s in sentences(text) if _FALLBACK.search(s)]


def is_closing(title: str, paragraphs: list[str], has_lists: bool) -> bool:
    """Whether a last section only closes the article (no procedure in it)."""
    if has_lists or not paragraphs:
        return False
    if _CLOSING_TITLE.match(title.strip()):
        return True
    return all(words.CLOSING_ANYWHERE.search(p) for p in paragraphs)


def slug(text: str, limit: int = 60) -> str | None:
    """An ASCII slug of a title, or None when it is not mostly Latin letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    latin = sum(1 for c in decomposed if c.isascii() and c.isalpha())
    other = sum(1 for c in decomposed if c.isalpha() and not c.isascii())
    if latin == 0 or other > latin:
        return None
    # Accents and other letters go; a sign is a gap, so "8–63" is "8-63", never the number 863.
    unquoted = re.sub(r"['’]", "", decomposed)  # "don’t" -> "dont"
    words = "".join(c if c.isascii() else "" if c.isalpha() or unicodedata.combining(c) else " " for c in unquoted)
    words = words.lower()
    out = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    if len(out) > limit:
        out = out[:limit].rsplit("-", 1)[0] if "-" in out[:limit] else out[:limit]
    return out or None


# Common characters written differently in Traditional and Simplified Chinese, pair by pair.
_TRADITIONAL = "們個這來時會說過還對點為與從進頁綁銀擊開關選擇設網號碼請確認應鍵錢區單發現實話題讓問隨體驗條資訊據標籤機專業學習動電腦視頻處導覽輸證雜歷歡樂藥醫療費額態類廣營銷產線價"
_SIMPLIFIED = "们个这来时会说过还对点为与从进页绑银击开关选择设网号码请确认应键钱区单发现实话题让问随体验条资讯据标签机专业学习动电脑视频处导览输证杂历欢乐药医疗费额态类广营销产线价"


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
        traditional = sum(text.count(c) for c in _TRADITIONAL)
        if traditional > sum(text.count(c) for c in _SIMPLIFIED):
            return "zh-Hant", Message("cli.import.why.traditional")
        return "zh-CN", Message("cli.import.why.chinese")
    return "en", Message("cli.import.why.latin")
