"""Live preview: `guide-tui GUIDE --watch` reads the guide again each time its file is saved.

The file is looked at every WATCH_SECONDS (its size, modification time and
inode: an editor that saves by writing a new file and renaming it is seen
too).  When it has changed and loads, the walk goes on in the new version:
the walker's saved form is fitted to it (`saved_walk.from_saved`), so the user
stays on their step while it still exists and is still reached the same way,
else on the nearest step before it; answers and ticks whose text is gone are
dropped, and a notice says so.  While the file has errors they are shown in
place of the step (screens/file_errors.py) until it is saved without them.

Textual's FileMonitor compares modification times only, which a quick second
save on a coarse file system can leave unchanged; this check is one os.stat.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from guide_tui.core.loader import LoadResult, load_file
from guide_tui.core.model import Guide
from guide_tui.core.saved_walk import SavedWalkError, from_saved, to_saved
from guide_tui.core.walker import Walker
from guide_tui.i18n import choose_language, t
from guide_tui.tui.screens.file_errors import FileErrorsScreen
from guide_tui.tui.screens.guide import GuideScreen

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from textual.screen import Screen

WATCH_SECONDS = 0.25  # how often the file is looked at: the reload latency is at most this, plus a load

Signature = tuple[int, int, int] | None


def signature(path: Path) -> Signature:
    """What tells one version of the file from another without reading it; None when it is not there."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


class LivePreview:
    """Watches one guide file for the app and swaps the walk over to each new version."""

    def __init__(self, app: Any, path: Path, first: LoadResult | None = None) -> None:
        """`app`: the GuideApp (not named here: it imports this module)."""
        self.app = app
        self.path = path
        self.seen = signature(path)
        self.pending = False  # a change not shown yet (a dialog was open)
        self.first = first  # the first load, when it failed
        self.reloads = 0

    def first_screen(self) -> Screen[None]:
        """The screen to start on when the file did not load."""
        assert self.first is not None
        return FileErrorsScreen(self.first, self.app.lang, self.path.name)

    def start(self) -> None:
        self.app.set_interval(WATCH_SECONDS, self.check, name="watch")

    async def check(self) -> None:
        """Called every WATCH_SECONDS: read the file again if it changed."""
        now = signature(self.path)
        if now != self.seen:
            self.seen = now
            self.pending = True
        if self.pending and isinstance(self.app.screen, (GuideScreen, FileErrorsScreen)):
            self.pending = False
            await self.apply(load_file(self.path))

    async def apply(self, result: LoadResult) -> None:
        """Show a new load of the file: its walk, or its errors in place of the step."""
        app = self.app
        guide = result.guide
        if guide is None:
            if isinstance(app.screen, FileErrorsScreen):
                app.screen.show(result)
            else:
                await app.push_screen(FileErrorsScreen(result, self._lang(), self.path.name))
            return
        showing_errors = isinstance(app.screen, FileErrorsScreen)
        if app.guide is not None and guide.source_bytes == app.guide.source_bytes and not showing_errors:
            return  # saved again as it was
        notices = self._swap(guide)
        assert app.walker is not None
        lang = self._lang()
        screen = next((s for s in reversed(app.screen_stack) if isinstance(s, GuideScreen)), None)
        if screen is None:  # the file loads for the first time
            screen = GuideScreen(app.walker, lang, in_library=False, restart=app.restart_walk)
            await app.push_screen(screen)
        else:
            while app.screen is not screen:
                await app.pop_screen()
            screen.walker = app.walker  # the same screen, built again for the new version
            screen.lang = lang
            await screen.recompose()
            screen.redraw(arrived=True)
            screen.refresh_bindings()
        app.title = guide.title
        self.reloads += 1
        for code, params in notices:
            screen.notice("walk", t(f"notice.{code}", lang, **params), "warning", timeout=8)
        screen.notice("watch", t("watch.reloaded", lang, path=self.path.name), timeout=2)

    def _swap(self, guide: Guide) -> list[tuple[str, dict[str, object]]]:
        """The app's guide, walker and saved walk moved to the new version; the notices."""
        app = self.app
        clock = app.store.clock if app.store is not None else time.time
        notices: list[tuple[str, dict[str, object]]] = []
        walker: Walker | None = None
        if app.walker is not None:
            try:
                walker, said = from_saved(guide, to_saved(app.walker), clock)
                notices = [(n.code, n.params) for n in said]
            except SavedWalkError:  # pragma: no cover - to_saved always writes that shape
                walker = Walker(guide, clock)
        session = app.session
        if session is not None and (session.guide.id, session.guide.language) != (guide.id, guide.language):
            session.close()  # another id or language: another saved walk
            session = None
        if session is None and app.store is not None:
            session = app.store.open(guide, save_now=False)
        if session is not None:
            if walker is None:
                walker = session.walker  # the first version that loads: resume its saved walk
            else:
                session.replace(guide, walker)
        app.session = session
        app.guide = guide
        app.walker = walker or Walker(guide, clock)
        return notices

    def _lang(self) -> str:
        """The interface language, as the app chooses it for a walk (the guide's may have changed)."""
        app = self.app
        return app.ui_lang or choose_language(app.requested_lang, app.guide.language if app.guide else None)
