"""How many steps lie ahead of the user: the n of the walker's "step k of n".

The way ahead is the one the walk is expected to take: each question not answered
yet is taken to get its first answer (a typed one, some answer), and steps whose
`when` does not hold are not on it.  Counting is O(steps), so it is done once per
change of the walk (the walker's state key), not on every redraw.  This module
imports nothing from Textual or Rich.
"""

from __future__ import annotations

from guide_tui.core.fields import END

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from guide_tui.core.model import Guide, Step


class StepsAhead:
    """The steps ahead of a walk through one guide, counted once per state of the walk."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self._counted: tuple[object, int] = (None, 0)
        self._guesses: tuple[object, dict[str, str]] = (None, {})

    def count(
        self, state: object, path: list[str], answers: Callable[[], Mapping[str, str]], chosen: Mapping[str, int]
    ) -> int:
        """Steps ahead of `path`'s last step. `state`: what the count depends on (counted
        again only when it changes); `answers()`: the path's answers by key (the current
        step's own included), asked for only then; `chosen`: the options chosen, by key."""
        if self._counted[0] != state:
            here = answers()
            ahead = (
                self._with_conditions(path, here, chosen)
                if self.guide.has_conditions
                else self._plain(path, here, chosen)
            )
            self._counted = (state, ahead)
        return self._counted[1]

    def _plain(self, path: list[str], answers: Mapping[str, str], chosen: Mapping[str, int]) -> int:
        ahead = 0
        seen = set(path)
        guessed = self._guessed_next(chosen)
        step_id = path[-1]
        while True:
            following = guessed.get(step_id)
            if following is None:
                following = guessed[step_id] = self._expected_next(self.guide.step(step_id), dict(answers), chosen)
            if following == END or following in seen:
                break
            seen.add(following)
            ahead += 1
            step_id = following
        return ahead

    def _with_conditions(self, path: list[str], answers: Mapping[str, str], chosen: Mapping[str, int]) -> int:
        """Steps ahead when some steps have `when`: which are shown depends on the
        answers expected on the way, so the way is followed with them (no per-step cache)."""
        expected = dict(answers)  # a copy: the guesses must not become answers
        ahead = 0
        seen = set(path)
        step = self.guide.step(path[-1])
        while True:
            following = self._expected_next(step, expected, chosen)
            if following == END or following in seen:
                return ahead
            seen.add(following)
            ahead += 1
            step = self.guide.step(following)

    def _expected_next(self, step: Step, answers: dict[str, str], chosen: Mapping[str, int]) -> str:
        """The step after `step` on the way the walk is expected to go: a question ahead
        with an answer kept from before (the user went back past it) is taken to get that
        answer, as the walk shows it chosen there and goes on with it; any other unanswered
        question its first answer (a typed one, some answer). The guess is added to
        `answers`, for the steps further on."""
        ask = step.ask
        if ask and ask.key not in answers:
            kept = chosen.get(ask.key)
            if ask.options:
                answers[ask.key] = ask.options[kept if kept is not None and kept < len(ask.options) else 0].label
            else:
                answers[ask.key] = "…"
        return self.guide.next_of(step, answers) or END

    def _guessed_next(self, chosen: Mapping[str, int]) -> dict[str, str]:
        """Step id -> the step after it, an unanswered question taking its first answer.
        Kept until an answer changes, so counting ahead on a long guide is a walk
        through a dict rather than through the guide."""
        key = tuple(sorted(chosen.items()))
        if self._guesses[0] != key:
            self._guesses = (key, {})
        return self._guesses[1]
