"""Line breaking: Unicode line breaking (UAX #14, from the uniseg library) with the
rules a Chinese reader expects on top (see `break_positions`), a greedy fill to a
width (`line_ranges`, `wrap`), and what a soft line break in Markdown reads as
(`soft_break`).  Every renderer (the screen, plain mode, the text export, the
report, tables) breaks lines here.  uniseg is imported only when a line is too long
for its width (see `_uax14`).  Imported through core/text.py.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

from guide_tui.core.text_safety import ZWJ
from guide_tui.core.text_width import char_width, display_width, is_wide

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from collections.abc import Callable, Iterable, Sequence


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


# An ordinal prefix a number stays with: 第 1 步.
_NUMBER_PREFIXES = frozenset("第")
# A phone number written with spaces or dashes between groups of digits.  Linear: it
# starts only where a run of digits starts (a search would otherwise scan the rest of a
# long run from each of its digits), and the groups never give back a digit.
_PHONE = re.compile(r"(?<![0-9])\+?[0-9]++(?:[ -][0-9]++)+")
_PHONE_DIGITS = 7
# A short name or note in brackets, in wide characters only: "(小米分期)" after an English
# title, "（之前已做过）": read as one word, never split across two lines.
_GLOSS = re.compile(r"[（(][^\x00-\x7f（）()]{1,8}[）)]")
# Lines never start with these (closing punctuation and small marks, full and half width)
# nor end with OPENERS: `break_positions` never breaks there; the tests check it.
NO_LINE_START = frozenset("。，、；：？！）」』】》〉〕］｝”’…‥,.;:?!)]}%")
OPENERS = frozenset("（「『【《〈〔［｛“‘([{")
_BULLETS = frozenset("-•*+")


def _is_ascii_run(char: str) -> bool:
    return "!" <= char <= "~"


UAX14_CHARS = 1000  # longer paragraphs break by _simple_breakables (docs/limits.md)


def _simple_breakables(text: str) -> list[int]:
    """Break opportunities by a linear rule for very long text: after a run of spaces,
    and before or after a wide (CJK) character; never before a space or a character
    of no width (a combining mark, a joiner), never after a joiner."""
    allowed = []
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after == " " or char_width(after) == 0 or before == ZWJ:
            continue
        if before == " " or is_wide(before) or is_wide(after):
            allowed.append(i)
    return allowed


@functools.cache
def _uax14() -> Callable[[str], Iterable[int]]:
    """uniseg's UAX #14 breakables, imported on first use (about 12 ms) and without
    running ``uniseg/__init__.py``: that file imports importlib.metadata (about 20 ms
    more, a tenth of the walker's whole start-up) only to set ``uniseg.__version__``,
    which nothing here reads.  The package module is made from its spec but not
    executed, so ``uniseg.linebreak`` and the modules it imports load as usual."""
    if "uniseg" not in sys.modules:
        import importlib.util

        spec = importlib.util.find_spec("uniseg")
        if spec is not None and spec.submodule_search_locations is not None:
            sys.modules["uniseg"] = importlib.util.module_from_spec(spec)
    from uniseg.linebreak import line_break_breakables

    breakables: Callable[[str], Iterable[int]] = line_break_breakables
    return breakables


# The characters most Chinese and English guide text is made of, whose UAX #14
# opportunities `_plain_breakables` finds without uniseg.
_PLAIN_PUNCT = frozenset("。，、；：？！（）「」『』【】《》,.;:?!()")
_INITIAL_QUOTES, _FINAL_QUOTES = frozenset("“‘"), frozenset("”’")


def _plain_breakables(text: str) -> list[int] | None:
    """The opportunities UAX #14 gives text made only of CJK ideographs, ASCII letters
    and digits, spaces, common Chinese and ASCII punctuation and curly quotes (most of
    any guide), found in one pass: the same as uniseg's once `_tailor` has run (a
    property test compares the two), hundreds of times faster (5 µs against 2 ms for
    a 35-character sentence), and without importing uniseg before the first paint.  None for any other text, and for the rare spacing
    the rules treat specially (a space after an opening bracket or a quote: LB14, LB15a).

    Between these characters UAX #14 breaks before or after a wide one (ID, and the
    full-width marks, whose "no break before a closing mark" `_tailor` keeps), after
    a space, and never before a space (LB7); a curly quote is ambiguous (LB19a): a
    break before an opening quote needs wide text on both sides of the break, and
    a break after a closing quote needs wide text before the quote and after it."""
    kinds: list[str] = []
    for char in text:
        code = ord(char)
        if char == " ":
            kind = " "
        elif char.isascii():
            if not (char.isalnum() or char in _PLAIN_PUNCT):
                return None
            kind = "n"
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or char in _PLAIN_PUNCT:
            kind = "w"
        elif char in _INITIAL_QUOTES:
            kind = "i"
        elif char in _FINAL_QUOTES:
            kind = "f"
        else:
            return None
        if kind == " " and kinds and (kinds[-1] in "if" or text[len(kinds) - 1] in OPENERS):
            return None
        kinds.append(kind)
    allowed = []
    for i in range(1, len(kinds)):
        before, after = kinds[i - 1], kinds[i]
        if after == " ":
            continue
        if before == " ":
            allowed.append(i)
        elif after == "i":
            if before == "w" and i + 1 < len(kinds) and kinds[i + 1] == "w":
                allowed.append(i)
        elif before == "f":
            if after == "w" and i >= 2 and kinds[i - 2] == "w":
                allowed.append(i)
        elif before != "i" and after != "f" and (before == "w" or after == "w"):
            allowed.append(i)
    return allowed


@functools.lru_cache(maxsize=2048)
def break_positions(text: str) -> tuple[int, ...]:
    """Offsets in a one-line text where a line may break (before that character).

    Unicode line breaking (UAX #14) gives the opportunities: never before
    closing punctuation or a small mark (。，、）」” and their half-width forms),
    never after opening punctuation (（「“), between CJK characters, after spaces.
    On top of it, for readers of Chinese and of ids (`_tailor`):
    - a run of ASCII letters, digits and signs (an id, a URL, an e-mail address,
      a phone number, a word with hyphens) is never broken inside;
    - a number stays with its unit and its ordinal prefix: "1 秒", "5分钟", "第 1 步";
    - a phone number written in groups ("400 100 5678") stays whole;
    - a short bracketed name in wide characters stays whole: "(小米分期)", "（之前已做过）";
    - no line starts with "- " (or "• "): it would read as a list item.

    Text made of the common characters takes its opportunities from
    `_plain_breakables`; other text from uniseg, which costs about 0.2 ms a
    character: a paragraph longer than UAX14_CHARS (far longer than a real one)
    takes them from a simpler rule instead (`_simple_breakables`: after spaces,
    beside wide characters), with the same rules on top, so that a
    20,000-character body draws in well under a second rather than in several."""
    if len(text) > UAX14_CHARS:
        allowed = _simple_breakables(text)
    else:
        plain = _plain_breakables(text)
        allowed = plain if plain is not None else [i for i, can in enumerate(_uax14()(text)) if can and i]
    return _tailor(text, allowed)


def _tailor(text: str, allowed: Sequence[int]) -> tuple[int, ...]:
    """The opportunities `allowed` that the rules on top of UAX #14 keep (see `break_positions`)."""
    if not allowed:
        return ()
    n = len(text)
    keep: list[int] = []
    glued: set[int] = set()
    for m in _PHONE.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= _PHONE_DIGITS:
            glued.update(range(m.start() + 1, m.end()))
    for m in _GLOSS.finditer(text):
        if all(is_wide(c) for c in m.group()[1:-1]):
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


_FOLD_BACK = 8  # characters a fold moves back, at most, not to start a line with a closing mark


def _bad_start(text: str, at: int, end: int) -> bool:
    """A line starting at `at` would start (after its spaces) with a closing mark or a
    character of no width: " .json" reads as a line that starts with ".", too."""
    while at < end and text[at] == " ":
        at += 1
    return at < end and (char_width(text[at]) == 0 or text[at] in NO_LINE_START)


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
            # Move the cut back past combining characters and closing marks (one piece keeps
            # 2+ chars), a few at most: a long run of them is cut where the line is full,
            # not one character a line.
            floor = max(line_start + 1, i - _FOLD_BACK)
            while cut > floor and _bad_start(text, cut, end):
                cut -= 1
            if _bad_start(text, cut, end):
                cut = i
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


def join_lines(text: str, *marks: int) -> tuple[str, list[int]]:
    """`text` on one line, each line break read as `soft_break` reads it (nothing between
    Chinese: "财务状况,\n或是" -> "财务状况,或是"; a space between words), and each of
    `marks` (offsets into `text`) moved to the same place in it."""
    parts = text.split("\n")
    joined, gone, at = parts[0], [], len(parts[0])  # gone: offsets of the breaks read as nothing
    for part in parts[1:]:
        joint = soft_break(joined[-1:], part[:1])
        if not joint:
            gone.append(at)
        joined += joint + part
        at += 1 + len(part)
    return joined, [mark - sum(1 for g in gone if g < mark) for mark in marks]


def excerpt(text: str, start: int, end: int, around: int) -> tuple[int, int]:
    """(a, b): the part of one-line `text` to show around text[start:end], about `around`
    characters on each side, cut only where a line may break (`break_positions`): between
    words of Latin text ("…the priority payment method in…", never "…he priority"),
    between characters of Chinese, never before a closing mark.  A cut moves toward the
    match to the nearest opportunity; where there is none that side (one long word), away
    from it; where there is none at all, it stays as it was."""
    n = len(text)
    lo, hi = max(0, start - around), min(n, end + around)
    # The opportunities near the cuts, from a window around them: a summary may be long.
    w0, w1 = max(0, lo - around), min(n, hi + around)
    allowed = {w0 + p for p in break_positions(text[w0:w1])} | ({0} if w0 == 0 else set()) | ({n} if w1 == n else set())
    a = lo
    if lo > 0:
        inside = [p for p in allowed if lo <= p <= start]
        outside = [p for p in allowed if p < lo]
        a = min(inside) if inside else max(outside) if outside else lo
    b = hi
    if hi < n:
        inside = [p for p in allowed if end <= p <= hi]
        outside = [p for p in allowed if p > hi]
        b = max(inside) if inside else min(outside) if outside else hi
    return a, b
