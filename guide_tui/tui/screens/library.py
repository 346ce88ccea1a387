"""The library: every guide found, filtered as you type; Enter opens one.

The bundled guides are listed at once; the other folders are read in a worker
thread and added when ready, so a library of thousands of guides opens as fast
as one of a single guide.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from guide_tui.core.text import safe_text
from guide_tui.i18n import t, tn
from guide_tui.library.discover import GuideEntry, Library
from guide_tui.tui.bindings import bindings
from guide_tui.tui.keys import Key, keys_of
from guide_tui.tui.widgets.keys_bar import KeysBar
from guide_tui.tui.widgets.markdown_text import hanging_lines
from guide_tui.tui.widgets.notices import Notices

FAILURES_ID = "failures"


MOVES = (-1, 1, -10, 10)  # library.move's keys: up, down, page up, page down


class LibraryScreen(Screen[None]):
    """Lists guides; `opener(entry)` is called with the one chosen."""

    BINDINGS = bindings("library")

    def help_keys(self) -> list[Key]:
        """The keys the help screen lists."""
        return [key for key in keys_of("library") if key.help]

    def __init__(
        self,
        lang: str,
        first: Library,
        load_rest: Callable[[], Library] | None,
        opener: Callable[[GuideEntry], None],
        status: Callable[[GuideEntry], str],
        title: Callable[[GuideEntry], str] = lambda e: e.title,
    ) -> None:
        super().__init__()
        self.lang = lang
        self._title = title
        self.library = first
        self._load_rest = load_rest
        self._opener = opener
        self._status = status
        self._shown: list[GuideEntry] = []
        self._early: list[tuple[str, str, str, float | None]] = []  # notices given before compose

    def compose(self) -> ComposeResult:
        yield Static(Content(t("library.title", self.lang)), id="title-bar")
        yield Notices(id="notices")
        yield Input(placeholder=t("library.filter", self.lang), id="filter")
        yield OptionList(id="guides")
        yield Static(id="library-status")
        yield KeysBar()

    def on_mount(self) -> None:
        for early in self._early:
            self.query_one(Notices).post(*early)
        self._early.clear()
        self.refill()
        self.query_one("#filter", Input).focus()
        if self._load_rest is not None:
            self.query_one("#library-status", Static).update(Content(t("library.loading", self.lang)))
            self._read_rest()

    def relabel(self, lang: str) -> None:
        """Show the interface in another language."""
        self.lang = lang
        self.query_one("#title-bar", Static).update(Content(t("library.title", lang)))
        self.query_one("#filter", Input).placeholder = t("library.filter", lang)
        self.refill()
        self.query_one(KeysBar).relabel()

    @work(thread=True, exclusive=True)
    def _read_rest(self) -> None:
        assert self._load_rest is not None
        library = self._load_rest()
        self.app.call_from_thread(self._loaded, library)

    def _loaded(self, library: Library) -> None:
        self.library = library
        self.refill()

    def on_screen_resume(self) -> None:
        self.refill()  # statuses change after a walk

    # -- the list ------------------------------------------------------------

    def refill(self) -> None:
        query = self.query_one("#filter", Input).value.strip()
        entries = self.library.entries
        if query:
            matcher = Matcher(query)
            scored = [(matcher.match(_haystack(e)), i, e) for i, e in enumerate(entries)]
            entries = [e for score, _, e in sorted(scored, key=lambda s: (-s[0], s[1])) if score > 0]
        self._shown = entries
        options = self.query_one("#guides", OptionList)
        keep = options.highlighted
        options.clear_options()
        options.add_options([Option(self._row(e), id=f"guide-{i}") for i, e in enumerate(entries)])
        failures = len(self.library.failures)
        if failures:
            options.add_option(
                Option(
                    Content.assemble(("⚠ ", "bold"), (tn("library.failed", failures, self.lang), "bold")),
                    id=FAILURES_ID,
                )
            )
        if options.option_count:
            options.highlighted = min(keep or 0, options.option_count - 1)
        found = tn("library.count", len(self.library.entries), self.lang, shown=len(entries))
        if not entries and query:
            found = t("library.none", self.lang, query=query)
        self.query_one("#library-status", Static).update(Content(found))

    def _row(self, entry: GuideEntry) -> Content:
        details = [", ".join(entry.variants)]
        if entry.estimated_minutes:
            details.append(t("library.minutes", self.lang, m=entry.estimated_minutes))
        if entry.tags:
            details.append(" ".join(f"#{tag}" for tag in entry.tags[:4]))
        status = self._status(entry)
        if status:
            details.append(status)
        title = Content(safe_text(self._title(entry))).stylize("bold")
        about = Content(safe_text(" · ".join(details))).stylize("dim")
        width = self._row_width()
        if width < 8:  # not laid out yet: the first resize fills the list again
            return Content.assemble(title, "\n  ", about)
        # Broken by core/text.py ("第 1 步" stays whole), not by the list's own wrapping.
        return Content("\n").join([*hanging_lines(title, "", "", width), *hanging_lines(about, "  ", "  ", width)])

    def _row_width(self) -> int:
        options = self.query_one("#guides", OptionList)
        padding = options.get_component_styles("option-list--option").padding
        return max(options.scrollable_content_region.width - padding.width, 0)

    def on_resize(self) -> None:
        if self._row_width() != getattr(self, "_filled_width", None):
            self.call_after_refresh(self._refill_for_width)

    def _refill_for_width(self) -> None:
        width = self._row_width()
        if width != getattr(self, "_filled_width", None):
            self._filled_width = width
            self.refill()

    @on(Input.Submitted, "#filter")
    def _submitted(self) -> None:
        self.action_open()

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        self.query_one("#guides", OptionList).highlighted = 0
        self.refill()

    # -- actions -------------------------------------------------------------

    def notice(self, kind: str, text: str, severity: str = "information", timeout: float | None = 8) -> None:
        """A notice in the screen's own notice area (see widgets/notices.py); one given
        before the screen is built (an unknown --theme) shows once it is."""
        if self.query(Notices):
            self.query_one(Notices).post(kind, text, severity, timeout)
        else:
            self._early.append((kind, text, severity, timeout))

    def action_move(self, which: int) -> None:
        options = self.query_one("#guides", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + MOVES[which]))

    def action_open(self) -> None:
        options = self.query_one("#guides", OptionList)
        if options.highlighted is None or not options.option_count:
            return
        self._choose(options.highlighted)

    @on(OptionList.OptionSelected, "#guides")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        if index >= len(self._shown):
            from guide_tui.tui.screens.errors import ErrorsScreen

            self.app.push_screen(ErrorsScreen(self.library.failures, self.lang))
        else:
            self._opener(self._shown[index])

    def action_clear_or_quit(self) -> None:
        """Esc clears the filter; with nothing to clear it asks before quitting."""
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
            return
        from guide_tui.tui.screens.confirm import confirm_quit

        def leave(ok: bool | None) -> None:
            if ok:
                self.app.exit()

        self.app.push_screen(confirm_quit(self.lang), leave)

    def action_help(self) -> None:
        from guide_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.lang, self))

    def action_quit(self) -> None:
        self.app.exit()


def _haystack(entry: GuideEntry) -> str:
    """What filtering searches: every language's title, the id and the tags."""
    titles = " ".join(m.title for m in entry.variants.values())
    return f"{titles} {entry.id} {' '.join(entry.tags)}"
