"""The YAML mistakes a Chinese input method makes: a key followed by the full-width colon
"：" (`title：烧水`), or a line indented with the full-width space U+3000.

YAML reads `title：烧水` as one text, so the error it reports comes later and elsewhere
(`body` "further in than the line above", or a missing ':' at the end of the file).  The
loader asks here first: the place of the first such key or indent at or above the line
YAML stopped at, and a message that says what to type instead.  Only the guide format's
own keys count, so a line of a text block ("Note：…") is never taken for one.

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
from functools import cache

from guide_tui.core.fields import field_specs
from guide_tui.core.model import Guide
from guide_tui.i18n import Message

FULL_COLON = "："
FULL_SPACE = "\u3000"

# A line's first key, after any indent (spaces, tabs or U+3000) and a list's "- ", with
# the colon that follows it (either width), and the rest of the line.
_KEY = re.compile(r"^([ \t\u3000]*)(?:-[ \t\u3000]+)?([A-Za-z_][\w-]*)[ \t]*([:：])[ \t\u3000]*(.*)$")


@cache
def guide_keys() -> frozenset[str]:
    """Every key the guide format has, at any depth (model.py and parts.py)."""
    keys: set[str] = set()
    todo: list[type] = [Guide]
    seen: set[type] = set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for _, spec in field_specs(model):
            keys.add(spec.key)
            if spec.model is not None:
                todo.append(spec.model)
    return frozenset(keys)


def key_with_full_colon(text: str) -> tuple[str, str] | None:
    """`title：烧水` -> ("title", "烧水") when the key is one of the format's; else None."""
    found = _KEY.match(text)
    if found is None or found.group(3) != FULL_COLON or found.group(2) not in guide_keys():
        return None
    return found.group(2), found.group(4)


def colon_message(key: str, value: str) -> Message:
    """What to type instead of `key：value`."""
    value = _short(value)
    return Message("load.full_colon", key=key, example=f"{key}: {value}" if value else f"{key}:")


def first_mistake(text: str, last_line: int) -> tuple[int, int, Message] | None:
    """The first full-width colon after a key, or full-width space in a key's or an item's
    indent, on lines 1 to `last_line`: (line, column, message), both counted from 1."""
    for number, line in enumerate(text.split("\n", last_line)[:last_line], start=1):
        found = _KEY.match(line)
        if found is None or found.group(2) not in guide_keys():
            continue
        indent = found.group(1)
        if FULL_SPACE in indent:
            return number, indent.index(FULL_SPACE) + 1, Message("load.full_space")
        if found.group(3) == FULL_COLON:
            return number, found.start(3) + 1, colon_message(found.group(2), found.group(4))
    return None


def _short(text: str, limit: int = 30) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
