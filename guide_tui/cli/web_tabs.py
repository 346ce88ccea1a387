"""The tabs of `guide-tui serve`: one app process per browser tab, started, forked
from the warm starter (cli/serve_fork.py) or spawned, and ended with its connection.

The server (cli/web.py) makes a tab for each websocket it accepts; a tab walks in a
private folder and is gone within 5 seconds of its connection closing: told to
quit, then terminated after QUIT_SECONDS, then killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import shlex
import shutil
import signal
import socket as unix
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService

from guide_tui.cli.serve_tab import FIRST_SCREEN

log = logging.getLogger("guide-tui.serve")

QUIT_SECONDS = 1.5  # a tab told to quit has this long, then it is terminated (and as long again, then killed)
STARTER_SECONDS = 10.0  # a tab's first screen is awaited this long before the next one starts


def tab_shell_command(argv: list[str], folder: Path) -> str:
    """The shell command for one tab (textual-serve runs it with a shell): every part
    quoted, so a guide path with spaces, quotes or `$(...)` reaches the app as one
    plain argument; `exec`, so the shell becomes the app and signals reach it."""
    return "exec " + shlex.join([*argv, "--tab-dir", str(folder)])


class Tab(AppService):
    """One browser tab's app process, in a private folder, ended with its connection."""

    def __init__(self, argv: list[str], state_root: Path, **kw: Any) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="tab-", dir=state_root))
        super().__init__(tab_shell_command(argv, self.folder), **kw)
        self.stopped = False
        self.size = (80, 24)  # as clamped, when started
        self.shown = asyncio.Event()  # the app has written its first screen, or has ended

    async def start(self, width: int, height: int) -> None:
        self.size = (width, height)
        await super().start(width, height)

    async def run(self) -> None:
        try:
            await super().run()
        finally:
            self.shown.set()  # ended before its first screen (a guide that did not load): none is coming

    async def on_meta(self, data: bytes) -> None:
        try:
            first_screen = json.loads(data) == FIRST_SCREEN
        except (ValueError, RecursionError):
            first_screen = False
        if first_screen:
            self.shown.set()
        else:
            await super().on_meta(data)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def stop(self) -> None:
        """Ask the app to quit; terminate it, then kill it, if it does not; remove its folder."""
        if self.stopped:
            return
        self.stopped = True
        process = self._process
        with contextlib.suppress(Exception):
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process is not None and process.returncode is None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_SECONDS / 3)
            for end in (None, signal.SIGTERM, signal.SIGKILL):
                if end is not None and process.returncode is None:
                    with contextlib.suppress(ProcessLookupError):
                        process.send_signal(end)
                try:
                    await asyncio.wait_for(process.wait(), QUIT_SECONDS)
                    break
                except TimeoutError:
                    continue
        if process is not None and process.stdin is not None:
            process.stdin.close()  # the last pipe: the transport can now close itself
        if self._task is not None:  # it reads the app's output to its end: gone with the app
            try:
                await asyncio.wait_for(self._task, QUIT_SECONDS)
            except (TimeoutError, asyncio.CancelledError, Exception):  # stop must not fail
                self._task.cancel()
            self._task = None
        # asyncio's Process has no close(): a pipe that was paused while full (a stuck tab)
        # is never read to its end, so its transport is closed here, while the loop runs.
        transport = getattr(process, "_transport", None)
        if transport is not None:
            transport.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class ForkedTab(Tab):
    """A tab whose process the warm starter forked (see cli/serve_fork.py)."""

    def __init__(self, starter: TabStarter, state_root: Path, **kw: Any) -> None:
        super().__init__([], state_root, **kw)
        self.starter = starter

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        process = await self.starter.fork(self.folder, width, height)
        self._process = process  # type: ignore[assignment]  # what a Tab uses of asyncio's Process
        self._stdin = process.stdin
        return process


class ForkedProcess:
    """What asyncio's Process offers a Tab (pipes, pid, signals, wait), for a tab the
    starter forked: signals go through the starter, its parent, which also says when
    it has ended."""

    def __init__(self, starter: TabStarter, pid: int, stdin: Any, stdout: Any, stderr: Any, pipes: list[Any]) -> None:
        self.starter, self.pid = starter, pid
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.returncode: int | None = None
        self._ended: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._transport = _Pipes(pipes)  # closed by Tab.stop, as a spawned process's transport

    def ended(self, status: int) -> None:
        self.returncode = status
        if not self._ended.done():
            self._ended.set_result(status)

    def send_signal(self, number: int) -> None:
        if self.returncode is None:
            self.starter.signal(self.pid, number)

    async def wait(self) -> int:
        return await asyncio.shield(self._ended)


class _Pipes:
    def __init__(self, transports: list[Any]) -> None:
        self.transports = transports

    def close(self) -> None:
        for transport in self.transports:
            transport.close()


class TabStarter:
    """The server's side of the warm starter process (cli/serve_fork.py)."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.process: asyncio.subprocess.Process | None = None
        self.control: unix.socket | None = None
        self.alive = False
        self._count = 0
        self._starting: dict[int, asyncio.Future[int]] = {}
        self._tabs: dict[int, ForkedProcess] = {}

    async def start(self) -> None:
        """Start the starter; it warms up while the server listens."""
        ours, theirs = unix.socketpair(unix.AF_UNIX, unix.SOCK_SEQPACKET)
        try:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv,
                "--control",
                str(theirs.fileno()),
                pass_fds=(theirs.fileno(),),
                stdin=asyncio.subprocess.DEVNULL,
                env=web_environment(),
            )
        except OSError:
            ours.close()
            return
        finally:
            theirs.close()
        ours.setblocking(False)
        self.control, self.alive = ours, True
        asyncio.get_running_loop().add_reader(ours.fileno(), self._read)

    async def fork(self, folder: Path, width: int, height: int) -> ForkedProcess:
        """A tab's process, forked by the starter, with pipes to this server."""
        if not self.alive or self.control is None:
            raise ConnectionError("the tab starter is not running")
        loop = asyncio.get_running_loop()
        pipes = [os.pipe() for _ in range(3)]  # the tab's stdin, stdout, stderr
        theirs = [pipes[0][0], pipes[1][1], pipes[2][1]]
        self._count += 1
        number = self._count
        started: asyncio.Future[int] = loop.create_future()
        self._starting[number] = started
        try:
            message = {"start": number, "tab": str(folder), "columns": width, "rows": height}
            unix.send_fds(self.control, [json.dumps(message).encode("utf-8")], theirs)
        except OSError as error:
            for read, write in pipes:
                os.close(read)
                os.close(write)
            del self._starting[number]
            raise ConnectionError("the tab starter is not running") from error
        finally:
            for fd in theirs:
                with contextlib.suppress(OSError):
                    os.close(fd)
        transports: list[Any] = []
        writer_transport, writer_protocol = await loop.connect_write_pipe(
            lambda: asyncio.streams.FlowControlMixin(loop=loop), open(pipes[0][1], "wb", buffering=0)
        )
        transports.append(writer_transport)
        stdin = asyncio.StreamWriter(writer_transport, writer_protocol, None, loop)
        readers = []
        for read in (pipes[1][0], pipes[2][0]):
            reader = asyncio.StreamReader(limit=2**16, loop=loop)
            protocol = asyncio.StreamReaderProtocol(reader, loop=loop)
            transport, _ = await loop.connect_read_pipe(partial(_same, protocol), open(read, "rb", buffering=0))
            transports.append(transport)
            readers.append(reader)
        try:
            pid = await asyncio.wait_for(started, STARTER_SECONDS)
        except BaseException:
            _Pipes(transports).close()
            raise
        finally:
            self._starting.pop(number, None)
        process = ForkedProcess(self, pid, stdin, readers[0], readers[1], transports)
        self._tabs[pid] = process
        return process

    def signal(self, pid: int, number: int) -> None:
        if self.control is not None and self.alive:
            with contextlib.suppress(OSError):
                self.control.send(json.dumps({"signal": pid, "number": number}).encode("utf-8"))

    def _read(self) -> None:
        assert self.control is not None
        try:
            data = self.control.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:  # the starter has gone: new tabs are spawned (GuideServer.new_tab)
            self._gone()
            return
        with contextlib.suppress(ValueError, TypeError, KeyError, RecursionError):
            message = json.loads(data)
            if "started" in message:
                started = self._starting.get(message["started"])
                if started is not None and not started.done():
                    if "pid" in message:
                        started.set_result(int(message["pid"]))
                    else:
                        started.set_exception(ConnectionError(str(message.get("error"))))
            elif "exited" in message:
                process = self._tabs.pop(int(message["exited"]), None)
                if process is not None:
                    process.ended(int(message["status"]))

    def _gone(self) -> None:
        self.alive = False
        if self.control is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self.control.fileno())
        for started in self._starting.values():
            if not started.done():
                started.set_exception(ConnectionError("the tab starter has gone"))
        for process in self._tabs.values():  # its tabs were ended with it (serve_fork.serve)
            process.ended(-9)
        self._tabs.clear()

    async def stop(self) -> None:
        """End the starter (it ends the tabs it still has)."""
        self._gone()
        if self.control is not None:
            self.control.close()
            self.control = None
        if self.process is not None and self.process.returncode is None:
            try:
                await asyncio.wait_for(self.process.wait(), QUIT_SECONDS)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    self.process.kill()
                await self.process.wait()


def web_environment() -> dict[str, str]:
    """The environment textual-serve gives a tab (its size comes per tab): set before the
    starter imports Textual, which reads some of it once."""
    from importlib.metadata import version

    return {
        **os.environ,
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TEXTUAL_FPS": "60",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TERM_PROGRAM": "textual",
        "TERM_PROGRAM_VERSION": version("textual-serve"),
    }


def _same(value: Any) -> Any:
    return value
