"""The core's tests need no Textual and no Rich.

`make test` runs them on their own with GUIDE_TUI_CORE_ONLY=1 (and without the
snapshot plugin, which imports Textual); then a test that leaves either imported
fails, named, in whichever worker ran it, as does a test module that imports
either while it is collected."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest

FRAMEWORKS = ("rich", "textual")
CORE_ONLY = os.environ.get("GUIDE_TUI_CORE_ONLY") == "1"
_state = {"collected": "", "failed": False}  # in this process


def frameworks_loaded() -> str:
    """The frameworks imported in this process ("rich, textual"), or "" (a submodule
    imported puts its package in sys.modules too)."""
    return ", ".join(name for name in FRAMEWORKS if name in sys.modules)


def pytest_collection_finish(session: pytest.Session) -> None:
    if CORE_ONLY:
        _state["collected"] = frameworks_loaded()


@pytest.fixture(autouse=True)
def _imports_no_framework(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if not CORE_ONLY or _state["failed"] or not (loaded := frameworks_loaded()):
        return
    _state["failed"] = True  # once per process: every later test would see the same modules
    who = "collecting the tests" if _state["collected"] else request.node.nodeid
    pytest.fail(f"{who} imported {loaded}: the core runs without Textual and Rich", pytrace=False)
