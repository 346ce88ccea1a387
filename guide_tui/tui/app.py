"""The Textual application: thin; it wires the walker screen, the library (tui/library_flow.py),
saving and signals (tui/hangup.py)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.theme import Theme

from guide_tui.core.model import Guide
from guide_tui.core.text import safe_text
from guide_tui.core.walker import Walker
from guide_tui.i18n import LANGUAGES, choose_language, t
from guide_tui.progress.settings import load_settings, save_setting
from guide_tui.tui import hangup
from guide_tui.tui.bindings import shown_keys
from guide_tui.tui.keys import key_for, served_words
from guide_tui.tui.screens.guide import GuideScreen, WalkChanged
from guide_tui.tui.themes import HIGH_CONTRAST, THEMES

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import RenderableType
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from guide_tui.core.loader import LoadResult
    from guide_tui.core.problems import Problem
    from guide_tui.progress.store import ProgressStore, Session
    from guide_tui.tui.watch import LivePreview

FLUSH_SECONDS = 0.5
# A long guide's rest is read this long after the first paint: the thread that reads it holds
# the interpreter most of the time, and the first frame's bytes are still being written.
REST_AFTER_SECONDS = 0.05


def _palette_commands() -> type[Provider]:
    """The palette's provider of the app's commands, as Content (tui/palette.py), loaded when it opens."""
    from guide_tui.tui.palette import PlainCommands

    return PlainCommands


class GuideApp(App[None]):
    """Walks one guide, or opens the library to choose one; saves progress
    through a store session."""

    CSS_PATH = "app.tcss"
    TITLE = "guide-tui"
    COMMAND_PALETTE_BINDING = "ctrl+p"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_palette_commands}
    # Under `guide-tui serve`, told to the server once the first screen is written (cli/serve_tab.py).
    first_screen_meta: ClassVar[dict[str, object] | None] = None
    served: ClassVar[bool] = False  # a browser tab of `guide-tui serve`: nothing outlives it (keys.served_words)
    # Under `guide-tui serve`, the CSS the warm starter parsed (its variables, its rules; see
    # share_parsed_css): each tab it forks starts from them instead of parsing them again.
    parsed_css: ClassVar[tuple[dict[str, str], Any] | None] = None

    def __init__(
        self,
        guide: Guide | None = None,
        *,
        lang: str | None = None,
        session: Session | None = None,
        walker: Walker | None = None,
        store: ProgressStore | None = None,
        guide_dirs: tuple[str, ...] = (),
        theme: str | None = None,
        on_first_paint: Callable[[], None] | None = None,
        watch: Path | None = None,
        first_load: LoadResult | None = None,
        rest: Callable[[], LoadResult] | None = None,
        restart: bool = False,
    ) -> None:
        """`watch`: the guide's file, read again each time it is saved (--watch);
        `first_load`: its first load when that failed (its errors are shown first).
        `rest`: `guide` is only the start of a long guide (loader.load_start); its first
        step is drawn at once, then `rest()` loads and checks the whole file, and the walk
        begins (a session of `store`, `restart` as --restart) only if it has no errors."""
        super().__init__()
        if self.parsed_css is not None and self.parsed_css[0] == self.stylesheet._variables:
            # Textual keeps what it parsed per app, keyed by the CSS text (rules are not changed
            # once parsed); valid only with the same variables (the theme's colours).
            self.stylesheet._parse_cache = self.parsed_css[1]
        self._on_first_paint = on_first_paint
        self._told_first_screen = False
        self._rest = rest
        self._restart = restart
        self.problems: list[Problem] = []  # the whole guide's, once `rest` has read it (the CLI prints them)
        self.signal_loop: asyncio.AbstractEventLoop | None = None  # where a signal hands over the exit
        self._reader: asyncio.Task[Any] | None = None  # the app's task while it reads a key (on_event)
        self._quitting = False
        for extra in THEMES:
            self.register_theme(extra)
        self._theme_choice = theme
        self.requested_lang = lang
        self.guide = guide
        self.lang = choose_language(lang, guide.language if guide else None)
        self.session = session
        self.store = store
        self.guide_dirs = guide_dirs
        self.walker = session.walker if session else (walker or (Walker(guide) if guide else None))
        self._notices_shown = 0
        self.ui_lang: str | None = None  # chosen in the command palette
        if guide:
            self.title = guide.title
        self.preview: LivePreview | None = None
        if watch is not None:
            from guide_tui.tui.watch import LivePreview

            self.preview = LivePreview(self, watch, first_load)

    def get_default_screen(self) -> Screen[None]:
        """The first screen: the walker when started on a guide, else the library.

        It is Textual's first screen itself rather than pushed over an empty
        default screen, which would be styled and laid out for nothing.
        """
        if self.is_web:
            # Textual's web driver tells the app it is blurred as it starts (a page has the
            # focus only once clicked or tabbed to), which restyles every widget. Blurred
            # before they are styled, they are styled once, as they will be shown.
            self.set_reactive(App.app_focus, False)
        if (self.guide is None or self.walker is None) and self.preview is not None:
            return self.preview.first_screen()
        if self.guide is None or self.walker is None:
            from guide_tui.tui.library_flow import LibraryFlow

            return LibraryFlow(self).screen()
        return GuideScreen(
            self.walker,
            self._walker_lang(),
            in_library=False,
            reading=self._rest is not None,
            restart=self.restart_walk,
            drawn=self._first_screen_written,
        )

    def on_mount(self) -> None:
        self._catch_signals()
        self._apply_theme()
        if self.guide is not None:
            self._opened(self._walker_lang())
        self.set_interval(FLUSH_SECONDS, self._save_progress)
        if self.preview is not None:
            self.preview.start()
        self.call_after_refresh(self._first_paint)
        if self._rest is not None:  # once the first frame has had time to reach the terminal
            self.call_after_refresh(self.set_timer, REST_AFTER_SECONDS, self._read_rest)

    def share_parsed_css(self) -> None:
        """Let every GuideApp made after this one (in this process, or one forked from it)
        start with the CSS this one parsed: some 58 rule sets, 11 ms of a served tab's start."""
        GuideApp.parsed_css = (dict(self.stylesheet._variables), self.stylesheet._parse_cache)

    def _first_paint(self) -> None:
        """The first screen is drawn and the app has settled: the caller's hook (such as
        turning the collector back on, cli/startup.py)."""
        if self._on_first_paint is not None:
            self._on_first_paint()
        self._first_screen_written()  # the library's, or any first screen

    def _first_screen_written(self) -> None:
        """Under `guide-tui serve`, tell the server the first screen is written (once, as soon
        as it is: the walker's first frame tells at once, on the same pipe, after the frame)."""
        if self.first_screen_meta is None or self._told_first_screen or not self.is_web:
            return
        self._told_first_screen = True
        from textual.drivers.web_driver import WebDriver  # imported already: it is the driver

        if isinstance(self._driver, WebDriver):
            self._driver.write_meta(self.first_screen_meta)

    @work(thread=True)
    def _read_rest(self) -> None:
        """After the first paint of a long guide: load and check all of it, in a thread (the
        first frame is written meanwhile, and Ctrl+Q still quits); the walker screen takes
        no key until then (GuideScreen.reading), and its errors end the walk."""
        assert self._rest is not None
        result = self._rest()
        # The whole guide lives as long as the walk: later passes of the cyclic collector skip
        # it, as they skip what the start made (cli/startup.py) and a library read the same
        # way (screens/library.py). Reading leaves no cycles to free. A 4,000-step guide read
        # here made each full pass 17-20 ms, a key typed then lagged; 6 ms frozen.
        gc.freeze()
        self.call_from_thread(self._rest_read, result)

    def _rest_read(self, result: LoadResult) -> None:
        self._rest = None
        self.problems = result.problems
        screen = self.screen
        if result.guide is None:
            from guide_tui.tui.screens.errors import ErrorsScreen

            words = t("guide.has_errors", self._walker_lang())
            self.push_screen(ErrorsScreen([result], self._walker_lang(), words), lambda _: self.exit(return_code=1))
            return
        self.guide = result.guide
        if self.store is not None:
            self.session = self.store.open(result.guide, restart=self._restart, save_now=False)
            self.walker = self.session.walker
        else:
            self.walker = Walker(result.guide)
        if isinstance(screen, GuideScreen):
            screen.read(self.walker)
        self._opened(self._walker_lang())

    # -- theme and language --------------------------------------------------

    def _apply_theme(self) -> None:
        """--theme, else the remembered theme, else Textual's default; remember changes."""
        remembered = load_settings(self.store.state_dir).get("theme") if self.store else None
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        for name in (self._theme_choice, remembered):
            if isinstance(name, str) and name in self.available_themes:
                self.theme = name
                break
        if self._theme_choice and self._theme_choice not in self.available_themes:
            self.say(
                "theme",
                t("theme.unknown", self.lang, name=self._theme_choice, names=", ".join(sorted(self.available_themes))),
                "warning",
                timeout=10,
            )

    def _remember_theme(self, theme: Theme) -> None:
        if self.store:
            save_setting(self.store.state_dir, "theme", theme.name)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette (ctrl+p), in the interface language: the language,
        the theme, and the screen's commands from the key table that act now."""
        lang = getattr(screen, "lang", self.lang)
        for code in LANGUAGES:
            if code != lang:
                yield SystemCommand(
                    t("palette.language", lang, name=t("language.name", code)),
                    t("palette.language.help", lang),
                    lambda code=code: self.switch_language(code),
                )
        theme_words = served_words("palette.theme.help", self.served)
        yield SystemCommand(t("palette.theme", lang), t(theme_words, lang), self.action_change_theme)
        yield SystemCommand(
            t("palette.contrast", lang),
            t("palette.contrast.help", lang),
            lambda: setattr(self, "theme", HIGH_CONTRAST.name),
        )
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            key = key_for(binding.id)
            if key is None or not key.palette or not enabled or key.id in seen:
                continue
            seen.add(key.id)
            yield SystemCommand(
                f"{t(key.label, lang)} ({shown_keys(binding)})",
                t(served_words(key.help, self.served), lang),
                partial(screen.run_action, binding.action),
            )

    # -- keys typed quickly (docs/keys.md) -------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """A key the app reads from the terminal: its priority binding acts now (a key that
        opens another screen pushes it now: Textual's push_screen makes it the screen the
        next key goes to at once). After q, the keys typed after it are dropped."""
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
        elif not self._quitting:
            self._reader = asyncio.current_task()
            try:
                await super().on_event(event)
            finally:
                self._reader = None

    def reading_key(self) -> bool:
        """Whether this is the app reading a key, before any widget has it (GuideScreen.check_action)."""
        return self._reader is not None and self._reader is asyncio.current_task()

    def exit(self, result: None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        self._quitting = True  # the keys typed after q in the same burst go nowhere
        super().exit(result, return_code, message)

    def action_command_palette(self) -> None:
        """The command palette, with its prompt in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            lang = getattr(self.screen, "lang", self.lang)
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette.search", lang)))

    def action_change_theme(self) -> None:
        """The theme picker, with its prompt in the interface language."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        lang = getattr(self.screen, "lang", self.lang)
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=t("palette.search_theme", lang)))

    def switch_language(self, lang: str) -> None:
        """Redraw every screen with the interface in another language: the one shown and
        those under it (the library under a guide stayed in the old language)."""
        self.ui_lang = lang
        self.lang = lang
        from guide_tui.tui.widgets.notices import Notices

        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel:
                relabel(lang)
            for notices in screen.query(Notices):  # "您上次已在这里结束" beside "Language: English"
                notices.clear_information()
        self.say("language", t("lang.switched", lang))

    def say(self, kind: str, text: str, severity: str = "information", timeout: float | None = 8) -> None:
        """A notice: in the screen's own notice area, which covers nothing, when it has one.
        The text is shown as written (never markup), with no path on the server under serve."""
        text = self.for_visitor(text)
        notice = getattr(self.screen, "notice", None)
        if notice is not None:
            notice(kind, text, severity, timeout)
        else:
            level = cast("SeverityLevel", severity if severity in ("warning", "error") else "information")
            self.notify(safe_text(text, newlines=True), severity=level, timeout=timeout or 8, markup=False)

    def for_visitor(self, text: str) -> str:
        """Under `guide-tui serve` a visitor never sees a path on the server: the tab's
        folders (its working folder, its progress folder) and the guide's folder are
        left out of a message ("Permission denied: state/x.json").  Unchanged in a terminal."""
        if not self.is_web:
            return text
        folders = {os.getcwd()}
        if self.store is not None:
            folders.add(str(self.store.state_dir))
        if self.guide is not None and self.guide.path:
            folders.add(os.path.dirname(os.path.abspath(self.guide.path)))
        for folder in sorted(folders, key=len, reverse=True):
            if len(folder) > 1:
                text = text.replace(folder + os.sep, "").replace(folder, ".")
        return text

    def _walker_lang(self) -> str:
        assert self.guide is not None
        return self.ui_lang or choose_language(self.requested_lang, self.guide.language)

    def open_guide(self, guide: Guide, close: Callable[[], None]) -> None:
        """Walk a guide chosen in the library (tui/library_flow.py), over the library:
        in a session of the store when there is one; `close` brings the library back."""
        self.guide = guide
        self.session = self.store.open(guide) if self.store else None
        self.walker = self.session.walker if self.session else Walker(guide)
        self._notices_shown = 0
        lang = self._walker_lang()
        self.push_screen(GuideScreen(self.walker, lang, in_library=True, close=close, restart=self.restart_walk))
        self._opened(lang)

    def _opened(self, lang: str) -> None:
        """A guide's walker screen is up: its notices, then the first save once the step is on screen."""
        assert self.guide is not None
        self.title = self.guide.title
        self._show_notices(lang)
        self.call_after_refresh(self._save_progress)

    def _catch_signals(self) -> None:
        """SIGTERM and SIGHUP (the terminal closed, SSH lost) end the walk: see `_hang_up`."""
        self.signal_loop = asyncio.get_running_loop()
        hangup.catch(self._hang_up, watch_terminal=not (self.is_headless or self.is_web))

    def _hang_up(self, signum: int, _frame: object) -> None:
        """Save, release the lock, then end, whatever Textual's shutdown does.

        A Python signal handler runs in the main thread at the next bytecode, even
        while the event loop is blocked (Textual's writer queue stays full once the
        terminal is gone: Textualize/textual#6692). So the walk is saved and its lock
        released here first, and the process ends after hangup.EXIT_SECONDS if the
        orderly exit has not finished by then."""
        hangup.exit_later(128 + signum)
        if self.session:
            self.session.close()  # the last state written, the lock let go
        if self.signal_loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed already: the timer ends it
                self.signal_loop.call_soon_threadsafe(self.exit)

    def _save_progress(self) -> None:
        if self.session:
            self.session.flush()
            self._show_notices()

    def _show_notices(self, lang: str | None = None) -> None:
        """The session's notices not shown yet (a save that fails mid-walk adds one)."""
        lang = lang or str(getattr(self.screen, "lang", self.lang))
        notices = self.session.notices if self.session else []
        for notice in notices[self._notices_shown :]:
            walk = notice.code in ("resumed", "resumed_finished", "resumed_ended")
            self.say(
                "walk" if walk else f"saving.{notice.code}",
                t(f"notice.{notice.code}", lang, **notice.params),
                "information" if walk else "warning",
                timeout=12 if walk else 30,
            )
        self._notices_shown = len(notices)

    def on_walk_changed(self, event: WalkChanged) -> None:
        if self.session:
            self.session.changed()
            self._show_notices()

    def restart_walk(self) -> None:
        """Start the guide over (the session keeps the same walker object)."""
        if self.session:
            self.session.restart()
            self._show_notices()
        elif self.walker is not None:
            self.walker.restart()
