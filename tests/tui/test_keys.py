"""The key table (guide_tui/tui/keys.py): one declaration gives the bindings, the keys
bar, the help screen, the command palette and the plain mode's commands."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from guide_tui.core.loader import load_guide
from guide_tui.tui.keys import KEYS, key_for
from tests.tui.screen import screen_text

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = "write-your-first-guide"
XIAOMI = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"


def test_tutorial_keys_are_the_real_keys() -> None:
    """→ or n next, ? help, q quit: the keys the tutorial names."""
    from guide_tui.tui.screens.guide import GuideScreen

    keys: dict[str, set[str]] = defaultdict(set)
    for binding in GuideScreen.BINDINGS:
        keys[binding.action] |= set(binding.key.split(","))
    assert {"right", "n"} <= keys["next"] and "question_mark" in keys["help"] and "q" in keys["quit"]
    for language in ("en", "zh-CN"):
        body = load_guide(ROOT / "guides" / f"{TUTORIAL}.{language}.yaml").step("open-guide").body or ""
        assert all(f"**{k}**" in body for k in ("→", "n", "?", "q"))


def test_every_binding_has_an_id_from_the_table_and_words_in_both_languages() -> None:
    from guide_tui.i18n import CATALOGS
    from guide_tui.tui.screens.guide import GuideScreen
    from guide_tui.tui.screens.library import LibraryScreen
    from guide_tui.tui.widgets.choices import AskList, Checklist

    ids = [b.id for cls in (GuideScreen, LibraryScreen, AskList, Checklist) for b in cls.BINDINGS]
    assert len(ids) == len(set(ids)) and all(key_for(i) is not None for i in ids)
    assert {"guide.next", "guide.answer-1", "guide.answer-9", "guide.scroll-home", "answers.choose"} <= set(ids)
    for key in KEYS:
        for message in (key.label, key.help, key.plain_label, key.plain_help):
            if message:
                assert all(message in catalog for catalog in CATALOGS.values()), message


def test_the_table_is_read_by_plain_mode_without_textual() -> None:
    code = (
        "import sys\n"
        "import guide_tui.cli.plain, guide_tui.tui.keys\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_plain_help_and_commands_come_from_the_table() -> None:
    import io

    from guide_tui.cli.plain import PlainWalk
    from guide_tui.i18n import t
    from guide_tui.tui.keys import plain_keys

    out = io.StringIO()
    walk = PlainWalk(load_guide(XIAOMI), "en", io.StringIO(""), out)
    walk.show_help()
    lines = out.getvalue().splitlines()
    assert lines[1:] == [t(key.plain_help, "en") for key in plain_keys()]
    assert walk.command_list() == "n next, s support, ? help, q quit"


async def test_set_keymap_remaps_a_key_by_its_id_and_every_view_follows() -> None:
    from guide_tui.tui.app import GuideApp
    from guide_tui.tui.widgets.keys_bar import KeysBar

    app = GuideApp(load_guide(XIAOMI), lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_keymap({"guide.next": "l", "guide.help": "h"})
        await pilot.pause()
        await pilot.press("n")  # no longer bound
        assert app.walker.step.id == "login"
        await pilot.press("l")
        assert app.walker.step.id == "my-orders"
        bar = screen_text(app).splitlines()[-1]
        assert bar.startswith("l Next") and "h Help" in bar, bar
        assert app.screen.query_one(KeysBar).keys()
        await pilot.press("h")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
        text = screen_text(app)
        assert "l  " in text and "Next step" in text


async def test_the_palette_offers_the_screens_commands_in_the_interface_language() -> None:
    from guide_tui.tui.app import GuideApp

    app = GuideApp(load_guide(XIAOMI))
    async with app.run_test(size=(100, 30)) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"客服 (s)", "步骤 (o)", "报告 (e)", "帮助 (?)", "退出 (q)"} <= set(commands)
        assert "下一步 (→/n)" not in commands  # keys that are not palette commands stay out
        app.call_later(commands["步骤 (o)"].callback)
        await pilot.pause()
        await pilot.pause()
        assert app.screen.__class__.__name__ == "OutlineScreen"


async def test_printing_and_flushing_inside_the_app_is_harmless() -> None:
    """print() and flush() inside the app reach Textual's own _flush (which this app
    once overrode by accident with a method of another signature)."""
    from guide_tui.tui.app import GuideApp

    app = GuideApp(load_guide(XIAOMI))
    async with app.run_test(size=(80, 24)) as pilot:
        assert type(sys.stdout).__name__ == "_PrintCapture"  # Textual's capture, which calls app._flush
        print("x")
        sys.stdout.flush()
        sys.stderr.flush()
        await pilot.press("n")
        assert app.walker.step.id == "my-orders" and app.is_running
