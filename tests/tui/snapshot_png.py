"""Snapshot SVGs as PNGs that show what the terminal shows, for review (`make review`).

    python tests/tui/snapshot_png.py OUT_DIR [SVG or snapshot_report.html ...]

Without files it converts every stored snapshot, and the actual screens of the
failed ones when snapshot_report.html (written by a failing snapshot test) is there.

Two things make a raw conversion misleading for Chinese text, and both are set
right here, in the copy that is converted (the stored SVGs stay as Textual wrote them):
- Rich writes each run's textLength as characters times the cell width, so a
  run of wide characters is squeezed into half its cells; it is set to the
  run's display width in cells (core/text.py).
- Each character is placed at its own cell, as the terminal places it (a font
  may draw an ambiguous-width character such as "·" or "→" twice as wide).
- The SVG asks for Fira Code; with no such font a viewer takes any font for
  CJK, whose advances and bold do not fit the grid, and rsvg-convert ignores
  textLength: the font asked for is a CJK monospace one (fonts-noto-cjk: Noto
  Sans Mono CJK SC) at twice the cell width, so every character fills its cells.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

from guide_tui.core.text import display_width

ROOT = Path(__file__).resolve().parent
FONT = '"Noto Sans Mono CJK SC", "Noto Sans Mono CJK", monospace'
_TEXT = re.compile(r'(<text\b[^>]*?textLength=")([0-9.]+)("[^>]*>)([^<]*)(</text>)')


def fixed_svg(svg: str) -> str:
    """The SVG with each run as wide as its cells and a CJK monospace font."""

    def fix(m: re.Match[str]) -> str:
        text = html.unescape(m.group(4))
        if not text:
            return m.group(0)
        cell = float(m.group(2)) / len(text)
        head = f"{m.group(1)}{cell * display_width(text):.1f}{m.group(3)}"
        x = re.search(r'\bx="([0-9.]+)"', head)
        if x:  # every character at its own cell: a font may draw "·" or "→" wider than the terminal does
            at, places = float(x.group(1)), []
            for char in text:
                places.append(f"{at:.1f}")
                at += cell * display_width(char)
            head = head.replace(x.group(0), f'x="{" ".join(places)}"', 1)
        return f"{head}{m.group(4)}{m.group(5)}"

    first = _TEXT.search(svg)
    cell = float(first.group(2)) / len(html.unescape(first.group(4))) if first and first.group(4) else 12.2
    # A CJK monospace font is half an em wide for Latin and one em for CJK: at twice the
    # cell width in size, each character fills its cells (viewers ignore textLength).
    svg = re.sub(r"(\.terminal-[0-9-]*matrix \{[^}]*?)font-size: [0-9.]+px", rf"\g<1>font-size: {2 * cell:.1f}px", svg)
    # Keep the spaces that indent a run (Rich writes them as no-break spaces): rsvg-convert
    # drops them at the start of a <text> otherwise, and a wrapped line starts at column 0.
    svg = svg.replace("<svg ", '<svg xml:space="preserve" ', 1)
    return _TEXT.sub(fix, svg).replace("Fira Code, monospace", FONT)


def svgs(paths: list[Path]) -> list[tuple[str, str]]:
    """(name, svg text) of each file; a snapshot report gives every SVG it holds."""
    out = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            found = re.findall(r"<svg\b.*?</svg>", html.unescape(text), re.S)
            out += [(f"{path.stem}-{i}", svg) for i, svg in enumerate(found)]
        else:
            out.append((path.stem, text))
    return out


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    out_dir = Path(argv[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in argv[1:]]
    if not paths:
        paths = sorted((ROOT / "__snapshots__").rglob("*.svg"))
        report = ROOT.parent.parent / "snapshot_report.html"
        paths += [report] if report.exists() else []
    for name, svg in svgs(paths):
        fixed = out_dir / f"{name}.svg"
        fixed.write_text(fixed_svg(svg), encoding="utf-8")
        png = out_dir / f"{name}.png"
        subprocess.run(["rsvg-convert", "-o", str(png), str(fixed)], check=True)
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
