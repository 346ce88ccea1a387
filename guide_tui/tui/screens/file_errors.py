"""The errors of a guide file being watched (`guide-tui GUIDE --watch`), in place of the step;
or of a guide chosen in the library that does not load, until Esc goes back to the library.

Watched, it is shown while the file does not load; as soon as it does, the walk comes
back (guide_tui/tui/watch.py).  Each problem is `PATH:LINE:COLUMN: error: MESSAGE`,
as `validate` prints it, terminal-safe, its lines broken as every text is
(core/text.py, through MarkdownText's blocks).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from guide_tui.core.loader import LoadResult
from guide_tui.core.text import safe_text
from guide_tui.i18n import t, tn
from guide_tui.tui.bindings import bindings
from guide_tui.tui.widgets.keys_bar import KeysBar
from guide_tui.tui.widgets.markdown_text import Block, MarkdownText


class FileErrorsScreen(Screen[None]):
    """A watched guide's errors, until its file is saved without them; with `watching`
    False, a guide's errors as it was opened from the library (it was a notice of six
    lines, which cut the second error in half and said nothing of the rest)."""

    BINDINGS = bindings("watch")

    def __init__(self, result: LoadResult, lang: str, title: str, *, watching: bool = True) -> None:
        super().__init__()
        self.result = result
        self.lang = lang
        self.title_text = title
        self.watching = watching

    def compose(self) -> ComposeResult:
        yield Static(Content(self.title_text), id="title-bar")
        with VerticalScroll(id="file-errors"):
            yield MarkdownText(id="file-errors-list")
        yield KeysBar()

    def on_mount(self) -> None:
        self.show(self.result)

    def show(self, result: LoadResult) -> None:
        """Show these problems (the file was saved again, still with errors)."""
        self.result = result
        errors = result.errors or result.problems
        words = "watch.errors" if self.watching else "library.cannot_open"
        head = tn(words, len(errors), self.lang, path=safe_text(result.path))
        blocks = [Block(Content(head).stylize("bold"), gap=False)]
        blocks += [Block(Content(safe_text(problem.format(self.lang))), rest="  ") for problem in errors]
        if self.watching:
            watching = t("watch.watching", self.lang, path=safe_text(result.path))
            blocks.append(Block(Content(watching).stylize("italic")))
        self.query_one("#file-errors-list", MarkdownText).show_blocks(blocks)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":  # to the library; a watched file's errors stand in for the walk
            return not self.watching
        if action == "quit":  # q: a watched file's screen has no field or list to type into
            return self.watching
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        self.dismiss()

    def action_quit(self) -> None:
        self.app.exit()
