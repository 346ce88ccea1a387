"""The answers of a question and the items of a checklist, as keyboard lists.

Each row says its state in a symbol and a word, never by colour alone:
"● 1. 支付宝 (已选择)" and "[x] item"; the row under the cursor is marked "›".
A long row wraps under its own text, not under the marks. Guide text goes
in as plain Content, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from guide_tui.tui.widgets.markdown_text import hanging_lines

CURSOR = "› "


class _RowList(OptionList):
    """An OptionList whose rows are drawn by `_row(index, under_cursor)`."""

    _row: Callable[[int, bool], Content]
    _count = 0
    _filled_width = 0

    def _fill(self, count: int, highlighted: int | None) -> None:
        self._count = count
        self._filled_width = self._width()
        self.clear_options()
        self.add_options([Option(self._row(i, i == highlighted)) for i in range(count)])
        self.highlighted = highlighted
        self._marked = highlighted

    def _width(self) -> int:
        """Cells a row's text has (0 before the first layout)."""
        padding = self.get_component_styles("option-list--option").padding
        return max(self.scrollable_content_region.width - padding.width, 0)

    def on_resize(self) -> None:
        if self._count and self._width() != self._filled_width:
            self.call_after_refresh(self._rewrap)

    def _rewrap(self) -> None:
        """Wrap the rows again for a new width (after the resize's own layout, so that
        the list's height is measured again with the new rows)."""
        if self._count and self._width() != self._filled_width:
            self._fill(self._count, self.highlighted)
            self.refresh(layout=True)

    def _hanging(self, marks: str, text: Content) -> Content:
        """`marks` then `text`, whose wrapped lines start under the text, not under the marks."""
        indent, width = Content(marks).cell_length, self._width()
        if width - indent < 8:  # not laid out yet, or too narrow to be worth it
            return Content.assemble(marks, text)
        return Content("\n").join(hanging_lines(text, marks, " " * indent, width))

    @on(OptionList.OptionHighlighted)
    def _move_cursor_mark(self, event: OptionList.OptionHighlighted) -> None:
        old, new = getattr(self, "_marked", None), event.option_index
        if old == new or not self._count:
            return
        for index in (old, new):
            if index is not None and index < self.option_count:
                self.replace_option_prompt_at_index(index, self._row(index, index == new))
        self._marked = new


class AskList(_RowList):
    """The numbered options of a question; Enter or a click chooses one."""

    def show(self, labels: list[str], chosen: int | None, chosen_word: str) -> None:
        self._labels, self._chosen, self._word = labels, chosen, chosen_word
        self._fill(len(labels), chosen if chosen is not None else 0)

    def _row(self, index: int, under_cursor: bool) -> Content:
        chosen = index == self._chosen
        marks = (CURSOR if under_cursor else "  ") + ("● " if chosen else "○ ") + f"{index + 1}. "
        return self._hanging(
            marks, Content.assemble((self._labels[index], "bold" if chosen else ""), f" {self._word}" if chosen else "")
        )


class Checklist(_RowList):
    """Items the user ticks with space or a click; Enter moves on, as everywhere."""

    BINDINGS = [
        Binding("space", "tick", "Tick", show=False),
        Binding("enter", "screen.next", show=False),
    ]

    def show(self, items: list[str], ticked: set[int], done_word: str) -> None:
        self._items, self._ticked, self._word = items, ticked, done_word
        keep = self.highlighted
        self._fill(len(items), keep if keep is not None and keep < len(items) else (0 if items else None))

    def _row(self, index: int, under_cursor: bool) -> Content:
        ticked = index in self._ticked
        marks = (CURSOR if under_cursor else "  ") + ("[x] " if ticked else "[ ] ")
        return self._hanging(marks, Content.assemble(self._items[index], f" {self._word}" if ticked else ""))

    def action_tick(self) -> None:
        self.action_select()  # the screen ticks on OptionSelected, as for a click
