"""Text on a terminal, written once: what is safe to show, how wide it is, where it breaks.

- Safety, one policy for every place guide text is shown: control characters
  (C0 but tab and newline, DEL, C1, the line and paragraph separators, lone
  surrogates) never reach a terminal, and neither do invisible format
  characters (bidi marks, overrides and isolates, zero-width characters):
  `safe_text` writes each as an escape such as `\\x1b` or `\\u202e`.  The loader
  refuses control characters in every text and invisible ones in one-line
  texts (`first_control`, `first_invisible`).
- Width: columns on a terminal, wide (CJK) characters counting two.
- Line breaking: Unicode line breaking (UAX #14, from the uniseg library) with
  the rules a Chinese reader expects on top (see `break_positions`), and a
  greedy fill to a width.  Every renderer (the screen, plain mode, the text
  export, the report, tables) breaks lines here.
- A soft line break in Markdown joins two lines with nothing between CJK text,
  else with a space.

Nothing here imports Textual or Rich.  uniseg is imported only when a line is
too long for its width (it costs about 10 ms to import).
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from collections.abc import Iterable, Sequence

# -- safety --------------------------------------------------------------------

# What escapes such as "\e", "\x9b" or "\ud800" in quoted YAML produce: C0 and C1
# controls (tab and newline excepted), DEL, the Unicode line and paragraph separators
# and lone surrogates.  A character class: no backtracking.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# Bidi marks, overrides and isolates (all of category Cf), named for clarity.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ESCAPED_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")


def is_invisible(char: str) -> bool:
    """A format character (bidi, zero-width, soft hyphen ...) or a line or paragraph separator."""
    return char in BIDI or unicodedata.category(char) in ("Cf", "Zl", "Zp")


def first_control(text: str) -> str | None:
    """The first control character in a text (see CONTROL), or None."""
    found = CONTROL.search(text)
    return found.group() if found else None


def first_invisible(text: str) -> str | None:
    """The first invisible (format or separator) character in a text, or None."""
    if text.isprintable():
        return None
    return next((char for char in text if is_invisible(char)), None)


def strip_invisible(text: str) -> str:
    """The text without its invisible characters (for a one-line text made from an article)."""
    return text if text.isprintable() else "".join(char for char in text if not is_invisible(char))


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


def safe_text(text: str, *, newlines: bool = False) -> str:
    """Text that is safe to print on a terminal: every control, format (bidi,
    zero-width), surrogate or separator character is written as an escape such
    as `\\x1b` or `\\u202e`, so it can never carry a terminal sequence or reorder
    what the reader sees.  A tab becomes a space; a newline is kept with
    `newlines=True`, else escaped."""
    if text.isprintable():  # fast path: no control, format, separator or unassigned character
        return text
    out = []
    for char in text:
        if char == "\t":
            out.append(" ")
        elif char == "\n" and newlines:
            out.append(char)
        elif unicodedata.category(char) in _ESCAPED_CATEGORIES:
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def json_safe(text: str) -> str:
    """JSON text whose control, format and separator characters are `\\u` escapes
    (the same data; a newline between JSON values stays)."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char != "\n" and unicodedata.category(char) in _ESCAPED_CATEGORIES:
            units = char.encode("utf-16-be", "surrogatepass")
            out.append("".join(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2)))
        else:
            out.append(char)
    return "".join(out)


# -- width ---------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)  # a text holds few distinct characters; `list` measures 50,000 titles
def char_width(char: str) -> int:
    """Columns one character takes: 2 for East Asian wide and full-width, 0 for
    combining and format characters, else 1."""
    code = ord(char)
    if 0x20 <= code < 0x7F:
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns a text takes in a terminal or on paper (CJK wide characters count 2)."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


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
    right = set(right)
    count = max((len(row) for row in rows), default=0)
    widths = [max((display_width(row[i]) for row in rows if i < len(row)), default=0) for i in range(count)]
    lines = []
    for row in rows:
        cells = [
            cell if i == len(row) - 1 and i not in right else pad(cell, widths[i], right=i in right)
            for i, cell in enumerate(row)
        ]
        lines.append(gap.join(cells).rstrip())
    return lines


# -- soft line breaks ------------------------------------------------------------


def soft_break(before: str, after: str) -> str:
    """What a soft line break between two characters reads as: nothing between
    Chinese or Japanese text (or such text and punctuation), else a space, as
    CSS Text 3 does: "中文\n中文" -> "中文中文", "中文\nEnglish" -> "中文 English"."""
    if not before or not after:
        return " "
    a, b = before[-1], after[0]

    def punct(char: str) -> bool:
        return unicodedata.category(char).startswith("P")

    wide_a, wide_b = is_wide(a) and not _hangul(a), is_wide(b) and not _hangul(b)
    return "" if (wide_a or punct(a)) and (wide_b or punct(b)) and (wide_a or wide_b) else " "


def _hangul(char: str) -> bool:
    """Korean is written with spaces between words: its line breaks stay spaces."""
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


# -- line breaking -----------------------------------------------------------------

# An ordinal prefix a number stays with: 第 1 步.
_NUMBER_PREFIXES = frozenset("第")
# A phone number written with spaces or dashes between groups of digits.  Each group is
# delimited by a separator, so the pattern cannot backtrack.
_PHONE = re.compile(r"\+?[0-9]+(?:[ -][0-9]+)+")
_PHONE_DIGITS = 7
# Lines never start with these (closing punctuation and small marks, full and half width)
# nor end with OPENERS: `break_positions` never breaks there; the tests check it.
NO_LINE_START = frozenset("。，、；：？！）」』】》〉〕］｝”’…‥,.;:?!)]}%")
OPENERS = frozenset("（「『【《〈〔［｛“‘([{")
_BULLETS = frozenset("-•*+")


def _is_ascii_run(char: str) -> bool:
    return "!" <= char <= "~"


@functools.lru_cache(maxsize=2048)
def break_positions(text: str) -> tuple[int, ...]:
    """Offsets in a one-line text where a line may break (before that character).

    Unicode line breaking (UAX #14) gives the opportunities: never before
    closing punctuation or a small mark (。，、）」” and their half-width forms),
    never after opening punctuation (（「“), between CJK characters, after spaces.
    On top of it, for readers of Chinese and of ids:
    - a run of ASCII letters, digits and signs (an id, a URL, an e-mail address,
      a phone number, a word with hyphens) is never broken inside;
    - a number stays with its unit and its ordinal prefix: "1 秒", "5分钟", "第 1 步";
    - a phone number written in groups ("400 100 5678") stays whole;
    - no line starts with "- " (or "• "): it would read as a list item."""
    from uniseg.linebreak import line_break_breakables  # lazy: ~10 ms, and only long lines need it

    allowed = [i for i, can in enumerate(line_break_breakables(text)) if can and i]
    if not allowed:
        return ()
    n = len(text)
    keep: list[int] = []
    glued: set[int] = set()
    for m in _PHONE.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= _PHONE_DIGITS:
            glued.update(range(m.start() + 1, m.end()))
    for pos in allowed:
        if pos in glued:
            continue
        before, after = text[pos - 1], text[pos] if pos < n else ""
        if _is_ascii_run(before) and _is_ascii_run(after):
            continue  # inside an id, a URL, a number, a word
        core_end = pos  # the text before the break, without the spaces before it
        while core_end > 0 and text[core_end - 1] == " ":
            core_end -= 1
        last = text[core_end - 1] if core_end else ""
        if last.isdigit() and last.isascii() and is_wide(after) and pos - core_end <= 1:
            continue  # a number and its unit: 1 秒, 5分钟
        if last in _NUMBER_PREFIXES and after.isdigit() and pos - core_end <= 1:
            continue  # 第 1
        if after in NO_LINE_START or last in OPENERS:
            continue  # UAX #14 already keeps these; tailoring must never undo it
        if after in _BULLETS and text[pos + 1 : pos + 2] == " ":
            continue  # a line starting "- x" would read as a list item
        keep.append(pos)
    return tuple(keep)


def _fold(text: str, start: int, end: int, room: int) -> list[int]:
    """Where to cut text[start:end] (one unbreakable piece wider than `room`)
    into pieces of at most `room` columns, cutting between characters and, where
    it can, not before a closing mark or a combining character."""
    cuts: list[int] = []
    used, line_start = 0, start
    for i in range(start, end):
        w = char_width(text[i])
        if used + w > room and i > line_start:
            cut = i
            # Move the cut back past combining characters and closing marks (one piece keeps 2+ chars).
            while cut - 1 > line_start and (char_width(text[cut]) == 0 or text[cut] in NO_LINE_START):
                cut -= 1
            cuts.append(cut)
            line_start = cut
            used = display_width(text[cut:i])
        used += w
    return cuts


def _cut(text: str, start: int, end: int, room: int, rest_room: int) -> list[int]:
    """Where to cut a piece too wide for its line: after a "/" of a path or an
    address where that is enough (an id after it stays whole), else between characters."""
    cuts: list[int] = []
    at, used = start, 0
    slashes = [i + 1 for i in range(start, end - 1) if text[i] == "/" and text[i + 1] not in NO_LINE_START]
    for stop in [*slashes, end]:
        w = display_width(text[at:stop])
        if used + w <= room:
            used += w
        else:
            line_start = cuts[-1] if cuts else start
            if at > line_start:
                cuts.append(at)
                room, used = rest_room, 0
            for cut in _fold(text, at, stop, room) if w > room else ():
                cuts.append(cut)
                room = rest_room
            used = display_width(text[cuts[-1] if cuts else start : stop])
        at = stop
    return cuts


def line_ranges(text: str, width: int, first: int = 0, rest: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` broken to `width` columns, the first
    line `first` columns narrower (a prefix such as a bullet) and the others `rest`
    columns narrower (the hanging indent).  "\\n" always breaks; the spaces at a
    break are left out of both lines.  A piece that cannot break and is wider
    than the line is cut between characters."""
    out: list[tuple[int, int]] = []
    pos = 0
    for part in text.split("\n"):
        out += _line_ranges(part, pos, width, first if not out else rest, rest)
        pos += len(part) + 1
    return out


def _line_ranges(part: str, offset: int, width: int, first: int, rest: int) -> list[tuple[int, int]]:
    room = max(width - first, 1)
    if display_width(part) <= room:  # fast path: fits, no line breaking needed
        return [(offset, offset + len(part.rstrip(" ")))]
    bounds = [0, *break_positions(part), len(part)]
    lines: list[tuple[int, int]] = []
    start = end = 0  # the current line, its end without trailing spaces
    used = 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = part[a:b]
        core = piece.rstrip(" ")
        core_w = display_width(core)
        if end > start and used + core_w > room:
            lines.append((start, end))
            start, end, used = a, a, 0
            room = max(width - rest, 1)
        if end == start and core_w > room:  # alone too wide: cut it
            at = a
            for cut in _cut(part, a, a + len(core), room, max(width - rest, 1)):
                lines.append((at, cut))
                at = cut
                room = max(width - rest, 1)
            start, end, used = at, a + len(core), display_width(part[at : a + len(core)])
            used += len(piece) - len(core)
            continue
        end = a + len(core) if core else end
        used += core_w + (len(piece) - len(core))
    lines.append((start, end))
    return [(offset + s, offset + e) for s, e in lines]


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Lines of at most `width` columns, `first` before the first line and `rest`
    before the others; "\\n" breaks a line."""
    ranges = line_ranges(text, width, display_width(first), display_width(rest))
    return [((first if i == 0 else rest) + text[s:e]).rstrip() for i, (s, e) in enumerate(ranges)]
