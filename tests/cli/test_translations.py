"""Translations kept in step (`validate` on a folder and on a file with translations
beside it), `guide-tui translated`, and facts past their review date (`--stale`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide_tui.cli.main import main
from guide_tui.core.loader import load_guide

ROOT = Path(__file__).resolve().parents[2]
XIAOMI = "xiaomi-installment-priority-payment"
ZH, EN = f"{XIAOMI}.zh-CN.yaml", f"{XIAOMI}.en.yaml"
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")


pytestmark = pytest.mark.usefixtures("english_messages")  # the messages tested are English


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    """The bundled Xiaomi guide and its English translation, in a folder of their own."""
    for name in (ZH, EN):
        shutil.copy(ROOT / "guides" / name, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def place(path: Path, text: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column where `text` starts (its nth occurrence)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    seen = 0
    for number, line in enumerate(lines, 1):
        if text in line:
            seen += 1
            if seen == nth:
                return number, line.index(text) + 1
    raise AssertionError(f"{text!r} not in {path}")


def validate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[re.Match[str]], str]:
    code = main(["validate", *argv])
    out = capsys.readouterr().out.splitlines()
    problems = [LINE.match(line) for line in out[:-1]]
    assert all(problems), out
    return code, problems, out[-1]  # type: ignore[return-value]


def only_error(problems: list[re.Match[str]]) -> re.Match[str]:
    errors = [p for p in problems if p["sev"] == "error"]
    assert len(errors) == 1, [p.group(0) for p in problems]
    return errors[0]


def names(problem: re.Match[str], path: Path, where: tuple[int, int]) -> bool:
    """The problem's message names this place in the other file."""
    return f"{path}:{where[0]}:{where[1]}" in problem["msg"]


def test_the_bundled_translations_are_in_step(capsys, pair):
    code, problems, last = validate(capsys, str(pair))
    assert (code, problems, last) == (0, [], "2 guides, 0 errors, 0 warnings")
    code, problems, _ = validate(capsys, str(pair / EN))  # the Chinese file beside it is read too
    assert (code, problems) == (0, [])


@pytest.mark.parametrize("checked", ["folder", "file"])
def test_a_different_phone_number_names_both_places(capsys, pair, checked):
    edit(pair / EN, "phone: 400-100-5678", "phone: 400-100-5679")
    code, problems, last = validate(capsys, str(pair) if checked == "folder" else str(pair / EN))
    error = only_error(problems)
    assert code == 1 and last.endswith("1 error, 0 warnings")
    assert error["path"] == str(pair / EN)
    assert (int(error["line"]), int(error["col"])) == place(pair / EN, "400-100-5679")
    assert names(error, pair / ZH, place(pair / ZH, "400-100-5678"))
    assert "`400-100-5679`" in error["msg"] and "`400-100-5678`" in error["msg"]


def test_a_file_beside_one_named_in_this_folder_is_named_as_the_user_would(capsys, pair, monkeypatch):
    """validate ZH in its own folder: the problem in the English file beside it is at
    `<id>.en.yaml:LINE:COL`, as the user would write that file's name."""
    edit(pair / EN, "phone: 400-100-5678", "phone: 400-100-5679")
    monkeypatch.chdir(pair)
    error = only_error(validate(capsys, ZH)[1])
    assert error["path"] == EN
    assert f"{ZH}:" in error["msg"]


def test_a_number_written_differently_is_the_same_number(capsys, pair):
    edit(pair / EN, "phone: 400-100-5678", "phone: 400 100 5678")
    assert validate(capsys, str(pair))[:2] == (0, [])


def test_a_number_added_to_a_step_names_the_step_in_the_source(capsys, pair):
    edit(pair / EN, "Log in with your Xiaomi account.", "Log in with your Xiaomi account, or call 400-100-5678.")
    error = only_error(validate(capsys, str(pair))[1])
    assert (int(error["line"]), int(error["col"])) == place(pair / EN, "|", 2)  # the login step's body
    assert names(error, pair / ZH, place(pair / ZH, "id: login", 1)[:1] + (9,))
    assert "phone number `400-100-5678` is not in the source" in error["msg"]


def test_a_different_step_id_names_both_places(capsys, pair):
    edit(pair / EN, "- id: my-orders", "- id: orders")
    code, problems, _ = validate(capsys, str(pair / EN))
    assert code == 1 and len(problems) == 2
    missing = next(p for p in problems if "`my-orders`" in p["msg"])
    extra = next(p for p in problems if "`orders`" in p["msg"])
    assert "missing from this translation" in missing["msg"]
    assert names(missing, pair / ZH, place(pair / ZH, "my-orders"))
    assert (int(extra["line"]), int(extra["col"])) == place(pair / EN, "id: orders")[:1] + (9,)
    assert "is not in the source" in extra["msg"] and str(pair / ZH) in extra["msg"]


def test_a_different_option_count_names_both_places(capsys, pair):
    edit(pair / EN, "        - label: Other payment method\n", "")
    error = only_error(validate(capsys, str(pair))[1])
    assert "offers a different number of answers: 4 here, 5 in the source" in error["msg"]
    options_en = place(pair / EN, "- label: Bank card")
    options_zh = place(pair / ZH, "- label: 银行卡")
    assert (int(error["line"]), int(error["col"])) == options_en
    assert names(error, pair / ZH, options_zh)


def test_a_different_next_target_names_both_places(capsys, pair):
    # the English `verify` step goes on to `contact-support` instead of ending the walk
    edit(
        pair / EN,
        "      - If you have any other questions, you are welcome to ask Xiaomi customer service for further help at any time.\n    next: end",
        "      - If you have any other questions, you are welcome to ask Xiaomi customer service for further help at any time.\n    next: contact-support",
    )
    error = only_error(validate(capsys, str(pair))[1])
    assert "step `verify` leads to `contact-support` here but to `end` in the source" in error["msg"]
    assert (int(error["line"]), int(error["col"])) == place(pair / EN, "next: contact-support", 2)[:1] + (11,)
    assert names(error, pair / ZH, place(pair / ZH, "next: end", 1)[:1] + (11,))


def test_an_answers_next_target_is_named_with_its_answer(capsys, pair):
    edit(
        pair / EN,
        "        - label: Other payment method\n",
        "        - label: Other payment method\n          next: contact-support\n",
    )
    error = only_error(validate(capsys, str(pair))[1])
    assert "answer 5 of step `choose-method` leads to `contact-support` here but to `confirm`" in error["msg"]
    assert (int(error["line"]), int(error["col"])) == place(pair / EN, "next: contact-support", 2)[:1] + (17,)
    assert names(error, pair / ZH, place(pair / ZH, "id: choose-method")[:1] + (5,))


def test_a_lost_disclaimer_is_an_error(capsys, pair):
    text = (pair / EN).read_text(encoding="utf-8")
    text = re.sub(r"    disclaimer: The actual phone number.*\n", "", text)
    (pair / EN).write_text(text, encoding="utf-8")
    error = only_error(validate(capsys, str(pair))[1])
    assert "contact 1 has a disclaimer in the source" in error["msg"]


# -- which version of its source a translation follows ----------------------------------


def test_translated_says_a_missing_file_or_a_folder_is_a_usage_error(capsys, pair, tmp_path):
    """`--from /nonexist.yaml` printed "/nonexist.yaml:1:1: error: no such file" and exited
    1, which the help gives to a file with errors; 2 is a usage error (found in QA)."""
    (tmp_path / "folder.zh-CN.yaml").mkdir()
    for argv in (
        [str(pair / EN), "--from", str(tmp_path / "nonexist.yaml")],
        [str(tmp_path / "nope.en.yaml")],
        [str(pair / EN), "--from", str(tmp_path / "folder.zh-CN.yaml")],
    ):
        assert main(["translated", *argv]) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("guide-tui translated: ") and ":1:1:" not in err, err


def test_translated_records_the_source_and_validate_names_the_steps_changed_since(capsys, pair):
    assert main(["translated", str(pair / EN)]) == 0
    err = capsys.readouterr().err
    assert "now records that it follows" in err
    guide = load_guide(pair / EN)
    assert guide.translated_from is not None and guide.translated_from.language == "zh-CN"
    assert [s.split()[0] for s in guide.translated_from.steps] == [s.id for s in guide.steps]
    assert validate(capsys, str(pair))[:2] == (0, [])

    edit(pair / ZH, "使用您的小米账户进行登录。", "使用您的小米账户登录。")
    code, problems, last = validate(capsys, str(pair / EN))
    assert code == 0 and last == "1 guide, 0 errors, 1 warning"
    (warning,) = problems
    assert warning["sev"] == "warning" and warning["path"] == str(pair / EN)
    assert (int(warning["line"]), int(warning["col"])) == place(pair / EN, "language: zh-CN")[:1] + (13,)
    assert "has changed since this translation was brought up to date" in warning["msg"]
    assert f"step `login` (line {place(pair / ZH, 'id: login')[0]})" in warning["msg"]
    assert "`confirm`" not in warning["msg"]
    assert main(["validate", "--strict", str(pair)]) == 1
    capsys.readouterr()

    # brought up to date: recorded again, the warning is gone, and the file changed only there
    before = (pair / EN).read_text(encoding="utf-8")
    assert main(["translated", str(pair / EN), "--from", "zh-CN"]) == 0
    after = (pair / EN).read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(changed) == 1 and changed[0].strip().startswith("- login ")
    assert validate(capsys, str(pair))[:2] == (0, [])


def test_translated_refuses_a_translation_out_of_step(capsys, pair):
    edit(pair / EN, "phone: 400-100-5678", "phone: 400-100-5679")
    before = (pair / EN).read_bytes()
    assert main(["translated", str(pair / EN)]) == 1
    captured = capsys.readouterr()
    assert "error: the phone number of contact 1" in captured.out and "nothing written" in captured.err
    assert (pair / EN).read_bytes() == before


def test_translated_needs_to_know_the_source(capsys, tmp_path):
    shutil.copy(ROOT / "guides" / EN, tmp_path / EN)
    assert main(["translated", str(tmp_path / EN)]) == 2
    err = capsys.readouterr().err  # said plainly, not "no source in ? (languages beside it: -)"
    assert "no other language of `xiaomi-installment-priority-payment` is beside this file" in err
    assert "?" not in err


def test_a_translation_cannot_follow_itself(capsys, pair):
    edit(pair / EN, "translated_from:\n  language: zh-CN\n", "translated_from:\n  language: en\n")
    error = only_error(validate(capsys, str(pair / EN))[1])
    assert "names this file's own language" in error["msg"]
    (pair / ZH).unlink()  # alone in its folder, the file's own record is still checked
    error = only_error(validate(capsys, str(pair / EN))[1])
    assert "names this file's own language" in error["msg"]


def test_translated_on_the_source_refuses_to_make_each_file_follow_the_other(capsys, pair):
    """`translated` on the zh-CN source recorded it as a translation of the en file, which
    is recorded as its translation: each followed the other, and validate said nothing."""
    before = (pair / ZH).read_bytes()
    assert main(["translated", str(pair / ZH)]) == 2
    err = capsys.readouterr().err
    assert "is itself a translation from zh-CN" in err and "nothing was written" in err
    assert (pair / ZH).read_bytes() == before
    assert main(["translated", str(pair / EN)]) == 0  # the translation itself still can


LONE_PROBE = """
import sys
from guide_tui.cli.main import main
code = main(["validate", sys.argv[1]])
print(code, "guide_tui.core.translations" in sys.modules, "hashlib" in sys.modules)
"""


@pytest.mark.parametrize(("beside", "checked"), [((), False), ((EN,), True), ((f"{XIAOMI}.en.yml",), True)])
def test_the_translation_checks_load_only_when_there_is_something_to_compare(tmp_path, beside, checked):
    """A guide alone in its folder starts validate about 9 ms sooner; one with a
    translation beside it (whatever it is called) is still compared."""
    shutil.copy(ROOT / "guides" / ZH, tmp_path / ZH)
    (tmp_path / "other-guide.en.yaml").write_text("not: a guide with this id\n", encoding="utf-8")
    for name in beside:
        shutil.copy(ROOT / "guides" / EN, tmp_path / name)
    proc = subprocess.run(
        [sys.executable, "-c", LONE_PROBE, str(tmp_path / ZH)], capture_output=True, text=True, timeout=60, check=True
    )
    assert proc.stdout.splitlines()[-1].split() == ["0", str(checked), str(checked)]


# -- facts past their review date ---------------------------------------------------------


def test_stale_facts_warn_and_fail_with_stale(capsys, pair):
    # as a team keeps it: the facts checked on a day, by an owner, every 180 days
    edit(pair / ZH, "\ntags: [", "\nreviewed: 2024-08-27\nowner: 客服内容组\nreview_every_days: 180\ntags: [")
    code, problems, _ = validate(capsys, "--today", "2025-01-01", str(pair / ZH))
    assert code == 0 and problems == []  # not due until 2025-02-23
    code, problems, _ = validate(capsys, "--today", "2025-03-01", str(pair / ZH))
    (warning,) = problems
    assert code == 0 and warning["sev"] == "warning"
    assert (int(warning["line"]), int(warning["col"])) == place(pair / ZH, "reviewed: ")[:1] + (11,)
    assert "due for a check on 2025-02-23" in warning["msg"] and "kept by 客服内容组" in warning["msg"]
    code, problems, _ = validate(capsys, "--stale", "--today", "2025-03-01", str(pair / ZH))
    assert code == 1 and problems[0]["sev"] == "error"
    assert validate(capsys, "--stale", "--today", "2025-02-23", str(pair / ZH))[0] == 0  # due that day: not yet past
    assert validate(capsys, "--stale", str(pair))[0] == 1  # today is long past 2025


def test_an_interval_without_a_date_warns(capsys, tmp_path):
    path = tmp_path / "x.en.yaml"
    path.write_text(
        "format: 1\nid: x\ntitle: X\nreview_every_days: 30\nsteps:\n  - title: A\n    body: B\n", encoding="utf-8"
    )
    (warning,) = validate(capsys, str(path))[1]
    assert (warning["line"], warning["col"]) == ("4", "20") and "needs `reviewed`" in warning["msg"]


def test_a_bad_today_is_a_usage_error(capsys, pair):
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--today", "tomorrow", str(pair)])
    assert exit_.value.code == 2 and "not a date: tomorrow" in capsys.readouterr().err
