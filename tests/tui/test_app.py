"""Pilot tests: the full screen driven by keys and clicks, as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_tui.core.loader import load_bytes, load_guide
from guide_tui.tui.app import GuideApp
from tests.tui.screen import screen_text

XIAOMI = Path(__file__).parents[2] / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"


@pytest.fixture
def guide():
    return load_guide(XIAOMI)


async def test_first_step_shows_title_progress_notes_support_and_keys(guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "小米分期如何更改优先支付方式" in text
        assert "第 1 步，共 7 步" in text
        assert "1. 登录小米账户" in text
        assert "右上角的“注册”按钮" in text  # the note
        assert "400-100-5678\u00a0⚠\u00a0注意：实际电话" in text  # the caveat right after the number
        assert "资料核对" not in text  # the article dates no check of its facts
        for key in ("下一步", "上一步", "客服", "帮助", "退出"):
            assert key in text


@pytest.mark.parametrize(("lang", "note"), [("zh-CN", "⚠ 注意：实际"), ("en", "⚠ Note: 实际")])
@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_caveat_starts_on_the_line_of_its_number_on_every_step(
    guide, lang: str, note: str, size: tuple[int, int]
) -> None:
    """At 60x20, zh, the last panel line of the first screen of steps 1, 4 and 6 was
    "│ 电话：400-100-5678 │", its caveat below the fold (found in QA): wherever the
    number shows, the start of its caveat is right after it, on its line."""
    app = GuideApp(guide, lang=lang)
    seen = set()

    def check() -> None:
        lines = [line for line in screen_text(app).splitlines() if "400-100-5678" in line]
        seen.update([app.walker.step.id] if lines else [])
        for line in lines:
            assert f"400-100-5678 {note}" in line.replace("\u00a0", " "), (app.walker.step.id, line)

    async with app.run_test(size=size) as pilot:
        steps = [("s",), ("n",), ("n",), ("n",), ("1", "n"), ("3", "n"), ("space", "down", "space", "n"), ("n",)]
        for keys in [(), *steps]:  # each step's first screen (and step 1's panel, after s), then the finish
            await pilot.press(*keys)
            await pilot.pause()
            check()
        assert app.walker.finished
    if (lang, size) == ("zh-CN", (60, 20)):
        assert {"login", "find-option", "confirm"} <= seen  # the steps QA found it on
    assert "login" in seen and len(seen) >= 3


async def test_walk_branch_with_option_to_the_end_by_keys(guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "right", "enter")
        assert app.walker.step.title == "修改支付方式"
        await pilot.press("n")  # unanswered: stays
        assert app.walker.step.title == "修改支付方式"
        await pilot.press("1", "enter")
        assert app.walker.step.title == "选择新的优先支付方式"
        await pilot.press("3")
        await pilot.pause()
        assert "● 3. 支付宝 （已选择）" in screen_text(app)
        await pilot.press("right")
        await pilot.pause()
        assert app.walker.step.title == "确认更改"
        assert "新的优先支付方式:支付宝" in screen_text(app)
        await pilot.press("space", "down", "space", "enter")
        assert app.walker.step.id == "verify"
        await pilot.pause()
        text = screen_text(app)
        assert "第 7 步，共 7 步" in text
        assert "订单中已将支付宝设置为优先支付方式" in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.walker.finished
        text = screen_text(app)
        assert "已完成，共 7 步" in text and "✓ 完成" in text
        assert "→ 支付宝" in text
        assert "没有勾选的检查项" in text  # the first box of step 7 was never ticked
        assert "  • 已返回“我的订单”页面,再次检查所修改的分期订单" in text
        await pilot.press("end")
        await pilot.pause()
        assert "7. 查看更改结果" in screen_text(app)


async def test_walk_branch_to_support_by_keys(guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n", "down", "space")
        assert app.walker.choice() == 1
        await pilot.pause()
        assert "第 4 步，共 5 步" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.walker.step.id == "contact-support"
        assert app.focused is app.screen.query_one("#support")  # show_support brings it into focus
        text = screen_text(app)
        assert "5. 联系小米客服" in text and "联系方式在“客服”面板中（按 s 键前往）" in text  # not scrolled away
        await pilot.press("s")
        await pilot.pause()
        text = screen_text(app)
        assert "400-100-5678" in text and "实际电话号码可能会有所不同" in text
        await pilot.press("n")
        assert app.walker.finished
        await pilot.press("b")
        assert app.walker.step.id == "contact-support"


async def test_back_retraces_and_outline_jumps(guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n", "2", "n")
        assert app.walker.step.id == "contact-support"
        await pilot.press("left")
        assert app.walker.step.id == "find-option"
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "OutlineScreen"
        await pilot.press("up", "up", "enter")
        await pilot.pause()
        assert app.walker.path == ["login", "my-orders"]


async def test_a_click_answers_the_outline_and_the_restart_dialog(guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "o")
        await pilot.pause()
        await pilot.click("#outline-list", offset=(4, 1))  # the first step's row (under the border)
        await pilot.pause()
        assert app.screen.__class__.__name__ == "GuideScreen" and app.walker.path == ["login"]
        await pilot.press("n", "R")
        await pilot.pause()
        await pilot.click("#no")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "GuideScreen" and app.walker.path == ["login", "my-orders"]
        await pilot.press("R")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "GuideScreen" and app.walker.path == ["login"]
        assert "已从第 1 步重新开始。" in screen_text(app)


async def test_help_lists_every_key(guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for words in ("按键说明", "下一步", "沿走过的路退回上一步", "勾选或取消光标所在的清单项", "已走过的步骤"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "GuideScreen"
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"


async def test_mouse_clicks_choose_options_and_tick_items(guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "n")
        await pilot.click("#ask-list", offset=(4, 1))  # the second option's row
        assert app.walker.choice() == 1
        await pilot.click("#ask-list", offset=(4, 0))
        assert app.walker.choice() == 0
        await pilot.press("enter", "1", "enter")
        assert app.walker.step.id == "confirm"
        await pilot.click("#checklist", offset=(4, 1))
        assert app.walker.ticked() == {1}


def _key_offset(app, label: str) -> tuple[int, int]:
    """Where a key's label starts in the keys bar (cells, not characters)."""
    from rich.cells import cell_len

    line = screen_text(app).splitlines()[-1]
    return cell_len(line[: line.index(label)]), 0


async def test_keys_bar_shows_the_keys_that_act_and_a_click_presses_one(guide) -> None:
    from guide_tui.tui.widgets.keys_bar import KeysBar

    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
        assert bar.split() == [
            "→/n",
            "下一步",
            "←/b",
            "上一步",
            "s",
            "客服",
            "o",
            "步骤",
            "e",
            "报告",
            "?",
            "帮助",
            "q",
            "退出",
        ]  # no question on step 1: 1-9 is hidden
        await pilot.click(KeysBar, offset=_key_offset(app, "→/n"))
        await pilot.pause()
        assert app.walker.step.id == "my-orders"
        await pilot.click(KeysBar, offset=_key_offset(app, "客服"))
        await pilot.pause()
        assert app.screen.focused.id == "support"


async def test_b_on_the_first_step_says_it_is_the_first(guide) -> None:
    """b on step 1 did nothing, silently (found in QA): it says this is the first step,
    as the other keys that cannot act now say why."""
    app = GuideApp(guide)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert app.walker.step.id == "login"
        assert "ℹ 已经是第一步。" in screen_text(app)
        await pilot.press("n", "left", "left")  # back to step 1, then once more
        await pilot.pause()
        assert app.walker.step.id == "login"
        assert "ℹ 已经是第一步。" in screen_text(app)


async def test_keys_bar_dims_a_key_that_cannot_act_and_its_click_does_nothing(guide) -> None:
    """On step 1 there is no step to go back to: ←/b is dimmed, and a click on it does
    nothing (pressing b says why: test_b_on_the_first_step_says_it_is_the_first)."""
    from guide_tui.tui.widgets.keys_bar import KeysBar

    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeysBar)
        enabled = {display: on for _key, display, _text, on, _kept in bar.keys()}
        assert enabled["←/b"] is False and enabled["→/n"] is True
        drawn = bar.render()

        def dimmed(label: str) -> bool:
            at = drawn.plain.index(label)
            return any("dim" in str(span.style) for span in drawn.spans if span.start <= at < span.end)

        assert dimmed("←/b") and not dimmed("→/n")
        await pilot.click(KeysBar, offset=_key_offset(app, "←/b"))
        await pilot.pause()
        assert app.walker.step.id == "login" and "已经是第一步" not in screen_text(app)


async def test_the_finish_shows_no_key_that_does_nothing_there(guide) -> None:
    """On a finish screen the keys bar showed "→/n 下一步", which does nothing there (found
    in QA): it shows only the keys that act."""
    from guide_tui.core.walker import Walker
    from guide_tui.tui.widgets.keys_bar import KeysBar

    walker = Walker(guide)
    while not walker.finished:
        if walker.step.ask:
            walker.answer(0)
        walker.advance()
    app = GuideApp(guide, walker=walker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = {display: on for _key, display, _text, on, _kept in app.screen.query_one(KeysBar).keys()}
        assert "→/n" not in shown and "下一步" not in screen_text(app).splitlines()[-1]
        assert all(shown.values()), shown  # nor one dimmed: every key shown acts
        assert screen_text(app).splitlines()[-1].startswith("←/b 上一步")
        path = list(walker.path)
        await pilot.press("n")
        await pilot.pause()
        assert walker.finished and list(walker.path) == path


async def test_long_answers_and_checklist_items_wrap_under_their_own_text() -> None:
    app = GuideApp(load_guide(XIAOMI.with_name("xiaomi-installment-priority-payment.en.yaml")), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "n", "1", "enter", "2", "enter")  # the confirm step's checklist
        await pilot.resize_terminal(60, 30)  # narrower: the rows are wrapped again
        await pilot.pause()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        top = next(i for i, line in enumerate(lines) if "[ ] Checked that" in line)
        assert lines[top + 1].index("priority") == lines[top].index("Checked")
        assert lines[top + 2].strip().startswith("[ ] Clicked")
        assert lines[top + 3].strip() == "" and "Press Enter" in lines[top + 4]  # the list is as tall as its rows
        await pilot.press("b", "b")  # the question: its answers wrap the same way
        await pilot.resize_terminal(40, 30)
        await pilot.pause()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "1. Yes, I clicked" in line)
        continued = lines[first + 1]
        assert continued.strip() and continued.index(continued.strip()) == lines[first].index("Yes")


async def test_quit_key_exits(guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_english_interface(guide) -> None:
    app = GuideApp(guide, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Step 1 of 7" in text
        assert "Next" in text and "Quit" in text


async def test_guide_text_is_never_markup_or_action() -> None:
    hostile = (
        b"format: 1\nid: hostile\ntitle: '[@click=app.quit]Click me[/] [b]bold[/b]'\n"
        b"steps:\n"
        b"  - title: '[link=file:///etc/passwd]x[/link] [/]'\n"
        b"    body: 'Text [@click=app.quit]quit[/] and [/] unbalanced'\n"
        b"    checklist: ['[@click=app.quit]tick[/]']\n"
        b"    ask:\n      key: k\n      prompt: '[red]Q[/red]'\n"
        b"      options: [{label: '[@click=app.quit]A[/]'}, {label: B}]\n"
    )
    result = load_bytes(hostile, "hostile.yaml")
    assert result.guide is not None, result.problems
    app = GuideApp(result.guide)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]Click me[/] [b]bold[/b]" in text
        assert "[link=file:///etc/passwd]x[/link] [/]" in text
        assert "[@click=app.quit]A[/]" in text
        await pilot.click("#step-title")
        await pilot.click("#title-bar")
        await pilot.pause()
        assert app.is_running  # no action ran


async def test_too_small_terminal_shows_a_notice_and_recovers(guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.pause()
        assert "too-small" in " ".join(app.screen.classes) or app.screen.has_class("-too-small")
        assert "终端窗口太小" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.has_class("-too-small")
        assert "登录小米账户" in screen_text(app)


async def test_progress_is_saved_and_resumed_and_R_starts_over(guide, tmp_path) -> None:
    from guide_tui.progress.store import ProgressStore

    session = ProgressStore(tmp_path).open(guide)
    app = GuideApp(guide, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n", "2")
        await pilot.press("q")
    session.close()

    session = ProgressStore(tmp_path).open(guide)
    assert [n.code for n in session.notices][:1] == ["resumed"]
    app = GuideApp(guide, session=session)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause(0.3)
        assert app.walker.step.id == "find-option"
        assert app.walker.choice() == 1
        assert "从第 4 步继续" in screen_text(app)  # the notice
        await pilot.press("R")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "Confirm"
        await pilot.press("escape")  # no: nothing changes
        assert app.walker.step.id == "find-option"
        await pilot.press("R", "tab", "enter")  # focus moves from "no" to "yes"
        await pilot.pause()
        assert app.walker.path == ["login"] and app.walker.answers == {}
    session.close()
    assert ProgressStore(tmp_path).open(guide).walker.path == ["login"]


async def test_report_screen_shows_the_walk_and_saves_markdown(guide, tmp_path) -> None:
    from guide_tui.tui.screens.report import ReportScreen

    app = GuideApp(guide)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n", "n", "n", "1", "enter", "3")
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        assert "支付宝" in screen.text and "400-100-5678" in screen.text
        screen.save_dir = tmp_path
        await pilot.press("w")
        await pilot.pause()
        saved = list(tmp_path.glob("guide-tui-report-*.md"))
        assert len(saved) == 1 and saved[0].read_text(encoding="utf-8") == screen.text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "GuideScreen"


def _colours(svg: str) -> set[str]:
    """Colours used in a screenshot, less the window buttons of the SVG frame."""
    import re

    return set(re.findall(r"#[0-9a-f]{6}", svg.lower())) - {"#ff5f57", "#febc2e", "#28c840"}


def _is_grey(colour: str) -> bool:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return max(r, g, b) - min(r, g, b) <= 8


async def test_no_color_renders_without_colour(guide, monkeypatch) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n")
        coloured = _colours(app.export_screenshot())
    assert not all(_is_grey(c) for c in coloured)  # the check can tell colour from none

    monkeypatch.setenv("NO_COLOR", "1")
    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n", "2")
        await pilot.pause()
        text = screen_text(app)
        svg = app.export_screenshot()
    assert [c for c in _colours(svg) if not _is_grey(c)] == []
    assert "● 2. 没有看到这个选项 （已选择）" in text  # the choice is marked in symbols and words


async def test_palette_switches_the_interface_language(guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert "第 2 步，共 7 步" in screen_text(app)
        app.say("walk", "您上次已在这里结束——按 R 重新开始")  # a notice said in Chinese
        app.say("saving.not_saving", "进度无法保存", "warning")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"English")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Step 2 of 7" in text and "Next" in text
        # a notice that only informed, in the language left, is gone (found in QA); a warning stays
        assert "您上次已在这里结束" not in text and "进度无法保存" in text
        assert app.walker.step.id == "my-orders"  # the walk is untouched
        assert "进入“我的订单”页面" in text  # the guide stays in its own language


async def test_theme_from_flag_and_remembered(guide, tmp_path) -> None:
    from guide_tui.progress.store import ProgressStore

    store = ProgressStore(tmp_path)
    app = GuideApp(guide, store=store, theme="high-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "high-contrast"
        app.theme = "nord"
        await pilot.pause()
    app = GuideApp(guide, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"


async def test_unknown_theme_is_a_notice_not_a_crash(guide, tmp_path) -> None:
    app = GuideApp(guide, theme="no-such-theme")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause(0.3)
        assert "no-such-theme" in screen_text(app)
        assert app.theme == "textual-dark"


async def test_long_lines_and_wide_characters_fit_the_screen() -> None:
    body = ("很长的一行中文,没有空格" * 600) + "\n\n" + ("word " * 2000) + "\n\n" + "😀👍🏽" * 300
    text = (
        "format: 1\nid: long\ntitle: "
        + "标题" * 100
        + "\nsteps:\n  - title: "
        + "步骤" * 120
        + "\n    body: |\n"
        + "\n".join("      " + line for line in body.splitlines())
        + "\n"
    )
    result = load_bytes(text.encode("utf-8"), "long.yaml")
    assert result.guide is not None, result.problems
    app = GuideApp(result.guide)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from rich.cells import cell_len

        assert all(cell_len(line) <= 80 for line in screen_text(app).splitlines())
        await pilot.press("end", "home", "n")
        assert app.walker.finished


async def test_a_link_opens_only_after_the_user_sees_the_target_and_agrees(monkeypatch) -> None:
    text = (
        b"format: 1\nid: links\ntitle: Links\nsteps:\n  - title: One\n"
        b"    body: 'See [the help page](https://example.org/help) now.'\n"
    )
    guide = load_bytes(text, "links.yaml").guide
    assert guide is not None
    opened: list[str] = []
    app = GuideApp(guide)
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(80, 24)) as pilot:
        body = app.screen.query_one("#step-body")
        await pilot.click("#step-body", offset=(6, 0))  # on "the help page"
        await pilot.pause()
        assert app.screen.__class__.__name__ == "Confirm"
        assert "https://example.org/help" in screen_text(app)
        await pilot.press("enter")  # "Cancel" has the focus: Enter does no harm
        await pilot.pause()
        assert opened == []
        body.action_link("https://example.org/help")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert opened == ["https://example.org/help"]
        body.action_link("file:///etc/passwd")  # never offered, whatever the text says
        await pilot.pause()
        assert app.screen.__class__.__name__ == "GuideScreen" and opened == ["https://example.org/help"]


async def test_a_guide_without_contacts_has_no_support_panel_and_no_s_key(tmp_path) -> None:
    path = tmp_path / "tea.en.yaml"
    path.write_text("format: 1\nid: tea\ntitle: Tea\nsteps:\n  - title: Boil water\n    body: Switch the kettle on.\n")
    app = GuideApp(load_guide(path), lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Support" not in text and "s Support" not in text
        assert not app.screen.query_one("#support").display
        await pilot.press("s")  # does nothing, says nothing
        await pilot.pause()
        assert app.focused is not app.screen.query_one("#support")


async def test_the_support_panel_says_when_the_facts_are_due_for_a_check(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GUIDE_TUI_TODAY", "2026-11-30")
    text = XIAOMI.read_text(encoding="utf-8").replace(
        "\ntags: [", "\nreviewed: 2026-01-05\nreview_every_days: 180\ntags: ["
    )
    path = tmp_path / "x.zh-CN.yaml"
    path.write_text(text, encoding="utf-8")
    app = GuideApp(load_guide(path), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one("#support")
        shown = " ".join(b.content.plain for b in panel.contact_blocks())
        assert "Facts checked 10 months ago (2026-01-05) Due for a new check since 2026-07-04" in shown
        assert "Due for a new check" in screen_text(app)


def _contrast(a: object, b: object) -> float:
    """WCAG contrast ratio of two Textual colours."""

    def luminance(c: object) -> float:
        def channel(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)  # type: ignore[attr-defined]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _light_themes() -> list[str]:
    from textual.theme import BUILTIN_THEMES

    return [name for name, theme in BUILTIN_THEMES.items() if not theme.dark and "ansi" not in name]


@pytest.mark.parametrize("theme", _light_themes())
async def test_in_a_light_theme_the_step_title_and_a_dialog_s_title_can_be_read(theme: str) -> None:
    """textual-light drew the step title in its orange accent on light grey, 1.49:1, and the
    report's title 1.38:1 (found in QA; atom-one-light, rose-pine-dawn and catppuccin-latte
    2 to 2.7:1). Bold headings need 3:1."""
    app = GuideApp(load_guide(XIAOMI), lang="zh-CN", theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.screen.query_one("#step-title")
        _, _, background, colour = title.colors
        assert _contrast(colour, background) >= 3, (theme, colour, background)
        await pilot.press("question_mark")
        await pilot.pause()
        dialog = app.screen.query_one("#dialog")
        assert _contrast(dialog.styles.border_title_color, dialog.styles.background) >= 3, theme


def _themes() -> list[str]:
    from textual.theme import BUILTIN_THEMES

    return [name for name in BUILTIN_THEMES if "ansi" not in name]  # ansi: the terminal's own palette


@pytest.mark.parametrize("theme", _themes())
async def test_in_every_theme_the_keys_in_the_keys_bar_stand_out_from_it(theme: str) -> None:
    """A theme's key colour is its accent: on the bar it read at 1.77:1 in atom-one-light,
    1.93:1 in catppuccin-latte, 2.11:1 in atom-one-dark (found in QA, for the light ones)."""
    from guide_tui.tui.widgets.keys_bar import KeysBar

    app = GuideApp(load_guide(XIAOMI), lang="zh-CN", theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeysBar)
        style = bar.render().spans[0].style  # the first key, as it is drawn
        behind = style.background if style.background is not None and style.background.a else bar.background_colors[1]
        assert style.foreground is not None and _contrast(style.foreground, behind) >= 3, theme


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(("R",), ("escape",)), (("ctrl+p",), ("escape",)), (("question_mark",), ("escape",)), (("o",), ("escape",))],
    ids=["restart", "palette", "help", "steps"],
)
async def test_while_a_dialog_is_open_the_walkers_keys_are_not_shown(guide, opens, closes) -> None:
    """With the restart dialog or the palette open, the keys bar still showed the walker's
    keys, which do nothing then (found in QA): the bar under a dialog is empty, and the
    walker's keys come back when it closes."""
    app = GuideApp(guide)
    async with app.run_test(size=(80, 24)) as pilot:  # at 60x20 the palette covers the bar
        await pilot.pause()
        assert "→/n 下一步" in screen_text(app).splitlines()[-1]
        await pilot.press(*opens)
        await pilot.pause()
        assert app.screen is not app.screen_stack[0]
        bar = screen_text(app).splitlines()[-1]
        assert not any(word in bar for word in ("下一步", "上一步", "客服", "帮助", "退出")), bar
        await pilot.press(*closes)
        await pilot.pause()
        assert "→/n 下一步" in screen_text(app).splitlines()[-1]


async def test_while_the_quit_dialog_is_open_the_librarys_keys_are_not_shown(tmp_path) -> None:
    from guide_tui.progress.store import ProgressStore

    app = GuideApp(lang="zh-CN", store=ProgressStore(tmp_path))
    async with app.run_test(size=(60, 20)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Enter 打开" in screen_text(app).splitlines()[-1]
        await pilot.press("escape")  # an empty filter: Esc asks whether to quit
        await pilot.pause()
        assert app.screen.__class__.__name__ == "Confirm"
        assert "Enter 打开" not in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert "Enter 打开" in screen_text(app).splitlines()[-1]
