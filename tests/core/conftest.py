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

FRAMEWORKS = ("textual", "rich")
CORE_ONLY = os.environ.get("GUIDE_TUI_CORE_ONLY") == "1"
_found: list[str] = []  # in this process: what was first seen imported, and when


def frameworks_loaded() -> str:
    """The frameworks imported in this process ("rich, textual"), or ""."""
    return ", ".join(sorted({name.partition(".")[0] for name in sys.modules} & set(FRAMEWORKS)))


def pytest_collection_finish(session: pytest.Session) -> None:
    if CORE_ONLY and not _found and (loaded := frameworks_loaded()):
        _found.append(f"collecting the tests imported {loaded}")


@pytest.fixture(autouse=True)
def _imports_no_framework(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if not CORE_ONLY or _found == ["reported"]:
        return
    if not _found and (loaded := frameworks_loaded()):
        _found.append(f"{request.node.nodeid} imported {loaded}")
    if _found:
        what = _found[0]
        _found[:] = ["reported"]  # once per process: every later test would see the same modules
        pytest.fail(f"{what}: the core runs without Textual and Rich", pytrace=False)
