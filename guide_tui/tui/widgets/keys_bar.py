"""The screen's keys in one line at the bottom, the most important first.

Textual's Footer is a widget per key, and it rebuilds all of them whenever
the screen's bindings are refreshed, which Textual does after every focus
change. This bar draws the keys as one line of text and redraws only when the
keys shown change; they are also there in the first frame.

Which keys, in what order, and in which words comes from the key table
(guide_tui/tui/keys.py): a binding is shown when its table entry has a place
in the bar and the screen's check_action does not hide it (False); a key that
cannot act now (None) is dimmed. A screen may show a key's keys its own way
(`key_display`: the walker screen shows the answers' numbers a question has,
"1-2", not every digit bound). The bar never cuts a key in half: keys that
do not fit are left out, least important first; help (`?`), which lists every
key, and quit always stay. Clicking a key presses it.  While a dialog is open over
its screen the bar is empty: those keys do not act then.
"""

from __future__ import annotations

from typing import Any

from textual.color import Color
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from guide_tui.tui.bindings import label, shown_keys
from guide_tui.tui.keys import key_for

# (key pressed on click, key as shown, description, enabled, always kept: 1 or 0)
Key = tuple[str, str, str, bool, int]
KEPT = (
    "guide.help",
    "guide.quit",
    "library.help",
    "library.quit",
    "qr.close",
)  # always shown: help leads to every other key


class KeysBar(Widget):
    """One line of keys: "→/n 下一步 ←/b 上一步 … ? 帮助 q 退出"."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keys-bar--key", "keys-bar--description"}
    DEFAULT_CSS = """
    KeysBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    KeysBar > .keys-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeysBar > .keys-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    """

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self._keys: tuple[Key, ...] = ()
        self._kept: set[str] = set()
        self._covered = False  # a dialog is open over this bar's screen
        self.auto_links = False  # keys are clickable, but keep their own colours rather than a link's

    def on_mount(self) -> None:
        self._keys = self.keys()
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)

    def _screen_changed(self, _screen: object) -> None:
        """A dialog opened over this screen, or closed: while one is open (quit, restart, the
        palette, help), the keys of the screen under it do nothing, and are not shown; a
        dialog that has keys to show draws its own bar over this one (screens/qr.py).
        Called as the dialog is pushed, so its first frame has the bar as it should be."""
        covered = self.app.screen is not self.screen
        if covered != self._covered:
            self._covered = covered
            self.refresh()

    @property
    def lang(self) -> str:
        return str(getattr(self.screen, "lang", "en"))

    def keys(self) -> tuple[Key, ...]:
        """The keys to show now, one per table entry, the most important first."""
        shown: dict[str, Key] = {}
        kept: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            entry = key_for(binding.id)
            if entry is None or not entry.bar or not binding.show or entry.id in shown:
                continue
            display = shown_keys(binding)
            if binding.key_display:  # the table's keys, not a keymap's: the screen may say them better
                display = getattr(self.screen, "key_display", lambda _key: None)(entry) or display
            shown[entry.id] = (binding.key, display, label(binding, self.lang), enabled, entry.bar)
            if entry.id in KEPT:
                kept.add(entry.id)
        self._kept = kept
        order = sorted(shown.items(), key=lambda item: item[1][4])
        return tuple((*value[:4], 1 if entry_id in kept else 0) for entry_id, value in order)

    def _bindings_changed(self, _screen: object) -> None:
        keys = self.keys()
        if keys != self._keys:  # most refreshes (a focus change) change nothing here
            self._keys = keys
            self.refresh()

    def relabel(self) -> None:
        """Draw the words again (the interface language changed)."""
        self._keys = self.keys()
        self.refresh()

    def fitting(self, width: int) -> list[Key]:
        """The keys that fit in `width` cells, by importance, then help and quit."""
        kept = [key for key in self._keys if key[4]]
        room = width - sum(_width(k) + 1 for k in kept)
        chosen = []
        for key in self._keys:
            if key[4]:
                continue
            if _width(key) + 1 > room:
                break  # in order of importance: nothing less important jumps the queue
            chosen.append(key)
            room -= _width(key) + 1
        return chosen + kept  # help, behind which are the keys left out, and quit come last

    def render(self) -> Content:
        if self._covered:
            return Content("")
        key_style = _readable(self.get_visual_style("keys-bar--key", partial=True), self.background_colors[1])
        description_style = self.get_visual_style("keys-bar--description", partial=True)
        parts: list[Content] = []
        for key, display, description, enabled, _kept in self.fitting(self.content_region.width):
            click = Style.from_meta({"@click": f"app.simulate_key({key.split(',')[0]!r})" if enabled else "app.bell"})
            item = Content.assemble((display, key_style), (f" {description}", description_style)).stylize(click)
            parts.append(item if enabled else item.stylize("dim"))
        return Content(" ").join(parts)


def _width(key: Key) -> int:
    return Content(f"{key[1]} {key[2]}").cell_length


KEY_CONTRAST = 3.0  # the least a key may stand out from the bar (WCAG's figure for bold text)


def _readable(style: Style, behind: Color) -> Style:
    """`style` with its colour moved toward the bar's contrasting text colour until it stands
    out from the bar KEY_CONTRAST to 1: a theme's key colour is its accent, which on some
    bars read at 1.8:1 (atom-one-light, catppuccin-latte; 2.1:1 in atom-one-dark)."""
    background = style.background if style.background is not None and style.background.a else behind
    colour = style.foreground
    if colour is None or background is None:
        return style
    target = background.get_contrast_text(1.0)
    for step in range(1, 11):
        if _contrast(colour, background) >= KEY_CONTRAST:
            break
        colour = style.foreground.blend(target, step / 10)  # type: ignore[union-attr]
    return style if colour is style.foreground else style + Style(foreground=colour)


def _contrast(a: Color, b: Color) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(c: Color) -> float:
        def channel(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
