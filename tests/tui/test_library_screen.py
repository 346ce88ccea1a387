"""Pilot tests of the library: filter as you type, open, back, the failed-guides screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_tui.progress.store import ProgressStore
from guide_tui.tui.app import GuideApp
from tests.tui.screen import DrawnCells, screen_text

LIBRARY = Path(__file__).parents[1] / "data" / "cli" / "library"


async def test_lists_bundled_and_extra_guides_and_counts_failures(tmp_path) -> None:
    app = GuideApp(lang="zh-CN", store=ProgressStore(tmp_path), guide_dirs=(str(LIBRARY),))
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "小米分期如何更改优先支付方式" in text
        assert "zh-CN、en" in text and "约 10 分钟" in text and "未开始" in text  # the tutorial
        assert "个指南文件无法加载" in text
        screen = app.screen
        assert len(screen.library.failures) >= 1


async def test_typing_filters_chinese_and_english_and_enter_opens(tmp_path) -> None:
    app = GuideApp(lang="en", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*"小米")
        await pilot.pause()
        assert [e.id for e in app.screen.shown] == ["xiaomi-installment-priority-payment"]
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert len(app.screen.shown) >= 2
        await pilot.press(*"payment")
        await pilot.pause()
        assert app.screen.shown[0].id == "xiaomi-installment-priority-payment"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "GuideScreen"
        assert app.guide.id == "xiaomi-installment-priority-payment"
        await pilot.press("n", "n")
        assert app.walker.step.id == "choose-order"
        await pilot.press("escape")  # back to the library, progress saved
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LibraryScreen"
        assert "step 3 of 7" in screen_text(app)


async def test_no_match_says_so(tmp_path) -> None:
    app = GuideApp(lang="en", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*"zzzzqqq")
        await pilot.pause()
        assert app.screen.shown == []
        assert "No guide matches" in screen_text(app)
        await pilot.press("enter")  # nothing to open: nothing happens
        assert app.screen.__class__.__name__ == "LibraryScreen"


async def test_failed_guides_screen_lists_path_line_column(tmp_path) -> None:
    app = GuideApp(lang="en", store=ProgressStore(tmp_path), guide_dirs=(str(LIBRARY),))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = app.screen.query_one("#guides")
        options.move_to(options.row_count - 1)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ErrorsScreen"
        failure = app.screen.failures[0].errors[0]
        assert f"{failure.path}:{failure.line}:{failure.column}: error:" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LibraryScreen"


async def test_a_guide_to_follow_comes_before_the_authors_tutorial(tmp_path) -> None:
    """A person who opens the library and presses Enter lands in a guide, not in YAML."""
    app = GuideApp(lang="zh-CN", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [e.id for e in app.screen.shown] == ["xiaomi-installment-priority-payment", "write-your-first-guide"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.guide.id == "xiaomi-installment-priority-payment"


async def test_esc_in_an_unfiltered_library_asks_before_quitting(tmp_path) -> None:
    app = GuideApp(lang="en", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*"tea", "escape")  # clears the filter
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LibraryScreen" and app.is_running
        await pilot.press("escape")  # nothing to clear: it asks
        await pilot.pause()
        assert app.screen.__class__.__name__ == "Confirm" and "Quit guide-tui?" in screen_text(app)
        await pilot.press("enter")  # "Cancel" has the focus: Enter does no harm
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LibraryScreen" and app.is_running
        await pilot.press("escape", "tab", "enter")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_library_keys_bar_and_help_list_every_key(tmp_path) -> None:
    app = GuideApp(lang="en", store=ProgressStore(tmp_path))
    async with app.run_test(size=(60, 20)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
        assert "F1 Help" in bar and "^q Quit" in bar
        await pilot.press("f1")
        await pilot.pause()
        text = screen_text(app)
        assert app.screen.__class__.__name__ == "HelpScreen"
        for words in ("Open the guide under the cursor", "Esc", "asks whether to quit", "Ctrl+Q"):
            assert words in text


def test_library_snapshot(snap_compare, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GUIDE_TUI_STATE_DIR", str(tmp_path))

    async def settle(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = GuideApp(lang="zh-CN", store=ProgressStore(tmp_path))
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


@pytest.mark.parametrize(
    "query, heard",
    [("xmfq", "xiao mi fen qi"), ("xiaomi", "xiao mi"), ("xiao mi", "xiao mi"), ("小米fq", "fen qi")],
)
async def test_pinyin_finds_the_xiaomi_guide_and_says_why(tmp_path, query, heard) -> None:
    """Chinese readers type pinyin: initials, whole syllables, or mixed with characters."""
    app = GuideApp(lang="zh-CN", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*query)
        await pilot.pause()
        assert [e.id for e in app.screen.shown][:1] == ["xiaomi-installment-priority-payment"]
        assert f"拼音 {heard}" in screen_text(app)  # why it matched, on its row
        await pilot.press("enter")
        await pilot.pause()
        assert app.guide.id == "xiaomi-installment-priority-payment"


def _many_guides(tmp_path: Path) -> Path:
    """A folder of 300 guides, "Guide number 000" to "Guide number 299"."""
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(300):
        (folder / f"g{n:03d}.en.yaml").write_text(
            f"format: 1\nid: g{n:03d}\nlanguage: en\ntitle: Guide number {n:03d}\n"
            "steps:\n  - title: Only\n    body: Do it.\n",
            encoding="utf-8",
        )
    return folder


async def test_a_large_library_lists_every_guide_and_narrows_as_you_type(tmp_path) -> None:
    folder = _many_guides(tmp_path)
    app = GuideApp(lang="en", store=ProgressStore(tmp_path / "state"), guide_dirs=(str(folder),))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.screen.shown) == 302  # and the two bundled guides
        assert "302 of 302 guides" in screen_text(app)
        await pilot.press(*"number 12")
        await pilot.pause()
        assert [e.id for e in app.screen.shown] == [f"g{n:03d}" for n in range(300) if "12" in f"{n:03d}"]
        assert "13 of 302 guides" in screen_text(app)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.guide.id == "g120"


async def test_a_letter_typed_in_the_filter_is_one_frame_and_no_layout(tmp_path, monkeypatch) -> None:
    """What a letter finds is drawn in the frame that shows the letter, and the screen is
    not laid out again while the list fills its room: a layout of every widget, or a
    second frame, per key was most of a key's time in a large library (docs/performance.md)."""
    from textual._compositor import Compositor

    calls = {"reflow": 0, "render_update": 0}
    for name in calls:
        original = getattr(Compositor, name)

        def spy(self, *args, _original=original, _name=name, **kwargs):
            calls[_name] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Compositor, name, spy)
    folder = _many_guides(tmp_path)
    app = GuideApp(lang="en", store=ProgressStore(tmp_path / "state"), guide_dirs=(str(folder),))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        app.screen.query_one("#filter").cursor_blink = False
        await pilot.pause(0.1)  # its frame drawn
        typed = "number 1"  # each letter still finds more guides than the screen shows
        for letter in typed:
            calls.update(reflow=0, render_update=0)
            await pilot.press("space" if letter == " " else letter)
            await pilot.pause()
            assert calls == {"reflow": 0, "render_update": 1}, letter
        assert len(app.screen.shown) == sum("1" in f"{n:03d}" for n in range(300))
        assert "Guide number 001" in screen_text(app)


async def test_moving_onto_a_guide_whose_title_wraps_draws_its_row_once(tmp_path: Path) -> None:
    """At 60x20 the Xiaomi guide's English title takes two lines when its row is
    highlighted, and the list grows a line. The list showed a scroll bar for the height it
    had until its layout, and the layout's frame drew the row two columns short ("#小米分期 #"
    where "#小米分期 #小…" fits), drawn again at its width a frame later."""
    app = GuideApp(None, lang="en", store=ProgressStore(tmp_path))
    cells = DrawnCells(app)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        shown = await cells.press(pilot, "up")
    # the English guide's own tags beside its English title, not the Chinese guide's (found in QA)
    assert "Installments (小米分期)" in shown and "#Xiaomi Installments #小 …" in shown and "› How to change" in shown
    assert cells.frames and all(frame == shown for frame in cells.frames), cells.frames


async def test_a_language_chosen_in_a_guide_is_the_library_s_too(tmp_path) -> None:
    """Ctrl+P, 简体中文 in a guide opened from an English library: back in the library
    (Esc) its title, filter, count and key bar were still English (found in QA)."""
    from guide_tui.i18n import t

    app = GuideApp(lang="en", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*"xiaomi", "enter")
        await pilot.pause(0.3)
        assert app.screen.__class__.__name__ == "GuideScreen"
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"简体中文")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert app.screen.__class__.__name__ == "LibraryScreen"
        text = screen_text(app)
    assert t("library.title", "zh-CN") in text and t("library.title", "en") not in text
    assert "Open" not in text.splitlines()[-1], text  # the key bar: 打开, not Open


async def test_a_guide_that_does_not_load_shows_every_error_and_esc_comes_back(tmp_path, monkeypatch) -> None:
    """A guide chosen in the library that did not load showed its errors in the notice
    area, six lines at most: at 60x20 the second error stopped in mid-sentence, with no
    sign there was more (found in QA). They are on a screen of their own, whole."""
    folder = tmp_path / "guides"
    folder.mkdir()
    broken = folder / "qa-broken.zh-CN.yaml"
    broken.write_text(
        "format: 1\nid: qa-broken\nlanguage: zh-CN\ntitle: 坏掉的指南\nsteps:\n"
        "  - title: 第一步\n    chekclist: [a]\n    body: 做点什么\n    next: nowhere\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)  # paths as short as QA's: guides/qa-broken.zh-CN.yaml
    app = GuideApp(lang="zh-CN", store=ProgressStore(tmp_path / "state"), guide_dirs=("guides",))
    async with app.run_test(size=(60, 20)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*"huai", "enter")
        await pilot.pause(0.3)
        assert app.screen.__class__.__name__ == "FileErrorsScreen"
        text = "".join(screen_text(app).split())  # the lines joined, without the spaces that fill them
        for problem in (
            "guides/qa-broken.zh-CN.yaml:7:5: error: 第 1 步中有未知的键 `chekclist`；您是想写 `checklist` 吗？",
            "guides/qa-broken.zh-CN.yaml:9:11: error: `next: nowhere` 指向的步骤不存在；请使用步骤的 id 或 `end`",
        ):
            assert "".join(problem.split()) in text, text
        assert screen_text(app).splitlines()[-1].startswith("Esc ")
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert app.screen.__class__.__name__ == "LibraryScreen" and app.is_running


@pytest.mark.parametrize("query", ["payment", "method", "installment"])
async def test_a_match_s_excerpt_is_cut_between_words_not_inside_one(tmp_path, query: str) -> None:
    """The words around a match in the English title, shown under the Chinese one: cut at a
    word boundary ("…priority payment method in…"), not inside a word ("…he priority")."""
    import re

    from guide_tui.core.loader import load_guide

    english = load_guide(Path(__file__).parents[2] / "guides" / "xiaomi-installment-priority-payment.en.yaml").title
    words = set(re.findall(r"[A-Za-z]+", english))
    app = GuideApp(lang="zh-CN", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*query)
        await pilot.pause()
        found = re.search(r"“…?([^”]*?)…?”", screen_text(app))
        assert found and query in found.group(1).lower(), screen_text(app)
        shown = re.findall(r"[A-Za-z]+", found.group(1))
        assert shown and set(shown) <= words, shown  # each word whole: "he" and "X" are not words of it


async def test_a_chinese_summary_s_line_break_is_no_space_in_its_excerpt(tmp_path) -> None:
    """The Xiaomi summary breaks a line after "财务状况,": its excerpt read "财务状况, 或是",
    a space no Chinese reader writes (the walker and the exports join such lines as CSS
    does: core/text_breaks.soft_break)."""
    app = GuideApp(lang="zh-CN", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*"或是")
        await pilot.pause()
        text = screen_text(app)
    assert "财务状况,或是" in text, text


async def test_the_highlighted_guide_is_marked_without_colour_too(tmp_path) -> None:
    """With NO_COLOR the highlighted row differed from the others only by a grey a shade
    lighter (found in QA): a "›" before its title says where the user is."""
    app = GuideApp(lang="zh-CN", store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "› 小米分期如何更改优先支付方式" in text and "› 编写" not in text
        await pilot.press("down")
        await pilot.pause()
        text = screen_text(app)
        assert "› 编写您的第一份指南" in text and "› 小米" not in text


@pytest.mark.parametrize("keys", [(), ("n", "n", "n", "2", "n")], ids=["step 1", "step 5"])
async def test_esc_after_s_gives_the_keys_back_to_the_step_and_stays_in_the_guide(tmp_path, keys) -> None:
    """On a step with no list to take the keys (steps 1 and 5 of the Xiaomi guide), Esc after
    s left the guide for the library, where help says it gives the keys back to the step
    (found in QA). It leaves the support panel, the step's top in view; a second Esc goes
    to the library."""
    from guide_tui.tui.widgets.panels import SupportPanel

    app = GuideApp(lang="zh-CN", store=ProgressStore(tmp_path))
    async with app.run_test(size=(60, 20)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*"小米", "enter", *keys)
        await pilot.pause()
        step = app.walker.step.id
        assert not app.screen.parts()  # no answers, no checklist
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen.focused, SupportPanel)
        assert "Esc 回到这一步" in screen_text(app).splitlines()[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "GuideScreen" and app.walker.step.id == step
        assert not isinstance(app.screen.focused, SupportPanel)
        assert f"{len(app.walker.path)}. " in screen_text(app)  # the step's title, in view again
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LibraryScreen"
