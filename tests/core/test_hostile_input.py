"""Hostile and broken input: every file ends as a Guide or as Problems with a
line and a column, never as an exception, a crash, a hang or a huge allocation.

Covers the cases of issue 5: tags, aliases, depth, size, duplicate keys,
YAML 1.1 types, dates, encodings, terminal escapes, invisible characters,
links; the public YAML test suite; and Hypothesis on bytes, YAML-ish text and
mutations of the bundled guides.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide_tui.core.fields import MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_STEPS, MAX_TEXT_CHARS
from guide_tui.core.loader import MAX_PROBLEMS, LoadResult, load_bytes, load_file, read_guide_bytes
from guide_tui.core.problems import Problem
from guide_tui.core.text import HIDDEN, safe_text
from guide_tui.core.yamlsafe import MAX_NODES

ROOT = Path(__file__).resolve().parents[2]
GUIDES = sorted((ROOT / "guides").glob("*.yaml"))
FAST = pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
HEAD = "format: 1\nid: g\ntitle: G\n"
ONE_STEP = "steps:\n  - title: A\n    body: B\n"


def assert_sound(result: LoadResult) -> None:
    """A guide with no errors, or no guide and at least one placed error."""
    assert isinstance(result, LoadResult)
    if result.guide is None:
        assert result.errors
    else:
        assert result.errors == []
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert "internal error" not in problem.message
        assert_printable(str(problem))


def assert_printable(text: str) -> None:
    """Nothing that could drive a terminal or reorder what is read."""
    bad = [c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")]
    assert not bad, (bad, text)


def only_error(data: bytes | str, fast: bool = True) -> Problem:
    result = load_bytes(data.encode() if isinstance(data, str) else data, "g.yaml", fast=fast)
    assert_sound(result)
    assert result.guide is None and len(result.errors) == 1, result.problems
    return result.errors[0]


# -- tags and aliases ----------------------------------------------------------


@FAST
@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object:os.system",
        "!!python/object/apply:os.system",
        "!!python/name:os.system",
        "!!binary",
        "!!set",
        "!!omap",
        "!foo",
        "!<tag:example.com,2000:x>",
        "!e!thing",
    ],
)
def test_non_core_tags_are_refused_where_written(tag: str, fast: bool) -> None:
    prefix = "%TAG !e! tag:example.com,2000:\n---\n" if tag.startswith("!e!") else ""
    problem = only_error(prefix + HEAD.replace("title: G", f"title: {tag} x") + ONE_STEP, fast)
    line = 3 + prefix.count("\n")
    assert (problem.line, problem.column) == (line, 8)
    assert "not allowed" in problem.message and "remove the tag" in problem.message


def test_core_tags_are_allowed() -> None:
    result = load_bytes((HEAD.replace("title: G", "title: !!str 5") + "estimated_minutes: 5\n" + ONE_STEP).encode())
    assert result.guide is not None and result.guide.title == "5"


@FAST
def test_a_big_billion_laughs_is_refused_at_the_first_alias(fast: bool) -> None:
    lines = ['l0: &l0 "lol"']
    lines += [f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 30)]
    problem = only_error("\n".join(lines) + "\n", fast)
    assert (problem.line, problem.column) == (2, 10)
    assert "aliases" in problem.message


@FAST
@pytest.mark.parametrize("text", ["x: &a [*a]\n", "x: &a {k: *a}\n", "&a x: *a\n", "- &a [*a, *a]\n"])
def test_self_reference_is_refused(text: str, fast: bool) -> None:
    assert "aliases" in only_error(text, fast).message


# -- depth and size --------------------------------------------------------------

DEEP = {
    "flow lists": b"[" * 50_000,
    "flow mappings": b"a: " + b"{a: " * 50_000,
    "block lists": b"- " * 50_000 + b"x\n",
    "closed flow lists": b"x: " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
}


@pytest.mark.parametrize("name", DEEP)
def test_deep_nesting_without_libyaml_is_an_error_not_a_recursion_error(name: str) -> None:
    problem = only_error(DEEP[name], fast=False)
    assert "nested more than 32 levels" in problem.message
    assert problem.line == 1


def test_deep_nesting_with_libyaml_does_not_crash_the_interpreter() -> None:
    """libyaml's own composer segfaults on this; run it where a crash cannot take pytest down."""
    if not yaml.__with_libyaml__:
        pytest.skip("this PyYAML has no libyaml")
    script = textwrap.dedent("""
        from guide_tui.core.loader import load_bytes
        for data in (b"[" * 50_000, b"a: " + b"{a: " * 50_000, b"- " * 50_000 + b"x"):
            result = load_bytes(data, "deep.yaml", fast=True)
            problem = result.errors[0]
            print(problem.line, problem.column, "nested more than" in problem.message)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:3] == ["1 33 True", "1 128 True", "1 65 True"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as fh:
        fh.truncate(8 * 1024**3)  # sparse: reading it whole would take 8 GiB
    result = load_file(huge)
    assert result.guide is None
    assert (result.errors[0].line, result.errors[0].column) == (1, 1)
    assert "larger than 1 MiB" in result.errors[0].message


def test_bytes_over_the_size_limit_are_refused_and_at_the_limit_are_read() -> None:
    assert "larger than 1 MiB" in only_error(b"#" * (MAX_FILE_BYTES + 1)).message
    padded = (HEAD + ONE_STEP).encode()
    padded += b"#" * (MAX_FILE_BYTES - len(padded))
    assert load_bytes(padded).guide is not None


def test_a_file_is_read_whole_whatever_size_it_says() -> None:
    """A file is read from the size its stat gives, then on to its end: /proc files say 0."""
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("needs Linux's /proc")
    data = read_guide_bytes(status)
    assert isinstance(data, bytes) and b"\nPid:" in data and len(data) > 100


def test_a_file_at_the_size_limit_is_read_from_disk(tmp_path: Path) -> None:
    padded = (HEAD + ONE_STEP).encode()
    padded += b"#" * (MAX_FILE_BYTES - len(padded))
    (tmp_path / "full.yaml").write_bytes(padded)
    assert read_guide_bytes(tmp_path / "full.yaml") == padded
    assert load_file(tmp_path / "full.yaml").guide is not None


@FAST
def test_too_many_values_is_an_error(fast: bool) -> None:
    data = b"x-list: [" + b"0," * (MAX_NODES + 10) + b"]\n"
    problem = only_error(data, fast)
    assert problem.line == 1 and "more than 100,000 values" in problem.message


def test_too_many_steps_is_an_error() -> None:
    data = HEAD + "steps:\n" + "  - {title: A, body: B}\n" * (MAX_STEPS + 1)
    problem = only_error(data)
    assert (problem.line, problem.column) == (5, 3)
    assert f"the limit is {MAX_STEPS}" in problem.message


def test_a_guide_at_the_step_limit_loads() -> None:
    data = HEAD + "steps:\n" + "  - {title: A, body: B}\n" * MAX_STEPS
    result = load_bytes(data.encode())
    assert result.problems == [] and result.guide is not None and len(result.guide.steps) == MAX_STEPS


@pytest.mark.parametrize(("field", "limit", "line"), [("title", MAX_LINE_CHARS, 5), ("body", MAX_TEXT_CHARS, 6)])
def test_text_over_the_limit_is_an_error_and_at_the_limit_is_not(field: str, limit: int, line: int) -> None:
    def guide(n: int) -> bytes:
        title, body = ("x" * n, "B") if field == "title" else ("A", "x" * n)
        return (HEAD + f"steps:\n  - title: {title}\n    body: {body}\n").encode()

    assert load_bytes(guide(limit)).problems == []
    problem = only_error(guide(limit + 1))
    assert problem.line == line and f"the limit is {limit:,}" in problem.message


def test_a_flood_of_problems_is_capped() -> None:
    data = HEAD + ONE_STEP + "".join(f"bad{i}: 1\n" for i in range(1000))
    result = load_bytes(data.encode())
    assert len(result.problems) == MAX_PROBLEMS + 1
    assert "900 more problems" in result.problems[-1].message
    assert result.problems[-1].line == 4 + 3 + MAX_PROBLEMS  # the first hidden one


# -- duplicate keys -----------------------------------------------------------

DUPLICATES = {
    "top": (HEAD + "id: h\n" + ONE_STEP, (4, 1)),
    "step": (HEAD + "steps:\n  - title: A\n    title: B\n", (6, 5)),
    "question": (
        HEAD + "steps:\n  - title: A\n    ask:\n      key: k\n      key: j\n"
        "      prompt: P\n      options: [{label: a}, {label: b}]\n",
        (8, 7),
    ),
    "option": (
        HEAD
        + "steps:\n  - title: A\n    ask: {key: k, prompt: P, options: [{label: a}, {label: b, next: end, next: end}]}\n",
        (6, 74),
    ),
    "contact": (HEAD + "support:\n  - name: A\n    name: B\n    channel: chat\n" + ONE_STEP, (6, 5)),
    "source": (HEAD + "source: {title: A, title: B}\n" + ONE_STEP, (4, 20)),
    "finish": (HEAD + ONE_STEP + "finish:\n  body: A\n  body: B\n", (9, 3)),
    "ignored x- value": (HEAD + ONE_STEP + "x-mine: {a: 1, a: 2}\n", (7, 16)),
    "quoted and plain": (HEAD + "'title': H\n" + ONE_STEP, (4, 1)),
}


@FAST
@pytest.mark.parametrize("where", DUPLICATES)
def test_duplicate_keys_in_any_mapping_are_errors_at_the_second(where: str, fast: bool) -> None:
    text, place = DUPLICATES[where]
    problem = only_error(text, fast)
    assert (problem.line, problem.column) == place
    assert "duplicate key" in problem.message and "first at line" in problem.message


# -- YAML 1.1 types and dates ---------------------------------------------------------


@FAST
@pytest.mark.parametrize(
    "word", ["no", "yes", "on", "off", "0123", "9:30", "1.10", "1e3", "0x1F", "2024-01-01", ".inf", "true"]
)
def test_yaml_1_1_look_alikes_stay_text(word: str, fast: bool) -> None:
    data = HEAD.replace("title: G", f"title: {word}") + (
        f"steps:\n  - title: {word}\n    ask:\n      key: k\n      prompt: {word}\n"
        f"      options: [{{label: {word}}}, {{label: other}}]\n"
    )
    result = load_bytes(data.encode(), fast=fast)
    assert result.problems == [] and result.guide is not None
    step = result.guide.steps[0]
    assert result.guide.title == step.title == word
    assert step.ask is not None and (step.ask.prompt, step.ask.options[0].label) == (word, word)


@FAST
@pytest.mark.parametrize("date", ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01"])
@pytest.mark.parametrize(("field", "place"), [("reviewed", (4, 11)), ("source", (4, 21))])
def test_impossible_dates_are_errors_with_a_place(date: str, field: str, place: tuple[int, int], fast: bool) -> None:
    line = f"reviewed: {date}\n" if field == "reviewed" else f"source: {{published: {date}}}\n"
    problem = only_error(HEAD + line + ONE_STEP, fast)
    assert (problem.line, problem.column) == place
    assert date in problem.message and "not a real date" in problem.message


def test_a_leap_day_is_a_real_date() -> None:
    result = load_bytes((HEAD + "reviewed: 2024-02-29\n" + ONE_STEP).encode())
    assert result.guide is not None and result.guide.reviewed is not None


# -- encodings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "place", "words"),
    [
        ("title: café".encode("latin-1"), (1, 11), "not UTF-8"),
        ("a: 1\nb: 中文\n".encode("gbk"), (2, 4), "not UTF-8"),
        ("a: 1\n".encode("utf-16"), (1, 1), "UTF-16"),
        ("a: 1\n".encode("utf-16-be"), (1, 1), "NUL byte"),
        ("a: 1\n".encode("utf-32"), (1, 1), "UTF-32"),
        (b"a: 1\nb: x\x00y\n", (2, 5), "NUL byte"),
        (b"a: 1\r\nb: x\x00y\r\n", (2, 5), "NUL byte"),
        (b"a: 1\rb: x\x00y\r", (2, 5), "NUL byte"),
        (b"a: 1\nb: \x1b[2J\n", (2, 4), "U+001B"),
        (b"a: 1\nb: \xc2\x9b2J\n", (2, 4), "U+009B"),
        ("a: 1\nb: x\u2029y\n".encode(), (2, 5), "U+2029"),
    ],
)
@FAST
def test_bad_encodings_are_refused_at_a_findable_place(
    data: bytes, place: tuple[int, int], words: str, fast: bool
) -> None:
    problem = only_error(data, fast)
    assert (problem.line, problem.column) == place
    assert words in problem.message


@FAST
@pytest.mark.parametrize("text", ["", "\n\n", "# c\n", "---\n", "--- # c\n...\n", "\ufeff"])
def test_empty_files_are_one_error(text: str, fast: bool) -> None:
    assert "empty" in only_error(text.encode(), fast).message


@FAST
@pytest.mark.parametrize("text", ["- a\n", "a\n", "'a'\n", "42\n", "[a, b]\n", "!!str x\n", "|\n  text\n"])
def test_a_top_level_that_is_not_a_mapping_is_an_error(text: str, fast: bool) -> None:
    assert "top level must be a mapping" in only_error(text, fast).message


# -- terminal control and invisible characters ---------------------------------------

ESCAPES = [
    "\\e",
    "\\x1b",
    "\\u001b",
    "\\u009b",
    "\\x9b",
    "\\a",
    "\\b",
    "\\0",
    "\\x7f",
    "\\r",
    "\\v",
    "\\N",
    "\\L",
    "\\P",
    "\\ud800",
    "\\e]52;c;ZXZpbA==\\a",
    "\\e]0;title\\a",
    "\\e]8;;https://x.test\\e\\\\",
]
TEXT_FIELDS = {
    "guide title": HEAD.replace("title: G", 'title: "A{}B"') + ONE_STEP,
    "summary": HEAD + 'summary: "A{}B"\n' + ONE_STEP,
    "tag": HEAD + 'tags: ["A{}B"]\n' + ONE_STEP,
    "step title": HEAD + 'steps:\n  - title: "A{}B"\n    body: B\n',
    "body": HEAD + 'steps:\n  - title: A\n    body: "A{}B"\n',
    "note": HEAD + 'steps:\n  - title: A\n    body: B\n    notes: ["A{}B"]\n',
    "warning": HEAD + 'steps:\n  - title: A\n    body: B\n    warning: "A{}B"\n',
    "checklist": HEAD + 'steps:\n  - title: A\n    checklist: ["A{}B"]\n',
    "prompt": HEAD
    + 'steps:\n  - title: A\n    ask: {{key: k, prompt: "A{}B", options: [{{label: a}}, {{label: b}}]}}\n',
    "label": HEAD
    + 'steps:\n  - title: A\n    ask: {{key: k, prompt: P, options: [{{label: "A{}B"}}, {{label: b}}]}}\n',
    "option note": HEAD
    + 'steps:\n  - title: A\n    ask: {{key: k, prompt: P, options: [{{label: a, note: "A{}B"}}, {{label: b}}]}}\n',
    "contact name": HEAD + 'support: [{{name: "A{}B", channel: chat}}]\n' + ONE_STEP,
    "disclaimer": HEAD + 'support: [{{name: N, phone: "400-100", disclaimer: "A{}B"}}]\n' + ONE_STEP,
    "finish body": HEAD + ONE_STEP + 'finish: {{body: "A{}B"}}\n',
}


@pytest.mark.parametrize("escape", ESCAPES)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_control_characters_written_as_escapes_are_refused(field: str, escape: str) -> None:
    problem = only_error(TEXT_FIELDS[field].format(escape))
    if escape == "\\ud800":  # half of a UTF-16 pair: named as what it is, not "the control character"
        assert "lone surrogate U+D800" in problem.message and "control character" not in problem.message
    else:
        assert "control character U+" in problem.message


@pytest.mark.parametrize(
    "text",
    [
        "format: {n}\nid: g\ntitle: G\n" + ONE_STEP,
        HEAD + "estimated_minutes: {n}\n" + ONE_STEP,
        HEAD + "estimated_minutes: -{n}\n" + ONE_STEP,
        HEAD + "reviewed: {n}\n" + ONE_STEP,
    ],
)
def test_a_huge_number_is_shown_cut_short_in_its_error(text: str) -> None:
    """`format: 999…` with 100,000 digits put the whole number in the message."""
    problem = only_error(text.format(n="9" * 100_000))
    assert "999…" in problem.message and len(problem.message) < 300, problem.message[:300]


INVISIBLES = [
    "\\u202e",
    "\\u202d",
    "\\u2066",
    "\\u2067",
    "\\u2068",
    "\\u2069",
    "\\u200e",
    "\\u200f",
    "\\u061c",
    "\\u200b",
    "\\u200c",
    "\\u200d",
    "\\u2060",
    "\\ufeff",
    "\\u00ad",
]
ONE_LINE_FIELDS = {
    "guide id": HEAD.replace("id: g", 'id: "g{}h"') + ONE_STEP,
    "guide title": TEXT_FIELDS["guide title"],
    "step id": HEAD + 'steps:\n  - id: "a{}b"\n    title: A\n    body: B\n',
    "step title": TEXT_FIELDS["step title"],
    "next": HEAD + 'steps:\n  - title: A\n    body: B\n    next: "e{}nd"\n',
    "ask key": HEAD
    + 'steps:\n  - title: A\n    ask: {{key: "k{}k", prompt: P, options: [{{label: a}}, {{label: b}}]}}\n',
    "label": TEXT_FIELDS["label"],
    "phone": HEAD + 'support: [{{name: N, phone: "400{}100", disclaimer: D}}]\n' + ONE_STEP,
    "contact url": HEAD + 'support: [{{name: N, url: "https://a{}b.example/"}}]\n' + ONE_STEP,
    "source url": HEAD + 'source: {{url: "https://a{}b.example/"}}\n' + ONE_STEP,
    "link in body": HEAD + 'steps:\n  - title: A\n    body: "[x](https://a{}b.example/)"\n',
    "finish title": HEAD + ONE_STEP + 'finish: {{title: "A{}B"}}\n',
}


@pytest.mark.parametrize("char", INVISIBLES)
@pytest.mark.parametrize("field", ONE_LINE_FIELDS)
def test_bidi_and_zero_width_characters_are_refused_in_names_numbers_and_links(field: str, char: str) -> None:
    problem = only_error(ONE_LINE_FIELDS[field].format(char))
    assert "U+" + char[2:].upper() in problem.message


# One policy for invisible and bidirectional characters in every text field (hostile
# input, second round, 3): refused where they stand, PATH:LINE:COL at the character.
MORE_INVISIBLES = ["\\u2061", "\\ufff9", "\\U000e0041", "\\u3164", "\\u034f", "\\u0600", "\\ufe0f", "\\u180e"]


def _char(escape: str) -> str:
    return chr(int(escape[2:], 16))


@pytest.mark.parametrize("escape", INVISIBLES + MORE_INVISIBLES)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_3_invisible_and_bidi_characters_are_refused_in_every_text_field_where_they_are(
    field: str, escape: str
) -> None:
    data = TEXT_FIELDS[field].format(escape)
    problem = only_error(data)
    assert f"U+{ord(_char(escape)):04X}" in problem.message and "remove it" in problem.message
    assert data.splitlines()[problem.line - 1][problem.column - 1 :].startswith(escape)  # at the escape itself


@pytest.mark.parametrize(
    "body",
    [
        '"call the official hotline at \\u202e8765-001-009\\u202c"',
        "call the official hotline at \u202e8765-001-009\u202c",  # written as itself
        "|\n      Steps:\n      call the official hotline at \u202e8765-001-009\u202c",
    ],
    ids=["escape", "plain", "block"],
)
def test_3_a_number_shown_reversed_in_a_body_is_refused_at_the_override(body: str) -> None:
    data = HEAD + f"steps:\n  - title: A\n    body: {body}\n"
    problem = only_error(data)
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in problem.message
    line = data.splitlines()[problem.line - 1]
    assert line[problem.column - 1 :].startswith(("\\u202e", "\u202e8765"))


def test_3_bidi_marks_are_refused_in_body_text_too() -> None:
    """A mark moves the dash between two groups of digits in right-to-left text: the
    number would read in another order.  Right-to-left letters need no mark."""
    problem = only_error(HEAD + 'steps:\n  - title: A\n    body: "\u05e9\u05dc\u05d5\u05dd \u200f(1)"\n')
    assert "U+200F (RIGHT-TO-LEFT MARK)" in problem.message
    result = load_bytes((HEAD + 'steps:\n  - title: A\n    body: "\u05e9\u05dc\u05d5\u05dd (1)"\n').encode())
    assert result.problems == []


@pytest.mark.parametrize(
    "text",
    [
        "👩\\u200d💻",  # an emoji sequence
        "🏳\\ufe0f\\u200d🌈",
        "👨🏽\\u200d💻",  # after a skin tone
        "1\\ufe0f\\u20e3",  # a keycap
        "می\\u200cخواهم",  # Persian: the non-joiner keeps a letter's form
        "क्\\u200dष",  # after a virama
        "漢\\U000e0100",  # an ideographic variation
    ],
)
@pytest.mark.parametrize("field", ["guide title", "body", "label", "contact name", "checklist", "prompt"])
def test_3_joiners_and_variation_selectors_that_do_their_work_are_kept(field: str, text: str) -> None:
    result = load_bytes(TEXT_FIELDS[field].format(text).encode())
    assert result.errors == [], result.errors
    written = yaml.safe_load(f'"{text}"')
    assert safe_text(written) == written  # shown as itself, not as escapes


def test_3_the_policy_holds_every_format_character() -> None:
    missing = [
        hex(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf" and not HIDDEN.match(chr(c))
    ]
    assert not missing


def test_3_text_that_cannot_be_refused_shows_each_character_as_an_escape() -> None:
    assert safe_text("/srv/\u202eftp.yaml: x\u200by\u3164") == "/srv/\\u202eftp.yaml: x\\u200by\\u3164"
    assert safe_text("a\u200cb Yes\ufe0f") == "a\\u200cb Yes\\ufe0f"  # a joiner or selector that does no work


def test_messages_that_quote_hostile_text_are_printable() -> None:
    data = HEAD + ONE_STEP + '"\\e]0;pwned\\a\\u202e": 1\nformat2: "\\e[2J"\n'
    result = load_bytes(data.encode(), "\x1b[31mred\u202e.yaml")
    assert len(result.errors) == 2
    for problem in result.problems:
        assert_printable(str(problem))
        assert_printable(problem.message)
        assert_printable(problem.format("zh-CN"))  # the same quote, in another language
    assert "\\x1b]0;pwned" in result.errors[0].message
    assert "\\x1b]0;pwned" in result.errors[0].text("zh-CN")


# -- links ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "good"),
    [
        ("https://example.org/help", True),
        ("mailto:help@example.org", True),
        ("tel:+864001005678", True),
        ("http://example.org/", False),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("vbscript:x", False),
        ("ftp://x.org/", False),
        ("-oProxyCommand=x", False),
        ("-https://example.org", False),
        ("example.org", False),
        ("https:example.org", False),
        ("https://user@example.org/", False),
        ("https://example.org:99999/", False),
        ("mailto:nobody", False),
        ("tel:call-me", False),
        ("https://", False),
    ],
)
@pytest.mark.parametrize("where", ["contact", "body", "note", "option note", "summary", "finish", "reference"])
def test_links_allow_only_https_mailto_and_tel(url: str, good: bool, where: str) -> None:
    text = {
        "contact": HEAD + f'support: [{{name: N, url: "{url}"}}]\n' + ONE_STEP,
        "body": HEAD + f'steps:\n  - title: A\n    body: "See [help]({url})."\n',
        "note": HEAD + f'steps:\n  - title: A\n    body: B\n    notes: ["[help](<{url}>)"]\n',
        "option note": HEAD
        + f'steps:\n  - title: A\n    ask: {{key: k, prompt: P, options: [{{label: a, note: "[h]({url})"}}, {{label: b}}]}}\n',
        "summary": HEAD + f'summary: "<{url}>"\n' + ONE_STEP,
        "finish": HEAD + ONE_STEP + f'finish: {{body: "[help] ({url}) [ok]({url})"}}\n',
        "reference": HEAD + f'steps:\n  - title: A\n    body: "See [help][h].\\n\\n> [h]: {url}\\n"\n',
    }[where]
    if where == "summary" and (":" not in url or not url[0].isalpha()):
        pytest.skip("without a scheme, <…> is not an autolink")
    result = load_bytes(text.encode())
    assert_sound(result)
    if good:
        assert result.errors == [], result.problems
    else:
        assert len(result.errors) == 1 and ("link" in result.errors[0].message or "`url`" in result.errors[0].message)


@pytest.mark.parametrize(
    ("label", "url", "warned"),
    [
        ("help", "https://example.org/", False),
        ("example.org", "https://example.org/help", False),
        ("www.example.org", "https://example.org/", False),
        ("https://example.org/a", "https://EXAMPLE.org/b", False),
        ("help@example.org", "mailto:help@example.org", False),
        ("example.org", "https://example.org.evil.test/", True),
        ("paypal.com", "https://paypa1.com/", True),
        ("https://bank.example", "https://evil.test/", True),
        ("**bank.example**", "https://evil.test/", True),
        ("help@bank.example", "mailto:help@evil.test", True),
        ("bank.example", "tel:+1234", True),
        ("version 1.2", "https://example.org/", False),
    ],
)
def test_link_text_that_looks_like_another_address_is_a_warning(label: str, url: str, warned: bool) -> None:
    result = load_bytes((HEAD + f'steps:\n  - title: A\n    body: "[{label}]({url})"\n').encode())
    assert result.errors == [] and result.guide is not None
    assert bool(result.warnings) is warned, result.warnings


# -- the public YAML test suite ------------------------------------------------------


def _corpus() -> list[Path]:
    for base in (ROOT.parent / "shared", Path("/work/shared")):
        folder = base / "corpus" / "yaml-test-suite"
        if folder.is_dir():
            return sorted(folder.glob("*/in.yaml"))
    return []


CORPUS = _corpus()


@pytest.mark.skipif(not CORPUS, reason="the YAML test suite corpus is not beside the checkout")
def test_every_yaml_test_suite_input_gives_a_guide_or_placed_problems() -> None:
    assert len(CORPUS) > 300
    for path in CORPUS:
        data = path.read_bytes()
        for fast in (True, False):
            result = load_bytes(data, str(path), fast=fast)
            try:
                assert_sound(result)
            except AssertionError as exc:  # say which input
                raise AssertionError(f"{path} (fast={fast}): {result.problems}") from exc


# -- Hypothesis: never anything but a Guide or Problems ---------------------------------

TOKENS = [
    "format: 1\n",
    "id: g\n",
    "title: T\n",
    "steps:\n",
    "  - ",
    "title: ",
    "body: ",
    "ask:\n",
    "key: k\n",
    "options:\n",
    "- label: a\n",
    "next: ",
    "end",
    "{{k}}",
    "{{",
    "}}",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ": ",
    "- ",
    "? ",
    "\n",
    "  ",
    "\t",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "!!python/object ",
    "!x ",
    "'",
    '"',
    "\\e",
    "\\u202e",
    "\\x9b",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "<<: ",
    "~",
    "null",
    "yes",
    "0123",
    "9:30",
    "2024-02-30",
    "x-a: ",
    "[x](javascript:y)",
    "<https://a.b>",
    "中文",
    "é",
    "\u200b",
    "\r\n",
    "\ufeff",
    "@",
    "`",
    "%",
    "|",
]
yaml_text = st.lists(st.sampled_from(TOKENS) | st.text(max_size=5), max_size=60).map("".join)
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates()
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["format", "id", "title", "steps", "body", "ask", "key", "options", "label", "next", "support", "x-y"]
            )
            | st.text(max_size=8),
            inner,
            max_size=5,
        )
    ),
    max_leaves=25,
)
dumped = values.map(lambda v: yaml.safe_dump(v, allow_unicode=True, default_flow_style=None))


@st.composite
def mutated_guides(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(GUIDES)).read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "duplicate"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.binary(max_size=8) | st.sampled_from([t.encode() for t in TOKENS]))
        else:
            start = draw(st.integers(0, len(data)))
            data[at:at] = data[start : start + draw(st.integers(1, 200))]
    return bytes(data)


inputs = st.binary(max_size=300) | yaml_text.map(str.encode) | dumped.map(str.encode) | mutated_guides()


def _check(data: bytes, fast: bool) -> None:
    assert_sound(load_bytes(data, "h.yaml", fast=fast))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=inputs, fast=st.booleans())
def test_any_input_gives_a_guide_or_problems(data: bytes, fast: bool) -> None:
    _check(data, fast)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=inputs, fast=st.booleans())
def test_any_input_gives_a_guide_or_problems_long_run(data: bytes, fast: bool) -> None:
    _check(data, fast)


def test_the_bundled_guides_are_the_mutation_seeds() -> None:
    assert GUIDES and all(load_file(p).guide is not None for p in GUIDES)


@pytest.mark.parametrize("kind", ["unknown next", "unknown placeholder", "unknown keys", "loops"])
def test_a_guide_of_thousands_of_steps_full_of_mistakes_is_checked(kind: str) -> None:
    """Thousands of typos or back edges: capped problems, and no quadratic blow-up
    (difflib suggestions and the may-be-unset analysis are bounded)."""
    step = {
        "unknown next": "  - {{id: s{i}, title: T, body: B, next: x{i}}}\n",
        "unknown placeholder": "  - {{id: s{i}, title: 'T {{{{q{i}}}}}', ask: {{key: k{i}, prompt: P, options: [{{label: a}}, {{label: b}}]}}}}\n",
        "unknown keys": "  - {{id: s{i}, titel: T, bodyy: B, x{i}: 1}}\n",
        "loops": "  - {{id: s{i}, title: 'T {{{{k{j}}}}}', ask: {{key: k{i}, prompt: P, options: [{{label: a, next: s{k}}}, {{label: b}}]}}}}\n",
    }[kind]
    n = 4000
    data = HEAD + "steps:\n" + "".join(step.format(i=i, j=max(i - 1, 0), k=i * 7 % n) for i in range(n))
    result = load_bytes(data.encode())
    assert_sound(result)
    assert len(result.problems) == MAX_PROBLEMS + 1


def test_errors_are_kept_before_warnings_when_problems_are_capped() -> None:
    data = HEAD + "steps:\n" + "  - title: Only a title\n" * 150 + "colour: red\n"
    result = load_bytes(data.encode())
    assert len(result.problems) == MAX_PROBLEMS + 1
    assert result.guide is None
    assert any("unknown key `colour`" in p.message for p in result.errors)
    assert result.problems[-1].severity == "warning" and "51 more problems" in result.problems[-1].message
