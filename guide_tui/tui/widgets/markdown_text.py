"""Guide Markdown drawn as one light widget, wrapped with hanging indents.

Textual's Markdown widget mounts a widget per block and parses in a thread on
every update; a step change then costs tens of milliseconds.  Guide bodies
use a small part of Markdown (paragraphs, emphasis, lists, quotes, code,
links), so they are drawn here as Content in one pass, cached per width.

Guide text is data: nothing is parsed as markup; raw HTML shows as text;
a link only posts LinkClicked, and the screen decides (it asks first).
Chinese soft line breaks join without a space, as a reader expects.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from textual.content import Content, Span
from textual.geometry import Size
from textual.message import Message
from textual.style import Style
from textual.widget import Widget

from guide_tui.core import markdown
from guide_tui.core.text import line_ranges


@dataclass(frozen=True)
class Block:
    content: Content
    first: str | Content = ""  # prefix of the first line (a bullet, a number)
    rest: str | Content = ""  # prefix of the following lines (the hanging indent)
    gap: bool = True  # a blank line before this block
    wrap: bool = True  # False for code: fold, do not wrap at words


def parse(text: str) -> list[Block]:
    """Markdown text to blocks of Content, drawn from the one parse (core/markdown.py)."""
    blocks: list[Block] = []
    _flatten(markdown.parse(text).blocks, blocks, quote=0, lists=0, item=None)
    return blocks


def _flatten(
    source: tuple[markdown.Block, ...], out: list[Block], quote: int, lists: int, item: tuple[str, str, bool] | None
) -> None:
    """Blocks of the parse as Blocks with prefixes; `item` is the (first, rest, gap) of
    the list item whose first block this is."""
    bar = "▌ " * quote
    for n, block in enumerate(source):
        lead = item if n == 0 else None
        if isinstance(block, markdown.Paragraph):
            content = _inline(block.spans)
            if block.heading:
                content = content.stylize("bold")
            if quote:
                content = content.stylize("italic")
            if lead:
                out.append(Block(content, bar + lead[0], bar + lead[1], lead[2]))
            else:
                indent = bar + "  " * lists
                out.append(Block(content, indent, indent, True))
        elif isinstance(block, markdown.Code):
            indent = "  " * (lists + 1)
            out.append(Block(Content(block.text).stylize("bold"), indent, indent, True, wrap=False))
        elif isinstance(block, markdown.Rule):
            out.append(Block(Content("―" * 12).stylize("dim")))
        elif isinstance(block, markdown.Quote):
            _flatten(block.blocks, out, quote + 1, lists, lead)
        elif isinstance(block, markdown.ListBlock):
            depth = "  " * lists
            for k, entry in enumerate(block.items):
                mark = f"{block.start + k}. " if block.ordered else "• "
                gap = not block.tight or (k == 0 and lists == 0)
                prefix = (depth + mark, depth + " " * len(mark), gap)
                _flatten(entry or (markdown.Paragraph(()),), out, quote, lists + 1, prefix)


def hanging_lines(
    content: Content, first: str | Content, rest: str | Content, width: int, *, fold: bool = False
) -> list[Content]:
    """`content` broken into lines of `width` cells, its first line after `first` (a
    bullet, a number) and the others after `rest` (the hanging indent).

    Lines break where core/text.py says (Unicode line breaking with the Chinese
    rules), and the styled Content is sliced at those points: Textual's own
    wrapping never breaks guide text.  fold: cut long lines anywhere (code)."""
    first_width, rest_width = _cells(first), _cells(rest)
    if fold:
        room = max(width - first_width, 2)
        pieces = [piece for line in content.split("\n") for piece in line.fold(room)]
    else:
        pieces = _slices(content, line_ranges(content.plain, width, first_width, rest_width))
    out: list[Content] = []
    for n, piece in enumerate(pieces):
        prefix = first if n == 0 else rest
        out.append(Content.assemble(prefix, piece.rstrip()) if prefix else piece.rstrip())
    return out


def _slices(content: Content, ranges: list[tuple[int, int]]) -> list[Content]:
    """content[start:end] for each (start, end), in increasing order, in one pass over
    its styles: slicing Content copies every style each time, which made a paragraph
    of thousands of `code` spans take seconds (time went as lines x spans)."""
    plain = content.plain
    if not content.spans:
        return [Content(plain[start:end], strip_control_codes=False) for start, end in ranges]
    starts = [start for start, _end in ranges]
    per_line: list[list[Span]] = [[] for _ in ranges]
    for span in content.spans:
        i = max(bisect.bisect_right(starts, span.start) - 1, 0)
        while i < len(ranges) and ranges[i][0] < span.end:
            start, end = ranges[i]
            a, b = max(span.start, start), min(span.end, end)
            if a < b:
                per_line[i].append(Span(a - start, b - start, span.style))
            i += 1
    return [
        Content(plain[start:end], spans, strip_control_codes=False)
        for (start, end), spans in zip(ranges, per_line, strict=True)
    ]


def _cells(prefix: str | Content) -> int:
    return prefix.cell_length if isinstance(prefix, Content) else Content(prefix).cell_length


# What starts a line of interface text and hangs over the lines it wraps to: spaces, then
# a bullet, an arrow, a tick or a number ("  • ", "    → ", "12. ", "✓ ").
_LEAD = re.compile(r"^ *(?:(?:[•›→✓⚠▶▌-]|[0-9]{1,4}\.) +)?")


def content_blocks(content: Content | str) -> list[Block]:
    """Lines of text (not Markdown) as blocks: each breaks by core/text.py, the lines it
    wraps to starting under its text, after its leading spaces and bullet or number."""
    blocks = []
    for line in (content if isinstance(content, Content) else Content(content)).split("\n"):
        match = _LEAD.match(line.plain)
        n = match.end() if match else 0
        lead = line[:n]
        blocks.append(Block(line[n:], lead, " " * lead.cell_length, gap=False))
    return blocks


def _inline(spans: tuple[markdown.Span, ...]) -> Content:
    parts: list[Content] = []
    for span in spans:
        content = Content(span.text)
        if span.code:
            content = content.stylize("reverse")
        if span.strong:
            content = content.stylize("bold")
        if span.emphasis:
            content = content.stylize("italic")
        if span.link:
            content = content.stylize(Style.from_meta({"@click": f"link({span.link!r})"}) + Style(underline=True))
        parts.append(content)
    return Content("").join(parts)


class MarkdownText(Widget):
    """A Markdown text, drawn in one widget; clicking a link posts LinkClicked."""

    DEFAULT_CSS = """
    MarkdownText {
        height: auto;
    }
    """

    class LinkClicked(Message):
        def __init__(self, href: str) -> None:
            super().__init__()
            self.href = href

    def __init__(self, text: str = "", **kw: Any) -> None:
        super().__init__(**kw)
        self._text = text
        self._blocks = parse(text)
        self._cache: dict[int, list[Content]] = {}

    @property
    def source(self) -> str:
        return self._text

    def show_content(self, content: Content | str) -> None:
        """Show lines of text that are not Markdown (a title, a hint), broken as Markdown is."""
        self.show_blocks(content_blocks(content))

    def show_blocks(self, blocks: list[Block]) -> None:
        """Show blocks made by the caller (text that is not Markdown)."""
        self._text, self._blocks, self._cache = "", blocks, {}
        self._shown()

    def update(self, text: str) -> None:
        """Show another text (nothing happens when it is the same)."""
        if text == self._text:
            return
        self._text = text
        self._blocks = parse(text)
        self._cache = {}
        self._shown()

    def _shown(self) -> None:
        """Draw the new text; lay the screen out again only when it takes another number of
        lines where the widget is (a step's title and body mostly take as many as the last
        step's): a layout of every widget was most of a step change's time."""
        laid_out = self.content_region
        auto_width = self.styles.width is not None and self.styles.width.is_auto
        self.refresh(layout=auto_width or not laid_out.width or len(self.lines(laid_out.width)) != laid_out.height)

    def lines(self, width: int) -> list[Content]:
        """The text wrapped to a width, with bullets and hanging indents."""
        width = max(width, 4)
        if width in self._cache:
            return self._cache[width]
        out: list[Content] = []
        for block in self._blocks:
            if block.gap and out:
                out.append(Content(""))
            out += hanging_lines(block.content, block.first, block.rest, width, fold=not block.wrap)
        if len(self._cache) > 8:  # layout tries a few widths; a resize storm must not grow this
            self._cache.clear()
        self._cache[width] = out
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width or self.size.width))

    def action_link(self, href: str) -> None:
        self.post_message(self.LinkClicked(href))
