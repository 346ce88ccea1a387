"""The answers of a question and the items of a checklist, as keyboard lists.

Each row says its state in a symbol and a word, never by colour alone:
"● 1. 支付宝 (已选择)" and "[x] item"; the row under the cursor is marked "›".
Guide text goes in as plain Content, never as markup.
"""

from __future__ import annotations

from typing import Callable

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

CURSOR = "› "


class _RowList(OptionList):
    """An OptionList whose rows are drawn by `_row(index, under_cursor)`."""

    _row: Callable[[int, bool], Content]
    _count = 0

    def _fill(self, count: int, highlighted: int | None) -> None:
        self._count = count
        self.clear_options()
        self.add_options([Option(self._row(i, i == highlighted)) for i in range(count)])
        self.highlighted = highlighted
        self._marked = highlighted

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
        return Content.assemble(
            CURSOR if under_cursor else "  ", "● " if chosen else "○ ", f"{index + 1}. ",
            (self._labels[index], "bold" if chosen else ""), f" {self._word}" if chosen else "")


class Checklist(_RowList):
    """Items the user ticks with space or a click; Enter moves on, as everywhere."""

    BINDINGS = [
        Binding("space", "toggle", "Tick", show=False),
        Binding("enter", "screen.next", show=False),
    ]

    def show(self, items: list[str], ticked: set[int], done_word: str) -> None:
        self._items, self._ticked, self._word = items, ticked, done_word
        keep = self.highlighted
        self._fill(len(items), keep if keep is not None and keep < len(items) else (0 if items else None))

    def _row(self, index: int, under_cursor: bool) -> Content:
        ticked = index in self._ticked
        return Content.assemble(CURSOR if under_cursor else "  ", "[x] " if ticked else "[ ] ",
                                self._items[index], f" {self._word}" if ticked else "")

    def action_toggle(self) -> None:
        self.action_select()  # the screen ticks on OptionSelected, as for a click
