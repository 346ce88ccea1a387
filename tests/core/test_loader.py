"""The loader on one small file per check (tests/data) and on the bundled guide.

Each bad_<what>.yaml must give its error at an exact line and column, with
words that say what is wrong and how to fix it; each warn_<what>.yaml loads
with that warning.  Both with libyaml (fast=True) and without it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from guide_tui.core import loader
from guide_tui.core.loader import GuideError, LoadResult, load_bytes, load_file, load_guide
from guide_tui.core.problems import Problem
from guide_tui.i18n import Message

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data"
XIAOMI = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"

# file -> (line, column, words the message must hold) of its first error or warning.
EXPECTED: dict[str, tuple[int, int, tuple[str, ...]]] = {
    "bad_alias": (7, 12, ("aliases", "*s", "write the value out")),
    "bad_ask_key": (9, 12, ("`key`", "Pay-Method", "lower-case letters")),
    "bad_bidi_phone": (7, 16, ("`phone`", "U+2066", "remove it")),
    "bad_bidi_title": (6, 17, ("`title`", "U+202E", "RIGHT-TO-LEFT OVERRIDE", "remove it")),
    "bad_billion_laughs": (3, 8, ("aliases", "not allowed")),
    "bad_comments_only": (1, 1, ("empty", "only comments", "format: 1")),
    "bad_contact_no_way": (6, 5, ("contact 1", "phone", "url", "channel")),
    "bad_contact_url_http": (7, 10, ("`url`", "https:", "`http:`")),
    "bad_contact_url_scheme": (7, 10, ("`url`", "https:, mailto:, tel:", "`javascript:`")),
    "bad_control_c1": (7, 11, ("`body`", "control character U+009B", "remove it")),
    "bad_control_escape_e": (7, 11, ("`body`", "control character U+001B", "terminal")),
    "bad_control_x1b": (4, 8, ("`title`", "U+001B")),
    "bad_custom_tag": (5, 10, ("tag !foo", "not allowed", "remove the tag")),
    "bad_date_format": (5, 11, ("`reviewed`", "YYYY-MM-DD", "27/08/2024")),
    "bad_date_impossible": (5, 11, ("`reviewed`", "2024-02-30", "not a real date")),
    "bad_deep_nesting": (5, 40, ("nested more than 32 levels",)),
    "bad_duplicate_ask_key": (17, 12, ("question key `choice`", "already used by step 1")),
    "bad_duplicate_key": (12, 1, ('duplicate key "title"', "first at line 4", "remove or rename")),
    "bad_duplicate_key_nested": (8, 5, ('duplicate key "body"', "first at line 7")),
    "bad_duplicate_key_option": (10, 28, ('duplicate key "label"',)),
    "bad_duplicate_label": (13, 18, ("answer 2", "same label as answer 1")),
    "bad_duplicate_step_id": (9, 9, ("step id `first`", "already used by step 1", "unique")),
    "bad_empty": (1, 1, ("empty", "format: 1")),
    "bad_empty_steps": (5, 8, ("`steps`", "at least 1", "add a step")),
    "bad_empty_title": (4, 8, ("`title`", "must not be empty")),
    "bad_end_step_id": (6, 9, ("`end` is reserved", "another id")),
    "bad_estimated_minutes_zero": (5, 20, ("`estimated_minutes`", "positive whole number", "0")),
    "bad_format_quoted": (2, 9, ("`format`", "number 1", "remove the quotes")),
    "bad_format_version": (2, 9, ("format 2", "format 1", "update guide-tui")),
    "bad_id_slug": (3, 5, ("`id`", "My Guide", "lower-case letters, digits and hyphens")),
    "bad_key_not_text": (5, 1, ("key must be plain text",)),
    "bad_language": (5, 11, ("`language`", "BCP 47", "zh-CN")),
    "bad_audience": (5, 11, ("`audience`", '"writers"', "one of `everyone`, `authors`")),
    "bad_step_finish_never_shown": (10, 7, ("step `first` has its own `finish`", "never ends right after it")),
    "bad_line_separator": (7, 12, ("U+2028", "ordinary line break")),
    "bad_link_autolink": (8, 22, ("link `ftp://example.org/file`", "`ftp:`")),
    "bad_link_in_note": (10, 20, ("link `data:text/html,hi`", "`data:`")),
    "bad_link_reference": (11, 12, ("link `file:///etc/passwd`", "`file:`")),
    "bad_link_scheme": (8, 24, ("link `javascript:alert(1)`", "https:, mailto:, tel:")),
    "bad_loop": (6, 5, ("step `first`", "never reach the end", "loop with no way out", "next: end")),
    "bad_missing_format": (2, 1, ("missing the required key `format`", "add `format: 1`")),
    "bad_missing_steps": (2, 1, ("missing the required key `steps`",)),
    "bad_missing_title": (6, 5, ("step 1", "missing the required key `title`")),
    "bad_next_unknown": (9, 11, ("`next: secnd`", "names no step", "did you mean `second`?")),
    "bad_not_utf8": (6, 15, ("not UTF-8", "0xE9", "save it as UTF-8")),
    "bad_nul": (7, 12, ("NUL byte", "UTF-8")),
    "bad_null_title": (4, 7, ("`title` must be text", "found nothing")),
    "bad_option_next_unknown": (14, 17, ("`next: nowhere`", "names no step")),
    "bad_options_count": (12, 9, ("`options`", "at least 2", "found 1")),
    "bad_options_too_many": (12, 9, ("`options`", "10 items", "limit is 9")),
    "bad_osc0": (9, 9, ("`checklist`", "U+001B")),
    "bad_osc52": (9, 9, ("`notes`", "U+001B")),
    "bad_osc8": (8, 14, ("`warning`", "U+001B")),
    "bad_phone": (7, 12, ("`phone`", "400-CALL-NOW", "digits")),
    "bad_python_tag": (5, 10, ("tag !!python/object/apply:os.system", "not allowed")),
    "bad_raw_control": (7, 12, ("U+001B", "not allowed in a guide file")),
    "bad_self_reference": (2, 13, ("aliases (*a)",)),
    "bad_several": (3, 5, ("`id`", "Sample Guide")),
    "bad_source_url": (7, 8, ("`url`", "http:, https:", "`file:`")),
    "bad_stray_braces": (8, 16, ("`{{` starts no `{{key}}`", "`{{{{`")),
    "bad_surrogate": (7, 11, ("`body`", "U+D800")),
    "bad_tab_indent": (7, 1, ("YAML syntax", "tabs")),
    "bad_text_too_long": (7, 11, ("`body`", "20,001 characters", "limit is 20,000")),
    "bad_title_multiline": (6, 12, ("`title`", "one line")),
    "bad_title_too_long": (6, 12, ("`title`", "501 characters", "limit is 500")),
    "bad_too_many_items": (8, 7, ("`checklist`", "201 items", "limit is 200")),
    "bad_top_level_list": (2, 1, ("top level must be a mapping", "found a list")),
    "bad_top_level_scalar": (2, 1, ("top level must be a mapping", '"just some words"')),
    "bad_two_documents": (12, 1, ("second YAML document", "exactly one")),
    "bad_unknown_key": (5, 1, ("unknown key `sumary`", "did you mean `summary`?")),
    "bad_unknown_key_far": (5, 1, ("unknown key `zzz`", "valid keys here", "format, id, title, steps")),
    "bad_unknown_key_step": (7, 5, ("unknown key `titel` in step 1", "did you mean `title`?")),
    "bad_unknown_placeholder": (16, 21, ("`{{methd}}` is unknown", "did you mean `{{method}}`?")),
    "bad_unreachable": (10, 5, ("step `orphan`", "cannot be reached", "point a `next`")),
    "bad_url_dash": (7, 10, ("`url`", 'starts with "-"', "remove")),
    "bad_url_userinfo": (7, 10, ("`url`", "user name", "hides where the link goes")),
    "bad_utf16": (1, 1, ("UTF-16", "save it as UTF-8")),
    "bad_utf16_no_bom": (1, 2, ("NUL byte", "UTF-16")),
    "bad_wrong_type": (4, 8, ("`title` must be text", "found a list")),
    "bad_wrong_type_bool": (8, 19, ("`show_support`", "true or false", "the word yes")),
    "bad_wrong_type_number": (5, 20, ("`estimated_minutes`", 'the text "5"', "remove the quotes")),
    "bad_wrong_type_step_item": (6, 5, ("each item of `steps`", "mapping", '"First step"', "`- title: First step`")),
    "bad_options_words": (10, 17, ("each item of `options`", "the word Yes", "did you mean `- label: Yes`?")),
    "bad_step_full_colon": (6, 5, ("`title` is followed by the full-width colon", "`title: 烧水`")),
    "bad_wrong_type_steps": (6, 3, ("`steps` must be a list", "found a mapping")),
    "bad_yaml_syntax": (6, 6, ("YAML syntax", "flow sequence", "every `[` has its `]`")),
    "bad_zero_width_id": (6, 15, ("`id`", "U+200B", "ZERO WIDTH SPACE")),
    "bad_zero_width_link": (7, 34, ("`body`", "U+200B")),
    "bad_zero_width_url": (7, 22, ("`url`", "U+200D")),
    # the additions to format 1: `when`, typed answers (`ask.input`), items written {text, when}
    "bad_when_unknown_key": (15, 12, ("`when` names the question `methd`", "did you mean `method`?")),
    "bad_when_unknown_label": (15, 27, ("`method: Cheque`", "its answers are `Card`, `Cash`")),
    "bad_when_typed": (15, 12, ("question `order`", "typed", "only name a question with `options`")),
    "bad_when_never_shown": (9, 11, ("step `first` can never be shown", "move the step after the question")),
    "bad_when_item_never_shown": (22, 15, ("this `when` can never hold in step `card`",)),
    "bad_when_shape": (15, 11, ("`when` must be a mapping", "`when: {method: Alipay}`", '"method is Card"')),
    "bad_pass_over_loop": (14, 11, ("the steps `a`, `b`", "pass over them for ever")),
    "bad_ask_both": (11, 7, ("`options` or `input`, not both",)),
    "bad_ask_neither": (9, 7, ("needs `options`", "`input: text`")),
    "bad_ask_hint_without_input": (12, 7, ("`hint` is for a typed answer", "add `input: text`")),
    "bad_max_length_number": (12, 7, ("`max_length` is for `input: text` only", "`input: number`")),
    "bad_max_length_too_big": (12, 19, ("`max_length` is 5000", "limit is 500")),
    "bad_input_kind": (11, 14, ("`input`", '"email"', "one of `text`, `number`, `date`")),
    "bad_item_without_text": (14, 9, ("item 2", "missing the required key `text`")),
    "warn_when_maybe_unset": (21, 11, ("`{{digits}}` may be unset in step `last`",)),
    "warn_empty_step": (6, 5, ("step `first`", "no body, ask or checklist", "nothing but its title")),
    "warn_link_text_mismatch": (8, 40, ('"www.bank.example"', "https://bank.example.evil.test/login")),
    "warn_maybe_unset": (23, 11, ("`{{method}}` may be unset in step `last`", "move the question earlier")),
    "warn_phone_no_disclaimer": (7, 12, ("contact `Hotline`", "no disclaimer", "`reviewed`")),
    "warn_summary_placeholder": (5, 10, ("`{{method}}` in the summary", "never set")),
}

FIXTURES = sorted(p.stem for p in DATA.glob("*.yaml"))
CHECKED = [name for name in FIXTURES if name.startswith(("bad_", "warn_"))]


def load(name: str, fast: bool = True) -> LoadResult:
    path = DATA / f"{name}.yaml"
    return load_bytes(path.read_bytes(), str(path), fast=fast)


def test_every_fixture_has_an_expectation() -> None:
    assert set(CHECKED) == set(EXPECTED)


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("name", CHECKED)
def test_fixture_problem_place_and_words(name: str, fast: bool) -> None:
    line, column, words = EXPECTED[name]
    result = load(name, fast)
    severity = "error" if name.startswith("bad_") else "warning"
    if severity == "error":
        assert result.guide is None
        first = result.errors[0]
    else:
        assert result.guide is not None, result.problems
        assert result.errors == []
        first = result.warnings[0]
    assert (first.line, first.column) == (line, column), str(first)
    for word in words:
        assert word in first.message, (word, first.message)
    path = str(DATA / f"{name}.yaml")
    assert re.fullmatch(rf"{re.escape(path)}:{line}:{column}: {severity}: \S.*", str(first))


@pytest.mark.parametrize("name", FIXTURES)
def test_same_verdict_and_places_with_and_without_libyaml(name: str) -> None:
    fast, slow = load(name, True), load(name, False)
    assert fast.problems == slow.problems
    assert (fast.guide is None) == (slow.guide is None)
    assert fast.guide == slow.guide


@pytest.mark.parametrize("name", FIXTURES)
def test_every_problem_has_a_findable_place(name: str) -> None:
    text_lines = (DATA / f"{name}.yaml").read_bytes().splitlines() or [b""]
    for problem in load(name).problems:
        assert 1 <= problem.line <= len(text_lines) + 1
        assert problem.column >= 1
        assert problem.severity in ("error", "warning")
        assert "internal error" not in problem.message


def test_several_errors_are_reported_at_once() -> None:
    result = load("bad_several")
    found = [(p.line, p.column) for p in result.errors]
    assert found == [(3, 5), (5, 1), (6, 20), (10, 17), (11, 11), (12, 5), (14, 19)]
    messages = " | ".join(p.message for p in result.errors)
    for words in (
        "`id`",
        "did you mean `title`?",
        "`estimated_minutes`",
        "`{{who}}` is unknown",
        "`next: nowhere`",
        "missing the required key `title`",
        "`show_support`",
    ):
        assert words in messages


def test_duplicate_keys_are_reported_with_the_other_problems() -> None:
    text = (DATA / "bad_duplicate_key_nested.yaml").read_text() + "colour: red\n"
    result = load_bytes(text.encode(), "g.yaml")
    assert [(p.line, "duplicate" in p.message or "unknown key" in p.message) for p in result.errors] == [
        (8, True),
        (9, True),
    ]


def test_unknown_key_hint_lists_the_valid_keys_when_nothing_is_close() -> None:
    message = load("bad_unknown_key_far").errors[0].message
    assert "did you mean" not in message
    assert "x-" in message


def test_a_misspelt_required_key_is_not_also_reported_missing() -> None:
    assert len(load("bad_unknown_key_step").errors) == 1


def test_the_bundled_xiaomi_guide_loads_without_problems() -> None:
    result = load_file(XIAOMI)
    assert result.problems == []
    guide = result.guide
    assert guide is not None
    assert guide.id == "xiaomi-installment-priority-payment"
    assert guide.language == "zh-CN"
    assert guide.source is not None and guide.source.published == dt.date(2024, 8, 27)
    # The article gives a publication date, not a day its facts were checked, and no time.
    assert guide.reviewed is None and guide.estimated_minutes is None
    assert [s.id for s in guide.steps] == [
        "login",
        "my-orders",
        "choose-order",
        "find-option",
        "choose-method",
        "confirm",
        "verify",
        "contact-support",
    ]
    find = guide.step("find-option")
    assert find.ask is not None and find.ask.key == "option_found"
    assert guide.successors(find) == ["choose-method", "contact-support"]  # both branches
    assert guide.step("verify").next == "end"
    assert guide.step("contact-support").show_support is True
    assert guide.step("contact-support").next == "end"
    assert guide.support[0].phone == "400-100-5678" and guide.support[0].disclaimer


def test_the_bundled_guide_loads_the_same_with_and_without_libyaml() -> None:
    data = XIAOMI.read_bytes()
    assert load_bytes(data, fast=True).guide == load_bytes(data, fast=False).guide


def test_load_guide_returns_the_guide_or_raises_with_every_error() -> None:
    assert load_guide(XIAOMI).title == "小米分期如何更改优先支付方式"
    with pytest.raises(GuideError) as caught:
        load_guide(DATA / "bad_several.yaml")
    assert len(caught.value.problems) == 7
    assert str(caught.value).count(": error: ") == 7


def test_yaml_1_1_look_alikes_stay_the_text_written() -> None:
    guide = load("ok_yaml11_text").guide
    assert guide is not None
    assert guide.title == "no"
    assert guide.tags == ("yes", "on", "0123")
    step = guide.steps[0]
    assert (step.title, step.body) == ("9:30", "1.10")
    assert step.ask is not None and step.ask.prompt == "off"
    assert [o.label for o in step.ask.options] == ["yes", "no", "0123", "9:30", "1.10", "on", "~x", "2024-02-30"]


def test_utf8_with_a_byte_order_mark_is_accepted() -> None:
    with_bom = load("ok_bom")
    assert with_bom.problems == [] and with_bom.guide is not None
    without = load_bytes((DATA / "ok_bom.yaml").read_bytes()[3:])
    assert without.guide == with_bom.guide


def test_text_is_nfc_normalized() -> None:
    guide = load("ok_nfc").guide
    assert guide is not None and guide.steps[0].title == "Caf\u00e9"


# Pieces of text that NFC changes when they meet (a letter and its accent, Hangul jamo,
# Indic and Thai marks), and spaces and line breaks (YAML joins lines with them).
_TRICKY = "ae Ae\u0300\u0301\u0308\u0323\u0345\u1100\u1161\u11a8\uac00\u0915\u093c\u094d\u0e40\u3099\u304b\n"


class _Styled(str):
    """A text written in the YAML style of the dumper that writes it."""


class _StyleDumper(yaml.SafeDumper):
    style: str | None = None


_StyleDumper.add_representer(_Styled, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style=d.style))


@settings(max_examples=300, deadline=None)
@given(
    title=st.text(alphabet=_TRICKY, min_size=1, max_size=10),
    body=st.text(alphabet=_TRICKY, min_size=1, max_size=30),
    style=st.sampled_from([None, "'", '"', "|", ">"]),
    nfc=st.booleans(),
)
def test_values_read_without_character_checks_are_the_values_read_with_them(
    title: str, body: str, style: str | None, nfc: bool
) -> None:
    """A file that holds no escape, no invisible character and nothing NFC changes
    skips the checks of each value (loader._plain_values): YAML's folding and block
    scalars must not be able to make a value those checks would change or refuse."""
    if nfc:  # a file in NFC: the values are read without their checks
        title, body = unicodedata.normalize("NFC", title), unicodedata.normalize("NFC", body)
    dumper = type("Dumper", (_StyleDumper,), {"style": style})
    guide = {"format": 1, "id": "g", "language": "en", "title": _Styled(title)}
    guide["steps"] = [{"title": "A", "body": _Styled(body)}]
    data = yaml.dump(guide, Dumper=dumper, allow_unicode=True, sort_keys=False).encode()
    quick = load_bytes(data)
    with mock.patch.object(loader, "_plain_values", return_value=False):
        checked = load_bytes(data)
    assert quick.problems == checked.problems
    assert quick.guide == checked.guide


def test_only_a_file_without_escapes_invisible_characters_or_unnormalized_text_skips_the_value_checks() -> None:
    assert loader._plain_values(XIAOMI.read_text(encoding="utf-8"))
    assert not loader._plain_values('title: "a\\u200bb"')  # an escape can write anything
    assert not loader._plain_values("title: a\u200bb")
    assert not loader._plain_values("title: Cafe\u0301")


def test_x_keys_are_ignored_and_good_links_pass() -> None:
    result = load("ok_extensions")
    assert result.problems == [] and result.guide is not None


def test_missing_file_and_folder_are_problems_not_exceptions(tmp_path: Path) -> None:
    missing = load_file(tmp_path / "nope.yaml")
    assert missing.guide is None and "no such file" in missing.errors[0].message
    folder = load_file(tmp_path)
    assert folder.guide is None and "folder" in folder.errors[0].message


def test_problem_prints_as_path_line_column_severity_message() -> None:
    problem = Problem("g.yaml", 3, 7, "error", "something")
    assert str(problem) == "g.yaml:3:7: error: something"
    assert problem.is_error


def test_locations_point_at_steps_and_keys() -> None:
    guide = load_guide(XIAOMI)
    lines = XIAOMI.read_text(encoding="utf-8").splitlines()
    first = lines.index("  - id: login") + 1
    key = lines.index("      key: option_found") + 1
    assert guide.locations[("steps", 0)] == (first, 5)
    assert guide.locations[("steps", 3, "ask", "key")] == (key, 12)


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        # answered before the step on every path: no warning
        (
            """
  - title: A
    ask: {key: k, prompt: P, options: [{label: x}, {label: y}]}
  - title: B
    body: "{{k}}"
""",
            [],
        ),
        # an answer's note may use its own question's key: it is shown once chosen
        (
            """
  - title: A
    ask: {key: k, prompt: P, options: [{label: x, note: "got {{k}}"}, {label: y}]}
""",
            [],
        ),
        # the question's own step shows its body before it is answered
        (
            """
  - title: A
    body: "{{k}}"
    ask: {key: k, prompt: P, options: [{label: x}, {label: y}]}
""",
            ["may be unset in step `step-1`"],
        ),
        # a loop back past the question keeps the key answered
        (
            """
  - id: a
    title: A
    ask: {key: k, prompt: P, options: [{label: again, next: a}, {label: on}]}
  - title: B
    body: "{{k}}"
""",
            [],
        ),
        # the finish text after a branch that skips the question
        (
            """
  - title: A
    ask: {key: r, prompt: P, options: [{label: skip, next: end}, {label: go}]}
  - title: B
    ask: {key: k, prompt: P, options: [{label: x}, {label: y}]}
"""
            + "finish: {body: '{{k}}'}\n",
            ["may be unset in the finish text"],
        ),
    ],
)
def test_may_be_unset_warnings(steps: str, expected: list[str]) -> None:
    data = f"format: 1\nid: g\ntitle: G\nsteps:{steps}".encode()
    result = load_bytes(data)
    assert result.errors == []
    assert [m for w in result.warnings for m in expected if m in w.message] == expected
    assert len(result.warnings) == len(expected), result.warnings


def test_a_loop_with_an_exit_is_fine_and_one_without_is_not() -> None:
    head = "format: 1\nid: g\ntitle: G\nsteps:\n"
    with_exit = head + (
        "  - {id: a, title: A, ask: {key: k, prompt: P, options: [{label: again, next: a}, {label: done, next: end}]}}\n"
    )
    assert load_bytes(with_exit.encode()).problems == []
    no_exit = head + (
        "  - {id: a, title: A, body: x, next: b}\n  - {id: b, title: B, body: y, next: a}\n"
        "  - {id: c, title: C, body: z}\n"
    )
    messages = [p.message for p in load_bytes(no_exit.encode()).errors]
    assert any("step `c` cannot be reached" in m for m in messages)
    assert sum("never reach the end" in m for m in messages) == 2


def test_docs_limits_states_every_limit_with_its_value() -> None:
    from guide_tui.core import fields
    from guide_tui.core.loader import MAX_PROBLEMS
    from guide_tui.core.yamlsafe import MAX_NODES

    text = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    assert f"{fields.MAX_FILE_BYTES:,} bytes" in text and "1 MiB" in text
    for value in (
        fields.MAX_TEXT_CHARS,
        fields.MAX_LINE_CHARS,
        fields.MAX_STEPS,
        fields.MAX_LIST_ITEMS,
        fields.MAX_DEPTH,
        MAX_NODES,
        MAX_PROBLEMS,
    ):
        assert f"| {value:,}" in text or f"{value:,} levels" in text or f"first {value:,}" in text, value
    for words in ("Aliases", "Tags", "!!python/object", "| 0 |", "| 1 |", "| 2 |"):
        assert words in text


# -- the same problems in Chinese -----------------------------------------------------

# file -> words the first problem must hold in Chinese; the place and the
# "error:"/"warning:" word are the same as in English.
CHINESE: dict[str, tuple[str, ...]] = {
    "bad_unknown_key": ("指南中有未知的键 `sumary`", "您是想写 `summary` 吗？", "以 `x-` 开头的键"),
    "bad_unknown_key_step": ("第 1 步中有未知的键 `titel`", "您是想写 `title` 吗？"),
    "bad_wrong_type": ("`title` 的值必须是文本", "实际是一个列表"),
    "bad_wrong_type_bool": ("`show_support` 必须是 true 或 false", "实际是单词 yes", "请写 `true` 或 `false`"),
    "bad_duplicate_key": ('键 "title" 重复', "第一次出现在第 4 行", "请删除或重命名其中一个"),
    "bad_unreachable": ("无法到达步骤 `orphan`", "请让某个 `next`"),
    "bad_tab_indent": ("YAML 语法错误：", "请用空格缩进，不要用制表符"),
    "bad_not_utf8": ("文件不是 UTF-8 编码", "0xE9", "请另存为 UTF-8"),
    "bad_next_unknown": ("`next: secnd` 指向的步骤不存在", "您是想写 `second` 吗？"),
    "warn_maybe_unset": ("`{{method}}` 可能还没有值", "步骤 `last`", "请把问题提前"),
}


@pytest.mark.parametrize("name", sorted(CHINESE))
def test_problem_in_chinese(name: str) -> None:
    first = load(name).problems[0]
    for words in CHINESE[name]:
        assert words in first.text("zh-CN"), (words, first.text("zh-CN"))
    english_head = str(first)[: -len(first.message)]
    assert first.format("zh-CN") == english_head + first.text("zh-CN")
    assert english_head.endswith((": error: ", ": warning: "))  # the parsable words stay English


@pytest.mark.parametrize("name", CHECKED)
def test_every_fixture_problem_is_translated(name: str) -> None:
    """Each problem of each fixture has a catalog key and reads as Chinese."""
    for problem in load(name).problems:
        assert problem.key, str(problem)
        zh = problem.text("zh-CN")
        assert zh != problem.message and re.search("[\u4e00-\u9fff]", zh), zh
        assert problem.text("en") == problem.message


def test_load_file_problems_are_translated(tmp_path: Path) -> None:
    assert "文件不存在" in load_file(tmp_path / "missing.yaml").errors[0].text("zh-CN")
    assert "这是一个文件夹" in load_file(tmp_path).errors[0].text("zh-CN")
    too_many = "\n".join(f"k{i}: 1" for i in range(150)).encode()
    last = load_bytes(b"format: 1\n" + too_many).problems[-1]
    assert "个问题未显示" in last.text("zh-CN")


def _guide_files() -> list[Path]:
    root = Path(__file__).resolve().parents[2]
    return sorted([*root.glob("guides/*.yaml"), *root.glob("tests/data/**/*.yaml"), *root.glob("tests/data/**/*.yml")])


@pytest.mark.parametrize("path", _guide_files(), ids=lambda p: p.name)
def test_the_quick_header_reads_what_the_whole_file_says(path: Path) -> None:
    """load_header's quick way (steps counted by their lines, not read) gives the same
    fields and number of steps as reading the file event by event, or steps aside."""
    from guide_tui.core.loader import load_header

    data = path.read_bytes()
    quick, whole = load_header(data, str(path)), load_header(data, str(path), quick=False)
    assert (quick.values, quick.steps, quick.problems) == (whole.values, whole.steps, whole.problems)
    full = load_bytes(data, str(path))
    if full.guide is not None:
        assert whole.steps == len(full.guide.steps)


@pytest.mark.parametrize(
    "text",
    [
        "format: 1\nid: a\ntitle: A\nsteps:\n- title: One\n  body: x\n- title: Two\nlanguage: en\n",
        "format: 1\nid: a\ntitle: A\nsteps:   # the walk\n\n  # first\n  - title: One\n# aside\n  - title: Two\n    body: |\n      - not a step\n      text\n\nsummary: After the steps.\n",
        "format: 1\r\nid: a\r\ntitle: A\r\nsteps:\r\n  - title: One\r\n  - title: Two\r\ntags: [x]\r\n",
        "format: 1\nid: a\nsummary: |\n  steps:\n  - no\ntitle: A\nsteps:\n    - title: One\n    -\n      title: Two\n",
        "format: 1\nid: a\ntitle: A\nsteps: [{title: One}, {title: Two}]\n",
        "format: 1\nid: a\ntitle: A\nsteps:\n  - title: One\n  - title: Two\n...\n",
        "format: 1\nid: a\ntitle: A\nsteps:\n  - title: One\n - title: Odd\n",
    ],
)
def test_the_quick_header_agrees_on_unusual_layouts(text: str) -> None:
    from guide_tui.core.loader import load_header

    data = text.encode()
    quick, whole = load_header(data, "g.yaml"), load_header(data, "g.yaml", quick=False)
    assert (quick.values, quick.steps, quick.problems) == (whole.values, whole.steps, whole.problems)


def test_a_kept_load_is_given_back_only_while_the_file_holds_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    """load_file(keep=True) (serve's warm starter): the same path loads without parsing again
    while its bytes are the same, and is read and checked again once they change."""
    monkeypatch.setattr(loader, "_kept", {})
    source = (ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml").read_text("utf-8")
    path = tmp_path / "g.zh-CN.yaml"
    path.write_text(source, encoding="utf-8")
    kept = load_file(path, keep=True)
    assert kept.guide is not None
    with mock.patch.object(loader, "load_bytes", side_effect=AssertionError("parsed again")):
        again = load_file(path)
    assert again.guide is kept.guide and again.problems == kept.problems
    again.problems.append(Problem.of(str(path), 1, 1, "warning", Message("load.empty")))  # the caller's list
    assert load_file(path).problems == kept.problems
    path.write_text(source.replace("\nsteps:", "\nunknown_key: 1\nsteps:", 1), encoding="utf-8")
    changed = load_file(path)
    assert changed.guide is None and any("unknown_key" in p.format("en") for p in changed.problems)
    other = tmp_path / "other.zh-CN.yaml"
    other.write_text(source, encoding="utf-8")
    assert load_file(other).guide is not kept.guide  # kept by path: another file is loaded


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("body: **Pull** the power cable.", "text that starts with * or & is read as YAML"),
        ('body: "Pull" the power cable.', "a value that starts with a quote, [ or { ends there"),
        ("body: '[Optional] Wait'", None),  # quoted whole: fine
        ("body: [Optional] Wait", "a value that starts with a quote, [ or { ends there"),
        ("body: - Pull the cable", 'a value that starts with "- " is read as a list'),
    ],
)
def test_a_markdown_habit_in_a_value_gets_a_hint_that_names_it(value: str, hint: str | None) -> None:
    """Markdown's **bold**, a quoted word first, [Optional] or "- " in a plain value broke the
    YAML with no hint, or one about indentation that was fine."""
    text = f"format: 1\nid: t\ntitle: T\nsteps:\n  - title: S\n    {value}\n"
    problems = load_bytes(text.encode(), "t.en.yaml").problems
    if hint is None:
        assert [p for p in problems if p.severity == "error"] == []
        return
    assert len(problems) == 1 and problems[0].line == 6
    assert hint in problems[0].text("en") and "indentation" not in problems[0].text("en")


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(
    ("lines", "place", "words"),
    [
        # A quote never closed: at the quote, not at the end of the file.
        (['title: "T', "steps:", "  - title: S", "    body: B"], (3, 8), "the quote that opens here is never closed"),
        # A quote closed only by a later line's quote: at the quote, not at that line.
        (
            ['title: "T', "steps:", "  - title: S", '    body: "B"'],
            (3, 8),
            "the quote that opens here is not closed on its line: the text runs on to line 6",
        ),
        # A key further in than the one above: not "put text with ': ' in quotes".
        (["title: T", "steps:", "  - title: S", "      body: B"], (6, 11), "`body` is further in than the line above"),
        # An anchor: YAML took `&x` for one and kept only "B" (nothing was said).
        (["title: T", "steps:", "  - title: S", "    body: &x B"], (6, 11), "`&x` is read as a YAML anchor"),
        (["title: T", "steps:", "  - title: S", "    body: Tom & Jerry"], None, None),  # "&" inside text: fine
        # A quoted text over two lines, words after its closing quote: not "check the indentation".
        (
            ["title: T", "steps:", "  - title: S", '    body: "a long', '      text" extra'],
            (7, 13),
            "a value that starts with a quote, [ or { ends there",
        ),
        # A Chinese input method's "：" after a key: at that colon, not at the next key
        # ("further in than the line above") or past the end of the file ("expected ':'").
        (
            ["title: T", "steps:", "  - title：烧水", "    body: 装水。"],
            (5, 10),
            "`title` is followed by the full-width colon “：”",
        ),
        (
            ["title: T", "steps:", "  - title: S", "    body：装水。"],
            (6, 9),
            'half-width colon ":" and a space: `body: 装水。`',
        ),
        (["title：T", "steps:", "  - title: S"], (3, 6), "`title: T`"),
        (
            ["title: T", "steps:", "\u3000- title: S", "    body: B"],
            (5, 1),
            "indented with the full-width space U+3000",
        ),
        # ... and where YAML reads it as part of a key (`　　body`, found in QA): the same words
        (["title: T", "steps:", "  - title: S", "\u3000\u3000body: B"], (6, 1), "indented with the full-width space"),
        # A text's own "Note：" line is not a key: the real mistake keeps its own words.
        (
            ["title: T", "steps:", "  - title: S", "    body: |", "      Note：水很烫", "     notes: x"],
            (8, 6),
            "expected",
        ),
    ],
)
def test_a_yaml_mistake_is_placed_where_it_was_made_and_says_how_to_fix_it(
    lines: list[str], place: tuple[int, int] | None, words: str | None, fast: bool
) -> None:
    text = "\n".join(["format: 1", "id: t", *lines]) + "\n"
    problems = [p for p in load_bytes(text.encode(), "t.en.yaml", fast=fast).problems if p.severity == "error"]
    if place is None:
        assert problems == []
        return
    assert len(problems) == 1 and (problems[0].line, problems[0].column) == place, problems
    assert words in problems[0].text("en") and "put text that contains" not in problems[0].text("en")
    assert problems[0].text("zh-CN") != problems[0].text("en")  # translated


def test_a_link_to_nothing_says_so_and_names_where_it_points(tmp_path: Path) -> None:
    """A dangling link was "no such file", though `ls` shows it there."""
    link = tmp_path / "g.en.yaml"
    link.symlink_to("moved-away.en.yaml")
    problems = load_file(link).problems
    assert len(problems) == 1 and problems[0].severity == "error"
    assert "a symbolic link to moved-away.en.yaml, which does not exist" in problems[0].text("en")
    assert "no such file" in load_file(tmp_path / "absent.en.yaml").problems[0].text("en")


def test_a_body_that_yaml_read_as_a_comment_is_said_to_be_empty() -> None:
    """`body: # Heading` is a YAML comment: the body was empty and nothing was said (the
    warning for a step with only a title was skipped because a `body` was written)."""
    text = "format: 1\nid: t\ntitle: T\nsteps:\n  - id: a\n    title: A\n    body: # Heading\n  - id: b\n    title: B\n"
    problems = load_bytes(text.encode(), "t.en.yaml").problems
    said = sorted((p.line, p.text("en")) for p in problems)
    assert [line for line, _ in said] == [7, 8]
    assert "step `a` has a `body` with no text" in said[0][1] and "`body: # Heading`" in said[0][1]
    assert "step `b` has no body, ask or checklist" in said[1][1]
    assert all(p.severity == "warning" for p in problems)


@pytest.mark.parametrize(
    ("lang", "invalid", "unknown"),
    [
        (
            "en",
            '`next` "Nowhere Land" is not valid: use a step id or `end`',
            "`next: nowhere` names no step; use a step id or `end`",
        ),
        (
            "zh-CN",
            '`next` 的值 "Nowhere Land" 无效：请使用步骤的 id 或 `end`',
            "`next: nowhere` 指向的步骤不存在；请使用步骤的 id 或 `end`",
        ),
    ],
)
def test_a_next_that_names_no_step_is_said_in_a_whole_sentence(lang: str, invalid: str, unknown: str) -> None:
    """One hint served two messages: English said "is not valid: use use a step id", and
    Chinese "指向的步骤不存在；步骤的 id 或 `end`", with no verb (found in QA)."""
    text = (
        "format: 1\nid: g\nlanguage: en\ntitle: T\nsteps:\n"
        "  - id: a\n    title: A\n    body: b\n    next: Nowhere Land\n"
        "  - id: b\n    title: B\n    body: c\n    next: nowhere\n"
    )
    said = [p.text(lang) for p in load_bytes(text.encode(), "g.en.yaml").problems]
    assert said == [invalid, unknown]


def test_a_value_refused_for_a_character_is_not_also_called_missing() -> None:
    """`body: "x\\u200by"` got its error, and a warning that the body had no text and that a
    `#` might have started a comment; a disclaimer refused for an escape got "has a phone
    number but no disclaimer" (found in QA). The error alone is said."""
    text = (
        "format: 1\nid: esc\nlanguage: en\ntitle: T\nsupport:\n  - name: Line\n    phone: 400-100-5678\n"
        '    disclaimer: "\\u001b]0;x\\u0007 may vary"\nsteps:\n  - id: one\n    title: One\n    body: ok\n'
        '  - id: two\n    title: Two\n    body: "x\\u200by"\n'
    )
    problems = load_bytes(text.encode(), "esc.en.yaml").problems
    assert [(p.line, p.severity) for p in problems] == [(8, "error"), (15, "error")], [str(p) for p in problems]
    empty = load_bytes(
        text.replace('"x\\u200by"', "# Heading").replace('"\\u001b]0;x\\u0007 may vary"', "").encode(), "e.en.yaml"
    )
    assert {p.key for p in empty.problems} == {"load.empty_body", "load.no_disclaimer"}  # written empty: still said


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
def test_a_link_or_key_inside_a_long_text_is_placed_where_it_is_written(fast: bool) -> None:
    """Both were placed at `body: |`, three lines above the text they are about."""
    text = (
        "format: 1\nid: t\ntitle: T\nsteps:\n  - title: A\n    body: |\n      Fine.\n\n"
        "      Bad [here](ftp://x.example.com) and {{nokey}}.\n"
        # Folded over two lines: not written as it reads, so placed at the text.
        "  - title: B\n    body: >-\n      See [it](ftp://y.example.com) and {{other\n      }}.\n"
        # Written only in the next value: never placed there.
        "  - title: C\n    body: Plain {{gone}}.\n    notes: ['{{gone}} again']\n"
    )
    problems = load_bytes(text.encode(), "t.en.yaml", fast=fast).errors
    places = {p.message.split(" is unknown")[0].split(": links")[0]: (p.line, p.column) for p in problems}
    assert places["link `ftp://x.example.com`"] == (9, 18)
    assert places["`{{nokey}}`"] == (9, 43)
    assert places["link `ftp://y.example.com`"] == (12, 16)  # on its line of the folded text
    assert places["`{{other}}`"] == (11, 11)  # split over two lines: at its text
    assert sorted((p.line, p.column) for p in problems if "`{{gone}}`" in p.message) == [(15, 17), (16, 14)]


def test_a_problem_in_one_item_of_a_list_names_that_item_not_each() -> None:
    """ "each item of `notes` contains U+200B", for the one item of two that did (found in QA)."""
    text = 'format: 1\nid: z\ntitle: Z\nsteps:\n  - title: A\n    body: B\n    notes:\n      - fine\n      - "bad\\u200b"\n'
    [problem] = load_bytes(text.encode(), "z.en.yaml").errors
    assert (problem.line, problem.text("en")[:21]) == (9, "an item of `notes` co")
    assert problem.text("zh-CN").startswith("`notes` 中的一项含有不可见字符")


def test_a_list_inside_a_message_is_joined_as_each_language_joins_one() -> None:
    """ "https:, mailto:, tel: 开头": an English list in a Chinese sentence (found in QA)."""
    problem = load("bad_link_scheme").errors[0]
    assert "https:, mailto:, tel:" in problem.text("en")
    assert "https:、mailto:、tel: 开头" in problem.text("zh-CN")


def test_a_mistaken_when_does_not_hide_the_other_problems_of_the_guide() -> None:
    """Two mistaken `when`s (a label the question lacks, a misspelt key) kept the path
    checks from running: step `d`, which can never be shown, was reported only once they
    were mended (found in QA). Every problem in a file is reported at once."""
    text = (
        "format: 1\nid: w\ntitle: W\nsteps:\n"
        "  - id: a\n    title: A\n    body: x\n    ask:\n      key: device\n      prompt: Which?\n"
        "      options:\n        - label: Phone\n        - label: Computer\n"
        "  - id: b\n    title: B\n    when: {device: Tablet}\n    body: y\n"
        "  - id: c\n    title: C\n    when: {devise: Phone}\n    body: z\n"
        "  - id: d\n    title: D\n    when: {later: 'Yes'}\n    body: w\n    ask:\n      key: later\n"
        "      prompt: ok?\n      options:\n        - label: 'Yes'\n        - label: 'No'\n"
    )
    errors = load_bytes(text.encode(), "w.en.yaml").errors
    assert [p.line for p in errors] == [16, 20, 24], errors
    assert "step `d` can never be shown" in errors[2].message
