"""Guide Markdown, parsed once: the structure every renderer and the link check draw from.

One markdown-it-py parser, set up once: CommonMark, no raw HTML (it reads as
text), no images (no outside files: `![a](b)` reads as "!" and a link).  The
parse finds every link a Markdown renderer would find, whatever its scheme, so
the link check (core/checks.py) sees exactly the links that the screen, the
exports and any other renderer see; renderers draw as a link only one whose
scheme is in LINK_SCHEMES, and the rest as their text.

`parse(text)` gives a `Document`: blocks (paragraphs, headings, code, rules,
quotes, lists) whose inline text is a tuple of `Span`s; soft line breaks are
already joined (nothing between CJK text, else a space: core/text.py) and
every text is terminal-safe (core/text.py `safe_text`).

`md_escape(text)` is the one way plain text goes into Markdown.

This module imports nothing from Textual or Rich; markdown-it-py is imported on
the first parse of a text that needs it, never for one that holds no `[`, `<`
or other Markdown.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from guide_tui.core.links import link_allowed
from guide_tui.core.text import safe_text, soft_break

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from typing import Any, TypeAlias

# -- the structure ---------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of inline text and how it is marked; "\\n" in `text` is a hard line break."""

    text: str
    strong: bool = False
    emphasis: bool = False
    code: bool = False
    link: str | None = None  # the destination of an allowed link


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]
    heading: int = 0  # 1-6 for a heading

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    start: int
    tight: bool
    items: tuple[tuple[Block, ...], ...]


Block: TypeAlias = "Paragraph | Code | Rule | Quote | ListBlock"


@dataclass(frozen=True)
class Link:
    """A link the parse found, allowed or not: its destination and its text
    (None for a reference definition, which has no text)."""

    url: str
    label: str | None


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    links: tuple[Link, ...] = field(default=(), compare=False)


# -- parsing -----------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt  # lazy: ~15 ms, and only Markdown needs it

    md = MarkdownIt("commonmark", {"html": False}).disable("image")
    # Every destination is a link to the parse, so that the check sees what any
    # renderer would; the renderers here draw only LINK_SCHEMES as links.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    # Destinations stay as written (after Markdown's own escapes), not percent-encoded.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda link: link  # type: ignore[method-assign]
    return md


@functools.lru_cache(maxsize=512)
def parse(text: str) -> Document:
    """Guide Markdown as a Document (cached: the same text is often drawn again)."""
    if not text.strip():
        return Document(())
    env: dict[str, Any] = {}
    tokens = _parser().parse(text, env)
    builder = _Builder()
    blocks = builder.blocks(tokens, 0, len(tokens))
    refs = env.get("references", {})
    links = builder.links + [Link(ref["href"], None) for ref in refs.values()]
    return Document(tuple(blocks), tuple(links))


def links(text: str) -> tuple[Link, ...]:
    """Every link in a Markdown text, allowed or not, as a renderer reads them:
    inline links, autolinks, links to a reference, and reference definitions."""
    if "[" not in text and "<" not in text:  # no link can be written without one: no parse
        return ()
    return parse(text).links


class _Builder:
    def __init__(self) -> None:
        self.links: list[Link] = []

    def blocks(self, tokens: list[Any], start: int, end: int) -> list[Block]:
        out: list[Block] = []
        i = start
        while i < end:
            tok = tokens[i]
            kind = tok.type
            if kind in ("paragraph_open", "heading_open"):
                level = int(tok.tag[1]) if kind == "heading_open" else 0
                out.append(Paragraph(self.inline(tokens[i + 1]), level))
                i += 3
            elif kind in ("fence", "code_block"):
                out.append(Code(safe_text(tok.content.rstrip("\n"), newlines=True)))
                i += 1
            elif kind == "hr":
                out.append(Rule())
                i += 1
            elif kind == "blockquote_open":
                close = _closing(tokens, i)
                out.append(Quote(tuple(self.blocks(tokens, i + 1, close))))
                i = close + 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                close = _closing(tokens, i)
                items: list[tuple[Block, ...]] = []
                tight = True
                j = i + 1
                while j < close:
                    item_close = _closing(tokens, j)
                    paragraph = tokens[j + 1] if j + 1 < item_close else None
                    if paragraph is not None and paragraph.type == "paragraph_open" and not paragraph.hidden:
                        tight = False
                    items.append(tuple(self.blocks(tokens, j + 1, item_close)))
                    j = item_close + 1
                ordered = kind == "ordered_list_open"
                out.append(ListBlock(ordered, int(tok.attrGet("start") or 1) if ordered else 1, tight, tuple(items)))
                i = close + 1
            else:
                i += 1
        return out

    def inline(self, token: Any) -> tuple[Span, ...]:
        """The spans of an inline token: soft breaks joined, links resolved, text made safe."""
        spans: list[Span] = []
        strong = emphasis = 0
        link_stack: list[tuple[str | None, int, str]] = []  # (allowed href, first span, url)
        children = token.children or []
        for j, child in enumerate(children):
            kind = child.type
            href = link_stack[-1][0] if link_stack else None

            def add(text: str, code: bool = False) -> None:
                spans.append(Span(text, strong > 0, emphasis > 0, code, href))  # noqa: B023 - called at once

            if kind == "text":
                add(_SPACES.sub(" ", child.content))
            elif kind == "code_inline":
                add(child.content, code=True)
            elif kind == "softbreak":
                before = next((s.text for s in reversed(spans) if s.text), "")
                after = next((c.content for c in children[j + 1 :] if c.content), "")
                add(soft_break(before, after))
            elif kind == "hardbreak":
                add("\n")
            elif kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                emphasis += 1
            elif kind == "em_close":
                emphasis -= 1
            elif kind == "link_open":
                url = str(child.attrGet("href") or "")
                link_stack.append((url if link_allowed(url) else None, len(spans), url))
            elif kind == "link_close" and link_stack:
                _, first, url = link_stack.pop()
                self.links.append(Link(url, "".join(s.text for s in spans[first:])))
        merged: list[Span] = []
        for span in spans:
            if not span.text:
                continue
            span = Span(safe_text(span.text, newlines=True), span.strong, span.emphasis, span.code, span.link)
            last = merged[-1] if merged else None
            if last and (last.strong, last.emphasis, last.code, last.link) == (
                span.strong,
                span.emphasis,
                span.code,
                span.link,
            ):
                merged[-1] = Span(last.text + span.text, span.strong, span.emphasis, span.code, span.link)
            else:
                merged.append(span)
        return tuple(merged)


def _closing(tokens: list[Any], start: int) -> int:
    """Index of the token that closes the one opened at `start`."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return len(tokens) - 1


# -- plain text into Markdown ---------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~#&@$^{}])")
_MD_SCHEME = re.compile(r"(?i)([a-z0-9])://")
_MD_DOMAIN = re.compile(r"(?<=[A-Za-z0-9])\.(?=[A-Za-z])")  # example.com, www.x: no bare links
_MD_LEADING = re.compile(r"^(?:([-+=])(?=[\s=-]|$)|([0-9]{1,9})([.)])(?=\s|$))")


def md_escape(text: str | None) -> str:
    """Plain text as Markdown that shows exactly that text on one line: no link,
    HTML, emphasis, list, heading or bare web address; control and invisible
    characters as escapes (core/text.py)."""
    out = safe_text(" ".join((text or "").split()))
    out = _MD_SPECIAL.sub(r"\\\1", out)
    out = _MD_SCHEME.sub(r"\1\\:\\/\\/", out)
    out = _MD_DOMAIN.sub(r"\\.", out)
    # A list marker or the like at the start of a line would start a block.
    return _MD_LEADING.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), out)


# -- guide Markdown into Markdown for other renderers -------------------------------------


def md_without_html(text: str) -> str:
    """Guide Markdown for a renderer that reads raw HTML (most do): the same text, with a
    backslash before each `<` that such a renderer would read as a tag, a comment or the
    like. Guide Markdown reads HTML as text (see `_parser`), so `<b>`, `<script>` or
    `<phone-number>` in a body shows as written, in the export as on the screen. Code and
    autolinks are left as they are. Each pass escapes what a parse with HTML on finds;
    an escaped block tag can leave tags on later lines that read as HTML only then, so
    it parses again until none is left."""
    if "<" not in text:
        return text
    for _ in range(text.count("<")):
        places = _html_places(text)
        if not places:
            break
        lines = text.split("\n")
        for row, col in sorted(places, reverse=True):
            line = lines[row]
            lines[row] = line[:col] + "\\" + line[col:]
        text = "\n".join(lines)
    return text


@functools.lru_cache(maxsize=1)
def _html_parser() -> tuple[Any, list[tuple[str, int]]]:
    """CommonMark with raw HTML on, its html_inline rule noting where each tag starts in
    the inline text it reads (markdown-it gives inline tokens no positions)."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline.html_inline import html_inline

    found: list[tuple[str, int]] = []

    def noted(state: Any, silent: bool) -> bool:
        start = state.pos
        matched = html_inline(state, silent)
        if matched and not silent:
            found.append((state.src, start))
        return bool(matched)

    md = MarkdownIt("commonmark", {"html": True}).disable("image")
    md.inline.ruler.at("html_inline", noted)
    return md, found


def _html_places(text: str) -> set[tuple[int, int]]:
    """(line, column) of each `<` in `text` that starts raw HTML, read with HTML on."""
    md, found = _html_parser()
    found.clear()
    tokens = md.parse(text)
    lines = text.split("\n")
    places: set[tuple[int, int]] = set()
    inline_at: dict[str, int] = {}  # an inline text -> its first line
    for token in tokens:
        if token.type == "html_block" and token.map:
            row = token.map[0]
            places.add((row, lines[row].index("<")))  # after container marks and indent, none of them "<"
        elif token.type == "inline" and token.map:
            inline_at.setdefault(token.content, token.map[0])
    for src, pos in found:
        first = inline_at.get(src)
        if first is None:
            continue
        k = src.count("\n", 0, pos)
        src_line = src.split("\n")[k]
        col = pos - (src.rfind("\n", 0, pos) + 1)
        row = first + k
        base = lines[row].find(src_line) if src_line else -1
        if base < 0 or lines[row][base + col : base + col + 1] != "<":
            continue
        places.add((row, base + col))
    return places
