"""The translations beside a file, and writing `translated_from` into a guide file
without touching anything else in it."""

from __future__ import annotations

from pathlib import Path

from guide_tui.core.loader import load_bytes, load_guide
from guide_tui.library.translations import beside, record_block, with_record

ROOT = Path(__file__).resolve().parents[2]
ZH = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
HEAD = "format: 1\nid: g\nlanguage: en\ntitle: T\n"
STEPS = "steps:\n  - id: a\n    title: A\n    body: B\n"


def test_beside_finds_the_other_languages_by_id(tmp_path: Path) -> None:
    for name in ("g.en.yaml", "g.zh-CN.yaml", "g.fr.yml", "h.en.yaml", ".g.de.yaml", "g.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert beside(tmp_path / "g.en.yaml", "g") == [str(tmp_path / "g.fr.yml"), str(tmp_path / "g.zh-CN.yaml")]


def test_the_record_is_added_after_language_and_replaced_in_place() -> None:
    block = record_block(load_guide(ZH))
    text = "# top comment\n" + HEAD + "# about steps\n" + STEPS
    once = with_record(text, block)
    assert once.startswith("# top comment\nformat: 1\nid: g\nlanguage: en\n# written by `guide-tui translated`")
    assert once.endswith("# about steps\n" + STEPS)
    guide = load_bytes(once.encode()).guide
    assert guide is not None and guide.translated_from is not None
    assert guide.translated_from.language == "zh-CN" and len(guide.translated_from.steps) == 8
    assert with_record(once, block) == once  # replaced, not added twice
    changed = with_record(once, block.replace("language: zh-CN", "language: fr"))
    assert changed.count("translated_from:") == 1 and "  language: fr\n" in changed


def test_a_hand_written_record_in_flow_style_is_replaced_whole() -> None:
    text = HEAD + "translated_from: {language: zh-CN}\n" + STEPS
    out = with_record(text, "translated_from:\n  language: fr\n")
    assert out == HEAD + "translated_from:\n  language: fr\n" + STEPS


def test_windows_line_endings_are_kept() -> None:
    text = (HEAD + STEPS).replace("\n", "\r\n")
    out = with_record(text, record_block(load_guide(ZH), "\r\n"))
    assert "\n" not in out.replace("\r\n", "")
    assert load_bytes(out.encode()).guide is not None
