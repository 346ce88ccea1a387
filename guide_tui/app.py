"""The Textual application: thin; it wires the walker screen, saving and signals."""

from __future__ import annotations

import signal

from textual.app import App

from .i18n import choose_language
from .model import Guide
from .screens.guide import GuideScreen, WalkChanged
from .walker import Walker


class GuideApp(App[None]):
    """Walks one guide in the full screen."""

    CSS_PATH = "app.tcss"
    TITLE = "guide-tui"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, guide: Guide, *, lang: str | None = None, walker: Walker | None = None) -> None:
        super().__init__()
        self.guide = guide
        self.lang = choose_language(lang, guide.language)
        self.walker = walker or Walker(guide)
        self.title = guide.title

    def on_mount(self) -> None:
        self._catch_signals()
        self.push_screen(GuideScreen(self.walker, self.lang))

    def _catch_signals(self) -> None:
        """SIGTERM and SIGHUP end the app cleanly, so the terminal is restored."""
        import asyncio

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(sig, self.exit)
            except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - not on this platform/thread
                pass

    def on_walk_changed(self, event: WalkChanged) -> None:
        """Hook for saving progress after every change."""
