"""`--help` set in terminal columns: argparse measures a line in characters, so a
Chinese option's help (a character takes two columns) ran past the terminal's
edge, and a description the catalog did not break by hand stayed one long line.

Descriptions and examples keep the lines the catalog breaks by hand while they
fit the terminal.  A paragraph with a line that does not is set again to the
terminal's width, and every option's help is, by core/text_breaks.py (as every
other text is: between Chinese characters, never before 。or ，; a hand break
reads as a space, or as nothing after or between Chinese characters).  An indented line
(an example command) is broken alone, under its own indent.  This module is
imported only when a help is printed.
"""

from __future__ import annotations

import argparse


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's RawDescriptionHelpFormatter, its lines measured in columns."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        from guide_tui.core.text_breaks import wrap

        return wrap(" ".join(text.split()), width) or [""]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        from guide_tui.core.text_breaks import soft_break, wrap
        from guide_tui.core.text_width import display_width, is_wide

        columns = width + 2  # argparse keeps 2 columns free; a line the catalog broke may use them
        out: list[str] = []
        for block in _blocks(text.split("\n")):
            if all(display_width(indent + line) <= columns for line in block):
                out += [indent + line if line else "" for line in block]
            elif block[0].startswith(" "):  # an example: each line alone, under its indent
                for line in block:
                    body = line.lstrip(" ")
                    lead = indent + line[: len(line) - len(body)]
                    out += wrap(body, width + len(indent), first=lead, rest=lead)
            else:  # prose: the paragraph set again
                joined = block[0]
                for line in block[1:]:  # after a Chinese comma or semicolon, no space: it has its own
                    joined += ("" if is_wide(joined[-1]) else soft_break(joined, line)) + line
                out += wrap(joined, width + len(indent), first=indent, rest=indent)
        return "\n".join(out)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Paragraphs (lines up to a blank one, or up to a change between indented and not)
    and the blank lines between them, each blank line a block of its own."""
    blocks: list[list[str]] = []
    for line in lines:
        if line.strip() and blocks and blocks[-1][0].strip() and blocks[-1][0].startswith(" ") == line.startswith(" "):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks
