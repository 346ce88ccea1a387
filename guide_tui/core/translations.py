"""Translations kept in step: every language of a guide against the others.

Two files with the same `id` and different `language` are translations of one
guide.  They must walk the same way and state the same facts: the same step
ids, question keys, answer counts and `next` targets, checklist lengths, the
same phone numbers and addresses, the same contacts with their caveats.  A
translation may also record which version of its source it was brought up to
date with (`translated_from`, written by `guide-tui translated`); when the
source has changed since, the steps whose text changed are named.

The check is in two halves so that a folder of any size can be checked as it
is read: `shape_of(guide)` keeps the little each file contributes (small,
plain and picklable, with the places to point at), and
`check_translations(shapes)` compares the shapes of every guide id.

    shapes = [shape_of(result.guide) for result in results if result.guide]
    for problem in check_translations(shapes): ...

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass

from guide_tui.core.model import END, Guide, Step
from guide_tui.core.problems import Problem
from guide_tui.i18n import Message

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from typing import Any

Place = tuple[int, int]  # 1-based line and column
GUIDE_PART = ""  # the fingerprint of the guide's own text (not of a step)

# Facts in text: web, mail and phone links, and numbers that read as phone numbers
# (7 digits or more, not a date).  Letters may touch a number in Chinese text, so
# only Latin letters and digits count as its neighbours.
_URL = re.compile(r"(?i)(?:https?://|mailto:|tel:)[^\s<>()\[\]{}\"'`，。；、）」』】]+")
_NUMBER = re.compile(r"(?<![0-9A-Za-z+])\+?[0-9][0-9 ().-]{5,}[0-9](?![0-9A-Za-z])")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRAILING = ".,;:!?"
_FINGERPRINT = re.compile(r"([a-z0-9][a-z0-9-]*) ([0-9a-f]{8})")
# Keys that shape the walk rather than say something: left out of a step's fingerprint.
_STRUCTURE = frozenset({"id", "next", "show_support"})


@dataclass(frozen=True)
class Fact:
    """A phone number or an address written in a guide: as written, as compared, where."""

    kind: str  # "phone" or "url"
    value: str
    key: str
    at: Place
    part: str = ""  # in the guide's own text: the top-level key it is under (summary, support, …)


@dataclass(frozen=True)
class StepShape:
    """What translations of a step must share, with where each part is written."""

    id: str
    at: Place
    ask_key: str | None
    ask_at: Place
    options: int
    options_at: Place
    targets: tuple[str, ...]  # where the walk goes: one per answer, or the one `next`
    targets_at: tuple[Place, ...]
    checklist: int
    checklist_at: Place
    show_support: bool
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class ContactShape:
    """A contact's facts: its number, its address and whether a caveat stands beside them."""

    phone: str | None
    url: str | None
    disclaimer: bool
    at: Place
    phone_at: Place
    url_at: Place


@dataclass(frozen=True)
class Shape:
    """What one file of a guide contributes to the check of its translations."""

    path: str
    id: str
    language: str
    at: Place  # the `language` (or `id`) value
    steps_at: Place
    steps: tuple[StepShape, ...]
    contacts: tuple[ContactShape, ...]
    support_at: Place
    facts: tuple[Fact, ...]  # in the guide's own text: summary, source, contacts, finish
    parts: tuple[tuple[str, Place], ...]  # where each top-level key of that text is
    fingerprints: tuple[tuple[str, str], ...]  # (GUIDE_PART or step id, fingerprint)
    original: bool  # titled as the article it was written from: the likely source
    translated_from: str | None = None
    translated_at: Place = (1, 1)
    recorded: tuple[tuple[str, str], ...] = ()  # the fingerprints `translated_from` holds
    unreadable: tuple[str, ...] = ()  # entries of `translated_from.steps` that are not fingerprints

    def where(self, place: Place) -> str:
        """`PATH:LINE:COLUMN` of a place in this file, as messages quote it."""
        return f"{self.path}:{place[0]}:{place[1]}"


# -- what each file contributes --------------------------------------------------


def shape_of(guide: Guide) -> Shape:
    """The shape of a loaded guide, for `check_translations`."""
    loc = guide.locations

    def at(*where: Any) -> Place:
        while where and where not in loc:
            where = where[:-1]
        return loc.get(where, (1, 1))

    steps = []
    for i, step in enumerate(guide.steps):
        following = guide.steps[i + 1].id if i + 1 < len(guide.steps) else END
        options = step.ask.options if step.ask else ()
        if options:
            targets_at = tuple(
                at("steps", i, "ask", "options", j, "next") if o.next else at("steps", i, "next")
                for j, o in enumerate(options)
            )
        else:
            targets_at = (at("steps", i, "next") if step.next else at("steps", i, "id"),)
        steps.append(
            StepShape(
                id=step.id,
                at=at("steps", i, "id"),
                ask_key=step.ask.key if step.ask else None,
                ask_at=at("steps", i, "ask", "key"),
                options=len(options),
                options_at=at("steps", i, "ask", "options"),
                targets=tuple(step.targets(following)),
                targets_at=targets_at,
                checklist=len(step.checklist),
                checklist_at=at("steps", i, "checklist"),
                show_support=step.show_support,
                facts=tuple(_facts(_step_texts(step, i), at)),
            )
        )
    contacts = tuple(
        ContactShape(
            c.phone,
            c.url,
            bool(c.disclaimer),
            at("support", i),
            at("support", i, "phone"),
            at("support", i, "url"),
        )
        for i, c in enumerate(guide.support)
    )
    own: list[tuple[str | None, tuple[Any, ...]]] = [(guide.summary, ("summary",))]
    for i, c in enumerate(guide.support):  # numbers and links written in a contact's words
        own += [(getattr(c, name), ("support", i, name)) for name in ("name", "channel", "hours", "disclaimer")]
    if guide.source is not None:
        own.append((guide.source.url, ("source", "url")))
    if guide.finish is not None:
        own += [(guide.finish.title, ("finish", "title")), (guide.finish.body, ("finish", "body"))]
    made = guide.translated_from
    recorded: list[tuple[str, str]] = []
    unreadable: list[str] = []
    if made is not None:
        if made.guide is not None:
            recorded.append((GUIDE_PART, made.guide))
        for entry in made.steps:
            match = _FINGERPRINT.fullmatch(entry)
            if match:
                recorded.append((match[1], match[2]))
            else:
                unreadable.append(entry)
    return Shape(
        path=guide.path,
        id=guide.id,
        language=guide.language,
        at=at("language") if ("language",) in loc else at("id"),
        steps_at=at("steps"),
        steps=tuple(steps),
        contacts=contacts,
        support_at=at("support"),
        facts=tuple(_facts(own, at)),
        parts=tuple((key, at(key)) for key in ("summary", "source", "support", "finish") if (key,) in loc),
        fingerprints=fingerprints(guide),
        original=guide.source is not None and guide.source.title == guide.title,
        translated_from=made.language if made else None,
        translated_at=at("translated_from", "language") if made else (1, 1),
        recorded=tuple(recorded),
        unreadable=tuple(unreadable),
    )


def _step_texts(step: Step, i: int) -> list[tuple[str | None, tuple[Any, ...]]]:
    texts: list[tuple[str | None, tuple[Any, ...]]] = [
        (step.title, ("steps", i, "title")),
        (step.body, ("steps", i, "body")),
        (step.warning, ("steps", i, "warning")),
    ]
    texts += [(_text_of(n), ("steps", i, "notes", j)) for j, n in enumerate(step.notes)]
    texts += [(_text_of(c), ("steps", i, "checklist", j)) for j, c in enumerate(step.checklist)]
    if step.ask:
        texts.append((step.ask.prompt, ("steps", i, "ask", "prompt")))
        for j, o in enumerate(step.ask.options):
            texts += [(o.label, ("steps", i, "ask", "options", j, "label"))]
            texts += [(o.note, ("steps", i, "ask", "options", j, "note"))]
    if step.finish:
        texts += [
            (step.finish.title, ("steps", i, "finish", "title")),
            (step.finish.body, ("steps", i, "finish", "body")),
        ]
    return texts


def _text_of(item: Any) -> str | None:
    """A list item's text: a string, or the `text` of an item written as a mapping."""
    return item if isinstance(item, str) else getattr(item, "text", None)


def _facts(texts: Iterable[tuple[str | None, tuple[Any, ...]]], at: Any) -> list[Fact]:
    found = []
    for text, where in texts:
        if not text:
            continue
        place = at(*where)
        for match in _URL.finditer(text):
            url = match[0].rstrip(_TRAILING)
            found.append(Fact("url", url, url, place, str(where[0])))
        for match in _NUMBER.finditer(text):
            number = match[0].strip()
            digits = re.sub(r"[^0-9]", "", number)
            if len(digits) >= 7 and not _DATE.fullmatch(number):
                found.append(
                    Fact("phone", number, ("+" if number.startswith("+") else "") + digits, place, str(where[0]))
                )
    return found


def fingerprints(guide: Guide) -> tuple[tuple[str, str], ...]:
    """A short fingerprint of the guide's own text (title, summary, contacts,
    finish) and of each step's text: what a translation says it followed."""
    own = {"title": guide.title, "summary": guide.summary, "support": guide.support, "finish": guide.finish}
    out = [(GUIDE_PART, _digest(own))]
    out += [(step.id, _digest(step)) for step in guide.steps]
    return tuple(out)


def recorded_form(guide: Guide) -> tuple[str, list[str]]:
    """The fingerprints of a source as `translated_from` writes them: the guide's, and one line per step."""
    prints = fingerprints(guide)
    return prints[0][1], [f"{step_id} {value}" for step_id, value in prints[1:]]


def _digest(value: Any) -> str:
    import hashlib  # only when fingerprints are asked for: kept off the start-up path

    text = json.dumps(_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _plain(value: Any) -> Any:
    """A model value as plain data, without the keys that shape the walk, text stripped."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in fields(value)
            if f.name not in _STRUCTURE and f.init and not f.name.startswith("_")
        }
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return value.strip()
    return value if value is None or isinstance(value, (bool, int, float)) else str(value)


# -- comparing the files of each guide -----------------------------------------------


def check_translations(shapes: Iterable[Shape]) -> list[Problem]:
    """Every problem between the translations of each guide id among `shapes`
    (the first file of an id and language counts; validate warns about the others),
    and each file's own `translated_from` mistakes."""
    groups: dict[str, dict[str, Shape]] = {}
    for shape in shapes:
        groups.setdefault(shape.id, {}).setdefault(shape.language.lower(), shape)
    problems: list[Problem] = []
    for group in groups.values():
        problems += compare(list(group.values()))
    return sorted(problems)


def compare(versions: Sequence[Shape]) -> list[Problem]:
    """The problems of one guide's translations (one file per language): each
    is compared with the source (`reference`), and each `translated_from` with the
    source it names.  Each problem is reported in the translation, naming the place
    in the source it disagrees with."""
    problems: list[Problem] = []
    for shape in versions:
        if shape.translated_from and shape.translated_from.lower() == shape.language.lower():
            problems.append(_problem(shape, shape.translated_at, "error", "translation.from_itself"))
        for entry in shape.unreadable[:1]:
            problems.append(_problem(shape, shape.translated_at, "warning", "translation.unreadable", entry=entry[:40]))
    if len(versions) < 2:
        return problems
    source = reference(versions)
    for shape in versions:
        if shape is not source:
            problems += _Comparison(shape, source).run()
    by_language = {v.language.lower(): v for v in versions}
    for shape in versions:
        named = by_language.get((shape.translated_from or "").lower())
        if named is not None and named is not shape:
            problems += _staleness(shape, named)
    return problems


def compare_with(translation: Shape, source: Shape) -> list[Problem]:
    """The problems of one translation against the source it follows (no staleness)."""
    return sorted(_Comparison(translation, source).run())


def reference(versions: Sequence[Shape]) -> Shape:
    """The version the others are compared with: the language that translations name
    as their source, else the one titled as the article it was written from, else the first."""
    by_language = {v.language.lower(): v for v in versions}
    named = [
        by_language[v.translated_from.lower()]
        for v in versions
        if v.translated_from and v.translated_from.lower() in by_language
    ]
    if named:
        return max(named, key=named.count)
    return next((v for v in versions if v.original), versions[0])


def _problem(shape: Shape, place: Place, severity: str, words: str, **params: Any) -> Problem:
    """A problem in `shape`'s file; `words`: the catalog key of its message."""
    return Problem.of(shape.path, place[0], place[1], severity, Message(words, **params))


class _Comparison:
    """One translation against its source."""

    def __init__(self, here: Shape, there: Shape) -> None:
        self.here = here
        self.there = there
        self.problems: list[Problem] = []

    def error(self, place: Place, words: str, there: Place, **params: Any) -> None:
        """An error at `place` here, naming `there` in the source; `words`: the message's key."""
        self.problems.append(_problem(self.here, place, "error", words, other=self.there.where(there), **params))

    def run(self) -> list[Problem]:
        here, there = self.here, self.there
        ours = {s.id: s for s in here.steps}
        theirs = {s.id: s for s in there.steps}
        for step in there.steps:
            if step.id not in ours:
                self.error(here.steps_at, "translation.step_missing", step.at, id=step.id)
        for step in here.steps:
            if step.id not in theirs:
                self.error(step.at, "translation.step_extra", there.steps_at, id=step.id)
        for step in here.steps:
            if step.id in theirs:
                self.step(step, theirs[step.id], ours.keys() & theirs.keys())
        self.contacts()
        self.facts(here.facts, there.facts, here.at, there.at, dict(there.parts))
        return self.problems

    def step(self, a: StepShape, b: StepShape, common: set[str]) -> None:
        if a.ask_key != b.ask_key:
            if a.ask_key is None or b.ask_key is None:
                key = "translation.question_missing" if a.ask_key is None else "translation.question_extra"
                self.error(a.at if a.ask_key is None else a.ask_at, key, b.ask_at if b.ask_key else b.at, id=a.id)
                return
            self.error(a.ask_at, "translation.question_key", b.ask_at, id=a.id, key=a.ask_key, other_key=b.ask_key)
        if a.options != b.options:
            self.error(a.options_at, "translation.option_count", b.options_at, id=a.id, n=a.options, m=b.options)
        else:
            for k, (mine, theirs) in enumerate(zip(a.targets, b.targets, strict=False)):
                if mine == theirs or not {mine, theirs} <= common | {END}:
                    continue  # a step only one file has is reported once, above
                numbered = {"n": k + 1} if a.options else {}
                self.error(
                    a.targets_at[k],
                    "translation.target_answer" if a.options else "translation.target",
                    b.targets_at[k],
                    id=a.id,
                    target=mine,
                    other_target=theirs,
                    **numbered,
                )
        if a.checklist != b.checklist:
            self.error(a.checklist_at, "translation.checklist", b.checklist_at, id=a.id, n=a.checklist, m=b.checklist)
        if a.show_support != b.show_support:
            key = "translation.support_step" if b.show_support else "translation.support_step_extra"
            self.error(a.at, key, b.at, id=a.id)
        self.facts(a.facts, b.facts, a.at, b.at)

    def facts(
        self,
        mine: Sequence[Fact],
        theirs: Sequence[Fact],
        here: Place,
        there: Place,
        parts: dict[str, Place] | None = None,
    ) -> None:
        """Numbers and addresses one side writes and the other does not (as many times);
        `parts`: where the source's top-level keys are, to point at the same one."""
        missing = _minus(theirs, mine)
        extra = _minus(mine, theirs)
        for kind in ("phone", "url"):
            gone = [f for f in missing if f.kind == kind]
            added = [f for f in extra if f.kind == kind]
            what = Message(f"translation.what.{kind}")
            while gone and added:  # one number written differently: say it once
                a, b = added.pop(0), gone.pop(0)
                self.error(a.at, "translation.fact_differs", b.at, what=what, value=a.value, other_value=b.value)
            for b in gone:
                self.error(here, "translation.fact_missing", b.at, what=what, value=b.value)
            for a in added:
                self.error(a.at, "translation.fact_extra", (parts or {}).get(a.part, there), what=what, value=a.value)

    def contacts(self) -> None:
        here, there = self.here, self.there
        if len(here.contacts) != len(there.contacts):
            self.error(
                here.support_at, "translation.contacts", there.support_at, n=len(here.contacts), m=len(there.contacts)
            )
        for n, (a, b) in enumerate(zip(here.contacts, there.contacts, strict=False), 1):
            for kind, mine, theirs, mine_at, theirs_at in (
                ("phone", a.phone, b.phone, a.phone_at, b.phone_at),
                ("url", a.url, b.url, a.url_at, b.url_at),
            ):
                if _key(kind, mine) != _key(kind, theirs):
                    self.error(
                        mine_at if mine else a.at,
                        "translation.contact_fact",
                        theirs_at if theirs else b.at,
                        n=n,
                        what=Message(f"translation.what.{kind}"),
                        value=mine or Message("translation.none"),
                        other_value=theirs or Message("translation.none"),
                    )
            if b.disclaimer and not a.disclaimer:
                self.error(a.at, "translation.disclaimer", b.at, n=n)


def _key(kind: str, value: str | None) -> str | None:
    if value is None or kind != "phone":
        return value
    return ("+" if value.startswith("+") else "") + re.sub(r"[^0-9]", "", value)


def _minus(a: Sequence[Fact], b: Sequence[Fact]) -> list[Fact]:
    """The facts of `a` that `b` does not have (counting repeats)."""
    left: dict[tuple[str, str], int] = {}
    for fact in b:
        left[(fact.kind, fact.key)] = left.get((fact.kind, fact.key), 0) + 1
    out = []
    for fact in a:
        if left.get((fact.kind, fact.key), 0) > 0:
            left[(fact.kind, fact.key)] -= 1
        else:
            out.append(fact)
    return out


def _staleness(translation: Shape, source: Shape) -> list[Problem]:
    """A warning when the source's text has changed since the translation recorded it."""
    if not translation.recorded:
        return [
            _problem(
                translation, translation.translated_at, "warning", "translation.not_recorded", path=translation.path
            )
        ]
    recorded = dict(translation.recorded)
    now = dict(source.fingerprints)
    places = {s.id: s.at for s in source.steps}
    changes: list[Message] = []
    if GUIDE_PART in recorded and recorded[GUIDE_PART] != now[GUIDE_PART]:
        changes.append(Message("translation.changed.guide"))
    for step_id, value in source.fingerprints[1:]:
        line = places[step_id][0]
        if step_id not in recorded:
            changes.append(Message("translation.changed.new", id=step_id, line=line))
        elif recorded[step_id] != value:
            changes.append(Message("translation.changed.step", id=step_id, line=line))
    if not changes:
        return []
    return [
        _problem(
            translation,
            translation.translated_at,
            "warning",
            "translation.stale",
            source=source.path,
            changes=_Listed(changes),
            path=translation.path,
        )
    ]


class _Listed(Message):
    """Messages that print as one list, in the language of the message they are in."""

    __slots__ = ("items",)

    def __init__(self, items: list[Message]) -> None:
        super().__init__("translation.list_separator")
        self.items = items

    def text(self, lang: str = "en") -> str:
        return Message("translation.list_separator").text(lang).join(m.text(lang) for m in self.items)
