"""The walker's keys: the ones the tutorial names are the ones the screen binds."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from guide_tui.core.loader import load_guide

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = "write-your-first-guide"


def test_tutorial_keys_are_the_real_keys() -> None:
    """→ or n next, ? help, q quit: the keys the tutorial names."""
    from guide_tui.tui.screens.guide import walker_bindings

    keys: dict[str, set[str]] = defaultdict(set)
    for binding in walker_bindings("en"):
        keys[binding.action] |= set(binding.key.split(","))
    assert {"right", "n"} <= keys["next"] and "question_mark" in keys["help"] and "q" in keys["quit"]
    for language in ("en", "zh-CN"):
        body = load_guide(ROOT / "guides" / f"{TUTORIAL}.{language}.yaml").step("open-guide").body or ""
        assert all(f"**{k}**" in body for k in ("→", "n", "?", "q"))
