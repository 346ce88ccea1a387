"""The notice area: short messages in a place of their own, never over the guide.

Textual's toasts are drawn over the screen's lower right corner, which on a
small terminal is where the support panel's caveat or a checklist is. Here a
notice takes its own lines at the top of the step, the step moves down while
it shows, and a notice replaces the previous one of its kind: "resumed at
step 4" gives way to "started over", never stands beside it.

Kinds used: "walk" (resumed, started over), "hint" (what a key needs; cleared
when the user moves), "saving" (progress that cannot be saved), "language",
"link", "theme", "guide".
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.geometry import Size
from textual.timer import Timer
from textual.widget import Widget

from guide_tui.core.text import safe_text
from guide_tui.tui.widgets.markdown_text import hanging_lines

SYMBOLS = {"information": "ℹ", "warning": "⚠", "error": "✖"}


class Notices(Widget):
    """Notices, one per kind, each on its own line(s), for a few seconds."""

    DEFAULT_CSS = """
    Notices {
        height: auto;
        max-height: 6;
        padding: 0 1;
        background: $boost;
        display: none;
    }
    """

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        # kind -> (what is drawn, its timer, what `post` was given: text, severity, timeout)
        self._notices: dict[str, tuple[Content, Timer | None, tuple[str, str, float | None]]] = {}

    @property
    def shown(self) -> dict[str, str]:
        """kind -> the text shown (for tests and for the screen)."""
        return {kind: content.plain for kind, (content, _timer, _given) in self._notices.items()}

    def post(self, kind: str, text: str, severity: str = "information", timeout: float | None = 8) -> None:
        """Show `text` (plain text, never markup) in place of any notice of this kind.
        It often holds text from outside (a path, a system's message, a --theme
        value): control and invisible characters in it show as escapes (core/text.py)."""
        self.clear(kind)
        mark = SYMBOLS.get(severity, SYMBOLS["information"])
        content = Content(safe_text(text, newlines=True))
        if severity in ("warning", "error"):
            content = content.stylize("bold")
        timer = self.set_timer(timeout, lambda: self.clear(kind)) if timeout else None
        self._notices[kind] = (Content.assemble((f"{mark} ", "bold"), content), timer, (text, severity, timeout))
        self._changed()

    def clear(self, *kinds: str) -> None:
        """Take these kinds of notice away (every kind when none is named)."""
        cleared = [self._notices.pop(kind) for kind in kinds or tuple(self._notices) if kind in self._notices]
        for _content, timer, _given in cleared:
            if timer is not None:
                timer.stop()
        if cleared:  # a step change clears its hints: most often there are none, and nothing to lay out
            self._changed()

    def clear_information(self) -> None:
        """Take away the notices that only inform (a warning stays): said in a language
        the user has just left, they would stand beside the new one (app.switch_language)."""
        self.clear(*[kind for kind, (_content, _timer, given) in self._notices.items() if given[1] == "information"])

    def posted(self) -> list[tuple[str, str, str, float | None]]:
        """The notices shown, as `post` was given them (kind, text, severity, timeout): a
        screen built again posts them to its new notice area."""
        return [(kind, *given) for kind, (_content, _timer, given) in self._notices.items()]

    def _changed(self) -> None:
        self.display = bool(self._notices)
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        """Each notice broken by core/text.py, its lines after the first under its text."""
        out: list[Content] = []
        for content, _timer, _given in self._notices.values():
            out += hanging_lines(content[2:], content[:2], "  ", max(width, 4))
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width or self.size.width))
