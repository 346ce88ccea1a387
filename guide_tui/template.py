"""`{{key}}` substitution in guide text.

`{{key}}` is replaced by the label chosen for `key`; `{{{{` writes a literal `{{`.
A key that has no answer yet is left as written, so the user sees what is missing.
"""

from __future__ import annotations

import re
from typing import Mapping

_TOKEN = re.compile(r"\{\{\{\{|\{\{\s*([A-Za-z0-9_]+)\s*\}\}")


def placeholders(text: str) -> list[tuple[str, int]]:
    """The keys a text refers to, with each one's character offset."""
    return [(m.group(1), m.start()) for m in _TOKEN.finditer(text) if m.group(1)]


def substitute(text: str, answers: Mapping[str, str]) -> str:
    """Fill in answered keys; leave unanswered ones as `{{key}}`."""

    def repl(m: re.Match[str]) -> str:
        key = m.group(1)
        if key is None:
            return "{{"
        return answers.get(key, m.group(0))

    return _TOKEN.sub(repl, text)
