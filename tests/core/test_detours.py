"""The additions to format 1 in the walk: `when` (steps passed over, texts shown for
some answers), `confirm`, typed answers, "already done", and replay (--answer, --step).

Most tests walk tests/data/every-detour.en.yaml, which uses every addition."""

from __future__ import annotations

import copy
import textwrap
from pathlib import Path

import pytest

from guide_tui.core.answers import read_given, read_typed
from guide_tui.core.conditional import Blocks, Condition, Text
from guide_tui.core.loader import load_bytes, load_guide
from guide_tui.core.model import Guide, Step
from guide_tui.core.parts import Ask, Option
from guide_tui.core.saved_walk import SavedWalkError, from_saved, to_saved
from guide_tui.core.walker import PRIVATE, Walker

DETOURS = Path(__file__).resolve().parents[1] / "data" / "every-detour.en.yaml"
ALL = ["choose-method", "card-check", "card-digits", "order-number", "order-date", "confirm", "result"]
WITHOUT_CARD = ["choose-method", "order-number", "order-date", "confirm", "result"]
BANK, CREDIT, ALIPAY = 0, 1, 2


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(DETOURS)


@pytest.fixture
def walker(guide: Guide) -> Walker:
    ticks = iter(range(1_000_000, 2_000_000))
    return Walker(guide, clock=lambda: float(next(ticks)))


def guide_from(text: str) -> Guide:
    result = load_bytes(textwrap.dedent(text).encode(), "test.yaml")
    assert result.guide is not None, [str(p) for p in result.problems]
    return result.guide


def to_step(w: Walker, step_id: str) -> None:
    """Walk on, typing a good answer at each typed question and confirming each gate."""
    typed = {"last_four": "1234", "order_no": "XM-1", "order_date": "2024-08-27"}
    while w.step.id != step_id:
        ask = w.step.ask
        if ask and ask.typed and w.typed_answer() is None:
            assert w.answer_typed(typed[ask.key]) is None
        if w.needs_confirm:
            w.confirm()
        assert w.advance(), w.step.id


# -- when: steps passed over -------------------------------------------------------------


def test_a_step_whose_when_does_not_hold_is_passed_over(walker: Walker) -> None:
    walker.answer(ALIPAY)
    assert walker.advance()
    assert walker.step.id == "order-number"  # card-check and card-digits are for cards only
    to_step(walker, "result")
    walker.advance()
    assert walker.finished and walker.path == WITHOUT_CARD


def test_a_step_whose_when_holds_is_shown(walker: Walker) -> None:
    walker.answer(BANK)
    walker.advance()
    assert walker.step.id == "card-check"
    to_step(walker, "result")
    assert walker.path == ALL


def test_progress_counts_only_the_steps_on_the_path(walker: Walker) -> None:
    assert walker.progress() == (1, 7)  # unanswered: the first answer (a card) is the expected way
    walker.answer(ALIPAY)
    assert walker.progress() == (1, 5)  # the two card steps are not on this path
    walker.advance()
    assert walker.progress() == (2, 5)
    to_step(walker, "result")
    assert walker.progress() == (5, 5)
    walker.advance()
    assert walker.progress() == (5, 5)


def test_back_across_a_passed_over_step_goes_to_the_step_before_it(walker: Walker) -> None:
    walker.answer(ALIPAY)
    walker.advance()
    assert walker.step.id == "order-number"
    assert walker.back()
    assert walker.step.id == "choose-method" and walker.path == ["choose-method"]
    walker.answer(CREDIT)  # another answer: the card steps are on the way now
    assert walker.progress() == (1, 7)
    walker.advance()
    assert walker.step.id == "card-check"


def test_counting_ahead_never_turns_a_guess_into_an_answer(walker: Walker) -> None:
    """progress() guesses the first answer of unanswered questions to count ahead;
    that guess once leaked into the walk, which then moved on without an answer."""
    assert walker.progress() == (1, 7)
    assert not walker.can_advance
    assert walker.advance() is False and walker.path == ["choose-method"]


def test_landing_never_loops_on_steps_passed_over_in_a_circle() -> None:
    """The loader refuses such a guide (bad_pass_over_loop.yaml); built in code anyway,
    the walk stops at the loop's first step rather than going round for ever."""
    card = (Condition("k", ("card",)),)
    steps = (
        Step(id="q", title="Q", ask=Ask(key="k", prompt="P", options=(Option("card"), Option("cash")))),
        Step(id="a", title="A", when=card, next="b"),
        Step(id="b", title="B", when=card, next="a"),
    )
    guide = Guide(format=1, id="g", title="G", steps=steps)
    assert guide.next_of(steps[0], {"k": "cash"}) == "a"
    assert guide.next_of(steps[0], {"k": "card"}) == "a"


# -- when: texts shown for some answers ----------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "rows", "body_has_statement_day"),
    [(BANK, [0], False), (CREDIT, [0, 1], True)],
)
def test_checklist_items_and_body_blocks_follow_the_answer(
    walker: Walker, answer: int, rows: list[int], body_has_statement_day: bool
) -> None:
    walker.answer(answer)
    walker.advance()
    step = walker.step
    assert walker.shown(step.checklist) == rows
    body = walker.blocks(step.body)
    assert body.startswith("Check the last four digits")
    assert ("statement day" in body) is body_has_statement_day


def test_warning_and_notes_follow_the_answer(walker: Walker) -> None:
    walker.answer(ALIPAY)
    to_step(walker, "confirm")
    step = walker.step
    assert walker.blocks(step.warning) == "The change takes effect at once, for every instalment still to pay."
    assert [step.notes[n] for n in walker.shown(step.notes)] == [
        "Nothing is charged until the next instalment is due.",
        "Alipay asks for its payment password once more.",
    ]


def test_a_text_reads_as_the_text_everywhere(guide: Guide) -> None:
    """Texts and blocks stay str: code that reads a guide's words keeps working."""
    step = guide.step("card-check")
    assert isinstance(step.body, Blocks) and isinstance(step.body, str)
    assert step.body.startswith("Check the last four digits") and "statement day" in step.body
    assert step.checklist == ("The last four digits are those of my card", "The statement day is right")
    assert step.checklist[1].when and not step.checklist[0].when
    assert Text("a", ()) == "a" and Text("a", ()) != Text("a", step.checklist[1].when)
    assert copy.deepcopy(step) == step and copy.deepcopy(step.checklist[1]).when == step.checklist[1].when
    with pytest.raises(AttributeError):
        step.checklist[1].when = ()  # type: ignore[misc]


# -- confirm ---------------------------------------------------------------------------


def test_confirm_holds_the_walk_until_given_and_records_its_time(walker: Walker) -> None:
    walker.answer(ALIPAY)
    walker.advance()
    walker.answer_typed("XM-1")
    walker.advance()
    walker.answer_typed("2024-08-27")
    walker.advance()
    assert walker.step.id == "confirm" and walker.needs_confirm
    assert walker.next_id() == "result"  # where it would go; it does not go yet
    assert not walker.can_advance and walker.advance() is False
    assert walker.confirm()
    assert walker.confirmed["confirm"] >= 1_000_000 and not walker.needs_confirm
    assert walker.advance() and walker.step.id == "result"


def test_a_confirmation_stays_while_its_step_is_on_the_path_and_goes_with_it(walker: Walker) -> None:
    walker.answer(ALIPAY)
    to_step(walker, "result")
    assert "confirm" in walker.confirmed
    walker.back()  # back on the step itself: still confirmed
    assert walker.step.id == "confirm" and not walker.needs_confirm
    walker.back()  # left the path: coming that way again asks again
    assert "confirm" not in walker.confirmed
    walker.advance()
    assert walker.needs_confirm


def test_a_step_without_confirm_cannot_be_confirmed(walker: Walker) -> None:
    assert walker.confirm() is False and walker.confirmed == {}


# -- typed answers ---------------------------------------------------------------------------


TEXT = Ask(key="t", prompt="p", input="text", max_length=5)
NUMBER = Ask(key="n", prompt="p", input="number")
DATE = Ask(key="d", prompt="p", input="date")


@pytest.mark.parametrize(
    ("ask", "typed", "kept"),
    [
        (TEXT, "  abc  ", "abc"),
        (TEXT, "订单号12", "订单号12"),
        (TEXT, "ok👍\ufe0f", "ok👍\ufe0f"),  # the one character policy (core/text.py): an emoji's selector
        (TEXT, "ب\u200cی", "ب\u200cی"),  # a Persian non-joiner
        (NUMBER, "１２３４", "1234"),  # full-width digits from a Chinese input method
        (NUMBER, "-3.5", "-3.5"),
        (DATE, "2024-08-27", "2024-08-27"),
        (DATE, "2024/8/7", "2024-08-07"),
        (DATE, "2024年8月27日", "2024-08-27"),
        (DATE, "２０２４－０８－２７", "2024-08-27"),
    ],
)
def test_typed_answers_are_kept_in_one_form(ask: Ask, typed: str, kept: str) -> None:
    assert read_typed(ask, typed) == (kept, None)


@pytest.mark.parametrize(
    ("ask", "typed", "words"),
    [
        (TEXT, "", "Type an answer"),
        (TEXT, "   ", "Type an answer"),
        (TEXT, "abcdef", "6 characters long; this question takes at most 5"),
        (TEXT, "x" * 100_000, "100000 characters long"),  # a huge paste: refused, not slow
        (TEXT, "a\x1bb", "U+001B"),
        (TEXT, "a\u202eb", "U+202E"),
        (TEXT, "a\u200bb", "U+200B"),
        (NUMBER, "12a4", "“12a4” is not a number"),
        (NUMBER, "1,5", "not a number"),
        (NUMBER, "9" * 41, "not a number"),
        (DATE, "27/08/2024", "YYYY-MM-DD"),
        (DATE, "2024-02-30", "not a real date"),
        (DATE, "0000-01-01", "not a real date"),
    ],
)
def test_long_or_odd_typed_answers_get_a_clear_message(ask: Ask, typed: str, words: str) -> None:
    kept, problem = read_typed(ask, typed)
    assert kept is None and problem is not None
    assert words in problem.text("en")
    assert problem.text("zh-CN")  # said in Chinese too


def test_a_typed_answer_fills_its_key_and_lets_the_walk_go_on(walker: Walker) -> None:
    walker.answer(BANK)
    walker.advance()
    walker.advance()
    assert walker.step.id == "card-digits"
    assert not walker.can_advance
    problem = walker.answer_typed("abcd")
    assert problem is not None and "not a number" in problem.text("en")
    assert walker.typed_answer() is None and not walker.can_advance
    assert walker.answer_typed(" 1234 ") is None
    assert walker.typed_answer() == "1234" and walker.answered["last_four"] == "1234"
    assert walker.advance()
    walker.answer_typed("XM-2024-001")
    walker.advance()
    walker.answer_typed("2024年8月27日")
    walker.advance()
    assert walker.text(walker.step.body) == (
        "Check that Bank card is shown as the new priority method of order XM-2024-001 of 2024-08-27."
    )
    # a private answer is shown to the user, never in a report
    assert "XM-2024-001" not in walker.text(walker.step.body, public=True)
    assert PRIVATE in walker.text(walker.step.body, public=True)


def test_answer_typed_is_refused_where_the_question_has_options(walker: Walker) -> None:
    problem = walker.answer_typed("Bank card")
    assert problem is not None and walker.typed == {}


# -- already done ------------------------------------------------------------------------


def test_a_step_marked_already_done_is_skipped_not_done(walker: Walker) -> None:
    walker.answer(ALIPAY)
    walker.advance()
    assert walker.step.id == "order-number" and walker.can_skip
    assert walker.skip()  # a typed question may be left: it leads on one way
    assert walker.step.id == "order-date"
    assert walker.skipped == {"order-number"} and "order_no" not in walker.typed
    walker.answer_typed("2024-08-27")
    walker.advance()
    assert walker.needs_confirm and walker.skip()  # already done: no confirmation asked
    assert walker.step.id == "result" and walker.skipped == {"order-number", "confirm"}
    assert "confirm" not in walker.confirmed


def test_a_question_with_options_must_be_answered_even_to_skip(walker: Walker) -> None:
    assert not walker.can_skip and walker.skip() is False
    walker.answer(ALIPAY)
    assert walker.skip() and walker.step.id == "order-number"


def test_a_skipped_step_done_after_all_is_no_longer_skipped(walker: Walker) -> None:
    walker.answer(ALIPAY)
    walker.skip()
    walker.back()
    assert walker.step.id == "choose-method" and walker.skipped == {"choose-method"}
    walker.advance()
    assert walker.skipped == set()


def test_skipping_the_last_step_finishes(walker: Walker) -> None:
    walker.answer(ALIPAY)
    to_step(walker, "result")
    assert walker.skip() and walker.finished and "result" in walker.skipped


# -- the saved walk -----------------------------------------------------------------------


def walked(walker: Walker) -> Walker:
    walker.answer(CREDIT)
    to_step(walker, "order-number")
    walker.skip()
    walker.answer_typed("2024-08-27")
    walker.advance()
    walker.confirm()
    return walker


def test_typed_answers_confirmations_and_skips_are_saved_and_resumed(walker: Walker, guide: Guide) -> None:
    saved = to_saved(walked(walker))
    assert saved["typed"] == {"last_four": "1234", "order_date": "2024-08-27"}
    assert saved["skipped"] == ["order-number"] and list(saved["confirmed"]) == ["confirm"]
    again, notices = from_saved(guide, saved, same_guide=True)
    assert notices == []
    assert again.path == walker.path and again.typed == walker.typed
    assert again.confirmed == walker.confirmed and again.skipped == walker.skipped
    assert not again.needs_confirm and again.can_advance


def test_a_walk_saved_before_format_2_is_read(walker: Walker, guide: Guide) -> None:
    walker.answer(ALIPAY)
    walker.advance()
    saved = to_saved(walker)
    for key in ("typed", "confirmed", "skipped"):
        del saved[key]
    again, _ = from_saved(guide, saved, same_guide=True)
    assert again.path == ["choose-method", "order-number"] and again.typed == {}


@pytest.mark.parametrize(
    "change",
    [
        lambda w: w["typed"].update(last_four="12ab"),  # not a number
        lambda w: w["typed"].update(order_no="X" * 21),  # over its max_length
        lambda w: w["typed"].update(method="Bank card"),  # not a typed question
    ],
)
def test_a_saved_typed_answer_the_question_does_not_take_is_a_damaged_file(
    walker: Walker, guide: Guide, change
) -> None:
    saved = to_saved(walked(walker))
    change(saved)
    with pytest.raises(SavedWalkError):
        from_saved(guide, saved, same_guide=True)
    # the guide changed since: the answer is dropped and said, the rest resumes
    again, notices = from_saved(guide, saved, same_guide=False)
    assert [n.code for n in notices][:1] == ["guide_changed"]


@pytest.mark.parametrize(
    "change",
    [
        lambda w: w.update(typed=["1234"]),
        lambda w: w["typed"].update(last_four=1234),
        lambda w: w["typed"].update(last_four="12\x1b[2J34"),
        lambda w: w["typed"].update(last_four="1" * 5000),
        lambda w: w.update(confirmed={"confirm": "yesterday"}),
        lambda w: w.update(confirmed={"confirm": float("nan")}),
        lambda w: w.update(skipped="order-number"),
    ],
)
def test_a_saved_walk_of_the_wrong_shape_is_refused(walker: Walker, guide: Guide, change) -> None:
    saved = to_saved(walked(walker))
    change(saved)
    with pytest.raises(SavedWalkError):
        from_saved(guide, saved)


# -- replay -------------------------------------------------------------------------------


def test_answers_given_on_the_command_line_are_read_and_checked(guide: Guide) -> None:
    answers, problems = read_given(
        guide, ["method=credit card", "last_four=１２３４", "order_date=2024/8/27", "order_no=A=1"]
    )
    assert problems == []
    assert answers == {"method": "Credit card", "last_four": "1234", "order_date": "2024-08-27", "order_no": "A=1"}
    _, problems = read_given(guide, ["methd=Alipay", "method=Paypal", "last_four=abc", "nonsense"])
    words = [p.text("en") for p in problems]
    assert "did you mean `method`?" in words[0]
    assert "“Paypal” is not an answer" in words[1] and "`Alipay`" in words[1]
    assert "not a number" in words[2]
    assert "KEY=VALUE" in words[3]


def test_replay_opens_the_walk_where_the_user_is(guide: Guide) -> None:
    w = Walker(guide)
    w.preset({"method": "Credit card", "last_four": "1234", "order_date": "2024-08-27"})
    assert w.walk_to("confirm")  # the private order number left out: its question is passed
    assert w.path == ALL[:6]
    assert w.needs_confirm  # a confirmation is never given by a replay
    w.restart()
    w.preset({"method": "Alipay"})
    assert w.walk_to("result") and w.path == WITHOUT_CARD


def test_replay_says_where_it_stops(guide: Guide) -> None:
    w = Walker(guide)
    assert not w.walk_to("confirm")  # the first question is not answered
    assert w.step.id == "choose-method"
    w.preset({"method": "Alipay"})
    assert not w.walk_to("card-digits")  # passed over for Alipay: the way ends first
    assert w.finished is False and w.step.id == "result"


def test_the_replay_command_reproduces_the_walk_without_private_answers(walker: Walker, guide: Guide) -> None:
    walked(walker)
    args = walker.replay_args()
    assert args[:3] == ["every-detour", "--lang", "en"]
    assert args[-2:] == ["--step", "confirm"]
    assert "--answer" in args and "method=Credit card" in args and "last_four=1234" in args
    assert not any(a.startswith("order_no=") for a in args)
    pairs = [args[i + 1] for i, a in enumerate(args) if a == "--answer"]
    answers, problems = read_given(guide, pairs)
    again = Walker(guide)
    again.preset(answers)
    assert problems == [] and again.walk_to(args[-1]) and again.path == walker.path


def test_a_guide_too_intricate_for_the_when_checks_gets_a_safe_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past MAX_VISITS node visits the data flow guesses every answer possible everywhere
    the walk reaches: a "never shown" error may be missed, none is made up."""
    from guide_tui.core import flow

    data = Path(__file__).resolve().parents[1] / "data"
    monkeypatch.setattr(flow, "MAX_VISITS", 3)
    assert load_bytes(DETOURS.read_bytes()).problems == []
    missed = load_bytes((data / "bad_when_item_never_shown.yaml").read_bytes())
    assert missed.problems == []
    still = load_bytes((data / "bad_when_unknown_label.yaml").read_bytes())  # not a data-flow check
    assert [p.line for p in still.errors] == [15]
