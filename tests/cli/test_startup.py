"""The program starts with the cyclic collector paused and turns it back on
once it has started (see guide_tui/startup.py)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from guide_tui.cli import startup
from guide_tui.cli.main import main

XIAOMI = Path(__file__).parents[2] / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"


@pytest.fixture(autouse=True)
def collector():
    """Each test starts with the collector on and leaves it so, nothing frozen (a test run
    before it in the same worker may have frozen objects: the library and `validate` do)."""
    assert gc.isenabled()
    gc.unfreeze()
    yield
    startup._paused = False
    gc.unfreeze()
    gc.enable()


def test_pause_and_resume() -> None:
    startup.pause_collector()
    assert not gc.isenabled()
    startup.resume_collector()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what the start made is skipped by later collections
    startup.resume_collector()  # a second call changes nothing
    assert gc.isenabled()


def test_resume_leaves_a_collector_turned_off_by_someone_else_alone() -> None:
    gc.disable()
    startup.pause_collector()  # already off: not ours to turn on
    startup.resume_collector()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_the_program_runs_a_command_with_the_collector_on(monkeypatch, capsys) -> None:
    from guide_tui.cli.commands import validate

    seen: dict[str, bool] = {}
    real_add, real_run = validate.add_arguments, validate.run

    def add_arguments(parser, lang):
        seen["while starting"] = gc.isenabled()
        real_add(parser, lang)

    def run(args):
        seen["while running"] = gc.isenabled()
        return real_run(args)

    monkeypatch.setattr(validate, "add_arguments", add_arguments)
    monkeypatch.setattr(validate, "run", run)
    monkeypatch.setattr(sys, "argv", ["guide-tui", "validate", str(XIAOMI)])
    assert main() == 0
    assert seen == {"while starting": False, "while running": True}
    assert gc.isenabled()
    assert "1 guide, 0 errors" in capsys.readouterr().out


def test_a_failed_start_still_turns_the_collector_back_on(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["guide-tui", "validate"])  # missing PATH: a usage error
    with pytest.raises(SystemExit):
        main()
    assert gc.isenabled()


def test_main_called_from_python_leaves_the_collector_alone(monkeypatch, capsys) -> None:
    from guide_tui.cli.commands import validate

    seen = []
    real_add = validate.add_arguments
    monkeypatch.setattr(
        validate, "add_arguments", lambda parser, lang: (seen.append(gc.isenabled()), real_add(parser, lang))
    )
    assert main(["validate", str(XIAOMI)]) == 0
    assert seen == [True]
    assert gc.get_freeze_count() == 0


async def test_the_full_screen_turns_the_collector_on_once_drawn() -> None:
    from guide_tui.core.loader import load_guide
    from guide_tui.tui.app import GuideApp

    startup.pause_collector()
    app = GuideApp(load_guide(XIAOMI), on_first_paint=startup.resume_collector)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.isenabled()
