"""Problems found in a guide file, each with a place an author can find."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning, printed as `PATH:LINE:COLUMN: error: MESSAGE`."""

    path: str
    line: int  # 1-based
    column: int  # 1-based
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class GuideError(Exception):
    """A guide could not be loaded; `problems` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def position_in_text(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in a text."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column
