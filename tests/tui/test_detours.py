"""The full screen on the additions to format 1 (tests/data/every-detour.en.yaml):
a step and texts shown for some answers, the confirm gate, a typed answer, "already
done", and a walk opened where a user is (--answer, --step)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_tui.core.loader import load_guide
from guide_tui.core.walker import Walker
from guide_tui.tui.app import GuideApp
from tests.tui.screen import screen_text

DETOURS = Path(__file__).resolve().parents[1] / "data" / "every-detour.en.yaml"


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


def to_confirm() -> Walker:
    """A walker at the confirm step (Alipay: no card steps)."""
    w = Walker(load_guide(DETOURS))
    w.answer(2)
    w.advance()
    w.answer_typed("XM-1")
    w.advance()
    w.answer_typed("2024-08-27")
    w.advance()
    assert w.step.id == "confirm"
    return w


async def test_a_passed_over_step_is_not_shown_and_back_goes_round_it() -> None:
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "3", "enter")  # Alipay: the card steps are passed over
        text = screen_text(app)
        assert "2. Write down the order number" in text and "Step 2 of 5" in text
        await press(pilot, "escape")  # the keys back from the field to the page
        await press(pilot, "b")
        assert app.walker.step.id == "choose-method" and "Step 1 of 5" in screen_text(app)
        await press(pilot, "2", "enter")  # a credit card: the card step, with its extra block and item
        text = screen_text(app)
        assert "2. Check the card details" in text and "Step 2 of 7" in text
        assert "statement day; check it too" in text and "[ ] The statement day is right" in text


async def test_the_confirm_gate_holds_until_c_and_enter_never_confirms() -> None:
    walker = to_confirm()
    app = GuideApp(walker.guide, lang="en", walker=walker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Confirm before going on" in text and "press c to confirm" in text
        assert "c Confirm" in text.splitlines()[-1]  # the key is named on screen
        await press(pilot, "enter")
        assert app.walker.step.id == "confirm" and app.walker.needs_confirm
        assert "needs your confirmation" in screen_text(app)
        await press(pilot, "right", "n")
        assert app.walker.step.id == "confirm" and app.walker.confirmed == {}
        await press(pilot, "c")
        assert "confirm" in app.walker.confirmed
        assert "✓ Confirmed at" in screen_text(app)
        assert "c Confirm" not in screen_text(app).splitlines()[-1]
        await press(pilot, "enter")
        assert app.walker.step.id == "result"


async def test_a_typed_answer_is_checked_kept_and_shown() -> None:
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1", "enter", "enter")  # a bank card: the card steps are shown
        assert app.walker.step.id == "card-digits"
        assert app.screen.focused is app.screen.query_one("#answer-input")  # the keys are in the field
        await press(pilot, "enter")
        assert app.walker.step.id == "card-digits"  # nothing typed yet
        await type_text(pilot, "12ab")  # letters go into the field, not to the walk's keys
        await press(pilot, "enter")
        assert app.walker.step.id == "card-digits" and app.walker.typed == {}
        assert "“12ab” is not a number" in screen_text(app)
        await press(pilot, "backspace", "backspace")
        await type_text(pilot, "34")
        await press(pilot, "enter")  # Enter keeps the answer and goes on
        assert app.walker.typed == {"last_four": "1234"} and app.walker.step.id == "order-number"
        await type_text(pilot, "X" * 25)  # over the question's max_length (20)
        await press(pilot, "enter")
        assert "25 characters long; this question takes at most 20" in screen_text(app)
        assert "order_no" not in app.walker.typed
        await press(pilot, "home")
        await press(pilot, *["delete"] * 10)
        await press(pilot, "enter")
        assert app.walker.typed["order_no"] == "X" * 15 and app.walker.step.id == "order-date"
        await press(pilot, "escape", "b")  # back: the answer is in the field again
        assert app.walker.step.id == "order-number"
        assert app.screen.query_one("#answer-input").value == "X" * 15
        assert "Your answer: XXXXXXXXXXXXXXX" in screen_text(app)


async def test_already_done_marks_the_step_skipped_and_goes_on() -> None:
    walker = to_confirm()
    app = GuideApp(walker.guide, lang="en", walker=walker)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "d")
        assert app.walker.step.id == "result" and app.walker.skipped == {"confirm"}
        assert "marked as already done" in screen_text(app)
        await press(pilot, "o")
        assert "↷ 4. Confirm the change (already done)" in screen_text(app)


async def test_the_report_records_the_confirmation_skips_and_keeps_private_answers_out() -> None:
    walker = to_confirm()
    app = GuideApp(walker.guide, lang="en", walker=walker)
    async with app.run_test(size=(80, 40)) as pilot:
        await press(pilot, "c", "enter", "d", "e")
        screen = app.screen
        text = screen.text
        assert "confirmed at" in text and "skipped: the user said it was already done" in text
        assert "XM-1" not in text and "(private: not in this report)" in text
        # a guide outside the library: the replay names its file (library/find.py reopen_name)
        assert f"guide-tui {DETOURS} --lang en --answer method=Alipay --answer order_date=2024-08-27" in text


@pytest.mark.parametrize("size", [(60, 20), (120, 40)])
async def test_the_confirm_box_and_the_field_fit_small_and_large_screens(size: tuple[int, int]) -> None:
    walker = to_confirm()
    app = GuideApp(walker.guide, lang="zh-CN", walker=walker)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "继续之前请确认" in text and "按 c 确认" in text


async def test_a_field_opens_with_its_cursor_after_its_own_text() -> None:
    """One field serves every typed question; the cursor stayed where it was on the step
    before: at the start of "1234" (Home), then Enter to the next question, kept "XM-1",
    and a 9 typed went in first: "9XM-1" (found in QA, where a typed date became
    "20242024-01-01-08-27")."""
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1", "enter", "enter")  # a bank card: the card steps are shown
        await type_text(pilot, "1234")
        await press(pilot, "enter")
        await type_text(pilot, "XM-1")
        await press(pilot, "enter")
        assert app.walker.step.id == "order-date"
        await press(pilot, "escape", "b", "escape", "b")
        assert app.walker.step.id == "card-digits"
        await press(pilot, "home", "enter")  # the cursor at the start of "1234", then on
        assert app.walker.step.id == "order-number"
        field = app.screen.query_one("#answer-input")
        assert field.value == "XM-1" and field.cursor_position == 4
        await type_text(pilot, "9")
        assert field.value == "XM-19"
