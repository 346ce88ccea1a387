"""A walk a first-time user cannot get wrong by keyboard alone (docs/keys.md).

One test (or a few) for each defect found by walking the bundled guides as a new
user at 60x20, 80x24 and 120x40, in zh-CN and en; each failed on the code before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_tui.core.loader import load_guide
from guide_tui.tui.app import GuideApp
from guide_tui.tui.widgets.choices import AskList, Checklist
from guide_tui.tui.widgets.markdown_text import MarkdownText
from tests.tui.screen import screen_text

GUIDES = Path(__file__).parents[2] / "guides"
XIAOMI_ZH = GUIDES / "xiaomi-installment-priority-payment.zh-CN.yaml"
XIAOMI_EN = GUIDES / "xiaomi-installment-priority-payment.en.yaml"
TUTORIAL_EN = GUIDES / "write-your-first-guide.en.yaml"
TO_STEP_5 = ["n", "n", "n", "1", "enter"]  # the question and the checklist of 选择新的优先支付方式


def lines(app: GuideApp) -> list[str]:
    return screen_text(app).splitlines()


def cursor_rows(app: GuideApp) -> list[str]:
    """The rows that show the cursor mark, in every list."""
    return [line.strip() for line in lines(app) if line.strip().startswith("›")]


# -- 1. the step's title and instructions are always in reach ---------------------------


async def test_1_a_step_opens_at_its_top_with_its_title_and_instructions_in_view() -> None:
    app = GuideApp(load_guide(TUTORIAL_EN), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "1. Make sure the guide-tui command works" in text
        assert "guide-tui --version" in text and "command not found" in text  # the command to try, and what if not
        assert isinstance(app.focused, Checklist)  # the keys are on the checklist, the page is at its top


@pytest.mark.parametrize(
    "guide,size,keys,title",
    [
        (XIAOMI_ZH, (60, 20), [*TO_STEP_5, "3", "enter"], "6. 确认更改"),
        (XIAOMI_EN, (80, 24), ["n", "n", "n", "2", "enter"], "5. Contact Xiaomi customer service"),
        (XIAOMI_ZH, (120, 40), [*TO_STEP_5, "3", "enter", "space", "down", "space", "enter"], "7. 查看更改结果"),
    ],
    ids=["60x20-step-6", "80x24-support-branch", "120x40-step-7"],
)
async def test_1_every_step_opens_with_its_title_in_view(guide: Path, size, keys: list[str], title: str) -> None:
    app = GuideApp(load_guide(guide))
    async with app.run_test(size=size) as pilot:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert any(line.strip().startswith(title) for line in lines(app)), screen_text(app)
        assert app.screen.query_one("#columns").scroll_y == 0


async def test_1_the_keys_that_move_a_cursor_never_leave_the_top_out_of_reach() -> None:
    app = GuideApp(load_guide(TUTORIAL_EN), lang="en")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        page = app.screen.query_one("#columns")
        await pilot.press("end")  # the page's end, though the checklist has the keys
        await pilot.pause()
        assert page.scroll_y == page.max_scroll_y > 0 and isinstance(app.focused, Checklist)
        await pilot.press("home")
        await pilot.pause()
        assert page.scroll_y == 0 and "1. Make sure the guide-tui command works" in screen_text(app)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert page.scroll_y > 0
        for _ in range(60):  # the arrows move the cursor to the first item, then scroll the page up
            await pilot.press("up")
        await pilot.pause()
        assert page.scroll_y == 0 and "1. Make sure the guide-tui command works" in screen_text(app)
        assert app.focused.highlighted == 0  # never wrapped round to the last item


# -- 2. a step with a question and a checklist: both reachable, and the one with the keys shown --


async def test_2_tab_gives_the_keys_to_the_checklist_and_space_ticks_it() -> None:
    app = GuideApp(load_guide(XIAOMI_ZH))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*TO_STEP_5)
        await pilot.pause()
        assert isinstance(app.focused, AskList)
        assert cursor_rows(app) == ["› ○ 1. 银行卡"]  # one cursor, on the list that has the keys
        assert "检查清单（按 Tab 键到这里，再按空格键勾选）" in screen_text(app)  # not "space ticks" yet
        for _ in range(6):
            await pilot.press("down")
        assert app.focused.highlighted == 4  # no wrapping round to the first answer
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, Checklist)
        assert cursor_rows(app) == ["› [ ] 按照屏幕指示完成验证过程,例如输入支付密码或验证码来确认变更"]
        assert "检查清单（空格键勾选当前项）" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert app.walker.ticked() == {0} and app.walker.choice() is None
        assert "检查清单（空格键勾选当前项）" in screen_text(app)  # still says what the keys do
        await pilot.press("tab")
        assert isinstance(app.focused, AskList)


async def test_2_after_the_support_panel_tab_gives_the_keys_back_to_the_checklist() -> None:
    app = GuideApp(load_guide(XIAOMI_ZH))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*TO_STEP_5, "3", "enter")  # step 6: a checklist only
        await pilot.pause()
        assert "Tab" not in lines(app)[-1]  # nothing to switch to
        await pilot.press("s")
        await pilot.pause()
        assert app.focused.id == "support" and "Tab" in lines(app)[-1]
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, Checklist) and "› [ ]" in screen_text(app)


# -- 3. an answer changes only by a digit, a click or a key that says it chooses --------------


async def test_3_enter_never_changes_the_answer() -> None:
    app = GuideApp(load_guide(XIAOMI_ZH))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*TO_STEP_5, "3")
        await pilot.pause()
        assert "您的回答：支付宝" in screen_text(app)
        await pilot.press("up")
        await pilot.pause()
        assert "您的回答：支付宝" in screen_text(app)  # the line under the answers names the answer, not the cursor
        await pilot.press("enter")
        await pilot.pause()
        assert app.walker.step.id == "confirm"
        assert "新的优先支付方式:支付宝" in screen_text(app)


async def test_3_space_chooses_the_answer_under_the_cursor_and_says_so_in_the_keys_bar() -> None:
    app = GuideApp(load_guide(XIAOMI_ZH))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*TO_STEP_5)
        await pilot.pause()
        assert "还没有回答" in screen_text(app) and "Space 选择" in lines(app)[-1]
        await pilot.press("enter")  # unanswered: Enter says what is missing, and chooses nothing
        await pilot.pause()
        assert app.walker.step.id == "choose-method" and app.walker.choice() is None
        await pilot.press("down", "space")
        await pilot.pause()
        assert app.walker.choice() == 1 and "您的回答：信用卡" in screen_text(app)


# -- 4. each step opens with its cursors on the first item ------------------------------------


async def test_4_the_checklist_cursor_starts_on_the_first_item_of_every_step() -> None:
    app = GuideApp(load_guide(XIAOMI_ZH))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*TO_STEP_5, "3", "enter")  # step 6: two items
        await pilot.press("down", "space")
        assert app.walker.ticked() == {1}
        await pilot.press("enter")  # step 7
        await pilot.pause()
        assert app.walker.step.id == "verify" and app.focused.highlighted == 0
        await pilot.press("space")
        assert app.walker.ticked() == {0}  # the first item, as the cursor shows
        await pilot.press("b")
        await pilot.pause()
        assert app.walker.step.id == "confirm" and app.focused.highlighted == 0


# -- 5. notices never cover the guide ---------------------------------------------------------


async def test_5_notices_have_their_own_place_and_replace_their_kind(tmp_path) -> None:
    from guide_tui.progress.store import ProgressStore

    guide = load_guide(XIAOMI_ZH)
    session = ProgressStore(tmp_path).open(guide)
    session.walker.advance()
    session.walker.advance()
    session.walker.advance()
    session.close()
    session = ProgressStore(tmp_path).open(guide)
    app = GuideApp(guide, session=session)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("s")  # the hotline and its caveat in view, where toasts used to lie
        await pilot.pause()
        notice = [line for line in lines(app) if "从第 4 步继续" in line]
        assert len(notice) == 1 and notice[0].strip().startswith("ℹ")  # a line of its own
        assert "400-100-5678\u00a0⚠\u00a0注意：实际电话号码可能会有所不同" in screen_text(app)
        assert not app.screen.query("Toast")
        await pilot.press("R", "tab", "enter")  # start over
        await pilot.pause()
        text = screen_text(app)
        assert "已从第 1 步重新开始" in text and "从第 4 步继续" not in text  # replaced, not beside it
        await pilot.press("n", "n", "n", "enter")  # unanswered: a hint, above the step, not over it
        await pilot.pause()
        text = screen_text(app)
        assert "要继续，请先回答问题" in text and "4. 修改支付方式" in text
        assert "已从第 1 步重新开始" not in text  # moving on took the old notice away
        await pilot.press("enter")
        await pilot.pause()
        assert screen_text(app).count("要继续，请先回答问题") == 1  # the second replaced the first
        await pilot.press("1")  # answered: the hint no longer holds, and goes at once, not 4 s later
        await pilot.pause()
        assert "要继续，请先回答问题" not in screen_text(app)
    session.close()


# -- 6. the keys bar and the title fit -------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("width", [60, 80])
async def test_6_the_keys_bar_fits_and_always_shows_help_and_quit(lang: str, width: int) -> None:
    from guide_tui.i18n import t

    app = GuideApp(load_guide(XIAOMI_EN if lang == "en" else XIAOMI_ZH), lang=lang)
    async with app.run_test(size=(width, 24)) as pilot:
        for keys in ([], TO_STEP_5, ["3", "enter", "enter", "enter"]):  # step 1, step 5, the finish
            await pilot.press(*keys)
            await pilot.pause()
            bar = lines(app)[-1].rstrip()
            assert bar.endswith(f"? {t('key.help', lang)} q {t('key.quit', lang)}"), bar
            first = "←/b " + t("key.back", lang) if app.walker.finished else "→/n " + t("key.next", lang)
            assert bar.startswith(first), bar  # on the finish, →/n does nothing: not shown


async def test_6_a_title_that_does_not_fit_ends_with_an_ellipsis() -> None:
    app = GuideApp(load_guide(XIAOMI_EN), lang="en")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        title = lines(app)[0].rstrip()
        assert title.endswith("…") and title.strip().startswith("How to change the priority payment method")


# -- 8. help lists every key, Esc and Tab among them -------------------------------------------


async def test_8_help_lists_every_key_with_esc_and_tab_and_how_the_page_works(tmp_path) -> None:
    from guide_tui.progress.store import ProgressStore

    app = GuideApp(lang="en", store=ProgressStore(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("enter")  # the Xiaomi guide, from the library: Esc goes back
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        keys = app.screen.query_one("#help-keys", MarkdownText)  # all of it, also what is scrolled out of view
        text = "\n".join(line.plain for line in keys.lines(keys.content_region.width))
        for words in (
            "Esc",
            "Back to the guide library",
            "Tab",
            "Give the keys to the step's other list",
            "Space",
            "PgUp  PgDn  Home  End",
            "Each step opens at the top of the page",
        ):
            assert words in text, words


# -- 9. the ending tells the truth -------------------------------------------------------------


async def test_9_the_support_branch_ends_with_its_own_finish() -> None:
    app = GuideApp(load_guide(XIAOMI_ZH))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n", "2", "enter")
        await pilot.pause()
        assert "按 Enter 或 → 在此结束。" in screen_text(app)  # not "完成": nothing was changed
        await pilot.press("enter")
        await pilot.pause()
        assert app.walker.finished
        text = screen_text(app)
        # Nothing was changed: no tick, and "ended", never "已完成" (found in QA).
        assert "请联系小米客服" in text and "✓" not in text and "已完成" not in text
        assert "已结束，走过 5 步" in text
        assert "联系方式在“客服”面板中（按 s 键前往）" in text  # "请拨打…热线": where the number is
        assert "请拨打小米官方客服热线,或者通过在线聊天功能联系客服。" in text
        assert "轻松" not in text and "成功" not in text


# -- 10. a row's state word is never split ----------------------------------------------------

TAGGED = """\
format: 1
id: tagged
title: 状态词
steps:
  - id: one
    title: 一个问题
    ask:
      key: which
      prompt: 选哪一个?
      options:
        - label: 这是一个相当长的答案,用来看“已选择”这几个字在窄屏幕上会不会被拆开
        - label: 短答案
    checklist:
      - 这是一个相当长的检查项,用来看“已完成”这几个字在窄屏幕上会不会被拆开
"""


async def test_10_the_state_word_after_an_item_or_an_answer_stays_whole_at_every_width() -> None:
    from guide_tui.core.loader import load_bytes

    app = GuideApp(load_guide(XIAOMI_ZH))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press(*TO_STEP_5[:-1], "enter", "4", "enter", "space", "down", "space")  # step 6, both ticked
        await pilot.pause()
        assert app.walker.step.id == "confirm" and app.walker.ticked() == {0, 1}
        text = [line.strip() for line in lines(app)]
        # "（已完" at the end of one line and "成）" on the next, before; now the tag moves whole
        assert "[x] 已核对信息无误:新的优先支付方式为“微信支付”" in text and "（已完成）" in text, text
        for width in range(40, 91):  # and at every width, the tag whole on one line
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            text = screen_text(app)
            assert text.count("（已完成）") == 2 and text.count("（已完") == 2, (width, text)

    guide = load_bytes(TAGGED.encode("utf-8"), "tagged.zh-CN.yaml").guide
    assert guide is not None
    app = GuideApp(guide, lang="zh-CN")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("1", "tab", "space")
        await pilot.pause()
        assert app.walker.choice() == 0 and app.walker.ticked() == {0}
        for width in range(40, 91):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            text = screen_text(app)
            assert text.count("（已选择）") == 1 and text.count("（已选") == 1, (width, text)
            assert text.count("（已完成）") == 1 and text.count("（已完") == 1, (width, text)


# -- 11. the answers' numbers are the ones the question has -----------------------------------


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
async def test_11_the_keys_bar_shows_the_question_s_numbers_and_a_digit_past_them_says_so(lang: str) -> None:
    from guide_tui.i18n import t

    app = GuideApp(load_guide(XIAOMI_EN if lang == "en" else XIAOMI_ZH), lang=lang)
    answer = t("key.answer", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n")  # step 4: two answers
        await pilot.pause()
        bar = lines(app)[-1]
        assert f"1-2 {answer}" in bar and "1-9" not in bar, bar
        await pilot.press("3")  # no answer 3: nothing chosen, and a calm word says which keys answer
        await pilot.pause()
        assert app.walker.choice() is None
        hint = t("hint.answer_range", lang, n=2)
        assert "".join(hint.split()) in "".join(screen_text(app).split()), screen_text(app)  # however it wraps
        await pilot.press("1")  # answered: the hint no longer holds
        await pilot.pause()
        assert app.walker.choice() == 0 and "".join(hint.split()) not in "".join(screen_text(app).split())
        await pilot.press("enter")  # step 5: five answers
        await pilot.pause()
        assert app.walker.step.id == "choose-method" and f"1-5 {answer}" in lines(app)[-1], lines(app)[-1]


# -- 12. Space acts on a row the user can see ---------------------------------------------------

TUTORIAL_ZH = GUIDES / "write-your-first-guide.zh-CN.yaml"


@pytest.mark.parametrize("guide,lang", [(TUTORIAL_ZH, "zh-CN"), (TUTORIAL_EN, "en")])
async def test_12_space_brings_the_row_it_ticks_into_view_first(guide: Path, lang: str) -> None:
    from tests.tui.screen import DrawnCells

    app = GuideApp(load_guide(guide), lang=lang)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        checklist = app.screen.query_one("#checklist", Checklist)
        item = checklist._items[0]
        # the step opens at its top, the keys on its checklist, which is below the page's end
        assert isinstance(app.focused, Checklist) and item not in screen_text(app)
        terminal = DrawnCells(app)
        text = await terminal.press(pilot, "space")
        assert app.walker.ticked() == {0}
        rows = [line.strip() for line in text.splitlines() if "› [x]" in line]
        assert rows and rows[0].startswith(f"› [x] {item[:8]}"), text  # the row ticked, in view, marked
        assert "› [x]" in terminal.text()  # as the terminal shows it
        await pilot.press("space")  # in view already: unticked where it is, the page stays
        await pilot.pause()
        assert app.walker.ticked() == set() and "› [ ]" in screen_text(app)


# -- 13. while the answer field has the keys, help is F1: `?` types -----------------------------

DETOURS = Path(__file__).parents[2] / "tests" / "data" / "every-detour.en.yaml"


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
async def test_13_the_answer_field_s_keys_bar_and_help_say_f1_for_help(lang: str) -> None:
    from guide_tui.i18n import t
    from guide_tui.tui.screens.help import HelpScreen

    app = GuideApp(load_guide(DETOURS), lang=lang)
    word = t("key.help", lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert lines(app)[-1].rstrip().endswith(f"? {word} q {t('key.quit', lang)}")  # the page: ? is help
        await pilot.press("3", "enter")  # order-number: the keys in its field
        await pilot.pause()
        field = app.screen.query_one("#answer-input")
        assert app.focused is field
        bar = lines(app)[-1].rstrip()
        assert bar.endswith(f"F1 {word}") and f"? {word}" not in bar, bar
        await pilot.press("question_mark")  # types, as the bar no longer says otherwise
        await pilot.pause()
        assert field.value == "?" and not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#help-keys", MarkdownText)
        rows = [line.plain.strip() for line in keys.lines(keys.content_region.width)]
        help_row = [row for row in rows if row.endswith(t("help.help", lang))]
        assert help_row and help_row[0].split()[0] == "F1" and not help_row[0].startswith("?"), help_row
        quit_row = [row for row in rows if t("help.quit", lang)[:5] in row]  # its first line, if it wraps
        assert quit_row and quit_row[0].split()[0] == "Ctrl+Q", rows  # it said "q", which types here
        await pilot.press("escape", "escape")  # help closed, then the field left: ? is help again
        await pilot.pause()
        assert app.focused is not field and lines(app)[-1].rstrip().endswith(f"? {word} q {t('key.quit', lang)}")
        await pilot.press("tab")  # back in the field (its part has the keys again)
        await pilot.pause()
        assert app.focused is field
        await pilot.press("ctrl+q")  # what the help says quits, quits
        await pilot.pause()
        assert not app.is_running


# -- 14. the outline: a long title goes on after its number, wrapped under itself ----------------

LONG_TITLES = """\
format: 1
id: long-titles
title: 长标题
language: zh-CN
steps:
  - id: one
    title: 第一步：这是一个非常非常长的标题，用来测试标题在窄屏幕上的换行是否正确显示
  - id: two
    title: Step two has a rather long English title that wraps at word boundaries, as any
  - id: three
    title: 第三步
"""


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
async def test_14_an_outline_row_s_title_follows_its_number_and_wraps_under_itself(size) -> None:
    from guide_tui.core.loader import load_bytes
    from guide_tui.tui.screens.outline import OutlineScreen

    guide = load_bytes(LONG_TITLES.encode("utf-8"), "long-titles.zh-CN.yaml").guide
    assert guide is not None
    app = GuideApp(guide, lang="zh-CN")
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "enter", "o")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        text = lines(app)
        for number, start, rest in (("✓ 1. ", "第一步：", "正确显示"), ("✓ 2. ", "Step two", "as any")):
            first = next((n for n, line in enumerate(text) if f"{number}{start}" in line), None)
            assert first is not None, "\n".join(text)  # "✓ 1." was alone on its line, the title under it
            column = text[first].index(start)
            last = next(n for n in range(first, len(text)) if rest in text[n])
            assert last > first  # a title too long for one line: wrapped...
            for line in text[first + 1 : last + 1]:  # ...under itself, a hanging indent
                assert line[column - 1] == " " and line[column] != " ", "\n".join(text)
        await pilot.press("up", "enter")  # the rows still choose: back to step 2
        await pilot.pause()
        assert app.walker.step.id == "two"


# -- 15. the outline after going back: the steps walked before, to go forward to again ------------


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
async def test_15_the_outline_goes_forward_again_to_a_step_walked_before(lang: str) -> None:
    """Xiaomi at step 6, o Home Enter: back at step 1, the outline listed only step 1, and
    step 6 was five presses of n away (31 in a 60-step guide; found in QA). The steps walked
    before are listed after it; Enter on one goes there, and stops, saying why, where a
    question changed leads elsewhere."""
    from guide_tui.i18n import t

    app = GuideApp(load_guide(XIAOMI_ZH if lang == "zh-CN" else XIAOMI_EN), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in [*TO_STEP_5, "3", "enter"]:  # step 4: "seen it"; step 5: Alipay; now step 6
            await pilot.press(key)
            await pilot.pause()
        assert app.walker.step.id == "confirm"
        await pilot.press("o", "home", "enter")
        await pilot.pause(0.3)
        assert app.walker.step.id == "login"
        await pilot.press("o")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert (
            f"6. {app.walker.guide.step('confirm').title}{t('walk.aside', lang, note=t('outline.ahead', lang))}" in text
        ), text
        await pilot.press("end", "enter")
        await pilot.pause(0.3)
        assert app.walker.step.id == "confirm" and app.walker.answered["method"]
        await pilot.press("o", "home", "enter")  # back to step 1 again
        await pilot.pause(0.3)
        for key in ["n", "n", "n", "2"]:  # step 4 now "not seen": the way goes elsewhere
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("o", "end", "enter")
        await pilot.pause(0.3)
        assert app.walker.step.id == "find-option"
        assert t("outline.stopped.elsewhere", lang, n=4) in screen_text(app).replace("\n", "")
