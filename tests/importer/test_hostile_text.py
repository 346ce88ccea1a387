"""`guide-tui import`: text from an article is data, never markup that acts.

Links with schemes a guide refuses (javascript:, data:, ftp:) become their words;
nothing splits a step inside a link.
"""

from __future__ import annotations

import pytest

from guide_tui.core.loader import load_bytes
from guide_tui.importer.article import import_article
from guide_tui.importer.link_text import safe_links


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
    assert [line for line in report if "became plain text" in line] == [
        "check: 3 links the guide format does not allow (http:, relative, images, other schemes such as "
        "javascript:) became plain text"
    ]  # each counted once: a one-sentence item is its title and its body, and it said 6


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

    text, refused = safe_links(f"Open {link} now.")
    assert len(refused) == 1
    assert not [x.url for x in links(text) if url_problem(x.url, LINK_SCHEMES)]


# -- what an article hides from its reader ---------------------------------------------

HIDDEN_TEXT = (
    "How to \x1b[31mreset\x1b[0m the box\n\n1. Unplug the box.\n2. Wait 30 seconds.\n"
    "3. Call our hotline \u202e8765-001-009\u202c.\n4. Plug it back\u200b in.\n"
)


def test_terminal_escape_sequences_are_taken_out_whole() -> None:
    result = import_article(HIDDEN_TEXT.encode(), "box.txt")
    assert result.data["title"] == "How to reset the box"
    assert "[31m" not in result.yaml and "[0m" not in result.yaml and "\x1b" not in result.yaml
    assert "left out: 2 control characters that could change a terminal" in result.report


def test_invisible_characters_are_named_and_a_reversed_number_is_shown_as_a_browser_shows_it() -> None:
    result = import_article(HIDDEN_TEXT.encode(), "box.txt")
    checks = [line for line in result.report if line.startswith("check:")]
    assert any("3 invisible characters (U+200B, U+202C, U+202E)" in line for line in checks), checks
    [number] = [line for line in checks if "had invisible characters beside it" in line]
    assert "8765-001-009" in number and "900-100-5678" in number and "U+202E" in number
    assert all(c.isprintable() for line in result.report for c in line)


def test_a_zero_width_space_away_from_numbers_is_named_once() -> None:
    text = "How to reset\n\n1. Unplug the box.\n2. Plug it back\u200b in.\n3. Wait.\n"
    checks = [line for line in import_article(text.encode(), "box.txt").report if "invisible" in line]
    assert len(checks) == 1 and "U+200B" in checks[0]


def test_invisible_characters_written_as_entities_in_a_page_are_named() -> None:
    pytest.importorskip("trafilatura")
    page = (
        "<html><head><title>How to call us</title></head><body><article><h1>How to call us</h1>"
        "<p>Steps to follow.</p><ol><li>Open the app.</li><li>Go to Help.</li>"
        "<li>Call our hotline &#x202E;8765-001-009&#x202C; now.</li></ol></article></body></html>"
    )
    result = import_article(page.encode(), "call.html")
    [number] = [line for line in result.report if "had invisible characters beside it" in line]
    assert "“Call our hotline 8765-001-009 now.”" in number and "900-100-5678" in number


def test_invisible_characters_written_as_json_escapes_in_howto_markup_are_named_and_go() -> None:
    """HowTo markup writes them as escapes ("\\u202e"): the report said nothing, and the
    contact's source quote in the draft's comments kept U+202E, so the author's editor
    showed the number reversed."""
    howto = (
        '{"@context": "https://schema.org", "@type": "HowTo", "name": "Reset the box", "step": ['
        '{"@type": "HowToStep", "name": "Unplug", "text": "Unplug the box."},'
        '{"@type": "HowToStep", "name": "Call", "text": "Call our hotline \\u202e8765-001-009\\u202c if it fails."}]}'
    )
    result = import_article(howto.encode(), "reset.jsonld")
    [number] = [line for line in result.report if "had invisible characters beside it" in line]
    assert "“Call our hotline 8765-001-009 if it fails.”" in number and "“Call our hotline 900-100-5678" in number
    assert "\u202e" not in result.yaml and "\u202c" not in result.yaml
