"""The walk through a guide: a pure state machine, no screen.

The walker knows where the user is, the path they took to get there, their
answers and ticks, and how far along the path they are.  The screens call its
methods on key presses and redraw from its state; they never decide where
"next" goes (`Guide.next_of` does, for the walker).  It also owns its saved
form: `to_saved()` and `Walker.from_saved()`; nothing outside this module
writes its fields.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from guide_tui.core.model import END, Finish, Guide, Step
from guide_tui.core.template import substitute

MAX_VISITS = 2_000  # the oldest stays are dropped beyond this, to bound a saved walk
# Times in a saved walk are seconds since 1970; anything outside these years is not a
# time this program wrote, and would break date arithmetic later (year 10000 and up).
EARLIEST, LATEST = 0.0, 253_402_300_799.0  # 1970-01-01 .. 9999-12-31 23:59:59 UTC


@dataclass(frozen=True)
class Visit:
    """One stay on a step: when the user entered it and when they left (or None)."""

    step: str
    entered: float
    left: float | None = None


@dataclass(frozen=True)
class Notice:
    """Something to tell the user about a walk; the words are the message `notice.<code>`."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


class Items(list[str]):
    """A list of texts that prints as one line, so `{dropped}` formats readably."""

    def __str__(self) -> str:
        return "; ".join(str(x) for x in self)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


class SavedWalkError(ValueError):
    """A saved walk that is not of the shape `to_saved()` writes, or does not fit its guide."""


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
        return not self.finished and self.next_id() is not None

    def next_id(self) -> str | None:
        """Where advancing goes from here (a step id or END), None if it cannot."""
        if self.finished:
            return None
        return self.guide.next_of(self.step, self._answered_here())

    def _answered_here(self) -> dict[str, str]:
        """The path's answers, with the current step's own answer (its step is on the path)."""
        return self._answered[1] if self._answered[0] == self._state_key() else self.answered

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
                    following = guessed[step_id] = self._expected_next(self.guide.step(step_id))
                if following == END or following in seen:
                    break
                seen.add(following)
                ahead += 1
                step_id = following
            self._ahead = (key, ahead)
        return done, done + self._ahead[1]

    def _expected_next(self, step: Step) -> str:
        """The step after `step` on the way the walk is expected to go: an unanswered
        question is taken to get its first answer."""
        answers = self._answered_here()
        if step.ask and step.ask.key not in answers and step.ask.options:
            answers = {**answers, step.ask.key: step.ask.options[0].label}
        return self.guide.next_of(step, answers) or END

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

    def _enter(self, step_id: str) -> None:
        self.path.append(step_id)
        self.visits.append(Visit(step_id, self._clock()))

    def _leave(self) -> None:
        last = self.visits[-1]
        if last.left is None:
            self.visits[-1] = Visit(last.step, last.entered, self._clock())

    # -- the saved form ------------------------------------------------------

    def to_saved(self) -> dict[str, Any]:
        """Everything needed to resume, as plain JSON-ready data (see `from_saved`).

        Answers are saved with their label and ticks with their item's text, so
        a walk can be fitted to a guide that changed since."""
        checklist = {s: self.guide.step(s).checklist for s in self.ticks}
        return {
            "current": self.path[-1],
            "finished": self.finished,
            "path": list(self.path),
            "answers": {k: {"option": i, "label": self._label(k, i)} for k, i in self.answers.items()},
            "ticks": {s: sorted(t) for s, t in self.ticks.items() if t},
            "tick_items": {s: [_item(checklist[s], i) for i in sorted(t)] for s, t in self.ticks.items() if t},
            "visits": [[v.step, v.entered, v.left] for v in self.visits[-MAX_VISITS:]],
        }

    def _label(self, key: str, index: int) -> str:
        for s in self.guide.steps:
            if s.ask and s.ask.key == key:
                return s.ask.options[index].label
        return ""

    @classmethod
    def from_saved(
        cls,
        guide: Guide,
        saved: Any,
        clock: Callable[[], float] = time.time,
        *,
        saved_at: float | None = None,
        same_guide: bool = False,
    ) -> tuple[Walker, list[Notice]]:
        """A walker rebuilt from `to_saved()`'s data, and what to tell the user.

        SavedWalkError when `saved` is not of that shape (a truncated or
        hand-edited file is corrupt, never half-trusted).  When the guide changed
        since the save, answers whose option is gone and ticks whose item is gone
        are dropped (a `guide_changed` notice names them); the path keeps the
        saved steps for as long as each is still where the step before leads,
        so the walk resumes at the saved step or at the nearest earlier one that
        fits (`step_gone`).  With `same_guide` (the file's hash matches), a walk
        that does not fit is an error instead.  With `saved_at` (resuming), the
        stay that the save left open is closed then and a new one begins now.
        """
        check_saved(saved)
        dropped = Items()
        walker = cls(guide, clock)
        walker.answers = _fit_answers(guide, saved["answers"], dropped)
        walker.ticks = _fit_ticks(guide, saved["ticks"], saved["tick_items"], dropped)
        whole = walker._replay(saved["path"])
        moved = walker.path[-1] != saved["current"]
        finished = saved["finished"] and whole and walker.next_id() == END
        if same_guide and (dropped or moved or not whole):
            raise SavedWalkError("does not fit the guide it names")
        walker.finished = finished
        ids = {s.id for s in guide.steps}
        visits = [Visit(s, entered, left) for s, entered, left in saved["visits"] if s in ids]
        if saved_at is not None:
            if visits and visits[-1].left is None:
                last = visits[-1]
                visits[-1] = Visit(last.step, last.entered, max(last.entered, saved_at))
            if not finished:
                visits.append(Visit(walker.path[-1], clock()))
        walker.visits = visits[-MAX_VISITS:]
        notices: list[Notice] = []
        if dropped:
            notices.append(Notice("guide_changed", {"dropped": dropped}))
        if moved:
            step = guide.step(walker.path[-1])
            notices.append(Notice("step_gone", {"step": saved["current"], "at": step.id, "title": step.title}))
        return walker, notices

    def _replay(self, saved_path: list[str]) -> bool:
        """Follow the saved path from the first step for as long as each saved step
        is where the walk now leads (the guide may have changed); True if all of it
        could be followed.  Only the path is rebuilt here: visits are set by the caller."""
        ids = {s.id for s in self.guide.steps}
        present = [s for s in saved_path if s in ids]
        rest = present[1:] if present and present[0] == self.path[0] else present
        taken = 0
        for step_id in rest:
            if self.next_id() != step_id:
                break
            self.path.append(step_id)
            taken += 1
        return taken == len(rest) and len(present) == len(saved_path) and self.path[-1] == saved_path[-1]


def _item(items: tuple[str, ...], index: int) -> str:
    return items[index] if 0 <= index < len(items) else ""


def _fit_answers(guide: Guide, saved: dict[str, Any], dropped: Items) -> dict[str, int]:
    """Answers whose option still exists, found by the label the user chose."""
    asks = {s.ask.key: s.ask for s in guide.steps if s.ask}
    out: dict[str, int] = {}
    for key, a in saved.items():
        labels = [o.label for o in asks[key].options] if key in asks else []
        if a["option"] < len(labels) and labels[a["option"]] == a["label"]:
            out[key] = a["option"]
        elif a["label"] in labels:  # the options were reordered
            out[key] = labels.index(a["label"])
        else:
            dropped.append(f"{key} = {a['label']}")
    return out


def _fit_ticks(
    guide: Guide, saved: dict[str, list[int]], texts: dict[str, list[str]], dropped: Items
) -> dict[str, set[int]]:
    """Ticks whose checklist item (same text) still exists."""
    ids = {s.id for s in guide.steps}
    out: dict[str, set[int]] = {}
    for step_id, ticked in saved.items():
        items = guide.step(step_id).checklist if step_id in ids else ()
        kept: set[int] = set()
        for index, text in zip(ticked, texts[step_id], strict=True):
            if index < len(items) and items[index] == text:
                kept.add(index)
            elif text in items:
                kept.add(items.index(text))
            else:
                dropped.append(f"✓ {text or step_id}")
        if kept:
            out[step_id] = kept
    return out


# -- checking a saved walk ---------------------------------------------------------


def check_saved(w: Any) -> None:
    """SavedWalkError unless `w` is exactly of the shape `Walker.to_saved()` writes,
    every number in range (counts small and non-negative, times real dates)."""
    _expect(isinstance(w, dict), "walk")
    path = w.get("path")
    _expect(isinstance(path, list) and bool(path) and all(isinstance(s, str) for s in path), "path")
    _expect(w.get("current") == path[-1], "current")
    _expect(isinstance(w.get("finished"), bool), "finished")
    answers = w.get("answers")
    _expect(isinstance(answers, dict), "answers")
    for a in answers.values():
        _expect(isinstance(a, dict) and is_count(a.get("option")) and isinstance(a.get("label"), str), "answer")
    ticks, items = w.get("ticks"), w.get("tick_items")
    _expect(isinstance(ticks, dict) and isinstance(items, dict) and ticks.keys() == items.keys(), "ticks")
    for step_id, ticked in ticks.items():
        texts = items[step_id]
        _expect(
            isinstance(ticked, list) and all(is_count(i) for i in ticked) and len(set(ticked)) == len(ticked), "ticks"
        )
        _expect(
            isinstance(texts, list) and len(texts) == len(ticked) and all(isinstance(x, str) for x in texts),
            "tick_items",
        )
    visits = w.get("visits")
    _expect(isinstance(visits, list), "visits")
    for v in visits:
        _expect(
            isinstance(v, list)
            and len(v) == 3
            and isinstance(v[0], str)
            and is_time(v[1])
            and (v[2] is None or is_time(v[2])),
            "visit",
        )


def _expect(ok: bool, what: str) -> None:
    if not ok:
        raise SavedWalkError(what)


def is_count(x: Any) -> bool:
    """A whole number a walk can hold: not a bool, 0 or more, below a billion."""
    return isinstance(x, int) and not isinstance(x, bool) and 0 <= x < 1_000_000_000


def is_time(x: Any) -> bool:
    """Seconds since 1970 that make a real date (not a bool, finite, in years 1970-9999)."""
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) and EARLIEST <= x <= LATEST
