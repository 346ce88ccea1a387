"""Live preview (`guide-tui GUIDE --watch`): a save reloads the guide where the user is;
errors show in place of the step until the file is saved without them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from guide_tui.cli.main import main
from guide_tui.core.loader import load_file, load_guide
from guide_tui.progress.store import ProgressStore
from guide_tui.tui.app import GuideApp
from guide_tui.tui.screens.file_errors import FileErrorsScreen
from guide_tui.tui.screens.guide import GuideScreen
from guide_tui.tui.watch import signature
from tests.tui.screen import screen_text

XIAOMI_EN = Path(__file__).parents[2] / "guides" / "xiaomi-installment-priority-payment.en.yaml"
STEP_3 = "Choose the order whose payment method you want to change"


@pytest.fixture
def guide_file(tmp_path: Path) -> Path:
    path = tmp_path / "x.en.yaml"
    shutil.copy(XIAOMI_EN, path)
    return path


def save(path: Path, old: str, new: str) -> None:
    """What an editor does: the whole file written again (another size, so the change is seen)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def saved_and_seen(app: GuideApp, pilot, path: Path, old: str, new: str) -> None:
    before = signature(path)
    save(path, old, new)
    assert signature(path) != before
    await app.preview.check()  # what the interval timer calls; called here so the test does not wait on a clock
    await pilot.pause()


async def test_a_save_reloads_the_guide_at_the_same_step(guide_file, tmp_path) -> None:
    store = ProgressStore(tmp_path / "state")
    guide = load_guide(guide_file)
    app = GuideApp(guide, lang="en", session=store.open(guide), store=store, watch=guide_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")
        await pilot.pause()
        assert "3. Choose the order whose payment" in screen_text(app)
        await saved_and_seen(app, pilot, guide_file, f"title: {STEP_3}", "title: Pick the order")
        text = screen_text(app)
        assert "3. Pick the order" in text and "Step 3 of 7" in text and "Reloaded x.en.yaml." in text
        assert app.walker.path == ["login", "my-orders", "choose-order"] and app.walker.guide is app.guide
        assert isinstance(app.screen, GuideScreen) and len(app.screen_stack) == 1
        await pilot.press("n")  # the walk goes on in the new version
        await pilot.pause()
        assert "4. Change the payment method" in screen_text(app)
        app.session.flush()
    saved = json.loads((tmp_path / "state" / "xiaomi-installment-priority-payment.en.json").read_text())
    assert saved["guide"]["content_hash"] == load_guide(guide_file).content_hash  # progress follows the new file
    assert saved["walk"]["current"] == "find-option"


async def test_errors_show_in_place_of_the_step_until_the_file_is_fixed(guide_file) -> None:
    app = GuideApp(load_guide(guide_file), lang="en", watch=guide_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")
        await saved_and_seen(app, pilot, guide_file, f"title: {STEP_3}", f"titel: {STEP_3}")
        assert isinstance(app.screen, FileErrorsScreen)
        text = " ".join(screen_text(app).split())
        assert "has 1 error: fix it and save" in text
        line = guide_file.read_text(encoding="utf-8").splitlines().index(f"    titel: {STEP_3}") + 1
        assert f"x.en.yaml:{line}:5: error: unknown key `titel` in step 3; did you mean `title`?" in text
        assert STEP_3 not in text  # the errors, in place of the step
        await saved_and_seen(app, pilot, guide_file, f"titel: {STEP_3}", f"titel: {STEP_3}.")
        assert isinstance(app.screen, FileErrorsScreen)  # still broken: the same screen, the new errors
        await saved_and_seen(app, pilot, guide_file, f"titel: {STEP_3}.", f"title: {STEP_3}!")
        assert isinstance(app.screen, GuideScreen) and len(app.screen_stack) == 1
        assert "3. Choose the order whose payment" in screen_text(app) and "change!" in screen_text(app)


async def test_a_removed_step_goes_back_to_the_nearest_earlier_one(guide_file) -> None:
    app = GuideApp(load_guide(guide_file), lang="en", watch=guide_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")
        text = guide_file.read_text(encoding="utf-8")
        start, end = text.index("  - id: choose-order\n"), text.index("  - id: find-option\n")
        await saved_and_seen(app, pilot, guide_file, text[start:end], "")
        shown = " ".join(screen_text(app).split())
        assert "2. Open the “My Orders (我的订单)” page" in shown and "Step 2 of 6" in shown
        assert app.walker.path == ["login", "my-orders"]


async def test_a_file_that_does_not_load_at_first_shows_its_errors_then_the_walk(guide_file) -> None:
    save(guide_file, "title: Log in to your Xiaomi account", "title:")
    first = load_file(guide_file)
    assert first.guide is None
    app = GuideApp(lang="en", watch=guide_file, first_load=first)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FileErrorsScreen) and "1 error" in screen_text(app)
        await saved_and_seen(app, pilot, guide_file, "title:\n", "title: Log in\n")
        assert isinstance(app.screen, GuideScreen)
        assert "1. Log in" in screen_text(app)
        await pilot.press("q")


def test_watch_needs_a_guide_and_the_full_screen(capsys) -> None:
    assert main(["--watch"]) == 2
    assert "--watch needs a GUIDE file" in capsys.readouterr().err
    assert main(["--watch", "--plain", str(XIAOMI_EN)]) == 2
