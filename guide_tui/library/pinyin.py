"""The pinyin readings of Chinese characters, so that "xmfq" or "xiaomi" finds 小米分期.

Chinese readers find things by typing pinyin: the initials ("xmfq"), the whole
syllables ("xiaomifenqi"), or a mix with characters ("小米fq"), as in the apps
they use every day.  The library's filter (library/search.py) matches a query
against each character's readings; this module says what they are.

pypinyin (the reference pinyin library) knows every reading of about 42,000
characters, but importing it takes about 0.1 s and its tables some 20 MB.  So it
is imported only here, only when a character whose readings are not known yet is
indexed: in the library's worker thread, when a guide's metadata is first cached.
The readings found are kept in the metadata cache (library/meta_cache.py), so
start-up never pays for them, and a library with no Chinese text never imports
pypinyin at all.  Without pypinyin (it is a dependency, but a broken install may
lack it) a Chinese title is still found by its characters.

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# The CJK Unified Ideographs and their extensions, and the compatibility ideographs.
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))


def is_han(char: str) -> bool:
    """A Chinese character (a Han ideograph)."""
    code = ord(char)
    return code >= 0x3400 and any(low <= code <= high for low, high in _HAN_RANGES)


def han_in(texts: Iterable[str]) -> set[str]:
    """The Chinese characters in some texts."""
    found: set[str] = set()
    for text in texts:
        if not text.isascii():
            found.update(char for char in text if is_han(char))
    return found


def readings(chars: Iterable[str]) -> dict[str, str]:
    """Each character's readings, without tones, separated by spaces ("zhong chong tong"
    for 重: a character with several readings matches every one of them).  ü is
    written v, as pinyin keyboards type it, and u as well ("lv lu" for 绿).  A
    character pypinyin does not know (or pypinyin missing) is left out."""
    wanted = sorted(set(chars))
    if not wanted:
        return {}
    try:
        from pypinyin import Style, pinyin  # heavy: see the module docstring
    except ImportError:  # pragma: no cover - a dependency; a broken install finds by characters
        return {}
    found: dict[str, str] = {}
    for char in wanted:
        heard = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore", v_to_u=False)
        words: dict[str, None] = {}
        for word in heard[0] if heard else ():
            word = word.lower()
            if word.isascii() and word.isalpha():
                words[word] = None
                if "v" in word:
                    words[word.replace("v", "u")] = None
        if words:
            found[char] = " ".join(words)
    return found


def missing(texts: Iterable[str], known: Mapping[str, str]) -> set[str]:
    """The Chinese characters in some texts whose readings are not in `known`."""
    chars: set[str] = set()
    for text in texts:
        chars.update(text)  # one set of the characters first: a library's texts hold few distinct ones
    return {char for char in chars if char not in known and is_han(char)}
