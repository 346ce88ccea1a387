"""`guide-tui serve`: the command, one tab's process, and a real browser end to end.

The end-to-end test runs the server on a free loopback port and drives
headless Chromium over the DevTools protocol (aiohttp, which textual-serve
already needs, is the client).  xterm.js draws the terminal on a canvas, so
the test reads the text from xterm's own buffer (found with
Runtime.queryObjects) and also saves a screenshot to tests/artifacts/.
It is skipped only when no Chromium can be found.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from guide_tui.cli import serve_tab, web_tabs
from guide_tui.cli.commands import serve
from guide_tui.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
STEP1, STEP2, STEP3 = "登录小米账户", "进入“我的订单”页面", "选择需要更改支付方式的订单"
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
NASTY_DIR = "a dir with 'quotes\" and $(touch PWNED); `touch PWNED2`"


def test_without_textual_serve_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # makes `import textual_serve...` fail
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'guide-tui[web]'" in err


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert serve.is_loopback(host) is loopback


def _fake_serve(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    pytest.importorskip("textual_serve", reason="textual-serve is in the dev extra")
    built: list[Any] = []

    def fake(server: Any, lang: str = "en") -> int:
        built.append(server)
        return 0

    monkeypatch.setattr(serve, "serve", fake)
    return built


def test_loopback_by_default_and_warns_for_other_addresses(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    built = _fake_serve(monkeypatch)
    assert main(["serve", str(GUIDE)]) == 0
    assert (built[0].host, built[0].port) == ("127.0.0.1", 8000)
    assert "warning" not in capsys.readouterr().err
    assert main(["serve", str(GUIDE), "--host", "0.0.0.0", "--port", "8123"]) == 0
    assert (built[1].host, built[1].port) == ("0.0.0.0", 8123)
    assert "warning: listening on 0.0.0.0" in capsys.readouterr().err


def test_bad_guide_or_port_is_refused_before_serving(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = _fake_serve(monkeypatch)
    assert main(["serve", "no-such-guide-id"]) == 2
    broken = tmp_path / "broken.en.yaml"
    broken.write_text("format: 1\nid: x\n", encoding="utf-8")
    assert main(["serve", str(broken)]) == 1
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--port", "70000"])
    assert exc.value.code == 2 and not built
    capsys.readouterr()


def test_a_taken_port_is_an_error_not_a_crash(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is in the dev extra")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "guide_tui", "serve", "--port", str(port)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "http://" not in done.stdout  # the address is announced only once listening


def _server(tmp_path: Path, **kw: Any) -> Any:
    pytest.importorskip("textual_serve", reason="textual-serve is in the dev extra")
    root = tmp_path / "root"
    root.mkdir(exist_ok=True)
    defaults: dict[str, Any] = {
        "title": "<script>alert(1)</script> & 小米",
        "lang": "zh-CN",
        "requested_lang": None,
        "host": "127.0.0.1",
        "port": 8000,
        "state_root": root,
    }
    return serve.make_server(GUIDE, **{**defaults, **kw})


async def test_page_is_local_escaped_and_in_the_guide_language(tmp_path: Path) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    server = _server(tmp_path)
    async with TestClient(TestServer(await server._make_app())) as client:
        resp = await client.get("/")
        html = await resp.text()
        font = await client.get("/static/fonts/RobotoMono-VariableFont_wght.ttf")
        assert font.status == 200
        listing = await client.get("/static/")
        assert listing.status in (403, 404)  # no directory listings
    assert '<html lang="zh-CN">' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 小米" in html and "<script>alert" not in html
    assert "重新开始" in html  # the page's own words follow the guide's language
    assert _foreign_refs(html) == []


# ---- the guards: who may connect, how big, how long --------------------------------------


def _pids_of(root: Path) -> list[int]:
    """Live processes whose command line names a folder under root, or whose working
    folder is under root (the tabs' processes: spawned, or forked by the tab starter)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            cwd = os.readlink(entry / "cwd")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and (str(root).encode() in cmdline or cwd.startswith(str(root) + os.sep)):
            found.append(int(entry.name))
    return found


async def _wait_until(test: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if test():
            return True
        await asyncio.sleep(0.05)
    return test()


async def test_a_websocket_from_another_origin_or_host_is_refused(tmp_path: Path) -> None:
    """Any web page the user visits could otherwise drive the walker (cross-site websocket hijacking)."""
    from aiohttp import WSServerHandshakeError
    from aiohttp.test_utils import TestClient, TestServer

    server = _server(tmp_path, allow_origins=["https://help.example.com/"])
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        own = f"http://{client.host}:{client.port}"
        at = f"{client.host}:{client.port}"
        # Only the page's own origin, exactly: these named its host and port and were let in.
        near = (f"https://{at}", f"ftp://{at}", f"foo://{at}", f"http://{at}/x", f"http://user@{at}")
        for origin in ("https://evil.example", "null", f"http://{client.host}:{client.port + 1}", *near):
            with pytest.raises(WSServerHandshakeError) as refused:
                await client.ws_connect("/ws", headers={"Origin": origin})
            assert refused.value.status == 403
        with pytest.raises(WSServerHandshakeError):
            await client.ws_connect("/ws")  # no Origin at all
        rebound = await client.get("/", headers={"Host": f"evil.example:{client.port}"})
        assert rebound.status == 421  # a DNS-rebinding page names another host
        assert server.tabs == set() and not _pids_of(tmp_path / "root")
        for origin in (own, "https://help.example.com"):
            socket = await client.ws_connect("/ws", headers={"Origin": origin})
            assert await _wait_until(lambda: len(_pids_of(tmp_path / "root")) == 1, 10)
            await socket.close()
            assert await _wait_until(lambda: not _pids_of(tmp_path / "root"), 5)


async def test_a_huge_terminal_is_clamped_and_the_tab_ends_with_its_connection(tmp_path: Path) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    server = _server(tmp_path)
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        origin = f"http://{client.host}:{client.port}"
        socket = await client.ws_connect("/ws?width=5000&height=5000", headers={"Origin": origin})
        assert await _wait_until(lambda: len(_pids_of(tmp_path / "root")) == 1, 10)
        assert await _wait_until(lambda: all(tab.pid for tab in server.tabs), 10)  # the starter said which
        (tab,) = server.tabs
        assert tab.size == (400, 150) and _pids_of(tmp_path / "root") == [tab.pid]
        await socket.send_str(json.dumps(["resize", {"width": 10**9, "height": -4}]))
        await socket.send_str("not json")
        await socket.send_str(json.dumps({"not": "a list"}))
        await socket.close()  # the browser goes away
        start = time.monotonic()
        assert await _wait_until(lambda: not _pids_of(tmp_path / "root") and not server.tabs, 5)
        assert time.monotonic() - start < 5
    assert list((tmp_path / "root").iterdir()) == []  # its folder and lock went with it


async def test_a_frame_nested_too_deep_is_ignored_as_any_malformed_one(tmp_path: Path) -> None:
    """json.loads raised RecursionError on a text frame of '[' * 60000 from the page's own
    origin, which ended the relay and the tab with it; serve.md: anything malformed is ignored."""
    from aiohttp import WSMsgType
    from aiohttp.test_utils import TestClient, TestServer

    server = _server(tmp_path)
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        origin = f"http://{client.host}:{client.port}"
        socket = await client.ws_connect("/ws", headers={"Origin": origin})
        await socket.send_str("[" * 60000)
        await socket.send_str(json.dumps(["ping", "still here"]))

        async def pong() -> Any:
            while True:
                message = await socket.receive()
                if message.type != WSMsgType.TEXT and message.type != WSMsgType.BINARY:
                    return message.type  # closed: the relay ended
                if message.type == WSMsgType.TEXT and json.loads(message.data) == ["pong", "still here"]:
                    return "pong"

        assert await asyncio.wait_for(pong(), 20) == "pong"
        assert len(server.tabs) == 1
        await socket.close()
        assert await _wait_until(lambda: not _pids_of(tmp_path / "root") and not server.tabs, 5)


async def test_a_tab_stuck_writing_is_killed_when_its_connection_closes(tmp_path: Path) -> None:
    """A tab process that never reads its input and writes without pause (a browser that asked
    for 5000x5000, then left) used to live on, holding about 200 MB, its folder and its lock."""
    from aiohttp.test_utils import TestClient, TestServer

    stubborn = (
        "import signal, sys\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "sys.stdout.buffer.write(b'__GANGLION__\\n'); sys.stdout.flush()\n"
        "packet = b'D' + (65536).to_bytes(4, 'big') + b'x' * 65536\n"
        "while True: sys.stdout.buffer.write(packet)\n"
    )
    server = _server(tmp_path, argv=[sys.executable, "-c", stubborn])
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        origin = f"http://{client.host}:{client.port}"
        socket = await client.ws_connect("/ws", headers={"Origin": origin})
        assert await _wait_until(lambda: len(_pids_of(tmp_path / "root")) == 1, 10)
        await asyncio.sleep(0.5)  # it fills the pipes
        await socket.close()
        start = time.monotonic()
        assert await _wait_until(lambda: not _pids_of(tmp_path / "root") and not server.tabs, 5)
        assert time.monotonic() - start < 5
    assert list((tmp_path / "root").iterdir()) == []


async def test_past_the_tab_limit_a_clear_page_says_the_server_is_busy(tmp_path: Path) -> None:
    from aiohttp import WSServerHandshakeError
    from aiohttp.test_utils import TestClient, TestServer

    server = _server(tmp_path, max_tabs=1, lang="en")
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        origin = f"http://{client.host}:{client.port}"
        first = await client.ws_connect("/ws", headers={"Origin": origin})
        busy = await client.get("/")
        assert busy.status == 503 and "too many browser tabs" in await busy.text()
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", headers={"Origin": origin})
        assert refused.value.status == 503
        await first.close()
        assert await _wait_until(lambda: not server.tabs, 5)
        assert (await client.get("/")).status == 200


def _foreign_refs(html: str) -> list[str]:
    """The src=, href= and url() references of a page that name a host (any host)."""
    refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)|url\(\s*["']?([^"')]+)""", html)
    return [a or b for a, b in refs if urllib.parse.urlsplit(a or b).netloc]


def _web_tab(guide: Path, folder: Path, cwd: Path, columns: int, rows: int) -> subprocess.Popen[bytes]:
    """A tab's process as textual-serve starts it, without a browser: its shell command,
    pipes, and the web driver at a size."""
    env = {**os.environ, "TEXTUAL_DRIVER": WEB_DRIVER, "COLUMNS": str(columns), "ROWS": str(rows)}
    return subprocess.Popen(
        web_tabs.tab_shell_command(serve.tab_argv(sys.executable, guide, None), folder),
        shell=True,
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_tab_tells_the_server_once_when_its_first_screen_is_written(tmp_path: Path) -> None:
    """The server starts one tab per core until its first screen: the tab says when that is
    (a meta packet after the frame), not when it writes its first bytes (its set-up codes)."""
    folder = tmp_path / "tab-1"
    folder.mkdir()
    proc = _web_tab(GUIDE, folder, tmp_path, 80, 24)
    try:
        assert proc.stdout is not None and proc.stdin is not None
        assert proc.stdout.readline() == b"__GANGLION__\n"
        data, told, first_bytes = b"", [], b""
        for kind, payload in _packets(proc.stdout, time.monotonic() + 15):
            if kind == b"D":
                first_bytes = first_bytes or payload
                data += payload
            elif json.loads(payload) == serve_tab.FIRST_SCREEN:
                told.append(data)
                if len(told) == 1:  # read on a little: it is said once
                    deadline = time.monotonic() + 1
            if told and time.monotonic() > deadline:
                break
        assert len(told) == 1
        assert STEP1.encode() in told[0] and STEP1.encode() not in first_bytes  # after the screen, not the first bytes
        quit_packet = json.dumps({"type": "quit"}).encode()
        proc.stdin.write(b"M" + len(quit_packet).to_bytes(4, "big") + quit_packet)
        proc.stdin.flush()
        proc.stdout.read()
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


async def test_a_tab_that_ends_before_its_first_screen_lets_the_next_one_start(tmp_path: Path) -> None:
    """A tab whose process ends without a first screen (it failed) frees its place at once:
    the next tab does not wait for a first screen that is not coming."""
    sent: list[bytes] = []

    async def write(data: bytes) -> None:
        sent.append(data)

    async def close() -> None:
        pass

    tab = web_tabs.Tab(
        [sys.executable, "-c", "print('no app here')"],
        tmp_path,
        write_bytes=write,
        write_str=write,
        close=close,
        download_manager=None,
        debug=False,
    )
    started = time.monotonic()
    await tab.start(80, 24)
    await asyncio.wait_for(tab.shown.wait(), web_tabs.STARTER_SECONDS / 2)
    assert time.monotonic() - started < web_tabs.STARTER_SECONDS / 2
    await tab.stop()


def test_a_tab_starts_with_the_collector_paused_as_the_program_does(tmp_path: Path, monkeypatch) -> None:
    """A tab collects no garbage until its first screen (cli/startup.py: the walk turns the
    collector back on then, and the tab does when the walk ends without one)."""
    import gc

    seen: list[bool] = []

    def walk(argv: list[str]) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(serve_tab, "cli_main", walk)
    monkeypatch.chdir(tmp_path)  # the tab goes into its folder: the test's own is given back after
    from guide_tui.tui.app import GuideApp

    # What a tab sets on the app's class for its process's life, given back after: left, every
    # later walk in this test worker was a served one (its help said "progress is not kept").
    for name in ("served", "first_screen_meta"):
        monkeypatch.setattr(GuideApp, name, getattr(GuideApp, name, None), raising=False)
    assert gc.isenabled()
    try:
        assert serve_tab.main(["--guide", str(GUIDE), "--tab-dir", str(tmp_path)]) == 0
        assert seen == [False]
        assert gc.isenabled()
    finally:
        gc.enable()


def test_tab_command_quotes_every_part(tmp_path: Path) -> None:
    guide = tmp_path / NASTY_DIR / GUIDE.name
    argv = serve.tab_argv(sys.executable, guide, "zh-CN")
    cmd = web_tabs.tab_shell_command(argv, tmp_path / "state root" / "tab-1")
    assert shlex.split(cmd) == ["exec", *argv, "--tab-dir", str(tmp_path / "state root" / "tab-1")]


def _guide_in_nasty_dir(tmp_path: Path) -> Path:
    folder = tmp_path / NASTY_DIR
    folder.mkdir()
    return Path(shutil.copy(GUIDE, folder / GUIDE.name))


def _read_packets(stream: Any, deadline: float) -> bytes:
    """The data packets a web-driver app writes (b'D' + 4-byte length + payload) until `deadline`,
    or until the first step's title is in them."""
    data = b""
    for kind, payload in _packets(stream, deadline):
        if kind == b"D":
            data += payload
            if STEP1.encode() in data:
                break
    return data


def _packets(stream: Any, deadline: float) -> Any:
    """Each packet a web-driver app writes (kind b'D' data or b'M' meta, 4-byte length, payload)
    until `deadline` or the end of its output."""
    import select

    fd = stream.fileno()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return
        head = os.read(fd, 5)
        if len(head) < 5:
            return
        size = int.from_bytes(head[1:], "big")
        payload = b""
        while len(payload) < size:
            chunk = os.read(fd, size - len(payload))
            if not chunk:
                return
            payload += chunk
        yield head[:1], payload


def test_one_tab_runs_under_the_web_driver_without_a_tty(tmp_path: Path) -> None:
    """What textual-serve does for a tab, without a browser: shell, pipes, TEXTUAL_DRIVER."""
    guide = _guide_in_nasty_dir(tmp_path)
    folder = tmp_path / "root" / "tab-1"
    folder.mkdir(parents=True)
    proc = _web_tab(guide, folder, tmp_path, 100, 30)
    try:
        assert proc.stdout is not None and proc.stdin is not None
        deadline = time.monotonic() + 15
        first = proc.stdout.readline()
        assert first == b"__GANGLION__\n", proc.stderr.read() if proc.stderr else first
        screen = _read_packets(proc.stdout, deadline)
        assert STEP1.encode() in screen
        assert [p.name for p in folder.iterdir()] == ["state"]  # its progress, in its own folder
        quit_packet = json.dumps({"type": "quit"}).encode()
        proc.stdin.write(b"M" + len(quit_packet).to_bytes(4, "big") + quit_packet)
        proc.stdin.flush()
        proc.stdout.read()  # until the app closes its output
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert list(folder.iterdir()) == []  # the tab's progress went with it (the server removes the folder)
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "PWNED2").exists()


# ---- end to end, with a browser ---------------------------------------------------------

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-proxy-server",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
    "--window-size=1100,760",
]

# xterm.js keeps its Terminal in a closure; find it among the page's objects, read the viewport.
READ_SCREEN = """function () {
  const term = this.find(o => { try { return !!(o && o.buffer && o.buffer.active
      && typeof o.buffer.active.getLine === "function" && o.options && o.rows); } catch (e) { return false; } });
  if (!term) return null;
  const b = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) { const line = b.getLine(b.viewportY + y); rows.push(line ? line.translateToString(true) : ""); }
  return rows.join("\\n");
}"""


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM the process group (the server and its tabs, or the browser), then SIGKILL."""
    if proc is None or proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


class DevToolsError(AssertionError):
    """An error answer from the browser."""


class Page:
    """A tiny DevTools-protocol client for one page target, over aiohttp's websocket."""

    def __init__(self, ws: Any) -> None:
        self.ws, self.next_id, self.urls = ws, 0, []  # type: list[str]

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        my_id = self.next_id
        await self.ws.send_json({"id": my_id, "method": method, "params": params})
        while True:
            msg = await asyncio.wait_for(self.ws.receive_json(), 10)
            if msg.get("method") == "Network.requestWillBeSent":
                self.urls.append(msg["params"]["request"]["url"])
            elif msg.get("method") == "Network.webSocketCreated":
                self.urls.append(msg["params"]["url"])
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise DevToolsError(f"{method}: {msg['error']}")
                return msg["result"]

    async def screen(self) -> str:
        """The terminal's text, or "" while the page has none (or is between documents)."""
        try:
            proto = await self.call("Runtime.evaluate", expression="Object.prototype", objectGroup="screen")
            objs = await self.call(
                "Runtime.queryObjects", prototypeObjectId=proto["result"]["objectId"], objectGroup="screen"
            )
            found = await self.call(
                "Runtime.callFunctionOn",
                objectId=objs["objects"]["objectId"],
                functionDeclaration=READ_SCREEN,
                returnByValue=True,
            )
            await self.call("Runtime.releaseObjectGroup", objectGroup="screen")
        except DevToolsError:  # the page navigated between two calls: ask again
            return ""
        return found["result"].get("value") or ""

    async def wait_for_text(self, text: str, seconds: float = 25) -> str:
        deadline = time.monotonic() + seconds
        shown = ""
        while time.monotonic() < deadline:
            shown = await self.screen()
            if text in shown:
                return shown
            await asyncio.sleep(0.25)
        state = await self.call(
            "Runtime.evaluate", returnByValue=True, expression="location.href + ' body: ' + document.body.className"
        )
        raise AssertionError(
            f"{text!r} not shown within {seconds} s ({state['result'].get('value')}); the screen was:\n{shown}"
        )

    async def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        found = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return found["result"].get("value")

    async def wait_for(self, expression: str, seconds: float = 10) -> None:
        """Until a JavaScript expression is true in the page."""
        deadline = time.monotonic() + seconds
        while not await self.js(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"not true within {seconds} s: {expression}")
            await asyncio.sleep(0.1)

    async def press(self, key: str) -> None:
        await self.call(
            "Input.dispatchKeyEvent",
            type="keyDown",
            key=key,
            text=key,
            code=f"Key{key.upper()}",
            windowsVirtualKeyCode=ord(key.upper()),
        )
        await self.call(
            "Input.dispatchKeyEvent",
            type="keyUp",
            key=key,
            code=f"Key{key.upper()}",
            windowsVirtualKeyCode=ord(key.upper()),
        )


async def _open_page(session: Any, devtools: str, url: str) -> tuple[Any, Page]:
    async with session.put(f"{devtools}/json/new?{urllib.parse.quote(url, safe='')}") as resp:
        target = await resp.json()
    ws = await session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
    page = Page(ws)
    await page.call("Network.enable")
    await page.call("Page.enable")
    await page.call("Page.bringToFront")  # a tab in the background may not draw
    return ws, page


async def _walk_in_browser(devtools: str, url: str, state_root: Path) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        ws_a, tab_a = await _open_page(session, devtools, url)
        await tab_a.wait_for_text(STEP1, 30)
        # No browser scroll bar beside the walk (xterm.css's drew a light strip on the dark page).
        viewport = "document.querySelector('.xterm-viewport')"
        assert await tab_a.js(f"{viewport}.offsetWidth - {viewport}.clientWidth") == 0
        # The keys reach the guide without a click first (the page focuses the terminal).
        await tab_a.wait_for("document.activeElement === document.querySelector('.xterm-helper-textarea')")
        assert not await tab_a.js("document.body.classList.contains('-no-keys')")
        await tab_a.press("n")
        await tab_a.wait_for_text(STEP2)
        # Once the keys no longer reach it, the page says how to give them back, and a click does.
        await tab_a.js("document.querySelector('.xterm-helper-textarea').blur()")
        await tab_a.wait_for("document.body.classList.contains('-no-keys')")
        shown = "getComputedStyle(document.getElementById('click-to-type')).display"
        assert await tab_a.js(shown) == "block"
        assert "键盘" in await tab_a.js("document.getElementById('click-to-type').textContent")
        for kind in ("mousePressed", "mouseReleased"):
            await tab_a.call("Input.dispatchMouseEvent", type=kind, x=200, y=200, button="left", clickCount=1)
        await tab_a.wait_for("!document.body.classList.contains('-no-keys')")
        await tab_a.press("n")
        await tab_a.wait_for_text(STEP3)
        await asyncio.sleep(0.5)  # the canvas is painted on the next animation frame
        shot = await tab_a.call("Page.captureScreenshot", format="png")
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "serve-step3.png").write_bytes(base64.b64decode(shot["data"]))

        # A second visitor starts at the beginning, and the first keeps their place.
        ws_b, tab_b = await _open_page(session, devtools, url)
        second = await tab_b.wait_for_text(STEP1, 30)
        assert STEP3 not in second
        assert len(list(state_root.glob("tab-*"))) == 2
        assert STEP3 in await tab_a.screen()

        for page in (tab_a, tab_b):
            hosts = {urllib.parse.urlsplit(u).hostname for u in page.urls if not u.startswith(("data:", "about:"))}
            assert hosts == {"127.0.0.1"}, page.urls
        await tab_b.call("Page.close")  # the visitor closes the tab: its progress goes with it
        await ws_b.close()
        deadline = time.monotonic() + 10
        while len(list(state_root.glob("tab-*"))) != 1 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        assert len(list(state_root.glob("tab-*"))) == 1
        await ws_a.close()


def test_browser_walks_two_steps_and_shows_the_third(tmp_path: Path) -> None:
    chromium = _chromium()
    if chromium is None:
        pytest.skip("no Chromium found (install Debian's chromium package: apt-get install chromium)")
    guide = _guide_in_nasty_dir(tmp_path)
    port = _free_port()
    temp = tmp_path / "temp"  # where the server keeps its tabs' state folders
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONUNBUFFERED": "1"}
    server_log = tmp_path / "server.log"
    server = browser = None
    try:
        with open(server_log, "wb") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "guide_tui", "serve", str(guide), "--port", str(port)],
                cwd=tmp_path,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{port}/"
        html = _get_when_up(url, server, server_log)
        assert _foreign_refs(html) == []  # everything from this server, by relative URL
        state_root = next(temp.glob("guide-tui-serve-*"))

        profile = tmp_path / "chromium-profile"
        profile.mkdir()
        browser = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        devtools = f"http://127.0.0.1:{_devtools_port(profile, browser)}"
        try:
            asyncio.run(asyncio.wait_for(_walk_in_browser(devtools, url, state_root), 120))
        except (TimeoutError, AssertionError) as exc:
            raise AssertionError(f"{exc!r}\n--- server log:\n{server_log.read_text(errors='replace')}") from exc
    finally:
        _stop(browser)
        _stop(server)
    assert server.returncode == 0, server_log.read_text(errors="replace")
    assert f"at {url}" in server_log.read_text(errors="replace")
    assert not state_root.exists()  # every visitor's progress is gone with the server
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "PWNED2").exists()


def _get_when_up(url: str, server: subprocess.Popen[bytes], log: Path) -> str:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server ended ({server.returncode}):\n{log.read_text(errors='replace')}")
        try:
            with opener.open(url, timeout=2) as resp:
                return resp.read().decode("utf-8")
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the server did not answer within 15 s:\n{log.read_text(errors='replace')}")


def _devtools_port(profile: Path, browser: subprocess.Popen[bytes]) -> int:
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if browser.poll() is not None:
            raise AssertionError(f"Chromium ended at start ({browser.returncode})")
        try:
            first = marker.read_text().split("\n")[0].strip()
            if first:
                return int(first)
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    raise AssertionError("Chromium did not open its DevTools port within 15 s")


# ---- tabs forked from the warm starter (cli/serve_fork.py) -----------------------------------


async def _first_screen(socket_: Any, seconds: float = 20) -> str:
    """What a tab sent until its first step's title was in it."""
    from aiohttp import WSMsgType

    text = ""
    deadline = time.monotonic() + seconds
    while STEP1 not in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text) and time.monotonic() < deadline:
        message = await socket_.receive(timeout=deadline - time.monotonic())
        if message.type != WSMsgType.BINARY:
            break
        text += message.data.decode("utf-8", "replace")
    return text


async def test_a_tab_is_forked_with_its_own_folder_and_clamped_size(tmp_path: Path) -> None:
    """A forked tab is the starter's child, not a new Python: it still walks in its own
    folder, at its own clamped size, and ends with its connection."""
    from aiohttp.test_utils import TestClient, TestServer

    server = _server(tmp_path)
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        origin = f"http://{client.host}:{client.port}"
        assert server.starter is not None and server.starter.alive
        big = await client.ws_connect("/ws?width=5000&height=5000", headers={"Origin": origin})
        small = await client.ws_connect("/ws?width=60&height=20", headers={"Origin": origin})
        big_screen, small_screen = await _first_screen(big), await _first_screen(small)
        assert STEP1 in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", small_screen)
        assert "\x1b[150;" in big_screen and "\x1b[151;" not in big_screen  # 150 rows, not 5000
        assert "\x1b[20;" in small_screen and "\x1b[21;" not in small_screen
        tabs = {tab.size: tab for tab in server.tabs}
        assert set(tabs) == {(400, 150), (60, 20)}
        starter = server.starter.process.pid
        for tab in tabs.values():
            assert isinstance(tab, web_tabs.ForkedTab)
            status = Path(f"/proc/{tab.pid}/status").read_text()
            assert f"PPid:\t{starter}\n" in status  # forked by the starter
            assert os.readlink(f"/proc/{tab.pid}/cwd") == str(tab.folder)  # in its own folder
        assert len({tab.folder for tab in tabs.values()}) == 2
        await big.close()
        await small.close()
        assert await _wait_until(lambda: not _pids_of(tmp_path / "root") and not server.tabs, 5)
    assert list((tmp_path / "root").iterdir()) == []


async def test_on_one_core_a_tab_starts_once_the_one_before_has_shown_its_first_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tabs opened together each get a core until their first screen is written, one after
    another: the first screens come in turn, instead of all of them late."""
    from aiohttp.test_utils import TestClient, TestServer

    from guide_tui.cli import web

    monkeypatch.setattr(web, "_cores", lambda: 1)
    started: list[tuple[float, Any]] = []
    screens: dict[Any, float] = {}
    received: dict[Any, bytes] = {}
    start, on_data = web_tabs.Tab.start, web_tabs.Tab.on_data

    async def timed_start(self: Any, width: int, height: int) -> None:
        started.append((time.monotonic(), self))
        await start(self, width, height)

    async def timed_data(self: Any, payload: bytes) -> None:
        received[self] = received.get(self, b"") + payload
        if STEP1.encode() in received[self]:
            screens.setdefault(self, time.monotonic())
        await on_data(self, payload)

    monkeypatch.setattr(web_tabs.Tab, "start", timed_start)
    monkeypatch.setattr(web_tabs.Tab, "on_data", timed_data)
    server = _server(tmp_path)
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        origin = f"http://{client.host}:{client.port}"
        sockets = await asyncio.gather(*(client.ws_connect("/ws", headers={"Origin": origin}) for _ in range(3)))
        for socket_ in sockets:
            assert STEP1 in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", await _first_screen(socket_))
        assert len(started) == 3 and len(screens) == 3
        for (_, before), (next_start, _) in zip(started, started[1:], strict=False):
            assert next_start >= screens[before]  # not as soon as it wrote its first bytes
        for socket_ in sockets:
            await socket_.close()
        assert await _wait_until(lambda: not _pids_of(tmp_path / "root") and not server.tabs, 5)


async def test_without_its_starter_the_server_starts_each_tab_as_before(tmp_path: Path) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    server = _server(tmp_path)
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        origin = f"http://{client.host}:{client.port}"
        assert server.starter is not None
        os.kill(server.starter.process.pid, signal.SIGKILL)
        assert await _wait_until(lambda: not server.starter.alive, 5)
        socket_ = await client.ws_connect("/ws", headers={"Origin": origin})
        assert STEP1 in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", await _first_screen(socket_))
        (tab,) = server.tabs
        assert not isinstance(tab, web_tabs.ForkedTab)
        await socket_.close()
        assert await _wait_until(lambda: not _pids_of(tmp_path / "root") and not server.tabs, 5)


TAB_AFTER_WARM_UP = """
import json, os, sys, threading
from guide_tui.cli import serve_fork
serve_fork.warm_up(sys.argv[1])
before = set(sys.modules)
import guide_tui.cli.main as cli_main
import textual.css.stylesheet as stylesheet

parsed = []  # the CSS a tab parses itself: (where it is from, as Textual names it)
parse = stylesheet.parse
def counted(scope, css, read_from, **options):
    parsed.append(list(read_from))
    return parse(scope, css, read_from, **options)
stylesheet.parse = counted

import guide_tui.core.loader as loader
loaded = []  # the guide files a tab loads and checks itself
load_bytes = loader.load_bytes
def load_counted(data, path="<guide>", **options):
    loaded.append(os.path.basename(path))
    return load_bytes(data, path, **options)
loader.load_bytes = load_counted

def painted():  # the tab's first paint (cli.main gives it as on_first_paint); what a tab imports until idle
    def report():
        with open(sys.argv[3], "w") as out:
            json.dump({"imported": sorted(set(sys.modules) - before), "parsed": parsed, "loaded": loaded}, out)
        os._exit(0)
    threading.Timer(0.5, report).start()

cli_main.resume_collector = painted
from guide_tui.cli import serve_tab
serve_tab.main(["--guide", sys.argv[1], "--tab-dir", sys.argv[2]])
"""


def test_after_the_warm_up_a_tab_imports_parses_and_loads_nothing(tmp_path: Path) -> None:
    """Each forked tab would import again what the starter did not, parse the CSS its
    rehearsal did not (Textual's tooltip and notifications, left out of run_test by
    default), and load the guide: all of it is done once, in the starter."""
    folder = tmp_path / "tab-1"
    folder.mkdir()
    report = tmp_path / "imported.json"
    env = {**web_tabs.web_environment(), "COLUMNS": "80", "ROWS": "24"}
    read, write = os.pipe()  # the tab's input stays open (at its end the web driver quits)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", TAB_AFTER_WARM_UP, str(GUIDE), str(folder), str(report)],
            cwd=ROOT,
            env=env,
            stdin=read,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        _out, err = proc.communicate(timeout=60)
    finally:
        os.close(read)
        os.close(write)
    assert proc.returncode == 0, err.decode("utf-8", "replace")[-2000:]
    assert json.loads(report.read_text("utf-8")) == {"imported": [], "parsed": [], "loaded": []}


async def test_ctrl_c_with_a_tab_open_ends_the_server_at_once_and_quietly(tmp_path: Path) -> None:
    """Ctrl+C in the terminal reaches the server and its tab starter (one process group):
    the starter printed a KeyboardInterrupt traceback and went at once, and the server
    then took 23 s to end, its temporary folder left meanwhile (found in QA). SIGTERM to
    the server alone took 0.2 s."""
    import aiohttp

    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path), "LANG": "C.UTF-8"}
    server = subprocess.Popen(
        [sys.executable, "-m", "guide_tui", "serve", str(GUIDE), "--port", str(port)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own group, as a terminal's foreground job is
    )
    try:
        assert server.stdout is not None and b"http://" in server.stdout.readline()
        origin = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"{origin}/ws?width=80&height=24", headers={"Origin": origin}) as tab:
                seen = b""
                while STEP1.encode() not in seen:  # the tab is up
                    message = await asyncio.wait_for(tab.receive(), 30)
                    assert message.type == aiohttp.WSMsgType.BINARY, message
                    seen = seen[-64:] + message.data
                assert list(tmp_path.glob("guide-tui-serve-*"))  # the server's folder, for its tabs
                start = time.monotonic()
                os.killpg(server.pid, signal.SIGINT)  # what Ctrl+C does
                while server.poll() is None and time.monotonic() - start < 20:
                    await asyncio.sleep(0.05)
                took = time.monotonic() - start
        assert server.returncode == 0 and took < 5, took
        err = server.stderr.read().decode() if server.stderr else ""
        assert "Traceback" not in err, err
        assert not list(tmp_path.glob("guide-tui-serve-*")), list(tmp_path.iterdir())  # its folder went with it
    finally:
        _stop(server)


async def test_behind_a_proxy_an_allowed_origin_s_host_without_its_port_is_let_in(tmp_path: Path) -> None:
    """`--allow-origin https://help.example.com` behind a proxy that passes the browser's
    Host: "help.example.com", without its port, was read as port 80 and refused (421), the
    page and its websocket (found in QA); "help.example.com:443" was let in."""
    from aiohttp import WSServerHandshakeError
    from aiohttp.test_utils import TestClient, TestServer

    server = _server(tmp_path, allow_origins=["https://help.example.com"])
    async with TestClient(TestServer(await server._make_app(), host="127.0.0.1")) as client:
        for host in ("help.example.com", "HELP.example.com", "help.example.com:443"):
            page = await client.get("/", headers={"Host": host})
            assert page.status == 200, host
        for host in ("help.example.com:80", "evil.example", "help.example.com.evil.example"):
            page = await client.get("/", headers={"Host": host})
            assert page.status == 421, host
        headers = {"Host": "help.example.com", "Origin": "https://help.example.com"}
        socket = await client.ws_connect("/ws", headers=headers)
        assert await _wait_until(lambda: len(_pids_of(tmp_path / "root")) == 1, 10)
        await socket.close()
        assert await _wait_until(lambda: not _pids_of(tmp_path / "root"), 5)
        with pytest.raises(WSServerHandshakeError):
            await client.ws_connect("/ws", headers={"Host": "help.example.com", "Origin": "https://evil.example"})


def test_a_request_without_a_host_is_one_line_in_the_server_s_output(tmp_path: Path) -> None:
    """`curl -H 'Host:'`: a 400, and aiohttp's whole traceback in the terminal (found in QA)."""
    pytest.importorskip("textual_serve", reason="textual-serve is in the dev extra")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "guide_tui", "serve", str(GUIDE), "--port", str(port)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(tmp_path), "LANG": "C.UTF-8"},
        start_new_session=True,
    )
    try:
        assert server.stdout is not None and b"http://" in server.stdout.readline()
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(b"GET / HTTP/1.1\r\n\r\n")
            assert raw.recv(100).startswith(b"HTTP/1.0 400")
    finally:
        _stop(server)
    err = server.stderr.read().decode() if server.stderr else ""
    assert "Traceback" not in err and "Missing 'Host' header" in err, err
    assert len(err.strip().splitlines()) == 1, err
