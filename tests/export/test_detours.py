"""Exports and the hand-off report on the additions to format 1: every format shows
when a step or a text is shown and the confirmation; private answers are never in
a report; the report's command line reproduces the walk, safely quoted."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
import yaml

from guide_tui.core.answers import read_given
from guide_tui.core.loader import load_bytes, load_guide
from guide_tui.core.model import Guide
from guide_tui.core.walker import Walker
from guide_tui.export import FORMATS, export
from guide_tui.export.report import render_report, report_data
from guide_tui.importer.article import import_article
from guide_tui.importer.yaml_writer import dump
from tests.progress import helpers_kill_writer as kw

ROOT = Path(__file__).resolve().parents[2]
DETOURS = ROOT / "tests" / "data" / "every-detour.en.yaml"


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(DETOURS)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "howto"])  # the HowTo: test_the_howto_...
def test_every_format_shows_conditions_confirmation_and_typed_questions(guide: Guide, fmt: str) -> None:
    out = export(guide, fmt)
    if fmt == "json":
        data = json.loads(out)
        card = data["steps"][1]
        assert card["when"] == {"method": ["Bank card", "Credit card"]}
        assert card["body"][1] == {
            "text": "A credit card also shows its **statement day**; check it too.",
            "when": {"method": "Credit card"},
        }
        assert data["steps"][3]["ask"] == {
            "key": "order_no",
            "prompt": "What is the order number?",
            "input": "text",
            "max_length": 20,
            "hint": "such as XM-2024-001",
            "private": True,
        }
        assert data["steps"][5]["confirm"] == "After you confirm, {{method}} pays the next instalment."
        return
    for words in (
        "Only if you answered “Bank card” or “Credit card” in step 1; otherwise the walk passes over this step.",
        "only if you answered “Credit card” in step 1",  # the block, the checklist item, the warning
        "only if you answered “Alipay” in step 1",  # the note
        "Confirm before going on",
        "After you confirm, «your answer at step 1» pays the next instalment.",
        "I confirm",
        "text, up to 20 characters",
        "private: kept out of reports",
        "a date, YYYY-MM-DD",
    ):
        assert words in " ".join(out.split()), (fmt, words)  # text wraps at 72 columns


def test_the_howto_says_when_a_step_or_a_block_is_shown(guide: Guide) -> None:
    """A HowTo is one line of steps: a step or a block shown only for some answers says so."""
    data = json.loads(export(guide, "howto"))
    card = next(s for s in data["step"] if s["name"] == "Check the card details")
    tips = [i["text"] for i in card["itemListElement"] if i["@type"] == "HowToTip"]
    assert (
        tips[0]
        == "Only if you answered “Bank card” or “Credit card” in step 1; otherwise the walk passes over this step."
    )
    assert any(t.startswith("Only if you answered “Credit card” in step 1") and "statement day" in t for t in tips)
    assert "statement day" not in card["text"]  # the conditional block is not said as if always


def test_markdown_says_whom_a_step_is_for_before_what_to_do(guide: Guide) -> None:
    """The condition came after the body, an empty heading at the step's end, and the body
    read as an instruction for everyone (found in QA). It comes first, as in the text and
    HTML exports; the body is the text from it up to the next heading."""
    out = export(guide, "markdown")
    step = out[out.index("## 2. Check the card details") :]
    heading, condition, body = step.split("\n\n", 3)[:3]
    assert (
        condition
        == "### ⤷ Only if you answered “Bank card” or “Credit card” in step 1; otherwise the walk passes over this step."
    )
    assert body == "Check the last four digits of the card on the screen."
    again = import_article(out.encode("utf-8"), "detours.md", language=guide.language).data["steps"]
    (card,) = [s for s in again if s["title"] == "Check the card details"]
    assert card["body"].startswith("Check the last four digits of the card on the screen.")  # then its block


def test_the_guide_comes_back_through_the_yaml_writer(guide: Guide) -> None:
    """The importer's writer writes every new shape, and the loader reads it back the same."""
    text = dump(guide.to_dict(), {})
    again = load_bytes(text.encode(), "again.yaml")
    assert again.problems == [], [str(p) for p in again.problems]
    assert again.guide is not None
    assert again.guide.to_dict() == guide.to_dict()
    assert again.guide.steps == guide.steps
    assert yaml.safe_load(text)["steps"][1]["when"] == {"method": ["Bank card", "Credit card"]}


# -- the report -------------------------------------------------------------------------------


def walked(guide: Guide) -> Walker:
    w = Walker(guide, kw.fake_clock())
    w.answer(1)
    w.advance()
    w.toggle(1)
    w.skip()
    w.answer_typed("4321")
    w.advance()
    w.answer_typed("SECRET-77")
    w.advance()
    w.answer_typed("2024-08-27")
    w.advance()
    w.confirm()
    w.advance()
    assert w.step.id == "result"
    return w


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_a_private_answer_is_never_in_the_report(guide: Guide, fmt: str) -> None:
    w = walked(guide)
    out = render_report(guide, w, fmt, "en")
    assert "SECRET-77" not in out
    assert "4321" in out and "2024-08-27" in out


def test_the_report_records_the_confirmation_and_the_step_already_done(guide: Guide) -> None:
    w = walked(guide)
    data = report_data(guide, w)
    steps = {s["id"]: s for s in data["steps"]}
    assert steps["card-check"]["skipped"] and not steps["card-check"]["done"]
    assert steps["confirm"]["confirmed"] is not None and steps["confirm"]["done"]
    assert steps["confirm"]["confirm"] == "After you confirm, Credit card pays the next instalment."
    private = [a for a in data["answers"] if a["key"] == "order_no"]
    assert private == [
        {
            "step": "order-number",
            "key": "order_no",
            "prompt": "What is the order number?",
            "label": None,
            "typed": "text",
            "private": True,
        }
    ]
    md = render_report(guide, w, "markdown", "en")
    assert "skipped: the user said it was already done" in md
    assert "confirmed at " in md
    assert "What is the order number? — *(private: not in this report)*" in md


def test_the_report_prints_a_command_line_that_reproduces_the_walk(guide: Guide) -> None:
    w = walked(guide)
    command = report_data(guide, w)["replay"]
    words = shlex.split(command)
    assert words[:4] == ["guide-tui", "every-detour", "--lang", "en"]
    pairs = [words[i + 1] for i, word in enumerate(words) if word == "--answer"]
    answers, problems = read_given(guide, pairs)
    again = Walker(guide)
    again.preset(answers)
    assert problems == [] and again.walk_to(words[-1]) and again.path == w.path
    assert "```console\n" + command + "\n```" in render_report(guide, w, "markdown", "en")


def test_labels_that_a_shell_would_read_are_quoted(tmp_path: Path) -> None:
    text = """\
format: 1
id: quoting
title: Quoting
steps:
  - id: q
    title: Q
    ask:
      key: k
      prompt: Which?
      options: [{label: "it's $HOME; `rm -rf` ```"}, {label: plain}]
  - id: t
    title: T
    ask: {key: name, prompt: Name?, input: text}
"""
    guide = load_bytes(text.encode()).guide
    assert guide is not None
    w = Walker(guide)
    w.answer(0)
    w.advance()
    w.answer_typed("O'Brien & $(whoami)")
    command = report_data(guide, w)["replay"]
    assert shlex.split(command)[4:8] == [
        "--answer",
        "k=it's $HOME; `rm -rf` ```",
        "--answer",
        "name=O'Brien & $(whoami)",
    ]
    md = render_report(guide, w, "markdown", "en")
    assert "````console\n" in md  # a fence longer than any run of backticks in the command


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_a_steps_own_ending_has_no_tick_in_any_export(fmt: str) -> None:
    """ "✓ 在这一步结束时：请联系小米客服": a tick on the ending of someone who could not
    make the change (found in QA). Only the guide's own finish has one."""
    guide = load_guide(
        Path(__file__).resolve().parents[2] / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
    )
    out = export(guide, fmt)
    assert "⇥ 在这一步结束时：请联系小米客服" in out
    assert "✓ 在这一步结束时" not in out
