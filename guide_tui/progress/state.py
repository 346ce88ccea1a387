"""Saved progress as data: the state file's format, its checks, and resuming.

`dump()` turns a walker into the JSON-ready state of format STATE_FORMAT;
`check()` refuses anything that is not exactly that shape (a truncated or
hand-edited file is corrupt, never half-trusted); `restore()` rebuilds a
walker from a checked state, fitting it to the guide as it is now when the
guide changed since the save.  No file access here: see store.py.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from guide_tui.core.model import END, Guide
from guide_tui.core.walker import Visit, Walker

STATE_FORMAT = 1
MAX_VISITS = 2_000  # the oldest stays are dropped beyond this, to bound the file


class CorruptState(ValueError):
    """The state file is not a state of our format (truncated, malformed, wrongly typed)."""


class NewerState(ValueError):
    """The state file was written by a newer guide-tui (a higher state format)."""


class Items(list):  # type: ignore[type-arg]
    """A list of texts that prints as one line, so `{dropped}` formats readably."""

    def __str__(self) -> str:
        return "; ".join(str(x) for x in self)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


@dataclass(frozen=True)
class Notice:
    """Something to tell the user; the text is the message `notice.<code>` with params."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


# -- writing -------------------------------------------------------------------


def dump(walker: Walker, run: str, saved_at: float) -> dict[str, Any]:
    """The state file's content for a walker (plain JSON-ready data)."""
    guide = walker.guide
    walk = walker.snapshot()
    walk["visits"] = walk["visits"][-MAX_VISITS:]
    # Ticks are saved with their text, so a changed checklist can be told apart.
    walk["tick_items"] = {s: [_item(guide, s, i) for i in items] for s, items in walk["ticks"].items()}
    k, n = walker.progress()
    return {
        "state_format": STATE_FORMAT,
        "app": "guide-tui",
        "guide": {"id": guide.id, "language": guide.language, "content_hash": guide.content_hash},
        "saved_at": saved_at,
        "run": run,
        "progress": [k, n],
        "walk": walk,
    }


def _item(guide: Guide, step_id: str, index: int) -> str:
    items = guide.step(step_id).checklist
    return items[index] if 0 <= index < len(items) else ""


# -- checking ------------------------------------------------------------------


def check(data: Any, guide_id: str | None = None, language: str | None = None) -> dict[str, Any]:
    """The state if `data` is exactly a state of our format for this guide; else raise.

    NewerState for a higher state format (its shape is unknown to us, so
    only that number is read); CorruptState for anything else amiss.
    """
    if not isinstance(data, dict):
        raise CorruptState("not a JSON object")
    version = data.get("state_format")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CorruptState("no state format version")
    if version > STATE_FORMAT:
        raise NewerState(str(version))
    _expect(data.get("app") == "guide-tui", "not a guide-tui state")
    g = data.get("guide")
    if not isinstance(g, dict) or not all(isinstance(g.get(k), str) for k in ("id", "language", "content_hash")):
        raise CorruptState("guide")
    _expect(guide_id is None or g["id"] == guide_id, "another guide's state")
    _expect(language is None or g["language"] == language, "another language's state")
    _expect(_is_number(data.get("saved_at")), "saved_at")
    _expect(isinstance(data.get("run"), str) and 0 < len(data["run"]) <= 64, "run")
    p = data.get("progress")
    _expect(isinstance(p, list) and len(p) == 2 and all(_is_int(x) and x >= 0 for x in p), "progress")
    _check_walk(data.get("walk"))
    return data


def _check_walk(w: Any) -> None:
    _expect(isinstance(w, dict), "walk")
    path = w.get("path")
    _expect(isinstance(path, list) and bool(path) and all(isinstance(s, str) for s in path), "path")
    _expect(w.get("current") == path[-1], "current")
    _expect(isinstance(w.get("finished"), bool), "finished")
    answers = w.get("answers")
    _expect(isinstance(answers, dict), "answers")
    for a in answers.values():
        _expect(
            isinstance(a, dict) and _is_int(a.get("option")) and a["option"] >= 0 and isinstance(a.get("label"), str),
            "answer",
        )
    ticks, items = w.get("ticks"), w.get("tick_items")
    _expect(isinstance(ticks, dict) and isinstance(items, dict) and ticks.keys() == items.keys(), "ticks")
    for step_id, ticked in ticks.items():
        texts = items[step_id]
        _expect(
            isinstance(ticked, list) and all(_is_int(i) and i >= 0 for i in ticked) and len(set(ticked)) == len(ticked),
            "ticks",
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
            and _is_number(v[1])
            and (v[2] is None or _is_number(v[2])),
            "visit",
        )


def _expect(ok: bool, what: str) -> None:
    if not ok:
        raise CorruptState(what)


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number(x: Any) -> bool:
    return (isinstance(x, (int, float)) and not isinstance(x, bool)) and math.isfinite(x)


# -- resuming ------------------------------------------------------------------


def restore(
    guide: Guide, state: dict[str, Any], clock: Callable[[], float], *, resuming: bool = True
) -> tuple[Walker, list[Notice]]:
    """A walker rebuilt from a checked state, and what to tell the user.

    When the guide changed since the save, answers whose option is gone and
    ticks whose item is gone are dropped (and named in a `guide_changed`
    notice); the path keeps the saved steps that still exist for as long as
    each is still where the step before leads (given the kept answers), so
    the walk resumes at the saved step or at the nearest earlier one that
    fits (`step_gone`).  When the file claims the same guide but does not
    fit it, it is corrupt.  With `resuming`, the stay on the current step
    that the save left open is closed and a new one begins now.
    """
    walk = state["walk"]
    same = state["guide"]["content_hash"] == guide.content_hash
    dropped = Items()
    answers = _fit_answers(guide, walk["answers"], dropped)
    ticks = _fit_ticks(guide, walk["ticks"], walk["tick_items"], dropped)
    path, finished = _fit_path(guide, walk["path"], walk["finished"], answers)
    moved = path[-1] != walk["current"]
    if same and (dropped or moved or len(path) != len(walk["path"])):
        raise CorruptState("does not fit the guide it names")

    walker = Walker(guide, clock)
    walker.path = path
    walker.answers = answers
    walker.ticks = ticks
    walker.finished = finished
    ids = {s.id for s in guide.steps}
    visits = [Visit(s, entered, left) for s, entered, left in walk["visits"] if s in ids]
    if resuming:
        if visits and visits[-1].left is None:
            last = visits[-1]
            visits[-1] = Visit(last.step, last.entered, max(last.entered, state["saved_at"]))
        if not finished:
            visits.append(Visit(path[-1], clock()))
    walker.visits = visits[-MAX_VISITS:]

    notices: list[Notice] = []
    if dropped:
        notices.append(Notice("guide_changed", {"dropped": dropped}))
    if moved:
        notices.append(
            Notice("step_gone", {"step": walk["current"], "at": path[-1], "title": guide.step(path[-1]).title})
        )
    return walker, notices


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


def _fit_path(guide: Guide, saved: list[str], finished: bool, answers: dict[str, int]) -> tuple[list[str], bool]:
    """The longest walk of the saved steps (those still in the guide) that the
    guide still allows, from its first step; and whether it is still finished."""
    ids = {s.id for s in guide.steps}
    present = [s for s in saved if s in ids]
    path = [guide.steps[0].id]
    rest = present[1:] if present and present[0] == path[0] else present
    taken = 0
    for step_id in rest:
        if _next(guide, path[-1], answers) != step_id:
            break
        path.append(step_id)
        taken += 1
    whole = taken == len(rest) and len(present) == len(saved) and path[-1] == saved[-1]
    return path, finished and whole and _next(guide, path[-1], answers) == END


def _next(guide: Guide, step_id: str, answers: dict[str, int]) -> str | None:
    """Where advancing from a step goes with these answers (None: unanswered)."""
    step = guide.step(step_id)
    default = step.next or guide.default_next(step)
    if step.ask is None:
        return default
    chosen = answers.get(step.ask.key)
    return None if chosen is None else step.ask.options[chosen].next or default
