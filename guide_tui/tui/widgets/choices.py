"""The answers of a question and the items of a checklist, as keyboard lists.

Each row says its state in a symbol and a word, never by colour alone:
"● 1. 支付宝 （已选择）" and "[x] item （已完成）"; the row under the cursor is
marked "›", in the list that has the keys only, so the user sees which list that
is. A long row wraps under its own text, not under the marks, and its state word
is never split: it follows the text on its last line, or starts a line of its
own. Guide text goes in as plain Content, never as markup.

The arrows move the cursor and never wrap round; past the first or the last
row they scroll the page instead, and the page follows the cursor, so no part
of the step is out of reach from the keyboard (see docs/keys.md). Space brings
the row it acts on into view first: the user sees what is ticked or chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from guide_tui.tui.bindings import bindings
from guide_tui.tui.widgets.markdown_text import hanging_lines

CURSOR = "› "


class RowList(OptionList):
    """An OptionList whose rows are drawn by `_row(index, under_cursor)`."""

    BINDINGS = bindings("list")
    _row: Callable[[int, bool], Content]
    _count = 0
    _filled_width = 0
    _marked: int | None = None
    _has_keys = False  # focused: the cursor is shown
    _row_heights: tuple[int, ...] = ()

    def _fill(self, count: int, highlighted: int | None) -> None:
        self._count = count
        # A list hidden on the steps between has no size: its rows are wrapped for the width it
        # had, which a step shown at the same size gives it again (_size_updated checks).
        self._filled_width = self._width() or self._filled_width
        self.clear_options()
        self._marked = highlighted
        rows = [self._row(i, i == highlighted) for i in range(count)]
        self._row_heights = tuple(len(row.plain.split("\n")) for row in rows)
        self.add_options([Option(row) for row in rows])
        self.highlighted = highlighted

    def _width(self) -> int:
        """Cells a row's text has (0 before the first layout, and while hidden)."""
        padding = self.get_component_styles("option-list--option").padding
        return max(self.scrollable_content_region.width - padding.width, 0)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """The rows are wrapped again for a new width as the list is laid out at it, so the
        layout that follows measures the list's height with them (the walker screen does it
        before it draws: one frame); wrapped after the layout's frame, they cost a second
        layout and frame."""
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if self._count and self._width() and self._width() != self._filled_width:
            self._fill(self._count, self.highlighted)
            self.refresh(layout=True)
        return resized

    def on_resize(self, event: events.Resize) -> None:
        # OptionList clears the rows it has drawn on every resize, for a new width; these rows
        # are filled again for a new width (_size_updated), which clears them.  A list shown
        # again (its size was 0 while hidden) at its width drew its rows a second time.
        event.prevent_default()

    def _hanging(self, marks: str, text: Content, tag: str = "") -> Content:
        """`marks` then `text`, whose wrapped lines start under the text, not under the marks,
        then the state word `tag` ("（已完成）"), whole: after the text on its last line where
        it fits there, else on a line of its own. Wrapped with the text, it was split where
        Chinese may break, between any two characters ("（已完" / "成）")."""
        indent, width = Content(marks).cell_length, self._filled_width
        if width - indent < 8:  # not laid out yet, or too narrow to be worth it
            return Content.assemble(marks, text, f" {tag}" if tag else "")
        rest = " " * indent
        lines = hanging_lines(text, marks, rest, width)
        if tag:
            tag_text = Content(tag)
            if lines[-1].cell_length + 1 + tag_text.cell_length <= width:
                lines[-1] = Content.assemble(lines[-1], " ", tag_text)
            else:  # a tag wider than a whole line (a narrow list) is cut as any text
                lines += hanging_lines(tag_text, rest, rest, width)
        return Content("\n").join(lines)

    @property
    def has_keys(self) -> bool:
        """The list has the focus (and so shows its cursor)."""
        return self._has_keys

    def _cursor_shown(self, index: int, under_cursor: bool) -> bool:
        return under_cursor and self._has_keys

    def _redraw_rows(self, *indexes: int | None) -> None:
        for index in indexes:
            if index is not None and index < self.option_count:
                self.replace_option_prompt_at_index(index, self._row(index, index == self.highlighted))

    @on(OptionList.OptionHighlighted)
    def _move_cursor_mark(self, event: OptionList.OptionHighlighted) -> None:
        old, new = self._marked, event.option_index
        if old == new or not self._count:
            return
        self._marked = new
        self._redraw_rows(old, new)
        self.call_after_refresh(self.show_cursor_row)

    def mark_keys(self, keys: bool) -> None:
        """Show the cursor (the list has the keys) or not. The walker screen marks the lists
        as it gives the keys (GuideKeys.give_keys): the Focus and Blur events come after a
        frame drawn at once, such as the first of a guide opened from the library, which
        showed the checklist without its cursor, then a frame later with it."""
        if keys != self._has_keys:
            self._has_keys = keys
            self._redraw_rows(self.highlighted)

    # Textual sets has_focus after these handlers run: the list keeps its own flag.
    def on_focus(self) -> None:  # no scrolling here: a step opens at its top (the screen decides)
        self.mark_keys(True)

    def on_blur(self) -> None:
        self.mark_keys(False)

    # -- the arrows: the cursor, then the page --------------------------------

    def _page(self) -> ScrollableContainer | None:
        """The scrolling page this list is on."""
        for node in self.ancestors:
            if isinstance(node, ScrollableContainer) and node.allow_vertical_scroll:
                return node
        return None

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted <= 0:
            page = self._page()
            if page is not None:
                page.scroll_relative(y=-1, animate=False)
        else:
            self.highlighted -= 1

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted >= self.option_count - 1:
            page = self._page()
            if page is not None:
                page.scroll_relative(y=1, animate=False)
        else:
            self.highlighted += 1

    def show_cursor_row(self, immediate: bool = False) -> None:
        """Scroll the page just enough to show the row under the cursor; `immediate`: now,
        drawn in the next frame with what else changed, not after it."""
        page, index = self._page(), self.highlighted
        if page is None or index is None or index >= len(self._row_heights):
            return
        top = self.content_region.y + sum(self._row_heights[:index]) - round(self.scroll_offset.y)
        bottom = top + self._row_heights[index]
        view = page.content_region
        if top < view.y:
            page.scroll_relative(y=top - view.y, animate=False, immediate=immediate)
        elif bottom > view.bottom:
            page.scroll_relative(y=min(bottom - view.bottom, top - view.y), animate=False, immediate=immediate)
        else:
            return
        scrolled = getattr(self.screen, "scrolled", None)  # screens/frames.py: the scroll in the same frame
        if immediate and scrolled is not None:
            scrolled(page)

    async def _act_on_cursor_row(self, action: str) -> None:
        """Run the screen's `action` on the row under the cursor, which is first scrolled into
        view: Space on a list below the page's end (a step opens at its top) ticked an item the
        user could not see, and nothing on screen changed. The row stays in view as it is drawn
        again (a state word may make it a line longer)."""
        if self.highlighted is None:
            return
        self.show_cursor_row(immediate=True)
        # The screen's action, now: OptionSelected (a click's way) would reach the screen
        # after a key typed next, such as Enter, had already acted (keys.py, `priority`).
        await self.run_action(f"screen.{action}({self.highlighted})")
        self.call_after_refresh(self.show_cursor_row)


class AskList(RowList):
    """The numbered answers of a question: a digit, a click or Space on the row
    under the cursor chooses one; Enter never does (it moves on)."""

    BINDINGS = bindings("answers")

    def show(self, labels: list[str], chosen: int | None, chosen_word: str, cursor: int) -> None:
        self._labels, self._chosen, self._word = labels, chosen, chosen_word
        self._fill(len(labels), min(max(cursor, 0), len(labels) - 1))

    def _row(self, index: int, under_cursor: bool) -> Content:
        chosen = index == self._chosen
        marks = (CURSOR if self._cursor_shown(index, under_cursor) else "  ") + ("● " if chosen else "○ ")
        marks += f"{index + 1}. "
        label = Content(self._labels[index])
        return self._hanging(marks, label.stylize("bold") if chosen else label, self._word if chosen else "")

    async def action_choose(self) -> None:
        await self._act_on_cursor_row("answer")


class Checklist(RowList):
    """Items the user ticks with Space or a click."""

    BINDINGS = bindings("checklist")

    def show(self, items: list[str], ticked: set[int], done_word: str, cursor: int | None) -> None:
        self._items, self._ticked, self._word = items, ticked, done_word
        if cursor is None:  # the same step drawn again: the cursor stays where it is
            cursor = self.highlighted if self.highlighted is not None else 0
        self._fill(len(items), min(cursor, len(items) - 1) if items else None)

    def _row(self, index: int, under_cursor: bool) -> Content:
        ticked = index in self._ticked
        marks = (CURSOR if self._cursor_shown(index, under_cursor) else "  ") + ("[x] " if ticked else "[ ] ")
        return self._hanging(marks, Content(self._items[index]), self._word if ticked else "")

    async def action_tick(self) -> None:
        await self._act_on_cursor_row("tick")
