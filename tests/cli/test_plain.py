"""The plain mode: the Xiaomi guide walked line by line through piped input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from guide_tui.cli.plain import plain_lines, run_plain
from guide_tui.core.loader import load_bytes, load_guide
from guide_tui.core.model import Guide, Step
from guide_tui.core.walker import Walker

ROOT = Path(__file__).resolve().parents[2]
XIAOMI = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
TITLES_A = [
    "登录小米账户",
    "进入“我的订单”页面",
    "选择需要更改支付方式的订单",
    "修改支付方式",
    "选择新的优先支付方式",
    "确认更改",
    "查看更改结果",
]
BRANCH_A = ["n", "n", "n", "1", "n", "3", "n", "n", "n"]
BRANCH_B = ["n", "n", "n", "2", "n"]


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(XIAOMI)


def walk(guide: Guide, commands: list[str], lang: str = "zh-CN", session: object = None) -> tuple[int, str]:
    """Run the plain mode on these input lines (then end of input); (exit code, output)."""
    out = io.StringIO()
    stdin = io.StringIO("".join(c + "\n" for c in commands))
    code = run_plain(guide, lang=lang, stdin=stdin, stdout=out, session=session)  # type: ignore[arg-type]
    text = out.getvalue()
    # Plain text only, whatever happened: no escape sequence, no control character, no box drawing.
    assert "\x1b" not in text
    assert not [c for c in text if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F]
    assert not [c for c in text if 0x2500 <= ord(c) <= 0x259F]
    return code, text


def after(text: str, marker: str) -> str:
    """The output from the last occurrence of `marker` on."""
    return text[text.rindex(marker) :]


def test_branch_a_walks_every_step_in_order_to_the_finish(guide: Guide) -> None:
    code, out = walk(guide, BRANCH_A)
    assert code == 0
    places = [out.index("\n" + title + "\n") for title in TITLES_A]
    assert places == sorted(places)
    assert "第 1 步，共 7 步" in out and "第 7 步，共 7 步" in out
    verify = out[places[-1] : out.index("\n完成\n")]
    assert "订单中已将支付宝设置为优先支付方式" in verify
    finish = after(out, "\n完成\n")
    assert "通过以上步骤,您可以轻松地在小米分期服务中更改优先支付方式" in finish
    assert "您的回答：" in finish and "您选择了哪种新的优先支付方式? 回答：支付宝" in finish
    # nothing was ticked on the way: the five boxes are listed at the end, not passed over
    unticked = finish[finish.index("没有勾选的检查项：") : finish.index("您的回答：")].splitlines()[1:]
    assert len(unticked) == 5 and "- 订单中已将支付宝设置为优先支付方式" in unticked
    path = finish[finish.index("走过的步骤：") :].splitlines()[1:]
    assert path == [f"{i}. {title}" for i, title in enumerate(TITLES_A, 1)]
    assert "联系小米客服" not in out  # the other branch is never shown


def test_markdown_emphasis_is_dropped(guide: Guide) -> None:
    _, out = walk(guide, [])
    assert "打开您的手机或电脑上的小米商城应用,或访问小米官方网站。" in out
    assert "**" not in out


def test_branch_b_shows_the_hotline_with_its_disclaimer_beside_it(guide: Guide) -> None:
    code, out = walk(guide, BRANCH_B)
    assert code == 0
    step = after(out, "第 5 步，共 5 步")
    assert step.splitlines()[1] == "联系小米客服"
    lines = step.splitlines()
    hotline = next(i for i, line in enumerate(lines) if "400-100-5678" in line)
    assert "实际电话号码可能会有所不同" in " ".join(lines[hotline : hotline + 2])
    assert "2024-08-27" not in step and "核对" not in step  # the article dates no check of its facts
    assert "通过在线聊天功能联系客服" in step


def test_branch_b_ends_with_its_own_finish_not_the_guides(guide: Guide) -> None:
    code, out = walk(guide, [*BRANCH_B, "n"])
    assert code == 0
    finish = after(out, "\n请联系小米客服\n")
    assert "请拨打小米官方客服热线,或者通过在线聊天功能联系客服。" in finish
    assert "轻松" not in finish and "成功" not in finish and "\n完成\n" not in out


def test_support_on_s_from_any_step(guide: Guide) -> None:
    _, before = walk(guide, [])
    assert before.count("400-100-5678") == 1  # announced once, before step 1
    _, out = walk(guide, ["s"])
    assert out.count("400-100-5678") == 2  # and again on `s`
    support = after(out, "客服联系方式：")
    assert support.splitlines()[1].startswith(
        "1. 小米官方客服热线：电话 400-100-5678；注意：实际电话号码可能会有所不同"
    )


def test_unanswered_question_blocks_next_and_stays(guide: Guide) -> None:
    _, out = walk(guide, ["n", "n", "n", "n", "", "r"])
    assert out.count("请先回答问题：输入 1 到 2 之间的数字。") == 2
    assert "选择新的优先支付方式" not in out
    repeated = after(out, "第 4 步")
    assert repeated.splitlines()[1] == "修改支付方式"


def test_chosen_option_is_marked_with_a_word(guide: Guide) -> None:
    _, out = walk(guide, ["n", "n", "n", "2", "r"])
    step = after(out, "第 4 步")
    assert "1. 看到了,已点击“修改支付方式”\n" in step
    assert "2. 没有看到这个选项 （已选择）\n" in step
    assert "说明：如果暂时没有看到直接的修改选项" in step  # the option's note, once chosen


def test_back_retraces_the_path_taken(guide: Guide) -> None:
    _, out = walk(guide, BRANCH_B + ["b"])
    last = after(out, "第 4 步")
    assert last.splitlines()[1] == "修改支付方式"
    assert "2. 没有看到这个选项 （已选择）" in last
    _, out = walk(guide, ["b"])
    assert out.splitlines()[-2] == "已经是第一步，前面没有步骤了。"


def test_x_ticks_and_unticks_a_checklist_item(guide: Guide) -> None:
    _, out = walk(guide, ["n", "n", "n", "1", "n", "x 1", "x1", "x 2", "x 1"])
    lines = out.splitlines()
    item = "1. 按照屏幕指示完成验证过程,例如输入支付密码或验证码来确认变更"
    ticks = [line for line in lines if line.endswith(item)]
    assert ticks == ["[ ] " + item, "[x] " + item, "[ ] " + item, "[x] " + item]
    assert "请输入 x 加 1 到 1 之间的清单编号。" in out


def test_ticks_show_when_coming_back(guide: Guide) -> None:
    _, out = walk(guide, ["n", "n", "n", "1", "n", "3", "n", "x 2", "b", "n"])
    confirm = after(out, "第 6 步")
    assert "[ ] 1. 已核对信息无误:新的优先支付方式为“支付宝”" in confirm
    assert "[x] 2. 已点击“确认”按钮" in confirm


def test_help_lists_every_command(guide: Guide) -> None:
    _, out = walk(guide, ["?"])
    help_text = after(out, "命令（每行输入一个，然后按回车）：")
    for start in ("n 或空行", "b：", "数字：", "x 加编号", "s：", "o：", "j 加编号", "r：", "?：", "q："):
        assert "\n" + start in help_text, start


def test_unknown_input_gets_one_short_line(guide: Guide) -> None:
    _, plain = walk(guide, [])
    _, out = walk(guide, ["hello"])
    extra = [line for line in out.splitlines() if line not in plain.splitlines()]
    assert extra == ["无法识别的命令。可用命令：n 下一步，s 客服，? 帮助，q 退出"]
    assert "hello" not in out  # what the user typed is never echoed back


def test_prompt_line_lists_what_the_step_allows(guide: Guide) -> None:
    _, out = walk(guide, ["n", "n", "n", "1", "n"])
    assert "命令：n 下一步，s 客服，? 帮助，q 退出" in out
    assert "命令：b 上一步，1 到 2 回答，s 客服，? 帮助，q 退出" in out
    assert "命令：b 上一步，1 到 5 回答，x 1 勾选，s 客服，? 帮助，q 退出" in out


def test_end_of_input_exits_zero_without_looping(guide: Guide) -> None:
    code, out = walk(guide, [])
    assert code == 0 and out.endswith("已退出。进度没有保存。\n")
    code, out = walk(guide, ["n", "n", "n"])  # stopped at an unanswered question
    assert code == 0 and out.count("第 4 步") == 1


def test_q_quits(guide: Guide) -> None:
    code, out = walk(guide, ["q", "n", "n"])
    assert code == 0 and "第 2 步" not in out


def test_outline_and_jump_back(guide: Guide) -> None:
    _, out = walk(guide, ["n", "n", "o", "j 1", "j 7"])
    outline = after(out, "已走过的步骤")
    assert "1. 登录小米账户\n2. 进入“我的订单”页面\n3. 选择需要更改支付方式的订单 （当前）\n" in outline
    assert out.count("第 1 步，共 7 步") == 2  # j 1 went back to the first step
    assert after(out, "\n第 ").splitlines()[1:3] == ["第 1 步，共 7 步", "登录小米账户"]
    assert out.splitlines()[-2] == "已经是第一步，前面没有步骤了。"  # j 7: nowhere to jump from there


def test_english_words(guide: Guide) -> None:
    checked = dataclasses.replace(guide, reviewed=dt.date(2024, 8, 27))  # as a team that checked the facts keeps it
    code, out = walk(checked, ["n", "n", "n", "2", "r", "?", "zzz", "n", "n"], lang="en")
    assert code == 0
    for words in (
        "Step 1 of 7",
        "Step 5 of 5",
        "Question: ",
        "2. 没有看到这个选项 (chosen)",
        "Support contacts:",
        "1. 小米官方客服热线: phone 400-100-5678; note: 实际电话号码可能会有所不同",
        "Contact details checked 2 years ago (2024-08-27).",
        "Commands: n end here, b back",  # the support step ends the walk with its own ending: not "finish"
        "Not a command.",
        "Commands, one a line",
        "Note: 如果您还没有小米账户",
        "Your answers:",
        "Steps taken:",
    ):
        assert words in out, words
    assert "第 1 步" not in out and "命令" not in out


def test_full_width_input_from_a_chinese_input_method(guide: Guide) -> None:
    _, out = walk(guide, ["\uff4e", "N", " n ", "\uff12", "\uff4e"])  # full-width n and 2
    assert "第 5 步，共 5 步" in out


def test_warning_notes_links_and_contacts_of_another_guide() -> None:
    text = """\
format: 1
id: demo
language: en
title: Demo
support:
  - name: Help desk
    url: https://example.com/help
    hours: 9 to 5
    disclaimer: Calls may be recorded.
steps:
  - title: Back up first
    warning: Deleting the **account** loses all your data.
    body: |
      See [the manual](https://example.com/manual) and
      continue on the next line.

      * one
      * two
    notes: [Keep `the code` safe.]
"""
    result = load_bytes(text.encode(), "demo.yaml")
    assert result.guide is not None, result.problems
    _, out = walk(result.guide, ["s", "n"], lang="en")
    assert "Warning: Deleting the account loses all your data.\n" in out
    assert "See the manual (https://example.com/manual) and continue on the next line.\n- one\n- two\n" in out
    assert "Note: Keep the code safe.\n" in out
    assert "1. Help desk: link https://example.com/help; note: Calls may be recorded; hours 9 to 5\n" in out
    assert "last checked" not in out  # no reviewed date in this guide
    assert "\nFinished\n" in out  # no finish title: the interface word


def test_control_characters_never_reach_the_output() -> None:
    hostile = Guide(format=1, id="x", title="a\x1b[31mred\x1b[0m", steps=(Step(id="s", title="t\x07", body="b\x9bc"),))
    _, out = walk(hostile, ["n"])
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "a\\x1b[31mred\\x1b[0m" in out  # shown as escapes, as everywhere (core/text.py)


@pytest.mark.parametrize(
    ("markdown", "lines"),
    [
        ("**bold** and __strong__ and *em*", ["bold and strong and em"]),
        ("[小米](https://www.mi.com) <https://a.example>", ["小米 (https://www.mi.com) https://a.example"]),
        ("- a\n+ b\n* c\n1. d", ["- a", "- b", "- c", "1. d"]),
        ("中文第一行,\n第二行。\n\nnext\nline", ["中文第一行,第二行。", "next line"]),
        ("# Title\n> quoted\n\n---\nend  \nhard", ["Title", "quoted", "end", "hard"]),
        (r"\*not emphasis\* and snake_case_name", ["*not emphasis* and snake_case_name"]),
        ("", []),
    ],
)
def test_plain_lines(markdown: str, lines: list[str]) -> None:
    assert plain_lines(markdown) == lines


class FakeSession:
    """Stands in for store.Session: counts changes, records closing."""

    def __init__(self, guide: Guide) -> None:
        self.walker = Walker(guide)
        self.notices = [SimpleNamespace(code="plain-test-notice", params={})]
        self.saving = True
        self.changes = 0
        self.flushed = self.closed = False

    def changed(self) -> None:
        self.changes += 1

    def flush(self) -> None:
        self.flushed = True

    def close(self) -> None:
        self.closed = True


def test_session_walker_is_used_changed_and_closed(guide: Guide) -> None:
    session = FakeSession(guide)
    code, out = walk(guide, ["n", "n", "n", "1", "n", "x 1", "zzz", "?", "n"], session=session)
    assert code == 0 and session.flushed and session.closed
    assert session.changes == 6  # four moves, one answer, one tick; not the blocked n
    assert session.walker.path[-1] == "choose-method"
    assert "plain-test-notice" in out  # notices come first
    assert out.endswith("进度已保存。再次运行同一命令即可继续。\n")


def test_session_is_closed_even_on_error(guide: Guide) -> None:
    session = FakeSession(guide)

    class Broken(io.StringIO):
        def readline(self, *args: object) -> str:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_plain(guide, lang="en", stdin=Broken(), stdout=io.StringIO(), session=session)  # type: ignore[arg-type]
    assert session.closed


def test_a_save_failing_mid_walk_is_told_at_once_and_at_quitting(guide: Guide) -> None:
    session = FakeSession(guide)
    session.notices = []

    def failing_save() -> None:  # like store.Session: the first failed write adds a notice
        if session.saving:
            session.saving = False
            session.notices.append(SimpleNamespace(code="plain-save-failed", params={}))

    session.changed = failing_save  # type: ignore[method-assign]
    _, out = walk(guide, ["n", "n"], session=session)
    lines = out.splitlines()
    assert lines.index("plain-save-failed") == lines.index("第 2 步，共 7 步") - 2  # before the step
    assert out.count("plain-save-failed") == 1
    assert out.endswith("已退出。进度没有保存。\n")


def test_progress_store_round_trip(guide: Guide, tmp_path: Path) -> None:
    store = pytest.importorskip("guide_tui.progress.store")
    session = store.ProgressStore(tmp_path).open(guide)
    code, _ = walk(guide, ["n", "n", "n", "1", "n", "3"], session=session)
    assert code == 0
    again = store.ProgressStore(tmp_path).open(guide)
    assert again.walker.path[-1] == "choose-method"
    assert again.walker.answered == {"option_found": "看到了,已点击“修改支付方式”", "method": "支付宝"}
    code, out = walk(guide, ["n", "n", "n"], session=again)  # run_plain closes the session
    assert code == 0 and "您选择了哪种新的优先支付方式? 回答：支付宝" in out
    # "press R to start over" was said here, where R is r, which shows the step again (found in QA)
    assert "从第 5 步继续（共 7 步）；如要重新开始，请加上 --restart 重新运行。" in out and "按 R" not in out
    # A finished walk, opened again, shows its finish and exits without reading input.
    code, out = walk(guide, ["b"], session=store.ProgressStore(tmp_path).open(guide))
    assert code == 0 and "7. 查看更改结果" in out and "已经是第一步" not in out
    assert "您之前已完成本指南；如要重新开始，请加上 --restart 重新运行。" in out and "按 R" not in out


def test_cli_plain_over_a_pipe_with_a_dumb_terminal() -> None:
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1"}
    cli = [sys.executable, "-m", "guide_tui"]
    helped = subprocess.run(cli + ["--help"], cwd=ROOT, env=env, capture_output=True, text=True)
    if "--plain" not in helped.stdout:
        pytest.skip("the --plain flag is not wired in guide_tui/__main__.py yet")
    run = subprocess.run(
        cli + ["--plain", str(XIAOMI)],
        cwd=ROOT,
        env=env,
        input="n\nn\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout + run.stderr
    for title in TITLES_A[:3]:
        assert title in run.stdout


def test_the_support_contacts_are_announced_before_step_1_each_with_its_caveat() -> None:
    """A screen-reader user hears who to call as early as a sighted user sees it (the full
    screen shows the contacts beside every step); plain mode used to name them only on `s`."""
    guide = load_guide(XIAOMI)
    _code, out = walk(guide, ["q"])
    before = out[: out.index("第 1 步，共")]
    phone = next(c for c in guide.support if c.phone)
    line = next(line for line in before.splitlines() if phone.phone in line)
    assert " ".join(phone.disclaimer.split()) in line  # on the same line as the number
    assert line.index(phone.phone) < line.index(" ".join(phone.disclaimer.split()))
    assert all(c.name in before for c in guide.support)


TYPED = """\
format: 1
id: typed
title: Typed
steps:
  - id: one
    title: One
    body: Type it.
    ask:
      key: t
      prompt: What?
      input: text
  - id: two
    title: Two
    body: final {{t}} end
"""


@pytest.mark.parametrize(
    "typed",
    ["XM*2024*001 [z]", "[pay here](https://evil.example/login)", "[x](javascript:alert(1)) [y](file:///etc/passwd)"],
)
def test_a_typed_answer_in_a_later_text_is_shown_as_typed(typed: str) -> None:
    """Filled in as Markdown, "XM*2024*001" lost its asterisks, a typed link became
    "pay here (https://evil.example/login)" and a javascript: link vanished (found in QA)."""
    guide = load_bytes(TYPED.encode(), "typed.en.yaml").guide
    assert guide is not None
    code, out = walk(guide, [typed, "n", "n"], lang="en")
    assert code == 0 and f"final {typed} end" in out.splitlines()
