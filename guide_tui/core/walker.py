"""The walk through a guide: a pure state machine, no screen.

The walker knows where the user is, the path they took to get there, their
answers and ticks, and how far along the path they are (the steps ahead are
counted in ahead.py).  The screens call its
methods on key presses and redraw from its state; they never decide where
"next" goes (`Guide.next_of` does, for the walker).  Its saved form is written
and read back in saved_walk.py (`to_saved`, `from_saved`); nothing outside these
two modules writes its fields.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from guide_tui.core.ahead import StepsAhead
from guide_tui.core.answers import read_typed
from guide_tui.core.conditional import Blocks, Text, holds
from guide_tui.core.fields import END
from guide_tui.core.model import Guide, Step
from guide_tui.core.parts import Finish
from guide_tui.core.template import placeholders, substitute
from guide_tui.core.walk_replay import Replay
from guide_tui.i18n import Message

MAX_VISITS = 2_000  # the oldest stays are dropped beyond this, to bound a saved walk
PRIVATE = "•••"  # a private answer where a report or an export would show it


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


class Walker(Replay):
    """Where the user is in a guide and how they got there."""

    def __init__(self, guide: Guide, clock: Callable[[], float] = time.time) -> None:
        self.guide = guide
        self._clock = clock
        self.path: list[str] = []
        self.answers: dict[str, int] = {}  # question key -> chosen option index
        self.typed: dict[str, str] = {}  # question key -> the answer typed (`ask.input`)
        self.ticks: dict[str, set[int]] = {}  # step id -> ticked checklist items
        self.confirmed: dict[str, float] = {}  # step id -> when its `confirm` was confirmed, on this path
        self.skipped: set[str] = set()  # steps on the path the user said were already done
        # The steps the walk went on to beyond this one before the user went back (b, or a
        # jump in the outline): the way forward to them again (`forward`); saved with the walk.
        self.ahead: list[str] = []
        self.visits: list[Visit] = []
        self.finished = False
        self._steps_ahead = StepsAhead(guide)  # the n of "step k of n" (ahead.py)
        self._answered: tuple[object, dict[str, str]] = (None, {})
        self._questions = {s.id: s.ask for s in guide.steps if s.ask}  # the path's answers are looked up here
        self._uses: dict[str, list[tuple[str, int | None]]] | None = None  # see _answer_changed
        self._enter(guide.first_id())

    # -- where the user is -------------------------------------------------

    @property
    def step(self) -> Step:
        """The step on screen (the last one of the path, also once finished)."""
        return self.guide.step(self.path[-1])

    @property
    def answered(self) -> dict[str, str]:
        """The answers to the questions on the path taken, by key: the label chosen,
        or the text typed."""
        key = self._state_key()
        if self._answered[0] != key:  # every text on screen asks: once per change, not per text
            out: dict[str, str] = {}
            questions = self._questions
            for step_id in self.path:
                ask = questions.get(step_id)
                if ask is None:
                    continue
                if ask.typed:
                    if ask.key in self.typed:
                        out[ask.key] = self.typed[ask.key]
                elif ask.key in self.answers:
                    out[ask.key] = ask.options[self.answers[ask.key]].label
            self._answered = (key, out)
        return dict(self._answered[1])

    @property
    def answered_public(self) -> dict[str, str]:
        """`answered` with each private answer (`ask.private`) shown as PRIVATE: what a
        report may say."""
        out = self.answered
        for step_id in self.path:
            ask = self._questions.get(step_id)
            if ask is not None and ask.private and ask.key in out:
                out[ask.key] = PRIVATE
        return out

    def _state_key(self) -> tuple[object, ...]:
        """What the derived figures depend on; cheap on a long path. Every move changes the
        path's length or last step, and a restore sets a new list, so its id changes too."""
        return (
            id(self.path),
            len(self.path),
            self.path[-1],
            tuple(sorted(self.answers.items())),
            tuple(sorted(self.typed.items())),
        )

    def choice(self, step: Step | None = None) -> int | None:
        """Index of the option chosen at a step's question (None if unanswered)."""
        step = step or self.step
        return self.answers.get(step.ask.key) if step.ask else None

    def typed_answer(self, step: Step | None = None) -> str | None:
        """The answer typed at a step's question (None if none yet, or it has options)."""
        step = step or self.step
        return self.typed.get(step.ask.key) if step.ask and step.ask.typed else None

    def text(self, text: str | None, *, public: bool = False) -> str:
        """Guide text with `{{key}}` filled in from the answers on the path
        (`public`: private answers as PRIVATE, for a report)."""
        return substitute(text or "", self._values(self.answered_public if public else self.answered))

    def markdown(self, text: str | None) -> str:
        """Guide Markdown with answers filled in, escaped so a label stays text."""
        return substitute(text or "", self._values(self.answered), markdown=True)

    def _values(self, answered: dict[str, str]) -> dict[str, str]:
        """What `{{key}}` becomes: the answers, and "…" for a typed question passed over; the
        answers alone, not a copy of them, on every text of a walk with nothing passed over."""
        passed = self._passed_over()
        return {**passed, **answered} if passed else answered

    def _passed_over(self) -> dict[str, str]:
        """ "…" for the key of each typed question on the path that the user marked as already
        done (`d`) without typing an answer: the text then read "of order XM-1 of
        {{order_date}}" to the person walking. A question not reached yet shows its `{{key}}`
        as written, as before (an author checking a draft sees where it goes)."""
        if not self.skipped:
            return {}
        out = {}
        for step_id in self.skipped:
            ask = self._questions.get(step_id)
            if ask is not None and ask.typed and step_id in self.path:
                out[ask.key] = "…"
        return out

    def shown(self, items: tuple[Text, ...]) -> list[int]:
        """Positions of the items (notes, checklist, warning or body blocks) shown now:
        those without `when`, and those whose `when` holds for the answers on the path
        (the current step's own answer included)."""
        if not any(i.when for i in items):
            return list(range(len(items)))
        answers = self._answered_here()
        return [n for n, item in enumerate(items) if holds(item.when, answers)]

    def blocks(self, text: Blocks | None) -> str:
        """A body or a warning as shown now: the blocks whose `when` holds, as one
        Markdown text with answers filled in ("" when none is shown)."""
        if text is None:
            return ""
        if not text.conditional:
            return self.markdown(text)
        blocks = text.blocks
        return "\n\n".join(self.markdown(blocks[n]).strip("\n") for n in self.shown(blocks))

    @property
    def other_outcome(self) -> bool:
        """The walk ended at a step's own `finish`: another outcome than the one the guide
        ends with (someone sent to customer service), which no screen or report may call
        finished or mark with a tick."""
        return self.finished and self.step.finish is not None

    def unticked(self) -> list[tuple[str, int]]:
        """The checklist items shown on the path and not ticked: (step id, item position)."""
        return [
            (step_id, n)
            for step_id in self.path
            for n in self.shown(self.guide.step(step_id).checklist)
            if n not in self.ticks.get(step_id, ())
        ]

    @property
    def needs_confirm(self) -> bool:
        """True while the current step asks for a confirmation not given yet."""
        return not self.finished and bool(self.step.confirm) and self.step.id not in self.confirmed

    @property
    def can_advance(self) -> bool:
        """False while the current step's question is unanswered or its confirmation
        not given, or once finished."""
        return not self.finished and not self.needs_confirm and self.next_id() is not None

    @property
    def can_skip(self) -> bool:
        """Whether the current step can be marked as already done: anywhere but at a
        question with options not answered yet (its answer decides where the walk goes)."""
        if self.finished:
            return False
        ask = self.step.ask
        if ask is not None and not ask.typed and ask.key not in self._answered_here():
            return False
        return self._next_or_skip() is not None

    def next_id(self) -> str | None:
        """Where advancing goes from here (a step id or END), None if it cannot."""
        if self.finished:
            return None
        return self.guide.next_of(self.step, self._answered_here())

    def _next_or_skip(self) -> str | None:
        """Where going on goes from here, also past a typed question left unanswered
        (a step marked as already done: as if it had been passed over)."""
        target = self.next_id()
        step = self.step
        if target is None and step.ask is not None and step.ask.typed:
            return self.guide.landing(step.target(self.guide.default_next(step)), self._answered_here())
        return target

    def _answered_here(self) -> dict[str, str]:
        """The path's answers, with the current step's own answer (its step is on the path)."""
        return self._answered[1] if self._answered[0] == self._state_key() else self.answered

    def progress(self) -> tuple[int, int]:
        """(k, n): on step k of n, counted along the path the user is on (steps
        passed over by their `when` are not counted: they are not on it)."""
        done = len(self.path)
        if self.finished:
            return done, done
        ahead = self._steps_ahead.count(self._state_key(), self.path, self._answered_here, self.answers)
        return done, done + ahead

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
        """Go to the next step (or finish); False if the step is unanswered or waits
        for its confirmation."""
        target = self.next_id()
        if target is None or self.needs_confirm:
            return False
        self.skipped.discard(self.step.id)  # done after all
        self._go(target)
        return True

    def skip(self) -> bool:
        """Mark the current step as already done (skipped, not done) and go on without
        needing its ticks, its confirmation or a typed answer (those given stay: the user
        gave them); False where `can_skip` is."""
        if not self.can_skip:
            return False
        target = self._next_or_skip()
        assert target is not None
        self.skipped.add(self.step.id)
        self._go(target)
        return True

    def confirm(self) -> bool:
        """Give the current step's confirmation (its `confirm`), now; False if it has none."""
        if self.finished or not self.step.confirm:
            return False
        self.confirmed[self.step.id] = self._clock()
        return True

    def _go(self, target: str) -> None:
        self._leave()
        if self.ahead and self.ahead[0] == target:
            self.ahead.pop(0)  # on the way walked before
        else:
            self.ahead.clear()  # another way: what lay ahead on the old one does not
        if target == END:
            self.finished = True
        else:
            self._enter(target)

    def back(self) -> bool:
        """Retrace the path actually taken by one step; False at the first."""
        if self.finished:
            self.finished = False
            self._enter(self.path.pop())
            return True
        if len(self.path) < 2:
            return False
        self._leave()
        left = self.path.pop()
        self.ahead.insert(0, left)
        self._drop(left)
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
        gone = self.path[index + 1 :]
        del self.path[index:]
        self._enter(target)
        self.ahead[:0] = gone
        for step_id in gone:
            self._drop(step_id)
        return True

    def forward(self, count: int) -> int:
        """Go on along the steps walked before (`ahead`), `count` of them at most: each as
        `advance` goes, so a question not answered or a confirmation not given stops it
        there, and so does an answer that now leads elsewhere. How many it went."""
        went = 0
        while went < count and self.ahead and not self.finished and self.next_id() == self.ahead[0]:
            if not self.advance():
                break
            went += 1
        return went

    def _drop(self, step_id: str) -> None:
        """A step left the path: its confirmation and its "already done" go with it
        (coming that way again asks again); answers and ticks are kept."""
        if step_id not in self.path:
            self.confirmed.pop(step_id, None)
            self.skipped.discard(step_id)

    def answer(self, option: int) -> bool:
        """Choose an option (0-based) of the current step's question."""
        ask = self.step.ask
        if self.finished or ask is None or not 0 <= option < len(ask.options):
            return False
        if self.answers.get(ask.key, option) != option:
            self._answer_changed(ask.key)
        self.answers[ask.key] = option
        return True

    def answer_typed(self, raw: str) -> Message | None:
        """Take a typed answer for the current step's question (`ask.input`); None when
        it was taken, else why not (a message that says what to type)."""
        ask = self.step.ask
        if self.finished or ask is None or not ask.typed:
            return Message("answer.no_input")
        value, problem = read_typed(ask, raw)
        if problem is not None:
            return problem
        assert value is not None
        if self.typed.get(ask.key, value) != value:
            self._answer_changed(ask.key)
        self.typed[ask.key] = value
        return None

    def _answer_changed(self, key: str) -> None:
        """An answer became another: a tick or a confirmation given to a text that shows it
        ("已核对：新的优先支付方式为“{{method}}”") was given to what it said then, so it is
        taken back. It stood beside the new answer, saying what the user never checked."""
        if self._uses is None:  # once, on the first change: key -> (step, item or None for its confirm)
            self._uses = {}
            for step in self.guide.steps:
                texts: list[tuple[int | None, str]] = [(n, item.text) for n, item in enumerate(step.checklist)]
                texts += [(None, step.confirm)] if step.confirm else []
                for n, text in texts:
                    for used in dict(placeholders(text)):
                        self._uses.setdefault(used, []).append((step.id, n))
        for step_id, n in self._uses.get(key, ()):
            if n is None:
                self.confirmed.pop(step_id, None)
            else:
                self.ticks.get(step_id, set()).discard(n)

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
        self.typed, self.confirmed, self.skipped = {}, {}, set()
        self.ahead = []
        self.finished = False
        self._enter(self.guide.first_id())

    # -- internals ---------------------------------------------------------

    def _enter(self, step_id: str) -> None:
        self.path.append(step_id)
        self.visits.append(Visit(step_id, self._clock()))

    def _leave(self) -> None:
        last = self.visits[-1]
        if last.left is None:
            self.visits[-1] = Visit(last.step, last.entered, self._clock())
