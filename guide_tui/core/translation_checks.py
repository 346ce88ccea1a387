"""Translations kept in step: the shapes of each guide's files compared (core/translations.py
makes them).  Each translation is compared with its source (`reference`): the same
walk and the same facts, each problem reported in the translation and naming the
place in the source; and its `translated_from` with the source as it is now.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from guide_tui.core.fields import END
from guide_tui.core.problems import Problem
from guide_tui.core.translations import GUIDE_PART, Fact, Place, Shape, StepShape
from guide_tui.i18n import Listed, Message

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from typing import Any


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
            changes=Listed(changes),
            path=translation.path,
        )
    ]
