"""Every interface word exists in zh-CN and en, and the language is chosen as documented."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from guide_tui.core.problems import Problem
from guide_tui.i18n import (
    CATALOGS,
    Message,
    choose_language,
    locale_language,
    match_language,
    t,
)
from tests.i18n.catalogs import MESSAGES

PACKAGE = Path(__file__).parents[2] / "guide_tui"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_placeholders() -> None:
    """Every message is translated (none fuzzy or empty) and fills in what English fills in;
    a form of a plural message may leave out {n} ("one guide"), not the others."""
    en, zh = MESSAGES["en"], MESSAGES["zh-CN"]
    assert sorted(set(en) ^ set(zh)) == []
    for key in en:
        assert all(f.strip() for f in en[key]) and all(f.strip() for f in zh[key]), key
        english = set().union(*map(fields, en[key]))
        assert set().union(*map(fields, zh[key])) == english, key
        assert all(fields(form) - {"n"} == english - {"n"} for form in zh[key] + en[key]), key


def test_every_key_used_in_the_code_exists() -> None:
    used: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"""\btn?\(\s*["']([a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no t() calls found: the pattern is wrong"
    missing = sorted(k for k in used if k not in CATALOGS["en"])
    assert missing == []


def test_messages_fill_in_parameters() -> None:
    assert t("progress", "zh-CN", k=4, n=7) == "第 4 步，共 7 步"
    assert t("progress", "en", k=4, n=7) == "Step 4 of 7"
    assert t("progress", "fr", k=1, n=2) == "Step 1 of 2"  # unknown language: English


@pytest.mark.parametrize(
    "tag,expected",
    [
        ("zh_CN.UTF-8", "zh-CN"),
        ("zh-TW", "zh-CN"),
        ("en_US.UTF-8", "en"),
        ("en", "en"),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("fr_FR.UTF-8", None),
        ("", None),
    ],
)
def test_match_language(tag: str, expected: str | None) -> None:
    assert match_language(tag) == expected


def test_choose_language_order() -> None:
    env = {"LANG": "zh_CN.UTF-8"}
    assert choose_language("en", "zh-CN", env) == "en"  # --lang first
    assert choose_language(None, "en", env) == "en"  # then the guide's language
    assert choose_language(None, "fr", env) == "zh-CN"  # then the locale
    assert choose_language(None, None, {"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert choose_language(None, None, {"LANG": "C.UTF-8"}) == "en"  # else English


def test_locale_language() -> None:
    assert locale_language({"LANG": "zh_CN.UTF-8"}) == "zh-CN"
    assert locale_language({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}) is None
    assert locale_language({}) is None


# -- loader and command messages (load.*, cli.*) -------------------------------------


def literal_keys(prefixes: tuple[str, ...] = ("load.", "cli.")) -> dict[str, set[str]]:
    """Every quoted string in the code that looks like a key with one of the prefixes,
    and every literal Message("…") key, with the files that name it."""
    found: dict[str, set[str]] = {}
    prefix = "|".join(re.escape(p) for p in prefixes)
    pattern = re.compile(rf"""["']((?:{prefix})[a-z0-9_.]*[a-z0-9_])["']|\bMessage\(\s*["']([a-z0-9_.]+)["']""")
    for path in PACKAGE.rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1) or match.group(2), set()).add(path.name)
    return found


def test_every_message_key_in_the_code_exists() -> None:
    used = literal_keys()
    assert len(used) > 150, "the pattern finds too few keys: is it wrong?"
    assert sorted(k for k in used if k not in CATALOGS["en"]) == []


def test_every_loader_and_command_key_is_used() -> None:
    from guide_tui.cli.main import COMMANDS

    used = set(literal_keys()) | {f"cli.{name}.about" for name in COMMANDS}  # each command's --help (__main__)
    ours = [k for k in MESSAGES["en"] if k.startswith(("load.", "cli."))]
    assert sorted(k for k in ours if k not in used) == []


def test_placeholders_have_the_same_format_in_both_languages() -> None:
    """`{limit:,}` in English and `{limit}` in Chinese would print differently."""

    def specs(text: str) -> set[tuple[str, str, str | None]]:
        return {(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name}

    for key, forms in MESSAGES["en"].items():
        if key.startswith(("load.", "cli.")):
            assert specs(forms[-1]) == set().union(*map(specs, MESSAGES["zh-CN"][key])), key


def test_chinese_messages_read_as_chinese() -> None:
    """Each loader and command message is translated, with no English sentence left
    (keys, code and names such as `format: 1` or Markdown stay as they are)."""
    same_ok = {
        "load.place.source",
        "load.place.finish",
        "load.what.key",
        "load.url.has_scheme",
        "cli.list.id",
        "cli.summary",
        "cli.import.line",
        "load.yaml_syntax",
        "load.bad_url",
    }
    for key, forms in MESSAGES["en"].items():
        if key.startswith(("load.", "cli.")) and key not in same_ok:
            for zh in MESSAGES["zh-CN"][key]:
                assert zh not in forms and re.search("[\u4e00-\u9fff]", zh), key
    # ASCII punctuation beside Chinese: see test_catalogs.py, for every message


@pytest.mark.parametrize("module", ["validate", "list_", "schema", "export", "import_", "report", "stats", "serve"])
def test_command_help_is_kept_once_in_the_catalog(module: str) -> None:
    """A command's --help description is `cli.NAME.about` in the catalogs; its module
    docstring says what the module is, in one or two lines, without a copy of it."""
    import importlib

    mod = importlib.import_module(f"guide_tui.cli.commands.{module}")
    doc = mod.__doc__ or ""
    assert f"cli.{module.rstrip('_')}.about" in doc and len(doc) < 300
    for line in t(f"cli.{module.rstrip('_')}.about", "en").splitlines()[1:]:
        assert len(line) < 30 or line not in doc, line


def test_message_puts_nested_messages_into_the_same_language() -> None:
    found = Message("load.found.list")
    message = Message("load.not_list", key="steps", found=found)
    assert message.text("en") == "`steps` must be a list (items starting with `- `), found a list"
    assert message.text("zh-CN") == "`steps` 必须是一个列表（每项以 `- ` 开头），实际是一个列表"
    assert message.text("fr") == message.text("en") == str(message)
    assert Message("load.hint.brackets").text("en") == "; check that every `[` has its `]` and every `{` its `}`"


def test_problem_says_its_message_in_any_language_and_keeps_the_line_format() -> None:
    problem = Problem.of("g.yaml", 3, 7, "error", Message("load.unreachable", id="orphan"))
    assert (
        str(problem)
        == problem.format("en")
        == (
            "g.yaml:3:7: error: step `orphan` cannot be reached from the first step; "
            "point a `next` (or an answer's `next`) at it, or remove it"
        )
    )
    assert problem.format("zh-CN").startswith("g.yaml:3:7: error: 从第一步出发无法到达步骤 `orphan`；")
    assert problem.text("zh-CN") in problem.format("zh-CN") and problem.text("fr") == problem.message
    # the key and parameters do not change what a problem is equal to
    assert problem == Problem("g.yaml", 3, 7, "error", problem.message)
    assert hash(problem) == hash(Problem("g.yaml", 3, 7, "error", problem.message))
    plain = Problem("g.yaml", 1, 1, "warning", "words")
    assert plain.text("zh-CN") == "words"  # a problem made without a key stays as it was


def test_translated_problem_is_terminal_safe() -> None:
    problem = Problem.of("g.yaml", 1, 1, "error", Message("load.unreachable", id="a\x1b]0;x\x07b"))
    assert "\x1b" not in problem.text("zh-CN") and "\\x1b" in problem.text("zh-CN")


def test_a_command_without_a_guide_follows_lang_then_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert choose_language() == "zh-CN" and choose_language("en") == "en"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert choose_language() == "en" and choose_language("zh-CN") == "zh-CN"


def test_already_done_has_one_name_in_chinese() -> None:
    """`d` was "之前已完成（已跳过）" in its notice, "已跳过（而非已完成）" in the help and
    "（之前已完成）" in the list of steps: done and not done at once (found in QA)."""
    from guide_tui.i18n import t

    said = [
        t("walk.skipped", "zh-CN"),
        t("skip.done", "zh-CN", title="确认更改"),
        t("help.skip", "zh-CN"),
        t("plain.help.skip", "zh-CN"),
        t("report.skipped", "zh-CN"),
    ]
    assert all("做过" in words and "完成" not in words for words in said), said


def test_the_program_name_before_a_message_is_followed_by_the_same_colon_everywhere() -> None:
    """`guide-tui export: …` from some commands, `guide-tui export：错误：…` and `guide-tui：…`
    from others in Chinese (found in QA): the program's name is the command's, written
    as in English, then ": "; the Chinese words follow."""
    zh = (Path(__file__).resolve().parents[2] / "guide_tui/i18n/locale/zh_CN/LC_MESSAGES/guide_tui.po").read_text(
        encoding="utf-8"
    )
    assert "guide-tui：" not in zh and "%(prog)s：" not in zh
