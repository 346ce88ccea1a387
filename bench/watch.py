"""Live preview (`guide-tui GUIDE --watch`): reload latency, and the CPU it costs while idle.

    python bench/watch.py                  # 10 saves, 10 s idle each way
    python bench/watch.py --saves 20 --idle 30

Headless (Textual's run_test), on a copy of the English Xiaomi guide, walked to
step 3.  Latency: from the moment a save (the whole file written again, as an
editor does) returns until the step's new title is on screen, with the watch
timer as it runs (WATCH_SECONDS), nothing called by hand.  Idle: the process's
CPU time over the same wall time with nothing happening, with and without --watch.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GUIDE = ROOT / "guides" / "xiaomi-installment-priority-payment.en.yaml"
TITLE = "Choose the order whose payment method you want to change"


async def _latency(path: Path, saves: int) -> list[float]:
    from guide_tui.core.loader import load_guide
    from guide_tui.tui.app import GuideApp
    from tests.tui.screen import screen_text

    app = GuideApp(load_guide(path), lang="en", watch=path)
    found: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")
        await pilot.pause(0.5)
        for i in range(saves):
            title = f"Step three, version {i}"
            text = path.read_text(encoding="utf-8")
            current = TITLE if i == 0 else f"Step three, version {i - 1}"
            path.write_text(text.replace(current, title), encoding="utf-8")
            start = time.perf_counter()
            while title not in screen_text(app):
                await asyncio.sleep(0.005)
            found.append(time.perf_counter() - start)
            await pilot.pause(0.3)
    return found


async def _idle(path: Path, seconds: float, watch: bool) -> float:
    from guide_tui.core.loader import load_guide
    from guide_tui.tui.app import GuideApp

    app = GuideApp(load_guide(path), lang="en", watch=path if watch else None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.0)
        start = time.process_time()
        await asyncio.sleep(seconds)
        return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args()
    from guide_tui.tui.watch import WATCH_SECONDS

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.en.yaml"
        shutil.copy(GUIDE, path)
        latency = asyncio.run(_latency(path, args.saves))
        shutil.copy(GUIDE, path)
        watching = asyncio.run(_idle(path, args.idle, watch=True))
        not_watching = asyncio.run(_idle(path, args.idle, watch=False))
    ms = [x * 1000 for x in latency]
    print(f"watch interval: {WATCH_SECONDS * 1000:.0f} ms")
    print(
        f"reload latency over {len(ms)} saves: median {statistics.median(ms):.0f} ms, "
        f"min {min(ms):.0f} ms, max {max(ms):.0f} ms"
    )
    for name, cpu in (("with --watch", watching), ("without", not_watching)):
        print(f"CPU while idle {args.idle:.0f} s {name}: {cpu * 1000:.0f} ms ({100 * cpu / args.idle:.2f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
