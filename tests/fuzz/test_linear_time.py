"""No regular expression and no renderer over guide text goes super-linear.

Every regular expression in guide_tui (loader, checks, template, markdown, text,
exports, plain mode, report, importer: tests/fuzz/inputs.py finds them all, with
how each is used) is run, the way the code uses it, on long lines made of its
own alphabet; every renderer (the Markdown parse, the screen's blocks, plain
mode, the text export, the loader and every export of a guide holding the text,
the importer) on long lines of Markdown and heading structure.

These are not timings of how fast the code is (bench/ has those): each call has
a budget far above what a linear pass over the input costs (a few milliseconds
for a pattern, a second or so for a renderer) and far below what a quadratic
one costs at this length (seconds to minutes), so the test does not depend on
the machine's speed.  `make fuzz` runs the same with inputs five times longer
(GUIDE_TUI_HOSTILE_N=100000).
"""

from __future__ import annotations

import os
import random
import time

import pytest
import yaml

from tests.fuzz import targets
from tests.fuzz.inputs import FULLMATCH, MATCH, SEARCH, markdown_texts, module_patterns, regex_inputs

LONG = int(os.environ.get("GUIDE_TUI_HOSTILE_N", "20000"))  # a body may hold 20,000 characters
REGEX_BUDGET = 1.0  # seconds for one call on LONG characters; linear takes milliseconds
RENDER_BUDGET = 8.0  # seconds for every renderer on one text
RENDER_LONG = LONG // 5  # the renderers are pure Python: shorter texts keep `make test` quick
RENDER_SAMPLE = 1.0 if "GUIDE_TUI_HOSTILE_N" in os.environ else 0.3  # every shape under `make fuzz`
# Patterns used only on short text: (characters at most).  The cap is in the code beside each.
CAPPED = {"guide_tui.core.links._ADDRESS": 300}

PATTERNS = module_patterns()
TEXTS = [
    (name, text)
    for name, text in markdown_texts(RENDER_LONG)
    if RENDER_SAMPLE >= 1 or random.Random(name).random() < RENDER_SAMPLE
]


def timed(call, *args) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    call(*args)
    return time.perf_counter() - start


def run(pattern, use: str, text: str) -> None:  # type: ignore[no-untyped-def]
    if use == SEARCH:
        for _ in pattern.finditer(text):
            pass
    elif use == MATCH:
        pattern.match(text)
    elif use == FULLMATCH:
        pattern.fullmatch(text)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_regular_expression_is_linear_on_long_lines_of_its_own_alphabet(name: str) -> None:
    pattern, uses = PATTERNS[name]
    length = min(LONG, CAPPED.get(name, LONG))
    slow = []
    for label, text in regex_inputs(pattern, length):
        for use in sorted(uses):
            seconds = timed(run, pattern, use, text)
            if seconds > REGEX_BUDGET:
                slow.append(f"{use} on {label}: {seconds:.1f} s")
    assert not slow, f"/{pattern.pattern}/ " + "; ".join(slow)


def test_the_patterns_are_all_found() -> None:
    """The search for patterns sees every module (a pattern named in each layer)."""
    names = " ".join(PATTERNS)
    for module in ("core.loader", "core.links", "core.template", "core.markdown", "core.text", "importer.steps"):
        assert f"guide_tui.{module}" in names, module
    assert len(PATTERNS) > 100


@pytest.mark.parametrize(("label", "text"), TEXTS, ids=[label for label, _ in TEXTS])
def test_every_renderer_is_linear_on_long_markdown(label: str, text: str) -> None:
    guide = {"format": 1, "id": "g", "title": "T", "steps": [{"title": "A", "body": text, "notes": [text]}]}
    data = yaml.safe_dump(guide, allow_unicode=True).encode("utf-8", "surrogatepass")
    times = {
        "renderers": timed(targets.markdown, text),
        "loader and exports": timed(targets.loader, data),
        "importer": timed(targets.importer, text.encode("utf-8", "surrogatepass")),
    }
    slow = {what: round(seconds, 1) for what, seconds in times.items() if seconds > RENDER_BUDGET}
    assert not slow, slow


# Shapes that were slow once, checked without a clock.


def test_a_paragraph_of_many_styles_is_sliced_into_lines_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """10,000 code spans in one paragraph took 21 s to draw: each line was sliced out of
    the paragraph with Content's own slicing, which copies every style each time."""
    from textual.content import Content

    from guide_tui.tui.widgets.markdown_text import hanging_lines, parse

    [block] = parse("`a" * 500 + "b **bold " + "c " * 300 + "end** d")
    expected = [line.markup for line in hanging_lines(block.content, "", "", 30)]
    sliced = 0
    slicing = Content.__getitem__

    def counted(self: Content, where: object) -> Content:
        nonlocal sliced
        sliced += 1
        return slicing(self, where)  # type: ignore[arg-type]

    monkeypatch.setattr(Content, "__getitem__", counted)
    lines = hanging_lines(block.content, "", "", 30)
    assert sliced == 0  # no per-line slicing of the whole paragraph
    assert [line.markup for line in lines] == expected
    assert any("[bold]" in line.markup for line in lines) and len(lines) > 30


def test_a_long_run_of_closing_marks_fills_its_lines() -> None:
    """A fold moved back past every closing mark of a run: one character a line."""
    from guide_tui.core.text import wrap

    assert [len(line) for line in wrap("”" * 100, 40)] == [40, 40, 20]
    assert wrap("a" * 38 + "。」x", 40) == ["a" * 37, "a。」x"]  # a mark or two still moves with its word
