"""The walker screen: one step at a time, with progress, notes and support.

A key press becomes a walker call; the screen then redraws from the walker's
state. The screen never decides where "next" goes.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static

from guide_tui.core.checks import url_problem
from guide_tui.core.markdown import LINK_SCHEMES
from guide_tui.core.walker import Walker
from guide_tui.i18n import t
from guide_tui.tui.widgets.choices import AskList, Checklist
from guide_tui.tui.widgets.keys_bar import KeysBar
from guide_tui.tui.widgets.markdown_text import MarkdownText
from guide_tui.tui.widgets.panels import NotesPanel, SupportPanel
from guide_tui.tui.widgets.progress_line import ProgressLine
from guide_tui.tui.widgets.step_view import StepView

MIN_WIDTH, MIN_HEIGHT = 40, 12


def walker_bindings(lang: str, in_library: bool = False) -> list[Binding]:
    """The screen's keys; the footer and the help screen both read this list."""
    library = [Binding("escape", "library", t("library.back", lang), key_display="Esc")] if in_library else []
    return [
        *library,
        Binding("right,n", "next", t("key.next", lang), key_display="→/n", priority=True),
        Binding("enter", "next", t("key.next", lang), show=False),
        Binding("left,b", "back", t("key.back", lang), key_display="←/b", priority=True),
        *[
            Binding(str(i), f"answer({i - 1})", t("key.answer", lang), show=i == 1, key_display="1-9")
            for i in range(1, 10)
        ],
        Binding("s", "support", t("key.support", lang)),
        Binding("o", "outline", t("key.outline", lang)),
        Binding("e", "report", t("key.report", lang)),
        Binding("R", "restart", t("key.restart", lang), show=False),
        Binding("question_mark,f1", "help", t("key.help", lang), key_display="?"),
        Binding("ctrl+p", "app.command_palette", t("key.palette", lang), key_display="^p", show=False),
        Binding("q", "quit", t("key.quit", lang)),
    ]


class GuideScreen(Screen[None]):
    """Walks one guide."""

    class Restart(Message):
        """The user confirmed starting the walk over (the app restarts the saved walk)."""

        def __init__(self, screen: GuideScreen) -> None:
            super().__init__()
            self.screen = screen

    class Close(Message):
        """Back to the library (the app saves and lets go of the guide)."""

        def __init__(self, screen: GuideScreen) -> None:
            super().__init__()
            self.screen = screen

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, walker: Walker, lang: str, *, in_library: bool = False) -> None:
        super().__init__()
        self.walker = walker
        self.lang = lang
        self.in_library = in_library
        self._keys_shown: tuple[bool, ...] = ()
        self._bindings = BindingsMap(walker_bindings(lang, in_library))

    def compose(self) -> ComposeResult:
        yield Static(Content(self.walker.guide.title), id="title-bar")
        yield ProgressLine(id="progress-label")
        with VerticalScroll(id="columns"):
            with Horizontal(id="row"):
                yield StepView(self.lang, id="step")
                with VerticalScroll(id="side", can_focus=False):
                    yield NotesPanel(self.lang, id="notes")
                    yield SupportPanel(self.walker.guide, self.lang, id="support")
        yield KeysBar()

    def on_mount(self) -> None:
        self.redraw(focus=True)

    def relabel(self, lang: str) -> None:
        """Show the interface in another language (the guide's own text is unchanged)."""
        self.lang = lang
        self._bindings = BindingsMap(walker_bindings(lang, self.in_library))
        self._keys_shown = ()
        self.call_later(self._rebuild)

    async def _rebuild(self) -> None:
        await self.recompose()
        self.redraw(focus=True)

    def on_resize(self) -> None:
        small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        self.set_class(small, "-too-small")
        if small and not self.query("#too-small"):  # built only when first needed
            self.mount(Static(t("too_small", self.lang, w=MIN_WIDTH, h=MIN_HEIGHT), id="too-small"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that do nothing here are hidden from the footer (False) or dimmed (None)."""
        walker = self.walker
        if action == "next":
            return None if walker.finished else True
        if action == "answer":
            return not walker.finished and walker.step.ask is not None
        if action == "back":
            return True if walker.finished or len(walker.path) > 1 else None
        return True

    # -- drawing -------------------------------------------------------------

    def redraw(self, focus: bool = False) -> None:
        """Draw everything from the walker's state."""
        walker = self.walker
        k, n = walker.progress()
        label = t("progress.done", self.lang, n=n) if walker.finished else t("progress", self.lang, k=k, n=n)
        self.query_one(ProgressLine).show(label, k, n)
        self.query_one(StepView).show(walker)
        self.query_one(NotesPanel).show(walker)
        keys = (walker.finished, walker.step.ask is not None, len(walker.path) > 1)
        if keys != self._keys_shown:  # check_action's answers changed: the keys bar asks again
            self._keys_shown = keys
            self.refresh_bindings()
        if focus:
            self._focus_step()

    def _focus_step(self) -> None:
        self.query_one("#columns").scroll_home(animate=False)
        step = None if self.walker.finished else self.walker.step
        if step and step.ask:
            self.query_one(AskList).focus()
        elif step and step.checklist:
            self.query_one(Checklist).focus()
        else:
            self.query_one("#columns").focus()
        if step and step.show_support:
            self.action_support()

    def changed(self, moved: bool = False) -> None:
        """The walker changed: tell the app (to save), then redraw."""
        self.app.post_message(WalkChanged(moved))
        self.redraw(focus=moved)

    # -- actions -------------------------------------------------------------

    def action_next(self) -> None:
        if self.walker.finished:
            return
        if self.walker.advance():
            self.changed(moved=True)
        else:
            self.query_one(AskList).focus()
            self.notify(self.query_one(StepView).hint(self.walker), severity="warning", timeout=3)

    def action_back(self) -> None:
        if self.walker.back():
            self.changed(moved=True)
        else:
            self.notify(t("hint.first_step", self.lang), timeout=2)

    def action_answer(self, index: int) -> None:
        if self.walker.answer(index):
            self.changed()

    def action_support(self) -> None:
        support = self.query_one(SupportPanel)
        support.focus()
        self.query_one("#columns").scroll_to_widget(support, animate=False)
        self.query_one("#side").scroll_to_widget(support, animate=False)

    def action_outline(self) -> None:
        from guide_tui.tui.screens.outline import OutlineScreen

        def jump(index: int | None) -> None:
            if index is not None and self.walker.jump(index):
                self.changed(moved=True)

        self.app.push_screen(OutlineScreen(self.walker, self.lang), jump)

    def action_help(self) -> None:
        from guide_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.lang))

    def action_report(self) -> None:
        from guide_tui.tui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(self.walker, self.lang))

    def action_restart(self) -> None:
        from guide_tui.tui.screens.confirm import confirm_restart

        def restart(ok: bool | None) -> None:
            if ok:
                self.post_message(self.Restart(self))

        self.app.push_screen(confirm_restart(self.lang), restart)

    def action_quit(self) -> None:
        self.app.exit()

    def action_library(self) -> None:
        self.post_message(self.Close(self))

    # -- lists and links -----------------------------------------------------

    @on(OptionList.OptionSelected, "#ask-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.walker.choice() == event.option_index:
            self.action_next()  # Enter on the answer already chosen moves on
        else:
            self.action_answer(event.option_index)

    @on(OptionList.OptionSelected, "#checklist")
    def _ticked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.walker.toggle(event.option_index):
            self.changed()

    @on(MarkdownText.LinkClicked)
    def _link(self, event: MarkdownText.LinkClicked) -> None:
        """Links open only after the user has seen the real target and agreed."""
        event.stop()
        href = event.href
        if url_problem(href, LINK_SCHEMES):
            self.notify(t("link.refused", self.lang, url=href[:80]), severity="warning")
            return
        from guide_tui.tui.screens.confirm import confirm_link

        def opened(ok: bool | None) -> None:
            if ok:
                self.app.open_url(href)

        self.app.push_screen(confirm_link(href, self.lang), opened)


class WalkChanged(Message):
    """The walk's state changed (moved: the user went to another step)."""

    def __init__(self, moved: bool) -> None:
        super().__init__()
        self.moved = moved
