"""The review tool's SVG fixes (snapshot_png.py): what it converts shows what the terminal shows."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from snapshot_png import fixed_svg


def test_a_wrapped_line_keeps_its_indent_and_each_character_its_cell() -> None:
    """rsvg-convert dropped the no-break spaces that start a run, so a help line wrapped
    under its description column was drawn at column 0."""
    svg = (
        '<svg class="rich-terminal" viewBox="0 0 100 20"><style>.terminal-1-matrix { font-size: 20px; }</style>'
        '<text class="terminal-r1" x="10" y="20" textLength="48.8">&#160;&#160;清单</text></svg>'
    )
    fixed = fixed_svg(svg)
    assert fixed.startswith('<svg xml:space="preserve" ')
    assert 'x="10.0 22.2 34.4 58.8"' in fixed and 'textLength="73.2"' in fixed  # 清 at the third cell, 单 two further
