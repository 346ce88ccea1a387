"""The core's tests need no Textual: with GUIDE_TUI_CORE_ONLY=1 (tests/test_layers.py
runs them so, without the snapshot plugin) the run fails if anything imported it."""

from __future__ import annotations

import os
import sys

import pytest


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("GUIDE_TUI_CORE_ONLY") != "1":
        return
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
    if loaded:
        print(f"\nthe core's tests imported {', '.join(loaded[:5])}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
