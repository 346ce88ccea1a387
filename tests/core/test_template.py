"""`{{key}}` substitution: what is replaced, what stays, and what is a typo."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guide_tui.core.template import placeholders, stray_braces, substitute


def test_placeholders_give_keys_and_offsets() -> None:
    assert placeholders("Pay with {{method}} or {{ other }}.") == [("method", 9), ("other", 23)]


def test_a_quadruple_brace_is_a_literal_not_a_placeholder() -> None:
    assert placeholders("{{{{method}}") == []
    assert substitute("{{{{method}}", {"method": "card"}) == "{{method}}"


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("Pay with {{method}}.", {"method": "card"}, "Pay with card."),
        ("{{a}}{{b}}", {"a": "1", "b": "2"}, "12"),
        ("{{ a }}", {"a": "x"}, "x"),
        ("{{missing}} stays", {}, "{{missing}} stays"),
        ("no braces", {"a": "x"}, "no braces"),
        ("{{a}}", {"a": "{{b}}", "b": "no"}, "{{b}}"),  # one pass: an answer is never expanded again
        ("{{a}} and {{{{", {"a": "x"}, "x and {{"),
    ],
)
def test_substitute(text: str, answers: dict[str, str], expected: str) -> None:
    assert substitute(text, answers) == expected


def test_markdown_substitution_escapes_the_answer() -> None:
    out = substitute("You chose {{a}}.", {"a": "[click](https://evil.test) *x*"}, markdown=True)
    assert out == "You chose \\[click\\](https\\:\\/\\/evil\\.test) \\*x\\*."
    assert "](" not in out.replace("\\]", "")


def test_a_cjk_answer_in_cjk_text_takes_no_spaces() -> None:
    """The author writes spaces around {{key}} for a Latin answer; a Chinese one
    follows the Chinese sentence and takes none."""
    text = "订单中已将 {{method}} 设置为优先支付方式"
    assert substitute(text, {"method": "支付宝"}) == "订单中已将支付宝设置为优先支付方式"
    assert substitute(text, {"method": "Apple Pay"}) == "订单中已将 Apple Pay 设置为优先支付方式"
    assert substitute("新的方式为“{{method}}”", {"method": "支付宝"}) == "新的方式为“支付宝”"
    assert substitute("Set {{method}} as default", {"method": "支付宝"}) == "Set 支付宝 as default"


@pytest.mark.parametrize(
    ("text", "offsets"),
    [
        ("fine {{key}} and {{{{", []),
        ("Type {{ and go", [5]),
        ("{{method-name}}", [0]),
        ("{{ key }", [0]),
        ("{{}} {{a}}", [0]),
        ("{{{x}}", [0]),
        ("a {{ b {{c}}", [2]),
    ],
)
def test_stray_braces_are_found(text: str, offsets: list[int]) -> None:
    assert stray_braces(text) == offsets


@given(
    st.text(alphabet="{}ab_ \n", max_size=40), st.dictionaries(st.sampled_from(["a", "b", "ab"]), st.text(max_size=5))
)
def test_substitution_never_fails_and_leaves_text_without_braces_alone(text: str, answers: dict[str, str]) -> None:
    out = substitute(text, answers)
    if "{{" not in text:
        assert out == text
    for _key, offset in placeholders(text):
        assert text.startswith("{{", offset)
    stray_braces(text)
