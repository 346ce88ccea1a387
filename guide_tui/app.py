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
    from .store import Session

FLUSH_SECONDS = 0.5


class GuideApp(App[None]):
    """Walks one guide in the full screen, saving progress through a store session."""

    CSS_PATH = "app.tcss"
    TITLE = "guide-tui"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, guide: Guide, *, lang: str | None = None, session: "Session | None" = None,
                 walker: Walker | None = None) -> None:
        super().__init__()
        self.guide = guide
        self.lang = choose_language(lang, guide.language)
        self.session = session
        self.walker = session.walker if session else (walker or Walker(guide))
        self.title = guide.title
        self._notices_shown = 0

    def on_mount(self) -> None:
        self._catch_signals()
        self.push_screen(GuideScreen(self.walker, self.lang))
        self._show_notices()
        if self.session:
            self.set_interval(FLUSH_SECONDS, self._flush)

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

    def _show_notices(self) -> None:
        """The session's notices not shown yet (a save that fails mid-walk adds one)."""
        notices = self.session.notices if self.session else []
        for notice in notices[self._notices_shown:]:
            self.notify(t(f"notice.{notice.code}", self.lang, **notice.params), timeout=12,
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
