"""The plain mode, driven by a pipe, on the additions to format 1 (tests/data/every-detour.en.yaml):
steps and texts for some answers, a typed confirmation, typed answers, "already done",
and --answer / --step (the walk a support agent opens where the user is)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guide_tui.core.loader import load_guide
from guide_tui.core.model import Guide
from tests.cli.test_plain import walk

ROOT = Path(__file__).resolve().parents[2]
DETOURS = ROOT / "tests" / "data" / "every-detour.en.yaml"


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(DETOURS)


def test_alipay_passes_over_the_card_steps_and_counts_only_its_own(guide: Guide) -> None:
    code, out = walk(guide, ["3", "n"], lang="en")
    assert code == 0
    assert "Step 1 of 7" in out and "Step 2 of 5" in out  # before the answer, a card is the expected way
    assert "Check the card details" not in out and "last four digits" not in out
    assert "\nWrite down the order number\n" in out


def test_a_credit_card_shows_its_own_block_and_checklist_item(guide: Guide) -> None:
    _, out = walk(guide, ["2", "n", "x 2"], lang="en")
    step = out[out.index("\nCheck the card details\n") :]
    assert "A credit card also shows its statement day; check it too." in step
    assert "[ ] 2. The statement day is right" in step
    assert "[x] 2. The statement day is right" in out  # x 2 ticks the second item shown


def test_a_bank_card_sees_one_checklist_item_numbered_as_shown(guide: Guide) -> None:
    _, out = walk(guide, ["1", "n", "x 2", "x 1"], lang="en")
    assert "statement day" not in out
    assert "x 1 tick" in out  # one item shown: the commands line says so
    assert "[x] 1. The last four digits are those of my card" in out


def test_typed_answers_are_read_from_lines_checked_and_kept(guide: Guide) -> None:
    code, out = walk(
        guide,
        ["1", "n", "n", "n", "12ab", "１２３４", "n", "X" * 25, "= n", "n", "27/08/2024", "2024年8月27日", "n"],
        lang="en",
    )
    assert code == 0
    assert "Type your answer on a line first." in out  # n before an answer
    assert "“12ab” is not a number" in out
    assert "Your answer: 1234" in out
    assert "The answer is 25 characters long; this question takes at most 20." in out
    assert "Your answer: n" in out  # `= n` is an answer, not the command n
    assert "is not a date: type it as YYYY-MM-DD" in out
    assert "Your answer: 2024-08-27" in out
    assert "Check that Bank card is shown as the new priority method of order n of 2024-08-27." in out


def test_confirm_is_a_typed_word_and_n_alone_does_not_pass(guide: Guide) -> None:
    commands = ["3", "n", "A-1", "n", "2024-08-27", "n", "n", "confirm", "n", "n"]
    code, out = walk(guide, commands, lang="en")
    assert code == 0
    assert "Confirm before going on: After you confirm, Alipay pays the next instalment." in out
    assert "When you are sure, type confirm to confirm." in out
    assert "Confirm first: type confirm." in out
    assert "✓ Confirmed at" in out
    assert "\nDone\n" in out  # the finish: past the gate, then the last step


def test_the_confirmation_word_of_the_interface_language_works(guide: Guide) -> None:
    commands = ["3", "n", "A-1", "n", "2024-08-27", "n", "确认", "n"]
    _, out = walk(guide, commands, lang="zh-CN")
    assert "确定无误后，输入“确认”进行确认。" in out
    assert "✓ 已于" in out and "\nLook at the result\n" in out


def test_d_marks_a_step_already_done(guide: Guide) -> None:
    _, out = walk(guide, ["d", "3", "d", "o"], lang="en")
    assert "Answer the question first: where the walk goes depends on it" in out
    assert "“Choose the new priority payment method” is marked as already done (skipped)." in out
    assert "1. Choose the new priority payment method (already done)" in out
    assert "2. Write down the order number" in out


def run_cli(*args: str, stdin: str = "", state: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "GUIDE_TUI_STATE_DIR": str(state), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "guide_tui", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_answer_and_step_open_the_walk_where_the_user_is(tmp_path: Path) -> None:
    run = run_cli(
        "--plain",
        str(DETOURS),
        "--answer",
        "method=Credit card",
        "--answer",
        "last_four=1234",
        "--answer",
        "order_date=2024-08-27",
        "--step",
        "confirm",
        stdin="o\n",
        state=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert "Step 6 of 7" in run.stdout and "\nConfirm the change\n" in run.stdout
    assert "Credit card pays the next instalment" in run.stdout
    assert "{{order_no}}" in run.stdout  # the private answer was left out of the replay
    saved = json.loads((tmp_path / "every-detour.en.json").read_text("utf-8"))
    assert saved["walk"]["current"] == "confirm" and saved["walk"]["typed"]["last_four"] == "1234"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--answer", "methd=Alipay"], "did you mean `method`?"),
        (["--answer", "method=Paypal"], "“Paypal” is not an answer of that question"),
        (["--answer", "last_four=abc"], "“abc” is not a number"),
        (["--answer", "method"], "write it as KEY=VALUE"),
        (["--step", "confrim"], "did you mean `confirm`?"),
        (["--step", "confirm"], "it stops at step `choose-method`, whose question needs --answer method=…"),
        (["--answer", "method=Alipay", "--step", "card-digits"], "does not come to that step"),
    ],
)
def test_a_wrong_answer_or_step_is_said_and_nothing_is_saved(args: list[str], words: str, tmp_path: Path) -> None:
    (tmp_path / "every-detour.en.json").write_text("{}", "utf-8")  # whatever was saved is left alone
    run = run_cli("--plain", str(DETOURS), *args, state=tmp_path)
    assert run.returncode == 2
    assert words in run.stderr, run.stderr
    assert (tmp_path / "every-detour.en.json").read_text("utf-8") == "{}"
