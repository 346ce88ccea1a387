"""Problems found in a guide file, each with a place an author can find."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from guide_tui.core.text import safe_text
from guide_tui.i18n import Message

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from typing import Any

# Line breaks as YAML counts them (after decode() refused U+0085, U+2028 and U+2029).
_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, printed as `PATH:LINE:COLUMN: error: MESSAGE`.

    `message` is the English words; `key` and `params` (a catalog key of
    guide_tui/i18n and its parameters, when the problem was made with
    `Problem.of`) let `text(lang)` and `format(lang)` say it in another
    language.  The words "error" and "warning" stay English in `format()`, so
    editors and CI that parse the line keep working in every language.

    The message is made terminal-safe when the problem is created, because it
    often quotes text from the (possibly hostile) file."""

    path: str
    line: int  # 1-based
    column: int  # 1-based
    severity: str  # "error" or "warning"
    message: str
    key: str = field(default="", compare=False, repr=False)
    params: tuple[tuple[str, Any], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", safe_text(self.message))

    @classmethod
    def of(cls, path: str, line: int, column: int, severity: str, message: Message) -> Problem:
        """A problem whose words come from the message catalog, in any language."""
        return cls(path, line, column, severity, message.text("en"), message.key, tuple(message.params.items()))

    def text(self, lang: str = "en") -> str:
        """The message in `lang` (terminal-safe); English for an unknown language."""
        if not self.key or lang == "en":
            return self.message
        return safe_text(Message(self.key, **dict(self.params)).text(lang))

    def format(self, lang: str = "en") -> str:
        """`PATH:LINE:COLUMN: error: MESSAGE` with the message in `lang`."""
        return f"{safe_text(self.path)}:{self.line}:{self.column}: {self.severity}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.format("en")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class GuideError(Exception):
    """A guide could not be loaded; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def position_in_text(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in a text, counting
    `\\r\\n`, `\\r` and `\\n` as one line break each, as YAML does."""
    line, start = 1, 0
    for match in _BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1
