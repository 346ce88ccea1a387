"""The help screen: every key of the screen below it, from the key table, and
how the keys and the page work together (docs/keys.md says the same).

The keys shown are the ones bound now: a key remapped with `App.set_keymap`
shows its new key here as in the keys bar, and a key the screen shows its own
way now (`key_display`: help is F1 while the answer field has the keys, where
`?` types) is shown so here too.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen

from guide_tui.i18n import t
from guide_tui.tui.keys import Key, key_for, key_name, served_words
from guide_tui.tui.screens.frames import SettledScreen
from guide_tui.tui.widgets.markdown_text import Block, MarkdownText


def help_rows(screen: Screen[Any], keys: list[Key]) -> list[tuple[str, str]]:
    """(keys as shown, catalog key of the explanation) for each key, in table order."""
    bound: dict[str, list[str]] = {}
    remapped: set[str] = set()
    for _node, binding, _enabled, _tooltip in screen.active_bindings.values():
        key = key_for(binding.id)
        if key is not None:
            bound.setdefault(key.id, []).extend(binding.key.split(","))
            if not binding.key_display:
                remapped.add(key.id)
    own = getattr(screen, "key_display", None)  # the screen's way, now: F1 while a field has the keys
    rows = []
    for key in keys:
        shown = own(key, bar=False) if own is not None and key.id not in remapped else None
        if key.id in remapped:
            names = bound[key.id]
        elif shown:
            names = shown.split()
        else:
            names = key.keys.split(",") if key.keys else key.display.split()
        if len(names) > 4:
            names = [names[0], "…", names[-1]]
        rows.append(("  ".join(key_name(n) for n in dict.fromkeys(names)), key.help))
    return rows


class HelpScreen(ModalScreen[None], SettledScreen[None]):
    """Lists every key of the screen below; Esc, ?, F1 or q closes it."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "close", show=False, priority=True)]  # docs/keys.md

    def __init__(self, lang: str, screen: Screen[Any]) -> None:
        super().__init__()
        self.lang = lang
        keys: list[Key] = getattr(screen, "help_keys", lambda: [])()
        self.rows = help_rows(screen, keys)
        self.model = getattr(screen, "HELP_MODEL", ())

    def compose(self) -> ComposeResult:
        width = max(Content(keys).cell_length for keys, _ in self.rows) + 2
        served = bool(getattr(self.app, "served", False))
        blocks = [
            Block(
                Content(t(served_words(key, served), self.lang)),
                keys + " " * (width - Content(keys).cell_length),
                " " * width,
                gap=False,
            )
            for keys, key in self.rows
        ]
        blocks += [Block(Content(t(key, self.lang))) for key in (*self.model, "help.mouse")]
        blocks.append(Block(Content(t("help.close", self.lang)).stylize("italic")))
        text = MarkdownText(id="help-keys")
        text.show_blocks(blocks)
        with Vertical(id="dialog", classes="help") as dialog:
            dialog.border_title = Content(t("help.title", self.lang))
            with VerticalScroll(id="help-scroll"):
                yield text

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
