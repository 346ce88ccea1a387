"""The screen's keys in one line at the bottom, as Textual's compact Footer shows them.

Textual's Footer is a widget per key, and it rebuilds all of them whenever
the screen's bindings are refreshed, which Textual does after every focus
change: on the walker that was a rebuild, and a restyle of every key, on
most step changes. This bar draws the same keys as one line of text and
redraws only when the keys shown change; they are also there in the first
frame instead of arriving a frame later.

A key is shown when its binding has show=True and the screen's check_action
does not hide it (False); a key that cannot act now (None) is dimmed.
Clicking a key presses it. The labels are the app's own, never guide text.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

# (key pressed on click, key as shown, description, enabled)
Key = tuple[str, str, str, bool]


class KeysBar(Widget):
    """One line of keys: "←/b 上一步 →/n 下一步 … q 退出"."""

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
        self.auto_links = False  # keys are clickable, but keep their own colours rather than a link's

    def on_mount(self) -> None:
        self._keys = self.keys()
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def keys(self) -> tuple[Key, ...]:
        """The keys to show now, one per action, in the order the bindings are declared."""
        shown: dict[str, Key] = {}
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
        return tuple(shown.values())

    def _bindings_changed(self, _screen: object) -> None:
        keys = self.keys()
        if keys != self._keys:  # most refreshes (a focus change) change nothing here
            self._keys = keys
            self.refresh()

    def render(self) -> Content:
        key_style = self.get_visual_style("keys-bar--key", partial=True)
        description_style = self.get_visual_style("keys-bar--description", partial=True)
        parts: list[Content] = []
        for key, display, description, enabled in self._keys:
            click = Style.from_meta({"@click": f"app.simulate_key({key!r})" if enabled else "app.bell"})
            item = Content.assemble((display, key_style), (f" {description}", description_style)).stylize(click)
            parts.append(item if enabled else item.stylize("dim"))
        return Content(" ").join(parts)
