"""A QR code drawn with half blocks, two rows of modules a line of text.

A terminal cell is about twice as tall as it is wide, so "▀" (the upper half
inked), "▄" and "█" give square modules.  A phone reads a code of dark modules
on light ground, with a light margin (the quiet zone) round it, whatever the
terminal's own colours: so the code is drawn black on white in every theme.
NO_COLOR keeps that: Textual then turns colours to grey levels, and black and
white stay black and white.  Only an app started with the terminal's own
(ANSI) colours and NO_COLOR draws no colour of ours at all (Textual's NoColor
filter): then the ink draws the light modules, as on a light-on-dark terminal
(unless COLORFGBG says the terminal is dark on light), and `invert` swaps them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from textual.content import Content
from textual.filter import LineFilter, NoColor
from textual.geometry import Size
from textual.widget import Widget

from guide_tui.export.qr import half_blocks

BLACK_ON_WHITE = "#000000 on #ffffff"


def light_terminal(env: Mapping[str, str] = os.environ) -> bool:
    """Whether the terminal says it draws dark text on a light background
    (COLORFGBG="0;15", set by rxvt, Konsole and others); else taken as dark."""
    background = env.get("COLORFGBG", "").rsplit(";", 1)[-1]
    return background in ("7", "15")


def colours_shown(filters: Sequence[LineFilter]) -> bool:
    """Whether the app's line filters leave colours of ours on screen."""
    return not any(isinstance(f, NoColor) for f in filters)


class QrCode(Widget):
    """The code of one text, from its rows of modules (export/qr.py)."""

    DEFAULT_CSS = """
    QrCode {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, rows: list[list[bool]], *, inverted: bool = False, **kw: Any) -> None:
        super().__init__(**kw)
        self.rows = rows
        self.inverted = inverted

    @property
    def colours_shown(self) -> bool:
        """False when the app draws no colours of its own (NO_COLOR with an ANSI theme);
        True also under NO_COLOR otherwise, where colours become grey levels."""
        return colours_shown(self.app.get_line_filters())

    def lines(self) -> list[str]:
        if self.colours_shown:  # black on white: right in every terminal, nothing to invert
            return half_blocks(self.rows)
        # the ink is the terminal's text colour: light on a dark terminal, so it draws the light modules
        return half_blocks(self.rows, ink=light_terminal() != self.inverted)

    def render(self) -> Content:
        content = Content("\n".join(self.lines()))
        return content.stylize(BLACK_ON_WHITE) if self.colours_shown else content

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self.rows[0]) if self.rows else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return (len(self.rows) + 1) // 2
