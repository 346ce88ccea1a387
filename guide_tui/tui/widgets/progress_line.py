"""One line: "第 4 步，共 7 步" and a bar that fills the rest of the width.

The bar's done and remaining parts differ in shape (━ and ─), not only in
colour, so it reads the same with NO_COLOR.  One widget instead of Textual's
ProgressBar with its label row: less to build before the first paint.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widget import Widget


class ProgressLine(Widget):
    """Where the user is, as words and as a bar."""

    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
    }
    """

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self._label, self._k, self._n = "", 0, 1

    @property
    def label(self) -> str:
        return self._label

    def show(self, label: str, k: int, n: int) -> None:
        if (label, k, n) != (self._label, self._k, self._n):
            self._label, self._k, self._n = label, k, max(n, 1)
            self.refresh()

    def render(self) -> Content:
        label = Content(self._label).stylize("bold")
        room = self.content_region.width - label.cell_length - 2
        if room < 4:
            return label
        done = round(room * min(self._k, self._n) / self._n)
        return Content.assemble(label, "  ", ("━" * done, "bold"), ("─" * (room - done), "dim"))
