"""The walker screen's keys: which act now, which part of the step has them, and moving them.

A step's parts that take keys are its answers (a list, or the field of a typed
answer) and its checklist (`parts`).  Arriving at a step gives the keys to its
first part; Tab moves them to the next, s to the support panel; Space or a click
on the checklist ticks a row; PgUp, PgDn, Home and End scroll the page whichever
part has them.  While the answer field has the keys, the walk's letters go into
it: Enter, Esc and Tab are run by the field as it reads them (widgets/ordered_input.py),
and a good answer typed in it is kept when the keys leave it.

The keys are moved at once (`give_keys`), never after the keys already queued,
so keys typed in one burst act in the order typed (docs/keys.md).  GuideScreen
(screens/guide.py) is this class with the step drawn and the walk's own keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList

from guide_tui.core.walker import Walker
from guide_tui.tui.keys import Key, can_act, keys_of
from guide_tui.tui.widgets.panels import SupportPanel
from guide_tui.tui.widgets.step_view import StepView

# While the answer field has the keys, these keys go to it: they edit it (n, b, arrows, Home,
# End…), or it runs them when it reads them, after the letters typed before (Enter, Tab, Esc: input.*)
TYPING_KEYS = ("next", "back", "scroll_page", "part", "library")
KEYS_BY_ACTION: dict[str, list[Key]] = {}  # action -> its keys, whose `needs` check_action asks
for _key in keys_of("guide"):
    KEYS_BY_ACTION.setdefault(_key.action.split("(")[0], []).append(_key)


class GuideKeys(Screen[None]):
    """Where the walker screen's keys go, and the keys that act on the step's parts."""

    # GuideScreen's (screens/guide.py)
    walker: Walker
    lang: str
    in_library: bool
    reading: bool  # the rest of a long guide is being read: no key walks yet
    _before_support: Widget | None = None  # the part that had the keys before s (action_support)
    _after_s = False  # the support panel has the keys because s gave them (not on arriving at the step)

    if TYPE_CHECKING:

        def changed(self, moved: bool = False) -> None: ...

        def action_next(self) -> None: ...

        def scrolled(self, *widgets: Widget) -> None: ...  # SettledScreen's (screens/frames.py)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that do nothing here are hidden from the keys bar (False) or dimmed (None)."""
        shown = self._check_action(action)
        if self.reading and shown and action not in ("quit", "help"):
            return None  # the rest of the guide is being read and checked: shown, not acting yet
        return shown

    def _check_action(self, action: str) -> bool | None:
        walker = self.walker
        if action == "part_from_field":
            action = "part"  # Tab, as the answer field reads it
        elif getattr(self.focused, "takes_text", False):
            if action in TYPING_KEYS:
                return False  # the keys go into the answer field (Enter saves it and goes on)
            if getattr(self.app, "reading_key", lambda: False)():
                # The app is reading a key typed while the field has the keys (F1): the field
                # runs it when it reads it, after the letters typed before it (ordered_input.py).
                return False
        if action == "next":  # also while a question is open: pressing it says what is missing
            return not walker.finished  # on the finish it does nothing: not shown
        if action == "back":
            if walker.finished or len(walker.path) > 1:
                return True
            # On the first step: dimmed in the keys bar, and pressing it says this is the first
            # step (action_back), as other keys that cannot act now say why.
            return True if getattr(self.app, "reading_key", lambda: False)() else None
        if action == "leave_support":  # Esc after s: the keys back to the step (its list, or the page)
            return isinstance(self.focused, SupportPanel) and self._after_s
        if action == "part":  # Tab: to the other list, or back to the list after s (support)
            parts = self.parts()
            return len(parts) > 1 or (len(parts) == 1 and self.focused is not parts[0])
        for key in KEYS_BY_ACTION.get(action, ()):
            if key.needs and not can_act(key, walker, in_library=self.in_library):
                return False
        return True

    # -- which part has the keys ---------------------------------------------

    def parts(self) -> list[Widget]:
        """The parts of the step that take keys (answers or the answer field, checklist), in order."""
        if self.walker.finished:
            return []
        step = self.walker.step
        # Before the step is first drawn its lists may not be mounted yet.
        answers: Widget | None = None
        if step.ask and step.ask.typed:
            answers = next(iter(self.query("#answer-input")), None)
        elif step.ask:
            answers = next(iter(self.query("#ask-list")), None)
        view = next(iter(self.query(StepView)), None)
        checklist = next(iter(self.query("#checklist")), None) if view and view.checklist_items else None
        return [part for part in (answers, checklist) if part is not None]

    def _arrive(self) -> None:
        """A step opens at its top, its title in view, the keys on its first part."""
        parts = self.parts()
        if parts:
            target: Widget = parts[0]
        elif not self.walker.finished and self.walker.step.show_support and self.walker.guide.support:
            target = self.query_one(SupportPanel)  # marked, not scrolled to: the title stays in view
        else:
            target = self.query_one("#columns")
        self._after_s = False
        self.give_keys(target)
        self._part_changed(target)
        page = self.query_one("#columns", VerticalScroll)
        page.scroll_home(animate=False, immediate=True)
        self.call_after_refresh(page.scroll_home, animate=False, immediate=True)  # once the new step is laid out

    def give_keys(self, widget: Widget, scroll_visible: bool = False) -> None:
        """Focus `widget` now, not after the keys already queued, as `widget.focus()` would
        (Textual's `Widget.focus` defers it with `call_later`): a key typed right after Tab,
        in the same burst, goes to the part Tab chose."""
        left = self.focused
        self.set_focus(widget, scroll_visible=scroll_visible)
        for node, keys in ((left, False), (widget, True)):  # the lists' cursors, in the next frame
            mark_keys = getattr(node, "mark_keys", None)  # widgets/choices.py
            if mark_keys is not None and (self.focused is node) == keys:
                mark_keys(keys)

    def _part_changed(self, focused: Widget | None) -> None:
        view = next(iter(self.query(StepView)), None)
        if not self.walker.finished and view is not None and view.checklist_items:
            self.query_one(StepView).checklist_title(
                self.walker, active=focused is not None and focused.id == "checklist"
            )

    def on_descendant_focus(self) -> None:
        if not isinstance(self.focused, SupportPanel):
            self._after_s = False  # the keys left the panel (Tab, a click): Esc is "back" again
        self._part_changed(self.focused)

    # -- keys on the parts -----------------------------------------------------

    def action_tick(self, row: int) -> None:
        """Tick or untick the checklist's row (a click, or Space on the row under the cursor)."""
        rows = self.query_one(StepView).checklist_items  # the items shown: some may wait for an answer
        if row < len(rows) and self.walker.toggle(rows[row]):
            self.changed()

    def action_part(self) -> None:
        """Tab: the keys go to the step's next part (answers, checklist)."""
        parts = self.parts()
        if not parts:
            return
        current = parts.index(self.focused) if self.focused in parts else -1
        part = parts[(current + 1) % len(parts)]
        self.give_keys(part)
        show = getattr(part, "show_cursor_row", None)
        if show is not None:
            self.call_after_refresh(show)

    def action_scroll_page(self, which: int) -> None:
        """PgUp, PgDn, Home and End scroll the page, whichever part has the keys."""
        page = self.query_one("#columns", VerticalScroll)
        (page.scroll_page_up, page.scroll_page_down, page.scroll_home, page.scroll_end)[which](animate=False)

    def action_leave_support(self) -> None:
        """Esc while the support panel has the keys (after s): they go back to the part of
        the step that had them before s (else its first part), or to the page on a step
        with no list; a second Esc goes back to the library."""
        self._after_s = False
        parts = self.parts()
        if parts:
            before = self._before_support
            self.give_keys(before if before in parts else parts[0], scroll_visible=True)
        else:  # the page, at the step's top, as on arriving at the step
            page = self.query_one("#columns", VerticalScroll)
            self.give_keys(page)
            page.scroll_home(animate=False, immediate=True)
            self.scrolled(page)

    def action_support(self) -> None:
        support = self.query_one(SupportPanel)
        if self.focused is not support:
            self._before_support = self.focused  # where Esc gives the keys back
        if not self._after_s:
            self._after_s = True
            self.refresh_bindings()  # Esc now leaves the panel: the keys bar says so (also when it had the keys)
        self.give_keys(support)
        page, side = self.query_one("#columns"), self.query_one("#side")
        page.scroll_to_widget(support, animate=False, top=True, immediate=True)
        side.scroll_to_widget(support, animate=False, immediate=True)
        self.scrolled(page, side)  # in the frame of the panel's new style (screens/frames.py)

    @on(OptionList.OptionSelected, "#checklist")
    def _ticked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_tick(event.option_index)  # a click ticks, as Space does

    # -- the answer field ------------------------------------------------------

    def action_save_typed(self) -> None:
        """Enter in the answer field: take the answer (or say what is wrong), then go on."""
        if self.take_typed(self._field_value()):
            self.action_next()

    def action_leave_field(self) -> None:
        """Esc in the answer field: keep a good answer typed in it, and give the keys to the
        page now, where the walk's keys act again (`b` typed right after Esc goes back)."""
        self._keep_typed()
        self.give_keys(self.query_one("#columns"))

    def action_part_from_field(self) -> None:
        """Tab in the answer field: keep a good answer typed in it, then Tab."""
        self._keep_typed()
        self.action_part()

    def on_input_blurred(self) -> None:
        """Leaving the answer field by a click keeps what was typed, if it is a good answer;
        not if the field has the keys again (this comes after the keys typed before it, which
        may have left the step and come to the field of another)."""
        if self.focused is not self.query_one("#answer-input"):
            self._keep_typed()

    def _field_value(self) -> str:
        from guide_tui.tui.widgets.answer_input import AnswerInput  # mounted with the step's question

        return self.query_one("#answer-input", AnswerInput).value

    def _keep_typed(self) -> None:
        """Keep the answer in the field, if it is a good one and not kept yet."""
        step = self.walker.step
        if self.walker.finished or not (step.ask and step.ask.typed):
            return
        value = self._field_value()
        if value.strip() and value != self.walker.typed_answer():
            self.take_typed(value)

    def take_typed(self, value: str) -> bool:
        """Give a typed answer to the walker; True if it took it, else the reason is shown."""
        problem = self.walker.answer_typed(value)
        view = self.query_one(StepView)
        if problem is not None:
            view.input_status(self.walker, problem.text(self.lang))
            return False
        self.changed()
        view.input_status(self.walker)
        return True
