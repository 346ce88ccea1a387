"""What an article hides from its reader: terminal escapes and invisible characters.

    text, n = without_escapes(text)       # "\x1b[31mreset\x1b[0m" -> "reset", whole sequences
    checks = invisible_checks(text)       # what strip_invisible will take out, said in the report
    checks = json_escaped_checks(text)    # the same, written as JSON escapes in HowTo markup

A guide is a promise about what the reader sees.  A bidi override makes a browser
show "\u202e8765-001-009" as 900-100-5678; a zero-width space makes two words look
alike.  The importer takes such characters out (the guide format refuses them), and
says so, next to the number when there is one, so an author compares the two.
Every regular expression here is linear by construction (see words.py).
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import itertools
import re

from guide_tui.core.text import HIDDEN, hidden_places
from guide_tui.i18n import Message

# A whole escape sequence, not only its ESC: CSI ("\x1b[31m", also as the C1 byte \x9b),
# OSC ("\x1b]0;title\x07", a terminal's title or a link), DCS/SOS/PM/APC strings, and
# the two- and three-character escapes ("\x1bc", "\x1b(B").
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*+[ -/]*+[@-~]?"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]*+(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c\n]*+(?:\x1b\\|\x9c)?"
    r"|\x1b[ -/]*+[0-~]?"
)
_RLO, _PDF = "\u202e", "\u202c"


def without_escapes(text: str) -> tuple[str, int]:
    """The text without terminal escape sequences, each taken out whole (no "[31m" left
    behind); and how many there were."""
    if "\x1b" not in text and not any("\x90" <= c <= "\x9f" for c in text):
        return text, 0
    return _ESCAPE.subn("", text)


def invisible_checks(text: str, limit: int = 3, markup: bool = False, strings: bool = False) -> list[Message]:
    """What strip_invisible will take out of the text: one line naming the characters,
    and one for each line (up to `limit`) where they stood next to a digit, with the
    words around them as the guide will have them (and, after U+202E, as a browser
    showed them); `markup`: the text is a page's HTML, whose tags are left out there;
    `strings`: it is JSON, and the words shown are those of the string they stand in."""
    places = _places(text)
    if not places:
        return []
    codes = sorted({f"U+{ord(text[i]):04X}" for i in places})
    out = [Message("cli.import.check.invisible", n=len(places), codes=", ".join(codes[:6]))]
    by_line: dict[int, list[int]] = {}  # a line's first character -> its places next to a digit
    for i in places:
        if _by_digit(text, i):
            by_line.setdefault(text.rfind("\n", 0, i) + 1, []).append(i)
    for start, found in list(by_line.items())[:limit]:
        end = text.find("\n", start)
        end = end if end >= 0 else len(text)
        start, end = max(start, found[0] - _AROUND), min(end, found[-1] + _AROUND)
        if markup:  # the words around them, not the page's tags
            start, end = _outside_tags(text, start, found[0]), _outside_tags(text, end, found[-1])
        if strings:  # not the JSON around the string: "pe": "HowToStep", "text": "Call our…
            start = max(start, text.rfind('"', start, found[0]) + 1)
            quote = text.find('"', found[-1], end)
            end = quote if quote >= 0 else end
        words = text[start:end]
        rlo = next((i for i in found if text[i] == _RLO), None)
        shown = _as_shown(words, rlo - start) if rlo is not None else None
        out.append(
            Message(
                "cli.import.check.invisible_number",
                code=", ".join(sorted({f"U+{ord(text[i]):04X}" for i in found})),
                text=_clean(words)[: _AROUND * 2],
                shown=Message("cli.import.check.invisible_shown", shown=shown[: _AROUND * 2]) if shown else "",
            )
        )
    return out


_AROUND = 60  # characters either side of what was found, at most, to show where it was
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def json_escaped_checks(text: str, markup: bool = False) -> list[Message]:
    """As invisible_checks, for the invisible characters HowTo markup writes as JSON escapes
    ("\\u202e8765-001-009"): they are in its steps once it is read, not in the text, so the
    report said nothing of them (those written as themselves are said as the text is read)."""

    def decoded(m: re.Match[str]) -> str:
        char = chr(int(m.group(1), 16))
        return char if HIDDEN.match(char) else m.group(0)

    found = _JSON_ESCAPE.sub(decoded, text) if "\\u" in text else text
    return invisible_checks(found, markup=markup, strings=True) if found != text else []


def _outside_tags(text: str, at: int, found: int) -> int:
    """`at` moved towards `found` to the nearest tag's edge: the words of the element."""
    if at < found:
        edge = text.rfind(">", at, found)
        return edge + 1 if edge >= 0 else at
    edge = text.find("<", found, at)
    return edge if edge >= 0 else at


def _places(text: str) -> list[int]:
    """Where the characters strip_invisible removes stand (HIDDEN, except a joiner or a
    variation selector doing its work)."""
    return list(itertools.islice(hidden_places(text), 10_000))


def _by_digit(text: str, i: int) -> bool:
    """Whether the character at i stands next to a digit (invisible ones between skipped)."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(text) and HIDDEN.match(text[j]):
            j += step
        if 0 <= j < len(text) and text[j].isdigit():
            return True
    return False


def _clean(line: str) -> str:
    return " ".join(HIDDEN.sub("", line).split())


def _as_shown(line: str, at: int) -> str:
    """The line as a browser draws it when U+202E at `at` reverses what follows it up to
    U+202C or the line's end: that run in reverse order (nested controls aside)."""
    end = line.find(_PDF, at)
    end = end if end >= 0 else len(line)
    return _clean(line[:at] + line[at + 1 : end][::-1] + line[end:])
