"""A support number as a QR code (p on the walker screen, screens/qr.py): the code as
the terminal shows it decodes to the number (read with zxing-cpp, a QR reader), its
disclaimer stands beside it, it fits 60x20 or says how much room it needs, and c
copies the number saying how."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import zxingcpp
from rich.color import Color
from textual.app import App
from textual.widget import Widget

from guide_tui.core.loader import load_guide
from guide_tui.export.qr import QUIET, half_blocks, modules
from guide_tui.i18n import t
from guide_tui.tui.app import GuideApp
from guide_tui.tui.screens.qr import QrScreen
from guide_tui.tui.widgets.panels import SupportPanel
from guide_tui.tui.widgets.qr_code import QrCode, light_terminal
from tests.tui.screen import screen_text

ROOT = Path(__file__).resolve().parents[2]
GUIDES = {
    "zh-CN": ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml",
    "en": ROOT / "guides" / "xiaomi-installment-priority-payment.en.yaml",
}
TEL = "tel:4001005678"


def decode(rows: list[list[bool]], scale: int = 4) -> list[str]:
    """What a QR reader finds in modules drawn black on white, `scale` pixels a module."""
    height, width = len(rows) * scale, len(rows[0]) * scale
    pixels = bytearray()
    for row in rows:
        line = b"".join((b"\x00" if dark else b"\xff") * scale for dark in row)
        pixels += line * scale
    image = memoryview(bytes(pixels)).cast("B", shape=(height, width))
    return [found.text for found in zxingcpp.read_barcodes(image)]


def _dark(color: Color | None, default_dark: bool) -> bool:
    if color is None or color.is_default:
        return default_dark  # the terminal's own colour: taken as light text on a dark background
    r, g, b = color.get_truecolor()
    return 0.299 * r + 0.587 * g + 0.114 * b < 128


def modules_on_screen(app: App, widget: Widget) -> list[list[bool]]:
    """The widget's cells as the terminal shows them, back to modules: a cell's upper
    half is the ink's colour under "▀" and "█", else the background's; its lower half
    likewise under "▄" and "█"."""
    region = widget.region
    strips = app.screen._compositor.render_strips()
    rows: list[list[bool]] = []
    for y in range(region.y, region.bottom):
        top: list[bool] = []
        bottom: list[bool] = []
        for segment in strips[y].crop(region.x, region.right):
            style = segment.style
            for ch in segment.text:
                ink, ground = (style.color, style.bgcolor) if style else (None, None)
                top.append(_dark(ink, False) if ch in "▀█" else _dark(ground, True))
                bottom.append(_dark(ink, False) if ch in "▄█" else _dark(ground, True))
        rows += [top, bottom]
    return rows


def region_text(app: App, widget: Widget) -> str:
    """What the terminal shows inside a widget, line by line."""
    region = widget.region
    strips = app.screen._compositor.render_strips()
    return "\n".join(strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom))


def squash(text: str) -> str:
    return re.sub(r"[\s│╭╮╰╯─]", "", text)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_p_shows_the_number_as_a_code_with_its_disclaimer_beside_it(lang: str, size: tuple[int, int]) -> None:
    guide = load_guide(GUIDES[lang])
    hotline = guide.support[0]
    app = GuideApp(guide, lang=lang)
    async with app.run_test(size=size) as pilot:
        # the support panel's border says which key shows the code
        assert app.screen.query_one(SupportPanel).border_subtitle == f"{t('key.qr', lang)} (p)"
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, QrScreen) and app.screen.mode == "side"  # fits beside its text at 60x20
        code = app.screen.query_one(QrCode)
        assert app.screen.region.contains_region(code.region)  # wholly on screen
        seen = modules_on_screen(app, code)
        assert decode(seen) == [TEL]
        n = len(seen[0])
        assert not any(seen[y][x] for y in range(QUIET) for x in range(n))  # a light quiet zone above
        assert not any(row[x] for row in seen for x in range(QUIET))  # and on the left
        text = app.screen.query_one("#qr-side")
        assert text.region.x >= code.region.right and text.region.y < code.region.bottom  # beside the code
        beside = region_text(app, text)
        shown = squash(beside)
        assert squash(f"{hotline.phone}") in shown and squash(hotline.disclaimer or "") in shown
        # the caveat starts on the line right under the number, as in the support panel
        lines = beside.splitlines()
        number = next(i for i, line in enumerate(lines) if hotline.phone in line)
        assert lines[number + 1].lstrip().startswith("⚠")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QrScreen)


async def test_under_no_color_the_code_still_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR: Textual turns colours to grey levels; black and white stay."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = GuideApp(load_guide(GUIDES["zh-CN"]), lang="zh-CN")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await pilot.press("p")
        await pilot.pause()
        assert decode(modules_on_screen(app, app.screen.query_one(QrCode))) == [TEL]


@pytest.mark.parametrize("theme", ["textual-light", "high-contrast", "textual-ansi"])
async def test_every_theme_draws_it_black_on_white(theme: str) -> None:
    app = GuideApp(load_guide(GUIDES["en"]), lang="en", theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert decode(modules_on_screen(app, app.screen.query_one(QrCode))) == [TEL]


def test_without_our_colours_the_ink_draws_what_the_terminal_background_is_not() -> None:
    """With the terminal's own colours only, a light-on-dark terminal's ink is light."""
    rows = modules(TEL)
    for ink, dark_ink in ((False, False), (True, True)):
        lines = half_blocks(rows, ink=ink)
        # back to modules as the terminal shows them: inked halves take the ink's shade
        drawn = []
        for line in lines:
            drawn.append([(ch in "▀█") == dark_ink for ch in line])
            drawn.append([(ch in "▄█") == dark_ink for ch in line])
        assert decode(drawn[: len(rows)]) == [TEL]
    assert light_terminal({"COLORFGBG": "0;15"}) and not light_terminal({"COLORFGBG": "15;0"})
    assert not light_terminal({})


async def test_a_narrow_tall_window_puts_the_contact_above_the_code() -> None:
    app = GuideApp(load_guide(GUIDES["zh-CN"]), lang="zh-CN")
    async with app.run_test(size=(42, 32)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.mode == "stacked"
        code = app.screen.query_one(QrCode)
        caveat = app.screen.query_one("#qr-text")
        assert caveat.region.bottom <= code.region.y  # the number and its caveat first, then the code
        assert app.screen.region.contains_region(code.region)
        assert decode(modules_on_screen(app, code)) == [TEL]


async def test_a_window_too_small_says_the_room_the_code_needs() -> None:
    app = GuideApp(load_guide(GUIDES["en"]), lang="en")
    async with app.run_test(size=(44, 14)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.mode == "small" and not app.screen.query(QrCode)
        shown = squash(screen_text(app))
        assert squash("The QR code needs a window of at least") in shown
        assert "400-100-5678" in shown  # the number and its caveat are still there
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.mode == "side" and decode(modules_on_screen(app, app.screen.query_one(QrCode))) == [TEL]


@pytest.mark.parametrize(("lang", "size"), [("zh-CN", (80, 24)), ("en", (60, 20))])
async def test_c_copies_the_number_and_says_how(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, size: tuple[int, int]
) -> None:
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))  # no clipboard tool, a terminal that cannot tell
    monkeypatch.setenv("TERM", "xterm-256color")
    for name in ("TERM_PROGRAM", "TMUX", "WT_SESSION", "KITTY_WINDOW_ID", "VTE_VERSION", "DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    app = GuideApp(load_guide(GUIDES[lang]), lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("p", "c")
        await pilot.pause()
        assert app.clipboard == "400-100-5678"  # sent to the terminal (OSC 52) too: the bare number, for a dialler
        [saved] = tmp_path.glob("guide-tui-*.txt")
        # The file, read later, held only "400-100-5678" (found in QA): it holds whose number
        # it is, and the number with its caveat right beside it.
        name, number = saved.read_text(encoding="utf-8").splitlines()
        contact = app.screen.code.contact
        assert name == contact.name
        assert number.startswith(f"{t('export.phone', lang, phone='400-100-5678')}")
        assert contact.disclaimer.split()[0] in number
        status = app.screen.query_one("#qr-status")
        side = app.screen.query_one("#qr-side")
        if side.max_scroll_y == 0:  # words that fit stay at the top, beside the code's top
            assert app.screen.query_one("#qr-name").region.y == side.region.y
        shown = region_text(app, side)  # the number and its caveat are in view together
        assert "400-100-5678" in shown and "⚠" in shown
        assert squash(str(saved)[:10]) in squash(shown)  # what copying did, at least its start
        assert squash(str(saved)) in squash(status.render().plain)  # the full path
        assert decode(modules_on_screen(app, app.screen.query_one(QrCode))) == [TEL]  # the code did not move


async def test_left_and_right_go_through_every_contacts_codes(tmp_path: Path) -> None:
    guide = tmp_path / "two.en.yaml"
    guide.write_text(
        "format: 1\nid: two\ntitle: T\nsupport:\n"
        "  - name: Help desk\n    phone: +44 20 7946 0000\n    url: https://example.org/help\n"
        "    disclaimer: Calls may be recorded.\n"
        "  - name: Night line\n    phone: 0800 000 000\n"
        "steps:\n  - title: One\n",
        encoding="utf-8",
    )
    app = GuideApp(load_guide(guide), lang="en")
    seen = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        for _ in range(3):
            dialog = app.screen.query_one("#dialog")
            seen.append((str(dialog.border_title), decode(modules_on_screen(app, app.screen.query_one(QrCode)))))
            await pilot.press("right")
            await pilot.pause()
        await pilot.press("left")
        await pilot.pause()
        assert "(3/3)" in str(app.screen.query_one("#dialog").border_title)
    assert seen == [
        ("Scan with your phone (1/3)", ["tel:+442079460000"]),
        ("Scan with your phone (2/3)", ["https://example.org/help"]),
        ("Scan with your phone (3/3)", ["tel:0800000000"]),
    ]


async def test_the_key_is_there_only_when_a_contact_has_a_number_or_an_address(tmp_path: Path) -> None:
    guide = tmp_path / "no-phone.en.yaml"
    guide.write_text(
        "format: 1\nid: no-phone\ntitle: T\nsupport:\n  - name: Chat\n    channel: the app's chat\n"
        "steps:\n  - title: One\n",
        encoding="utf-8",
    )
    app = GuideApp(load_guide(guide), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "QR" not in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert not isinstance(app.screen, QrScreen)


PROBE = """
import asyncio, sys
from guide_tui.core.loader import load_guide
from guide_tui.tui.app import GuideApp

async def main():
    app = GuideApp(load_guide(sys.argv[1]), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = "segno" in sys.modules
        await pilot.press("p")
        await pilot.pause()
        print(before, "segno" in sys.modules)

asyncio.run(main())
"""


def test_segno_is_imported_only_when_a_code_is_drawn() -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(GUIDES["en"])], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]


def test_plain_mode_gives_the_number_and_its_disclaimer_and_no_code() -> None:
    import io

    from guide_tui.cli.plain import run_plain

    out = io.StringIO()
    run_plain(load_guide(GUIDES["en"]), lang="en", stdin=io.StringIO("s\nq\n"), stdout=out)
    text = out.getvalue()
    lines = [line for line in text.splitlines() if "400-100-5678" in line]
    assert len(lines) == 2  # before step 1, and on `s`
    assert all("The actual phone number may be different" in line for line in lines)  # on the number's own line
    assert not set("▀▄█") & set(text)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_code_screen_snapshot(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(GuideApp(load_guide(GUIDES["zh-CN"])), press=["p"], terminal_size=size)


MULTI = """\
format: 1
id: multi
language: zh-CN
title: 多个联系方式测试
summary: 测试。
support:
  - {name: 热线, phone: 400-100-5678, disclaimer: 实际电话号码可能会有所不同，请以小米官网公布为准。}
  - {name: Second hotline, phone: "+86 10 1234 5678", disclaimer: 仅限工作日。}
steps:
  - {id: one, title: 第一步, body: 联系客服。, show_support: true}
"""


async def test_the_words_beside_the_code_are_set_as_chinese_is_and_keep_a_number_and_a_path_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 60x20, zh: "此终端可能无法复制" / "，所以已另存为文件" / "：/root/Downloads/g" …,
    lines beginning with "，" and "：" and the path cut anywhere; "即可拨打 +86 10" /
    "1234 5678。" (found in QA). The words are set as every text is, and the path has a
    line of its own."""
    import platformdirs

    from guide_tui.core.text import NO_LINE_START

    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    monkeypatch.setenv("TERM", "xterm-256color")
    for name in ("TERM_PROGRAM", "TMUX", "WT_SESSION", "KITTY_WINDOW_ID", "VTE_VERSION", "DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    guide_file = tmp_path / "multi.zh-CN.yaml"
    guide_file.write_text(MULTI, encoding="utf-8")
    app = GuideApp(load_guide(guide_file), lang="zh-CN")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("p", "right")
        await pilot.pause()
        how = app.screen.query_one("#qr-how").render().plain
        assert any("+86 10 1234 5678" in line for line in how.splitlines()), how  # the number on one line
        await pilot.press("c")
        await pilot.pause()
        status = app.screen.query_one("#qr-status").render().plain.splitlines()
        [saved] = tmp_path.glob("guide-tui-*.txt")
    assert all(line.strip() and line.strip()[0] not in NO_LINE_START for line in status), status
    at = next(n for n, line in enumerate(status) if line.startswith("/"))  # the path begins its own line
    assert status[at - 1].endswith("：") and "".join(status[at:]) == str(saved), status
