"""The walker screen's scrolling page: the step and its side panels.

The page has the keys on a step with no list or field (the arrows scroll it), so
the focus moves to it and away from it on many step changes. Textual restyles a
widget and everything inside it when its focus changes, for rules such as
`Page:focus Label` that style what is inside a focused widget; inside the page that
is the whole step. No such rule reaches inside the page (the stylesheet is checked
each time: one that does, in a theme or a later version, gets Textual's restyle),
so the page alone is restyled. Measured headless at 80x24, a step change to or from
a step with a checklist: 3.7 ms of its 19 ms of CPU went on restyling the step.
"""

from __future__ import annotations

from dataclasses import replace

from textual.containers import VerticalScroll
from textual.dom import DOMNode

FOCUS_CLASSES = {"focus", "blur"}  # the pseudo-classes a focus change turns on or off


class Page(VerticalScroll):
    """A VerticalScroll whose focus change restyles itself, not all it holds, when it may."""

    def watch_has_focus(self, has_focus: bool) -> None:
        if focus_styles_inside(self):
            super().watch_has_focus(has_focus)
        else:
            self.app.stylesheet.update_nodes([self], animate=True)


def focus_styles_inside(node: DOMNode) -> bool:
    """Whether a rule of the app's stylesheet styles what is inside `node` by `node`'s focus:
    a selector with :focus or :blur on a part that matches `node`, before its last part."""
    for rule in node.app.stylesheet.rules:
        for selector_set in rule.selector_set:
            for selector in selector_set.selectors[:-1]:
                if selector.pseudo_classes & FOCUS_CLASSES and replace(selector, pseudo_classes=set()).check(node):
                    return True
    return False
