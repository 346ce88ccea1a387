"""Where a piece of a value is written in a guide file: a link or a `{{key}}` on the third
line of a `body: |` text is placed there, not at the key (checks.py).

The loader records where each value starts (`Guide.locations`); the piece is looked for
in the file's text from its value's start to the next place recorded, so never in
another value.  A piece not written as it reads (folded over two lines, escaped) is not
found, and its value's own place stands.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import bisect
import re

from guide_tui.core.model import Guide
from guide_tui.core.yamlsafe import YamlProblem, decode


class WrittenText:
    """A guide file's text, where each line starts, and where each recorded place is."""

    def __init__(self, guide: Guide) -> None:
        try:
            self.source = decode(guide.source_bytes)
        except YamlProblem:
            self.source = ""
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.source)]
        self.places = sorted(
            self.starts[line - 1] + column - 1 for line, column in guide.locations.values() if line <= len(self.starts)
        )

    def place(self, line: int, column: int, piece: str) -> tuple[int, int] | None:
        """(line, column) where `piece` is first written after (line, column), the start of
        its value, and before the next place recorded; None where it is not written so."""
        if not piece or line > len(self.starts):
            return None
        start = self.starts[line - 1] + column - 1
        after = bisect.bisect_right(self.places, start)
        found = self.source.find(piece, start, self.places[after] if after < len(self.places) else len(self.source))
        if found < 0:
            return None
        line = bisect.bisect_right(self.starts, found)
        return line, found - self.starts[line - 1] + 1
