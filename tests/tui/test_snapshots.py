"""SVG snapshots of the walker screen (pytest-textual-snapshot).

Review the report before accepting a change: `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_tui.core.loader import load_guide
from guide_tui.tui.app import GuideApp

XIAOMI = Path(__file__).parents[2] / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
SIZES = [(80, 24), (120, 40)]

# Keys from the first step: to the question, and to the finish along the 支付宝 branch.
TO_ASK = ["n", "n", "n"]
TO_FINISH = [*TO_ASK, "1", "enter", "3", "enter", "enter", "enter", "enter"]
# To step 5, which has a question and a checklist: 支付宝 chosen, the keys on the checklist.
TO_BOTH = [*TO_ASK, "1", "enter", "3", "tab"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("where,keys", [("first", []), ("ask", TO_ASK), ("finish", TO_FINISH)])
def test_walker_screens(snap_compare, where: str, keys: list[str], size: tuple[int, int]) -> None:
    assert snap_compare(GuideApp(load_guide(XIAOMI)), press=keys, terminal_size=size)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_first_step_in_each_interface_language(snap_compare, lang: str) -> None:
    assert snap_compare(GuideApp(load_guide(XIAOMI), lang=lang), terminal_size=(80, 24))


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_step_with_a_question_and_a_checklist(snap_compare, size: tuple[int, int]) -> None:
    """The answer chosen is named under the answers; only the checklist, which has the keys, shows its cursor."""
    settle = ["_", "_"]  # a short pause: rows are wrapped again once the list has its width
    assert snap_compare(GuideApp(load_guide(XIAOMI)), press=[*TO_BOTH, *settle], terminal_size=size)


@pytest.mark.parametrize("where,keys", [("help", ["n", "question_mark"]), ("steps", ["n", "n", "o"])])
def test_a_dialog_over_the_walker(snap_compare, where: str, keys: list[str]) -> None:
    """A dialog is drawn over the step, which stays in view around it, dimmed."""
    assert snap_compare(GuideApp(load_guide(XIAOMI)), press=keys, terminal_size=(80, 24))
