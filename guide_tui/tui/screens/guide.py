"""The walker screen: one step at a time, with progress, notes and support.

A key press becomes a walker call; the screen then redraws from the walker's
state. The screen never decides where "next" goes.  Which part of the step has
the keys, and the keys that act on the parts (Tab, ticks, the answer field,
scrolling), are in screens/guide_keys.py, the class this screen builds on.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widgets import OptionList, Static

from guide_tui.core.links import LINK_SCHEMES, url_problem
from guide_tui.core.walker import Walker
from guide_tui.i18n import t
from guide_tui.tui.bindings import bindings
from guide_tui.tui.keys import Key, keys_of
from guide_tui.tui.screens.frames import SettledScreen
from guide_tui.tui.screens.guide_keys import GuideKeys
from guide_tui.tui.widgets.keys_bar import KeysBar
from guide_tui.tui.widgets.markdown_text import MarkdownText
from guide_tui.tui.widgets.notices import Notices
from guide_tui.tui.widgets.page import Page
from guide_tui.tui.widgets.panels import NotesPanel, SupportPanel
from guide_tui.tui.widgets.progress_line import ProgressLine
from guide_tui.tui.widgets.step_view import StepView

MIN_WIDTH, MIN_HEIGHT = 40, 12


class GuideScreen(GuideKeys, SettledScreen[None]):
    """Walks one guide."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = bindings("guide")
    HELP_MODEL = ("help.model.open", "help.model.parts", "help.model.scroll")  # docs/keys.md, in short

    def __init__(
        self,
        walker: Walker,
        lang: str,
        *,
        in_library: bool = False,
        reading: bool = False,
        close: Callable[[], None] | None = None,
        restart: Callable[[], None] | None = None,
        drawn: Callable[[], None] | None = None,
    ) -> None:
        """`close`: back to the library (the app saves and lets go of the guide), with `in_library`;
        `restart`: start the walk over (the app restarts the saved walk), once the user agrees;
        `drawn`: called once its first frame is written."""
        super().__init__()
        self.walker = walker
        self.lang = lang
        self.in_library = in_library
        self._close = close
        self._restart = restart
        self._drawn = drawn
        # The walker holds only the start of a long guide: its first step is drawn while the
        # app reads and checks the rest (GuideApp.rest); no key walks until then (`read`).
        self.reading = reading
        self._keys_shown: tuple[bool | int, ...] = ()
        self._early: list[tuple[str, str, str, float | None]] = []  # notices given before compose

    def compose(self) -> ComposeResult:
        small = self._fit(self.app.size)
        yield Static(Content(self.walker.guide.title), id="title-bar")
        yield ProgressLine(id="progress-label")
        yield Notices(id="notices")
        with Page(id="columns"):
            with Horizontal(id="row"):
                yield StepView(self.lang, id="step")
                with VerticalScroll(id="side", can_focus=False):
                    yield NotesPanel(self.lang, id="notes")
                    yield SupportPanel(self.walker.guide, self.lang, id="support")
        yield KeysBar()
        if small:
            yield self._too_small()

    def on_mount(self) -> None:
        self.redraw(arrived=True)
        self._post_early()

    def _post_early(self) -> None:
        for early in self._early:
            self.notices.post(*early)
        self._early.clear()

    def read(self, walker: Walker) -> None:
        """The whole guide is read and checked: walk it with this walker from now on."""
        self.walker, self.reading = walker, False
        self._keys_shown = ()
        self.call_later(self._rebuild)

    def relabel(self, lang: str) -> None:
        """Show the interface in another language (the guide's own text is unchanged)."""
        self.lang = lang
        self._keys_shown = ()
        self.call_later(self._rebuild)

    async def _rebuild(self) -> None:
        self._early = self.notices.posted()  # such as "no fr version", given while the rest was read
        await self.recompose()
        self._post_early()  # shown again, each for its whole time
        self.redraw(arrived=True)

    def on_resize(self, event: events.Resize) -> None:
        if self._fit(event.size) and not self.query("#too-small"):  # built only when first needed
            self.mount(self._too_small())
        if event.size == self.outer_size and self.app.screen_stack == [self]:
            # Laid out at this size already (Textual sends the size it starts at three times,
            # and a layout sends the screen its own size): its relayout would draw the same frame.
            event.prevent_default()

    def _fit(self, size: Size) -> bool:
        """Give the screen the classes of a size (-narrow or -wide, -too-small) before it is
        laid out at it; Textual adds the breakpoint classes only after its first frame, which
        was then drawn wide and drawn again narrow.  Returns whether the size is too small."""
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        breakpoint = next(
            (name for edge, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True) if size.width >= edge), ""
        )
        self.update_classes(
            {"-too-small": small, **{name: name == breakpoint for _, name in self.HORIZONTAL_BREAKPOINTS}}
        )
        return small

    def _too_small(self) -> Static:
        return Static(Content(t("too_small", self.lang, w=MIN_WIDTH, h=MIN_HEIGHT)), id="too-small")

    def help_keys(self) -> list[Key]:
        """The keys the help screen lists: every key of this screen and its lists."""
        steps = self.walker.guide.steps
        typed = any(s.ask and s.ask.typed for s in steps)
        confirms = any(s.confirm for s in steps)
        return [
            key
            for key in keys_of("guide", "answers", "checklist", *(("input",) if typed else ()))
            if key.help and (key.needs != "library" or self.in_library) and (key.needs != "confirm" or confirms)
        ]

    # -- drawing -------------------------------------------------------------

    @property
    def notices(self) -> Notices:
        return self.query_one(Notices)

    def notice(self, kind: str, text: str, severity: str = "information", timeout: float | None = 8) -> None:
        """A notice in the screen's own notice area, over nothing (see widgets/notices.py);
        one given before the screen is built shows once it is."""
        if self.query(Notices):
            self.notices.post(kind, text, severity, timeout)
        else:
            self._early.append((kind, text, severity, timeout))

    def redraw(self, arrived: bool = False) -> None:
        """Draw everything from the walker's state; `arrived`: the user has just come
        to this step (or the finish), which opens at its top with the keys on its first part."""
        walker = self.walker
        k, n = walker.progress()
        if self.reading:  # how many steps there are is not known yet
            self.query_one(ProgressLine).show(t("progress.reading", self.lang, k=k), 0, 1)
        else:
            label = t("progress", self.lang, k=k, n=n)
            if walker.finished:
                label = t("progress.ended" if walker.other_outcome else "progress.done", self.lang, n=n)
            self.query_one(ProgressLine).show(label, k, n)
        self.query_one(StepView).show(walker, arrived=arrived)
        self.query_one(NotesPanel).show(walker)
        ask = walker.step.ask
        keys = (
            walker.finished,
            ask is not None,
            len(ask.options) if ask is not None else 0,  # the keys bar's "1-2": key_display
            bool(walker.step.checklist),
            len(walker.path) > 1,
            walker.needs_confirm,
            walker.can_skip,
        )
        if keys != self._keys_shown:  # check_action's answers changed: the keys bar asks again
            self._keys_shown = keys
            self.refresh_bindings()
        if arrived:
            self._arrive()

    def changed(self, moved: bool = False) -> None:
        """The walker changed: tell the app (to save), then redraw."""
        self.app.post_message(WalkChanged(moved))
        if moved:
            self.notices.clear("hint", "walk")
        elif self.walker.can_advance:
            self.notices.clear("hint")  # "answer the question first" and the like: no longer so
        self.redraw(arrived=moved)

    # -- actions -------------------------------------------------------------

    def action_next(self) -> None:
        walker = self.walker
        if walker.finished:
            return
        if walker.advance():
            self.changed(moved=True)
        elif walker.next_id() is not None and walker.needs_confirm:
            self.query_one("#confirm-box").scroll_visible(animate=False)
            self.notice("hint", t("hint.confirm_needed", self.lang, press="c"), "warning", timeout=6)
        elif walker.step.ask and walker.step.ask.typed:
            self.give_keys(self.query_one("#answer-input"), scroll_visible=True)
            self.notice("hint", t("hint.type_needed", self.lang), "warning", timeout=4)
        else:
            from guide_tui.tui.widgets.choices import AskList  # mounted with the step's question

            answers = self.query_one("#ask-list", AskList)
            self.give_keys(answers)
            answers.show_cursor_row()
            self.notice("hint", t("hint.answer_needed", self.lang), "warning", timeout=4)

    def action_confirm(self) -> None:
        """c: give the step's confirmation (never Enter, which moves on)."""
        if self.walker.needs_confirm and self.walker.confirm():
            self.changed()
            self.notice("hint", t("confirm.given", self.lang), timeout=4)

    def action_skip(self) -> None:
        """d: the user has already done this step: it is marked skipped, and the walk goes on."""
        title = self.walker.text(self.walker.step.title)
        if self.walker.skip():
            self.changed(moved=True)
            self.notice("walk", t("skip.done", self.lang, title=title), timeout=6)
        else:
            self.notice("hint", t("skip.answer_first", self.lang), "warning", timeout=4)

    def action_back(self) -> None:
        if self.walker.back():
            self.changed(moved=True)
        else:
            self.notice("hint", t("hint.first_step", self.lang), timeout=3)

    def action_answer(self, index: int) -> None:
        if self.walker.answer(index):
            self.changed()
            return
        ask = self.walker.step.ask
        if not self.walker.finished and ask is not None and not ask.typed:  # a digit past the last answer
            self.notice("hint", t("hint.answer_range", self.lang, n=len(ask.options)), timeout=4)

    def key_display(self, key: Key, bar: bool = True) -> str | None:
        """How `key`'s keys are shown now, or None for the table's way: in the keys bar
        (`bar`) the answers' numbers are the ones this question has ("1-2"), not every digit
        bound ("1-9"); in the bar and the help screen, while the answer field has the keys,
        help is F1 only, as `?` types into the field, and quit Ctrl+Q, as `q` does."""
        if getattr(self.focused, "takes_text", False):
            if key.id == "guide.help":
                return "F1"
            if key.id == "guide.quit":  # q types too: Textual's own Ctrl+Q quits from the field
                return "^q" if bar else "ctrl+q"
        ask = None if self.walker.finished else self.walker.step.ask
        if bar and key.id == "guide.answer" and ask is not None and ask.options:
            return f"1-{len(ask.options)}"
        return None

    def action_qr(self) -> None:
        """p: a support number as a QR code, for the person's phone."""
        from guide_tui.tui.screens.qr import QrScreen

        self.app.push_screen(QrScreen(self.walker.guide, self.lang))

    def action_outline(self) -> None:
        from guide_tui.tui.screens.outline import OutlineScreen

        def jump(index: int | None) -> None:
            walker = self.walker
            if index is None:
                return
            if index < len(walker.path):
                if walker.jump(index):
                    self.changed(moved=True)
                return
            wanted = index - len(walker.path) + 1  # forward, along the steps walked before
            went = walker.forward(wanted)
            if went:
                self.changed(moved=True)
            if went < wanted:  # stopped short: said, at the step where it stopped
                self.notice("hint", t(self._why_stopped(), self.lang, n=len(walker.path)), timeout=6)

        self.app.push_screen(OutlineScreen(self.walker, self.lang, jump))

    def _why_stopped(self) -> str:
        """Why going forward along the steps walked before stopped at this step."""
        walker = self.walker
        if walker.needs_confirm:
            return "outline.stopped.confirm"
        if walker.next_id() is None:
            return "outline.stopped.answer"
        return "outline.stopped.elsewhere"

    def action_help(self) -> None:
        from guide_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.lang, self))

    def action_report(self) -> None:
        from guide_tui.tui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(self.walker, self.lang, served=self.app.is_web))

    def action_restart(self) -> None:
        from guide_tui.tui.screens.confirm import confirm_restart

        def restart(ok: bool) -> None:
            if ok and self._restart is not None:
                self._restart()
                self.redraw(arrived=True)
                self.notice("walk", t("restart.done", self.lang))

        self.app.push_screen(confirm_restart(self.lang, restart))

    def action_quit(self) -> None:
        self.app.exit()

    def action_library(self) -> None:
        """Esc: back to the library now, so the keys typed after Esc go to the library."""
        if self._close is not None:
            self._close()

    # -- lists and links -----------------------------------------------------

    @on(OptionList.OptionSelected, "#ask-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_answer(event.option_index)  # a click or Space chooses; it never moves on

    @on(MarkdownText.LinkClicked)
    def _link(self, event: MarkdownText.LinkClicked) -> None:
        """Links open only after the user has seen the real target and agreed."""
        event.stop()
        href = event.href
        if url_problem(href, LINK_SCHEMES):
            self.notice("link", t("link.refused", self.lang, url=href[:80]), "warning")
            return
        from guide_tui.tui.screens.confirm import confirm_link

        def opened(ok: bool) -> None:
            if ok:
                self.app.open_url(href)

        self.app.push_screen(confirm_link(href, self.lang, opened))


class WalkChanged(Message):
    """The walk's state changed (moved: the user went to another step)."""

    def __init__(self, moved: bool) -> None:
        super().__init__()
        self.moved = moved
