"""A long guide paints its first step before the rest is read; the rest is checked
before any key walks, and an error in it ends the walk with the problem shown."""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

import pytest

from guide_tui.cli import main as cli
from guide_tui.core.loader import LoadResult, load_bytes, load_start
from guide_tui.progress.store import ProgressStore
from guide_tui.tui.app import GuideApp
from tests.tui.screen import screen_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from generate import guide_text


def long_guide(steps: int = 400, broken_at: int | None = None) -> bytes:
    text = guide_text(0, steps, "long")
    if broken_at:
        text = text.replace(f"  - id: s{broken_at}\n", f"  - id: s{broken_at}\n    next: nowhere\n", 1)
    return text.encode("utf-8")


def test_load_start_reads_only_the_first_steps() -> None:
    data = long_guide()
    start = load_start(data, "long.yaml")
    assert start is not None and [s.id for s in start.steps] == ["s1", "s2"]
    assert start.title == "示例指南 0000" and start.support  # what comes before the steps is read
    assert load_start(long_guide(2), "short.yaml") is None  # read to its end: load it whole
    assert load_start(b"format: 1\nid: x\ntitle: [\nsteps:\n  - title: a\n  - title: b\n  - title: c\n") is None


def test_load_start_finds_first_steps_beyond_its_first_lines() -> None:
    """The first steps of a file with a long summary lie past the part read first."""
    text = guide_text(0, 400, "long").replace("summary: ", "summary: " + "很长的摘要。" * 3000, 1)
    start = load_start(text.encode("utf-8"), "long.yaml")
    assert start is not None and len(start.steps) == 2


async def test_the_first_step_shows_at_once_and_keys_wait_for_the_rest(tmp_path: Path) -> None:
    data = long_guide()
    start = load_start(data, "long.yaml")
    ready = threading.Event()

    def rest() -> LoadResult:
        ready.wait(10)  # the test decides when the rest has been read
        return load_bytes(data, "long.yaml")

    app = GuideApp(start, lang="zh-CN", store=ProgressStore(tmp_path), rest=rest)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "1. 第 1 步的标题" in text and "正在读取指南的其余部分" in text
        await pilot.press("n")  # not yet: the rest may have an error
        await pilot.pause()
        assert app.walker.step.id == "s1" and app.session is None
        ready.set()
        await pilot.pause(0.2)  # the rest is read shortly after the first paint
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "第 1 步，共 400 步" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.walker.step.id == "s2" and app.session is not None
    assert app.problems == [] and app.return_code in (None, 0)


async def test_the_rest_once_read_is_skipped_by_the_cyclic_collector(tmp_path: Path) -> None:
    """The whole guide lives as long as the walk: once read, it is frozen (gc.freeze), so a
    full pass of the collector does not walk its thousands of objects while keys are typed."""
    data = long_guide()
    start = load_start(data, "long.yaml")
    read: list[LoadResult] = []

    def rest() -> LoadResult:
        read.append(load_bytes(data, "long.yaml"))
        return read[0]

    gc.unfreeze()
    try:
        app = GuideApp(start, lang="zh-CN", store=ProgressStore(tmp_path), rest=rest)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert read and app.walker.guide is read[0].guide
            guide = read[0].guide
            assert gc.is_tracked(guide) and _frozen(guide) and _frozen(guide.steps[-1])
    finally:
        gc.unfreeze()


def _frozen(guide: object) -> bool:
    """`guide` is in the collector's permanent generation: no generation holds it."""
    return not any(o is guide for o in gc.get_objects())


async def test_a_notice_given_while_the_rest_is_read_stays_once_it_is_read(tmp_path: Path) -> None:
    """Such as "this guide has no fr version": the screen is built again with the whole
    guide, and its notices with it."""
    data = long_guide()
    ready = threading.Event()

    def rest() -> LoadResult:
        ready.wait(10)
        return load_bytes(data, "long.yaml")

    app = GuideApp(load_start(data, "long.yaml"), lang="zh-CN", store=ProgressStore(tmp_path), rest=rest)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.say("language", "本指南没有 fr 版本", timeout=30)
        await pilot.pause()
        assert "本指南没有 fr 版本" in screen_text(app)
        ready.set()
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "第 1 步，共 400 步" in text and "本指南没有 fr 版本" in text


async def test_an_error_in_the_rest_ends_the_walk_with_the_problem_shown(tmp_path: Path) -> None:
    data = long_guide(broken_at=300)
    start = load_start(data, "long.yaml")
    app = GuideApp(start, lang="en", store=ProgressStore(tmp_path), rest=lambda: load_bytes(data, "long.yaml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)  # the rest is read shortly after the first paint
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "This guide has errors" in text and "`next: nowhere`" in text
        await pilot.press("n")  # nothing walks
        assert app.session is None
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 1
    assert [p.is_error for p in app.problems] == [True]


def test_the_command_line_starts_a_long_guide_from_its_first_steps(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "long.zh-CN.yaml"
    path.write_bytes(long_guide())
    monkeypatch.setattr(cli, "_can_draw", lambda: True)
    args = cli._walk_parser([]).parse_args([str(path), "--state-dir", str(tmp_path / "state")])
    found = cli._long_guide_start(path, args)
    assert found is not None and len(found[0].steps) == 2
    monkeypatch.setattr(cli, "LONG_GUIDE_BYTES", path.stat().st_size + 1)
    assert cli._long_guide_start(path, args) is None  # a short guide is read whole first


@pytest.mark.parametrize("first", ["    next: s3\n", "    ask:\n      key: k\n      prompt: p\n"])
def test_a_first_step_that_jumps_or_asks_reads_the_whole_guide_first(tmp_path: Path, monkeypatch, first) -> None:
    text = guide_text(0, 400, "long").replace("  - id: s1\n", "  - id: s1\n" + first, 1)
    if "ask" in first:
        text = text.replace(
            "      key: k\n      prompt: p\n",
            "      key: k\n      prompt: p\n      options:\n        - label: a\n        - label: b\n",
            1,
        )
    path = tmp_path / "long.zh-CN.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(cli, "_can_draw", lambda: True)
    args = cli._walk_parser([]).parse_args([str(path), "--state-dir", str(tmp_path / "state")])
    assert cli._long_guide_start(path, args) is None
