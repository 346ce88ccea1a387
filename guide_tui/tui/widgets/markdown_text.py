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

import re
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.style import Style
from textual.widget import Widget

_PARSER = MarkdownIt("commonmark", {"html": False}).disable("image")
# CJK (with its punctuation), Hangul and full-width forms. Compared by code
# point: a regular expression class over these ranges costs 2 ms to compile
# at every start.
_WIDE_RANGES = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Block:
    content: Content
    first: str = ""  # prefix of the first line (a bullet, a number)
    rest: str = ""  # prefix of the following lines (the hanging indent)
    gap: bool = True  # a blank line before this block
    wrap: bool = True  # False for code: fold, do not wrap at words


def parse(text: str) -> list[Block]:
    """Markdown text to blocks of Content."""
    blocks: list[Block] = []
    lists: list[list[int | None]] = []  # per open list: [next number] or [None] for bullets
    quote = 0
    item_prefix: tuple[str, str] | None = None
    item_gap = first_item = False
    tokens = _PARSER.parse(text)
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1) if kind == "ordered_list_open" else None
            lists.append([start])
            first_item = True
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            depth = "  " * (len(lists) - 1)
            number = lists[-1][0]
            if number is None:
                mark = "• "
            else:
                mark = f"{number}. "
                lists[-1][0] = number + 1
            item_prefix = (depth + mark, depth + " " * len(mark))
            item_gap = not _is_tight(tokens, i) or (first_item and len(lists) == 1)
            first_item = False
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "inline":
            content = _inline(tok)
            heading = tokens[i - 1].type == "heading_open" if i else False
            if heading:
                content = content.stylize("bold")
            bar = "▌ " * quote
            if item_prefix:
                first, rest = bar + item_prefix[0], bar + item_prefix[1]
                gap = item_gap
                item_prefix = None
            else:
                first = rest = bar + "  " * len(lists)
                gap = True
            blocks.append(Block(content.stylize("italic") if quote else content, first, rest, gap))
        elif kind in ("fence", "code_block"):
            indent = "  " * (len(lists) + 1)
            code = Content(tok.content.rstrip("\n")).stylize("bold")
            blocks.append(Block(code, indent, indent, True, wrap=False))
        elif kind == "hr":
            blocks.append(Block(Content("―" * 12).stylize("dim")))
    return blocks


def hanging_lines(content: Content, first: str, rest: str, width: int, *, fold: bool = False) -> list[Content]:
    """`content` wrapped to `width` cells, its first line after `first` (a bullet, a
    number) and the others after `rest` (the hanging indent). fold: cut long lines
    anywhere instead of wrapping at words (code)."""
    room = max(width - Content(first).cell_length, 2)
    if fold:
        pieces = [piece for line in content.split("\n") for piece in line.fold(room)]
    else:
        pieces = content.wrap(room)
    out: list[Content] = []
    for n, piece in enumerate(pieces):
        prefix = first if n == 0 else rest
        out.append(Content.assemble(prefix, piece.rstrip()) if prefix else piece.rstrip())
    return out


def _is_tight(tokens: list[Token], index: int) -> bool:
    """A list item whose paragraph is hidden belongs to a tight list."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return bool(following and following.type == "paragraph_open" and following.hidden)


def _inline(token: Token) -> Content:
    parts: list[Content] = []
    styles: list[Style | str] = []
    children = token.children or []
    for j, child in enumerate(children):
        kind = child.type
        if kind == "text":
            parts.append(_styled(_SPACE.sub(" ", child.content), styles))
        elif kind == "softbreak":
            before = children[j - 1].content[-1:] if j else ""
            after = children[j + 1].content[:1] if j + 1 < len(children) else ""
            parts.append(Content("" if _is_wide(before) or _is_wide(after) else " "))
        elif kind == "hardbreak":
            parts.append(Content("\n"))
        elif kind == "code_inline":
            parts.append(_styled(child.content, [*styles, "reverse"]))
        elif kind == "strong_open":
            styles.append("bold")
        elif kind == "em_open":
            styles.append("italic")
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
            styles.append(Style.from_meta({"@click": f"link({href!r})"}) + Style(underline=True))
        elif kind == "html_inline":
            parts.append(_styled(child.content, styles))
        elif kind.endswith("_close") and styles:
            styles.pop()
    return Content("").join(parts)


def _is_wide(char: str) -> bool:
    """True for one wide character: a soft line break next to it joins without a space."""
    code = ord(char) if len(char) == 1 else 0
    return any(low <= code <= high for low, high in _WIDE_RANGES)


def _styled(text: str, styles: list[Style | str]) -> Content:
    content = Content(text)
    for style in styles:
        content = content.stylize(style)
    return content


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

    def show_blocks(self, blocks: list[Block]) -> None:
        """Show blocks made by the caller (text that is not Markdown)."""
        self._text, self._blocks, self._cache = "", blocks, {}
        self.refresh(layout=True)

    def update(self, text: str) -> None:
        """Show another text (nothing happens when it is the same)."""
        if text == self._text:
            return
        self._text = text
        self._blocks = parse(text)
        self._cache = {}
        self.refresh(layout=True)

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
