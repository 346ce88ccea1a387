"""The event log: what the user's own walks did, as JSON lines in the state folder.

Each line is one event (started, step_entered, answered, finished, quit) of
one run (a walk from its start or restart).  `guide-tui stats` reads it to
show how many runs reached each step and where they stopped.  Nothing here
ever leaves the machine.  The log is bounded: past MAX_LOG_BYTES it is moved
to `events.jsonl.1` (replacing the older one), so at most two files exist.
Lines that do not read as events are skipped and counted, never fatal.
Setting GUIDE_TUI_NO_EVENTS to a non-empty value turns logging off.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guide_tui.core.atomic import open_regular, read_regular

if TYPE_CHECKING:
    from guide_tui.core.model import Guide

LOG_NAME = "events.jsonl"
MAX_LOG_BYTES = 512 * 1024
MAX_LINE_BYTES = 4096

Seen = tuple[tuple[str, ...], dict[str, int], bool]  # a walker's (path, answers, finished)


class EventLog:
    """Appends events to, and reads them back from, the log in one folder."""

    def __init__(self, folder: Path, max_bytes: int = MAX_LOG_BYTES) -> None:
        self.path = Path(folder) / LOG_NAME
        self.old_path = Path(folder) / (LOG_NAME + ".1")
        self.max_bytes = max_bytes

    def append(self, event: str, **fields: Any) -> bool:
        """Add one event line; False (never an exception) if it cannot be written."""
        if os.environ.get("GUIDE_TUI_NO_EVENTS"):
            return False
        record = {"t": round(time.time(), 3), "event": event, **fields}
        try:
            line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        except (TypeError, ValueError):
            return False
        if len(line) > MAX_LINE_BYTES:
            return False
        try:
            try:
                if os.lstat(self.path).st_size + len(line) > self.max_bytes:
                    os.replace(self.path, self.old_path)
            except FileNotFoundError:
                pass
            # O_APPEND: concurrent walkers' lines do not overwrite each other; open_regular:
            # a link planted at the log's name is not written through, a named pipe not waited on.
            fd = open_regular(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)
        except OSError:
            return False
        return True

    def read(self) -> tuple[list[dict[str, Any]], int]:
        """(events, oldest first; how many lines could not be read as events)."""
        events: list[dict[str, Any]] = []
        bad = 0
        for path in (self.old_path, self.path):
            for raw in _lines(path, self.max_bytes + MAX_LINE_BYTES):
                try:
                    record = json.loads(raw, parse_constant=_no_constant)
                except (ValueError, RecursionError):  # also bad UTF-8, and nested too deep
                    bad += 1
                    continue
                if _is_event(record):
                    events.append(record)
                else:
                    bad += 1
        return events, bad


def _lines(path: Path, limit: int) -> Iterable[bytes]:
    try:
        data = read_regular(path, limit)  # a link or a named pipe: no log
    except OSError:
        return []
    return [line for line in data.split(b"\n") if line.strip()]


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")  # NaN, Infinity: never written, so a bad line


def _is_event(record: Any) -> bool:
    """A line as `append` writes it: its time a finite number (1e999 reads as infinity)."""
    t = record.get("t") if isinstance(record, dict) else None
    return (
        isinstance(record, dict)
        and isinstance(t, (int, float))
        and not isinstance(t, bool)
        and math.isfinite(t)
        and all(isinstance(record.get(k), str) for k in ("event", "guide", "language", "run"))
        and (record.get("step") is None or isinstance(record.get("step"), str))
    )


@dataclass
class GuideStats:
    """The user's runs of one guide in one language."""

    guide: str
    language: str
    runs: int = 0
    finished: int = 0
    reached: Counter[str] = field(default_factory=Counter)  # step id -> runs that entered it
    ended_after: Counter[str] = field(default_factory=Counter)  # step id -> finished runs that ended right after it
    stopped: Counter[str] = field(default_factory=Counter)  # step id -> unfinished runs that stopped there


def summarize(events: list[dict[str, Any]], guide: str | None = None, language: str | None = None) -> list[GuideStats]:
    """Per guide and language: runs, how many reached each step, where each stopped.

    A step counts once per run however often it was entered, so a run that
    went back and forth (or a line logged twice) is not counted twice.
    """
    runs: dict[tuple[str, str, str], dict[str, Any]] = {}
    for e in events:
        if (guide and e["guide"] != guide) or (language and e["language"] != language):
            continue
        run = runs.setdefault((e["guide"], e["language"], e["run"]), {"reached": {}, "last": None, "finished": False})
        step = e.get("step")
        if step and e["event"] in ("started", "resumed", "step_entered", "quit"):
            run["reached"][step] = None  # a dict, not a set: the steps in the order first reached
            run["last"] = step
        if e["event"] == "finished":
            run["finished"] = True
            run["ended_after"] = step
        elif e["event"] in ("started", "step_entered"):
            run["finished"] = False  # went back after finishing
    out: dict[tuple[str, str], GuideStats] = {}
    for (g, lang, _), run in runs.items():
        stats = out.setdefault((g, lang), GuideStats(g, lang))
        stats.runs += 1
        stats.reached.update(list(run["reached"]))  # each step once a run, in the order reached
        if run["finished"]:
            stats.finished += 1
            if run.get("ended_after"):
                stats.ended_after[run["ended_after"]] += 1
        elif run["last"]:
            stats.stopped[run["last"]] += 1
    return sorted(out.values(), key=lambda s: (s.guide, s.language))


def walk_events(guide: Guide, before: Seen, after: Seen) -> list[tuple[str, dict[str, Any]]]:
    """The events (name, fields) that a walker's change from `before` to `after` amounts to:
    each step entered (every one, if several were passed between two looks), each
    answer given or changed, and reaching the end."""
    path, answers, finished = before
    new_path, new_answers, new_finished = after
    out: list[tuple[str, dict[str, Any]]] = []
    if new_path != path or (finished and not new_finished):
        same = 0
        while same < min(len(path), len(new_path)) and path[same] == new_path[same]:
            same += 1
        for step_id in new_path[same:] or new_path[-1:]:  # going back re-enters the last
            out.append(("step_entered", {"step": step_id}))
    asked = {s.ask.key: s.id for s in map(guide.step, new_path) if s.ask}
    for key, option in new_answers.items():
        if answers.get(key) != option:
            out.append(("answered", {"step": asked.get(key, new_path[-1]), "key": key, "option": option}))
    if new_finished and not finished:
        out.append(("finished", {"step": new_path[-1]}))
    return out
