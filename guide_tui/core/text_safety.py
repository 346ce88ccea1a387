"""Terminal safety: one character policy for every text field and every place
text is shown (docs/limits.md, "Characters").

Control characters (C0 but tab and newline, DEL, C1, the line and paragraph
separators, lone surrogates: CONTROL) and characters that draw nothing (bidi marks,
embeddings, overrides and isolates, zero-width characters, every other format
character: HIDDEN) are refused by the loader in every text field (`first_control`,
`hidden_at`), except a zero-width joiner or non-joiner that does a script's or an
emoji's work (`joiner_fits`).  Text that cannot be refused (a file path, a system's
message) is shown with each such character as an escape such as `\\x1b` or
`\\u202e` (`safe_text`).  Imported through core/text.py.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from collections.abc import Iterator

# What escapes such as "\e", "\x9b" or "\ud800" in quoted YAML produce: C0 and C1
# controls (tab and newline excepted), DEL, the Unicode line and paragraph separators
# and lone surrogates.  A character class: no backtracking.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Bidi controls: marks, embeddings, overrides and isolates (all of category Cf), named for clarity.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZWNJ, ZWJ = "\u200c", "\u200d"
# Characters that draw nothing: every format character (Unicode category Cf: bidi
# controls, zero-width space and joiners, word joiner, soft hyphen, BOM, Arabic number
# signs, interlinear annotation, tags, ...; a test checks this holds every Cf character
# Python knows), the other default-ignorable characters (combining grapheme joiner,
# Hangul fillers, Khmer inherent vowels, the code points Unicode keeps for more of
# them) and the variation selectors.  A character class: no backtracking.
_HIDDEN_BMP = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
)
_HIDDEN_ASTRAL = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
HIDDEN = re.compile(f"[{_HIDDEN_BMP}{_HIDDEN_ASTRAL}]")
# HIDDEN's characters of the first plane and every character beyond it.  Python's re
# looks a character up in a class of the first plane at once, but tries HIDDEN's few
# ranges beyond it one by one, for every character of a text: a search with this class
# and a check of what it finds beyond the first plane (_hidden) is 3 to 4 times as fast.
_MAYBE_HIDDEN = re.compile(f"[{_HIDDEN_BMP}\U00010000-\U0010ffff]")
_VARIATION = re.compile("[\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
# Scripts whose letters join, where ZWNJ and ZWJ choose a letter's form (Persian
# "می‌خواهم"): Arabic, Syriac, N'Ko, Mongolian, Phags-pa.
_JOINING = ((0x0600, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFE), (0x07C0, 0x07FF), (0x1800, 0x18AF), (0xA840, 0xA87F))
_ESCAPED_CATEGORIES = ("Cc", "Cs", "Zl", "Zp")


def _joining(char: str) -> bool:
    code = ord(char)
    return any(a <= code <= b for a, b in _JOINING) and unicodedata.category(char)[0] in "LM"


def _emoji(char: str) -> bool:
    return unicodedata.category(char) == "So"


def joiner_fits(text: str, index: int) -> bool:
    """True when the ZWNJ or ZWJ at `index` does a script's or an emoji's work, as
    IDNA's ContextJ rule (RFC 5892) and emoji sequences use them: after a virama
    (Indic scripts: क्‍ष), between two letters of a joining script (Arabic, Persian,
    Syriac, N'Ko, Mongolian), or, for ZWJ, between the parts of an emoji (👩‍💻, 🏳️‍🌈).
    Anywhere else (inside a Latin word, a number, a link) it only hides a difference."""
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    if unicodedata.combining(before) == 9:  # a virama
        return True
    if _joining(before) and _joining(after):
        return True
    if text[index] != ZWJ or not _emoji(after):
        return False
    return _emoji(before) or before == "\ufe0f" or unicodedata.category(before) == "Sk"  # a skin tone


def variation_fits(text: str, index: int) -> bool:
    """True when the variation selector at `index` follows a character it can vary: not
    at the start, nor after a space or an ASCII letter, where it would only hide a
    difference ("Yes" and "Yes\\ufe0f" look the same); after a digit it makes a keycap (1️⃣)."""
    if index == 0:
        return False
    before = text[index - 1]
    return not (before.isspace() or (before.isascii() and before.isalpha()) or HIDDEN.match(before))


def _fits(text: str, index: int) -> bool:
    """A joiner or a variation selector that does its work where it stands."""
    char = text[index]
    if char in (ZWNJ, ZWJ):
        return joiner_fits(text, index)
    return bool(_VARIATION.match(char)) and variation_fits(text, index)


def _hidden(text: str) -> Iterator[int]:
    """The places of HIDDEN's characters in a text, in order."""
    for found in _MAYBE_HIDDEN.finditer(text):
        if found.group() < "\U00010000" or HIDDEN.match(text, found.start()):
            yield found.start()


def any_hidden(text: str) -> bool:
    """Whether a text holds any character of HIDDEN (HIDDEN.search, faster; a loop, not
    _hidden, as most texts hold none and `list` asks of 50,000 of them)."""
    found = _MAYBE_HIDDEN.search(text)
    while found is not None:
        if found.group() < "\U00010000" or HIDDEN.match(text, found.start()):
            return True
        found = _MAYBE_HIDDEN.search(text, found.end())
    return False


def hidden_at(text: str) -> int | None:
    """Where the first character is that guide text may not hold because it draws
    nothing (see HIDDEN), or None.  ZWNJ and ZWJ are let through where they do a
    script's or an emoji's work (`joiner_fits`), a variation selector after a
    character it varies (`variation_fits`).  The one policy for invisible and
    bidirectional characters: the loader refuses the others in every text field."""
    return next(hidden_places(text), None)


def hidden_places(text: str) -> Iterator[int]:
    """Every place `hidden_at` would find, in order: what `strip_invisible` takes out."""
    for index in _hidden(text):
        if not _fits(text, index):
            yield index


def is_invisible(char: str) -> bool:
    """A character that draws nothing (see HIDDEN), or a line or paragraph separator."""
    return bool(HIDDEN.match(char)) or char in "\u2028\u2029"


def first_control(text: str) -> str | None:
    """The first control character in a text (see CONTROL), or None."""
    found = CONTROL.search(text)
    return found.group() if found else None


def first_invisible(text: str) -> str | None:
    """The first invisible character in a text, whatever is around it (for links and
    ids, where even a joiner is refused), or None."""
    index = next(_hidden(text), None)
    if index is not None:
        return text[index]
    return next((char for char in text if char in "\u2028\u2029"), None)


def first_hidden(text: str) -> str | None:
    """The first character the guide-text policy refuses as invisible (`hidden_at`), or None."""
    index = hidden_at(text)
    return None if index is None else text[index]


def strip_invisible(text: str) -> str:
    """The text without the invisible characters guide text may not hold (for text made from an article)."""
    if not any_hidden(text):
        return text
    return "".join(char for i, char in enumerate(text) if not (HIDDEN.match(char) and not _fits(text, i)))


def _escaped(text: str, index: int) -> bool:
    """Whether the character at `index` is written as an escape on a terminal."""
    char = text[index]
    if HIDDEN.match(char):
        return not _fits(text, index)
    return unicodedata.category(char) in _ESCAPED_CATEGORIES


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def other_encoding(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when bytes start with that encoding's byte-order mark, else None:
    text files here are UTF-8, and a file saved as UTF-16 is refused with its name."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            return name
    return None


def is_safe_text(text: str) -> bool:
    """Whether `safe_text` would leave the text as it is (the quick test it starts with)."""
    return text.isprintable() and not any_hidden(text)


def safe_text(text: str, *, newlines: bool = False) -> str:
    """Text that is safe to print on a terminal: every control, surrogate,
    separator or invisible character (bidi, zero-width, see HIDDEN) is written as
    an escape such as `\\x1b` or `\\u202e`, so it can never carry a terminal
    sequence or reorder what the reader sees; a joiner or a variation selector
    that does its work stays (see `hidden_at`).  A tab becomes a space; a newline is kept
    with `newlines=True`, else escaped."""
    if is_safe_text(text):  # fast path: nothing to escape
        return text
    out = []
    for i, char in enumerate(text):
        if char == "\t":
            out.append(" ")
        elif char == "\n" and newlines:
            out.append(char)
        elif _escaped(text, i):
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def json_safe(text: str) -> str:
    """JSON text whose control, format and separator characters are `\\u` escapes
    (the same data; a newline between JSON values stays)."""
    if is_safe_text(text):
        return text
    out = []
    for i, char in enumerate(text):
        if char != "\n" and _escaped(text, i):
            units = char.encode("utf-16-be", "surrogatepass")
            out.append("".join(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2)))
        else:
            out.append(char)
    return "".join(out)
