"""The guide-tui benchmark (`make bench`): six figures, each against its target.

    python bench/run.py              # every figure, medians of several runs (a few minutes)
    python bench/run.py --smoke      # every figure once at a tiny size (under 20 s), to keep this working
    python bench/run.py --only 1,5   # some figures
    python bench/run.py --check      # exit status 1 when a target is missed

It prints the machine, then a table (figure, guide-tui, baseline, ratio,
target, PASS/FAIL), then the spread of the samples behind each figure.
Without --check the exit status is 0 even when a target is missed: this is a
measurement, not a test.  A figure that could not be measured says why; an
ERROR row is counted as missed by --check.

The figures (docs/performance.md explains each one and gives the last results):
  1  first paint of the walker on the Xiaomi guide in an 80x24 pty, against a
     bare Textual app with the same kind of widgets          ratio <= 1.10
  2  `guide-tui validate` of the Xiaomi guide against `python -c "import yaml"`
                                                               ratio <= 2.5
  2b and validate imports no Textual or Rich module
  3  validate of 1,000 generated guides of 10 steps              <= 1.5 s
  4  first paint of the library with 1,000 guides against 1 guide <= 1.5x
  5a a step change ("n") on a 2,000-step guide, headless          <= 16 ms
  5b the same against a 20-step guide                         ratio <= 1.2
  6  peak RSS of the walker (figure 1's runs) against the bare app <= 1.2x
and the scale figures (bench/scale.py), at 1, 1,000, 10,000 and 50,000 guides:
  7  the library's filter, CPU per key typed        <= 16 ms (10,000) and 33 ms (50,000)
  8  the library, cold cache: every guide listed, per guide      <= 0.3 ms
  9  `list`, cold cache, per guide <= 0.3 ms; warm <= 2x reading the cache and stating the files
 10  `validate DIR` against CSafeLoader parsing the files on one core       <= 1.5x
 11  `validate DIR` peak memory, all its processes                          <= 60 MiB
 12  first paint of a 20, 2,000 and 4,000-step guide against the bare app  <= 1.15x
 13  serve: first screen of 10 tabs opened together against 1 tab <= 3x; memory per tab
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import statistics
import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import FIGURES, Row, measure

COLUMNS = (("", 4), ("figure", 62), ("guide-tui", 11), ("baseline", 11), ("ratio", 7), ("target", 11), ("result", 0))


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def revision() -> str:
    """The commit measured, and whether the work tree had changes on top of it."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head or 'unknown'}{' + uncommitted changes' if dirty else ''}"


def machine() -> str:
    """One line: date, cores, CPU, Python, Textual (for docs/performance.md)."""
    try:
        textual = metadata.version("textual")
    except metadata.PackageNotFoundError:
        textual = "not installed"
    return (
        f"{_dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; {os.cpu_count()} cores, {cpu_model()}; "
        f"Python {platform.python_version()}; textual {textual}; {platform.system()} {platform.release()}"
    )


def line(cells: tuple[str, ...]) -> str:
    return "  ".join(
        cell.ljust(width) if width else cell for cell, (_, width) in zip(cells, COLUMNS, strict=False)
    ).rstrip()


def table_row(row: Row) -> str:
    return line((row.key, row.figure, row.value, row.baseline, row.ratio, row.target, row.result))


def details(rows: list[Row]) -> list[str]:
    """The samples behind each figure: count, min, median, max and spread (max-min)/median."""
    out = []
    for row in rows:
        if row.error:
            out.append(f"{row.key}: {row.error}")
        for name, values in row.samples.items():
            if not values:
                continue
            mid = statistics.median(values)
            spread = (max(values) - min(values)) / mid * 100 if mid else 0.0
            out.append(
                f"{row.key} {name}: n={len(values)} min={min(values):.4g} median={mid:.4g} "
                f"max={max(values):.4g} spread={spread:.0f}%"
            )
        cpu = [values for name, values in row.samples.items() if name.endswith(" CPU") and values]
        if len(cpu) == 2 and row.ratio != "-":
            out.append(
                f"{row.key} ratio of the CPU medians: "
                f"{statistics.median(cpu[0]) / statistics.median(cpu[1]):.2f}x (target {row.target})"
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description=__doc__.splitlines()[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--smoke", action="store_true", help="each figure once, at a tiny size")
    parser.add_argument("--check", action="store_true", help="exit status 1 when any target is missed")
    parser.add_argument(
        "--only",
        metavar="LIST",
        default=",".join(FIGURES),
        help=f"comma-separated figures among {', '.join(FIGURES)} (6 comes with 1, 11 with 10)",
    )
    args = parser.parse_args(argv)
    which = [key.strip() for key in args.only.split(",") if key.strip()]
    unknown = [key for key in which if key not in FIGURES]
    if unknown:
        parser.error(f"no such figure: {', '.join(unknown)}")

    print(f"guide-tui benchmark{' (smoke: tiny sizes, one run each; the figures mean nothing)' if args.smoke else ''}")
    print(f"machine: {machine()}")
    print(f"code: {revision()}")
    print()
    print(line(tuple(name for name, _ in COLUMNS)))
    rows = measure(which, sys.executable, smoke=args.smoke, report=lambda row: print(table_row(row), flush=True))
    print()
    print("samples (seconds; MiB for 6):")
    for text in details(rows):
        print(f"  {text}")
    missed = [row for row in rows if row.ok is False]
    print()
    print(f"{len(missed)} of {sum(row.ok is not None for row in rows)} measured targets missed")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
