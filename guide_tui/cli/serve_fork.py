"""The tab starter of `guide-tui serve`: one warm process that forks a walk for each tab.

Starting a tab as a new Python process cost about 0.5 s of CPU (the interpreter,
then importing Textual and guide-tui) and about 30 MiB: 30 tabs opened together
waited 16 s for their first screen.  So the server (cli/web.py) starts this
process once:

    <python> -m guide_tui.cli.serve_fork --guide PATH [--lang L] --control FD

It imports everything a walk needs, reads the guide once, and waits.  For each
tab the server sends it, over a Unix socket (FD), the tab's private folder and
its clamped size, with the three pipe ends that are the tab's standard input,
output and error.  The starter forks; the child makes those pipes its 0, 1 and 2,
takes the size (COLUMNS, ROWS), makes the folder its working folder and walks the
guide in it, exactly as `python -m guide_tui.cli.serve_tab` does, in a session of
its own.  A forked tab shares the starter's imported modules until it changes
them, so it starts in a fraction of the time and memory.

The starter is the tabs' parent: it reports each one's process id when it starts
and its exit status when it ends, and sends a signal to a tab only while that tab
is its live, unreaped child (so a process id that was reused is never signalled).
When the server closes the socket, the starter ends every tab left and exits.

Messages are JSON, one per datagram (SOCK_SEQPACKET):
    server -> starter  {"start": N, "tab": DIR, "columns": C, "rows": R} + 3 fds
                       {"signal": PID, "number": SIG}
    starter -> server  {"started": N, "pid": PID} or {"started": N, "error": TEXT}
                       {"exited": PID, "status": CODE}
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import selectors
import signal
import socket
import sys

MODULE = "guide_tui.cli.serve_fork"
MAX_MESSAGE = 64 * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {MODULE}")
    parser.add_argument("--lang", metavar="L")
    parser.add_argument("--guide", required=True, metavar="PATH")
    parser.add_argument("--control", required=True, type=int, metavar="FD")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    # Ctrl+C in the terminal reaches the whole group, this process too: the server ends it,
    # by closing the socket, once it has ended the tabs. Interrupted here, it printed a
    # traceback and went before the server had its tabs' ends, which then took 23 s.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    control = socket.socket(fileno=args.control)
    warm_up(args.guide, args.lang)
    gc.freeze()  # what is imported now stays shared with every tab (no collector writes to it)
    return serve(control, args.guide, args.lang)


def warm_up(guide: str, lang: str | None = None) -> None:
    """Import what a tab imports, read the guide, and walk it once off screen as a tab does
    (with a progress store, in a folder removed after; Textual's headless driver: it parses
    the styles and fills Textual's caches), before any tab is forked: each tab then starts
    from there, and imports nothing of its own."""
    import asyncio
    import tempfile
    import threading
    from pathlib import Path

    import textual.drivers.web_driver  # noqa: F401 - the driver every tab runs under

    from guide_tui.cli import main as cli_main
    from guide_tui.cli import serve_tab  # noqa: F401 - what each tab runs (cli.main and the walk's imports)
    from guide_tui.core.loader import load_file
    from guide_tui.progress.store import ProgressStore
    from guide_tui.tui.app import GuideApp

    # What every tab does first, done once: the walk's argument parser made, the guide found
    # as a tab finds it (the library's search folders) and loaded and checked, kept for them.
    cli_main._walk_parser(["--lang", lang] if lang else [])
    found = cli_main.resolve_guide(guide, lang)
    loaded = load_file(found, keep=True).guide if found is not None else None
    if loaded is None:
        return

    async def rehearse(state: Path) -> None:
        store = ProgressStore(state)
        app = GuideApp(loaded, lang=lang, session=store.open(loaded, save_now=False), store=store)
        # With Textual's tooltip and notification widgets, as a real tab has (run_test leaves
        # them out by default, and each tab then parsed their CSS itself).
        async with app.run_test(size=(80, 24), tooltips=True, notifications=True) as pilot:
            await pilot.pause()
        app.share_parsed_css()  # each tab's app starts with the CSS parsed
        if app.session is not None:
            app.session.close()

    with tempfile.TemporaryDirectory(prefix="guide-tui-warm-up-") as state:
        asyncio.run(rehearse(Path(state)))
    if threading.active_count() != 1:  # pragma: no cover - forking with threads would be unsafe
        raise RuntimeError("the rehearsal left threads running")


def serve(control: socket.socket, guide: str, lang: str | None) -> int:
    """Start tabs until the server goes away; then end those left."""
    children: set[int] = set()
    selector = selectors.DefaultSelector()
    selector.register(control, selectors.EVENT_READ)
    try:
        while True:
            for _ in selector.select(timeout=0.05):
                message, fds = _receive(control)
                if message is None:  # the server closed the socket
                    return 0
                _handle(control, message, fds, children, guide, lang)
            _reap(control, children)
    finally:
        for pid in children:
            _signal(pid, signal.SIGKILL)
        for pid in list(children):
            _wait(pid)


def _receive(control: socket.socket) -> tuple[dict[str, object] | None, list[int]]:
    try:
        data, fds, _flags, _address = socket.recv_fds(control, MAX_MESSAGE, 3)
    except OSError:
        return None, []
    if not data:
        return None, fds
    try:
        message = json.loads(data)
    except (ValueError, RecursionError):
        message = {}
    return (message if isinstance(message, dict) else {}), fds


def _handle(
    control: socket.socket, message: dict[str, object], fds: list[int], children: set[int], guide: str, lang: str | None
) -> None:
    if "start" in message and len(fds) == 3:
        try:
            pid = _fork(message, fds, control, guide, lang)
        except (OSError, TypeError, ValueError) as error:
            _send(control, {"started": message["start"], "error": str(error)})
        else:
            children.add(pid)
            _send(control, {"started": message["start"], "pid": pid})
        finally:
            for fd in fds:
                os.close(fd)
    elif "signal" in message:
        target, number = message.get("signal"), message.get("number")
        if isinstance(target, int) and target in children and isinstance(number, int):
            _signal(target, number)
    else:
        for fd in fds:
            os.close(fd)


def _fork(message: dict[str, object], fds: list[int], control: socket.socket, guide: str, lang: str | None) -> int:
    tab, columns, rows = message["tab"], message["columns"], message["rows"]
    if not (isinstance(tab, str) and os.path.isdir(tab) and isinstance(columns, int) and isinstance(rows, int)):
        raise ValueError("a tab needs its folder and its size")
    pid = os.fork()
    if pid:
        return pid
    # The child: never returns from here.
    code = 1
    try:
        control.close()
        os.setsid()  # a session of its own, as a spawned tab has
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as a spawned tab has it
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        os.environ["COLUMNS"], os.environ["ROWS"] = str(columns), str(rows)
        from guide_tui.cli import serve_tab

        # sys.stdin, stdout and stderr are file descriptors 0, 1 and 2: now the tab's pipes.
        code = serve_tab.walk_tab(guide, tab, lang)
    except BaseException:  # a tab's failure stays in the tab
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _reap(control: socket.socket, children: set[int]) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if not pid:
            return
        children.discard(pid)
        _send(control, {"exited": pid, "status": os.waitstatus_to_exitcode(status)})


def _wait(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _signal(pid: int, number: int) -> None:
    try:
        os.kill(pid, number)
    except (ProcessLookupError, PermissionError):
        pass


def _send(control: socket.socket, message: dict[str, object]) -> None:
    try:
        control.send(json.dumps(message).encode("utf-8"))
    except OSError:  # the server has gone: the loop ends on the next read
        pass


def pass_fds(control: socket.socket, message: dict[str, object], fds: list[int]) -> None:
    """Send a message with file descriptors (the server side of the protocol)."""
    socket.send_fds(control, [json.dumps(message).encode("utf-8")], fds)


if __name__ == "__main__":
    sys.exit(main())
