"""The library's side of the app: the guides to choose from, opening one, coming back.

When `guide-tui` starts without a guide, the app's first screen is the library
(screens/library.py).  This module gives that screen what it shows and does: the
guides of every folder (read in its worker thread, with the metadata cache), each
guide's saved status and title in the language it would open in, and the opening
of the one chosen; Esc on the walk brings the library back with the guide saved
and let go.  The app imports it only when the library is shown, so a walk started
on a guide never loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from guide_tui.i18n import Listed, locale_language, t
from guide_tui.library.discover import best_language, scan
from guide_tui.library.find import bundled_dir
from guide_tui.tui.screens.library import LibraryScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from guide_tui.library.discover import GuideEntry, Library
    from guide_tui.progress.store import Status


class LibraryFlow:
    """Lists the guides for the app, opens the one chosen and brings the list back after it."""

    def __init__(self, app: Any) -> None:
        """`app`: the GuideApp (not named here: it imports this module)."""
        self.app = app
        self._statuses: dict[str, Status] = {}  # guide id -> saved status, for the library

    def screen(self) -> Screen[None]:
        """The library screen: the bundled guides at once, every folder read in the background."""
        return LibraryScreen(
            self.app.lang,
            scan([bundled_dir()]),
            self._discover,
            self.open_entry,
            self._status,
            lambda e: e.variants[self._entry_language(e)[0]].title,
        )

    def _discover(self) -> Library:
        """Every guide in every folder, with the metadata cache (in the library's worker thread)."""
        from guide_tui.library.discover import discover
        from guide_tui.library.meta_cache import MetaCache
        from guide_tui.library.pinyin import missing, readings

        cache = MetaCache()
        library = discover(self.app.guide_dirs, read_all=cache.read_all)
        texts = (text for entry in library.entries for meta in entry.variants.values() for text in meta.texts)
        new = missing(texts, cache.readings)
        if new:  # pypinyin is imported only now, for characters no guide had before (library/pinyin.py)
            cache.add_readings(readings(new))
        cache.save()
        library.readings = cache.readings
        return library

    def _status(self, entry: GuideEntry) -> str:
        """ "not started", "step k of n" or "finished": read once per visit to the
        library, not on every key typed in its filter."""
        store = self.app.store
        if store is None:
            return ""
        if entry.id not in self._statuses:
            lang = self._entry_language(entry)[0]
            self._statuses[entry.id] = store.status(entry.id, lang, entry.variants[lang].steps)
        status = self._statuses[entry.id]
        return t(f"status.{status.state}", self.app.lang, k=status.k, n=status.n)

    def _entry_language(self, entry: GuideEntry) -> tuple[str, str | None]:
        """The language to open a library entry in, and a notice when it is not the one asked for."""
        wanted = self.app.requested_lang or locale_language()
        language, fallback = best_language(entry, wanted)
        if not fallback:
            return language, None
        notice = t(
            "library.language_fallback",
            self.app.lang,
            wanted=wanted,
            language=language,
            available=Listed(entry.variants).text(self.app.lang),
        )
        return language, notice

    def open_entry(self, entry: GuideEntry) -> None:
        """Open a guide chosen in the library, in the language that fits best."""
        from guide_tui.core.loader import load_file

        app = self.app
        language, notice = self._entry_language(entry)
        result = load_file(entry.variants[language].path)
        if result.guide is None:  # its errors, all of them, on a screen of their own; Esc comes back
            from guide_tui.tui.screens.file_errors import FileErrorsScreen

            app.push_screen(FileErrorsScreen(result, app.lang, entry.variants[language].title, watching=False))
            return
        app.open_guide(result.guide, close=self.close_guide)
        if notice:
            app.say("guide", notice, timeout=10)

    def close_guide(self) -> None:
        """Back from a guide to the library: save and let go of the guide."""
        app = self.app
        if app.session:
            app.session.close()
        app.session = None
        self._statuses.clear()  # this guide's status has changed
        app.pop_screen()
