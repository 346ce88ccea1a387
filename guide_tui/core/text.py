"""Text on a terminal, written once: what is safe to show, how wide it is, where it breaks.

The one place the rest of guide-tui imports these from; each part lives in its own
module, by role:

- text_safety.py: one character policy for every text field and every place text
  is shown (CONTROL, HIDDEN, `first_control`, `hidden_at`, `safe_text`, `json_safe`).
- text_width.py: columns on a terminal, wide (CJK) characters counting two.
- text_breaks.py: Unicode line breaking with the rules a Chinese reader expects on
  top, a greedy fill to a width, and what a soft line break in Markdown reads as.

This module re-exports their public names and holds no code: every caller imports
from guide_tui.core.text, as before the split, and loads the same code as before.
Nothing here imports Textual or Rich.
"""

from __future__ import annotations

from guide_tui.core.text_breaks import (
    NO_LINE_START,
    OPENERS,
    UAX14_CHARS,
    break_positions,
    excerpt,
    join_lines,
    line_ranges,
    soft_break,
    wrap,
)
from guide_tui.core.text_safety import (
    BIDI,
    CONTROL,
    HIDDEN,
    ZWJ,
    ZWNJ,
    any_hidden,
    first_control,
    first_hidden,
    first_invisible,
    hidden_at,
    hidden_places,
    is_invisible,
    is_safe_text,
    joiner_fits,
    json_safe,
    other_encoding,
    safe_text,
    strip_invisible,
    variation_fits,
)
from guide_tui.core.text_width import char_width, columns, display_width, is_wide, pad

__all__ = [
    "BIDI",
    "CONTROL",
    "HIDDEN",
    "NO_LINE_START",
    "OPENERS",
    "UAX14_CHARS",
    "ZWJ",
    "ZWNJ",
    "any_hidden",
    "break_positions",
    "char_width",
    "columns",
    "display_width",
    "excerpt",
    "join_lines",
    "first_control",
    "first_hidden",
    "first_invisible",
    "hidden_at",
    "hidden_places",
    "is_invisible",
    "is_safe_text",
    "is_wide",
    "joiner_fits",
    "json_safe",
    "line_ranges",
    "other_encoding",
    "pad",
    "safe_text",
    "soft_break",
    "strip_invisible",
    "variation_fits",
    "wrap",
]
