"""The walker: branches, back along the path actually taken, progress, answers and ticks."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from guide_tui.core.loader import load_bytes, load_guide
from guide_tui.core.model import Guide
from guide_tui.core.saved_walk import SavedWalkError, from_saved, to_saved
from guide_tui.core.walker import Visit, Walker

XIAOMI = Path(__file__).parents[2] / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"


def guide_from(text: str) -> Guide:
    result = load_bytes(textwrap.dedent(text).encode(), "test.yaml")
    assert result.guide is not None, [str(p) for p in result.problems]
    return result.guide


BRANCHY = """
    format: 1
    id: branchy
    title: Branchy
    steps:
      - id: a
        title: A
        body: start
      - id: q
        title: Question
        ask:
          key: colour
          prompt: Which?
          options:
            - label: red
            - label: blue
              next: z
      - id: b
        title: B is {{colour}}
        body: red path
        checklist: [one, two]
      - id: c
        title: C
        body: still red
        next: end
      - id: z
        title: Z
        body: blue path, {{colour}}
"""


@pytest.fixture
def walker() -> Walker:
    ticks = iter(range(1000))
    return Walker(guide_from(BRANCHY), clock=lambda: float(next(ticks)))


def test_starts_at_first_step_with_progress_along_the_expected_path(walker: Walker) -> None:
    assert walker.step.id == "a"
    assert walker.progress() == (1, 4)  # a, q, b, c: the first answer is the expected way
    assert walker.can_advance


def test_question_blocks_until_answered(walker: Walker) -> None:
    walker.advance()
    assert walker.step.id == "q"
    assert not walker.can_advance
    assert walker.advance() is False
    assert walker.step.id == "q"
    assert walker.answer(5) is False  # out of range is refused
    assert walker.answer(0)
    assert walker.advance()
    assert walker.step.id == "b"


def test_branch_changes_the_path_and_the_count(walker: Walker) -> None:
    walker.advance()
    walker.answer(1)
    assert walker.progress() == (2, 3)  # a, q, z
    walker.advance()
    assert walker.step.id == "z"
    assert walker.blocks(walker.step.body) == "blue path, blue"
    walker.advance()
    assert walker.finished
    assert walker.progress() == (3, 3)
    assert walker.path == ["a", "q", "z"]


def test_the_count_follows_each_change_of_answer(walker: Walker) -> None:
    walker.advance()
    assert walker.progress() == (2, 4)  # unanswered: the first answer is the expected way
    walker.answer(1)
    assert walker.progress() == (2, 3)
    walker.answer(0)
    assert walker.progress() == (2, 4)
    walker.advance()
    assert walker.progress() == (3, 4)


def test_back_retraces_the_path_actually_taken(walker: Walker) -> None:
    walker.advance()
    walker.answer(1)
    walker.advance()
    assert walker.step.id == "z"
    assert walker.back()
    assert walker.step.id == "q"  # not "c", the step before z in the file
    assert walker.choice() == 1  # the answer is remembered
    assert walker.back()
    assert walker.step.id == "a"
    assert walker.back() is False


def test_answers_off_the_path_are_not_used(walker: Walker) -> None:
    walker.advance()
    walker.answer(0)
    walker.advance()
    assert walker.text(walker.step.title) == "B is red"
    walker.back()
    walker.back()
    assert walker.step.id == "a"
    assert walker.answered == {}
    assert walker.text("{{colour}}") == "{{colour}}"


def test_back_from_finish_returns_to_last_step(walker: Walker) -> None:
    for _ in range(2):
        walker.advance()
    walker.answer(1)
    walker.advance()
    walker.advance()
    assert walker.finished
    assert walker.back()
    assert not walker.finished
    assert walker.step.id == "z"


def test_ticks_toggle_and_stay_with_the_step(walker: Walker) -> None:
    walker.advance()
    walker.answer(0)
    walker.advance()
    assert walker.toggle(1)
    assert walker.ticked() == {1}
    assert walker.toggle(1)
    assert walker.ticked() == set()
    assert walker.toggle(0)
    assert walker.toggle(7) is False
    walker.advance()
    walker.back()
    assert walker.ticked() == {0}


def test_jump_back_to_a_visited_step(walker: Walker) -> None:
    walker.advance()
    walker.answer(0)
    walker.advance()
    walker.advance()
    assert walker.path == ["a", "q", "b", "c"]
    assert walker.jump(1)
    assert walker.path == ["a", "q"]
    assert walker.jump(1) is False  # already there
    assert walker.jump(9) is False


def test_visits_record_entering_and_leaving(walker: Walker) -> None:
    walker.advance()
    snap = to_saved(walker)
    assert snap["visits"] == [["a", 0.0, 1.0], ["q", 2.0, None]]
    assert snap["current"] == "q"
    assert snap["path"] == ["a", "q"]


def test_snapshot_carries_answers_with_labels(walker: Walker) -> None:
    walker.advance()
    walker.answer(1)
    assert to_saved(walker)["answers"] == {"colour": {"option": 1, "label": "blue"}}


def test_loop_with_a_way_out_terminates_in_progress() -> None:
    guide = guide_from("""
        format: 1
        id: loop
        title: Loop
        steps:
          - id: try
            title: Try
            body: do it
          - id: check
            title: Worked?
            ask:
              key: ok
              prompt: Did it work?
              options:
                - label: "no"
                  next: try
                - label: "yes"
                  next: end
    """)
    w = Walker(guide)
    assert w.progress() == (1, 2)  # the projection stops at a repeat
    w.advance()
    w.answer(0)
    w.advance()
    assert w.step.id == "try"
    assert w.path == ["try", "check", "try"]
    assert w.progress()[0] == 3


def test_xiaomi_both_branches() -> None:
    guide = load_guide(XIAOMI)
    w = Walker(guide)
    assert w.progress() == (1, 7)
    for _ in range(3):
        assert w.advance()
    assert w.step.title == "修改支付方式"
    assert w.answer(1)  # 没有看到这个选项
    assert w.progress() == (4, 5)
    w.advance()
    assert w.step.id == "contact-support" and w.step.show_support
    w.advance()
    assert w.finished and w.path[-1] == "contact-support"

    w = Walker(guide)
    for _ in range(3):
        w.advance()
    w.answer(0)
    w.advance()
    assert w.step.title == "选择新的优先支付方式"
    w.answer([o.label for o in w.step.ask.options].index("支付宝"))
    w.advance()
    w.advance()
    assert w.step.id == "verify"
    assert "订单中已将支付宝设置为优先支付方式" in [w.text(i.text) for i in w.step.checklist]
    w.advance()
    assert w.finished and w.progress() == (7, 7)


def test_the_saved_form_round_trips(walker: Walker) -> None:
    walker.advance()
    walker.answer(0)
    walker.advance()
    walker.toggle(1)
    saved = to_saved(walker)
    assert saved["tick_items"] == {"b": ["two"]}
    again, notices = from_saved(walker.guide, saved, lambda: 99.0, same_guide=True)
    assert notices == []
    assert (again.path, again.answers, again.ticks, again.finished) == (
        ["a", "q", "b"],
        {"colour": 0},
        {"b": {1}},
        False,
    )
    assert again.visits == walker.visits  # not resuming: the stays as saved
    resumed, _ = from_saved(walker.guide, saved, lambda: 99.0, saved_at=50.0)
    assert resumed.visits[-2].left == 50.0 and resumed.visits[-1] == Visit("b", 99.0)


def test_a_saved_walk_is_fitted_to_a_changed_guide(walker: Walker) -> None:
    walker.advance()
    walker.answer(1)  # blue -> z
    walker.advance()
    saved = to_saved(walker)
    changed = guide_from(BRANCHY.replace("- label: blue", "- label: green"))
    again, notices = from_saved(changed, saved)
    assert again.path == ["a", "q"] and again.answers == {}
    assert [n.code for n in notices] == ["guide_changed", "step_gone"]
    with pytest.raises(SavedWalkError):
        from_saved(changed, saved, same_guide=True)  # the same file cannot disagree with itself


@pytest.mark.parametrize(
    "change",
    [
        lambda w: w.update(path=[]),
        lambda w: w["visits"].append(["a", float("inf"), None]),
        lambda w: w["visits"].append(["a", 1e20, None]),
        lambda w: w["answers"].update(colour={"option": -1, "label": "red"}),
        lambda w: w.update(ticks={"b": [0]}),  # without tick_items
    ],
)
def test_a_saved_walk_of_another_shape_is_refused(walker: Walker, change) -> None:
    saved = to_saved(walker)
    change(saved)
    with pytest.raises(SavedWalkError):
        from_saved(walker.guide, saved)


def test_every_move_follows_the_guides_one_next_step_rule() -> None:
    guide = load_guide(XIAOMI)
    w = Walker(guide)
    while not w.finished:
        step = w.step
        if step.ask and w.choice() is None:
            assert w.next_id() is None and guide.next_of(step, w.answered) is None
            w.answer(len(step.ask.options) - 1)
        target = guide.next_of(step, w.answered)
        assert target in guide.successors(step) and w.next_id() == target
        w.advance()
        assert w.finished or w.path[-1] == target


ENDINGS = """
    format: 1
    id: endings
    title: Endings
    steps:
      - id: q
        title: Found it?
        ask:
          key: found
          prompt: Did you find the option?
          options:
            - label: yes
            - label: no
              next: help
      - id: done
        title: Change it
        body: Change it.
        next: end
      - id: help
        title: Call support
        body: Call support.
        next: end
        finish:
          title: Please call support ({{found}})
          body: The option was missing.
    finish:
      title: Changed
      body: You changed it.
"""


def test_the_ending_is_the_last_steps_own_finish_else_the_guides() -> None:
    guide = guide_from(ENDINGS)
    w = Walker(guide)
    assert w.ending() is guide.finish  # not finished yet: the guide's, for lack of another
    assert w.answer(1) and w.advance() and w.step.id == "help"
    assert w.ending() is guide.finish  # on the step, not after it
    assert w.advance() and w.finished
    finish = w.ending()
    assert finish is not None and w.text(finish.title) == "Please call support (no)"
    assert w.back() and w.back() and w.answer(0) and w.advance() and w.advance() and w.finished
    assert w.ending() is guide.finish


def test_a_step_finish_is_checked_like_every_text() -> None:
    from guide_tui.core.loader import load_bytes

    never = ENDINGS.replace("        next: end\n        finish:", "        next: done\n        finish:")
    result = load_bytes(textwrap.dedent(never).encode(), "never.yaml")
    assert result.guide is None
    [problem] = result.errors
    assert "has its own `finish`, but the walk never ends right after it" in str(problem)
    assert (problem.line, problem.column) == (24, 7)  # the finish of step `help`
    unknown = ENDINGS.replace("({{found}})", "({{fuond}})")
    result = load_bytes(textwrap.dedent(unknown).encode(), "unknown.yaml")
    assert any("{{fuond}}" in str(p) and "did you mean" in str(p) for p in result.errors)
    assert guide_from(ENDINGS).step("help").finish.body == "The option was missing."


def test_xiaomi_support_branch_ends_with_the_truth() -> None:
    """The user sent to customer service is never told the change succeeded."""
    guide = load_guide(XIAOMI)
    w = Walker(guide)
    for _ in range(3):
        w.advance()
    assert w.answer(1) and w.advance() and w.advance() and w.finished
    finish = w.ending()
    assert finish is not None and finish.title == "请联系小米客服"
    text = f"{finish.title}{finish.body}"
    assert "请拨打小米官方客服热线,或者通过在线聊天功能联系客服" in text
    assert "成功" not in text and "轻松" not in text
    assert w.other_outcome  # another outcome than the guide's own ending: never "finished"


def test_the_checks_left_unticked_on_the_way_are_known_at_the_end() -> None:
    """The main ending said "✓ 完成" over four boxes never ticked: the end lists them."""
    guide = load_guide(XIAOMI)
    w = Walker(guide)
    for _ in range(3):
        w.advance()
    assert w.answer(0) and w.advance() and w.answer(1) and w.advance() and w.step.id == "confirm"
    assert w.toggle(0)
    while not w.finished:
        assert w.advance()
    assert not w.other_outcome  # the guide's own ending
    assert w.unticked() == [("choose-method", 0), ("confirm", 1), ("verify", 0), ("verify", 1)]


def test_a_tick_on_a_text_that_shows_an_answer_is_taken_back_when_the_answer_changes() -> None:
    """Xiaomi: 支付宝 chosen, both boxes of 确认更改 ticked, then back, 微信支付 chosen: the
    box "已核对信息无误:新的优先支付方式为“微信支付”" stood ticked (found in QA), a check
    of a payment method the user never saw. It is unticked; the box that shows no answer
    stays ticked, and choosing the same answer again takes nothing back."""
    w = Walker(load_guide(XIAOMI))
    for _ in range(3):  # 登录, 我的订单, 选择订单
        w.advance()
    w.answer(0)  # 看到了“修改支付方式”
    w.advance()
    assert w.step.id == "choose-method"
    w.answer(2)  # 支付宝
    w.advance()
    assert w.step.id == "confirm"
    w.toggle(0)
    w.toggle(1)
    assert w.ticked() == {0, 1}
    w.back()
    w.answer(2)  # the same answer: nothing to take back
    w.advance()
    assert w.ticked() == {0, 1}
    w.back()
    w.answer(3)  # 微信支付
    w.advance()
    assert w.text(w.step.checklist[0].text) == "已核对信息无误:新的优先支付方式为“微信支付”"
    assert w.ticked() == {1}


def test_a_confirmation_of_a_text_that_shows_a_typed_answer_is_taken_back_when_it_changes() -> None:
    guide = guide_from(
        """
        format: 1
        id: typed
        title: Typed
        steps:
          - id: a
            title: Order number
            ask:
              key: order
              prompt: Which order?
              input: text
            confirm: Order {{order}} is the one to change
        """
    )
    w = Walker(guide)
    assert w.answer_typed("A-1") is None
    assert w.confirm() and not w.needs_confirm
    assert w.answer_typed("A-1") is None  # the same again
    assert not w.needs_confirm
    assert w.answer_typed("B-2") is None
    assert w.needs_confirm


def test_after_going_back_the_walk_can_go_forward_again_to_where_it_was() -> None:
    """Back from step 7 to step 1 (b, or the outline), the steps walked after it were gone:
    back to step 7 took six presses of n, 31 in a 60-step guide (found in QA). The walker
    keeps them ahead, and `forward` goes along them as n would."""
    w = Walker(load_guide(XIAOMI))
    for _ in range(3):
        w.advance()
    w.answer(0)
    w.advance()
    w.answer(2)
    w.advance()
    assert w.step.id == "confirm" and w.path == [
        "login",
        "my-orders",
        "choose-order",
        "find-option",
        "choose-method",
        "confirm",
    ]
    assert w.jump(0) and w.ahead == ["my-orders", "choose-order", "find-option", "choose-method", "confirm"]
    assert w.forward(5) == 5 and w.step.id == "confirm" and w.ahead == []
    w.back()
    w.back()
    assert w.step.id == "find-option" and w.ahead == ["choose-method", "confirm"]
    w.answer(1)  # "not seen": the way goes elsewhere now
    assert w.forward(2) == 0 and w.step.id == "find-option"
    w.advance()
    assert w.step.id == "contact-support" and w.ahead == []  # another way: the old one is forgotten


def test_forward_stops_where_the_walk_must_stop() -> None:
    guide = guide_from(
        """
        format: 1
        id: gate
        title: Gate
        steps:
          - id: a
            title: A
            body: start
          - id: b
            title: B
            confirm: Done it
          - id: c
            title: C
            body: end
        """
    )
    w = Walker(guide)
    w.advance()
    assert w.confirm()
    w.advance()
    assert w.step.id == "c"
    w.jump(0)
    assert w.forward(2) == 1 and w.step.id == "b" and w.needs_confirm  # the confirmation is asked again
    assert w.ahead == ["c"]


def test_the_count_ahead_follows_an_answer_kept_from_before() -> None:
    """Step 4 answered "not seen" (the support way, 5 steps), then back to step 2: the walk
    will show that answer chosen at step 4 and go on with it, yet the count said "of 7"
    after a jump and "of 5" after b then a jump (found in QA, in the plain mode)."""
    w = Walker(load_guide(XIAOMI))
    for _ in range(3):
        w.advance()
    w.answer(1)  # 没有看到这个选项
    w.advance()
    assert w.progress() == (5, 5)
    w.jump(1)
    assert w.progress() == (2, 5)
    for _ in range(2):
        w.advance()
    assert w.step.id == "find-option" and w.choice() == 1 and w.progress() == (4, 5)
    w.answer(0)  # now "seen it": the main way again
    assert w.progress() == (4, 7)


def test_the_steps_walked_before_are_kept_with_a_saved_walk() -> None:
    """Quit and resumed after going back: the outline had lost the way forward."""
    from guide_tui.core.saved_walk import from_saved, to_saved

    w = Walker(load_guide(XIAOMI))
    for _ in range(3):
        w.advance()
    w.jump(1)
    saved = to_saved(w)
    assert saved["ahead"] == ["choose-order", "find-option"]
    again, notices = from_saved(w.guide, saved)
    assert again.ahead == ["choose-order", "find-option"] and notices == []
    assert again.forward(2) == 2 and again.step.id == "find-option"
    older = {k: v for k, v in saved.items() if k != "ahead"}  # written before `ahead` was saved
    assert from_saved(w.guide, older)[0].ahead == []
    gone = {**saved, "ahead": ["no-such-step", "find-option"]}
    assert from_saved(w.guide, gone)[0].ahead == ["find-option"]


def test_a_typed_question_passed_over_with_d_leaves_no_placeholder_in_later_text() -> None:
    """Every-detour: the order date's question passed over with d (no answer typed), then
    the confirm step read "… order XM-2024-001 of {{order_date}}." (found in QA)."""
    w = Walker(load_guide(Path(__file__).parents[1] / "data" / "every-detour.en.yaml"))
    w.answer(2)  # Alipay: no card steps
    w.advance()
    assert w.answer_typed("XM-2024-001") is None
    w.advance()
    assert w.step.id == "order-date" and w.skip()
    assert w.step.id == "confirm"
    shown = w.blocks(w.step.body)
    assert "XM-2024-001" in shown and "{{" not in shown and "…" in shown, shown
    assert "order_date" not in w.answered  # the report says no answer was given
