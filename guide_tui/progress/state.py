"""The state file's format: the walker's saved walk in an envelope that says whose it is.

`dump()` wraps `saved_walk.to_saved()` with the format number, the guide's id,
language and content hash, the time and the run; `check()` refuses anything
that is not exactly that shape (a truncated or hand-edited file is corrupt,
never half-trusted); `restore()` rebuilds the walker with
`saved_walk.from_saved()`.  No file access here: see store.py.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from guide_tui.core.model import Guide
from guide_tui.core.saved_walk import SavedWalkError, check_saved, from_saved, is_count, is_time, to_saved
from guide_tui.core.walker import Notice, Walker

STATE_FORMAT = 2  # 2 added the walk's typed answers, confirmations and steps marked already done
READABLE = (1, 2)  # a format-1 file is a format-2 walk without them


class CorruptState(ValueError):
    """The state file is not a state of our format (truncated, malformed, wrongly typed)."""


class NewerState(ValueError):
    """The state file was written by a newer guide-tui (a higher state format)."""


def dump(walker: Walker, run: str, saved_at: float) -> dict[str, Any]:
    """The state file's content for a walker (plain JSON-ready data)."""
    guide = walker.guide
    k, n = walker.progress()
    return {
        "state_format": STATE_FORMAT,
        "app": "guide-tui",
        "guide": {"id": guide.id, "language": guide.language, "content_hash": guide.content_hash},
        "saved_at": saved_at,
        "run": run,
        "progress": [k, n],
        "walk": to_saved(walker),
    }


def check(data: Any, guide_id: str | None = None, language: str | None = None) -> dict[str, Any]:
    """The state if `data` is exactly a state of our format for this guide; else raise.

    NewerState for a higher state format (its shape is unknown to us, so
    only that number is read); CorruptState for anything else amiss.
    """
    if not isinstance(data, dict):
        raise CorruptState("not a JSON object")
    version = data.get("state_format")
    if not isinstance(version, int) or not is_count(version) or version < 1:
        raise CorruptState("no state format version")
    if version > STATE_FORMAT:
        raise NewerState(str(version))
    if version not in READABLE:  # pragma: no cover - every format up to this one is read
        raise CorruptState("state format")
    _expect(data.get("app") == "guide-tui", "not a guide-tui state")
    g = data.get("guide")
    if not isinstance(g, dict) or not all(isinstance(g.get(k), str) for k in ("id", "language", "content_hash")):
        raise CorruptState("guide")
    _expect(guide_id is None or g["id"] == guide_id, "another guide's state")
    _expect(language is None or g["language"] == language, "another language's state")
    _expect(is_time(data.get("saved_at")), "saved_at")
    _expect(isinstance(data.get("run"), str) and 0 < len(data["run"]) <= 64, "run")
    p = data.get("progress")
    _expect(isinstance(p, list) and len(p) == 2 and all(is_count(x) for x in p), "progress")
    try:
        check_saved(data.get("walk"))
    except SavedWalkError as exc:
        raise CorruptState(str(exc)) from None
    return data


def _expect(ok: bool, what: str) -> None:
    if not ok:
        raise CorruptState(what)


def restore(
    guide: Guide, state: dict[str, Any], clock: Callable[[], float], *, resuming: bool = True
) -> tuple[Walker, list[Notice]]:
    """A walker rebuilt from a checked state, and what to tell the user (see
    `from_saved`).  When the file claims the same guide (same content
    hash) but does not fit it, it is corrupt.  With `resuming`, the stay on the
    current step that the save left open is closed and a new one begins now."""
    try:
        return from_saved(
            guide,
            state["walk"],
            clock,
            saved_at=state["saved_at"] if resuming else None,
            same_guide=state["guide"]["content_hash"] == guide.content_hash,
        )
    except SavedWalkError as exc:
        raise CorruptState(str(exc)) from None
