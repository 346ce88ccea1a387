"""The one Markdown parse (core/markdown.py): the link check reads links as the renderers do,
no regular expression over guide text can hang, and a definition-only text renders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guide_tui.core.links import LINK_SCHEMES
from guide_tui.core.loader import load_bytes
from guide_tui.core.markdown import Link, links, md_escape, parse

ROOT = Path(__file__).resolve().parents[2]


def guide_with(field: str, text: str) -> bytes:
    """A one-step guide whose step has `field` set to `text` (a YAML double-quoted string)."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'format: 1\nid: g\ntitle: G\nsteps:\n  - id: a\n    title: A\n    {field}: "{quoted}"\n'.encode()


def errors_of(data: bytes) -> list[str]:
    return [p.message for p in load_bytes(data, "g.yaml").errors]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("[a\nlabel](http://evil.example/)", "http://evil.example/"),  # a label over two lines
        ("[a\\]b](ms-msdt:/id PCWDiagnostic)", None),  # an escaped ] in the label (space: not a link at all)
        ("[a\\]b](ms-msdt:x)", "ms-msdt:x"),
        ("[x][r]\n\n- - - - -   [r]: ftp://evil.example/", "ftp://evil.example/"),  # a definition deep in a list
        ("> > > [r]: ftp://evil.example/\n\n[x][r]", "ftp://evil.example/"),
        ("[x][r]\n\n[r]:\n  <ftp://evil.example/>", "ftp://evil.example/"),
        ("<ftp://evil.example/>", "ftp://evil.example/"),
    ],
)
def test_every_link_the_renderer_finds_is_checked(text: str, url: str | None) -> None:
    """These passed `validate` with 0 errors while markdown-it found the links (and
    `export -f markdown` kept them live): the check now reads the same parse."""
    found = [link.url for link in links(text)]
    if url is None:
        assert found == []
        return
    assert url in found
    assert any(url[:20] in message for message in errors_of(guide_with("body", text)))


def test_allowed_links_pass_and_are_drawn_as_links() -> None:
    text = "[帮助](https://www.mi.com/service) <mailto:a@b.example> [t](tel:+861234)"
    assert errors_of(guide_with("body", text)) == []
    spans = [span for block in parse(text).blocks for span in getattr(block, "spans", ())]
    assert {span.link for span in spans if span.link} == {
        "https://www.mi.com/service",
        "mailto:a@b.example",
        "tel:+861234",
    }
    assert LINK_SCHEMES == ("https", "mailto", "tel")


def test_a_refused_link_is_drawn_as_its_text() -> None:
    (paragraph,) = parse("see [here](http://evil.example/)").blocks
    assert [(s.text, s.link) for s in paragraph.spans] == [("see here", None)]  # type: ignore[union-attr]
    assert parse("see [here](http://evil.example/)").links == (Link("http://evil.example/", "here"),)


def test_a_text_with_no_bracket_is_never_parsed_for_links() -> None:
    """validate keeps markdown-it off its start-up path when no link can be written."""
    code = (
        "import sys; from guide_tui.core.markdown import links; "
        "assert links('打开**小米商城**应用,\\n- 一\\n> 二') == (); "
        "assert 'markdown_it' not in sys.modules, 'markdown_it was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.parametrize(
    "body",
    [
        "-   " * 20 + " x",  # the link-reference regex backtracked exponentially on this
        "> " * 40 + "x",
        "- " * 40 + "[x]: y",
        "[" * 5000 + "](" * 5000,
    ],
    ids=["nested-lists", "nested-quotes", "list-definition", "brackets"],
)
def test_validate_does_not_hang_on_nested_markers(tmp_path: Path, body: str) -> None:
    """`validate` ran for hours on one line of 20 list markers (2 ** 20 ways to
    backtrack); no regular expression over guide text may backtrack so.  The
    timeout only stops a hang: it is 30 times what a run takes."""
    path = tmp_path / "g.yaml"
    path.write_bytes(guide_with("body", body))
    done = subprocess.run(
        [sys.executable, "-m", "guide_tui", "validate", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode in (0, 1), done.stderr


def test_md_escape_is_one_line_without_markup() -> None:
    assert md_escape("- [a](https://x.example) *b*\n\n# c") == ("\\- \\[a\\](https\\:\\/\\/x\\.example) \\*b\\* \\# c")
    assert md_escape("1. one") == "1\\. one"
    assert md_escape("a\x1bb") == "a\\\\x1bb"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="<>/!?-abi `\\\n >*1.:@x", max_size=40))
def test_guide_markdown_for_other_renderers_has_no_html_and_reads_the_same(text: str) -> None:
    """md_without_html: a renderer that reads raw HTML finds none, and guide Markdown
    (which reads HTML as text) reads the escaped text as it read the original."""
    from markdown_it import MarkdownIt

    from guide_tui.core.markdown import md_without_html

    out = md_without_html(text)
    tokens = MarkdownIt("commonmark").parse(out)
    assert not [t for tok in tokens for t in [tok, *(tok.children or [])] if t.type.startswith("html")], out
    assert parse(out).blocks == parse(text).blocks
