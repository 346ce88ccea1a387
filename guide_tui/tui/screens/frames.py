"""The walker screen's frames: each layout is repeated until it settles, then drawn once,
and what its widgets asked for before that frame is not laid out and drawn again after it.
GuideScreen (screens/guide.py) is built on this class.

Textual draws a frame after each layout, and a layout often asks for another. As the
screen starts, the widgets' heights call for a scroll bar, which makes them narrower.
On a step change, every container whose content grew or shrank sets its virtual size,
a reactive that lays the whole screen out again, to the same places, and draws it again;
and the widgets' asks to be laid out or painted reach the screen after its frame. A step
change was two or three layouts and frames; now it is one frame.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable

from textual import _time, events, messages
from textual.geometry import Offset, Size
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen, ScreenResultType
from textual.widget import Widget
from textual.widgets._toast import ToastRack

LAYOUTS = 3  # a layout is repeated until it settles, at most this many times
MOUNT_WAIT = 0.5  # seconds the frames wait at most for widgets being mounted (hold_frames)
ECHO_WAIT = 1.0  # seconds after a screen is shown within which a layout that moves nothing echoes it


class SettledScreen(Screen[ScreenResultType]):
    """A screen whose frames are its settled layouts, each drawn once.

    A modal screen names ModalScreen first (`class Help(ModalScreen[None], SettledScreen[None])`):
    Textual takes a screen's default styles from its first base only, and a SettledScreen
    first left ModalScreen's out, its see-through background among them (the walker
    behind a dialog was not drawn)."""

    # Textual's Screen repaints the whole screen when its focus moves. The widget focused and
    # the one left repaint themselves (Widget._on_focus, _on_blur), and restyling them repaints
    # any widget whose style changes: a frame of only what changed (0.8 ms of a checklist step's
    # 19 ms at 80x24; tests/tui/test_step_frames.py checks the terminal against the screen).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    _drawn: Callable[[], None] | None = None  # called once its first frame is written
    _settling = False  # laying out until the layout settles (see _refresh_layout)
    _first_frame_drawn = False
    _echo_due = False  # drawn whole as it was shown: Textual's next ask to lay it out echoes that (_refresh_layout)
    _shown_again = False  # back from a dialog: its next frame is drawn whole
    _drawn_at = float("-inf")  # when the last settled layout was drawn (see _draw_settled)
    _holding = 0  # mounts the frames wait for (hold_frames)
    _held_since: float | None = None  # when the frames began to wait

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._mounts: set[asyncio.Task[None]] = set()  # the mounts awaited (hold_frames)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        first = not self._first_frame_drawn
        if first:
            # Shown for the first time: its widgets were styled as they were mounted, with the
            # classes of its size (GuideScreen._fit), and a class or theme changed since restyles what it
            # changes. Restyling every widget again (Textual's default) would change nothing.
            event.refresh_styles = False
        super()._on_screen_resume(event)
        event.prevent_default()  # Textual calls each class's handler: Screen's has run, once
        if first and self._drawn_at > float("-inf"):
            # Its first frame was drawn in that layout; Screen asks for the whole screen after it.
            self._repaint_required = False
        elif not first:
            # Back from a dialog: Textual draws the whole screen again in the layout it had, at
            # the next frame. What the dialog's answer changes meanwhile (the steps list's jump
            # to a step) was drawn in it, step 3's texts in step 7's places, and laid out a
            # frame later. It is laid out and drawn whole instead, as it is then.
            self._echo_due, self._shown_again = False, True
            self.refresh(layout=True)

    def _screen_resized(self, size: Size) -> None:
        if self._first_frame_drawn and size == self._compositor.size:
            # Its Resize event, on being shown, after its first frame was laid out and drawn at
            # that size: laid out and drawn again, the same.
            return
        super()._screen_resized(size)

    def hold_frames(self, mounting: Awaitable[None]) -> None:
        """Draw no frame until `mounting` (widgets being mounted) is done, or MOUNT_WAIT has
        passed. Textual mounts a widget over the next turns of the event loop and lays its
        container out again once it is mounted; a frame drawn meanwhile shows the step with
        its new texts but without the widgets (step_view.py mounts a part, such as a
        checklist, the first time a step needs it): that step was drawn without its
        checklist, then again with it, its last line jumping down.

        The mount is awaited in a task of its own, not in the screen's messages: the screen
        goes on taking them, and a mount that never ended holds the frames MOUNT_WAIT only."""
        self._holding += 1
        self._held_since = self._held_since or _time.get_time()

        async def mounted() -> None:
            await mounting  # the widgets mounted, their container asked to be laid out again

        def release(task: asyncio.Task[None]) -> None:
            self._mounts.discard(task)
            self._holding -= 1
            if not self._holding:
                self._held_since = None
            if not task.cancelled():
                task.exception()  # a failed mount is Textual's to report (the widget's own error)

        task = asyncio.create_task(mounted(), name="hold_frames")
        self._mounts.add(task)  # kept until done (the event loop keeps only a weak reference)
        task.add_done_callback(release)

    def scrolled(self, *widgets: Widget) -> None:
        """`widgets` were scrolled at once (`scroll_to_widget(..., immediate=True)`): the scroll,
        and their scroll bars, are drawn in the next frame with what else changed. A scrolled
        widget tells the screen, and its scroll bar asks to be drawn, with messages taken
        after the next frame: a frame of the rest (the support panel given the keys,
        restyled) was drawn, then one of the scroll, the page jumping after it."""
        self._scroll_required = True
        for widget in widgets:
            for bar in (widget._vertical_scrollbar, widget._horizontal_scrollbar):
                if bar is not None and bar in self._compositor.visible_widgets:
                    self._dirty_widgets.add(bar)
        self.check_idle()

    def _on_unmount(self) -> None:
        for task in list(self._mounts):  # the screen is gone: nothing left to draw
            task.cancel()

    def _on_timer_update(self) -> None:
        if self._holding and self._held_since is not None and _time.get_time() - self._held_since < MOUNT_WAIT:
            return  # the timer keeps ticking: the frame is drawn at the first tick once the mount is done
        super()._on_timer_update()

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        """Lay the screen out until the layout settles, then draw it once."""
        first = not self._first_frame_drawn
        resized = size is not None and size != self._compositor.size
        if not (self.outer_size if size is None else size) or (
            not first and (resized or self.app._batch_count or (scroll and not self._layout_widgets))
        ):
            # A scroll moves what is placed: Textual's own fast way.  A new size: Textual's own
            # layout and frame, which draws every cell (the terminal kept what it had at the old size).
            super()._refresh_layout(size, scroll)
            return
        placed = self._compositor._full_map  # a layout replaces this map: it is not changed in place
        if first:
            for rack in self.query(ToastRack):  # as Textual shows the app's notifications once the screen is up
                rack.display = bool(self.app._notifications)
        self._settling = True
        try:
            self._take_layout_asks(self._layout_asks())  # made before this layout, not read yet: it answers them
            for n in range(1, LAYOUTS + 1):
                scrolled = {
                    widget: _scroll_state(widget) for widget in self._compositor.widgets if widget.is_scrollable
                }
                super()._refresh_layout(size, scroll)
                scroll = False  # the layout done cleared what Textual reads to tell a scroll from a layout
                self._measure_option_lists()
                if n == LAYOUTS or not self._lay_out_again(scrolled):
                    break
        finally:
            self._settling = False
        self._first_frame_drawn = True
        echo = self._echo_due and _time.get_time() - self._drawn_at < ECHO_WAIT
        if echo and self._compositor._full_map == placed:
            # Textual lays a screen out again once what it composed is mounted, after its first
            # frame, and the screen below a dialog once the dialog is removed, after it was drawn
            # whole: that layout placed everything where it was, so only what asked to be painted
            # since is drawn. Drawn whole, it was a second frame the same as the first. Such asks
            # may come more than once (a dialog removed asks as it is pruned, and again as its
            # removal is awaited): each is answered so until ECHO_WAIT has passed. (Later, a
            # layout is drawn whole, as any other: the key that asked for it changed something.)
            self._repaint_required = False
            self._draw_asked()
            return
        self._echo_due, self._shown_again = first or self._shown_again, False
        if self.is_current:  # as Textual draws after a layout
            if self.app._batch_count:
                self.call_later(self._draw_settled, first)
            else:
                self._draw_settled(first)

    def _draw_asked(self) -> None:
        """Draw, in a frame of their own, only the widgets that asked to be painted, if any."""
        asked = set(self._dirty_widgets)
        for widget in self.walk_children(Widget):
            for part in (widget, widget._vertical_scrollbar, widget._horizontal_scrollbar):
                if part is not None and part._repaint_required:
                    part._repaint_required = False
                    asked.add(part)
        visible = self._compositor.visible_widgets
        self._compositor.update_widgets({widget for widget in asked if widget in visible})
        if self._compositor._dirty_regions and self.is_current:
            self._compositor_refresh()

    def _measure_option_lists(self) -> None:
        """Textual's OptionList works its lines out for its width as a frame renders it: a list
        given new rows, or laid out at a new width, then set its virtual size and asked for a
        layout after the frame (a step change after a question: a second layout and frame,
        the same). Worked out after each layout, the ask is answered by the next."""
        module = sys.modules.get("textual.widgets._option_list")  # none before a step asks (choices.py)
        if module is None:
            return
        for widget in self._compositor.widgets:  # those laid out (visible_widgets costs a sort)
            if isinstance(widget, module.OptionList):
                widget._update_lines()

    def _layout_asks(self) -> list[Widget]:
        """The widgets laid out (and their scroll bars) that ask to be laid out again."""
        return [
            part
            for widget in self._compositor.widgets
            for part in (widget, widget._vertical_scrollbar, widget._horizontal_scrollbar)
            if part is not None and part._layout_required and part is not self
        ]

    def _lay_out_again(self, scrolled: dict[Widget, tuple[Offset, bool, bool]]) -> bool:
        """Whether the layout just done must be done again: it showed or hid a scroll bar or
        moved a scroll position (`scrolled`: before it), which places the widgets inside
        otherwise, or a widget changed as it was laid out (its virtual size is not the one
        the layout gave it).  Every widget whose virtual size the layout changed asks for
        another layout (Textual's reactive), which would place everything where it is:
        those asks are answered by this one."""
        asked = self._layout_asks()
        placed = self._compositor.full_map
        if any(
            widget.virtual_size != placed[widget].virtual_size
            or (widget.is_scrollable and _scroll_state(widget) != scrolled.get(widget))  # shown just now: not known
            for widget in asked
            if widget in placed
        ):
            self._take_layout_asks(asked)
            return True
        for widget in asked:
            widget._layout_required = False
        return False

    def _take_layout_asks(self, asked: list[Widget]) -> None:
        """Take widgets' asks to be laid out again as Textual takes them when it reads them:
        their containers are arranged again (by the next layout)."""
        for widget in asked:
            widget._layout_required = False
            for ancestor in widget.ancestors:
                if not isinstance(ancestor, Widget):
                    break
                ancestor._clear_arrangement_cache()
                ancestor._layout_updates += 1
                if not ancestor.styles.auto_dimensions:
                    break

    def _draw_settled(self, first: bool) -> None:
        """Draw the settled layout, with what every widget asked to paint before it."""
        widgets = list(self.walk_children(Widget, with_self=True))
        if not first:  # the first frame is drawn whole
            visible = self._compositor.visible_widgets
            self._compositor.update_widgets({widget for widget in widgets if widget in visible})
            self._repaint_required = False  # every widget is drawn again: the whole screen asked for is in it
        self._compositor_refresh()
        self._drawn_at = _time.get_time()
        for widget in widgets:
            for part in (widget, widget._vertical_scrollbar, widget._horizontal_scrollbar):
                if part is not None:
                    part._repaint_required = False  # asked before the frame: in it
                    if first:
                        part._layout_required = False  # asked as it was mounted: in the first layout
        if first and self._drawn is not None:
            self._drawn()

    async def _on_layout(self, message: messages.Layout) -> None:
        self._drop_if_drawn(message)

    async def _on_update(self, message: messages.Update) -> None:
        self._drop_if_drawn(message)

    def _drop_if_drawn(self, message: Message) -> None:
        """A widget's ask to be laid out or painted again, made before a settled layout was
        drawn, is in that frame: each widget asks as it is mounted and sized, or given a new
        step, and Textual delivers those asks after the frame, which was then laid out and
        drawn again."""
        if message.time <= self._drawn_at:
            message.stop()
            message.prevent_default()

    def _compositor_refresh(self) -> None:
        if not self._settling:  # a frame of the layouts is drawn once they have settled
            super()._compositor_refresh()


def _scroll_state(widget: Widget) -> tuple[Offset, bool, bool]:
    """What places a scrolling widget's content, besides its size: where it is scrolled
    to and which of its scroll bars show."""
    return widget.scroll_offset, widget.show_vertical_scrollbar, widget.show_horizontal_scrollbar
