"""Keys typed faster than the screen redraws act as if typed one at a time.

A terminal delivers the keys of one burst (`tmux send-keys 3 Tab Space`, a fast
typist, a paste) in one read, and the driver queues them all before the app handles
the first.  Pilot's `press` waits until the app is idle after every key, so it cannot
show what goes wrong then: these tests queue a burst the way the driver does
(`burst`), then check the walk and the focus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from guide_tui.core.loader import load_guide
from guide_tui.tui.app import GuideApp
from guide_tui.tui.widgets.choices import AskList, Checklist
from tests.tui.screen import screen_text

GUIDES = Path(__file__).parents[2] / "guides"
XIAOMI = {
    "zh-CN": GUIDES / "xiaomi-installment-priority-payment.zh-CN.yaml",
    "en": GUIDES / "xiaomi-installment-priority-payment.en.yaml",
}
TO_STEP_5 = ["n", "n", "n", "1", "enter"]  # choose-method: a question, and a checklist under it
CHARACTERS = {"space": " ", "tab": "\t", "enter": "\r"}


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Queue `keys` all at once, as the driver does with the keys of one read, then
    wait until the app has handled them (Pilot's `press` waits after each key)."""
    for key in keys:
        pilot.app.post_message(events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)))
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("keys", [("3", "tab", "space"), ("tab", "space")], ids=["3-tab-space", "tab-space"])
async def test_tab_then_space_ticks_the_checklist_in_one_burst(lang: str, keys: tuple[str, ...]) -> None:
    """Tab gives the keys to the checklist at once: the Space typed right after it ticks
    the checklist's first item, and never chooses an answer."""
    app = GuideApp(load_guide(XIAOMI[lang]), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*TO_STEP_5)
        await pilot.pause()
        assert isinstance(app.focused, AskList) and app.walker.choice() is None
        await burst(pilot, *keys)
        assert app.walker.step.id == "choose-method"
        assert app.walker.choice() == (2 if "3" in keys else None)
        assert isinstance(app.focused, Checklist)
        assert app.walker.ticked() == {0}
        assert "› [x]" in screen_text(app)
