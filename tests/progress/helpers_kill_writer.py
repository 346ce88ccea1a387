"""A writer for test_store's kill test: walks the Xiaomi guide at random, saving
after every action, until it is killed.

    python tests/helpers_kill_writer.py STATE_DIR SEED

It prints `ready` once the session is open, then `i` before action i.  The
walk is a pure function of SEED and the number of actions, so the test can
rebuild the state after any action with `walk_after(seed, k)`.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
sys.path.insert(0, str(ROOT))

from guide_tui.core.loader import load_guide  # noqa: E402
from guide_tui.core.walker import Walker  # noqa: E402


def fake_clock() -> Callable[[], float]:
    """A clock that ticks one second each time it is read."""
    now = [1_700_000_000.0]

    def clock() -> float:
        now[0] += 1.0
        return now[0]

    return clock


def act(walker: Walker, rng: random.Random) -> None:
    """One random action (it may do nothing, as a user's key press may)."""
    roll = rng.random()
    if roll < 0.4:
        step = walker.step
        if step.ask and walker.choice() is None:
            walker.answer(rng.randrange(len(step.ask.options)))
        walker.advance()
    elif roll < 0.6:
        walker.back()
    elif roll < 0.8:
        walker.toggle(rng.randrange(4))
    elif roll < 0.9:
        walker.answer(rng.randrange(5))
    else:
        walker.jump(rng.randrange(len(walker.path)))


def walk_after(seed: int, k: int) -> Walker:
    """The walker after k actions of the walk with this seed."""
    rng = random.Random(seed)
    walker = Walker(load_guide(GUIDE), fake_clock())
    for _ in range(k):
        act(walker, rng)
    return walker


def main(state_dir: str, seed: int) -> None:
    from guide_tui.progress.store import ProgressStore

    rng = random.Random(seed)
    store = ProgressStore(Path(state_dir), clock=fake_clock())
    session = store.open(load_guide(GUIDE), restart=True)  # exactly one Walker, as walk_after
    print("ready", flush=True)
    i = 0
    while True:
        i += 1
        print(i, flush=True)
        act(session.walker, rng)
        session.changed()
        session.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
