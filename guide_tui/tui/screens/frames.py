"""The walker screen's frames: its first layout is repeated until it settles, then drawn
once, and what its widgets asked for before that frame is not laid out and drawn again
after it.  GuideScreen (screens/guide.py) is built on this class.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import _time, events, messages
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets._toast import ToastRack

FIRST_LAYOUTS = 3  # the first layout is repeated until it settles, at most this many times


class SettledScreen(Screen[None]):
    """A screen whose first frame is its settled layout, drawn once."""

    _drawn: Callable[[], None] | None = None  # called once its first frame is written
    _settling = False  # laying out the first frame (see _refresh_layout)
    _first_frame_drawn = False
    _first_frame_at = float("-inf")  # when the first frame was drawn (see _draw_first)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        first = not self._first_frame_drawn
        if first:
            # Shown for the first time: its widgets were styled as they were mounted, with the
            # classes of its size (GuideScreen._fit), and a class or theme changed since restyles what it
            # changes. Restyling every widget again (Textual's default) would change nothing.
            event.refresh_styles = False
        super()._on_screen_resume(event)
        event.prevent_default()  # Textual calls each class's handler: Screen's has run, once
        if first and self._first_frame_at > float("-inf"):
            # Its first frame was drawn in that layout; Screen asks for the whole screen after it.
            self._repaint_required = False

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        """The first layout is repeated until it settles, then drawn once.  Textual draws a
        frame after each layout, and as the screen starts, each layout changes the next:
        the widgets' heights call for a scroll bar, which makes them narrower.  Each of
        those frames was a passing picture, drawn whole (and the last drawn again)."""
        if self._first_frame_drawn or not (self.outer_size if size is None else size):
            super()._refresh_layout(size, scroll)
            return
        self._settling = True
        for rack in self.query(ToastRack):  # as Textual shows the app's notifications once the screen is up
            rack.display = bool(self.app._notifications)
        try:
            for _ in range(FIRST_LAYOUTS):
                placed = dict(self._compositor.full_map)
                super()._refresh_layout(size, scroll)
                if self._compositor.full_map == placed:
                    break
        finally:
            self._settling = False
        self._first_frame_drawn = True
        if self.is_current:  # as Textual draws after a layout
            if self.app._batch_count:
                self.call_later(self._draw_first)
            else:
                self._draw_first()

    def _draw_first(self) -> None:
        self._compositor_refresh()
        self._first_frame_at = _time.get_time()
        for widget in self.walk_children(Widget, with_self=True):
            for part in (widget, widget._vertical_scrollbar, widget._horizontal_scrollbar):
                if part is not None:
                    part._layout_required = part._repaint_required = False  # asked before the frame: in it
        if self._drawn is not None:
            self._drawn()

    async def _on_layout(self, message: messages.Layout) -> None:
        self._drop_if_drawn(message)

    async def _on_update(self, message: messages.Update) -> None:
        self._drop_if_drawn(message)

    def _drop_if_drawn(self, message: Message) -> None:
        """A widget's request to be laid out or painted again, made before the first frame was
        drawn, is in that frame (a whole layout, then every widget painted): as the screen
        starts, each widget asks as it is mounted and sized, and Textual delivers those asks
        after the first frame, which was then laid out and drawn whole a second time."""
        if message.time <= self._first_frame_at:
            message.stop()
            message.prevent_default()

    def _compositor_refresh(self) -> None:
        if not self._settling:  # a frame of the first layouts is drawn once they have settled
            super()._compositor_refresh()
