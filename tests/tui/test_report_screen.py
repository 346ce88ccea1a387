"""The hand-off report on screen (key e): readable rows, one scrollbar, saved where a
person keeps documents, downloaded in a browser under `guide-tui serve`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide_tui.core.loader import load_guide
from guide_tui.core.walker import Walker
from guide_tui.tui.app import GuideApp
from tests.tui.screen import screen_text

XIAOMI = Path(__file__).parents[2] / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"


def on_screen(app: GuideApp) -> str:
    """The screen's text without line breaks, borders or spaces (a long path wraps)."""
    return re.sub(r"[\s│]", "", screen_text(app))


def finished_walker() -> Walker:
    """The 支付宝 branch to the end, every checklist item ticked."""
    walker = Walker(load_guide(XIAOMI))
    while not walker.finished:
        if walker.step.ask:
            walker.answer(2 if walker.step.id == "choose-method" else 0)
        for item in range(len(walker.step.checklist)):
            walker.toggle(item)
        walker.advance()
    return walker


def test_durations_agree_with_the_times_shown() -> None:
    """23:07:17 -> 23:07:19 is 2 s, however the fractions of a second fall."""
    from guide_tui.export.report import render_report, report_data

    times = iter([1000.0, 1002.6, 1002.6, 1003.95, 1003.95])
    walker = Walker(load_guide(XIAOMI), clock=lambda: next(times))
    walker.advance()
    walker.advance()
    first, second = report_data(walker.guide, walker)["steps"][:2]
    assert first["seconds"] == 2 and second["seconds"] == 1
    text = render_report(walker.guide, walker, "markdown", "en", now=1003.95)
    for line in [line for line in text.splitlines() if line[:2] in ("1.", "2.")]:
        entered, left, seconds = re.search(r"entered (\S+), left (\S+) \((\d+) s\)", line).groups()
        to_seconds = [
            sum(int(x) * f for x, f in zip(hms.split(":"), (3600, 60, 1), strict=True)) for hms in (entered, left)
        ]
        assert to_seconds[1] - to_seconds[0] == int(seconds)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_rows_never_orphan_a_box_or_a_caveat_and_one_scrollbar(size: tuple[int, int]) -> None:
    app = GuideApp(load_guide(XIAOMI), walker=finished_walker())
    async with app.run_test(size=size) as pilot:
        await pilot.press("e")
        await pilot.pause()
        report = app.screen.query_one("#report-scroll")
        lines: list[str] = []
        while True:  # every line of the report, page by page
            lines += screen_text(app).splitlines()
            if report.scroll_y >= report.max_scroll_y:
                break
            await pilot.press("pagedown")
            await pilot.pause()
        text = "\n".join(lines)
        assert "[x] 已核对信息无误" in text
        # the caveat starts on the line of the number it qualifies, right after it
        assert "小米官方客服热线：400-100-5678\u00a0⚠\u00a0注意：实际电话号" in text
        for line in lines:
            inner = line.strip("│ ▁▂▃▄▅▆▇█")
            assert not re.fullmatch(r"(\d+\. )?\[[x ]\]|⚠|•", inner.strip()), line  # a mark with no text after it
        bars = [w for w in app.screen.query("*") if w.show_vertical_scrollbar]
        assert bars == [report]
        assert app.screen.query_one("#dialog").region == app.screen.region  # nothing of the walker shows round it


async def test_saving_goes_to_the_documents_folder_and_says_the_full_path(tmp_path, monkeypatch) -> None:
    import platformdirs

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: documents)
    monkeypatch.chdir(tmp_path)
    app = GuideApp(load_guide(XIAOMI), walker=finished_walker())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        [saved] = documents.glob("guide-tui-report-*.md")
        assert saved.read_text(encoding="utf-8") == app.screen.text
        assert str(saved) in on_screen(app)  # the full path, on screen
        assert not app.screen.query("Toast")  # said in the report, not over it
    assert not list(tmp_path.glob("*.md"))  # never into the folder it was started from


async def test_under_serve_the_report_downloads_in_the_browser(tmp_path, monkeypatch) -> None:
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: tmp_path)
    app = GuideApp(load_guide(XIAOMI), walker=finished_walker())
    delivered: list[tuple[str, str | None]] = []
    monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
    monkeypatch.setattr(app, "deliver_text", lambda file, **kw: delivered.append((file.read(), kw["save_filename"])))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        [(text, name)] = delivered
        assert text == app.screen.text and name and name.endswith(".md")
        assert name in on_screen(app)
    assert not list(tmp_path.iterdir())  # nothing written on the server


async def test_copying_says_which_tool_copied(tmp_path, monkeypatch) -> None:
    """c: a clipboard tool on PATH takes the report, and the screen names it."""
    tool = tmp_path / "xclip"
    tool.write_text(f"#!/bin/sh\nexec /bin/cat > {tmp_path}/got\n", encoding="utf-8")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("DISPLAY", ":0")
    for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    app = GuideApp(load_guide(XIAOMI), walker=finished_walker(), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert (tmp_path / "got").read_text(encoding="utf-8") == app.screen.text
        assert app.clipboard == app.screen.text  # sent to the terminal (OSC 52) too
        assert "Copied(withxclip)." in on_screen(app)


async def test_copying_with_no_clipboard_known_saves_and_says_the_full_path(tmp_path, monkeypatch) -> None:
    import platformdirs

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: documents)
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("TERM_PROGRAM", "Apple_Terminal")  # macOS Terminal.app ignores OSC 52
    app = GuideApp(load_guide(XIAOMI), walker=finished_walker())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        [saved] = documents.glob("guide-tui-report-*.md")
        assert saved.read_text(encoding="utf-8") == app.screen.text
        assert str(saved) in on_screen(app)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_path_a_copy_was_saved_to_has_a_line_of_its_own(
    tmp_path, monkeypatch, lang: str, size: tuple[int, int]
) -> None:
    """At 60x20 the report said "此终端可能无法复制，所以已另存为文件：\\x0a/root/Downloads/…",
    its line break shown as an escape (found in QA): the path starts a line of its own,
    and a path that fits a line is on one line, whole."""
    import tempfile

    import platformdirs

    from guide_tui.i18n import t

    documents = Path(tempfile.mkdtemp(prefix="g", dir="/tmp"))  # a path short enough for a line of 60x20
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: documents)
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("TERM_PROGRAM", "Apple_Terminal")
    monkeypatch.setattr("guide_tui.tui.screens.report.report_name", lambda guide_id: "r.md")
    app = GuideApp(load_guide(XIAOMI), walker=finished_walker(), lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("e", "c")
        await pilot.pause()
        [saved] = documents.glob("*.md")
        text = screen_text(app)
    saved.unlink()
    documents.rmdir()
    assert "\\x0a" not in text and "\\n" not in text
    lines = [line.strip("│ ") for line in text.splitlines()]
    at = lines.index(str(saved))  # the path, whole, on a line of its own
    assert lines[at - 1].endswith(t("copy.saved", lang, path="").strip()[-6:])  # after what copying did
