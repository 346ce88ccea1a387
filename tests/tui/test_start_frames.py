"""The walker screen's layouts when it starts and when the terminal is resized: the first
layout is already the one its size gives, and a size it has already been laid out at
is not laid out again (each costs a browser tab under `guide-tui serve` a frame)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual._compositor import Compositor
from textual.geometry import Size
from textual.screen import Screen

from guide_tui.core.loader import load_guide
from guide_tui.tui.app import GuideApp
from guide_tui.tui.screens.guide import GuideScreen
from tests.tui.screen import screen_text

XIAOMI = Path(__file__).parents[2] / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
SIZE_CLASSES = {"-narrow", "-wide", "-too-small"}


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The walker screen's size classes at each of its layouts."""
    seen: list[set[str]] = []
    layout = GuideScreen._refresh_layout

    def counted(self: GuideScreen, *args: Any, **kwargs: Any) -> None:
        seen.append(set(self.classes) & SIZE_CLASSES)
        layout(self, *args, **kwargs)

    monkeypatch.setattr(GuideScreen, "_refresh_layout", counted)
    return seen


@pytest.mark.parametrize(
    ("size", "classes"),
    [((80, 24), {"-narrow"}), ((120, 30), {"-wide"}), ((30, 8), {"-narrow", "-too-small"})],
    ids=["narrow", "wide", "too-small"],
)
async def test_the_first_layout_has_the_classes_of_its_size(
    layouts: list[set[str]], size: tuple[int, int], classes: set[str]
) -> None:
    app = GuideApp(load_guide(XIAOMI))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert layouts and all(seen == classes for seen in layouts)  # never laid out (drawn) wide, then narrow
        assert ("终端窗口太小" in screen_text(app)) == ("-too-small" in classes)


async def test_a_resize_to_the_size_it_has_lays_nothing_out_and_a_new_size_does(layouts: list[set[str]]) -> None:
    app = GuideApp(load_guide(XIAOMI))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        started = len(layouts)
        for _ in range(3):  # as Textual's start sends it, and a browser tab when it opens
            app.post_message(events.Resize(Size(80, 24), Size(80, 24)))
            await pilot.pause()
        assert len(layouts) == started
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert len(layouts) > started and layouts[-1] == {"-wide"}
        assert app.screen.outer_size == Size(120, 30)
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        assert layouts[-1] == {"-narrow", "-too-small"} and "终端窗口太小" in screen_text(app)


async def test_the_first_frame_drawn_is_the_settled_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 80x24 the step and the panels overflow: the first layout gives them a scroll bar,
    which makes them narrower. The first frame is drawn with it, not without and then with."""
    drawn: list[dict[Any, Any]] = []
    draw = Screen._compositor_refresh

    def recorded(self: Screen[Any]) -> None:
        if isinstance(self, GuideScreen):
            drawn.append(dict(self._compositor.full_map))
        draw(self)

    monkeypatch.setattr(Screen, "_compositor_refresh", recorded)
    app = GuideApp(load_guide(XIAOMI))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#columns").show_vertical_scrollbar
        assert drawn[0] == app.screen._compositor.full_map


async def test_the_screen_is_drawn_whole_once_as_it_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    """What each widget asked for as it was mounted and sized is in the first frame: Textual
    delivers those asks after it, which laid the screen out and drew it whole again (a
    second frame of the same picture, a fifth of a served tab's start)."""
    whole: list[int] = []
    render = Compositor.render_full_update

    def counted(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        whole.append(1)
        return render(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_full_update", counted)
    app = GuideApp(load_guide(XIAOMI))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert len(whole) == 1
        first = screen_text(app)
        await pilot.press("n")  # what changes after it is drawn
        await pilot.pause()
        assert "第 2 步" in screen_text(app) and screen_text(app) != first


async def _screenshot(app: GuideApp) -> str:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return app.export_screenshot()


@pytest.mark.parametrize("theme", [None, "textual-light"])
async def test_an_app_started_from_css_parsed_before_parses_none_and_looks_the_same(
    monkeypatch: pytest.MonkeyPatch, theme: str | None
) -> None:
    """Under `guide-tui serve` each tab starts with the CSS its starter parsed: it parses
    none of it again, and draws exactly what it draws when it parses its own (with another
    theme, whose colours change the rules, it parses its own)."""
    import textual.css.stylesheet as stylesheet

    monkeypatch.setattr(GuideApp, "parsed_css", None)
    alone = await _screenshot(GuideApp(load_guide(XIAOMI), theme=theme))
    starter = GuideApp(load_guide(XIAOMI))
    await _screenshot(starter)
    starter.share_parsed_css()
    parsed: list[str] = []
    parse = stylesheet.parse

    def counted(scope: str, css: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(css)
        return parse(scope, css, *args, **kwargs)

    monkeypatch.setattr(stylesheet, "parse", counted)
    assert await _screenshot(GuideApp(load_guide(XIAOMI), theme=theme)) == alone
    assert bool(parsed) == (theme is not None)


@pytest.mark.parametrize("theme", [None, "textual-light"])
async def test_the_first_show_styles_each_widget_once(monkeypatch: pytest.MonkeyPatch, theme: str | None) -> None:
    """The walker's widgets are styled as they are mounted; its first show does not style
    all of them again (Textual's default when a screen is resumed), which changed nothing."""
    restyled: list[str] = []
    update = Screen.update_node_styles

    def counted(self: Screen[Any], animate: bool = True) -> None:
        if isinstance(self, GuideScreen) and not self._first_frame_drawn:
            restyled.append("screen")
        update(self, animate)

    monkeypatch.setattr(Screen, "update_node_styles", counted)
    app = GuideApp(load_guide(XIAOMI), theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = app.export_screenshot()
        app.stylesheet.update(app, animate=False)  # every widget styled again
        await pilot.pause()
        assert app.export_screenshot() == shown
    assert restyled == ["screen"]  # once, by its size's classes (before its widgets are mounted)


async def test_in_a_browser_the_walker_is_styled_blurred_from_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's web driver tells the app it is blurred as it starts, which restyled every
    widget of the screen; under `guide-tui serve` the app is blurred before they are styled."""
    monkeypatch.setattr(GuideApp, "is_web", property(lambda self: True))
    restyled: list[Any] = []
    update = Screen.update_node_styles

    def counted(self: Screen[Any], animate: bool = True) -> None:
        restyled.append(self)
        update(self, animate)

    app = GuideApp(load_guide(XIAOMI))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.app_focus
        monkeypatch.setattr(Screen, "update_node_styles", counted)
        app.post_message(events.AppBlur())  # as the web driver does once it has started
        await pilot.pause()
        assert restyled == []
        await pilot.press("n")  # a key focuses the app, as a click in the page does
        await pilot.pause()
        assert app.app_focus and "第 2 步" in screen_text(app)
