"""The guide model: frozen dataclasses, the single source of truth for format 1.
`Guide` and `Step` are here; the smaller records they hold (a question, a support
contact, the ending...) are in parts.py.

Every field carries a `FieldSpec` (fields.py) in its metadata: the YAML key, what
kind of value it holds, whether it is required and a one-line description.  The loader
reads these specs to check a file, and the JSON Schema is generated from them,
so the format is written down exactly once.

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass, field

from guide_tui.core.conditional import Blocks, Text, When, holds, items_data, when_dict
from guide_tui.core.fields import (
    AUDIENCES,
    END,
    MAX_STEPS,
    field_specs,
    spec,
)
from guide_tui.core.parts import Ask, Contact, Finish, Item, LineItem, Source, TranslatedFrom

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from collections.abc import Mapping
    from typing import Any


@dataclass(frozen=True)
class Step:
    """One step of the walk."""

    id: str = field(
        metadata=spec(
            "id",
            "slug",
            "The step's id, unique within the guide: lower-case letters, digits and `-`, such as `choose-method`. `next` and answers name it; translations keep it. Default: `step-N`, its position (1-based).",
        )
    )
    title: str = field(
        metadata=spec(
            "title",
            "line",
            "The step's heading: one line that says what to do, such as `Log in to your account`. "
            "`{{key}}` shows an earlier answer.",
            required=True,
        )
    )
    when: When = field(
        default=(),
        metadata=spec(
            "when",
            "when",
            "Shown only when these questions were answered with these labels, such as `{method: [Bank card, Credit card]}`; "
            "else passed over (its `next` is followed as if it had been shown).",
        ),
    )
    body: Blocks | None = field(
        default=None,
        metadata=spec(
            "body",
            "blocks",
            "What to do, in Markdown: one action, said plainly (what to open, what to press, what the person will see). "
            "Or a list of blocks, each a text or `{text, when}`.",
            model=Item,
        ),
    )
    notes: tuple[Text, ...] = field(
        default=(),
        metadata=spec(
            "notes",
            "items",
            "Side notes for this step, shown in the notes panel: each a Markdown text, or `{text, when}`.",
            model=Item,
        ),
    )
    warning: Blocks | None = field(
        default=None,
        metadata=spec(
            "warning",
            "blocks",
            "Markdown shown prominently: something that can cost money or data if done wrong. "
            "Or a list of texts or `{text, when}`.",
            model=Item,
        ),
    )
    checklist: tuple[Text, ...] = field(
        default=(),
        metadata=spec(
            "checklist",
            "items",
            "Things the person can tick, one line each (or `{text, when}`); the ticks are saved with the progress.",
            model=LineItem,
        ),
    )
    confirm: str | None = field(
        default=None,
        metadata=spec(
            "confirm",
            "markdown",
            "Before the walk moves on from this step, the person confirms this text explicitly (a key that is not Enter), "
            "for a step that cannot be undone.",
        ),
    )
    ask: Ask | None = field(
        default=None,
        metadata=spec(
            "ask",
            "model",
            "A question the person answers before moving on (`key`, `prompt`, `options`); an answer may lead elsewhere with its own `next`.",
            model=Ask,
        ),
    )
    show_support: bool = field(
        default=False,
        metadata=spec(
            "show_support", "bool", '`true`: this step brings the support panel into focus, as for "call support".'
        ),
    )
    next: str | None = field(
        default=None,
        metadata=spec(
            "next",
            "next",
            "The step that follows (its `id`), or `end`. Default: the next step in the list, or the end after the last.",
        ),
    )
    finish: Finish | None = field(
        default=None,
        metadata=spec(
            "finish",
            "model",
            "Shown instead of the guide's `finish` when the walk ends right after this step.",
            model=Finish,
        ),
    )

    def __post_init__(self) -> None:
        """Texts given as plain str (a Step built in code) become Texts and Blocks."""
        for name, items in (("notes", self.notes), ("checklist", self.checklist)):
            if items and not all(type(i) is Text for i in items):
                object.__setattr__(self, name, tuple(i if isinstance(i, Text) else Text(i) for i in items))
        for name, text in (("body", self.body), ("warning", self.warning)):
            if text is not None and not isinstance(text, Blocks):
                object.__setattr__(self, name, Blocks((Text(text),)))

    def target(self, following: str, option: int | None = None) -> str:
        """Where the walk goes from this step as the file writes it: the chosen
        option's `next`, else the step's `next`, else `following` (the step after
        it in the file, or END).  The one rule for "where does next go";
        `Guide.next_of` applies it to a walk (and passes over the steps whose
        `when` does not hold: a passed-over step goes on to `target(following)`)."""
        chosen = self.ask.options[option].next if option is not None and self.ask is not None else None
        return chosen or self.next or following

    def targets(self, following: str) -> list[str]:
        """Every target this step can lead to (one per answer of its question)."""
        if self.ask is None or not self.ask.options:
            return [self.target(following)]
        return [self.target(following, i) for i in range(len(self.ask.options))]

    def shown_for(self, answers: Mapping[str, str]) -> bool:
        """True when the step is shown after these answers (its `when` holds)."""
        return holds(self.when, answers)


@dataclass(frozen=True)
class Guide:
    """A whole guide, as loaded and checked."""

    format: int = field(metadata=spec("format", "format", "The format version: always `1`.", required=True))
    id: str = field(
        metadata=spec(
            "id",
            "slug",
            "The guide's identity across languages and edits: lower-case letters, digits and `-`, such as `make-tea`. Its translations have the same `id`; a file is named `<id>.<language>.yaml`.",
            required=True,
        )
    )
    title: str = field(
        metadata=spec("title", "line", "The guide's title, one line: the task it walks through.", required=True)
    )
    steps: tuple[Step, ...] = field(
        metadata=spec(
            "steps",
            "models",
            "The steps, walked in order unless a step says `next`.",
            required=True,
            model=Step,
            min_items=1,
            max_items=MAX_STEPS,
        )
    )
    language: str = field(
        default="en",
        metadata=spec(
            "language", "language", "The guide's language as a BCP 47 tag, such as `zh-CN` or `en`. Default: `en`."
        ),
    )
    summary: str | None = field(
        default=None,
        metadata=spec(
            "summary", "markdown", "Markdown shown before the first step and in the library: what the guide helps with."
        ),
    )
    source: Source | None = field(
        default=None,
        metadata=spec(
            "source",
            "model",
            "Where the content comes from: the original's `title`, `url` and `published` date.",
            model=Source,
        ),
    )
    reviewed: _dt.date | None = field(
        default=None,
        metadata=spec(
            "reviewed",
            "date",
            "When the facts (phone numbers, menu names) were last checked, `YYYY-MM-DD`. The support panel shows how long ago.",
        ),
    )
    owner: str | None = field(
        default=None,
        metadata=spec("owner", "line", "Who keeps the facts true: a team or a person, such as `Support content team`."),
    )
    review_every_days: int | None = field(
        default=None,
        metadata=spec(
            "review_every_days",
            "positive_int",
            "With `reviewed`: the facts are due for a check this many days after that date; "
            "`guide-tui validate --stale` fails once they are.",
            example=180,
        ),
    )
    translated_from: TranslatedFrom | None = field(
        default=None,
        metadata=spec(
            "translated_from",
            "model",
            "In a translation: the language and version of the source it follows. "
            "Written by `guide-tui translated`; `validate` warns when the source has changed since.",
            model=TranslatedFrom,
        ),
    )
    estimated_minutes: int | None = field(
        default=None,
        metadata=spec(
            "estimated_minutes",
            "positive_int",
            "About how many minutes the guide takes: a whole number, such as `5`.",
            example=5,
        ),
    )
    tags: tuple[str, ...] = field(
        default=(),
        metadata=spec("tags", "lines", "Words to find the guide by in the library, such as `[payment, 支付方式]`."),
    )
    audience: str | None = field(
        default=None,
        metadata=spec(
            "audience",
            "choice",
            "Who follows it: `everyone` (the default) or `authors` (a tutorial on writing guides); "
            "the library lists guides for everyone first.",
            choices=AUDIENCES,
        ),
    )
    support: tuple[Contact, ...] = field(
        default=(),
        metadata=spec(
            "support",
            "models",
            "The contacts shown in the support panel on every step: each has a `name` and a `phone`, `url` or `channel`.",
            model=Contact,
        ),
    )
    finish: Finish | None = field(
        default=None,
        metadata=spec("finish", "model", "Shown when the walk reaches its end: a `title` and a `body`.", model=Finish),
    )
    # Not part of the file: where it came from, for messages and progress.
    path: str = field(default="", compare=False)
    source_bytes: bytes = field(default=b"", compare=False, repr=False)
    locations: Mapping[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the file's bytes: saved progress notices when the guide changed.

        Computed on first use, so commands that never need it (validate, list)
        do not pay for importing hashlib."""
        cached = self.__dict__.get("_content_hash")
        if cached is None:
            import hashlib

            cached = hashlib.sha256(self.source_bytes).hexdigest()
            object.__setattr__(self, "_content_hash", cached)
        return cached

    def step(self, step_id: str) -> Step:
        """The step with this id (KeyError if there is none)."""
        return self._index()[step_id][1]

    def position(self, step_id: str) -> int:
        """0-based position of a step in the file."""
        return self._index()[step_id][0]

    def _index(self) -> dict[str, tuple[int, Step]]:
        index = self.__dict__.get("_step_index")
        if index is None:
            index = {s.id: (i, s) for i, s in enumerate(self.steps)}
            object.__setattr__(self, "_step_index", index)
        return index

    def next_of(self, step: Step, answers: Mapping[str, str]) -> str | None:
        """Where advancing from `step` goes (a step id or END), given the answers
        on the path by question key (a label, or the text typed); None while the
        step's own question is unanswered.  Steps whose `when` does not hold are
        passed over (see `landing`)."""
        option = None
        if step.ask is not None:
            label = answers.get(step.ask.key)
            if label is None:
                return None
            if not step.ask.typed:
                option = next((i for i, o in enumerate(step.ask.options) if o.label == label), None)
                if option is None:
                    return None
        return self.landing(step.target(self.default_next(step), option), answers)

    def landing(self, target: str, answers: Mapping[str, str]) -> str:
        """The step the walk shows when it goes to `target`: `target` itself, or,
        when its `when` does not hold, where its `next` leads, as if it had been
        shown (and so on).  A loop of passed-over steps (which the loader refuses)
        stops at its first step rather than going round for ever."""
        seen: set[str] | None = None
        while target != END:
            step = self.step(target)
            if not step.when or holds(step.when, answers):
                return target
            if seen is None:
                seen = set()
            elif target in seen:
                return target
            seen.add(target)
            target = step.target(self.default_next(step))
        return target

    def first_id(self) -> str:
        """Where a walk starts: the first step, or the first one after it that is shown
        before any question is answered."""
        first = self.landing(self.steps[0].id, {})
        return first if first != END else self.steps[0].id

    @property
    def has_conditions(self) -> bool:
        """True when some step has a `when` (its path ahead then depends on the answers)."""
        cached = self.__dict__.get("_has_conditions")
        if cached is None:
            cached = any(s.when for s in self.steps)
            object.__setattr__(self, "_has_conditions", cached)
        return bool(cached)

    def successors(self, step: Step) -> list[str]:
        """Every step id (or END) the walk can go to from this step."""
        return step.targets(self.default_next(step))

    def default_next(self, step: Step) -> str:
        """The step after this one in the file, or END after the last."""
        pos = self.position(step.id)
        return self.steps[pos + 1].id if pos + 1 < len(self.steps) else END

    def to_dict(self) -> dict[str, Any]:
        """The guide as plain data in file form (dates as ISO text, no defaults)."""
        data: dict[str, Any] = _to_dict(self)
        return data


def _to_dict(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        out: dict[str, Any] = {}
        for name, fs in field_specs(type(obj)):
            value = getattr(obj, name)
            if value is None or value == () or (fs.kind == "bool" and value is False):
                continue
            if fs.kind == "when":
                out[fs.key] = when_dict(value)
            elif fs.kind in ("items", "blocks"):
                out[fs.key] = items_data(value, fs.kind)
            else:
                out[fs.key] = _to_dict(value)
        return out
    if isinstance(obj, tuple):
        return [_to_dict(v) for v in obj]
    if isinstance(obj, _dt.date):
        return obj.isoformat()
    return obj
