"""Text on a terminal, written once: what is safe to show, how wide it is, where it breaks.

- Safety, one character policy for every text field and every place text is
  shown (docs/limits.md, "Characters"): control characters (C0 but tab and
  newline, DEL, C1, the line and paragraph separators, lone surrogates) and
  characters that draw nothing (bidi marks, embeddings, overrides and isolates,
  zero-width characters, every other format character: HIDDEN) are refused by
  the loader in every text field (`first_control`, `hidden_at`), except a
  zero-width joiner or non-joiner that does a script's or an emoji's work
  (`joiner_fits`).  Text that cannot be refused (a file path, a system's
  message) is shown with each such character as an escape such as `\\x1b` or
  `\\u202e` (`safe_text`).
- Width: columns on a terminal, wide (CJK) characters counting two.
- Line breaking: Unicode line breaking (UAX #14, from the uniseg library) with
  the rules a Chinese reader expects on top (see `break_positions`), and a
  greedy fill to a width.  Every renderer (the screen, plain mode, the text
  export, the report, tables) breaks lines here.
- A soft line break in Markdown joins two lines with nothing between CJK text,
  else with a space.

Nothing here imports Textual or Rich.  uniseg is imported only when a line is
too long for its width (see `_uax14`).
"""

from __future__ import annotations

import codecs
import functools
import itertools
import re
import sys
import unicodedata

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from collections.abc import Callable, Iterable, Iterator, Sequence

# -- safety --------------------------------------------------------------------

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
    for index in _hidden(text):
        if not _fits(text, index):
            return index
    return None


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


# -- width ---------------------------------------------------------------------


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
# A phone number written with spaces or dashes between groups of digits.  Linear: it
# starts only where a run of digits starts (a search would otherwise scan the rest of a
# long run from each of its digits), and the groups never give back a digit.
_PHONE = re.compile(r"(?<![0-9])\+?[0-9]++(?:[ -][0-9]++)+")
_PHONE_DIGITS = 7
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
