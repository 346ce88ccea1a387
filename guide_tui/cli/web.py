"""The web server behind `guide-tui serve`: textual-serve's protocol, with guide-tui's guards.

textual-serve runs one app process per browser tab and relays its websocket.
On its own it accepts a websocket from any web page the user happens to visit
(cross-site websocket hijacking), any terminal size, and leaves a tab's process
running when the process is stuck writing to a browser that has gone.  This
module keeps textual-serve's protocol and its download manager, and adds:

- **Who may connect.** Every request must name an expected host (so a DNS
  rebinding page cannot pose as this server); a websocket must come from the
  page's own origin, or from an origin given with `--allow-origin`.
- **Bounded input.** Terminal sizes are clamped; messages are parsed safely and
  bounded in size; a malformed one is ignored.
- **Bounded tabs.** At most `max_tabs` tabs at once; past that a clear page (and
  a refused websocket) says the server is busy.
- **A tab ends with its connection.** When the websocket closes, the tab is told
  to quit; if it has not ended within a second and a half it is terminated, then
  killed, and its private folder is removed: gone within 5 seconds.
- **Nothing on the server.** Each tab walks in a private folder made here and
  removed here, which is also its working folder; a visitor never sees a path.
- **Cheap tabs.** A tab's process is forked from a warm starter process
  (cli/serve_fork.py) that has imported Textual and read the guide, rather than
  started as a new Python: a fraction of the time and memory.  At most one tab
  per core starts at a time, so the first of many tabs opened together do not
  wait for the last.

docs/serve.md describes the security model.  aiohttp and textual-serve are the
optional `web` extra, imported only by `guide-tui serve`.
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
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

log = logging.getLogger("guide-tui.serve")

MIN_SIZE, MAX_SIZE = (20, 8), (400, 150)  # columns, rows a browser tab may ask for
MAX_MESSAGE_BYTES = 64 * 1024  # a keystroke burst or a resize is far below this
QUIT_SECONDS = 1.5  # a tab told to quit has this long, then it is terminated (and as long again, then killed)
DEFAULT_MAX_TABS = 16
STARTER_SECONDS = 10.0  # a tab's first screen is awaited this long before the next one starts


def clamp_size(width: Any, height: Any) -> tuple[int, int]:
    """A terminal size a tab may have: whole numbers within MIN_SIZE..MAX_SIZE (80x24 if unreadable)."""

    def whole(value: Any, default: int) -> int:
        try:
            return int(value)
        except (TypeError, ValueError, OverflowError):
            return default

    return (
        min(max(whole(width, 80), MIN_SIZE[0]), MAX_SIZE[0]),
        min(max(whole(height, 24), MIN_SIZE[1]), MAX_SIZE[1]),
    )


def host_port(value: str) -> str:
    """`host:port` of an origin or a Host header, lower-case, IPv6 in brackets."""
    if "://" not in value:
        value = "http://" + value
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    default = 443 if parts.scheme in ("https", "wss") else 80
    return f"{host}:{port or default}"


class Guard:
    """Which hosts and origins may reach the server (see the module docstring)."""

    def __init__(self, host: str, allow_origins: list[str] = ()) -> None:  # type: ignore[assignment]
        self.any_host = host in ("0.0.0.0", "::", "")  # listening everywhere: any of this computer's names
        self.names = {_bracketed(host.strip("[]").lower()), "localhost", "127.0.0.1", "[::1]"}
        self.origins = {host_port(o) for o in allow_origins}

    def host_ok(self, request: web.Request) -> bool:
        """The Host header names this server: one of its names, at the port it listens on."""
        asked = host_port(request.host)
        if asked in self.origins:
            return True
        name, _, port = asked.rpartition(":")
        return (self.any_host or name in self.names) and port == str(_local_port(request))

    def origin_ok(self, request: web.Request) -> bool:
        """The websocket's Origin is the page's own (the Host it was asked for) or an allowed one."""
        origin = request.headers.get("Origin", "")
        if not origin or origin == "null":
            return False
        return host_port(origin) == host_port(request.host) or host_port(origin) in self.origins


def _bracketed(name: str) -> str:
    return f"[{name}]" if ":" in name else name


def _local_port(request: web.Request) -> int | None:
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    return sockname[1] if isinstance(sockname, tuple) and len(sockname) >= 2 else None


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
        self.shown = asyncio.Event()  # the app has written its first screen

    async def start(self, width: int, height: int) -> None:
        self.size = (width, height)
        await super().start(width, height)

    async def on_data(self, payload: bytes) -> None:
        self.shown.set()
        await super().on_data(payload)

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
        with contextlib.suppress(ValueError, TypeError, KeyError):
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


class GuideServer(Server):
    """textual-serve's Server with guide-tui's page, guards and tab lifecycle."""

    def __init__(
        self,
        argv: list[str],
        *,
        state_root: Path,
        host: str,
        port: int,
        title: str,
        page: dict[str, str],
        templates_path: Path,
        announce: Callable[[], None],
        allow_origins: list[str] = (),  # type: ignore[assignment]
        max_tabs: int = DEFAULT_MAX_TABS,
        starter: list[str] | None = None,
    ) -> None:
        """`starter`: the warm starter's command (cli/serve_fork.py), or None to start each tab
        as `argv` in a process of its own."""
        super().__init__(shlex.join(argv), host=host, port=port, title=title, templates_path=templates_path)
        self.argv = argv
        self.starter = TabStarter(starter) if starter else None
        self.starting = asyncio.Semaphore(_cores())  # tabs starting at once: one per core
        self.state_root = state_root
        self.page = page
        self.announce = announce
        self.guard = Guard(host, list(allow_origins))
        self.max_tabs = max_tabs
        self.tabs: set[Tab] = set()

    # -- the web application --------------------------------------------------------

    async def _make_app(self) -> web.Application:
        """The routes of textual-serve, behind the host check; static files without listings."""
        import aiohttp_jinja2
        import jinja2

        @web.middleware
        async def known_host(request: web.Request, handler: Any) -> web.StreamResponse:
            if not self.guard.host_ok(request):
                return web.Response(status=421, text="This server does not answer to that host name.\n")
            response: web.StreamResponse = await handler(request)
            return response

        app = web.Application(middlewares=[known_host])
        env = aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        env.globals.update(self.page)
        app.add_routes(
            [
                web.get("/", self.index, name="index"),
                web.get("/ws", self.websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_shutdown.append(self.stop_tabs)
        if self.starter is not None:
            app.on_startup.append(self._start_starter)
            app.on_cleanup.append(self._stop_starter)
        return app

    async def _start_starter(self, _app: web.Application) -> None:
        assert self.starter is not None
        await self.starter.start()

    async def _stop_starter(self, _app: web.Application) -> None:
        assert self.starter is not None
        await self.starter.stop()

    async def index(self, request: web.Request) -> web.StreamResponse:
        import aiohttp_jinja2

        busy = len(self.tabs) >= self.max_tabs
        context = {"font_size": min(max(_int(request.query.get("fontsize"), 16), 8), 48), "busy": busy}
        response = aiohttp_jinja2.render_template("app_index.html", request, context, status=503 if busy else 200)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        """One tab: the guards, then the app process relayed until either side goes."""
        if not self.guard.origin_ok(request):
            return web.Response(status=403, text="Not from this server's page.\n")
        if len(self.tabs) >= self.max_tabs:
            return web.Response(status=503, text="The server is busy: too many open tabs.\n")
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        relay = {
            "write_bytes": socket.send_bytes,
            "write_str": socket.send_str,
            "close": socket.close,
            "download_manager": self.download_manager,
            "debug": self.debug,
        }
        forked = self.starter is not None and self.starter.alive
        tab = ForkedTab(self.starter, self.state_root, **relay) if forked else Tab(self.argv, self.state_root, **relay)  # type: ignore[arg-type]
        self.tabs.add(tab)
        try:
            await socket.prepare(request)
            async with self.starting:  # the first screen of one tab per core at a time
                await tab.start(width, height)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(tab.shown.wait(), STARTER_SECONDS)
            await self.relay(socket, tab)
        except (asyncio.CancelledError, ConnectionError):
            pass
        except Exception:
            log.warning("a tab ended with an error", exc_info=self.debug)
        finally:
            await asyncio.shield(self.end_tab(tab))
            with contextlib.suppress(Exception):
                await socket.close()
        return socket

    async def end_tab(self, tab: Tab) -> None:
        try:
            await tab.stop()
        finally:
            self.tabs.discard(tab)

    async def relay(self, socket: web.WebSocketResponse, tab: Tab) -> None:
        """The browser's messages to the tab: keys, sizes (clamped), pings, focus; others ignored."""
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not (isinstance(envelope, list) and len(envelope) >= 1 and isinstance(envelope[0], str)):
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await tab.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await tab.set_terminal_size(*clamp_size(data.get("width"), data.get("height")))
            elif kind == "ping" and isinstance(data, (str, int, float)):
                await socket.send_json(["pong", data])
            elif kind == "blur":
                await tab.blur()
            elif kind == "focus":
                await tab.focus()

    async def stop_tabs(self, _app: web.Application) -> None:
        await asyncio.gather(*(self.end_tab(tab) for tab in list(self.tabs)), return_exceptions=True)

    # -- running ----------------------------------------------------------------------

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve's banner shows the whole command line, and comes before listening."""

    def serve(self, debug: bool = False) -> None:
        """Listen until Ctrl+C or SIGTERM, announcing the address once listening."""
        self.debug = debug
        logging.basicConfig(level="DEBUG" if debug else "WARNING", format="guide-tui serve: %(message)s")
        loop = asyncio.new_event_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=lambda *_: self.announce(),
        )


def _same(value: Any) -> Any:
    return value


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
