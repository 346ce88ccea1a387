"""The walk through a guide: a pure state machine, no screen.

The walker knows where the user is, the path they took to get there, their
answers and ticks, and how far along the path they are.  The screens call its
methods on key presses and redraw from its state; they never decide where
"next" goes.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from guide_tui.core.model import END, Finish, Guide, Step
from guide_tui.core.template import substitute


@dataclass(frozen=True)
class Visit:
    """One stay on a step: when the user entered it and when they left (or None)."""

    step: str
    entered: float
    left: float | None = None


class Walker:
    """Where the user is in a guide and how they got there."""

    def __init__(self, guide: Guide, clock: Callable[[], float] = time.time) -> None:
        self.guide = guide
        self._clock = clock
        self.path: list[str] = []
        self.answers: dict[str, int] = {}  # question key -> chosen option index
        self.ticks: dict[str, set[int]] = {}  # step id -> ticked checklist items
        self.visits: list[Visit] = []
        self.finished = False
        self._ahead: tuple[object, int] = (None, 0)
        self._answered: tuple[object, dict[str, str]] = (None, {})
        self._guesses: tuple[object, dict[str, str]] = (None, {})
        self._questions = {s.id: s.ask for s in guide.steps if s.ask}  # the path's answers are looked up here
        self._enter(guide.steps[0].id)

    # -- where the user is -------------------------------------------------

    @property
    def step(self) -> Step:
        """The step on screen (the last one of the path, also once finished)."""
        return self.guide.step(self.path[-1])

    @property
    def answered(self) -> dict[str, str]:
        """Labels chosen for the questions on the path taken, by key."""
        key = self._state_key()
        if self._answered[0] != key:  # every text on screen asks: once per change, not per text
            out: dict[str, str] = {}
            questions = self._questions
            for step_id in self.path:
                ask = questions.get(step_id)
                if ask and ask.key in self.answers:
                    out[ask.key] = ask.options[self.answers[ask.key]].label
            self._answered = (key, out)
        return dict(self._answered[1])

    def _state_key(self) -> tuple[object, ...]:
        """What the derived figures depend on; cheap on a long path. Every move changes the
        path's length or last step, and a restore sets a new list, so its id changes too."""
        return (id(self.path), len(self.path), self.path[-1], tuple(sorted(self.answers.items())))

    def choice(self, step: Step | None = None) -> int | None:
        """Index of the option chosen at a step's question (None if unanswered)."""
        step = step or self.step
        return self.answers.get(step.ask.key) if step.ask else None

    def text(self, text: str | None) -> str:
        """Guide text with `{{key}}` filled in from the answers on the path."""
        return substitute(text or "", self.answered)

    def markdown(self, text: str | None) -> str:
        """Guide Markdown with answers filled in, escaped so a label stays text."""
        return substitute(text or "", self.answered, markdown=True)

    @property
    def can_advance(self) -> bool:
        """False while the current step's question is unanswered, or once finished."""
        return not self.finished and (self.step.ask is None or self.choice() is not None)

    def next_id(self) -> str | None:
        """Where advancing goes from here (a step id or END), None if it cannot."""
        if not self.can_advance:
            return None
        return self._next_of(self.step)

    def progress(self) -> tuple[int, int]:
        """(k, n): on step k of n, counted along the path the user is on."""
        done = len(self.path)
        if self.finished:
            return done, done
        key = self._state_key()
        if self._ahead[0] != key:  # counting ahead is O(steps): once per change, not per redraw
            ahead = 0
            seen = set(self.path)
            guessed = self._guessed_next()
            step_id = self.path[-1]
            while True:
                following = guessed.get(step_id)
                if following is None:
                    following = guessed[step_id] = self._next_of(self.guide.step(step_id), guess=True)
                if following == END or following in seen:
                    break
                seen.add(following)
                ahead += 1
                step_id = following
            self._ahead = (key, ahead)
        return done, done + self._ahead[1]

    def _guessed_next(self) -> dict[str, str]:
        """Step id -> the step after it, an unanswered question taking its first answer.
        Kept until an answer changes, so counting ahead on a long guide is a walk
        through a dict rather than through the guide."""
        answers = tuple(sorted(self.answers.items()))
        if self._guesses[0] != answers:
            self._guesses = (answers, {})
        return self._guesses[1]

    def ending(self) -> Finish | None:
        """The finish text that applies: the last step's own `finish` when the walk
        ended right after a step that has one, else the guide's (None: neither)."""
        own = self.step.finish if self.finished else None
        return own or self.guide.finish

    def ticked(self, step: Step | None = None) -> set[int]:
        step = step or self.step
        return self.ticks.get(step.id, set())

    # -- moving ------------------------------------------------------------

    def advance(self) -> bool:
        """Go to the next step (or finish); False if the step is unanswered."""
        target = self.next_id()
        if target is None:
            return False
        self._leave()
        if target == END:
            self.finished = True
        else:
            self._enter(target)
        return True

    def back(self) -> bool:
        """Retrace the path actually taken by one step; False at the first."""
        if self.finished:
            self.finished = False
            self._enter(self.path.pop())
            return True
        if len(self.path) < 2:
            return False
        self._leave()
        self.path.pop()
        self._enter(self.path.pop())
        return True

    def jump(self, index: int) -> bool:
        """Go back to the step at this position of the path taken."""
        if not 0 <= index < len(self.path) or (index == len(self.path) - 1 and not self.finished):
            return False
        if not self.finished:
            self._leave()
        self.finished = False
        target = self.path[index]
        del self.path[index:]
        self._enter(target)
        return True

    def answer(self, option: int) -> bool:
        """Choose an option (0-based) of the current step's question."""
        ask = self.step.ask
        if self.finished or ask is None or not 0 <= option < len(ask.options):
            return False
        self.answers[ask.key] = option
        return True

    def toggle(self, item: int) -> bool:
        """Tick or untick a checklist item (0-based) of the current step."""
        if self.finished or not 0 <= item < len(self.step.checklist):
            return False
        ticks = self.ticks.setdefault(self.step.id, set())
        ticks.symmetric_difference_update({item})
        return True

    def restart(self) -> None:
        """Start the walk over at the first step, with no answers or ticks."""
        self.path, self.answers, self.ticks, self.visits = [], {}, {}, []
        self.finished = False
        self._enter(self.guide.steps[0].id)

    # -- internals ---------------------------------------------------------

    def _next_of(self, step: Step, guess: bool = False) -> str:
        default = step.next or self.guide.default_next(step)
        if step.ask is None:
            return default
        chosen = self.answers.get(step.ask.key)
        if chosen is None:
            if not guess:
                raise ValueError("unanswered")
            chosen = 0  # the first answer is the expected way through
        return step.ask.options[chosen].next or default

    def _enter(self, step_id: str) -> None:
        self.path.append(step_id)
        self.visits.append(Visit(step_id, self._clock()))

    def _leave(self) -> None:
        last = self.visits[-1]
        if last.left is None:
            self.visits[-1] = Visit(last.step, last.entered, self._clock())

    # -- saving --------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to resume, as plain JSON-ready data."""
        return {
            "current": self.path[-1],
            "finished": self.finished,
            "path": list(self.path),
            "answers": {k: {"option": i, "label": self._label(k, i)} for k, i in self.answers.items()},
            "ticks": {s: sorted(t) for s, t in self.ticks.items() if t},
            "visits": [[v.step, v.entered, v.left] for v in self.visits],
        }

    def _label(self, key: str, index: int) -> str:
        for s in self.guide.steps:
            if s.ask and s.ask.key == key:
                return s.ask.options[index].label
        return ""
