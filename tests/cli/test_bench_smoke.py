"""The benchmark keeps working: `bench/run.py --smoke` prints every figure's row.

Only that each row is there and was measured is checked, never a timing: the
smoke run uses tiny sizes and one run each, so its numbers mean nothing.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
ROW = re.compile(r"^(?P<key>\d+[a-z]?)\s{2,}(?P<figure>.+?)\s{2,}.*?(?P<result>PASS|FAIL|ERROR|not measured.*)$")
EXPECTED = {
    "1": "first paint",
    "2": "validate 1 guide",
    "2b": "Textual/Rich modules imported by validate",
    "3": "validate 20 guides",
    "4": "library first paint",
    "5a": "step change",
    "5b": "step change",
    "6": "peak RSS",
    "7a": "library filter, CPU per key, 1 guides",
    "7b": "library filter, CPU per key, 20 guides",
    "8a": "library: all 20 guides listed, cold cache",
    "9a": "list, cold cache, 20 guides",
    "9b": "list, warm cache, 20 guides",
    "10a": "validate 20 guides (both cores)",
    "10b": "validate 20 guides (--jobs 1)",
    "11a": "validate 20 guides, peak PSS",
    "12a": "first paint, 20-step guide",
    "12b": "first paint, 50-step guide",
    "13a": "serve: first screen, 1 tab",
    "13b": "serve: first screen, 2 tabs together",
    "13c": "serve: memory per tab",
}


@pytest.fixture(scope="module")
def smoke() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def rows(output: str) -> dict[str, tuple[str, str]]:
    found = {}
    for line in output.splitlines():
        match = ROW.match(line)
        if match:
            found[match["key"]] = (match["figure"], match["result"])
    return found


def test_smoke_prints_every_row_measured(smoke: subprocess.CompletedProcess[str]) -> None:
    assert smoke.returncode == 0, smoke.stderr[-2000:]
    found = rows(smoke.stdout)
    assert set(found) == set(EXPECTED), smoke.stdout
    for key, words in EXPECTED.items():
        figure, result = found[key]
        assert words in figure, (key, figure)
        assert result in ("PASS", "FAIL"), (key, result, smoke.stdout)  # measured: no ERROR, no "not measured"
    assert "machine:" in smoke.stdout and "cores" in smoke.stdout


def test_validate_imports_no_textual(smoke: subprocess.CompletedProcess[str]) -> None:
    """Row 2b is a fact, not a timing: validate must not import Textual or Rich."""
    assert rows(smoke.stdout)["2b"][1] == "PASS", smoke.stdout


def test_check_and_only_options() -> None:
    """--only picks figures; --check turns a missed target into exit status 1 (a usage error is 2)."""
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--smoke", "--only", "2", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    found = rows(done.stdout)
    assert set(found) == {"2", "2b"}, done.stdout
    missed = any(result == "FAIL" for _, result in found.values())
    assert done.returncode == (1 if missed else 0), done.stdout
    bad = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--only", "99"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert bad.returncode == 2 and "no such figure" in bad.stderr


def test_plain_text_ignores_styling_between_characters() -> None:
    """The pty reader finds a title that Textual wrote with escape sequences inside it."""
    sys.path.insert(0, str(BENCH))
    try:
        from ptyrun import plain_text
    finally:
        sys.path.remove(str(BENCH))
    raw = "\x1b[?1049h\x1b]2;登录小米账户\x07\x1b[1;1H\x1b[1m1. \x1b[38;2;1;2;3m登录\x1b[0m小米账户\x1b[K"
    text = plain_text(raw)
    assert "1. 登录小米账户" in text
    assert text.count("登录小米账户") == 1  # the window title (OSC) is not screen text
