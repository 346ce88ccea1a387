"""`{{key}}` substitution in guide text.

`{{key}}` is replaced by the label chosen for `key`; `{{{{` writes a literal `{{`.
A key that has no answer yet is left as written, so the user sees what is missing.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from collections.abc import Mapping


_TOKEN = re.compile(r"\{\{\{\{|\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&])")


def placeholders(text: str) -> list[tuple[str, int]]:
    """The keys a text refers to, with each one's character offset."""
    return [(m.group(1), m.start()) for m in _TOKEN.finditer(text) if m.group(1)]


def stray_braces(text: str) -> list[int]:
    """Offsets of `{{` that is neither `{{{{` nor the start of a `{{key}}`:
    almost always a typo such as `{{ key }` or `{{method-name}}`."""
    offsets: list[int] = []
    pos = 0
    while True:
        found = text.find("{{", pos)
        if found < 0:
            return offsets
        match = _TOKEN.match(text, found)
        if match:
            pos = match.end()
        else:
            offsets.append(found)
            pos = found + 2
            while text.startswith("{", pos):
                pos += 1  # `{{{x}}` is one stray, not two


def substitute(text: str, answers: Mapping[str, str], *, markdown: bool = False) -> str:
    """Fill in answered keys; leave unanswered ones as `{{key}}`.

    With markdown=True the answers are escaped so that a label can never
    become a link, emphasis or other Markdown in the text it lands in."""

    def repl(m: re.Match[str]) -> str:
        key = m.group(1)
        if key is None:
            return "{{"
        if key not in answers:
            return m.group(0)
        answer = answers[key]
        return _MARKDOWN_SPECIAL.sub(r"\\\1", answer) if markdown else answer

    return _TOKEN.sub(repl, text)
