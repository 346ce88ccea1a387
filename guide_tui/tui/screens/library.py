"""The library: every guide found, filtered as you type; Enter opens one.

The bundled guides are listed at once; the other folders are read in a worker
thread and added when ready, so a library of thousands of guides opens as fast
as one of a single guide.  The filter's index (library/search.py: titles,
summaries, tags, ids and their pinyin) is built in the same thread, once; each
key typed narrows the guides the previous key found, and the list
(widgets/guide_list.py) draws only the rows on screen, each saying why it
matched (the pinyin, the tag, the summary).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any, Self

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Input, Static

from guide_tui.core.text import excerpt, join_lines, line_ranges, safe_text
from guide_tui.i18n import Listed, t, tn
from guide_tui.library.discover import GuideEntry, Library
from guide_tui.library.search import SearchIndex, Why
from guide_tui.tui.bindings import bindings
from guide_tui.tui.keys import Key, keys_of
from guide_tui.tui.widgets.guide_list import GuideList
from guide_tui.tui.widgets.keys_bar import KeysBar
from guide_tui.tui.widgets.notices import Notices
from guide_tui.tui.widgets.ordered_input import OrderedInput

MOVES = (-1, 1, -10, 10)  # library.move's keys: up, down, page up, page down
SNIPPET = 24  # characters of a summary shown around what matched


class FilterInput(OrderedInput):
    """The filter: letters, Enter, Esc and the arrows act in the order typed (ordered_input.py),
    so `pay Enter n` finds "pay", opens the first guide found and moves on in it."""

    _text_changing = False  # Input is acting on a change of the text (_watch_value)

    def __init__(self, changed: Callable[[], None], **kw: Any) -> None:
        super().__init__(**kw)
        self._changed = changed

    def _watch_value(self, value: str) -> None:
        """Input's own: its virtual size (see `refresh`), its message, its cursor."""
        self._text_changing = True
        try:
            super()._watch_value(value)
        finally:
            self._text_changing = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        """The field's size is set by its CSS (the screen's width, 3 lines), never by its
        text: no layout of the whole screen for a letter typed (Input asks for one, as its
        text's width is its virtual size)."""
        layout = layout and not self._text_changing
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def watch_value(self) -> None:
        """The guides found are listed as the letter is typed, in the frame that shows it
        (Input.Changed is read after that frame: a second layout and frame per key)."""
        if self.is_mounted:
            self._changed()

    async def action_submit(self) -> None:
        """Enter: the guide highlighted opens now (Input would post a message, read after
        the keys typed after Enter)."""
        await self.app.run_action("screen.open")


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
        self.index = SearchIndex(first.entries, first.readings)
        self._load_rest = load_rest
        self._opener = opener
        self._status = status
        self._found = self.index.search("")
        self._whys: dict[int, list[Why]] = {}  # for the rows drawn, under the current query
        self._title_lines: dict[tuple[str, int], list[tuple[int, int]]] = {}  # the highlighted row's title
        self._early: list[tuple[str, str, str, float | None]] = []  # notices given before compose

    def compose(self) -> ComposeResult:
        yield Static(Content(t("library.title", self.lang)), id="title-bar")
        yield Notices(id="notices")
        yield FilterInput(self.refill, placeholder=t("library.filter", self.lang), id="filter")
        yield Static(id="library-status")  # above the list: a list of any length never hides it
        with Vertical(id="library-rows"):
            yield GuideList(self._row, id="guides")
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
        index = SearchIndex(library.entries, library.readings)  # built here, once, off the screen's thread
        # A library's objects live as long as the screen: with 50,000 guides a full pass of the
        # cyclic collector over them took 0.1-0.2 s (a key typed then lagged), so it skips them.
        gc.freeze()
        self.app.call_from_thread(self._loaded, library, index)

    def _loaded(self, library: Library, index: SearchIndex) -> None:
        self.library, self.index = library, index
        self._found = index.search("")
        self.refill(keep=True)

    def on_screen_resume(self) -> None:
        self.query_one(GuideList).redraw()  # statuses change after a walk

    @property
    def shown(self) -> list[GuideEntry]:
        """The guides listed, in order."""
        return [self.library.entries[i] for i in self._found.ranked]

    # -- the list ------------------------------------------------------------

    def refill(self, keep: bool = False) -> None:
        """Find the guides for the filter's text and list them; `keep`: the highlight
        stays where it is (else it goes to the first row)."""
        query = self.query_one("#filter", Input).value
        last = self._found
        grew = bool(last.query.strip()) and query.startswith(last.query) and len(last.all) < len(self.index)
        self._found = self.index.search(query, within=last.all if grew else None)
        self._whys = {}
        found = len(self._found.ranked)
        failures = len(self.library.failures)
        failed = (
            Content.assemble(("⚠ ", "bold"), (tn("library.failed", failures, self.lang), "bold")) if failures else None
        )
        guides = self.query_one(GuideList)
        guides.show(found, failed, guides.highlighted if keep else 0)
        words = tn("library.count", len(self.library.entries), self.lang, shown=found)
        if not found and query.strip():
            words = t("library.none", self.lang, query=query.strip())
        self.query_one("#library-status", Static).update(Content(words), layout=False)  # one line, always

    def _row(self, row: int, width: int, full: bool) -> list[Content]:
        """The lines of row `row`: its title, then why it matched and what it is (status,
        languages, minutes, tags), each line cut to the width; `full`: all of the title."""
        index = self._found.ranked[row]
        entry = self.library.entries[index]
        whys = self._why(index)
        shown_title = self._title(entry)
        title = Content(safe_text(shown_title)).stylize("bold")
        details: list[str] = []
        heard: list[str] = []
        for why in whys:
            if why.where == "title" and why.text == shown_title:
                title = title.stylize("underline", why.start, why.end)
            else:
                details.append(self._why_words(why))
            heard += why.pinyin
        if heard:
            details.insert(0, t("library.why.pinyin", self.lang, pinyin=" ".join(heard)))
        status = self._status(entry)
        if status:  # before what a cut line may hide: where the user is in this guide
            details.append(status)
        details.append(Listed(entry.variants).text(self.lang))
        if entry.estimated_minutes:
            details.append(t("library.minutes", self.lang, m=entry.estimated_minutes))
        # The tags of the language the title is shown in (a search finds the others' too).
        tags = next((m.tags for m in entry.variants.values() if m.title == shown_title), entry.tags)
        if tags:
            details.append(" ".join(f"#{tag}" for tag in tags[:4]))
        about = Content("    ").append(Content(safe_text(" · ".join(dict.fromkeys(details)))).stylize("dim"))
        # "›" before the highlighted title: where the user is, seen without colour too (NO_COLOR)
        mark = Content.assemble(("› ", "bold")) if full else Content("  ")
        room = max(width - 2, 1)
        if not full or title.cell_length <= room:
            return [mark + title.truncate(room, ellipsis=True), about.truncate(width, ellipsis=True)]
        # The highlighted row shows its whole title, broken by core/text.py ("第 1 步" stays
        # whole), not by Textual's own wrapping; once per title and width (it is slow).
        key = (shown_title, room)
        if key not in self._title_lines:
            self._title_lines[key] = [(a, b) for a, b in line_ranges(title.plain, room)]
        lines = [title[a:b] for a, b in self._title_lines[key]]
        return [mark + lines[0], *(Content("  ") + line for line in lines[1:]), about.truncate(width, ellipsis=True)]

    def _why(self, index: int) -> list[Why]:
        query = self._found.query
        if not query.strip():
            return []
        if index not in self._whys:
            self._whys[index] = self.index.explain(index, query)
        return self._whys[index]

    def _why_words(self, why: Why) -> str:
        """Where a guide matched, when it is not in the title shown."""
        if why.where == "tag":
            return f"#{why.text}"
        if why.where == "id":
            return t("library.why.id", self.lang, id=why.text)
        text, (start, end) = join_lines(why.text, why.start, why.end)  # "财务状况,或是", not "财务状况, 或是"
        start, end = excerpt(text, start, end, SNIPPET // 2)  # not inside a word
        snippet = ("…" if start else "") + text[start:end].strip()
        if end < len(text):
            snippet += "…"
        return t("library.why.summary", self.lang, text=snippet) if why.where == "summary" else f"“{snippet}”"

    # -- actions -------------------------------------------------------------

    def notice(self, kind: str, text: str, severity: str = "information", timeout: float | None = 8) -> None:
        """A notice in the screen's own notice area (see widgets/notices.py); one given
        before the screen is built (an unknown --theme) shows once it is."""
        if self.query(Notices):
            self.query_one(Notices).post(kind, text, severity, timeout)
        else:
            self._early.append((kind, text, severity, timeout))

    def action_move(self, which: int) -> None:
        self.query_one(GuideList).move(MOVES[which])

    def action_open(self) -> None:
        if self._found.query != self.query_one("#filter", Input).value:
            self.refill()  # letters typed just before Enter: the list of what they find
        guides = self.query_one(GuideList)
        if guides.row_count:
            self._choose(guides.highlighted)

    @on(GuideList.Chosen)
    def _clicked(self, event: GuideList.Chosen) -> None:
        event.stop()
        self._choose(event.row)

    def _choose(self, row: int) -> None:
        if row >= len(self._found.ranked):
            from guide_tui.tui.screens.errors import ErrorsScreen

            self.app.push_screen(ErrorsScreen(self.library.failures, self.lang))
        else:
            self._opener(self.library.entries[self._found.ranked[row]])

    def action_clear_or_quit(self) -> None:
        """Esc clears the filter; with nothing to clear it asks before quitting."""
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
            return
        from guide_tui.tui.screens.confirm import confirm_quit

        def leave(ok: bool) -> None:
            if ok:
                self.app.exit()

        self.app.push_screen(confirm_quit(self.lang, leave))

    def action_help(self) -> None:
        from guide_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.lang, self))

    def action_quit(self) -> None:
        self.app.exit()
