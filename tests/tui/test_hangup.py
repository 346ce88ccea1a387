"""Closing the terminal ends guide-tui: progress saved, lock released, process gone.

Of about 60 walks in tmux whose session was killed, 5 used to leave a process
behind for over an hour, stuck in Textual's shutdown (its writer queue is never
drained once the terminal is gone) and holding the progress lock, so the next
start could not save.  A hang-up is now an exit: the walk is saved and the lock
released first, and the process is gone within 2 seconds whatever Textual does.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
XIAOMI = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
STATE_NAME = "xiaomi-installment-priority-payment.zh-CN.json"
TITLE = "登录小米账户".encode()


def _controlling_tty() -> None:  # in the child, after setsid: the pty becomes its terminal
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def start_in_a_terminal(
    argv: list[str], env: dict[str, str], *, drain: bool = False
) -> tuple[subprocess.Popen[bytes], int]:
    """`argv` on a new 80x24 pty as its controlling terminal; (process, master fd) once the
    first step's title is on the screen.  drain: keep reading what it writes, as a live
    terminal does (a thread blocked reading the master would keep the terminal from
    closing, so not when the test closes it)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        # Its size is the terminal's: COLUMNS and LINES (which a test runner's worker may
        # have) would override it, and a resize of the terminal would change nothing.
        env={**{k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}, "TERM": "xterm-256color"},
        cwd=ROOT,
        start_new_session=True,
        preexec_fn=_controlling_tty,
    )
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 60
    while TITLE not in seen.replace(b"\x1b", b"") and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
        # Textual puts style changes between characters: compare without escape sequences
        if TITLE in _plain(seen):
            break
    assert TITLE in _plain(seen), _plain(seen)[-500:]

    def reader() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return

    if drain:
        threading.Thread(target=reader, daemon=True).start()
    time.sleep(0.3)  # the first save runs right after the first paint
    return proc, master


def _plain(raw: bytes) -> bytes:
    import re

    return re.sub(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-B]|\x1b.", b"", raw)


def gone_within(proc: subprocess.Popen[bytes], seconds: float) -> bool:
    try:
        proc.wait(timeout=seconds)
        return True
    except subprocess.TimeoutExpired:
        return False


def lock_is_free(state: Path) -> bool:
    fd = os.open(state / (STATE_NAME + ".lock"), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


STUCK_SHUTDOWN = """
import sys, time
from textual.app import App
from guide_tui.cli.main import main

async def stuck(self, *args, **kwargs):
    while True:  # as Textual's shutdown blocks on a writer queue that nobody drains
        time.sleep(1)

App._shutdown = stuck
sys.exit(main(sys.argv[1:]))
"""


def test_a_hang_up_ends_the_walk_even_when_textuals_shutdown_never_returns(tmp_path: Path) -> None:
    state = tmp_path / "state"
    argv = [sys.executable, "-c", STUCK_SHUTDOWN, str(XIAOMI), "--state-dir", str(state)]
    proc, master = start_in_a_terminal(argv, dict(os.environ), drain=True)
    try:
        os.write(master, b"n")  # one step on, so there is something to save
        time.sleep(0.3)
        start = time.monotonic()
        proc.send_signal(signal.SIGHUP)
        assert gone_within(proc, 2.0), "still running 2 s after SIGHUP"
        assert time.monotonic() - start < 2.0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    assert lock_is_free(state)
    saved = json.loads((state / STATE_NAME).read_text("utf-8"))
    assert saved["walk"]["current"] == "my-orders"  # the step reached was saved before the exit


def test_closing_the_terminal_50_times_under_load_leaves_no_process(tmp_path: Path) -> None:
    """Each walk's terminal is closed (the pty's master side goes, as when a terminal window
    is closed or tmux kills the session) while another process keeps a core busy."""
    burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    failures: list[str] = []

    def one(n: int) -> None:
        state = tmp_path / f"state-{n}"
        proc, master = start_in_a_terminal(
            [sys.executable, "-m", "guide_tui", str(XIAOMI), "--state-dir", str(state)], dict(os.environ)
        )
        os.close(master)  # the terminal is gone: the kernel hangs up the session
        if not gone_within(proc, 2.0):
            failures.append(f"walk {n}: still running 2 s after its terminal closed")
            proc.kill()
            proc.wait()
        elif not lock_is_free(state):
            failures.append(f"walk {n}: lock still held")

    try:
        for batch in range(10):
            threads = [threading.Thread(target=one, args=(batch * 5 + i,)) for i in range(5)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
    finally:
        burner.kill()
        burner.wait()
    assert failures == []


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def test_closing_the_terminal_of_make_run_ends_the_walk(tmp_path: Path) -> None:
    """Under `make run` (or any shell that catches SIGHUP and waits), closing the terminal
    signals only make, which waits for guide-tui: guide-tui is told nothing, and it used
    to read end-of-file for ever at 100 % of a core, holding the walk's lock.  It now
    sees that its terminal is gone within about a second, saves, and ends."""
    state = tmp_path / "state"
    walk = f"{sys.executable} -m guide_tui {XIAOMI} --state-dir {state}"
    leader = f"trap 'echo hang-up >/dev/null' HUP; {walk}; sleep 5"  # catches SIGHUP and waits, as make does
    proc, master = start_in_a_terminal(["bash", "-c", leader], dict(os.environ))
    walker = next(iter(_children(proc.pid)), None)
    try:
        assert walker is not None
        os.write(master, b"n")  # one step on, so there is something to save
        time.sleep(0.3)
        os.close(master)  # the terminal window is closed
        master = -1
        deadline = time.monotonic() + 5.0
        while os.path.exists(f"/proc/{walker}") and time.monotonic() < deadline:
            with open(f"/proc/{walker}/stat", encoding="ascii", errors="replace") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    break  # ended, waiting for bash to collect it
            time.sleep(0.1)
        assert time.monotonic() < deadline, "guide-tui still running 5 s after its terminal closed"
    finally:
        if master >= 0:
            os.close(master)
        proc.kill()
        proc.wait()
        if walker is not None and os.path.exists(f"/proc/{walker}"):
            os.kill(walker, signal.SIGKILL)
    assert lock_is_free(state)
    saved = json.loads((state / STATE_NAME).read_text("utf-8"))
    assert saved["walk"]["current"] == "my-orders"
