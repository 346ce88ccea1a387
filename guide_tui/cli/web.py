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

The tabs' processes (started, forked, ended) are cli/web_tabs.py's.
docs/serve.md describes the security model.  aiohttp and textual-serve are the
optional `web` extra, imported only by `guide-tui serve`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import shlex
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from textual_serve.server import Server

from guide_tui.cli.web_tabs import STARTER_SECONDS, ForkedTab, Tab, TabStarter

log = logging.getLogger("guide-tui.serve")

MIN_SIZE, MAX_SIZE = (20, 8), (400, 150)  # columns, rows a browser tab may ask for
MAX_MESSAGE_BYTES = 64 * 1024  # a keystroke burst or a resize is far below this
DEFAULT_MAX_TABS = 16


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
        self.origins = {host_port(o) for o in allow_origins}  # for the Host header
        # An allowed origin's host, where its port is its scheme's own: a proxy passes the Host
        # a browser sent, which leaves that port out ("help.example.com", for https at 443).
        self.default_port_hosts = {host_port(o).rpartition(":")[0] for o in allow_origins if _port_of(o) is None}
        self.allowed = {exact_origin(o, lenient=True) for o in allow_origins} - {""}

    def host_ok(self, request: web.Request) -> bool:
        """The Host header names this server: one of its names, at the port it listens on."""
        asked = host_port(request.host)
        if asked in self.origins:
            return True
        if _port_of(request.host) is None and asked.rpartition(":")[0] in self.default_port_hosts:
            return True
        name, _, port = asked.rpartition(":")
        return (self.any_host or name in self.names) and port == str(_local_port(request))

    def origin_ok(self, request: web.Request) -> bool:
        """The websocket's Origin is the page's own (the Host it was asked for) or an allowed one."""
        origin = exact_origin(request.headers.get("Origin", ""))
        if not origin:  # none, "null", or not an origin at all
            return False
        return origin == f"http://{host_port(request.host)}" or origin in self.allowed


def exact_origin(value: str, *, lenient: bool = False) -> str:
    """`scheme://host:port` of an Origin header that is exactly an origin (RFC 6454):
    http or https, a host, no user, path, query, fragment or space; else "". An Origin
    that merely names the right host and port (`ftp://HOST:PORT`, `http://HOST:PORT/x`,
    `https://…` for this plain-http page) is not the page's own. `lenient`, for the
    --allow-origin URLs a person types: a path, such as a trailing `/`, is left out."""
    if value != value.strip() or any(c.isspace() for c in value):
        return ""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return ""
    if parts.query or parts.fragment or (parts.path and not lenient):
        return ""
    return f"{parts.scheme}://{host_port(value)}"


def _port_of(value: str) -> int | None:
    """The port an origin or a Host header names, or None where it names none."""
    try:
        return urlsplit(value if "://" in value else "http://" + value).port
    except ValueError:
        return None


def _bracketed(name: str) -> str:
    return f"[{name}]" if ":" in name else name


def _local_port(request: web.Request) -> int | None:
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    return sockname[1] if isinstance(sockname, tuple) and len(sockname) >= 2 else None


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
            except (ValueError, RecursionError):  # RecursionError: nested too deep ('[' * 60000)
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
        if not debug:  # a malformed request (no Host header) is one line, not aiohttp's traceback
            logging.getLogger("aiohttp.server").addFilter(_one_line)
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


def _one_line(record: logging.LogRecord) -> bool:
    """A log record with its exception said in words on its line, without the traceback."""
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        record.msg = f"{record.getMessage()}: {type(error).__name__}: {' '.join(str(error).split())}"
        record.args = ()
        record.exc_info = record.exc_text = None
    return True


def _cores() -> int:
    from guide_tui.library.pool import cores

    return cores()


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
