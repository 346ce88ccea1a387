"""Finding guides as the user types: an index built once, narrowed key by key.

    index = SearchIndex(library.entries, readings)       # readings: pinyin.readings / the cache's
    found = index.search("xmfq")                          # indices into the entries, best first
    found = index.search("xmfqr", within=found.all)       # the query grew: test only these
    why = index.explain(found.ranked[0], "xmfq")          # where it matched, and in which pinyin

What a query finds.  It is split at spaces into terms, and a guide is found when
every term matches one of its titles (in any language), tags, summaries or id.
A term matches a run of consecutive characters (spaces in the guide's text are
skipped, case is ignored), each character matched by itself or, for a Chinese
character, by the start of any of its pinyin readings: "xmfq", "xiaomifenqi",
"xiaomfq" and "小米fq" all match 小米分期, "z" and "c" both match 重.  Guides whose
titles match come first, each group in the library's order.

How it stays fast.  Each guide's text is encoded once into a string of cells:
`\\x01` before each character, and after a Chinese character `\\x02` before each of
its readings; fields are separated by `\\x03`.  A term becomes one regular
expression over that encoding (built here, from letters, characters and fixed
pieces only: linear, no nested repetition that can blow up), so testing a guide
is one `search` in C, and the match's place says whether it is in a title.  A query that extends the
previous one tests only the guides the previous one found.  The list on screen
draws only its visible rows, and asks `explain` only for those.

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from guide_tui.library.discover import GuideEntry

CELL, READING, FIELD = "\x01", "\x02", "\x03"
_SPACE = re.compile(r"\s+")
# What a term's letter starts: a one-letter cell (a Latin letter), or a reading of a Chinese character.
_START = "\x01(?:{c}|[^\x01\x02\x03](?:\x02[a-z]*)*?\x02{r})"
_REST = "[^\x01\x03]*"  # the rest of the cell matched last (its other readings): to the next cell


def fold(text: str) -> str:
    """Text as the filter compares it: case folded, without spaces."""
    return "".join(text.casefold().split())


def encode(text: str, table: Mapping[int, str]) -> str:
    """One field as cells (see the module docstring); `table` (from `reading_table`) adds
    each Chinese character's readings."""
    folded = fold(text)
    if not folded:
        return ""
    return (CELL + CELL.join(folded)).translate(table)


def reading_table(readings: Mapping[str, str]) -> dict[int, str]:
    """A str.translate table: each Chinese character to itself followed by its readings."""
    return {ord(char): char + "".join(READING + word for word in words.split()) for char, words in readings.items()}


@functools.lru_cache(maxsize=64)
def compile_term(term: str, *, explain: bool = False) -> re.Pattern[str]:
    """The regular expression that finds a term in encoded text; `explain`: with a group
    around each letter that starts a reading (to say which reading matched)."""
    parts = []
    for n, char in enumerate(fold(term)):
        if "a" <= char <= "z":
            start = _START.format(c=char, r=f"({char})" if explain else char)
            if n == 0 and not explain:
                # The same, several times faster: the letter itself first (re finds a literal
                # prefix quickly), then a look back for the start of a cell or a reading.
                start = f"{char}(?<=[\x01\x02]{char})"
            parts.append(start if n == 0 else f"(?:{char}|{_REST}{start})")
        else:
            literal = re.escape(char)
            parts.append(f"{literal}(?<=\x01{literal})" if n == 0 else _REST + CELL + literal)
    return re.compile("".join(parts))


@dataclass
class Found:
    """The guides a query found: `ranked` for the list (title matches first), `all` in
    the library's order (what the next, longer query narrows)."""

    query: str
    all: list[int] = field(default_factory=list)
    ranked: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Why:
    """Where a guide matched a query, to show the user: the field ("title", "tag",
    "summary", "id"), its text, the matched characters (start, end) in it, and the
    pinyin that matched, when a Chinese character was matched by its pinyin."""

    where: str
    text: str
    start: int
    end: int
    pinyin: tuple[str, ...] = ()


class SearchIndex:
    """The guides of a library, encoded once for the filter."""

    def __init__(self, entries: Sequence[GuideEntry], readings: Mapping[str, str] | None = None) -> None:
        self.entries = entries
        self.readings = dict(readings or {})
        self._table = reading_table(self.readings)
        self.haystacks: list[str] = []
        self.title_ends: list[int] = []  # where each guide's titles end in its haystack
        table = self._table
        for entry in entries:
            metas = entry.variants.values()
            fields = [meta.title for meta in metas]
            titles = len(fields)
            fields += entry.tags
            fields += [meta.summary for meta in metas if meta.summary]
            fields.append(entry.id)
            # All of a guide's fields at once: cells cannot cross the \x03 between fields.
            folded = "".join(FIELD.join(fields).casefold().split())
            haystack = (CELL + CELL.join(folded)).translate(table)
            end = -1
            for _ in range(titles):
                end = haystack.find(FIELD, end + 1)
            self.haystacks.append(haystack)
            self.title_ends.append(end)

    def __len__(self) -> int:
        return len(self.entries)

    def search(self, query: str, within: Sequence[int] | None = None) -> Found:
        """The guides every term of the query matches; `within`: only these (the guides
        a shorter query found: the caller knows the query grew)."""
        terms = [fold(term) for term in _SPACE.split(query) if term]
        if not terms:
            everything = list(range(len(self.entries)))
            return Found(query, everything, everything)
        haystacks, ends = self.haystacks, self.title_ends
        candidates = range(len(self.entries)) if within is None else within
        found: list[int] = []
        top: list[int] = []  # found in a title
        rest: list[int] = []
        searches = [compile_term(term).search for term in terms]
        for i in candidates:
            haystack = haystacks[i]
            end = ends[i]
            in_title = True
            for search in searches:
                # The titles come first: a match in a title is the first match.
                match = search(haystack)
                if match is None:
                    break
                if match.start() > end:
                    in_title = False
            else:
                found.append(i)
                (top if in_title else rest).append(i)
        return Found(query, found, top + rest)

    def explain(self, index: int, query: str) -> list[Why]:
        """Where each term of the query matched guide `index`: one Why per term."""
        entry = self.entries[index]
        fields: list[tuple[str, str]] = [("title", meta.title) for meta in entry.variants.values()]
        fields += [("tag", tag) for tag in entry.tags]
        fields += [("summary", meta.summary) for meta in entry.variants.values() if meta.summary]
        fields.append(("id", entry.id))
        haystack = self.haystacks[index]
        whys = []
        for term in (term for term in _SPACE.split(query) if term):
            # The first match in the guide's encoding is in the first field that has one
            # (the fields are in the order above, and no match crosses a field's end).
            match = compile_term(term, explain=True).search(haystack)
            if match is None:
                continue
            start, end = match.span()
            field_start = haystack.rfind(FIELD, 0, start) + 1
            where, text = fields[haystack.count(FIELD, 0, start)]
            first = haystack.count(CELL, field_start, start + 1) - 1  # the cells the match is in
            last = haystack.count(CELL, field_start, end) - 1
            # Each group that took part is a letter that started a reading: the reading it started.
            heard = tuple(
                re.split("[\x01\x02\x03]", haystack[at:], maxsplit=1)[0]
                for n in range(1, (match.lastindex or 0) + 1)
                if (at := match.start(n)) >= 0
            )
            whys.append(Why(where, text, *_text_span(text, first, last), heard))
        return whys


def _text_span(text: str, first: int, last: int) -> tuple[int, int]:
    """(start, end) in `text` of its cells `first` to `last`: a cell is a character of the
    text case folded (one character may fold to two, ß to ss), spaces left out."""
    cells = 0  # the cells of the characters up to this one, this one's included
    start = -1
    for n, char in enumerate(text):
        if char.isspace():
            continue
        cells += len(char.casefold())
        if start < 0 and cells > first:
            start = n
        if cells > last:
            return start, n + 1
    return max(start, 0), len(text)
