"""core/text.py's line-break opportunities come from uniseg, loaded cheaply."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from guide_tui.core import text as core_text
from guide_tui.core import text_breaks, text_safety, text_width

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from guide_tui.core.text import break_positions
from guide_tui.core import text_breaks
break_positions("版本 1.2 — 见 https://example.com/a-b 的“说明”")
print("metadata" if "importlib.metadata" in sys.modules else "no-metadata")
from uniseg.linebreak import line_break_breakables
print(text_breaks._uax14() is line_break_breakables)
import uniseg
print(hasattr(uniseg, "linebreak"))
"""


def test_uniseg_is_loaded_without_importlib_metadata_and_breaks_as_uniseg_does() -> None:
    """uniseg/__init__.py imports importlib.metadata (about 20 ms of start-up) for its
    version string alone: the walker loads uniseg.linebreak without it, and the
    opportunities come from uniseg's own function."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert proc.stdout.split() == ["no-metadata", "True", "True"]


# -- the common characters' opportunities, without uniseg ---------------------------

PLAIN = "中文字词 abcXYZ019 。，、；：？！（）「」『』【】《》,.;:?!()“‘”’"
OTHER = "-/—…\"'%#@~<>~ぁアー한\u00a0\u200b"


def uniseg_positions(text: str) -> tuple[int, ...]:
    from uniseg.linebreak import line_break_breakables

    return text_breaks._tailor(text, [i for i, can in enumerate(line_break_breakables(text)) if can and i])


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(PLAIN + OTHER), max_size=16))
def test_the_common_characters_break_where_uniseg_breaks_them(text: str) -> None:
    plain = text_breaks._plain_breakables(text)
    if plain is None:
        assert any(char in OTHER for char in text) or re.search(r"[（「『【《(“‘”’] ", text)
    else:
        assert text_breaks._tailor(text, plain) == uniseg_positions(text), text
        assert core_text.break_positions(text) == uniseg_positions(text)


def test_every_bundled_and_sample_line_breaks_as_with_uniseg() -> None:
    lines = {
        line.strip()
        for path in [*ROOT.glob("guides/*.yaml"), *ROOT.glob("tests/data/articles/*")]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    plain = [line for line in lines if text_breaks._plain_breakables(line) is not None]
    assert len(plain) > 100  # most lines of Chinese guides take the quick way
    assert [line for line in plain if core_text.break_positions(line) != uniseg_positions(line)] == []


def test_the_quick_search_for_invisible_characters_finds_exactly_hidden() -> None:
    """any_hidden and hidden_at search a class that Python's re looks up at once, then
    check what they find beyond the first plane: they must agree with HIDDEN on every
    code point, alone and between two letters."""
    hidden = {c for c in range(sys.maxunicode + 1) if core_text.HIDDEN.match(chr(c))}
    quick = {c for c in range(sys.maxunicode + 1) if core_text.any_hidden(f"a{chr(c)}b")}
    assert quick == hidden and 0xE0041 in hidden and 0x1F600 not in hidden
    assert [i for i in text_safety._hidden("x\u200b😀\U000e0041 \u00ad")] == [1, 3, 5]


def test_the_quick_width_of_common_wide_text_is_the_width_of_each_character() -> None:
    """display_width counts the commonest CJK, kana and Hangul text from its UTF-8
    length; every character it takes that way must be one of width 1 or 2."""
    quick = [chr(c) for c in range(0x20, 0x10000) if text_width._ascii_and_wide().fullmatch(chr(c))]
    assert len(quick) > 30_000 and "中" in quick and "。" in quick and "\u302a" not in quick
    wrong = [c for c in quick if core_text.display_width(f"a{c}") != 1 + core_text.char_width(c)]
    assert wrong == [] and all(core_text.char_width(c) in (1, 2) for c in quick)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12))
def test_the_width_of_any_text_is_the_sum_of_its_characters(text: str) -> None:
    assert core_text.display_width(text) == sum(map(core_text.char_width, text))


@given(
    st.lists(st.lists(st.text(alphabet=st.sampled_from("ab 中文。\u0301"), max_size=4), max_size=4), max_size=5),
    st.sets(st.integers(0, 3)),
)
def test_columns_line_up_each_cell_by_display_width(rows: list[list[str]], right: set[int]) -> None:
    lines = core_text.columns(rows, right=right)
    assert len(lines) == len(rows)
    count = max(map(len, rows), default=0)
    widths = [max((core_text.display_width(row[i]) for row in rows if i < len(row)), default=0) for i in range(count)]
    for row, line in zip(rows, lines, strict=True):
        cells = [
            core_text.pad(cell, widths[i], right=i in right) if i < len(row) - 1 or i in right else cell
            for i, cell in enumerate(row)
        ]
        assert line == "  ".join(cells).rstrip()


def test_join_lines_reads_a_line_break_as_css_does_and_moves_the_marks() -> None:
    from guide_tui.core.text import join_lines

    text = "以适应不同的财务状况,\n或是出于更便捷的管理目的。\nThen\nmore"
    joined, marks = join_lines(text, text.index("或是"), text.index("Then"), len(text))
    assert joined == "以适应不同的财务状况,或是出于更便捷的管理目的。 Then more"  # Chinese then Latin: a space
    assert joined[marks[0] :].startswith("或是") and joined[marks[1] :].startswith("Then")
    assert marks[2] == len(joined)
    assert join_lines("no break", 3) == ("no break", [3])
