"""Shared pytest set-up: the default run leaves out tests marked `slow`.

`pytest -m slow` (or any other `-m` expression) runs what it names instead.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    if not config.option.markexpr:
        config.option.markexpr = "not slow"


@pytest.fixture
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The programs' messages in English (the C locale), whatever the locale of the person
    running the tests: a module uses it with `pytestmark = pytest.mark.usefixtures(...)`."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True, scope="session")
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory):
    """Tests (and the programs they start) never read or write the real user's
    progress, event log, guide folder or library cache, and count the age of facts
    from one fixed day."""
    import os

    home = tmp_path_factory.mktemp("user")
    saved = {
        k: os.environ.get(k)
        for k in (
            "GUIDE_TUI_STATE_DIR",
            "XDG_DATA_HOME",
            "XDG_STATE_HOME",
            "XDG_CACHE_HOME",
            "GUIDE_TUI_PATH",
            "GUIDE_TUI_TODAY",
        )
    }
    os.environ["GUIDE_TUI_STATE_DIR"] = str(home / "state")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_STATE_HOME"] = str(home / "xdg-state")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    os.environ.pop("GUIDE_TUI_PATH", None)
    os.environ["GUIDE_TUI_TODAY"] = "2026-11-30"  # "checked 2 years ago" stays true in every snapshot
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
