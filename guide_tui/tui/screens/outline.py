"""The outline: the steps visited so far, to jump back to one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from guide_tui.core.walker import Walker
from guide_tui.i18n import t


class OutlineScreen(ModalScreen[int | None]):
    """Returns the position in the path to jump to, or None."""

    BINDINGS = [Binding("escape,o,q", "close", show=False, priority=True)]  # keys typed quickly: docs/keys.md

    def __init__(self, walker: Walker, lang: str) -> None:
        super().__init__()
        self.walker = walker
        self.lang = lang

    def compose(self) -> ComposeResult:
        w = self.walker
        current = len(w.path) - 1
        rows = []
        for i, step_id in enumerate(w.path):
            here = i == current and not w.finished
            marker = "▶ " if here else ("↷ " if step_id in w.skipped else "✓ ")
            skipped = f" ({t('walk.skipped', self.lang)})" if step_id in w.skipped and not here else ""
            rows.append(Option(Content(f"{marker}{i + 1}. {w.text(w.guide.step(step_id).title)}{skipped}")))
        with Vertical(id="dialog") as dialog:
            dialog.border_title = Content(t("outline.title", self.lang))
            options = OptionList(*rows, id="outline-list")
            yield options

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = len(self.walker.path) - 1
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_close(self) -> None:
        self.dismiss(None)
