"""`guide-tui import`: text from an article is data, never markup that acts.

Links with schemes a guide refuses (javascript:, data:, ftp:) become their words;
nothing splits a step inside a link.
"""

from __future__ import annotations

import pytest

from guide_tui.core.loader import load_bytes
from guide_tui.importer.article import import_article
from guide_tui.importer.steps import safe_links


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def imported(text: str, name: str) -> tuple[dict, list[str]]:
    result = import_article(text.encode(), name, guide_id="article")
    loaded = load_bytes(result.yaml.encode(), name)
    assert loaded.errors == [], loaded.errors
    return result.data, result.report


LINKS_MD = """\
# How to clear your data

1. Open [Settings](javascript:alert(1)) and choose Privacy.
2. Click [Clear data](data:text/html,<b>x</b>) at the bottom.
3. Download the [log](ftp://example.com/log.txt) if asked.
4. Read the [help](https://example.com/help) page.
"""


def test_markdown_links_with_refused_schemes_become_their_words_with_a_check() -> None:
    data, report = imported(LINKS_MD, "links.md")
    steps = data["steps"]
    assert [s["title"] for s in steps[:3]] == [
        "Open Settings and choose Privacy",
        "Click Clear data at the bottom",
        "Download the log if asked",
    ]
    assert [s["body"] for s in steps[:3]] == [
        "Open Settings and choose Privacy.",
        "Click Clear data at the bottom.",
        "Download the log if asked.",
    ]
    assert steps[3]["body"] == "Read the [help](https://example.com/help) page."  # an allowed link stays
    text = repr(data)
    assert "javascript" not in text and "data:" not in text and "ftp:" not in text
    assert any(line.startswith("check:") and "became plain text" in line for line in report)


def test_an_html_link_to_javascript_is_plain_text_and_the_step_is_whole() -> None:
    pytest.importorskip("trafilatura")
    page = (
        "<html><head><title>How to clear your data</title></head><body><article>"
        "<h1>How to clear your data</h1><p>Follow these steps to clear the app's data.</p><ol>"
        "<li>Open the app and go to Settings.</li><li>Choose Privacy and scroll down.</li>"
        '<li>Click <a href="javascript:alert(2)">Clear Data…</a> at the bottom of the page.</li>'
        "<li>Confirm with OK.</li></ol></article></body></html>"
    )
    data, report = imported(page, "links.html")
    step = data["steps"][2]
    assert step["title"] == "Click Clear Data… at the bottom of the page"
    assert step["body"] == "Click Clear Data… at the bottom of the page."
    assert "javascript" not in repr(data)
    assert any(line.startswith("check:") and "became plain text" in line for line in report)


@pytest.mark.parametrize(
    "link",
    ["[a](javascript:alert((1)))", "[a [b]](javascript:alert(1))", "[a](<javascript:alert(1)>)", "[a](ftp://h/f 't')"],
)
def test_no_refused_link_survives_whatever_its_shape(link: str) -> None:
    from guide_tui.core.links import LINK_SCHEMES, url_problem
    from guide_tui.core.markdown import links

    text, count = safe_links(f"Open {link} now.")
    assert count == 1
    assert not [x.url for x in links(text) if url_problem(x.url, LINK_SCHEMES)]
