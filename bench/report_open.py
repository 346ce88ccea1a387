"""Time opening the hand-off report (key `e`) on a finished walk, headless.

    python bench/report_open.py            # 120x40, 5 runs, both bundled guides' languages
    python bench/report_open.py --size 80x24 --runs 10

The walk is finished along the first answers with every item ticked (the longest
report the Xiaomi guide gives). Each run starts a fresh app, waits for the walker
screen to settle, then measures from the key press until the report screen has
been drawn (wall time, Textual's frame pacing included), and the CPU time the
process spent meanwhile. Target: under 0.3 s wall at 120x40.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDES = [
    ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml",
    ROOT / "guides" / "xiaomi-installment-priority-payment.en.yaml",
]


async def _open_once(path: Path, size: tuple[int, int]) -> tuple[float, float]:
    from guide_tui.core.loader import load_guide
    from guide_tui.core.walker import Walker
    from guide_tui.tui.app import GuideApp

    guide = load_guide(path)
    walker = Walker(guide)
    while not walker.finished:
        if walker.step.ask:
            walker.answer(0)
        for item in range(len(walker.step.checklist)):
            walker.toggle(item)
        walker.advance()
    app = GuideApp(guide, walker=walker)
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:  # type: ignore[no-untyped-def]
        if renderable is not None:
            frames.append(time.perf_counter())
        display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        frames.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        await pilot.press("e")
        await pilot.pause()
        cpu = time.process_time() - cpu
        if app.screen.__class__.__name__ != "ReportScreen":
            raise RuntimeError("the report did not open")
        return (frames[-1] if frames else time.perf_counter()) - wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="120x40", help="terminal size, WIDTHxHEIGHT (default 120x40)")
    parser.add_argument("--runs", type=int, default=5, help="runs per guide (default 5)")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    sys.path.insert(0, str(ROOT))
    for path in GUIDES:
        times = [asyncio.run(_open_once(path, (width, height))) for _ in range(args.runs)]
        walls, cpus = [w for w, _ in times], [c for _, c in times]
        print(
            f"{path.name} at {args.size}: report drawn after {statistics.median(walls) * 1000:.0f} ms median "
            f"(max {max(walls) * 1000:.0f} ms), CPU {statistics.median(cpus) * 1000:.0f} ms median"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
