"""Time a step change in the walker screen, headless: press "n", wait for the
screen to settle, repeat.

Textual's Pilot runs the real app with a headless driver, so each press
covers the key event, the walker call, the redraw of every widget and the
compositor's render of the frame (only the terminal write is skipped).

A guide long enough is entered half way (step 1,001 of 2,000), so the cost of
the path behind the user shows; a short one from its first step.

Two numbers per press:
- CPU: the process CPU time from the key until the screen has settled.  This is
  the figure: the work a step change costs, which must fit in a 60 Hz frame
  (16 ms).  The Pilot's own waits (it sleeps in 20 ms slices until the app is
  idle) cost no CPU, so they do not count, and a busy machine moves it less.
- frame: wall time from the key until the last frame the press caused was
  rendered; this includes Textual's frame pacing (a refresh waits for the
  next 1/60 s tick) and any other process that had the CPU meanwhile.
"""

from __future__ import annotations

import asyncio
import gc
import time
from dataclasses import dataclass, field
from pathlib import Path

from guide_tui.cli.startup import pause_collector, resume_collector


@dataclass
class StepTimes:
    """Seconds per press: CPU, and wall time to the last frame."""

    cpu: list[float] = field(default_factory=list)
    frame: list[float] = field(default_factory=list)


async def _presses(path: Path, warmup: int, count: int, into: StepTimes) -> None:
    """Open the guide, press "n" `warmup` times untimed, then `count` times timed.

    The collector is handled as the `guide-tui` program handles it (cli/startup.py):
    paused while the guide is read and the app starts, what exists then frozen at the
    first paint.  Without that, each full pass of the collector walked the whole
    2,000-step guide, which the program never does (28-37 ms on the press it fell on)."""
    from guide_tui.core.loader import load_guide
    from guide_tui.core.walker import Walker
    from guide_tui.tui.app import GuideApp

    pause_collector()
    guide = load_guide(path)
    walker = Walker(guide)
    # Start half way when there is room, so a long guide is measured with a long path behind it.
    if len(guide.steps) // 2 > warmup + count + 1:
        for _ in range(len(guide.steps) // 2):
            walker.advance()
    app = GuideApp(guide, lang="zh-CN", walker=walker, on_first_paint=resume_collector)
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:
        if renderable is not None:
            frames.append(time.perf_counter())
        display(screen, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for n in range(warmup + count):
            before = len(app.walker.path)
            frames.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            await pilot.press("n")
            await pilot.pause()
            cpu = time.process_time() - cpu
            if len(app.walker.path) != before + 1:
                raise RuntimeError(f"'n' did not move to the next step in {path.name} (press {n + 1})")
            if n >= warmup:
                into.cpu.append(cpu)
                into.frame.append((frames[-1] if frames else time.perf_counter()) - wall)


def step_change_times(paths: list[Path], runs: int, presses: int, warmup: int = 2) -> dict[Path, StepTimes]:
    """Times per step change for each guide; the guides take turns run by run,
    so both see the same machine load."""
    found = {p: StepTimes() for p in paths}
    for _ in range(runs):
        for path in paths:
            try:
                asyncio.run(_presses(path, warmup, presses, found[path]))
            finally:  # the next app starts from a heap of its own, as a program would
                resume_collector()
                gc.unfreeze()
                gc.collect()
    return found
