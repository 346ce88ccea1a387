"""What the plain mode (cli/plain.py) prints and reads, apart from the walk: Markdown
reduced to plain lines, and the words a line is read as (a command, or a number).
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re

from guide_tui.core.markdown import Block, Code, ListBlock, Paragraph, Quote, Span, parse

# -- Markdown reduced to plain lines -------------------------------------------


def plain_lines(markdown: str | None) -> list[str]:
    """Markdown as plain lines: one a paragraph or list item, no blank lines.

    Emphasis markers go, list bullets stay (as `-`), links read `text (url)`,
    headings and quotes lose their marks, code blocks are kept line for line.
    Drawn from the one parse (core/markdown.py), as the screen and the exports are.
    """
    out: list[str] = []
    _plain_blocks(parse(markdown or "").blocks, "", out)
    return out


def _plain_blocks(blocks: tuple[Block, ...], indent: str, out: list[str], marker: str = "") -> None:
    """Blocks as plain lines; the first after `marker` (a list item's), the rest of an item indented."""
    inner = indent + "  " if marker else indent
    for n, block in enumerate(blocks):
        here = indent if n == 0 else inner
        mark = marker if n == 0 else ""
        if isinstance(block, Paragraph):
            for k, line in enumerate(_plain_inline(block.spans).split("\n")):
                if line.strip():
                    out.append((here + mark if k == 0 else inner) + line.strip())
        elif isinstance(block, Code):
            out += [line.rstrip() for line in block.text.split("\n") if line.strip()]
        elif isinstance(block, Quote):
            _plain_blocks(block.blocks, here, out, mark)
        elif isinstance(block, ListBlock):
            for k, item in enumerate(block.items):
                _plain_blocks(item, here, out, f"{block.start + k}. " if block.ordered else "- ")
        # a rule shows nothing


def _plain_inline(spans: tuple[Span, ...]) -> str:
    """Inline text without marks; a link reads `text (url)`, or just the url when that is its text."""
    out: list[str] = []
    for i, span in enumerate(spans):
        out.append(span.text)
        if span.link and (i + 1 == len(spans) or spans[i + 1].link != span.link):
            first = i
            while first > 0 and spans[first - 1].link == span.link:
                first -= 1
            label = "".join(s.text for s in spans[first : i + 1])
            if label not in (span.link, span.link.removeprefix("mailto:").removeprefix("tel:")):
                out.append(f" ({span.link})")
    return "".join(out)


CONFIRM_WORDS = ("confirm",)  # the plain mode's confirmation, in English in every language
PLAIN_NOTICES = {
    "resumed": "plain.resumed",
    "resumed_finished": "plain.resumed_finished",
    "resumed_ended": "plain.resumed_ended",
}  # no R key here
_COMMAND = re.compile(r"[nbsorhdq?]|help|confirm|[xj]\s*\d*")  # a number is an answer, at a typed question


def is_command(command: str) -> bool:
    """Whether a line reads as a plain-mode command (else, at a typed question, it is the answer)."""
    return command == "" or bool(_COMMAND.fullmatch(command))


def number_typed(text: str) -> int | None:
    """A small positive number typed by the user, else None."""
    return int(text) if text.isdecimal() and len(text) <= 6 else None
