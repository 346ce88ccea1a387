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
from guide_tui.tui.widgets.answer_input import AnswerInput
from guide_tui.tui.widgets.choices import AskList, Checklist
from tests.tui.screen import screen_text
from tests.tui.test_detours import DETOURS, to_confirm

GUIDES = Path(__file__).parents[2] / "guides"
XIAOMI = {
    "zh-CN": GUIDES / "xiaomi-installment-priority-payment.zh-CN.yaml",
    "en": GUIDES / "xiaomi-installment-priority-payment.en.yaml",
}
TO_STEP_5 = ["n", "n", "n", "1", "enter"]  # choose-method: a question, and a checklist under it
CHARACTERS = {"space": " ", "tab": "\t", "enter": "\r", "escape": "\x1b", "minus": "-"}


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


# -- the answer field (ask.input): every key it reads acts in the order typed, Enter and Esc too --
# (The walk keys and the wrong answer tests passed before too: they check that the letters and
# Enter still go into the field while it has the keys.)


def typing(text: str) -> list[str]:
    """The keys that type `text` (Textual's key names)."""
    return ["minus" if c == "-" else c for c in text]


async def at_order_number(pilot: Pilot[None]) -> AnswerInput:
    """To every-detour's order-number (Alipay: no card steps): the keys in its field."""
    await pilot.press("3", "enter")
    await pilot.pause()
    app = pilot.app
    field = app.screen.query_one("#answer-input", AnswerInput)
    assert app.walker.step.id == "order-number" and app.focused is field
    return field


async def test_enter_in_the_field_keeps_the_answer_before_the_next_is_typed() -> None:
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_order_number(pilot)
        await burst(pilot, *typing("XM-1"), "enter", *typing("2024-08-27"), "enter")
        assert app.walker.typed == {"order_no": "XM-1", "order_date": "2024-08-27"}
        assert app.walker.step.id == "confirm"
        assert app.focused is app.screen.query_one("#columns")  # the confirm step: the keys on the page


async def test_esc_in_the_field_then_b_goes_back() -> None:
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        field = await at_order_number(pilot)
        await burst(pilot, "X", "M", "escape", "b")
        assert app.walker.step.id == "choose-method" and isinstance(app.focused, AskList)
        assert app.walker.typed == {"order_no": "XM"}  # leaving the field keeps its answer, without the b
        assert app.walker.answers == {"method": 2}
        assert field.value == "XM"  # hidden with this answer: nothing typed after Esc went into it


async def test_esc_in_the_field_then_n_moves_on_with_the_answer() -> None:
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        field = await at_order_number(pilot)
        await burst(pilot, "X", "M", "escape", "n", *typing("2024-08-27"))
        assert app.walker.step.id == "order-date" and app.walker.typed == {"order_no": "XM"}
        assert app.focused is field and field.value == "2024-08-27"  # the next step's field has the keys


async def test_the_walk_keys_type_into_the_field_in_a_burst() -> None:
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        field = await at_order_number(pilot)
        await burst(pilot, *"nb1dscq", "enter")
        assert app.walker.typed == {"order_no": "nb1dscq"} and app.walker.step.id == "order-date"
        assert app.walker.skipped == set() and app.focused is field


async def test_esc_in_the_field_then_b_to_another_field_keeps_both_answers() -> None:
    """The field's late "blurred" message, after `b` has brought the keys to the field of the
    step before, does not give that step this step's answer."""
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        field = await at_order_number(pilot)
        await pilot.press(*typing("XM-1"), "enter")
        await burst(pilot, *typing("2024-08-27"), "escape", "b")
        assert app.walker.step.id == "order-number" and app.focused is field and field.value == "XM-1"
        assert app.walker.typed == {"order_no": "XM-1", "order_date": "2024-08-27"}


async def test_enter_on_a_wrong_answer_stays_and_the_next_keys_edit_it() -> None:
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        field = await at_order_number(pilot)
        await burst(pilot, *"X" * 21, "enter", "backspace", "enter")  # at most 20 characters
        assert app.walker.typed == {"order_no": "X" * 20} and app.walker.step.id == "order-date"
        assert app.focused is field and field.value == ""


@pytest.mark.parametrize(
    ("keys", "typed"),
    [
        (["A", "B", "backspace", "C"], "AC"),
        (["A", "B", "home", "C"], "CAB"),
        (["A", "B", "left", "C", "end", "D"], "ACBD"),
        (["A", "B", "C", "left", "left", "delete", "X"], "AXC"),
    ],
    ids=["backspace", "home", "left-end", "delete"],
)
async def test_the_field_edits_in_the_order_typed(keys: list[str], typed: str) -> None:
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        field = await at_order_number(pilot)
        await burst(pilot, *keys, "enter")
        assert app.walker.typed == {"order_no": typed} and app.walker.step.id == "order-date"
        assert field.value == ""


async def test_a_paste_then_enter_keeps_the_pasted_answer() -> None:
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_order_number(pilot)
        app.post_message(events.Paste("XM-2024-001"))
        await burst(pilot, "enter", *typing("2024-08-27"))
        assert app.walker.typed == {"order_no": "XM-2024-001"} and app.walker.step.id == "order-date"
        assert app.screen.query_one("#answer-input", AnswerInput).value == "2024-08-27"


def with_checklist(tmp_path: Path) -> Path:
    """every-detour with a checklist under the order number's field: Tab goes to it."""
    text = DETOURS.read_text("utf-8").replace(
        "      private: true\n", "      private: true\n    checklist:\n      - Noted\n"
    )
    path = tmp_path / DETOURS.name
    path.write_text(text, "utf-8")
    return path


async def test_tab_in_the_field_keeps_the_answer_before_space_and_enter(tmp_path: Path) -> None:
    app = GuideApp(load_guide(with_checklist(tmp_path)), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        field = await at_order_number(pilot)
        await burst(pilot, "X", "M", "tab", "space", "enter")
        assert app.walker.typed == {"order_no": "XM"} and app.walker.ticks == {"order-number": {0}}
        assert app.walker.step.id == "order-date" and app.focused is field and field.value == ""


async def test_a_key_the_field_lets_through_acts_before_the_next(tmp_path: Path) -> None:
    """PgDn is the page's key: it scrolls the page when the field reads it, not once it has
    been back to the app, after `b` has given the keys to the answers (whose own PgDn then
    failed: the list was not laid out yet)."""
    app = GuideApp(load_guide(with_checklist(tmp_path)), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_order_number(pilot)
        await burst(pilot, "pagedown", "shift+tab", "b")
        assert app.walker.step.id == "choose-method" and isinstance(app.focused, AskList)


async def test_f1_in_the_field_gives_the_next_keys_to_the_help() -> None:
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        field = await at_order_number(pilot)
        await burst(pilot, "X", "f1", "Y")
        assert type(app.screen).__name__ == "HelpScreen" and field.value == "X"


# -- a key that opens another screen or leaves the walk: the keys typed after it go there -------
# (Each of these keys acts when the app reads it, so the screen it opens is the one the keys
# typed next in the same burst go to, as if typed one at a time.)


def screen_name(app: GuideApp) -> str:
    return type(app.screen).__name__


async def at_step_3(pilot: Pilot[None]) -> None:
    await pilot.press("n", "n")
    await pilot.pause()
    assert pilot.app.walker.step.id == "choose-order"  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
async def test_o_then_n_opens_the_outline_and_the_walk_stays(lang: str) -> None:
    app = GuideApp(load_guide(XIAOMI[lang]), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step_3(pilot)
        await burst(pilot, "o", "n")
        assert screen_name(app) == "OutlineScreen"
        assert app.walker.step.id == "choose-order" and app.walker.path == ["login", "my-orders", "choose-order"]
        await burst(pilot, "o")  # o in the outline closes it
        assert screen_name(app) == "GuideScreen" and app.walker.step.id == "choose-order"


async def test_o_then_up_and_enter_jump_in_the_outline() -> None:
    app = GuideApp(load_guide(XIAOMI["en"]), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step_3(pilot)
        await burst(pilot, "o", "up", "up", "enter")
        assert screen_name(app) == "GuideScreen"
        assert app.walker.step.id == "login"  # jumped to the first step, not moved on from the third


async def test_e_then_n_and_e_opens_the_report_then_closes_it() -> None:
    app = GuideApp(load_guide(XIAOMI["en"]), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step_3(pilot)
        await burst(pilot, "e", "n")
        assert screen_name(app) == "ReportScreen" and app.walker.step.id == "choose-order"
        await burst(pilot, "e", "n")  # e closes the report; the n after it is the walk's again
        assert screen_name(app) == "GuideScreen" and app.walker.step.id == "find-option"
        await burst(pilot, "e", "e", "b")  # open, close, back: in one burst
        assert screen_name(app) == "GuideScreen" and app.walker.step.id == "choose-order"


@pytest.mark.parametrize("keys", [("question_mark", "left"), ("f1", "b"), ("f1", "n")], ids=["?-left", "f1-b", "f1-n"])
async def test_help_then_a_walk_key_opens_the_help_and_the_walk_stays(keys: tuple[str, ...]) -> None:
    app = GuideApp(load_guide(XIAOMI["en"]), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step_3(pilot)
        await burst(pilot, *keys)
        assert screen_name(app) == "HelpScreen" and app.walker.step.id == "choose-order"


async def test_help_then_q_closes_the_help_and_the_app_runs_on() -> None:
    app = GuideApp(load_guide(XIAOMI["en"]), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step_3(pilot)
        await burst(pilot, "question_mark", "q", "b")  # q closes the help; b goes back
        assert screen_name(app) == "GuideScreen" and app.is_running
        assert app.walker.step.id == "my-orders"


async def test_r_then_n_says_no_to_starting_over() -> None:
    app = GuideApp(load_guide(XIAOMI["en"]), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step_3(pilot)
        await burst(pilot, "R", "n")  # n is the dialog's "no"
        assert screen_name(app) == "GuideScreen"
        assert app.walker.step.id == "choose-order" and app.walker.path == ["login", "my-orders", "choose-order"]
        await burst(pilot, "R", "n", "n")  # the second n is the walk's again
        assert screen_name(app) == "GuideScreen" and app.walker.step.id == "find-option"


async def test_p_then_n_opens_the_qr_code_and_the_walk_stays() -> None:
    app = GuideApp(load_guide(XIAOMI["en"]), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step_3(pilot)
        await burst(pilot, "p", "n")
        assert screen_name(app) == "QrScreen" and app.walker.step.id == "choose-order"
        await burst(pilot, "p", "n")  # p closes it; the n after it is the walk's again
        assert screen_name(app) == "GuideScreen" and app.walker.step.id != "choose-order"


async def test_q_then_n_quits_without_moving_on() -> None:
    app = GuideApp(load_guide(XIAOMI["en"]), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step_3(pilot)
        await burst(pilot, "q", "n")
        assert app.walker.step.id == "choose-order"


async def test_ctrl_p_then_letters_go_to_the_command_palette() -> None:
    app = GuideApp(load_guide(XIAOMI["en"]), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step_3(pilot)
        await burst(pilot, "ctrl+p", "b", "n")
        assert screen_name(app) == "CommandPalette" and app.walker.step.id == "choose-order"


async def open_from_library(pilot: Pilot[None], query: str) -> None:
    """Once the library is read: filter it with `query` and open the guide it finds."""
    await pilot.app.workers.wait_for_complete()
    await pilot.press(*query, "enter")
    await pilot.pause()
    assert screen_name(pilot.app) == "GuideScreen"  # type: ignore[arg-type]


async def test_esc_to_the_library_then_letters_go_into_its_filter(tmp_path: Path) -> None:
    from guide_tui.progress.store import ProgressStore

    app = GuideApp(lang="en", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_library(pilot, "payment")
        await at_step_3(pilot)
        walker = app.walker
        await burst(pilot, "escape", "n", "b")
        assert screen_name(app) == "LibraryScreen"
        assert walker is not None and walker.step.id == "choose-order"
        assert app.screen.query_one("#filter").value == "paymentnb"  # type: ignore[attr-defined]


async def test_keys_that_open_screens_stay_letters_in_the_answer_field() -> None:
    app = GuideApp(load_guide(DETOURS), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        field = await at_order_number(pilot)
        await burst(pilot, *"oepRq?", "escape", "b")
        assert screen_name(app) == "GuideScreen" and app.walker.step.id == "choose-method"
        assert app.walker.typed == {"order_no": "oepRq?"} and field.value == "oepRq?"


async def test_esc_in_the_field_of_a_walk_from_the_library_leaves_the_field_first(tmp_path: Path) -> None:
    """Esc is the answer field's own first (it keeps the answer); the next Esc goes to the library."""
    from guide_tui.progress.store import ProgressStore

    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / DETOURS.name).write_text(DETOURS.read_text("utf-8"), "utf-8")
    app = GuideApp(lang="en", store=ProgressStore(tmp_path / "state"), guide_dirs=(str(tmp_path / "guides"),))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_library(pilot, "detour")
        await at_order_number(pilot)
        walker = app.walker
        await burst(pilot, "X", "M", "escape", "b")
        assert screen_name(app) == "GuideScreen" and app.walker.step.id == "choose-method"
        assert app.walker.typed == {"order_no": "XM"}
        await burst(pilot, "n", "escape", "escape", "x")  # to the field again, out of it, to the library
        assert screen_name(app) == "LibraryScreen"
        assert walker is not None and walker.step.id == "order-number" and walker.typed == {"order_no": "XM"}
        assert app.screen.query_one("#filter").value == "detourx"  # type: ignore[attr-defined]


# -- a dialog's answer acts before the keys typed after it --------------------------------
# (Textual runs a dialog's result callback later, from the queue of the screen below: the
# key typed after the answer acted on the walk as it was. screens/dialog.py)


async def test_a_jump_in_the_outline_is_made_before_the_key_typed_after_it() -> None:
    app = GuideApp(load_guide(XIAOMI["en"]), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step_3(pilot)
        await burst(pilot, "o", "up", "up", "enter", "n")  # to the first step, then on from it
        assert screen_name(app) == "GuideScreen"
        assert app.walker.step.id == "my-orders" and app.walker.path == ["login", "my-orders"]
        await burst(pilot, "n", "n", "o", "end", "up", "enter")  # on to the 4th step, back to the 3rd
        assert app.walker.path == ["login", "my-orders", "choose-order"]
        await burst(pilot, "o", "home", "down", "enter", "n")  # to the 2nd, then on from it
        assert app.walker.path == ["login", "my-orders", "choose-order"]
        await burst(pilot, "o", "escape", "b")  # Esc closes it with no jump; b is the walk's
        assert screen_name(app) == "GuideScreen" and app.walker.path == ["login", "my-orders"]


@pytest.mark.parametrize(
    ("keys", "step", "path"),
    [
        (("R", "enter", "n"), "find-option", ["login", "my-orders", "choose-order", "find-option"]),  # "no": on
        (("R", "tab", "enter", "n"), "my-orders", ["login", "my-orders"]),  # "yes": over, then on
        (("R", "right", "left", "enter"), "choose-order", ["login", "my-orders", "choose-order"]),
    ],
    ids=["no-then-n", "yes-then-n", "back-to-no"],
)
async def test_the_restart_dialog_answers_before_the_keys_typed_after_it(
    keys: tuple[str, ...], step: str, path: list[str]
) -> None:
    app = GuideApp(load_guide(XIAOMI["en"]), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step_3(pilot)
        await burst(pilot, *keys)
        assert screen_name(app) == "GuideScreen"
        assert app.walker.step.id == step and app.walker.path == path


async def test_esc_in_the_library_asks_and_the_keys_after_no_go_into_the_filter(tmp_path: Path) -> None:
    from guide_tui.progress.store import ProgressStore

    app = GuideApp(lang="en", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await burst(pilot, "escape", "enter", "p", "a")  # "no" has the keys: the library stays
        assert screen_name(app) == "LibraryScreen" and app.return_code is None
        assert app.screen.query_one("#filter").value == "pa"  # type: ignore[attr-defined]


async def test_a_guide_opened_from_the_library_takes_the_keys_typed_after_enter(tmp_path: Path) -> None:
    from guide_tui.progress.store import ProgressStore

    app = GuideApp(lang="en", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await burst(pilot, *"payment", "enter", "n", "n")
        assert screen_name(app) == "GuideScreen"
        assert app.walker.step.id == "choose-order" and app.walker.path == ["login", "my-orders", "choose-order"]


async def test_the_library_moves_after_the_letters_typed_before_the_arrow(tmp_path: Path) -> None:
    """↓ acts after the letters and Backspaces typed before it: the filter is empty again,
    so ↓ goes to the second guide of the whole list (a tutorial), and Enter opens it."""
    from guide_tui.progress.store import ProgressStore

    app = GuideApp(lang="en", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await burst(pilot, "p", "a", "y", "backspace", "backspace", "backspace", "down", "enter")
        assert screen_name(app) == "GuideScreen"
        assert app.walker.guide.id == "write-your-first-guide"
