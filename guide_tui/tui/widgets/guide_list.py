"""The library's list of guides, drawn only where it is on screen.

Textual's OptionList builds, wraps and measures every option whenever its
options change: with 10,000 guides that was most of the time a key typed in
the filter took.  This list is given the rows as a sequence of numbers and a
function that draws one row; it draws only the rows in view, each once per
width, and its height is a sum, not a measurement: every row is two lines
(its title and its details, each cut with "…" to the width), except the
highlighted row, which shows all of its title and details wrapped.  A last
row of one line may say that some files could not be loaded.

The list takes no focus: the filter keeps the keys, and the screen moves the
highlight (↑ ↓ PgUp PgDn) and opens the highlighted row (Enter).  A click
highlights and opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

ROW_LINES = 2  # lines of a row that is not highlighted

# draw(row, width, full): the lines of one row; full: every line of it (the highlighted row),
# else exactly ROW_LINES lines, each already cut to the width.
RowDrawer = Callable[[int, int, bool], list[Content]]


class GuideList(ScrollView, can_focus=False):
    """Rows of guides; only those in view are drawn."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"guide-list--row", "guide-list--row-highlighted"}

    DEFAULT_CSS = """
    GuideList {
        height: auto;
        max-height: 100%;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        color: $foreground;
        & > .guide-list--row-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class Chosen(Message):
        """A row was clicked."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def __init__(self, draw: RowDrawer, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self._draw = draw
        self._rows = 0
        self._last: Content | None = None  # the one-line row at the end, if any
        self.highlighted = 0
        self._cache: dict[tuple[int, int, bool], list[Strip]] = {}
        self._frame_width = 0  # the width of the lines being drawn (render_lines), else 0

    # -- what is shown ----------------------------------------------------------

    @property
    def row_count(self) -> int:
        """Rows, the last one-line row included."""
        return self._rows + (self._last is not None)

    def show(self, rows: int, last: Content | None = None, highlighted: int = 0) -> None:
        """Show `rows` rows (drawn when in view), then `last`; highlight one."""
        self._rows, self._last = rows, last
        self._cache.clear()
        self.highlighted = max(0, min(highlighted, self.row_count - 1))
        self._resize()
        self.scroll_to_highlight()

    def redraw(self) -> None:
        """Draw the rows again (what they show has changed, not how many there are)."""
        self._cache.clear()
        self._resize()

    def move(self, delta: int) -> None:
        """Move the highlight by `delta` rows, within the list."""
        self.move_to(self.highlighted + delta)

    def move_to(self, row: int) -> None:
        if not self.row_count:
            return
        row = max(0, min(row, self.row_count - 1))
        if row != self.highlighted:
            self.highlighted = row
            self._resize()
        self.scroll_to_highlight()

    def scroll_to_highlight(self) -> None:
        if self.row_count:
            top = self.row_top(self.highlighted)
            self.scroll_to_region(
                Region(0, top, 1, self.row_height(self.highlighted)), animate=False, immediate=True, force=True
            )

    # -- geometry: a sum, not a measurement ---------------------------------------

    def _width(self) -> int:
        return self._frame_width or max(self.scrollable_content_region.width, 1)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Each line asks the width three or four times (its row, the highlighted row's
        # height, the total height); Textual works it out anew each time: once a frame.
        self._frame_width = self._width()
        try:
            return super().render_lines(crop)
        finally:
            self._frame_width = 0

    def row_height(self, row: int) -> int:
        if row >= self._rows:
            return 1
        if row == self.highlighted and self.scrollable_content_region.width:  # else not laid out yet
            return max(len(self._strips(row)), ROW_LINES)
        return ROW_LINES

    def row_top(self, row: int) -> int:
        top = min(row, self._rows) * ROW_LINES
        if self.highlighted < min(row, self._rows):
            top += self.row_height(self.highlighted) - ROW_LINES
        return top

    def total_height(self) -> int:
        return self.row_top(self._rows) + (self._last is not None)

    def row_at(self, y: int) -> tuple[int, int]:
        """(row, line in it) of a line of the whole list."""
        hl = self.highlighted if self.highlighted < self._rows else None
        top = hl * ROW_LINES if hl is not None else None
        if top is not None and y >= top:
            tall = self.row_height(hl)  # type: ignore[arg-type]
            if y < top + tall:
                return hl, y - top  # type: ignore[return-value]
            y -= tall - ROW_LINES
        row = y // ROW_LINES
        if row >= self._rows:
            return self._rows, y - self._rows * ROW_LINES
        return row, y % ROW_LINES

    def _resize(self) -> None:
        size = Size(self._width(), self.total_height())
        if size == self.virtual_size:
            self.refresh()
            return
        # A layout of the screen only when the list's height on screen changes: with more
        # rows than fit, it fills its room whatever their number (a layout per key is slow).
        parent = self.parent
        room = parent.scrollable_content_region.height - self.styles.gutter.height if isinstance(parent, Widget) else 0
        relayout = room <= 0 or min(size.height, room) != min(self.virtual_size.height, room)
        self.set_reactive(GuideList.virtual_size, size)  # the reactive would lay out the screen
        self._scroll_update(size)  # the scroll bar's length and place, the scroll offset kept in range
        if relayout and size.height <= room:
            # Taller, and all of it will fit: no scroll bar. Shown now for the height it has
            # until the layout, it narrowed the rows of the layout's frame by its width (a row
            # cut two columns short, then drawn again at its width a frame later).
            self.show_vertical_scrollbar = False
        self.refresh(layout=relayout)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.total_height()

    def on_resize(self) -> None:
        self._cache.clear()
        self._resize()

    # -- drawing ------------------------------------------------------------------

    def _strips(self, row: int) -> list[Strip]:
        width = self._width()
        full = row == self.highlighted
        key = (row, width, full)
        strips = self._cache.get(key)
        if strips is None:
            if row >= self._rows:
                lines = [self._last or Content("")]
            else:
                lines = self._draw(row, width, full)
                if not full:
                    lines = (lines + [Content("")] * ROW_LINES)[:ROW_LINES]
            classes = ("guide-list--row", "guide-list--row-highlighted") if full else ("guide-list--row",)
            style = self.get_visual_style(*classes)
            strips = [
                Strip(line.render_segments(style), line.cell_length).extend_cell_length(width, style.rich_style)
                for line in lines
            ]
            if len(self._cache) > 400:  # rows scrolled past; a screenful is about 20
                self._cache.clear()
            self._cache[key] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        width = self._width()
        line = self.scroll_offset.y + y
        if not self.row_count or line >= self.total_height():
            return Strip.blank(width, self.get_visual_style("guide-list--row").rich_style)
        row, offset = self.row_at(line)
        strips = self._strips(row)
        if offset >= len(strips):
            return Strip.blank(width, self.get_visual_style("guide-list--row").rich_style)
        return strips[offset]

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        if self.row_count and 0 <= line < self.total_height():
            row, _ = self.row_at(line)
            self.move_to(row)
            self.post_message(self.Chosen(row))
