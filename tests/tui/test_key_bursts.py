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
from tests.tui.test_detours import to_confirm

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


# -- every key acts in the order typed, on the step it was typed on ---------------------------
# (The arrow and the `d` tests passed before too: they check that Space, which now acts when
# the app reads it, does not overtake an arrow or a `d` typed before it.)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
async def test_a_digit_then_enter_moves_on_with_that_answer(lang: str) -> None:
    app = GuideApp(load_guide(XIAOMI[lang]), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*TO_STEP_5)
        await burst(pilot, "3", "enter")
        assert app.walker.step.id == "confirm" and app.walker.answers["method"] == 2
        assert ("支付宝" if lang == "zh-CN" else "Alipay") in screen_text(app)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
async def test_a_digit_then_b_answers_the_step_it_was_typed_on(lang: str) -> None:
    app = GuideApp(load_guide(XIAOMI[lang]), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*TO_STEP_5)
        await burst(pilot, "2", "b")
        assert app.walker.step.id == "find-option"
        assert app.walker.answers == {"option_found": 0, "method": 1}  # not "no option" at find-option


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
async def test_space_then_enter_ticks_the_step_it_was_typed_on(lang: str) -> None:
    app = GuideApp(load_guide(XIAOMI[lang]), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*TO_STEP_5)
        await pilot.press("3", "enter")  # confirm: a checklist only
        await burst(pilot, "space", "enter")
        assert app.walker.step.id == "verify"
        assert app.walker.ticks == {"confirm": {0}}  # not the first item of verify


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
async def test_an_arrow_then_space_chooses_the_answer_under_the_cursor(lang: str) -> None:
    app = GuideApp(load_guide(XIAOMI[lang]), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*TO_STEP_5)
        await burst(pilot, "down", "down", "space", "tab", "down", "space")
        assert app.walker.answers["method"] == 2 and isinstance(app.focused, Checklist)
        assert app.walker.ticked() == {0}  # one item: ↓ past it scrolls the page


async def test_c_then_enter_confirms_and_moves_on() -> None:
    walker = to_confirm()
    app = GuideApp(walker.guide, lang="en", walker=walker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "c", "enter", "space")
        assert "confirm" in app.walker.confirmed and app.walker.step.id == "result"
        assert app.walker.ticks == {"result": {0}}


async def test_d_then_space_ticks_the_step_after_the_one_marked_done() -> None:
    walker = to_confirm()
    app = GuideApp(walker.guide, lang="en", walker=walker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "d", "space")
        assert app.walker.step.id == "result" and app.walker.skipped == {"confirm"}
        assert app.walker.ticks == {"result": {0}}
