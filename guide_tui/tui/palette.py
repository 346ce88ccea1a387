"""The command palette's entries as Content, never as markup.

Textual's own provider of the app's commands reads each title and help text
as markup (`Content.from_markup`, also when it highlights a match), so an
entry with a `[` in it would be cut short, crash the palette, or attach a link
or an action.  This provider gives the palette the same commands
(`App.get_system_commands`) as Content objects, which it shows as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

if TYPE_CHECKING:
    from textual.visual import VisualType


def _plain(text: str) -> str:
    """Typed as the str Textual declares; at run time a Content, which it keeps as it is."""
    return cast("str", Content(text))


class PlainCommands(Provider):
    """The app's commands (language, theme, the screen's keys) in the palette."""

    async def discover(self) -> Hits:
        commands = sorted(self.app.get_system_commands(self.screen), key=lambda command: command[0])
        for title, help_text, callback, discover in commands:
            if discover:
                yield DiscoveryHit(cast("VisualType", Content(title)), callback, text=title, help=_plain(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(title, query, matcher), callback, text=title, help=_plain(help_text))


def _highlight(title: str, query: str, matcher: Matcher) -> Content:
    """The title with the letters the query matched in the palette's match style."""
    content = Content(title)
    score, offsets = matcher.fuzzy_search.match(query, title)
    if not score:
        return content
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
