"""Support contacts `guide-tui import` picks out of an article's sentences.

Phone numbers, with the name the sentence gives them, the caveat beside them
("numbers may change") and their hours, and mentions of an online chat.  Each is a
guess an author checks afterwards; draft.py reports every one.  This module
imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guide_tui.importer.facts import sentences

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
    r"|^\s*(或者|或|并且|并|也可以|您可以|可拨打|可撥打|可致电|可致電|可以|请拨打|請撥打|请致电|請致電|请|請|拨打|撥打|致电|致電)",
    re.I,
)
# A channel the article names: an online chat.  Not 人工客服 ("a human agent", reached by
# phone as often as by chat) nor "contact support": they name no way in.
_CHAT = re.compile(r"(?:在线|在線|网上|網上)(?:聊天|客服|咨询|諮詢)|(?:online|live|web)\s+chat|chat\s+online", re.I)


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
    extension: str | None = None  # "转 3", "ext. 2": said in the disclaimer, as a phone holds digits only


# A short service line ("95118", "950618", "96xxx", "12345"): a number only right after a
# word that names a phone ("客服电话 950618", "call our hotline 95588"), else it may be an
# order number, an amount or a date written yymmdd.
_SERVICE_NUMBER = re.compile(r"9[56]\d{3,4}|1\d{4,5}")
_PHONE_WORD_AT_END = re.compile(
    r"(?:电话|電話|热线|熱線|客服|拨打|撥打|致电|致電|呼叫|phone|call|hotline|helpline|tel|dial)"
    r"\s{0,3}(?:号码|號碼|为|為|是|number|is|on|at)?\s{0,3}[:：]?\s{0,3}$",
    re.I,
)


def _service_number(digits: str, before: str) -> bool:
    """Whether 5 or 6 digits are a service line: 95xxx, 96xxx or 1xxxx right after a phone word."""
    return bool(_SERVICE_NUMBER.fullmatch(digits) and _PHONE_WORD_AT_END.search(before[-24:]))


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
                if not (7 <= len(digits) <= 15 or _service_number(digits, sentence[: m.start(1)])):
                    continue
                if not keyword and not _STRONG_PHONE.match(number):
                    continue
                if digits in seen or not re.fullmatch(r"\+?[0-9][0-9 ().-]*[0-9]", number):
                    continue
                seen.add(digits)
                name = _name_before(sentence[: m.start(1)], language, sentence)
                after = sentence[m.end(1) :]
                extension = _extension(after)
                if extension:
                    after = after[extension.end() :]
                caveat = _caveat(after, parts[i + 1 : i + 2])
                for kept in (_limit(after), _audience(sentence[: m.start(1)])):
                    if kept and (not caveat or kept not in caveat):
                        caveat = f"{kept}; {caveat}" if caveat else kept
                if extension:  # "转 3", "ext. 2": the phone field holds digits only, so the disclaimer says it
                    caveat = f"{extension.group(1)}; {caveat}" if caveat else extension.group(1)
                found.append(
                    Contact(
                        name,
                        phone=number,
                        sentence=sentence,
                        disclaimer=caveat,
                        hours=_hours(sentence, parts[i + 1 : i + 2]),
                        extension=extension.group(1) if extension else None,
                    )
                )
            chat = _CHAT.search(sentence)
            if chat and not chat_seen:
                chat_seen = True
                clause = _clause(sentence, chat.start())
                found.append(Contact(_chat_name(chat.group(0)), channel=clause, sentence=sentence))
    return found


def begins_with_number(text: str) -> bool:
    """Whether a text opens with a phone number ("010-8099-7777 或通过…"): a step body
    whose title holds the words that name it ("拨打美团客服热线")."""
    m = _PHONE.match(text.lstrip())
    return m is not None and len(_digits(m.group(1))) >= 7


def _chat_name(words: str) -> str:
    """The chat's name in the article's own words ("在线聊天", "Live chat"), never one it does not give."""
    words = " ".join(words.split())
    return words[0].upper() + words[1:]


def _clause(sentence: str, at: int) -> str:
    """The part of a sentence between commas that holds position `at`."""
    start = max(sentence.rfind(c, 0, at) for c in ",，;；、") + 1
    ends = [e for e in (sentence.find(c, at) for c in ",，;；、。.!！") if e >= 0]
    clause = sentence[start : min(ends) if ends else len(sentence)]
    return _NAME_HEAD.sub("", clause.strip()).strip()


def _name_before(before: str, language: str, sentence: str = "") -> str:
    """A contact name from the words just before a number; else the support words
    of its sentence ("客服热线", "customer service"); else a stand-in."""
    # a table's cell ("客服人工处理 | 拨打…") or an earlier action ("打开App → 拨打…") is not the name
    clause = re.split(r"[,，;；、。!！?？()（）|→]|[:：](?!\d)", _strip_name_tail(before))[-1]
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
    "collect",  # "call collect at …": how to call, not whom
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
    r"|24\s?/\s?7|24\s?(?:hours|小时|小時)|工作日|周[一二三四五六日]|週[一二三四五六日]|星期[一二三四五六日天]|节假日|節假日"
    r"|每天|每日|\bdaily\b|\bevery\s+day\b",
    re.I,
)
# An extension right after a number: "转 3", "分机 8001", "ext. 2", "extension 204", "x12".
_EXTENSION = re.compile(
    r"^\s*+[,，]?\s*+((?:转|轉|分机号?|分機號?|ext\.?|extension|x(?=\s?\d))\s*+[:：]?\s*+\d{1,6}\b)", re.I
)
# A clause before a number that says whom it is for: "For calls from outside the U.S.,
# call collect at …", "海外用户请拨打 …", "If you are abroad, dial …".
_AUDIENCE = re.compile(
    r"^(?:for\s+(?:calls?|callers|customers|users|members|residents|those)|from\s+(?:outside|abroad|overseas)"
    r"|outside|if\s+you(?:'re|\s+are)\s+(?:outside|abroad|overseas|in|calling\s+from)|international|overseas"
    r"|when\s+calling\s+from)\b"
    r"|^(?:境外|海外|国外|國外|港澳台|国际|國際|如在|若在|在.{1,10}(?:以外|境外|海外))",
    re.I,
)
# A time zone right after the hours ("9am-5pm PT", "6:00 pm EST") or before them ("北京时间 9:00-18:00").
_ZONE_NAME = (
    r"(?:[ECMP][SD]?T|AK[SD]?T|HS?T|GMT|UTC|BST|CES?T|AE[SD]T|JST|KST|HKT|SGT|IST|NZ[SD]T)"
    r"(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?(?![A-Za-z])"
)
_ZONE = (
    rf"(?:\({_ZONE_NAME}\)|{_ZONE_NAME}"
    r"|(?:eastern|central|mountain|pacific|atlantic)(?:\s+(?:standard|daylight))?(?:\s+time)?\b"
    r"|北京时间|北京時間|东八区|東八區)"
)
_ZONE_AFTER = re.compile(r"\s{0,3}[,，]?\s{0,2}" + _ZONE, re.I)  # matched at the hours' end
_ZONE_BEFORE = re.compile(_ZONE + r"\s{0,3}[,，:：]?\s{0,3}$", re.I)
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
        zone = _ZONE_AFTER.match(masked, end)
        if zone:
            end = zone.end()
        else:
            zone = _ZONE_BEFORE.search(masked[max(0, start - 24) : start])
            start = start - len(zone.group(0)) if zone else start
        hours = text[start:end].strip(" .。,，")
        return hours or None
    return None


def _extension(after: str) -> re.Match[str] | None:
    """The extension written right after a number ("转 3", "ext. 2")."""
    return _EXTENSION.match(after)


def _audience(before: str) -> str | None:
    """The words before a number that say whom it is for ("For calls from outside the
    U.S., call collect"), kept beside it: a number for some callers only."""
    text = _strip_name_tail(before).strip(" ,，")
    clauses = [c.strip() for c in re.split(r"[,，;；。]", text) if c.strip()]
    if not clauses or not _AUDIENCE.match(clauses[0]) or len(text) > 160:
        return None
    return text


def _limit(after: str) -> str | None:
    """A clause after the number that limits what it is for ("only to sign up", "仅限新用户")."""
    for clause in _clauses(after)[:2]:
        if _LIMIT.search(clause) and len(clause) <= 120:
            return clause.strip(" .。")
    return None


def _caveat(after: str, next_sentences: list[str]) -> str | None:
    """The caveat that qualifies a number: a parenthetical right after it (unless it
    only gives the hours), or the rest of the sentence or the next sentence when they
    read like one."""
    m = _PAREN_AFTER.match(after)
    if m:
        inner = m.group(1).strip()
        if _CAVEAT.search(inner) or not _HOURS.search(inner):
            return _CAVEAT_LEAD.sub("", inner).strip() or None
        after = after[m.end() :]  # its hours ("（每天 9:00-21:00）"): `hours`, not a caveat; read on
    rest = after.strip(" ,，.。")
    if rest and _CAVEAT.search(rest):
        return _CAVEAT_LEAD.sub("", rest).strip(" ,，") or None
    if next_sentences and _CAVEAT.search(next_sentences[0]):
        return _CAVEAT_LEAD.sub("", next_sentences[0]).strip() or None
    return None
