"""Opening a walk where a user is, and saying where a walk is (Walker's replay part):
answers given ahead (`--answer`), walking on to a step (`--step`), the arguments that
open a walk again where it is (the hand-off report's command), and following a saved
path back (saved_walk.py). Walker (walker.py) is built on this class.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide_tui.core.fields import END

if TYPE_CHECKING:
    from guide_tui.core.model import Guide
    from guide_tui.core.parts import Ask


class Replay:
    """The replay methods of Walker, which holds the state they read and move."""

    guide: Guide
    path: list[str]
    answers: dict[str, int]
    typed: dict[str, str]
    _questions: dict[str, Ask]

    if TYPE_CHECKING:  # Walker's own, used here

        @property
        def answered(self) -> dict[str, str]: ...

        def next_id(self) -> str | None: ...

        def _next_or_skip(self) -> str | None: ...

        def _go(self, target: str) -> None: ...

    def preset(self, answers: dict[str, str]) -> None:
        """Take answers to any questions ahead, by key (labels or typed answers, as
        `core.answers.read_given` reads them): each question then opens answered."""
        for s in self.guide.steps:
            ask = s.ask
            if ask is None or ask.key not in answers:
                continue
            if ask.typed:
                self.typed[ask.key] = answers[ask.key]
            else:
                self.answers[ask.key] = [o.label for o in ask.options].index(answers[ask.key])

    def walk_to(self, step_id: str) -> bool:
        """From the current step, go on along the answers given until `step_id` is the
        current step (confirmations on the way are not given: the walk only shows
        where they were; a typed question left unanswered, such as a private one
        left out of a report, is passed, as it leads on one way).  False, where the
        walk stopped, if it never comes to it: a question with options on the way is
        unanswered, or the way ends or loops first."""
        seen = set(self.path)
        while self.path[-1] != step_id:
            target = self._next_or_skip()
            if target is None or target == END or target in seen:
                return False
            seen.add(target)
            self._go(target)
        return True

    def replay_args(self, opened_as: str | None = None) -> list[str]:
        """The `guide-tui` arguments that open this guide where this walk is, with its
        answers (`--answer KEY=VALUE`, private ones left out) and `--step`. The guide is
        named by `opened_as` (its file, see library/find.py reopen_name), else its id."""
        args = [opened_as or self.guide.id, "--lang", self.guide.language]
        answered = self.answered
        for step_id in self.path:
            ask = self._questions.get(step_id)
            if ask is not None and not ask.private and ask.key in answered:
                args += ["--answer", f"{ask.key}={answered[ask.key]}"]
        return [*args, "--step", self.path[-1]]

    def follow(self, saved_path: list[str], skipped: set[str]) -> bool:
        """Follow the saved path from the first step for as long as each saved step
        is where the walk now leads (the guide may have changed; a step marked as
        already done goes on as `skip` does); True if all of it could be followed.
        Only the path is rebuilt here: visits are set by the caller."""
        ids = {s.id for s in self.guide.steps}
        present = [s for s in saved_path if s in ids]
        rest = present[1:] if present and present[0] == self.path[0] else present
        taken = 0
        for step_id in rest:
            here = self._next_or_skip() if self.path[-1] in skipped else self.next_id()
            if here != step_id:
                break
            self.path.append(step_id)
            taken += 1
        return taken == len(rest) and len(present) == len(saved_path) and self.path[-1] == saved_path[-1]
