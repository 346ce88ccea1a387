"""A walk's saved form: `to_saved(walker)` writes it as plain JSON-ready data, and
`from_saved` rebuilds a walker from it.  Its shape is checked before a walk is
restored from it (a progress file may be truncated, old, or written by hand), and
its answers and ticks are fitted to its guide, which may have changed since (fit_*:
what no longer fits is dropped and named).

Every number is checked to be in range (counts small and non-negative, times real
dates), every text to be a text.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from guide_tui.core.answers import read_typed
from guide_tui.core.fields import END
from guide_tui.core.text import first_control
from guide_tui.core.walker import MAX_VISITS, Items, Notice, Visit, Walker

TYPE_CHECKING = False
if TYPE_CHECKING:
    from guide_tui.core.conditional import Text
    from guide_tui.core.model import Guide

# Times in a saved walk are seconds since 1970; anything outside these years is not a
# time this program wrote, and would break date arithmetic later (year 10000 and up).
EARLIEST, LATEST = 0.0, 253_402_300_799.0  # 1970-01-01 .. 9999-12-31 23:59:59 UTC
MAX_SAVED_TEXT = 4_000  # a typed answer in a saved walk: far over any question's limit


class SavedWalkError(ValueError):
    """A saved walk that is not of the shape `to_saved()` writes, or does not fit its guide."""


def to_saved(walker: Walker) -> dict[str, Any]:
    """Everything needed to resume `walker`, as plain JSON-ready data (see `from_saved`).

    Answers are saved with their label and ticks with their item's text, so
    a walk can be fitted to a guide that changed since."""
    guide = walker.guide
    ticks = {s: sorted(t) for s, t in walker.ticks.items() if t}
    return {
        "current": walker.path[-1],
        "finished": walker.finished,
        "other_outcome": walker.other_outcome,  # the library says "ended", not "finished"
        "path": list(walker.path),
        "answers": {k: {"option": i, "label": _label(guide, k, i)} for k, i in walker.answers.items()},
        "typed": dict(walker.typed),
        "ticks": ticks,
        "tick_items": {s: [_item(guide.step(s).checklist, i) for i in t] for s, t in ticks.items()},
        "confirmed": dict(walker.confirmed),
        "skipped": sorted(walker.skipped),
        "visits": [[v.step, v.entered, v.left] for v in walker.visits[-MAX_VISITS:]],
        "ahead": list(walker.ahead),
    }


def from_saved(
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
    walker = Walker(guide, clock)
    walker.answers = fit_answers(guide, saved["answers"], dropped)
    walker.typed = fit_typed(guide, saved.get("typed", {}), dropped)
    walker.ticks = fit_ticks(guide, saved["ticks"], saved["tick_items"], dropped)
    whole = walker.follow(saved["path"], set(saved.get("skipped", ())))
    moved = walker.path[-1] != saved["current"]
    finished = saved["finished"] and whole and walker.next_id() == END
    if same_guide and (dropped or moved or not whole):
        raise SavedWalkError("does not fit the guide it names")
    walker.finished = finished
    on_path = set(walker.path)
    walker.confirmed = {s: t for s, t in saved.get("confirmed", {}).items() if s in on_path and guide.step(s).confirm}
    walker.skipped = {s for s in saved.get("skipped", ()) if s in on_path}
    ids = {s.id for s in guide.steps}
    # The steps walked beyond this one before going back (the outline's way forward); a file
    # written before they were saved has none. Gone steps go; `forward` checks the rest.
    if not finished and not moved:
        walker.ahead = [s for s in saved.get("ahead", ()) if s in ids][: len(ids)]
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


def _label(guide: Guide, key: str, index: int) -> str:
    for s in guide.steps:
        if s.ask and s.ask.key == key:
            return s.ask.options[index].label
    return ""


def _item(items: tuple[Text, ...], index: int) -> str:
    return items[index].text if 0 <= index < len(items) else ""


def check_saved(w: Any) -> None:
    """SavedWalkError unless `w` is exactly of the shape `to_saved()` writes,
    every number in range (counts small and non-negative, times real dates)."""
    _expect(isinstance(w, dict), "walk")
    path = w.get("path")
    _expect(isinstance(path, list) and bool(path) and all(isinstance(s, str) for s in path), "path")
    _expect(w.get("current") == path[-1], "current")
    _expect(isinstance(w.get("finished"), bool), "finished")
    _expect(isinstance(w.get("other_outcome", False), bool), "other_outcome")
    answers = w.get("answers")
    _expect(isinstance(answers, dict), "answers")
    for a in answers.values():
        _expect(isinstance(a, dict) and is_count(a.get("option")) and isinstance(a.get("label"), str), "answer")
    typed = w.get("typed", {})
    _expect(isinstance(typed, dict), "typed")
    for text in typed.values():
        _expect(isinstance(text, str) and len(text) <= MAX_SAVED_TEXT and not first_control(text), "typed answer")
    confirmed = w.get("confirmed", {})
    _expect(isinstance(confirmed, dict) and all(is_time(x) for x in confirmed.values()), "confirmed")
    skipped = w.get("skipped", [])
    _expect(isinstance(skipped, list) and all(isinstance(s, str) for s in skipped), "skipped")
    ahead = w.get("ahead", [])
    _expect(isinstance(ahead, list) and all(isinstance(s, str) for s in ahead), "ahead")
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


def fit_answers(guide: Guide, saved: dict[str, Any], dropped: list[str]) -> dict[str, int]:
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


def fit_typed(guide: Guide, saved: dict[str, str], dropped: list[str]) -> dict[str, str]:
    """Typed answers whose question still takes one, and takes this answer."""
    asks = {s.ask.key: s.ask for s in guide.steps if s.ask and s.ask.typed}
    out: dict[str, str] = {}
    for key, text in saved.items():
        ask = asks.get(key)
        value, _problem = read_typed(ask, text) if ask is not None else (None, None)
        if value == text:
            out[key] = text
        else:  # a question gone, or one whose answer changed kind or limit
            dropped.append(f"{key} = {text[:40]}")
    return out


def fit_ticks(
    guide: Guide, saved: dict[str, list[int]], texts: dict[str, list[str]], dropped: list[str]
) -> dict[str, set[int]]:
    """Ticks whose checklist item (same text) still exists."""
    ids = {s.id for s in guide.steps}
    out: dict[str, set[int]] = {}
    for step_id, ticked in saved.items():
        items = tuple(i.text for i in guide.step(step_id).checklist) if step_id in ids else ()
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
