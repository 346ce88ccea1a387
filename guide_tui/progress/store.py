"""Progress on disk: one JSON file per guide id and language, written atomically.

    store = ProgressStore()                  # $GUIDE_TUI_STATE_DIR or the user state folder
    session = store.open(guide)              # resumed walker (or a fresh one) + notices
    session.walker.advance(); session.changed()
    session.close()                          # the last state is always written

A save goes to a unique temporary file in the same folder, is flushed and
fsynced, then `os.replace`d over the state file and the folder is fsynced,
so a crash at any moment leaves the old state or the new one, never half.
A damaged state file is moved aside (never deleted); a newer format's file is
left alone and not overwritten; a folder that cannot be written leaves the
walk going without saving.  One walker per guide saves at a time: the first
holds an flock on `<name>.lock`, a second one walks read-only (docs/progress.md).
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guide_tui.core.atomic import NotAFile, read_regular, write_atomic
from guide_tui.core.fields import LANGUAGE_PATTERN, SLUG_PATTERN
from guide_tui.core.model import Guide
from guide_tui.core.text import safe_text
from guide_tui.core.walker import Notice, Walker
from guide_tui.progress.events import EventLog, Seen, walk_events
from guide_tui.progress.state import CorruptState, NewerState, check, dump, restore

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; see docs/progress.md
    fcntl = None  # type: ignore[assignment]


COALESCE_SECONDS = 0.3
MAX_STATE_BYTES = 4 * 1024 * 1024
_SLUG = re.compile(SLUG_PATTERN)
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _monotonic() -> float:
    """The coalescing clock (a function of its own so tests can drive it)."""
    return time.monotonic()


def default_state_dir() -> Path:
    """$GUIDE_TUI_STATE_DIR if set, else the platform's user state folder for guide-tui."""
    env = os.environ.get("GUIDE_TUI_STATE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir("guide-tui"))


def state_name(guide_id: str, language: str) -> str:
    """The state file's name; ValueError for an id or language a file name cannot hold."""
    if not _SLUG.match(guide_id) or not _LANGUAGE.match(language):
        raise ValueError(f"not a guide id and language: {guide_id!r} {language!r}")
    return f"{guide_id}.{language}.json"


def reason(exc: OSError) -> str:
    """A short, terminal-safe description of why a file operation failed."""
    text = os.strerror(exc.errno) if exc.errno else str(exc)
    where = exc.filename if isinstance(exc.filename, str) else None
    return safe_text(f"{text}: {where}" if where else text)


def read_state(path: Path, guide_id: str | None, language: str | None) -> tuple[str, Any]:
    """(kind, detail): "missing"; "ok" and the checked state; "corrupt" and why;
    "newer"; "directory"; "unreadable" and the reason.  Never follows a link."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "missing", None
    except OSError as exc:
        return "unreadable", reason(exc)
    if stat.S_ISDIR(st.st_mode):
        return "directory", reason(OSError(errno.EISDIR, "", str(path)))
    if not stat.S_ISREG(st.st_mode):
        return "corrupt", "not a regular file"
    try:
        raw = read_regular(path, MAX_STATE_BYTES + 1)
    except NotAFile:  # became a pipe or a device after lstat
        return "corrupt", "not a regular file"
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link after lstat
            return "corrupt", "a link"
        return "unreadable", reason(exc)
    if len(raw) > MAX_STATE_BYTES:
        return "corrupt", "too big"
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
        return "ok", check(data, guide_id, language)
    except NewerState:
        return "newer", None
    except (ValueError, RecursionError) as exc:  # JSON, UTF-8 and CorruptState errors
        return "corrupt", str(exc)[:200]


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


@dataclass(frozen=True)
class Status:
    """What the library shows for a guide: "new", "started" (step k of n),
    "finished", "ended" (at a step's own ending: another outcome than the guide's),
    "unreadable" (a damaged file) or "newer" (a newer guide-tui's)."""

    state: str
    k: int | None = None
    n: int | None = None
    step: str | None = None
    saved_at: float | None = None


class ProgressStore:
    """The folder of saved progress (and of the event log)."""

    def __init__(self, state_dir: Path | None = None, *, clock: Callable[[], float] = time.time) -> None:
        self.state_dir = Path(state_dir).expanduser() if state_dir is not None else default_state_dir()
        self.clock = clock  # the walkers' clock: when steps were entered and left
        self.events = EventLog(self.state_dir)

    def path_for(self, guide_id: str, language: str) -> Path:
        return self.state_dir / state_name(guide_id, language)

    def open(self, guide: Guide, *, restart: bool = False, save_now: bool = True) -> Session:
        """A session on this guide: its saved walk resumed (or a fresh one) and notices.

        save_now=False leaves the first write to the caller's flush() (the full
        screen does it right after its first paint, to start faster)."""
        path = self.path_for(guide.id, guide.language)
        notices: list[Notice] = []
        lock_fd: int | None = None
        problem = self._prepare_folder()
        if problem is None:
            lock_fd, problem = _lock(path.with_name(path.name + ".lock"))
        if isinstance(problem, Notice):
            notices.append(problem)
        elif problem == "in_use":
            notices.append(Notice("in_use"))
        elif problem:
            notices.append(Notice("not_saving", {"reason": problem}))
        writable = problem is None

        kind, detail = read_state(path, guide.id, guide.language)
        restored = None
        if kind == "ok":
            try:  # also on restart: a file that does not fit is kept, not overwritten
                restored = restore(guide, detail, (lambda: 0.0) if restart else self.clock)
            except CorruptState as exc:
                kind, detail = "corrupt", str(exc)
        walker: Walker | None = None
        run: str | None = None
        if kind == "corrupt":
            if writable:
                try:
                    notices.append(Notice("corrupt_moved", {"name": _move_aside(path)}))
                except OSError as exc:
                    writable = False
                    notices.append(Notice("not_saving", {"reason": reason(exc)}))
            else:
                notices.append(Notice("corrupt_kept", {"name": path.name}))
        elif kind == "newer":
            writable = False
            notices.append(Notice("newer_version", {"name": path.name}))
        elif kind in ("directory", "unreadable"):
            if writable:
                notices.append(Notice("not_saving", {"reason": detail}))
            writable = False
        elif restored and not restart:
            walker, more = restored
            run = detail["run"]
            k, n = walker.progress()
            code = ("resumed_ended" if walker.other_outcome else "resumed_finished") if walker.finished else "resumed"
            notices.insert(0, Notice(code, {"k": k, "n": n}))
            notices.extend(more)
        if writable:
            _remove_stale_temps(path)
        session = Session(self, guide, path, walker or Walker(guide, self.clock), run, notices, writable, lock_fd)
        session.log("resumed" if run else "started", step=session.walker.path[-1])
        if save_now:
            session.flush()  # saved at once: an unwritable folder is found (and said) at the start
        return session

    def peek(self, guide: Guide) -> tuple[Walker | None, list[Notice]]:
        """The saved walk as it was left (read-only: no lock, nothing moved or written)."""
        try:
            path = self.path_for(guide.id, guide.language)
        except ValueError:
            return None, []
        kind, detail = read_state(path, guide.id, guide.language)
        if kind == "ok":
            try:
                return restore(guide, detail, self.clock, resuming=False)
            except CorruptState:
                kind = "corrupt"
        if kind == "missing":
            return None, []
        if kind == "unreadable" and (is_file := self._folder_is_a_file()):
            return None, [is_file]
        code = {"corrupt": "corrupt_kept", "newer": "newer_version"}.get(kind)
        if code:
            return None, [Notice(code, {"name": path.name})]
        return None, [Notice("not_saving", {"reason": detail})]

    def status(self, guide_id: str, language: str, total_steps_hint: int | None = None) -> Status:
        """The library's line for a guide (read-only, never raises).  n is the
        length of the path the user was on when saved; the hint stands in only
        if the file has none that makes sense."""
        try:
            kind, state = read_state(self.path_for(guide_id, language), guide_id, language)
        except Exception:
            return Status("new")
        if kind == "missing" or kind == "directory":
            return Status("new")
        if kind == "newer":
            return Status("newer")
        if kind != "ok":
            return Status("unreadable")
        k, n = state["progress"]
        if n < k and total_steps_hint:
            n = max(k, total_steps_hint)
        walk = state["walk"]
        state_word = ("ended" if walk.get("other_outcome") else "finished") if walk["finished"] else "started"
        return Status(state_word, k, n, walk["current"], state["saved_at"])

    def _folder_is_a_file(self) -> Notice | None:
        """The notice when the state folder is a file (`--state-dir afile`), else None:
        said as that, not as the system's "File exists" or "Not a directory"."""
        if os.path.lexists(self.state_dir) and not self.state_dir.is_dir():
            return Notice("state_dir_is_file", {"path": safe_text(str(self.state_dir))})
        return None

    def _prepare_folder(self) -> str | Notice | None:
        """Make the folder (0700) if it does not exist; the reason if that fails."""
        if self.state_dir.is_dir():
            return None
        is_file = self._folder_is_a_file()
        if is_file:
            return is_file
        try:
            os.makedirs(self.state_dir, mode=0o700, exist_ok=True)
            os.chmod(self.state_dir, 0o700)
        except OSError as exc:
            return reason(exc)
        return None


class Session:
    """One walk of one guide, saved as it goes.  See ProgressStore.open."""

    def __init__(
        self,
        store: ProgressStore,
        guide: Guide,
        path: Path,
        walker: Walker,
        run: str | None,
        notices: list[Notice],
        saving: bool,
        lock_fd: int | None,
    ) -> None:
        self.store = store
        self.guide = guide
        self.path = path
        self.walker = walker
        self.run = run or os.urandom(6).hex()
        self.notices = notices
        self.saving = saving
        self._lock_fd = lock_fd
        self._dirty = True  # a resumed walk has a new stay to save; a fresh one, its start
        self._busy = False
        self._closed = False
        self._last_write = float("-inf")
        self._seen = self._observe()

    def changed(self) -> None:
        """Call after every walker change: logs what happened and saves, at most
        every COALESCE_SECONDS (flush() writes what is left)."""
        self._dirty = True
        self._log_changes()
        if _monotonic() - self._last_write >= COALESCE_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Write now if anything changed since the last write."""
        if not (self._dirty and self.saving) or self._busy:
            return
        self._busy = True  # a signal handler calling flush() mid-write does not nest
        try:
            data = json.dumps(
                dump(self.walker, self.run, time.time()), ensure_ascii=False, separators=(",", ":")
            ).encode("utf-8")
            write_atomic(self.path, data)
            self._dirty = False
            self._last_write = _monotonic()
        except OSError as exc:
            self.saving = False
            self.notices.append(Notice("not_saving", {"reason": reason(exc)}))
        finally:
            self._busy = False

    def replace(self, guide: Guide, walker: Walker) -> None:
        """Go on with this walk on a changed version of its guide (`guide-tui --watch`),
        the walker fitted to it (saved_walk.from_saved); saved with the next flush."""
        self._log_changes()
        self.guide = guide
        self.walker = walker
        self._seen = self._observe()
        self._dirty = True

    def restart(self) -> None:
        """Start the walk over (a new run), saved at once.  The walker object stays
        the same, so whoever holds it sees the fresh walk."""
        self.walker.restart()
        self.run = os.urandom(6).hex()
        self._seen = self._observe()
        self.log("started", step=self.walker.path[-1])
        self._dirty = True
        self.flush()

    def close(self) -> None:
        """Write the last state and let another walker save this guide."""
        if self._closed:
            return
        self._log_changes()
        if not self.walker.finished:
            self.log("quit", step=self.walker.path[-1])
        self._dirty = True  # written even if a change was never reported
        self.flush()
        self._closed = True
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def log(self, event: str, **fields: Any) -> None:
        """Append one event to the log in the state folder (never raises)."""
        self.store.events.append(event, guide=self.guide.id, language=self.guide.language, run=self.run, **fields)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _observe(self) -> Seen:
        w = self.walker
        return tuple(w.path), dict(w.answers), w.finished

    def _log_changes(self) -> None:
        """Log the events that the change since the last call amounts to."""
        now = self._observe()
        for event, fields in walk_events(self.guide, self._seen, now):
            self.log(event, **fields)
        self._seen = now


def _lock(lock_path: Path) -> tuple[int | None, str | None]:
    """(fd holding the lock, None), or (None, "in_use" or why it cannot be locked)."""
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o600)
    except OSError as exc:
        return None, reason(exc)
    if fcntl is None:
        return fd, None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        return None, "in_use" if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES) else reason(exc)
    return fd, None


def _move_aside(path: Path) -> str:
    """Rename a damaged state file to `<name>.corrupt-<timestamp>`; its new name."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for i in range(1000):
        name = f"{path.name}.corrupt-{stamp}" + (f"-{i}" if i else "")
        try:
            os.lstat(path.with_name(name))
        except FileNotFoundError:
            os.rename(path, path.with_name(name))  # a planted link is renamed, not followed
            return name
    raise OSError(errno.EEXIST, "too many damaged state files", str(path))


def _remove_stale_temps(path: Path) -> None:
    """Temporary files a killed writer left (we hold the lock: no writer is live)."""
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(".tmp"):
            try:
                os.unlink(path.parent / name)
            except OSError:
                pass
