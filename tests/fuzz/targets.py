"""What the fuzzers call, and what must hold for every input.

- loader(data): any bytes give a LoadResult, never an exception: a guide and
  no errors, or errors with a line and a column; every message printable.  A
  guide that loads goes through `guide(...)` too.
- markdown(text): every renderer of Markdown (the one parse, the link list, the
  screen's blocks at three widths, plain mode, the text export) draws any text,
  and nothing it draws holds a control character.
- guide(guide): every export format, the hand-off report (walked to the end),
  and plain mode's lines, for a guide that loaded.
- importer(data): an article gives a draft guide that loads without errors, or
  an ArticleError with a one-line message.

`last_input` holds what the current call was given, so that a fuzzer can keep a
crash or a slow input as a fixture (tools/fuzz.py, tests/data/fuzz/).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from guide_tui.core import markdown as core_markdown
from guide_tui.core.loader import LoadResult, load_bytes
from guide_tui.core.model import Guide
from guide_tui.core.walker import Walker
from guide_tui.export import FORMATS, export
from guide_tui.export.report import render_report
from guide_tui.export.text import markdown_to_text
from guide_tui.importer.article import ArticleError, import_article

last_input: dict[str, Any] = {}
WIDTHS = (12, 40, 100)


def printable(text: str) -> None:
    """Nothing that could drive a terminal or reorder what is read (a newline aside)."""
    bad = [c for c in text if c != "\n" and unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp")]
    assert not bad, (bad, text[:200])


def loader(data: bytes, fast: bool = True) -> LoadResult:
    last_input.update(kind="loader", data=data)
    result = load_bytes(data, "fuzz.yaml", fast=fast)
    assert isinstance(result, LoadResult)
    if result.guide is None:
        assert result.errors
    else:
        assert not result.errors
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert "internal error" not in problem.message, problem
        printable(problem.format("en"))
        printable(problem.format("zh-CN"))
    if result.guide is not None:
        guide(result.guide)
    return result


def markdown(text: str) -> None:
    last_input.setdefault("kind", "markdown")
    last_input.setdefault("data", text.encode("utf-8", "surrogatepass"))
    from guide_tui.cli.plain import plain_lines
    from guide_tui.tui.widgets.markdown_text import hanging_lines, parse

    core_markdown.parse(text)
    core_markdown.links(text)
    for line in plain_lines(text):
        printable(line)
    for width in WIDTHS:
        for line in markdown_to_text(text, width):
            printable(line)
        for block in parse(text):
            hanging_lines(block.content, block.first, block.rest, width, fold=not block.wrap)


def guide(loaded: Guide) -> None:
    from guide_tui.cli.plain import plain_lines

    for fmt in FORMATS:
        out = export(loaded, fmt)
        if fmt != "html":
            printable(out.replace("\t", " "))
    walker = Walker(loaded, clock=lambda: 0.0)
    for _ in range(len(loaded.steps) + 1):
        if walker.finished:
            break
        if walker.step.ask:
            walker.answer(len(walker.step.ask.options) - 1)
        if not walker.advance():
            break
    for lang in ("en", "zh-CN"):
        printable(render_report(loaded, walker, "markdown", lang).replace("\t", " "))
    for step in loaded.steps[:50]:
        for text in (step.body, step.warning, *step.notes):
            plain_lines(text)


def importer(data: bytes, name: str = "article.md") -> None:
    last_input.update(kind="importer", data=data, name=name)
    try:
        result = import_article(data, name, guide_id="fuzz")
    except ArticleError as exc:
        assert "\n" not in str(exc)
        return
    loaded = load_bytes(result.yaml.encode())
    assert loaded.errors == [], (loaded.errors, result.yaml[:2000])
