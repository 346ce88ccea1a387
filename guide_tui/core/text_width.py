"""Display width: the columns a text takes on a terminal or on paper, wide (CJK)
characters counting two, and padding and columns lined up by it.
Imported through core/text.py.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from collections.abc import Iterable, Sequence


@functools.lru_cache(maxsize=8192)  # a text holds few distinct characters; `list` measures 50,000 titles
def char_width(char: str) -> int:
    """Columns one character takes: 2 for East Asian wide and full-width, 0 for
    combining and format characters, else 1."""
    code = ord(char)
    if 0x20 <= code < 0x7F:
        return 1
    if 0x4E00 <= code <= 0x9FFF or 0xFF01 <= code <= 0xFF60:  # CJK ideographs, full-width forms: no lookup
        return 2
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


@functools.cache  # compiled on first use, not at start-up (about 1 ms)
def _ascii_and_wide() -> re.Pattern[str]:
    """Printable ASCII and the commonest wide characters (CJK punctuation, kana, CJK
    ideographs, Hangul syllables, full-width forms): one column or two, no lookup."""
    return re.compile(
        "[\x20-\x7e\u3001-\u3029\u3030-\u303e\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60]*"
    )


def display_width(text: str) -> int:
    """Columns a text takes in a terminal or on paper (CJK wide characters count 2)."""
    if text.isascii():
        return len(text)
    if _ascii_and_wide().fullmatch(text):
        # In UTF-8 these ASCII characters are one byte each and the wide ones three:
        # (bytes + characters) / 2 counts one column and two, five times faster than a lookup.
        return (len(text.encode()) + len(text)) // 2
    return sum(map(char_width, text))


def is_wide(char: str) -> bool:
    """A wide (CJK, full-width) character."""
    return bool(char) and unicodedata.east_asian_width(char[0]) in ("W", "F")


def pad(text: str, width: int, *, right: bool = False) -> str:
    """Text padded with spaces to `width` columns (on the left with right=True)."""
    room = " " * max(width - display_width(text), 0)
    return room + text if right else text + room


def columns(rows: Sequence[Sequence[str]], right: Iterable[int] = (), gap: str = "  ") -> list[str]:
    """Rows of cells as lines whose columns line up by display width; the last
    column is not padded.  Columns in `right` are aligned to the right."""
    count = max(map(len, rows), default=0)
    if not count:
        return ["" for _ in rows]
    padded: list[Sequence[str]] = []  # column by column (a short row's missing cells are empty; rstrip drops them)
    for i, column in enumerate(itertools.zip_longest(*rows, fillvalue="")):
        # Each cell measured once (50,000 rows in `list`); an ASCII column by length alone.
        sizes = list(map(len, column)) if "".join(column).isascii() else [display_width(cell) for cell in column]
        width = max(sizes)
        if i in right:
            padded.append([" " * (width - size) + cell for cell, size in zip(column, sizes, strict=True)])
        elif i == count - 1:
            padded.append(column)
        else:
            padded.append([cell + " " * (width - size) for cell, size in zip(column, sizes, strict=True)])
    return [gap.join(line).rstrip() for line in zip(*padded, strict=True)]
