"""The authoring commands (validate, list, schema, --version, --help) and the
guide library they are built on.  Fixtures: tests/data/cli/."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide_tui import __version__
from guide_tui.cli.commands.validate import summary
from guide_tui.cli.main import COMMANDS, main
from guide_tui.core.text import safe_text
from guide_tui.library import find as library
from guide_tui.library.discover import best_language, discover, read_meta, scan
from guide_tui.library.find import bundled_dir

ROOT = Path(__file__).resolve().parents[2]
DATA = Path("tests/data/cli")  # relative, as an author would type it (tests run from ROOT)
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$")
SUMMARY = re.compile(r"^(\d+) guides?, (\d+) errors?, (\d+) warnings?$")


@pytest.fixture(autouse=True)
def isolated(english_messages: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Run from the checkout with an empty user folder and no GUIDE_TUI_PATH, in the
    C locale (messages in English) whatever the locale of the person running the tests."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GUIDE_TUI_PATH", raising=False)
    user = tmp_path / "user-guides"
    monkeypatch.setattr(library, "user_guides_dir", lambda: user)
    return user


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def counts(last_line: str) -> tuple[int, int, int]:
    match = SUMMARY.match(last_line)
    assert match, f"not a summary line: {last_line!r}"
    return tuple(int(g) for g in match.groups())  # type: ignore[return-value]


# --- validate -----------------------------------------------------------------


def test_validate_good_guide(capsys):
    code, out, err = run(capsys, "validate", str(DATA / "library/hello.en.yaml"))
    assert (code, out, err) == (0, ["1 guide, 0 errors, 0 warnings"], [])


def test_validate_of_a_few_files_does_not_import_the_library() -> None:
    """Checking one guide starts as fast as it can (figure 2 of docs/performance.md): the
    library's modules (its folders, its metadata, the pool that reads many files) are
    imported only to check a folder big enough for worker processes."""
    probe = (
        "import sys\n"
        "from guide_tui.cli.main import main\n"
        "main(sys.argv[1:])\n"
        "print(sorted(m for m in sys.modules if m in ('guide_tui.library.pool', 'guide_tui.library.discover')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "validate", str(DATA / "library/hello.en.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_validate_of_a_big_folder_asks_for_cores_without_the_library(tmp_path) -> None:
    """A folder of POOL_FROM files or more asks how many cores there are, and that
    alone does not import the library's discovery (its folders, pathlib, platformdirs):
    `validate --jobs 1` of 1,000 guides is measured against PyYAML (figure 10)."""
    from guide_tui.cli.commands.validate import POOL_FROM

    guide = (DATA / "library/hello.en.yaml").read_text(encoding="utf-8")
    for n in range(POOL_FROM):
        (tmp_path / f"g{n:03d}.en.yaml").write_text(guide.replace("id: hello", f"id: g{n:03d}"), encoding="utf-8")
    probe = (
        "import sys\n"
        "from guide_tui.cli.main import main\n"
        "main(sys.argv[1:])\n"
        "print(sorted(m for m in sys.modules if m.startswith('guide_tui.library.') or m == 'pathlib'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "validate", "--jobs", "1", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{POOL_FROM} guides, 0 errors" in done.stdout
    # scan walks the folder, translations compares a guide's files, pool tells the cores
    assert done.stdout.splitlines()[-1] == str(
        ["guide_tui.library.pool", "guide_tui.library.scan", "guide_tui.library.translations"]
    )


def test_validate_bundled_folder(capsys):
    code, out, _ = run(capsys, "validate", "guides")
    files = [p for p in (ROOT / "guides").rglob("*") if p.suffix in (".yaml", ".yml")]
    assert code == 0, out
    assert counts(out[-1])[:2] == (len(files), 0)


def test_validate_errors_are_located_and_counted(capsys):
    path = str(DATA / "library/broken.en.yaml")
    code, out, err = run(capsys, "validate", path)
    assert code == 1 and err == []
    problems = [LINE.match(line) for line in out[:-1]]
    assert all(problems), out
    assert {m["path"] for m in problems} == {path}
    errors = [(int(m["line"]), int(m["col"]), m["msg"]) for m in problems if m["sev"] == "error"]
    assert counts(out[-1]) == (1, len(errors), len(problems) - len(errors))
    assert any(line == 7 and "nowhere" in msg for line, _, msg in errors)
    assert any(line == 8 and "`titel`" in msg and "did you mean `title`" in msg for line, _, msg in errors)


def test_validate_warning_singular_and_strict(capsys):
    path = str(DATA / "warn/lonely.en.yaml")
    code, out, _ = run(capsys, "validate", path)
    assert code == 0
    assert out[-1] == "1 guide, 0 errors, 1 warning"
    assert out[0].startswith(f"{path}:5:5: warning: step `step-1` has no body, ask or checklist")
    code, out, _ = run(capsys, "validate", "--strict", path)
    assert code == 1 and out[-1] == "1 guide, 0 errors, 1 warning"


def test_validate_folder_is_recursive_and_skips_hidden(capsys):
    code, out, _ = run(capsys, "validate", str(DATA / "nested"))
    # top.en.yaml and sub/deeper.en.yml; .hidden/skip.en.yaml is broken and must not be read
    assert (code, out) == (0, ["2 guides, 0 errors, 0 warnings"])


def test_validate_warns_about_same_id_and_language(capsys):
    code, out, _ = run(capsys, "validate", str(DATA / "dup"))
    assert code == 0
    assert out[-1] == "2 guides, 0 errors, 1 warning"
    match = LINE.match(out[0])
    assert match and match["sev"] == "warning"
    assert match["path"] == str(DATA / "dup/b/same.en.yaml")
    assert (match["line"], match["col"]) == ("2", "5")  # the `id` value
    assert str(DATA / "dup/a/same.en.yaml") in match["msg"]


def test_validate_counts_a_file_named_twice_once(capsys):
    path = str(DATA / "library/tea.en.yaml")
    code, out, _ = run(capsys, "validate", path, path, str(DATA / "library/../library/tea.en.yaml"))
    assert (code, out) == (0, ["1 guide, 0 errors, 0 warnings"])


def test_validate_counts_a_folders_file_and_its_link_and_the_file_named_again_once(capsys, tmp_path):
    shutil.copy(DATA / "library/tea.en.yaml", tmp_path / "tea.en.yaml")
    (tmp_path / "tea-link.en.yaml").symlink_to(tmp_path / "tea.en.yaml")
    code, out, _ = run(capsys, "validate", str(tmp_path), str(tmp_path / "tea.en.yaml"))
    assert (code, out) == (0, ["1 guide, 0 errors, 0 warnings"])


def test_validate_mixed_folder_reports_every_file(capsys):
    code, out, _ = run(capsys, "validate", str(DATA))
    assert code == 1
    found = {LINE.match(line)["path"] for line in out[:-1]}
    assert found == {
        str(DATA / "library/broken.en.yaml"),
        str(DATA / "warn/lonely.en.yaml"),
        str(DATA / "dup/b/same.en.yaml"),
    }
    guides, errors, warnings = counts(out[-1])
    assert guides == 9 and errors >= 2 and warnings == 2


@pytest.mark.parametrize(
    "argv, words",
    [
        (["validate", "tests/data/cli/no-such-file.yaml"], "no such file or folder"),
        (["validate", "tests/data/cli/library/hello.en.yaml", "missing-folder/"], "no such file or folder"),
    ],
)
def test_validate_usage_errors(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == []
    assert words in err[0]


def test_validate_empty_folder_is_a_usage_error(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("no guides here")
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 2 and out == [] and "no guide files" in err[0]


def test_validate_without_paths_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["validate"])
    assert exc.value.code == 2
    assert "PATH" in capsys.readouterr().err


def test_list_escapes_control_and_invisible_characters_in_file_names(capsys, tmp_path):
    """list keeps a row as it is only when nothing in it needs escaping: a file name may."""
    body = "format: 1\nid: {id}\nlanguage: en\ntitle: Fine\nsteps:\n  - title: Go\n    body: Go.\n"
    (tmp_path / "evil\x1b[2J.en.yaml").write_text(body.format(id="evil"), encoding="utf-8")
    (tmp_path / "rtl\u202egpj.en.yaml").write_text(body.format(id="rtl"), encoding="utf-8")
    code, out, _ = run(capsys, "list", "--guides", str(tmp_path))
    rows = [line for line in out if line.startswith(("evil ", "rtl "))]
    assert code == 0 and len(rows) == 2
    assert "evil\\x1b[2J.en.yaml" in rows[0] and "rtl\\u202egpj.en.yaml" in rows[1]
    assert all("\x1b" not in line and "\u202e" not in line for line in out)


def test_validate_escapes_control_characters_in_file_names(capsys, tmp_path):
    evil = tmp_path / "evil\x1b[2J.en.yaml"
    evil.write_text("format: 2\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert all("\x1b" not in line for line in out)
    assert "evil\\x1b[2J.en.yaml:1:" in out[0]


def test_bad_fixture_is_an_error(capsys):
    """Every tests/data/bad_*.yaml fails validation with located messages."""
    bad = sorted(Path("tests/data").glob("bad_*.yaml"))
    if not bad:
        pytest.skip("no tests/data/bad_*.yaml fixtures yet")
    code, out, _ = run(capsys, "validate", *map(str, bad))
    assert code == 1
    assert all(LINE.match(line) for line in out[:-1])
    seen = {LINE.match(line)["path"] for line in out[:-1] if LINE.match(line)["sev"] == "error"}
    assert seen == {str(p) for p in bad}


@pytest.mark.parametrize(
    "n, word, text", [(0, "guide", "0 guides"), (1, "error", "1 error"), (2, "warning", "2 warnings")]
)
def test_summary_plurals(n, word, text):
    line = summary(**{"guides": 1, "errors": 1, "warnings": 1, f"{word}s": n})
    assert text in line.split(", ")


def test_validate_in_a_real_process():
    proc = subprocess.run(
        [sys.executable, "-m", "guide_tui", "validate", "guides/"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert counts(proc.stdout.splitlines()[-1])[1] == 0


# --- list ---------------------------------------------------------------------


def test_list_table_and_failures(capsys):
    code, out, err = run(capsys, "list", "--guides", str(DATA / "library"))
    assert code == 1  # broken.en.yaml failed; the others are still listed
    assert out[0].split() == ["ID", "LANGUAGE", "TITLE", "PATH"]
    rows = [line.split(None, 2) for line in out[1:]]
    assert ["hello", "en"] in [r[:2] for r in rows] and ["hello", "zh-CN"] in [r[:2] for r in rows]
    assert any(r[0] == "tea" and r[2].startswith("Make a cup of tea") and r[2].endswith("tea.en.yaml") for r in rows)
    assert any(r[0] == "xiaomi-installment-priority-payment" for r in rows)  # bundled
    assert not any("broken" in line for line in out)
    assert all(LINE.match(line) for line in err[:-1])
    assert {LINE.match(line)["path"] for line in err[:-1]} == {str(DATA / "library/broken.en.yaml")}
    assert err[-1] == "1 guide file could not be loaded"


def test_list_aligns_wide_characters(capsys):
    import unicodedata

    def cells(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    _, out, _ = run(capsys, "list", "--guides", str(DATA / "library"))
    # PATH starts in the same terminal column on every line: 打招呼 is 6 cells wide, not 3.
    starts = {cells(line[: max(line.find(" tests/"), line.find(" /")) + 1]) for line in out[1:]}
    assert len(starts) == 1, out


def test_list_json(capsys):
    code, out, _ = run(capsys, "list", "--json", "--guides", str(DATA / "library"))
    data = json.loads("\n".join(out))
    assert code == 1
    guides = {g["id"]: g for g in data["guides"]}
    assert list(guides["hello"]["languages"]) == ["en", "zh-CN"]
    assert guides["hello"]["title"] == "Say hello"
    assert guides["hello"]["languages"]["zh-CN"]["title"] == "打招呼"
    assert guides["hello"]["languages"]["en"]["path"] == str(DATA / "library/hello.en.yaml")
    assert guides["hello"]["languages"]["en"]["tags"] == ["greeting", "demo"]
    assert [f["path"] for f in data["failures"]] == [str(DATA / "library/broken.en.yaml")]
    assert all(p["severity"] == "error" for p in data["failures"][0]["problems"])
    assert data["folders"][0] == str(DATA / "library")


def test_list_reads_guide_tui_path_and_user_folder(capsys, monkeypatch, isolated):
    import os

    isolated.mkdir()
    (isolated / "mine.en.yaml").write_text(
        "format: 1\nid: mine\ntitle: My own\nsteps:\n  - title: Go\n    body: Go.\n", encoding="utf-8"
    )
    monkeypatch.setenv("GUIDE_TUI_PATH", os.pathsep.join(["", str(DATA / "warn"), str(DATA / "nested")]))
    code, out, err = run(capsys, "list")
    ids = [line.split()[0] for line in out[1:]]
    assert code == 0 and err == []
    assert {"mine", "lonely", "top", "xiaomi-installment-priority-payment"} <= set(ids)
    assert "deeper" not in ids  # the library does not look into subfolders


def test_list_first_folder_wins(capsys):
    code, out, err = run(capsys, "list", "--guides", str(DATA / "dup/b"), str(DATA / "dup/a"))
    assert code == 0
    row = next(line for line in out if line.startswith("same "))
    assert "Copy b" in row and "dup/b/same.en.yaml" in row
    assert any("hidden by" in line and "dup/a/same.en.yaml" in line for line in err)


def test_list_missing_folder_is_a_usage_error(capsys):
    code, out, err = run(capsys, "list", "--guides", "no-such-folder")
    assert (code, out) == (2, []) and "no such folder" in err[0]


# --- schema, --help, --version ----------------------------------------------


def test_schema_to_stdout_and_file(capsys, tmp_path):
    from guide_tui.core import schema

    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads("\n".join(out)) == schema.generate()
    target = tmp_path / "guide.schema.json"
    code, out, _ = run(capsys, "schema", "-o", str(target))
    assert (code, out) == (0, [])
    assert target.read_text(encoding="utf-8") == schema.render()
    code, _, err = run(capsys, "schema", "-o", str(tmp_path / "missing" / "x.json"))
    assert code == 2 and "cannot write" in err[0]


@pytest.mark.parametrize("name", ["validate", "list", "schema", "export", "import", "report", "stats"])
def test_every_command_has_help_with_an_example(capsys, name):
    assert name in COMMANDS
    with pytest.raises(SystemExit) as exc:
        main([name, "--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    assert f"usage: guide-tui {name}" in out
    assert re.search(rf"example:\n  guide-tui {name} \S", out)


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"guide-tui {__version__}"


# --- the library --------------------------------------------------------------


def test_discover_groups_languages_and_keeps_failures(tmp_path):
    lib = discover([DATA / "library"], environ={}, user_dir=tmp_path / "none", bundled=False)
    assert [e.id for e in lib.entries] == ["hello", "tea"]
    hello = lib.get("hello")
    assert list(hello.languages) == ["en", "zh-CN"]
    assert hello.languages["zh-CN"] == str(DATA / "library/hello.zh-CN.yaml")
    assert (hello.title, hello.estimated_minutes) == ("Say hello", 2)
    assert hello.tags == ("greeting", "demo", "问候")
    assert [Path(f.path).name for f in lib.failures] == ["broken.en.yaml"]
    assert lib.failures[0].errors


def test_search_order(tmp_path):
    env = {"GUIDE_TUI_PATH": f"{tmp_path / 'e1'}{__import__('os').pathsep}{tmp_path / 'e2'}"}
    folders = library.search_folders([tmp_path / "x"], env, user_dir=tmp_path / "u")
    assert folders == [tmp_path / "x", tmp_path / "e1", tmp_path / "e2", tmp_path / "u", bundled_dir()]


def test_reader_seam_reads_each_file_once(tmp_path):
    for i in range(120):
        (tmp_path / f"g{i}.en.yaml").write_text(
            f"format: 1\nid: g-{i}\ntitle: Guide {i}\nsteps:\n  - title: Go\n    body: Go.\n", encoding="utf-8"
        )
    (tmp_path / ".g-hidden.en.yaml").write_text("not: [valid", encoding="utf-8")
    calls: list[str] = []

    def counting(path: str, info: os.stat_result | None):
        calls.append(path)
        assert info is not None and info.st_ino == os.stat(path).st_ino  # the scan's own stat, handed on
        return read_meta(path, info)

    lib = scan([tmp_path], reader=counting)
    assert len(lib.entries) == 120 and not lib.failures
    assert sorted(calls) == sorted(set(calls)) and len(calls) == 120


def test_best_language():
    lib = discover([DATA / "library"], environ={}, user_dir=Path("/nonexistent"), bundled=False)
    hello, tea = lib.get("hello"), lib.get("tea")
    assert best_language(hello, "zh-CN") == ("zh-CN", False)
    assert best_language(hello, "zh_cn") == ("zh-CN", False)
    assert best_language(hello, "zh-TW") == ("zh-CN", False)  # same base language
    assert best_language(hello, "en-GB") == ("en", False)
    assert best_language(hello, None) == ("en", False)
    assert best_language(tea, "zh-CN") == ("en", True)
    assert best_language(tea, "fr") == ("en", True)


def test_safe_text():
    assert safe_text("a\x1b[31mb\u202ec\udcff") == "a\\x1b[31mb\\u202ec\\udcff"
    assert safe_text("小米 guide: ok") == "小米 guide: ok"


# --- messages in Chinese (a zh_CN locale) ---------------------------------------


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


SUMMARY_ZH = re.compile(r"^(\d+) 个指南，(\d+) 个错误，(\d+) 个警告$")


def test_summary_in_chinese():
    assert summary(3, 1, 0, "zh-CN") == "3 个指南，1 个错误，0 个警告"
    assert summary(1, 2, 1, "en") == "1 guide, 2 errors, 1 warning"


def test_validate_in_chinese(capsys, chinese):
    path = str(DATA / "library/broken.en.yaml")
    code, out, err = run(capsys, "validate", path)
    assert code == 1 and err == []
    problems = [LINE.match(line) for line in out[:-1]]
    assert all(problems), out  # still PATH:LINE:COLUMN: error: MESSAGE, "error" in English
    assert all(re.search("[\u4e00-\u9fff]", m["msg"]) for m in problems), out
    assert any("`titel`" in m["msg"] and "您是想写 `title` 吗？" in m["msg"] for m in problems)
    match = SUMMARY_ZH.match(out[-1])
    assert match and match.group(1) == "1" and int(match.group(2)) == sum(m["sev"] == "error" for m in problems)


def test_validate_warning_and_duplicate_in_chinese(capsys, chinese):
    code, out, _ = run(capsys, "validate", str(DATA / "dup"))
    assert code == 0 and out[-1] == "2 个指南，0 个错误，1 个警告"
    assert LINE.match(out[0])["sev"] == "warning" and "指南库只会显示其中一个" in out[0]


def test_validate_usage_error_in_chinese(capsys, chinese):
    code, out, err = run(capsys, "validate", "tests/data/cli/no-such-file.yaml")
    assert (code, out) == (2, []) and err == [
        "guide-tui validate: 文件或文件夹不存在：tests/data/cli/no-such-file.yaml"
    ]


def test_list_in_chinese(capsys, chinese):
    code, out, err = run(capsys, "list", "--guides", str(DATA / "library"))
    assert code == 1 and out[0].split() == ["ID", "语言", "标题", "路径"]
    assert err[-1] == "1 个指南文件无法加载" and all(LINE.match(line) for line in err[:-1])
    code, _, err = run(capsys, "list", "--guides", str(DATA / "dup/b"), str(DATA / "dup/a"))
    assert any(": warning: " in line and "被先找到的" in line for line in err)


def test_list_json_stays_english_for_programs(capsys, chinese):
    _, out, _ = run(capsys, "list", "--json", "--guides", str(DATA / "library"))
    messages = [p["message"] for f in json.loads("\n".join(out))["failures"] for p in f["problems"]]
    assert messages and not any(re.search("[\u4e00-\u9fff]", m) for m in messages)


@pytest.mark.parametrize("name", ["validate", "list", "schema", "export", "import", "report", "stats"])
def test_help_in_chinese(capsys, chinese, name):
    from guide_tui.i18n import t

    with pytest.raises(SystemExit):
        main([name, "--help"])
    out = capsys.readouterr().out
    module = COMMANDS[name].rstrip("_")
    assert t(f"cli.{module}.about", "zh-CN").splitlines()[0] in out
    assert re.search(rf"示例：\n  guide-tui {name} \S", out)


def test_a_file_named_like_a_bundled_id_does_not_stand_in_for_it(capsys, tmp_path, monkeypatch):
    """`guide-tui xiaomi-installment-priority-payment` in a folder holding a file of that
    name used to load the file instead of the bundled guide."""
    decoy = tmp_path / "xiaomi-installment-priority-payment"
    decoy.write_text("format: 1\nid: decoy\ntitle: Decoy\nsteps:\n  - title: Pay here\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "export", "xiaomi-installment-priority-payment", "--lang", "en", "-f", "json")
    assert code == 0
    assert '"id": "xiaomi-installment-priority-payment"' in "\n".join(out)
    code, out, _ = run(capsys, "export", "./xiaomi-installment-priority-payment", "-f", "json")
    assert code == 0 and '"id": "decoy"' in "\n".join(out)  # a path with a folder is a path
    code, out, _ = run(capsys, "export", "no-such-id-here", "-f", "json")
    assert code == 2


@pytest.mark.parametrize("name", ["export", "report", "stats", "serve"])
def test_help_follows_lang_over_the_locale(capsys, chinese, name):
    """--lang chooses the language of the whole --help, options too (it once gave an English
    description over Chinese options)."""
    with pytest.raises(SystemExit):
        main([name, "--lang", "en", "--help"])
    out = capsys.readouterr().out
    assert "example:" in out and not re.search("[\u4e00-\u9fff]", out)


def test_validate_with_workers_says_what_one_process_says(capsys, tmp_path):
    """Over POOL_FROM files the groups go to worker processes; the problems, the
    duplicate warning (found with the first file's path kept in this process) and the
    summary are the same as with --jobs 1."""
    for i in range(80):
        (tmp_path / f"g{i:02d}.en.yaml").write_text(
            f"format: 1\nid: g-{i}\ntitle: Guide {i}\nsteps:\n  - title: Go\n    body: Go.\n", encoding="utf-8"
        )
    (tmp_path / "zz-copy.en.yaml").write_text((tmp_path / "g07.en.yaml").read_text("utf-8"), encoding="utf-8")
    (tmp_path / "g50.en.yaml").write_text("format: 1\nid: g-50\ntitle: [broken\n", encoding="utf-8")
    outputs = []
    for jobs in ("2", "1"):
        assert main(["validate", "--jobs", jobs, str(tmp_path)]) == 1
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    warnings = [line for line in outputs[0].splitlines() if ": warning: " in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"{tmp_path / 'zz-copy.en.yaml'}:")
    assert f"is also in {tmp_path / 'g07.en.yaml'}" in warnings[0]
    assert outputs[0].splitlines()[-1] == "81 guides, 1 error, 1 warning"


def test_a_mistyped_command_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`guide-tui valdiate FILE` said only "unrecognized arguments: FILE", and `guide-tui
    exprot` that no guide is called 'exprot'; each now asks "did you mean …?"."""
    with pytest.raises(SystemExit) as exc:
        main(["valdiate", str(tmp_path / "a.en.yaml")])
    assert exc.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == "guide-tui: did you mean `guide-tui validate`?"
    code, _, err = run(capsys, "--plain", "exprot")
    assert code == 2 and err[-1] == "guide-tui: did you mean `guide-tui export`?"
    code, _, err = run(capsys, "--plain", "no-such-guide")
    assert code == 2 and "did you mean" not in " ".join(err)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_export_help_shows_a_placeholder_as_the_export_writes_it(capsys, lang):
    """The help said `{{key}}` is shown as «key»; the export writes «your answer at step N»."""
    from guide_tui.i18n import t

    with pytest.raises(SystemExit):
        main(["export", "--lang", lang, "--help"])
    out = capsys.readouterr().out
    assert "«" + t("export.answer_at", lang, n="N") + "»" in out and "«key»" not in out
    code, exported, _ = run(capsys, "export", "xiaomi-installment-priority-payment", "--lang", lang, "-f", "text")
    assert code == 0 and "«" + t("export.answer_at", lang, n=5) + "»" in "\n".join(exported)


def test_list_help_says_which_files_it_reports_and_that_steps_are_for_validate(capsys, tmp_path):
    """The help promised every file that fails to load is reported; `list` reads only what
    it shows, so a step naming no step is listed (exit 0) and only `validate` finds it."""
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "s.en.yaml").write_text(
        "format: 1\nid: s\ntitle: S\nsteps:\n  - id: a\n    title: A\n    body: B\n    next: nowhere\n",
        encoding="utf-8",
    )
    (folder / "n.en.yaml").write_text("format: 1\nid: n\nsteps:\n  - title: A\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["list", "--help"])
    about = " ".join(capsys.readouterr().out.split())
    assert "The steps are not checked here: `guide-tui validate` does that." in about
    assert "(a YAML error, another format, no id or title)" in about
    code, out, err = run(capsys, "list", "--guides", str(folder))
    assert code == 1 and any("s.en.yaml" in line for line in out)
    assert [line for line in err if ": error: " in line] == [e for e in err if "n.en.yaml" in e and ": error: " in e]
    assert len([e for e in err if ": error: " in e]) == 1
    code, _, _ = run(capsys, "validate", str(folder / "s.en.yaml"))
    assert code == 1


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_every_help_fits_the_terminal_and_keeps_every_word(capsys, monkeypatch, lang, columns):
    """argparse measured lines in characters: Chinese option help ran past the terminal's
    edge, and serve's Chinese description was one line of 316 columns."""
    from guide_tui.core.text_width import display_width
    from guide_tui.i18n import t

    monkeypatch.setenv("COLUMNS", str(columns))
    for name in [None, *COMMANDS]:
        with pytest.raises(SystemExit):
            main([*([name] if name else []), "--lang", lang, "--help"])
        out = capsys.readouterr().out
        too_wide = [line for line in out.splitlines() if display_width(line) > columns]
        assert too_wide == [], (name, too_wide)
        about = t(f"cli.{COMMANDS[name].rstrip('_')}.about" if name else "cli.main.about", lang)
        assert "".join(about.split()) in "".join(out.split()), name  # every word kept, in order


def test_argparse_own_words_follow_the_interface_language(capsys, chinese):
    """usage:, options, "show this help message and exit" and argparse's errors were
    English in a Chinese help; the usage's further lines now sit under the program's
    name in columns (用法： is six columns, three characters)."""
    from guide_tui.core.text_width import display_width

    with pytest.raises(SystemExit) as exc:
        main(["export"])
    err = capsys.readouterr().err.splitlines()
    assert exc.value.code == 2
    assert err[0].startswith("用法：guide-tui export ")
    assert err[-1] == "guide-tui export: 错误：缺少以下参数：GUIDE"
    with pytest.raises(SystemExit):
        main(["export", "x", "-f", "bogus"])
    assert "参数 -f/--format：无效的选择：'bogus'（可选：" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out.splitlines()
    assert "选项：" in out and "位置参数：" in out and "options:" not in out
    assert any(line.startswith("  -h, --help") and line.endswith("显示这份说明并退出") for line in out)
    name_at = display_width("用法：guide-tui ")
    usage = out[: out.index("")]
    assert len(usage) > 1 and all(len(line) - len(line.lstrip()) == name_at for line in usage[1:])


def test_argparse_own_words_stay_pythons_in_english(capsys, monkeypatch):
    from guide_tui.cli.help_text import _ARGPARSE
    from guide_tui.i18n import t

    assert all(t(key, "en") == words for words, key in _ARGPARSE.items())  # English is Python's, unchanged
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with pytest.raises(SystemExit):
        main(["export"])
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("usage: guide-tui export ")
    assert err[-1] == "guide-tui export: error: the following arguments are required: GUIDE"


def test_a_paragraph_set_again_reads_as_written():
    """A hand break reads as a space between Chinese and Latin letters, as nothing after
    a Chinese comma or between Chinese characters (it once glued 使用 to JSON)."""
    from guide_tui.cli.help_text import HelpFormatter

    formatter = HelpFormatter("guide-tui", width=22)
    text = "它的第一行让编辑器使用\nJSON Schema（边写边补全），\n另有两个步骤，\n供您替换。"
    out = formatter._fill_text(text, 20, "")
    assert "".join(out.split("\n")) == "它的第一行让编辑器使用 JSON Schema（边写边补全），另有两个步骤，供您替换。"
