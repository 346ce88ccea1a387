"""Translations kept in step: every language of a guide against the others.

Two files with the same `id` and different `language` are translations of one
guide.  They must walk the same way and state the same facts: the same step
ids, question keys, answer counts and `next` targets, checklist lengths, the
same phone numbers and addresses, the same contacts with their caveats.  A
translation may also record which version of its source it was brought up to
date with (`translated_from`, written by `guide-tui translated`); when the
source has changed since, the steps whose text changed are named.

The check is in two halves so that a folder of any size can be checked as it
is read: `shape_of(guide)` here keeps the little each file contributes (small,
plain and picklable, with the places to point at), and
`check_translations(shapes)` in core/translation_checks.py compares the shapes
of every guide id.

    shapes = [shape_of(result.guide) for result in results if result.guide]
    for problem in check_translations(shapes): ...

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, is_dataclass

from guide_tui.core.conditional import Text, when_dict
from guide_tui.core.fields import END
from guide_tui.core.model import Guide, Step

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
    """A model value as plain data, without the keys that shape the walk, text stripped.
    Keys left unset (None, empty, false) are left out, so a key the format gains later
    does not change the fingerprint of a guide that does not use it."""
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in fields(value)
            if f.name not in _STRUCTURE
            and f.init
            and not f.name.startswith("_")
            and getattr(value, f.name) not in (None, (), [], False, "")
        }
    if isinstance(value, Text) and value.when:
        return {"text": value.text.strip(), "when": when_dict(value.when)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return value.strip()
    return value if value is None or isinstance(value, (bool, int, float)) else str(value)
