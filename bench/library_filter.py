"""Time each key typed in the library's filter, headless: the CPU a key costs.

`filter_times(folder, queries)` opens the library on a folder of guides
(`GuideApp(guide_dirs=...)` under Textual's Pilot at 80x24), waits until every
guide is listed and indexed, then types each query letter by letter, clearing
the filter (Esc) between queries.  For each key it takes the process CPU time
from the key until the screen has settled: the matching, the list and the
redraw, which must fit in a frame (16 ms) for the letter to show at once.  The
Pilot's own waits cost no CPU.  The same keys typed into a bare Textual app
with one Input (`bare_times`) give the floor: what any Textual app pays.

    python bench/library_filter.py DIR "xiaomi zhifu" "reset login password"
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

QUERIES = ("xiaomi youxian", "reset the login password", "hwrhsz")  # pinyin, English, pinyin initials


async def _typing(folder: Path, queries: tuple[str, ...], into: list[float], listed: list[float]) -> None:
    from guide_tui.progress.store import ProgressStore
    from guide_tui.tui.app import GuideApp

    with tempfile.TemporaryDirectory() as state:
        app = GuideApp(lang="zh-CN", store=ProgressStore(Path(state)), guide_dirs=(str(folder),))
        async with app.run_test(size=(80, 24)) as pilot:
            start = time.perf_counter()
            await app.workers.wait_for_complete()
            await pilot.pause()
            listed.append(time.perf_counter() - start)
            await _type(pilot, queries, into, ("escape",))


async def _type(pilot: Any, queries: tuple[str, ...], into: list[float], clear: tuple[str, ...]) -> None:
    """Type each query key by key, the CPU of each key until the screen settles in `into`;
    then the keys that clear the field."""
    for query in queries:
        for char in query:
            cpu = time.process_time()
            await pilot.press("space" if char == " " else char)
            await pilot.pause()
            into.append(time.process_time() - cpu)
        await pilot.press(*clear)
        await pilot.pause()


async def _bare(queries: tuple[str, ...], into: list[float]) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _type(pilot, queries, into, ("ctrl+a", "ctrl+k"))


def filter_times(folder: Path, queries: tuple[str, ...] = QUERIES) -> tuple[list[float], float]:
    """CPU seconds per key typed in the library of `folder`, and the seconds until every
    guide was listed (with the metadata cache as it is: run once before for a warm one)."""
    found: list[float] = []
    listed: list[float] = []
    asyncio.run(_typing(folder, queries, found, listed))
    return found, listed[0]


def bare_times(queries: tuple[str, ...] = QUERIES) -> list[float]:
    found: list[float] = []
    asyncio.run(_bare(queries, found))
    return found


if __name__ == "__main__":
    import json
    import statistics

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp())
    args = [a for a in sys.argv[1:] if a != "--json"]
    folder = Path(args[0])
    queries = tuple(args[1:]) or QUERIES
    times, listed = filter_times(folder, queries)
    bare = bare_times(queries)
    if "--json" in sys.argv:
        print(json.dumps({"keys": times, "bare": bare, "listed": listed}))
    else:
        print(
            f"listed after {listed:.2f} s; per key: median {statistics.median(times) * 1000:.1f} ms, "
            f"max {max(times) * 1000:.1f} ms over {len(times)} keys"
        )
        print(" ".join(f"{t * 1000:.0f}" for t in times))
        print(f"bare Input: median {statistics.median(bare) * 1000:.1f} ms")
