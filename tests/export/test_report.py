"""The hand-off report: each branch of the Xiaomi guide, escaping, and `guide-tui report`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shlex
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from guide_tui.cli.main import main
from guide_tui.core.loader import load_bytes, load_guide
from guide_tui.core.markdown import md_escape as md
from guide_tui.core.model import Guide
from guide_tui.core.walker import Walker
from guide_tui.export.report import render_report
from guide_tui.progress.store import ProgressStore
from tests.progress import helpers_kill_writer as kw

ROOT = Path(__file__).resolve().parents[2]
XIAOMI = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
DISCLAIMER = "实际电话号码可能会有所不同,请以小米官网公布为准。"


@pytest.fixture()
def guide() -> Guide:
    return load_guide(XIAOMI)


def shown(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S")


def branch_1(w: Walker) -> None:
    """Found the option, chose 支付宝, ticked some items, finished."""
    for _ in range(3):
        w.advance()
    assert w.answer(0) and w.advance()
    assert w.answer([o.label for o in w.step.ask.options].index("支付宝"))
    assert w.toggle(0) and w.advance() and w.step.id == "confirm"
    assert w.toggle(0) and w.advance() and w.step.id == "verify"
    assert w.toggle(1) and w.advance() and w.finished


def branch_2(w: Walker) -> None:
    """Did not find the option: sent to contact support, still there."""
    for _ in range(3):
        w.advance()
    assert w.answer(1) and w.advance() and w.step.id == "contact-support"


def test_branch_1_markdown(guide: Guide) -> None:
    w = Walker(guide, kw.fake_clock())
    branch_1(w)
    out = render_report(guide, w, "markdown", "en", now=w.visits[-1].left)
    lines = out.splitlines()
    assert lines[0] == "# Hand-off report: 小米分期如何更改优先支付方式"
    assert "- Guide: xiaomi-installment-priority-payment" in lines
    assert (
        "- Language: zh-CN" in lines and "- Facts last checked: (none)" in lines
    )  # the article dates nothing it checked
    assert "- Now at: finished the guide — 完成" in lines  # the ending it was given
    done = [line for line in lines if line[:2] in {f"{i}." for i in range(1, 10)}]
    assert len(done) == 7 and "contact-support" not in out and "联系小米客服" not in out
    login = w.visits[0]
    # on the day the report was made: the time without the date, and the seconds between the two times shown
    assert done[0] == f"1. 登录小米账户 — entered {shown(login.entered)[11:]}, left {shown(login.left)[11:]} (1 s)"
    assert done[6].startswith("7. 查看更改结果 — entered ")
    assert "- 您在订单详情页中看到“修改支付方式”选项了吗? — **看到了,已点击“修改支付方式”**" in lines
    assert "- 您选择了哪种新的优先支付方式? — **支付宝**" in lines
    # every item, ticked or not, with answers filled in
    assert "  - [x] 已核对信息无误:新的优先支付方式为“支付宝”" in lines
    assert "  - [ ] 已点击“确认”按钮" in lines
    assert "  - [ ] 已返回“我的订单”页面,再次检查所修改的分期订单" in lines
    assert "  - [x] 订单中已将支付宝设置为优先支付方式" in lines
    assert "  - [x] 按照屏幕指示完成验证过程,例如输入支付密码或验证码来确认变更" in lines
    # the disclaimer sits on the number's own line
    assert f"- **小米官方客服热线**: 400-100-5678 — ⚠ {DISCLAIMER}" in lines
    assert "- **在线聊天**: 通过在线聊天功能联系客服" in lines


def test_branch_1_json(guide: Guide) -> None:
    w = Walker(guide, kw.fake_clock())
    branch_1(w)
    data = json.loads(render_report(guide, w, "json", "en", now=0))
    assert data["guide"] == {"id": guide.id, "title": guide.title, "language": "zh-CN", "reviewed": None}
    ending = {"title": "完成", "body": guide.finish.body}
    assert data["now"] == {
        "step": "verify",
        "title": "查看更改结果",
        "k": 7,
        "n": 7,
        "finished": True,
        "other_outcome": False,
        "ending": ending,
    }
    assert [s["id"] for s in data["steps"]] == [
        "login",
        "my-orders",
        "choose-order",
        "find-option",
        "choose-method",
        "confirm",
        "verify",
    ]
    assert all(s["done"] and s["left"] for s in data["steps"])
    first = data["steps"][0]
    assert dt.datetime.fromisoformat(first["entered"]).timestamp() == w.visits[0].entered
    assert first["seconds"] == 1 and first["visits"] == 1 and first["seconds_in_all"] == 1
    assert [(a["key"], a["label"]) for a in data["answers"]] == [
        ("option_found", "看到了,已点击“修改支付方式”"),
        ("method", "支付宝"),
    ]
    ticks = {c["step"]: [i["ticked"] for i in c["items"]] for c in data["checklists"]}
    assert ticks == {"choose-method": [True], "confirm": [True, False], "verify": [False, True]}
    assert data["support"][0]["phone"] == "400-100-5678" and data["support"][0]["disclaimer"] == DISCLAIMER


def test_branch_2_both_formats(guide: Guide) -> None:
    w = Walker(guide, kw.fake_clock())
    branch_2(w)
    out = render_report(guide, w, "markdown", "zh-CN")
    lines = out.splitlines()
    assert lines[0] == "# 交接报告：小米分期如何更改优先支付方式"
    assert "- 当前位置：第 5 步，共 5 步 — 联系小米客服" in lines
    assert "## 在同一处重新打开" in lines  # the replay command's heading ("打开这次流程" read as nothing)
    assert sum(line[:2] in {"1.", "2.", "3.", "4.", "5."} for line in lines) == 4  # the current step is not done
    assert "- 您在订单详情页中看到“修改支付方式”选项了吗? — **没有看到这个选项**" in lines
    assert "支付宝" not in out and "[x]" not in out
    assert lines[lines.index("## 清单") + 2] == "（无）"
    assert f"- **小米官方客服热线**：400-100-5678 — ⚠ {DISCLAIMER}" in lines
    data = json.loads(render_report(guide, w, "json", "zh-CN"))
    now = {
        "step": "contact-support",
        "title": "联系小米客服",
        "k": 5,
        "n": 5,
        "finished": False,
        "other_outcome": False,
        "ending": None,
    }
    assert data["now"] == now
    assert data["steps"][-1]["id"] == "contact-support" and not data["steps"][-1]["done"]
    assert data["steps"][-1]["left"] is None
    assert data["checklists"] == [] and [a["label"] for a in data["answers"]] == ["没有看到这个选项"]
    with pytest.raises(ValueError):
        render_report(guide, w, "html")


HOSTILE = """\
format: 1
id: hostile
language: en
title: "[click](https://evil.example) <script>alert(1)</script> **bold** example.com"
support:
  - name: "<img src=x onerror=alert(1)>"
    phone: "+1 (555) 010-0000"
    disclaimer: "Visit www.evil.example or https://evil.example/x, mail me@evil.example ![i](https://e.example/i.png)"
steps:
  - id: one
    title: "# not a heading"
    checklist:
      - "- [ ] nested"
      - "1. ordered"
      - "> quote `code` | table | ---"
    ask:
      key: pick
      prompt: "Pick <b>one</b> &amp; &lt; <!-- c --> _x_ ~~y~~ \\\\"
      options:
        - label: "[x](https://evil.example/a)"
        - label: "two"
"""


def test_guide_text_forms_no_links_or_html() -> None:
    result = load_bytes(HOSTILE.encode(), "hostile.en.yaml")
    assert result.guide is not None, result.problems
    g = result.guide
    w = Walker(g)
    w.answer(0)
    w.toggle(0)
    out = render_report(g, w, "markdown", "en")
    html = MarkdownIt("gfm-like").render(out)  # GFM with HTML and autolinks on
    for bad in (
        "<a ",
        "<script",
        "<img",
        "<b>",
        "<!--",
        "<em>",
        "<strong>bold",
        "<s>",
        "<del>",
        "<blockquote>",
        "<ol",
        "<code>",
        "<table",
        "<hr",
        "<input",
    ):
        assert bad not in html, bad
    assert html.count("<h1>") == 1 and "<h2># not a heading" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "https://evil.example/x" in html and "me@evil.example" in html
    assert "- [ ] nested" in html and "1. ordered" in html


def test_markdown_escape_keeps_the_text() -> None:
    text = "a*b_c [d](e) <f> `g` #h !i |j ~k &l @m {n} $o ^p \\q www.x.cn https://y.org"
    rendered = MarkdownIt("commonmark").render(md(text))
    assert rendered == "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>\n"
    assert md("line one\n\n  line two") == "line one line two"


def test_control_and_invisible_characters_are_escaped(guide: Guide) -> None:
    sneaky = dataclasses.replace(guide, title="ok\u202eevil\x1b[31m\u0085")
    w = Walker(sneaky)
    out_md = render_report(sneaky, w, "markdown", "en")
    out_json = render_report(sneaky, w, "json", "en")
    for out in (out_md, out_json):
        assert not any(c in out for c in "\u202e\x1b\u0085")
    assert json.loads(out_json)["guide"]["title"] == sneaky.title  # the same data, escaped


# -- the command -------------------------------------------------------------------------


def test_report_command_prints_the_saved_walk(tmp_path: Path, guide: Guide, capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "state"
    assert main(["report", str(XIAOMI), "--state-dir", str(state), "--lang", "en"]) == 1
    assert "no saved progress" in capsys.readouterr().err
    with ProgressStore(state).open(guide) as s:
        branch_2(s.walker)
        s.changed()
    before = sorted(p.name for p in state.iterdir())
    assert main(["report", str(XIAOMI), "--state-dir", str(state), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["now"]["step"] == "contact-support" and data["answers"][0]["key"] == "option_found"
    # a bundled id finds the translation that has progress; --lang sets the words
    assert main(["report", guide.id, "--state-dir", str(state)]) == 0
    assert "- 当前位置：第 5 步，共 5 步 — 联系小米客服" in capsys.readouterr().out.splitlines()
    assert main(["report", guide.id, "--state-dir", str(state), "--lang", "zh-CN"]) == 0
    assert capsys.readouterr().out.startswith("# 交接报告")
    assert sorted(p.name for p in state.iterdir()) == before  # reading changed nothing
    assert main(["report", "no-such-guide", "--state-dir", str(state)]) == 2


def test_the_replay_command_names_a_guide_outside_the_library_by_its_file(
    tmp_path: Path, guide: Guide, capsys: pytest.CaptureFixture[str]
) -> None:
    """The replay command named a guide opened from a file elsewhere by its id, which
    `guide-tui` then could not find ("no guide file or bundled guide called …")."""
    from guide_tui.cli.commands import load_argument
    from guide_tui.library.find import reopen_name

    assert reopen_name(guide) == guide.id  # a bundled guide: its id finds this very file
    copy = tmp_path / "elsewhere" / "mine.zh-CN.yaml"
    copy.parent.mkdir()
    copy.write_bytes(XIAOMI.read_bytes().replace(b"id: xiaomi-installment-priority-payment", b"id: mine"))
    mine = load_guide(copy)
    assert mine.id == "mine"
    state = tmp_path / "state"
    with ProgressStore(state).open(mine) as s:
        branch_2(s.walker)
        s.changed()
    assert main(["report", str(copy), "--state-dir", str(state), "--format", "json"]) == 0
    words = shlex.split(json.loads(capsys.readouterr().out)["replay"])
    assert words[1] == str(copy.absolute())
    again, code = load_argument(words[1], None, "guide-tui")  # what `guide-tui` opens with it
    assert code == 0 and again is not None and again.id == "mine"


def test_report_command_messages_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["report", "no-such-guide", "--state-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "guide-tui report: 找不到名为 'no-such-guide' 的指南文件或内置指南\n"
    bad = tmp_path / "bad.en.yaml"
    bad.write_text("format: 1\nid: bad\ntitle: Bad\nsteps: {}\n", encoding="utf-8")
    assert main(["report", str(bad), "--state-dir", str(tmp_path)]) == 1
    assert f"{bad}:4:8: error: `steps` 必须是一个列表" in capsys.readouterr().err


def test_report_of_a_state_with_an_impossible_time_is_refused_not_a_traceback(
    tmp_path: Path, guide: Guide, capsys: pytest.CaptureFixture[str]
) -> None:
    """A finite but impossible visit time (1e20 s) used to pass the state check, then
    `report` died with an OverflowError traceback."""
    state = tmp_path / "state"
    with ProgressStore(state).open(guide) as s:
        branch_2(s.walker)
        s.changed()
    path = next(state.glob("*.json"))
    data = json.loads(path.read_text("utf-8"))
    data["walk"]["visits"][0][1] = 1e20
    path.write_text(json.dumps(data), "utf-8")
    assert main(["report", str(XIAOMI), "--state-dir", str(state), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err
    assert json.loads(path.read_text("utf-8")) == data  # a report only reads


def test_a_walk_ended_at_a_steps_own_ending_is_never_called_finished(guide: Guide) -> None:
    """Sent to customer service, the report said "Now at: finished the guide": as if the
    payment method had been changed (found in QA)."""
    w = Walker(guide, kw.fake_clock())
    branch_2(w)
    assert w.advance() and w.finished and w.other_outcome
    lines = render_report(guide, w, "markdown", "en").splitlines()
    assert "- Now at: the walk ended here — 请联系小米客服" in lines
    assert not any("finished the guide" in line for line in lines)
    assert "## Steps walked" in lines
    data = json.loads(render_report(guide, w, "json", "zh-CN"))
    assert data["now"]["finished"] and data["now"]["other_outcome"]
    assert "- 当前位置：流程在此结束 — 请联系小米客服" in render_report(guide, w, "markdown", "zh-CN").splitlines()
