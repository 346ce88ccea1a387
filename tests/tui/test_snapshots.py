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


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("where,keys", [("first", []), ("ask", TO_ASK), ("finish", TO_FINISH)])
def test_walker_screens(snap_compare, where: str, keys: list[str], size: tuple[int, int]) -> None:
    assert snap_compare(GuideApp(load_guide(XIAOMI)), press=keys, terminal_size=size)


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_first_step_in_each_interface_language(snap_compare, lang: str) -> None:
    assert snap_compare(GuideApp(load_guide(XIAOMI), lang=lang), terminal_size=(80, 24))
