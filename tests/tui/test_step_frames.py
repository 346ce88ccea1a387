"""A step change in the walker screen is one frame: its layout settles before it is drawn,
and the widgets' asks made before the frame are not laid out and drawn again after it.
What the step change shows is what the screen shows when it starts at that step."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual._compositor import Compositor
from textual.css.stylesheet import Stylesheet

import guide_tui.tui.app
from guide_tui.core.loader import load_guide
from guide_tui.core.model import Guide
from guide_tui.core.walker import Walker
from guide_tui.tui.app import GuideApp
from tests.tui.screen import DrawnCells, count_frames, screen_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from generate import guide_text


@pytest.fixture
def guide(tmp_path: Path) -> Guide:
    """20 steps: notes on every third, a checklist on every fifth (bench/generate.py)."""
    path = tmp_path / "steps.zh-CN.yaml"
    path.write_text(guide_text(0, 20, "steps"), encoding="utf-8")
    return load_guide(path)


@pytest.fixture
def frames(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many layouts (reflow) and frames (render_update) the walker's compositor made."""
    return count_frames(monkeypatch)


async def _started_at(guide: Guide, step: int, size: tuple[int, int]) -> str:
    walker = Walker(guide)
    for _ in range(step - 1):
        walker.advance()
    app = GuideApp(guide, lang="zh-CN", walker=walker)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return screen_text(app)


async def _press_next(pilot: Any, frames: dict[str, int]) -> dict[str, int]:
    frames.update(reflow=0, render_update=0)
    await pilot.press("n")
    await pilot.pause()
    return dict(frames)


@pytest.mark.parametrize(
    ("size", "layouts"),
    [((60, 20), {3: 2, 4: 2}), ((80, 24), {3: 1, 4: 1}), ((120, 40), {3: 1, 4: 1})],
    ids=["60x20", "80x24", "120x40"],
)
async def test_a_step_that_shows_or_hides_its_notes_is_drawn_once(
    guide: Guide, frames: dict[str, int], size: tuple[int, int], layouts: dict[int, int]
) -> None:
    """The notes panel comes (step 3) and goes (step 4). The containers around it set their
    virtual size as they are laid out, which laid the screen out and drew it a second time
    (in the same places), and its scroll bar's size a third. At 60x20 the notes make the
    page overflow: its scroll bar comes and goes, which makes it narrower or wider: a second
    layout, still one frame."""
    app = GuideApp(guide, lang="zh-CN")
    cells = DrawnCells(app)
    shown = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        for step in (3, 4):
            assert await _press_next(pilot, frames) == {"reflow": layouts[step], "render_update": 1}, step
            shown[step] = screen_text(app)
            assert cells.text() == shown[step], step  # what the terminal was sent, frame after frame
    assert "第 3 步的备注" in shown[3] and "第 3 步的备注" not in shown[4]
    for step, text in shown.items():
        assert text == await _started_at(guide, step, size)


LONG_ITEM = "打开设置以后找到支付与安全页面里的优先支付方式菜单，并逐项核对每一个选项"


@pytest.mark.parametrize(("size", "resized"), [((60, 20), (120, 40)), ((80, 24), (60, 20)), ((120, 40), (80, 24))])
async def test_a_checklist_shown_again_is_drawn_once_with_its_rows_wrapped_for_its_width(
    tmp_path: Path, frames: dict[str, int], size: tuple[int, int], resized: tuple[int, int]
) -> None:
    """A checklist hidden on the steps between has no size: its rows were wrapped for none,
    then again after the frame for its width (a second layout and frame), and the list
    drew them again as it was resized (a third). Hidden through a resize, the rows are
    wrapped again for its new width as it is laid out."""
    path = tmp_path / "steps.zh-CN.yaml"
    path.write_text(guide_text(0, 20, "steps").replace("- 已找到菜单", f"- {LONG_ITEM}"), encoding="utf-8")
    guide = load_guide(path)
    app = GuideApp(guide, lang="zh-CN")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(8):  # to step 9, past the first checklist (step 5)
            await pilot.press("n")
            await pilot.pause()
        assert (await _press_next(pilot, frames))["render_update"] == 1
        shown = screen_text(app)
        await pilot.press("n")  # step 11: the checklist is hidden
        await pilot.pause()
        await pilot.resize_terminal(*resized)
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        shown_again = screen_text(app)
    assert "10. 第 10 步的标题" in shown and LONG_ITEM[:8] in shown
    assert shown == await _started_at(guide, 10, size)
    assert shown_again == await _started_at(guide, 10, resized)


@pytest.mark.parametrize(("longer", "layouts"), [(False, 0), (True, 1)], ids=["as-many-lines", "one-more-paragraph"])
async def test_a_step_whose_text_takes_as_many_lines_is_repainted_not_laid_out(
    tmp_path: Path, frames: dict[str, int], longer: bool, layouts: int
) -> None:
    """Step 2's title, body and hint take as many lines as step 1's, and no notice is there
    to clear: nothing moves, so nothing is laid out (a layout of every widget was most of a
    step change's time). A body one paragraph longer is laid out."""
    text = guide_text(0, 20, "steps")
    if longer:
        text = text.replace(
            "      打开**示例应用**,找到第 2 个菜单", "      多出来的一段。\n\n      打开**示例应用**,找到第 2 个菜单"
        )
    path = tmp_path / "steps.zh-CN.yaml"
    path.write_text(text, encoding="utf-8")
    guide = load_guide(path)
    app = GuideApp(guide, lang="zh-CN")
    cells = DrawnCells(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await _press_next(pilot, frames) == {"reflow": layouts, "render_update": 1}
        shown = screen_text(app)
        assert cells.text() == shown
    assert ("多出来的一段。" in shown) == longer
    assert shown == await _started_at(guide, 2, (80, 24))


async def test_a_new_size_is_drawn_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the terminal is resized every frame is drawn whole, as Textual draws it: the
    terminal keeps what it showed at the old size, and a frame of only the places that
    moved, after the first, left an old cell in a line (tmux, 80x24 after a step at
    60x20: "the “确认” (Confirm)  utton")."""
    drawn: list[str] = []
    for name in ("render_full_update", "render_partial_update"):
        original = getattr(Compositor, name)

        def spy(self: Compositor, *args: Any, _original: Any = original, _name: str = name, **kwargs: Any) -> Any:
            drawn.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Compositor, name, spy)
    guide = load_guide(Path(__file__).resolve().parents[2] / "guides" / "xiaomi-installment-priority-payment.en.yaml")
    app = GuideApp(guide, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n", "n", "1", "n")
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause(0.1)
        await pilot.press("3", "n")
        await pilot.pause()
        drawn.clear()
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.2)
        assert drawn and set(drawn) == {"render_full_update"}, drawn
        assert "(Confirm) button to finish" in screen_text(app)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
async def test_the_keys_moving_to_a_list_and_back_restyle_and_draw_only_what_changed(
    guide: Guide, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """Step 5's checklist takes the keys, and on step 6 the page does. Textual restyles a
    widget and everything in it when its focus changes (the page: the whole step) and
    draws the whole screen again; here the page alone is restyled, as no rule styles what
    it holds by its focus, and only what changed is drawn. What the terminal shows, frame
    after frame, is what the step shows."""
    restyled: list[str | None] = []
    whole_frames: list[int] = []
    update_nodes, render_full_update = Stylesheet.update_nodes, Compositor.render_full_update

    def restyle(self: Stylesheet, nodes: Any, animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.extend(node.id for node in nodes)
        update_nodes(self, nodes, animate)

    def draw_whole(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        whole_frames.append(1)
        return render_full_update(self, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "update_nodes", restyle)
    monkeypatch.setattr(Compositor, "render_full_update", draw_whole)
    app = GuideApp(guide, lang="zh-CN")
    cells = DrawnCells(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(3):  # to step 4
            await pilot.press("n")
            await pilot.pause()
        for step, keys in ((5, "checklist"), (6, "columns"), (7, "columns"), (10, "checklist"), (11, "columns")):
            while len(app.walker.path) < step - 1:
                await pilot.press("n")
                await pilot.pause()
            restyled.clear()
            whole_frames.clear()
            await pilot.press("n")
            await pilot.pause()
            assert app.focused is not None and app.focused.id == keys, step
            assert "step-title" not in restyled and "notes" not in restyled, step
            assert not whole_frames, step
            assert f"{step}. 第 {step} 步的标题" in screen_text(app)
            assert cells.text() == screen_text(app), step


async def test_a_rule_that_styles_the_step_by_the_page_s_focus_still_restyles_it(guide: Guide) -> None:
    """The page is restyled alone only while no rule styles what it holds by its focus: with
    one (a theme could bring it), the step is restyled as Textual restyles it."""

    class FocusStyled(GuideApp):
        CSS_PATH = str(Path(guide_tui.tui.app.__file__).with_name("app.tcss"))
        CSS = "#columns:focus #step-title { text-style: italic; }"

    app = FocusStyled(guide, lang="zh-CN")
    italic = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for step in range(2, 7):
            await pilot.press("n")
            await pilot.pause()
            italic[step] = bool(app.screen.query_one("#step-title").styles.text_style.italic)
    assert italic == {2: True, 3: True, 4: True, 5: False, 6: True}  # step 5's checklist has the keys


XIAOMI = Path(__file__).resolve().parents[2] / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"


@pytest.mark.parametrize(
    ("source", "step", "part"),
    [("generated", 5, "[ ] 已找到菜单"), ("xiaomi", 4, "您在订单详情页中看到“修改支付方式”选项了吗")],
    ids=["checklist", "ask"],
)
@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
async def test_a_part_shown_for_the_first_time_is_in_the_step_s_only_frame(
    tmp_path: Path, frames: dict[str, int], source: str, step: int, part: str, size: tuple[int, int]
) -> None:
    """The first step with a checklist (or a question) mounts it. Textual mounts widgets
    over the next turns of the event loop: a frame was drawn with the step's new texts and
    without its checklist, then a second with it, the step's last line jumping down. Now the
    step change is one frame, and it holds the part."""
    if source == "generated":
        path = tmp_path / "steps.zh-CN.yaml"
        path.write_text(guide_text(0, 20, "steps"), encoding="utf-8")
        guide = load_guide(path)
    else:
        guide = load_guide(XIAOMI)
    app = GuideApp(guide, lang="zh-CN")
    cells = DrawnCells(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(step - 2):
            await pilot.press("n")
            await pilot.pause()
        cells.frames.clear()
        assert (await _press_next(pilot, frames))["render_update"] == 1
        shown = screen_text(app)
    title = guide.steps[step - 1].title
    assert title in shown and part in shown, shown
    assert cells.frames and all(part in frame for frame in cells.frames if title in frame), cells.frames
    assert shown == await _started_at(guide, step, size)


async def test_a_mount_that_never_ends_holds_the_frames_for_half_a_second_only(guide: Guide) -> None:
    """The frames wait for a part being mounted at most MOUNT_WAIT, and the screen goes on
    taking messages meanwhile: a mount that never ended would otherwise freeze the step
    (and the app: it could not even quit)."""
    import asyncio

    from guide_tui.tui.screens.frames import MOUNT_WAIT

    app = GuideApp(guide, lang="zh-CN")
    cells = DrawnCells(app)  # what the terminal was sent
    never: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    drawn: dict[str, str] = {}

    async def walk() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.screen.hold_frames(never)
            await pilot.press("n")
            await pilot.pause(MOUNT_WAIT / 5)
            drawn["held"] = cells.text()
            await pilot.pause(MOUNT_WAIT)
            drawn["shown"] = cells.text()
            await pilot.press("n")
            await pilot.pause()
            drawn["after"] = cells.text()

    asyncio.get_running_loop().call_later(5, never.cancel)  # were the screen stuck, the test ends all the same
    await asyncio.wait_for(walk(), 15)
    assert "1. 第 1 步的标题" in drawn["held"] and "2. 第 2 步的标题" not in drawn["held"]  # no frame while held
    assert "2. 第 2 步的标题" in drawn["shown"]
    assert "3. 第 3 步的标题" in drawn["after"]


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
async def test_s_gives_the_support_panel_the_keys_and_scrolls_to_it_in_one_frame(size: tuple[int, int]) -> None:
    """s restyles the support panel (it has the keys) and scrolls the page down to it. The
    scroll reached the screen a message later: a frame showed the panel restyled where it
    was, then a second the page moved (at 60x20, the scroll bar's thumb a frame after)."""
    app = GuideApp(load_guide(XIAOMI), lang="zh-CN")
    cells = DrawnCells(app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in "nnn1":  # step 4, answered: the panel below the answers
            await pilot.press(key)
            await pilot.pause()
        shown = await cells.press(pilot, "s", wait=0.2)
        assert type(app.focused).__name__ == "SupportPanel"
    assert "二维码 (p)" in shown  # the panel's last line is in view
    assert cells.frames and all(frame == shown for frame in cells.frames), cells.frames  # no frame before the last


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
async def test_a_step_change_after_a_question_is_one_frame(frames: dict[str, int], size: tuple[int, int]) -> None:
    """Xiaomi's steps 4 and 5 ask; 5 and 6 have checklists. Textual's OptionList works its
    lines out as a frame renders it: a list given new rows, or another width, set its
    virtual size then and asked for a layout after the frame, a second layout and frame
    that drew the same step again."""
    guide = load_guide(XIAOMI)
    app = GuideApp(guide, lang="zh-CN")
    cells = DrawnCells(app)
    drawn = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in "nnn1":
            await pilot.press(key)
            await pilot.pause()
        for step, answer in ((5, "3"), (6, None)):
            drawn[step] = await _press_next(pilot, frames)
            assert cells.text() == screen_text(app), step
            if answer:
                await pilot.press(answer)
                await pilot.pause()
    assert {step: found["render_update"] for step, found in drawn.items()} == {5: 1, 6: 1}, drawn
