"""Answers the user types (`ask.input`), and answers given on the command line.

    read_typed(ask, "２０２４年8月27日")   # ("2024-08-27", None), or (None, why it is refused)
    answers, problems = read_given(guide, ["method=支付宝", "order_no=A-1"])

A typed answer is kept as text, in one canonical form per kind: a text as
typed (trimmed, NFC), a number with ASCII digits, a date as YYYY-MM-DD.  Input
from a Chinese input method (full-width digits, 年月日) is read too.  Nothing
that could drive a terminal or hide in the text gets in: control and
invisible characters are refused, with a message that says so.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from guide_tui.core.model import Guide
from guide_tui.core.parts import Ask
from guide_tui.core.text import first_control, first_hidden
from guide_tui.i18n import Listed, Message

MAX_TYPED_CHARS = 2_000  # what an input field takes at all; each question's own limit is checked after
MAX_NUMBER_CHARS = 40
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")


def read_typed(ask: Ask, raw: str) -> tuple[str | None, Message | None]:
    """The answer as it is kept, or (None, why it is refused) in words that say what to type."""
    text = unicodedata.normalize("NFC", raw[: MAX_TYPED_CHARS + 1]).strip()
    if ask.input in ("number", "date"):  # full-width digits and signs from a CJK input method
        text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None, Message("answer.empty")
    if len(raw) > MAX_TYPED_CHARS:
        return None, Message("answer.too_long", length=len(raw), limit=ask.limit)
    hidden = first_control(text) or first_hidden(text)  # the one policy of guide text (core/text.py)
    if hidden:
        return None, Message("answer.invisible", char=f"U+{ord(hidden):04X}")
    if ask.input == "number":
        if len(text) > MAX_NUMBER_CHARS or not _NUMBER.fullmatch(text):
            return None, Message("answer.not_number", text=_short(text))
        return text, None
    if ask.input == "date":
        match = _DATE.fullmatch(text)
        if not match:
            return None, Message("answer.not_date", text=_short(text))
        try:
            day = _dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return None, Message("answer.unreal_date", text=_short(text))
        return day.isoformat(), None
    if len(text) > ask.limit:
        return None, Message("answer.too_long", length=len(text), limit=ask.limit)
    return text, None


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- answers given on the command line (`--answer KEY=VALUE`) ---------------------------


def asks_by_key(guide: Guide) -> dict[str, Ask]:
    """Every question of a guide by its key."""
    return {s.ask.key: s.ask for s in guide.steps if s.ask}


def read_given(guide: Guide, pairs: list[str]) -> tuple[dict[str, str], list[Message]]:
    """`KEY=VALUE` texts as {key: label or typed answer}, and a message for each one
    that names no question or gives an answer the question does not take."""
    asks = asks_by_key(guide)
    answers: dict[str, str] = {}
    problems: list[Message] = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            problems.append(Message("replay.not_pair", text=_short(pair, 60)))
            continue
        ask = asks.get(key)
        if ask is None:
            import difflib  # only for a mistake

            close = difflib.get_close_matches(key, list(asks), n=1)
            problems.append(
                Message(
                    "replay.no_question",
                    key=_short(key, 40),
                    keys=Listed(asks) if asks else "-",
                    hint=Message("load.did_you_mean", name=close[0]) if close else "",
                )
            )
            continue
        if ask.typed:
            typed, problem = read_typed(ask, value)
            if problem is not None:
                problems.append(Message("replay.bad_typed", key=key, problem=problem))
                continue
            assert typed is not None
            answers[key] = typed
            continue
        labels = [o.label for o in ask.options]
        label = unicodedata.normalize("NFC", value).strip()
        if label not in labels:
            folded = [x for x in labels if x.casefold() == label.casefold()]
            if len(folded) != 1:
                problems.append(
                    Message(
                        "replay.bad_label",
                        key=key,
                        label=_short(label, 60),
                        labels=Listed(f"`{x}`" for x in labels),
                    )
                )
                continue
            label = folded[0]
        answers[key] = label
    return answers, problems
