"""A screen that comes up (the help or the hand-off report over the walker, the walker
over the library) is drawn as it will stay: its first frame is not followed by another
that moves or adds what the first should have shown (screens/frames.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual._compositor import LayoutUpdate

from guide_tui.core.loader import load_guide
from guide_tui.tui.app import GuideApp
from tests.tui.screen import DrawnCells, count_frames, screen_text

XIAOMI = Path(__file__).resolve().parents[2] / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"


@pytest.mark.parametrize(("key", "title"), [("question_mark", "按键说明"), ("e", "交接报告")], ids=["help", "report"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
async def test_a_dialog_s_first_frame_is_the_one_that_stays(key: str, title: str, size: tuple[int, int]) -> None:
    """The help's text is longer than the screen: its scroll bar came with the second
    layout, a frame after the first, and the text was wrapped again two columns narrower
    (80x24: "清单" jumped to the next line). The report's scroll bar came a frame late."""
    app = GuideApp(load_guide(XIAOMI), lang="zh-CN")
    cells = DrawnCells(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        shown = await cells.press(pilot, key)
    assert title in shown
    assert cells.frames and all(frame == shown for frame in cells.frames), cells.frames


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])  # the checklist in view
async def test_a_guide_opened_from_the_library_is_drawn_with_its_cursor_at_once(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """ "Write your first guide" opens on a checklist, which has the keys. The walker screen
    is drawn as it is shown, before the checklist hears it has the focus: its first frame
    showed the checklist without its cursor (›), the next with it."""
    from guide_tui.progress.store import ProgressStore

    app = GuideApp(None, lang="en", store=ProgressStore(tmp_path))
    cells = DrawnCells(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*"first", "enter")
        await pilot.pause(0.3)
        shown = screen_text(app)
    assert "› [ ] guide-tui --version prints a version" in shown
    walker_frames = [frame for frame in cells.frames if "Step 1 of 6" in frame]
    assert walker_frames and all(frame == shown for frame in walker_frames), walker_frames


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
async def test_a_jump_from_the_steps_list_is_drawn_in_the_step_s_own_layout(size: tuple[int, int]) -> None:
    """o lists the steps visited; Enter on one goes back to it. The walker came back from
    the list and drew the whole screen in the layout it had: the step's texts in the last
    step's places (a question still showing), then a frame later laid out."""
    guide = load_guide(Path(__file__).resolve().parents[2] / "guides" / "write-your-first-guide.en.yaml")
    app = GuideApp(guide, lang="en")
    cells = DrawnCells(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in ("space", "n", "space", "n", "n", "n", "n", "n"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("o")
        await pilot.pause(0.3)
        await pilot.press("up")
        await pilot.pause()
        shown = await cells.press(pilot, "enter")
    assert "3. Write your steps" in shown
    assert cells.frames and all(frame == shown for frame in cells.frames), cells.frames


@pytest.mark.parametrize("key", ["question_mark", "e", "o", "p", "R"], ids=["help", "report", "steps", "qr", "restart"])
async def test_a_dialog_is_not_laid_out_and_drawn_again_by_its_resize_event(
    key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen gets a Resize event as it is shown, after its first layout and frame at that
    very size: it was laid out (twice, settling) and drawn again, the same. The steps list,
    the QR code and the restart question were drawn four times, the same, until they too
    were settled screens. Then each dialog was drawn twice, the same: Textual lays a screen
    out again once the widgets it composed are mounted, after its first frame, and that
    layout, which moved nothing, was drawn whole (about 9 KB more to the terminal at 80x24)."""
    calls = count_frames(monkeypatch)
    app = GuideApp(load_guide(XIAOMI), lang="zh-CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        calls.update(reflow=0, render_update=0)
        await pilot.press(key)
        await pilot.pause(0.2)
    assert calls["reflow"] == 3  # help, report: were 5; o, p, R: 3
    # were 3 and 4, then 2; o was 2 (the list's cursor a frame after) until its rows wrapped for their width
    assert calls["render_update"] == 1


@pytest.mark.parametrize("key", ["question_mark", "e", "o", "p", "R"], ids=["help", "report", "steps", "qr", "restart"])
async def test_a_dialog_is_drawn_whole_once_as_it_opens_and_the_step_once_as_it_closes(key: str) -> None:
    """Textual lays a screen out again once the widgets it composed are mounted, after its
    first frame, and the screen below a dialog again once the dialog is removed. Each of
    those layouts moved nothing and was drawn whole: every dialog, opened, and the step,
    back from it, were two frames the same (about 9 and 6 KB written at 80x24, where 4.5
    and 3 would do; on a slow link, or in a browser tab, twice the wait)."""
    app = GuideApp(load_guide(XIAOMI), lang="zh-CN")
    kinds: list[str] = []
    display = app._display

    def drawn(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            kinds.append("whole" if isinstance(renderable, LayoutUpdate) else "part")
        display(screen, renderable)

    app._display = drawn  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        kinds.clear()
        await pilot.press(key)
        await pilot.pause(0.3)
        opened = kinds.copy()
        kinds.clear()
        await pilot.press("escape")
        await pilot.pause(0.3)
    assert opened.count("whole") == 1, opened
    assert kinds == ["whole"], kinds


@pytest.mark.parametrize(
    ("key", "behind"),
    [("question_mark", True), ("o", True), ("R", True), ("p", False), ("e", False)],
    ids=["help", "steps", "restart", "qr", "report"],
)
async def test_a_dialog_dims_the_walk_behind_it(key: str, behind: bool) -> None:
    """A dialog is a modal screen: the step stays in view behind it, dimmed. A settled dialog
    once took its default styles from SettledScreen alone (Textual follows a screen's first
    base), lost ModalScreen's see-through background and drew the step behind it blank
    (the help and the report, from a54de6b on). The QR code and the report fill an 80x24
    screen: their background is still see-through."""
    app = GuideApp(load_guide(XIAOMI), lang="zh-CN")
    cells = DrawnCells(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await cells.press(pilot, key)
        dialog = app.screen
        assert dialog.is_modal and dialog.styles.background.a < 1, dialog.styles.background
    if behind:
        assert cells.text().splitlines()[0].strip() == "小米分期如何更改优先支付方式"


async def test_a_served_tab_s_help_and_palette_promise_to_keep_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `guide-tui serve` the tab's progress and choices go with it; its help said
    "q 退出（会记住您的位置）" and the palette's theme "（会记住您的选择）"."""
    for served, quit_words, theme_words in (
        (False, "会记住您的位置", "会记住您的选择"),
        (True, "进度不会保存", "仅本次查看有效"),
    ):
        monkeypatch.setattr(GuideApp, "served", served, raising=False)
        app = GuideApp(load_guide(XIAOMI), lang="zh-CN")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause(0.2)
            assert quit_words in screen_text(app)
            commands = list(app.get_system_commands(app.screen_stack[0]))
            assert any(theme_words in str(c.help) for c in commands)


async def test_esc_after_s_gives_the_keys_back_to_the_step_s_list() -> None:
    """After s the support panel had the keys, and Esc did nothing: Space then ticked nothing."""
    app = GuideApp(load_guide(XIAOMI), lang="zh-CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("n", "n", "n", "1", "n", "3", "n"):  # step 6: its checklist has the keys
            await pilot.press(key)
            await pilot.pause(0.05)
        checklist = app.screen.focused
        assert checklist is not None and checklist.id == "checklist"
        await pilot.press("s")
        await pilot.pause(0.1)
        assert app.screen.focused is not None and app.screen.focused.id == "support"
        await pilot.press("escape", "space")
        await pilot.pause(0.1)
        assert app.screen.focused is checklist and app.walker.ticks == {app.walker.step.id: {0}}


async def test_esc_after_s_gives_the_keys_back_to_the_list_that_had_them() -> None:
    """A step with answers and a checklist: Tab to the checklist, s, Esc, Space ticks the
    checklist (the keys went back to the answers, and Space chose an answer)."""
    app = GuideApp(load_guide(XIAOMI), lang="zh-CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("n", "n", "n", "1", "n", "tab", "s", "escape", "space"):  # step 5
            await pilot.press(key)
            await pilot.pause(0.05)
        await pilot.pause(0.1)
        step = app.walker.step
        assert step.ask is not None and app.walker.choice() is None
        assert app.walker.ticks == {step.id: {0}}
