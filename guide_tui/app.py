"""The Textual application: thin; it wires the walker screen, saving and signals."""

from __future__ import annotations

import signal
from typing import TYPE_CHECKING

from textual.app import App

from .i18n import choose_language, t
from .model import Guide
from .screens.guide import GuideScreen, WalkChanged
from .walker import Walker

if TYPE_CHECKING:
    from .library import GuideEntry
    from .store import ProgressStore, Session

FLUSH_SECONDS = 0.5


class GuideApp(App[None]):
    """Walks one guide, or opens the library to choose one; saves progress
    through a store session."""

    CSS_PATH = "app.tcss"
    TITLE = "guide-tui"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, guide: Guide | None = None, *, lang: str | None = None,
                 session: "Session | None" = None, walker: Walker | None = None,
                 store: "ProgressStore | None" = None, guide_dirs: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.requested_lang = lang
        self.guide = guide
        self.lang = choose_language(lang, guide.language if guide else None)
        self.session = session
        self.store = store
        self.guide_dirs = guide_dirs
        self.walker = session.walker if session else (walker or (Walker(guide) if guide else None))
        self._notices_shown = 0

    def on_mount(self) -> None:
        self._catch_signals()
        if self.guide is None:
            self._open_library()
        else:
            self._push_walker(in_library=False)
        self.set_interval(FLUSH_SECONDS, self._flush)

    # -- the library ---------------------------------------------------------

    def _open_library(self) -> None:
        from .catalog import bundled_dir
        from .library import discover, scan
        from .screens.library import LibraryScreen

        # The bundled guides are shown at once; every folder is read in the background.
        self.push_screen(LibraryScreen(self.lang, scan([bundled_dir()]), lambda: discover(self.guide_dirs),
                                       self.open_entry, self._status,
                                       lambda e: e.variants[self._entry_language(e)[0]].title))

    def _status(self, entry: "GuideEntry") -> str:
        if self.store is None:
            return ""
        lang = self._entry_language(entry)[0]
        return self.store.status(entry.id, lang, entry.variants[lang].steps).text(self.lang)

    def _entry_language(self, entry: "GuideEntry") -> tuple[str, str | None]:
        from .i18n import locale_language
        from .library import best_language

        return best_language(entry, self.requested_lang or locale_language(), self.lang)

    def open_entry(self, entry: "GuideEntry") -> None:
        """Open a guide chosen in the library, in the language that fits best."""
        from .loader import load_file

        language, notice = self._entry_language(entry)
        result = load_file(entry.variants[language].path)
        if result.guide is None:  # changed on disk since the library read it
            self.notify("\n".join(str(p) for p in result.errors[:5]), severity="error", timeout=15)
            return
        self.guide = result.guide
        self.session = self.store.open(result.guide) if self.store else None
        self.walker = self.session.walker if self.session else Walker(result.guide)
        self._notices_shown = 0
        self._push_walker(in_library=True)
        if notice:
            self.notify(notice, timeout=10)

    def close_guide(self) -> None:
        """Back from a guide to the library: save and let go of the guide."""
        if self.session:
            self.session.close()
        self.session = None
        self.pop_screen()

    def _push_walker(self, in_library: bool) -> None:
        assert self.guide is not None and self.walker is not None
        lang = choose_language(self.requested_lang, self.guide.language)
        self.title = self.guide.title
        self.push_screen(GuideScreen(self.walker, lang, in_library=in_library))
        self._show_notices(lang)

    def _catch_signals(self) -> None:
        """SIGTERM and SIGHUP save progress and end the app cleanly, so the terminal is restored."""
        import asyncio

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(sig, self._stop)
            except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - not on this platform/thread
                pass

    def _stop(self) -> None:
        if self.session:
            self.session.flush()
        self.exit()

    def _flush(self) -> None:
        if self.session:
            self.session.flush()
            self._show_notices()

    def _show_notices(self, lang: str | None = None) -> None:
        """The session's notices not shown yet (a save that fails mid-walk adds one)."""
        lang = lang or getattr(self.screen, "lang", self.lang)
        notices = self.session.notices if self.session else []
        for notice in notices[self._notices_shown:]:
            self.notify(t(f"notice.{notice.code}", lang, **notice.params), timeout=12,
                        severity="warning" if notice.code not in ("resumed", "resumed_finished") else "information")
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
        else:
            self.walker.restart()
