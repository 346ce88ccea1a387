"""The answers of a question and the items of a checklist, as keyboard lists.

Each row says its state in a symbol and a word, never by colour alone:
"● 1. 支付宝 (已选择)" and "[x] item".  Guide text goes in as plain Content,
never as markup.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class AskList(OptionList):
    """The numbered options of a question; Enter or a click chooses one."""

    def show(self, labels: list[str], chosen: int | None, chosen_word: str) -> None:
        self.clear_options()
        self.add_options([Option(self._row(i, label, chosen, chosen_word)) for i, label in enumerate(labels)])
        self.highlighted = chosen if chosen is not None else 0

    @staticmethod
    def _row(index: int, label: str, chosen: int | None, chosen_word: str) -> Content:
        mark = "●" if index == chosen else "○"
        suffix = f" {chosen_word}" if index == chosen else ""
        return Content.assemble(f"{mark} {index + 1}. ", (label, "bold" if index == chosen else ""), suffix)


class Checklist(OptionList):
    """Items the user ticks with space or a click; Enter moves on, as everywhere."""

    BINDINGS = [
        Binding("space", "toggle", "Tick", show=False),
        Binding("enter", "screen.next", show=False),
    ]

    def show(self, items: list[str], ticked: set[int], done_word: str) -> None:
        keep = self.highlighted
        self.clear_options()
        self.add_options([
            Option(Content.assemble("[x] " if i in ticked else "[ ] ", item, f" ({done_word})" if i in ticked else ""))
            for i, item in enumerate(items)
        ])
        if items:
            self.highlighted = keep if keep is not None and keep < len(items) else 0

    def action_toggle(self) -> None:
        self.action_select()  # the screen ticks on OptionSelected, as for a click
