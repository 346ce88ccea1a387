"""Fuzz targets for the loader, the Markdown renderers, the exports and the importer.

Hypothesis generates structured hostile input (tests/fuzz/strategies.py) and
tests/fuzz/targets.py says what must hold.  `make test` runs each target briefly
(GUIDE_TUI_FUZZ_EXAMPLES, 40 examples); `make fuzz` runs each for minutes with
tools/fuzz.py, which drives these same tests with atheris's coverage guidance
(through Hypothesis's `fuzz_one_input`) when atheris is installed.  Every crash
or slow input found is kept in tests/data/fuzz/TARGET/ and run again here.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from guide_tui.core.loader import load_bytes
from tests.fuzz import strategies, targets

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fuzz"
BRIEF = settings(
    max_examples=int(os.environ.get("GUIDE_TUI_FUZZ_EXAMPLES", "40")),
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@BRIEF
@given(strategies.guide_bytes)
def test_fuzz_loader(data: bytes) -> None:
    targets.loader(data)


@BRIEF
@given(strategies.markdown)
def test_fuzz_markdown(text: str) -> None:
    targets.last_input.clear()
    targets.last_input.update(kind="markdown", data=text.encode("utf-8", "surrogatepass"))
    targets.markdown(text)


@BRIEF
@given(strategies.guide_dicts())
def test_fuzz_exports(guide: dict) -> None:
    data = strategies._dump(guide)
    targets.last_input.clear()
    targets.last_input.update(kind="exports", data=data)
    result = load_bytes(data, fast=False)
    if result.guide is not None:
        targets.guide(result.guide)


@BRIEF
@given(strategies.articles)
def test_fuzz_importer(text: str) -> None:
    targets.importer(text.encode("utf-8", "surrogatepass"))


# -- what the fuzzers found stays fixed ------------------------------------------------

FOUND = sorted(p for p in FIXTURES.glob("*/*") if p.is_file() and p.name != "README.md")


def replay(path: Path) -> None:
    """Run a kept input through its target (the folder's name)."""
    data = path.read_bytes()
    kind = path.parent.name
    if kind in ("loader", "exports"):
        targets.loader(data)
    elif kind == "markdown":
        targets.markdown(data.decode("utf-8", "surrogatepass"))
    elif kind == "importer":
        targets.importer(data, path.name if path.suffix in (".md", ".txt", ".html") else "article.md")
    else:
        raise AssertionError(f"no target for {path}")


SLOW_BUDGET = 8.0  # seconds; each slow input took longer than tools/fuzz.py's --slow (5 s) when found


@pytest.mark.parametrize("path", FOUND, ids=[f"{p.parent.name}/{p.name}" for p in FOUND])
def test_what_the_fuzzers_found_stays_fixed(path: Path) -> None:
    start = time.perf_counter()
    replay(path)
    if path.name.startswith("slow-"):
        assert time.perf_counter() - start < SLOW_BUDGET
