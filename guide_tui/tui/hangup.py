"""Ending the walk when its terminal goes or the process is told to stop.

SIGTERM and SIGHUP (the terminal closed, SSH lost) call the app's handler, which
saves the walk and lets its lock go, then asks Textual to exit; `exit_later`
ends the process EXIT_SECONDS later whatever Textual's shutdown does.  When
nobody sends SIGHUP (closing the terminal of `make run` signals only make), a
thread notices that the terminal is gone and sends it (`watch_terminal`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

EXIT_SECONDS = 1.5  # after SIGHUP or SIGTERM the process is gone by then, orderly or not


def catch(handler: Callable[[int, Any], None], *, watch_terminal: bool) -> None:
    """SIGTERM and SIGHUP to `handler`, and (`watch_terminal`) SIGHUP once the terminal
    is gone.  Only the main thread may set signal handlers: elsewhere (tests run apps
    in other threads) nothing is done."""
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            signal.signal(sig, handler)
        except (ValueError, OSError):  # pragma: no cover - not on this platform
            pass
    if watch_terminal and hasattr(signal, "SIGHUP"):
        _watch_terminal(sys.__stdin__)


def exit_later(status: int) -> None:
    """End the process with `status` EXIT_SECONDS from now, unless it has ended by then."""
    timer = threading.Timer(EXIT_SECONDS, _last_resort_exit, args=(status,))
    timer.daemon = True
    timer.start()


def _watch_terminal(stream: object) -> None:
    """Send this process SIGHUP once its terminal is gone, whoever was told.

    Closing a terminal signals only the process that leads its session: the shell,
    or `make` under `make run`, which catches the signal and waits for guide-tui.
    guide-tui itself is told nothing; its terminal reads end-of-file, which
    Textual's input thread reads again at once, for ever: a process spinning at
    100 % of a core and holding the walk's lock.  A thread looks once a second
    whether standard input is still a terminal (after a hang-up it is not) and, if
    not, raises the same SIGHUP a shell would have sent: the app's handler saves and ends."""
    try:
        fd = stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return
    if not os.isatty(fd):
        return

    def watch() -> None:
        while os.isatty(fd):
            time.sleep(1.0)
        os.kill(os.getpid(), signal.SIGHUP)

    threading.Thread(target=watch, name="guide-tui terminal watch", daemon=True).start()


def _last_resort_exit(status: int) -> None:
    """End the process now: Textual's shutdown did not finish in time. Put the terminal
    back as far as a few bytes can, if it is still there and takes them at once (a
    terminal that is not being read must not hold up the exit), then exit."""
    with contextlib.suppress(OSError):
        tty = os.open("/dev/tty", os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)  # a file description of our own
        try:
            os.write(tty, b"\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?1006l")
        finally:
            os.close(tty)
    os._exit(status)
