"""The bundled guides: clean, well named, translations in step, no invented
facts in the English Xiaomi guide, and a tutorial whose every quoted command
and message is true of the tool (run for real)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from guide_tui.core.loader import load_file, load_guide
from guide_tui.core.model import Guide

ROOT = Path(__file__).resolve().parents[1]
GUIDES = sorted((ROOT / "guides").glob("*.y*ml"))
XIAOMI = "xiaomi-installment-priority-payment"
PHONE = "400-100-5678"


def by_id() -> dict[str, list[Guide]]:
    found: dict[str, list[Guide]] = defaultdict(list)
    for path in GUIDES:
        guide = load_guide(path)
        found[guide.id].append(guide)
    return found


def test_there_are_guides() -> None:
    names = {p.name for p in GUIDES}
    assert {
        f"{XIAOMI}.zh-CN.yaml",
        f"{XIAOMI}.en.yaml",
        "write-your-first-guide.en.yaml",
        "write-your-first-guide.zh-CN.yaml",
    } <= names


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_guide_is_clean_and_named_after_id_and_language(path: Path) -> None:
    result = load_file(path)
    assert result.problems == []  # no errors and no warnings
    assert result.guide is not None
    assert path.name == f"{result.guide.id}.{result.guide.language}.yaml"


def shape(guide: Guide) -> list[tuple[object, ...]]:
    """What translations must share: ids, branches, questions, checks."""
    rows = []
    for s in guide.steps:
        ask = s.ask
        rows.append(
            (
                s.id,
                s.next,
                s.show_support,
                len(s.checklist),
                len(s.notes),
                bool(s.body),
                bool(s.warning),
                bool(s.confirm),
                tuple((c.key, len(c.labels)) for c in s.when),
                tuple(tuple((c.key, len(c.labels)) for c in t.when) for t in (*s.checklist, *s.notes)),
                ask.key if ask else None,
                tuple((o.next, bool(o.note)) for o in ask.options) if ask else (),
                sorted(re.findall(r"\{\{\s*(\w+)\s*\}\}", json.dumps([s.title, s.body, s.checklist, s.notes]))),
            )
        )
    return rows


@pytest.mark.parametrize("guide_id", sorted(by_id()))
def test_translations_have_the_same_structure(guide_id: str) -> None:
    versions = by_id()[guide_id]
    first = versions[0]
    for other in versions[1:]:
        assert [s.id for s in other.steps] == [s.id for s in first.steps]
        assert shape(other) == shape(first), (first.language, other.language)
        assert [(c.phone, c.url, bool(c.disclaimer)) for c in other.support] == [
            (c.phone, c.url, bool(c.disclaimer)) for c in first.support
        ]
        assert (other.reviewed, other.estimated_minutes, other.source and other.source.published) == (
            first.reviewed,
            first.estimated_minutes,
            first.source and first.source.published,
        )


# -- the English Xiaomi guide adds nothing ------------------------------------------

FACT = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.\w+|\+?\d[\d ()-]*\d|\d")


def facts(guide: Guide) -> set[str]:
    """Every URL, mail address, phone-like number and digit run in a guide."""
    data = guide.to_dict()
    data.pop("translated_from", None)  # fingerprints of the source's text, not facts
    text = json.dumps(data, ensure_ascii=False)
    found = set(FACT.findall(text))
    return found | set(re.findall(r"\d+", text))


def test_english_xiaomi_guide_invents_no_facts() -> None:
    versions = {g.language: g for g in by_id()[XIAOMI]}
    zh, en = versions["zh-CN"], versions["en"]
    assert facts(en) <= facts(zh), facts(en) - facts(zh)
    assert facts(zh) <= facts(en), facts(zh) - facts(en)  # and drops none


def test_english_xiaomi_guide_keeps_the_hotline_caveat_and_screen_labels() -> None:
    en = {g.language: g for g in by_id()[XIAOMI]}["en"]
    hotline = [c for c in en.support if c.phone == PHONE]
    assert len(hotline) == 1 and hotline[0].disclaimer and "may be different" in hotline[0].disclaimer
    text = json.dumps(en.to_dict(), ensure_ascii=False)
    for label in ("我的订单", "修改支付方式", "查看", "管理", "确认", "注册"):
        assert label in text, label  # what the user will see on the real screen
    labels = [o.label for s in en.steps if s.ask and s.ask.key == "method" for o in s.ask.options]
    assert labels == ["Bank card", "Credit card", "Alipay (支付宝)", "WeChat Pay (微信支付)", "Other payment method"]
    assert all("{{method}}" in (s.body or "") + "".join(s.checklist) for s in en.steps if s.id in ("confirm", "verify"))


# -- the tutorial is true ------------------------------------------------------------

TUTORIAL = "write-your-first-guide"


def blocks(text: str) -> list[tuple[str, str]]:
    """(info, content) of each fenced code block in Markdown."""
    return re.findall(r"^```(\w*)\n(.*?)^```", text, re.M | re.S)


# The locale each tutorial's reader has: messages follow it (English under C).
LOCALES = {"en": "C.UTF-8", "zh-CN": "zh_CN.UTF-8"}
# The summary line validate prints for the tutorial's file, and the words for "no errors".
SUMMARIES = {"en": ("1 guide, 1 error, 0 warnings", "0 errors"), "zh-CN": ("1 个指南，1 个错误，0 个警告", "0 个错误")}


def run_cli(
    command: str, cwd: Path, stdin: str | None = None, locale: str = "C.UTF-8"
) -> subprocess.CompletedProcess[str]:
    """A `guide-tui ...` command line from the tutorial, run with this checkout."""
    import shlex

    words = shlex.split(command)
    assert words[0] == "guide-tui", command
    return subprocess.run(
        [sys.executable, "-m", "guide_tui", *words[1:]],
        cwd=cwd,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "LANG": locale,
            "HOME": str(cwd),
            "XDG_DATA_HOME": str(cwd / "data"),
            "XDG_CONFIG_HOME": str(cwd / "config"),
            "XDG_STATE_HOME": str(cwd / "state"),
        },
    )


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_tutorial_commands_and_messages_are_true(language: str, tmp_path: Path) -> None:
    """Followed literally, in the reader's locale: every command works and prints what is quoted."""
    guide = load_guide(ROOT / "guides" / f"{TUTORIAL}.{language}.yaml")
    steps = {s.id: s for s in guide.steps}
    locale = LOCALES[language]
    name = f"tea.{language}.yaml"

    # 0. the command is there, and says how to get it when it is not
    ((_, version),) = blocks(steps["get-command"].body or "")
    done = run_cli(version.strip(), tmp_path, locale=locale)
    assert done.returncode == 0 and done.stdout.startswith("guide-tui "), done.stdout + done.stderr
    assert "guide-tui: command not found" in (steps["get-command"].body or "")
    assert '`export PATH="$PWD/.venv/bin:$PATH"`' in (steps["get-command"].body or "")
    assert "`pipx install .`" in (steps["get-command"].body or "")

    # 1. `guide-tui new` writes the file the tutorial names, valid as it is
    ((_, new),) = blocks(steps["create-file"].body or "")
    done = run_cli(new.strip(), tmp_path, locale=locale)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"**{name}**" in (steps["create-file"].body or "")
    assert load_file(tmp_path / name).problems == []
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")

    # 2. the steps pasted in place of the file's own, from `steps:` to the end
    ((_, pasted),) = [b for b in blocks(steps["write-steps"].body or "") if b[0] == "yaml"]
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert text.count("\nsteps:\n") == 1 and pasted.startswith("steps:\n")
    (tmp_path / name).write_text(text[: text.index("\nsteps:\n") + 1] + pasted, encoding="utf-8")

    # 3. validate, exactly as written, reports exactly the quoted error and summary
    summary, no_errors = SUMMARIES[language]
    ((_, command),) = blocks(steps["validate"].body or "")
    assert command.strip() == f"guide-tui validate {name}"
    done = run_cli(command.strip(), tmp_path, locale=locale)
    assert done.returncode == 1, done.stdout + done.stderr
    ((_, quoted),) = blocks(steps["fix-error"].body or "")
    assert quoted.strip() in done.stdout.splitlines()
    line, column = re.match(rf"{re.escape(name)}:(\d+):(\d+): error: ", quoted.strip()).groups()
    assert f"`{line}:{column}`" in (steps["fix-error"].body or "")
    assert f"`{summary}`" in (steps["validate"].body or "")
    assert summary in done.stdout.splitlines()
    assert f"`{no_errors}`" in (steps["fix-error"].body or "")

    # 4. the fix the tutorial describes makes validate report 0 errors
    text = (tmp_path / name).read_text(encoding="utf-8")
    fixed = text.replace("chekclist:", "checklist:")
    assert fixed != text and f"{line}" in "".join(steps["fix-error"].checklist)
    (tmp_path / name).write_text(fixed, encoding="utf-8")
    done = run_cli(command.strip(), tmp_path, locale=locale)
    assert done.returncode == 0 and no_errors in done.stdout, done.stdout + done.stderr
    assert load_file(tmp_path / name).problems == []

    # 5. `guide-tui FILE` loads it and goes for the full screen (no terminal here:
    #    exit 2, pointing at --plain)
    ((_, open_command),) = blocks(steps["open-guide"].body or "")
    assert open_command.strip() == f"guide-tui {name}"
    done = run_cli(open_command.strip(), tmp_path, locale=locale)
    assert done.returncode == 2 and "--plain" in done.stderr and "error:" not in done.stderr
    assert f"`guide-tui {name} --watch`" in "".join(steps["open-guide"].notes)

    # ...and the line-by-line walk the note offers starts at the step it names
    plain = f"guide-tui --plain {name}"
    assert f"`{plain}`" in "".join(steps["open-guide"].notes)
    done = run_cli(plain, tmp_path, stdin="q\n", locale=locale)
    first = load_guide(tmp_path / name).steps[0].title
    assert done.returncode == 0 and first in done.stdout, done.stdout + done.stderr
    assert first in (steps["open-guide"].body or "") and first in "".join(steps["open-guide"].checklist)


def test_bundled_translations_follow_their_source_as_it_is_now(capsys) -> None:
    """Each bundled translation names the source it follows, and nothing in that source
    changed since (else validate says which steps, and `guide-tui translated` records it)."""
    from guide_tui.cli.main import main

    assert main(["validate", "--strict", str(ROOT / "guides")]) == 0, capsys.readouterr().out
    for guide_id, versions in by_id().items():
        assert sum(1 for g in versions if g.translated_from is None) == 1, guide_id  # one source, the rest follow it
