"""Tabs under `guide-tui serve`: time to the first screen and memory per tab.

`serve_figures(argv, counts)` starts the server (`guide-tui serve --port P`),
waits until it listens and its tab starter has warmed up, then for each count
opens that many browser tabs at once (websockets with the page's own Origin, as
the page opens them) and times each until the Xiaomi guide's first step is in
what the tab received.  While the tabs are open it reads the proportional set
size (PSS: shared pages divided among the processes that share them) of every
tab process, then closes the tabs and waits until their processes are gone.

    python bench/serve_tabs.py 1 10 30
"""

from __future__ import annotations

import asyncio
import codecs
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ptyrun import bench_environ

ROOT = Path(__file__).resolve().parent.parent
MARKER = "登录小米账户"


@dataclass
class TabRun:
    """Tabs opened together: seconds each took to show its first screen, and each tab's PSS (MiB)."""

    count: int
    seconds: list[float] = field(default_factory=list)
    pss_mib: list[float] = field(default_factory=list)
    server_pss_mib: float = 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(pid: int) -> list[int]:
    """Every live process below `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


async def _one_tab(
    session: Any, url: str, origin: str, into: list[float], opened: asyncio.Event, done: asyncio.Event
) -> None:
    import aiohttp

    start = time.perf_counter()
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    text = ""
    async with session.ws_connect(url, headers={"Origin": origin}, max_msg_size=0) as socket_:
        opened.set()
        async for message in socket_:
            if message.type == aiohttp.WSMsgType.BINARY:
                # The title is one styled run: found as written, without removing the escapes
                # (the measuring side must cost little: it shares the machine with the tabs).
                text = text[-len(MARKER) :] + decoder.decode(message.data)
                if MARKER in text:
                    into.append(time.perf_counter() - start)
                    break
            elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
        await done.wait()  # keep the tab open until every tab has been measured


async def _tabs(port: int, count: int, server_pid: int) -> TabRun:
    run = TabRun(count)
    origin = f"http://127.0.0.1:{port}"
    url = f"{origin}/ws?width=80&height=24"
    done = asyncio.Event()
    events = [asyncio.Event() for _ in range(count)]
    import aiohttp

    # One client session for every tab, as one browser opens many: a session each cost the
    # measuring side about 10 ms of CPU a tab, taken from the two cores the tabs run on.
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
    tasks = [asyncio.create_task(_one_tab(session, url, origin, run.seconds, e, done)) for e in events]
    deadline = time.monotonic() + 60 + count * 2
    while len(run.seconds) < count and time.monotonic() < deadline and not all(t.done() for t in tasks):
        await asyncio.sleep(0.02)
    tabs = [pid for pid in descendants(server_pid) if _is_tab(pid)]
    run.pss_mib = [pss_mib(pid) for pid in tabs]
    run.server_pss_mib = pss_mib(server_pid)
    done.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    await session.close()
    end = time.monotonic() + 10
    while time.monotonic() < end and any(_is_tab(pid) for pid in descendants(server_pid)):
        await asyncio.sleep(0.05)
    if len(run.seconds) < count:
        raise RuntimeError(f"only {len(run.seconds)} of {count} tabs showed their first screen")
    return run


def _is_tab(pid: int) -> bool:
    """A tab's process: its working folder is a tab's private folder (tab-XXXX)."""
    try:
        return os.path.basename(os.readlink(f"/proc/{pid}/cwd")).startswith("tab-")
    except OSError:
        return False


def serve_figures(argv: list[str], counts: list[int], warm_seconds: float = 3.0) -> list[TabRun]:
    """Start `argv` + `serve --port P --max-tabs N`, then open each count of tabs at once."""
    port = free_port()
    command = [*argv, "serve", "--port", str(port), "--max-tabs", str(3 * max(counts) + 2)]
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=bench_environ({"LANG": "zh_CN.UTF-8"}),
        start_new_session=True,
    )
    try:
        line = server.stdout.readline() if server.stdout else b""
        if b"http://" not in line:
            raise RuntimeError(
                f"the server did not start: {line!r} {server.stderr.read(2000) if server.stderr else ''}"
            )
        time.sleep(warm_seconds)  # the tab starter imports and reads the guide meanwhile
        return [asyncio.run(_tabs(port, count, server.pid)) for count in counts]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


if __name__ == "__main__":
    counts = [int(n) for n in sys.argv[1:]] or [1, 10, 30]
    script = Path(sys.executable).parent / "guide-tui"
    for found in serve_figures([str(script)], counts):
        seconds = sorted(found.seconds)
        print(
            f"{found.count:3d} tabs: first screen median {statistics.median(seconds):.3f} s, "
            f"max {max(seconds):.3f} s; PSS per tab median {statistics.median(found.pss_mib or [0]):.1f} MiB "
            f"({len(found.pss_mib)} processes), server {found.server_pss_mib:.1f} MiB"
        )
