"""The one-widget Markdown renderer: what a guide body looks like once wrapped."""

from __future__ import annotations

from guide_tui.tui.widgets.markdown_text import MarkdownText, parse


def lines(text: str, width: int = 40) -> list[str]:
    return [line.plain for line in MarkdownText(text).lines(width)]


def test_a_soft_line_break_in_chinese_joins_without_a_space() -> None:
    assert lines("打开小米商城\n应用。") == ["打开小米商城应用。"]
    assert lines("点击“确认”\n按钮") == ["点击“确认”按钮"]  # full-width punctuation counts as wide
    assert lines("登录后\nopen the app") == ["登录后 open the app"]  # Chinese and Latin: a space, as in CSS


def test_a_soft_line_break_in_english_becomes_a_space() -> None:
    assert lines("Open the\napp.") == ["Open the app."]
    assert lines("한국어\n텍스트") == ["한국어 텍스트"]  # Korean is written with spaces (CSS Text 3)


def test_list_items_hang_under_their_bullet_and_number() -> None:
    assert lines("- one two three four five six\n- seven", width=16) == [
        "• one two three",
        "  four five six",
        "• seven",
    ]
    assert lines("3. alpha beta gamma delta", width=14) == ["3. alpha beta", "   gamma delta"]


def test_paragraphs_quotes_and_code_keep_their_shape() -> None:
    assert lines("First.\n\nSecond.") == ["First.", "", "Second."]
    assert lines("> quoted") == ["▌ quoted"]
    assert lines("```\nguide-tui validate\n```") == ["  guide-tui validate"]


def test_markup_and_raw_html_are_shown_as_written() -> None:
    text = "[@click=app.quit]quit[/] <b>bold</b>"
    assert lines(text, width=80) == [text]


def test_a_link_is_underlined_and_only_posts_a_message() -> None:
    (block,) = parse("[support](https://www.mi.com/service)")
    assert block.content.plain == "support"
    metas = [span.style.meta for span in block.content.spans if hasattr(span.style, "meta")]
    assert {"@click": "link('https://www.mi.com/service')"} in metas
