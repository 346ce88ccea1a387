"""What procedure.find gives: an article's lines split into the summary, the steps and
what comes after them.  This module imports nothing from Textual or Rich."""

from __future__ import annotations

from dataclasses import dataclass, field

from guide_tui.i18n import Message
from guide_tui.importer.shape import Section


@dataclass
class Found:
    preamble: list[str]
    sections: list[Section]
    after: list[str]
    style: str
    checks: list[Message] = field(default_factory=list)  # what a person should look at
