"""Check guide files and report every error and warning with its place.

Each problem is one line on standard output, `PATH:LINE:COLUMN: error: MESSAGE`
(or `warning:`), the way compilers and linters write them, so editors can jump
to it; a summary line follows, such as `3 guides, 1 error, 2 warnings`.
A folder is searched recursively for *.yaml and *.yml files, skipping names
that begin with "." (such as .git).  Usage errors go to standard error.

Exit status: 0 no errors (warnings allowed, unless --strict), 1 an error in
any file, 2 usage error (no path, a path that does not exist, a folder with
no guide files).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..library import GUIDE_SUFFIXES, printable
from ..loader import LoadResult, load_file
from ..problems import Problem

EXAMPLE = "guide-tui validate guides/ my-guide.en.yaml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (__doc__ or "").strip()  # the whole docstring: it is written for users
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a guide file, or a folder searched recursively for *.yaml and *.yml")
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings as errors (exit status 1 when there is any)")


def run(args: argparse.Namespace) -> int:
    files: list[Path] = []
    for given in args.paths:
        path = Path(given)
        if path.is_dir():
            found = find_guides(path)
            if not found:
                _usage(f"no guide files (*.yaml, *.yml) in the folder {given}")
                return 2
            files += found
        elif path.exists():
            files.append(path)
        else:
            _usage(f"no such file or folder: {given}")
            return 2
    results = validate_files(files)
    errors = warnings = 0
    for result in results:
        for problem in result.problems:
            print(printable(str(problem)))
        errors += len(result.errors)
        warnings += len(result.warnings)
    print(summary(len(results), errors, warnings))
    return 1 if errors or (args.strict and warnings) else 0


def find_guides(folder: Path) -> list[Path]:
    """Every *.yaml / *.yml file under a folder, in a stable order; names that
    begin with "." (.git, editor backups) are skipped."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root, n) for n in sorted(names)
                  if n.endswith(GUIDE_SUFFIXES) and not n.startswith(".")]
    return found


def validate_files(files: list[Path]) -> list[LoadResult]:
    """Load each file once (a file named twice is checked once) and add a
    warning for each guide whose id and language another checked file has too."""
    results: list[LoadResult] = []
    seen_files: set[str] = set()
    first_of: dict[tuple[str, str], str] = {}
    for path in files:
        real = os.path.realpath(path)
        if real in seen_files:
            continue
        seen_files.add(real)
        result = load_file(path)
        guide = result.guide
        if guide is not None:
            key = (guide.id, guide.language.lower())
            if key in first_of:
                line, column = guide.locations.get(("id",), (1, 1))
                result.problems.append(Problem(
                    result.path, line, column, "warning",
                    f"guide `{guide.id}` in language {guide.language} is also in {first_of[key]}; "
                    "the library shows only one of them (give one another id or language)"))
                result.problems.sort()
            else:
                first_of[key] = result.path
        results.append(result)
    return results


def summary(guides: int, errors: int, warnings: int) -> str:
    """Such as `3 guides, 1 error, 2 warnings`."""
    return ", ".join(_count(n, word) for n, word in ((guides, "guide"), (errors, "error"), (warnings, "warning")))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _usage(message: str) -> None:
    print(f"guide-tui validate: {printable(message)}", file=sys.stderr)
