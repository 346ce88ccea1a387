"""Run a full-screen program in a pseudo-terminal and time its first paint.

`first_paint(argv, markers)` starts the program on the slave side of a new
pty (TERM=xterm-256color, an 80x24 window set with TIOCSWINSZ), reads what it
writes, and notes the moment one of `markers` has been written to the
terminal, and how much CPU the program had used by then (from /proc: a cross-
check that a busy machine disturbs less than wall time).  Then it asks the
program to quit (ctrl+q, which every Textual app binds to quit, then SIGTERM,
then SIGKILL), drains the output so the program never blocks on a full pty,
and reaps it with os.wait4, whose rusage gives that one child's peak RSS.

The stream is decoded incrementally (a wide character may be split across two
reads) and escape sequences are removed before searching, since Textual puts a
style change between any two differently styled runs of text.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

COLUMNS, ROWS = 80, 24

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/APC/PM (ESC P/_/^ ... ST),
# two-byte escapes (ESC c, ESC =, ESC 7 ...), and the lone C0 controls Textual writes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[P_^][^\x1b]*\x1b\\"
    r"|\x1b[ -/]*[0-~]"
    r"|[\x00-\x08\x0b-\x1f\x7f]"
)


class PaintTimeout(RuntimeError):
    """The program exited or went quiet before it wrote any marker."""


@dataclass(frozen=True)
class PaintRun:
    """One run: seconds from start to the marker, which marker, and the child's peak RSS."""

    seconds: float
    marker: str
    peak_rss_kib: int
    exit_status: int
    cpu_seconds: float = 0.0  # CPU the child had used when the marker arrived (less noisy than wall time)
    then_seconds: float = 0.0  # seconds until the `then` marker, when one was asked for


def plain_text(raw: str) -> str:
    """Terminal output with its escape sequences and control characters removed."""
    return _ESCAPES.sub("", raw)


def bench_environ(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a measured run: a fixed terminal, nothing that
    changes what is drawn (COLUMNS, LINES, NO_COLOR, TEXTUAL_*, GUIDE_TUI_PATH),
    and Python caching compiled modules as it does on a user's machine
    (without PYTHONDONTWRITEBYTECODE, which some sandboxes set, every run would
    compile guide-tui's changed modules again; the warm-up run writes them)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "COLORTERM", "GUIDE_TUI_PATH", "PYTHONDONTWRITEBYTECODE")
        and not k.startswith("TEXTUAL")
    }
    env["TERM"] = "xterm-256color"
    env.update(extra or {})
    return env


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by every thread of a live process (Linux /proc schedstat, in ns)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:  # not Linux, or the process is gone
        return 0.0
    total = 0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as stat:
                total += int(stat.read().split()[0])
        except (OSError, ValueError, IndexError):  # a thread that just ended
            continue
    return total / 1e9


def _set_window_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def _controlling_tty() -> None:  # pragma: no cover - runs in the child
    """Make the pty the child's controlling terminal, as a terminal emulator does."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def first_paint(
    argv: Sequence[str],
    markers: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    timeout: float = 30.0,
    quit_keys: bytes = b"\x11",
    then: str | None = None,
) -> PaintRun:
    """Start `argv` in an 80x24 pty and time it until any of `markers` is on screen
    (and, if `then` is given, also until `then` is, as `then_seconds`)."""
    master, slave = os.openpty()
    _set_window_size(slave, COLUMNS, ROWS)
    screen = _Screen(master, argv[0])
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=dict(env or bench_environ()),
        cwd=cwd,
        start_new_session=True,
        preexec_fn=_controlling_tty,
        close_fds=True,
    )
    os.close(slave)
    try:
        found = screen.wait_for(markers, start + timeout)
        elapsed = time.perf_counter() - start
        cpu = cpu_seconds(proc.pid)
        later = screen.wait_for([then], start + timeout) and time.perf_counter() - start if then else 0.0
        status, rusage = _quit(proc, master, quit_keys)
    finally:
        if proc.returncode is None:
            _kill(proc)
        os.close(master)
    return PaintRun(elapsed, found, rusage.ru_maxrss if rusage else 0, status, cpu, later)


class _Screen:
    """What a program has written to the pty so far, as plain text."""

    def __init__(self, master: int, name: str) -> None:
        self.master, self.name = master, name
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.raw = ""

    def wait_for(self, markers: Sequence[str], deadline: float) -> str:
        """Read until one of `markers` is in the text; the one found."""
        while True:
            text = plain_text(self.raw)
            found = next((m for m in markers if m in text), None)
            if found is not None:
                return found
            if time.perf_counter() > deadline:
                raise PaintTimeout(f"{self.name} did not write {markers[0]!r} in time: {text[-300:]!r}")
            ready, _, _ = select.select([self.master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                raise PaintTimeout(f"{self.name} exited before writing {markers[0]!r}: {text[-300:]!r}")
            self.raw += self.decoder.decode(chunk)


def _drain(master: int, seconds: float) -> None:
    """Read and drop output for a while, so the child never blocks writing."""
    end = time.perf_counter() + seconds
    while (left := end - time.perf_counter()) > 0:
        ready, _, _ = select.select([master], [], [], min(left, 0.05))
        if ready:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return


def _reap(proc: subprocess.Popen[bytes], master: int, seconds: float):
    """Wait up to `seconds` for the child, draining its output; (status, rusage) or None."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, rusage
        _drain(master, 0.02)
    return None


def _quit(proc: subprocess.Popen[bytes], master: int, keys: bytes):
    """Ask the child to quit: `keys`, then SIGTERM, then SIGKILL; (status, rusage)."""
    try:
        os.write(master, keys)
    except OSError:
        pass
    for action in (None, signal.SIGTERM, signal.SIGKILL):
        if action is not None:
            try:
                os.killpg(proc.pid, action)
            except ProcessLookupError:
                pass
        reaped = _reap(proc, master, 5.0)
        if reaped:
            return reaped
    return -1, None


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


if __name__ == "__main__":  # a quick look: python bench/ptyrun.py MARKER -- ARGV...
    marker, argv = sys.argv[1], sys.argv[sys.argv.index("--") + 1 :]
    print(first_paint(argv, [marker]))
