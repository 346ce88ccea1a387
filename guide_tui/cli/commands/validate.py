"""`guide-tui validate`: check guide files, one `PATH:LINE:COLUMN: error: MESSAGE` line per problem.

What it does, as `--help` tells users, is `cli.validate.about` in the catalogs
(guide_tui/i18n/locale/), in every language.
"""

from __future__ import annotations

import argparse
import os
import sys

from guide_tui.core.loader import LoadResult, load_file
from guide_tui.core.model import GUIDE_SUFFIXES
from guide_tui.core.problems import Problem
from guide_tui.core.text import safe_text
from guide_tui.i18n import Message, choose_language, t, tn

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime

EXAMPLE = "guide-tui validate guides/ my-guide.en.yaml"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help=t("cli.validate.opt.paths", lang))
    parser.add_argument("--strict", action="store_true", help=t("cli.validate.opt.strict", lang))
    parser.add_argument("--stale", action="store_true", help=t("cli.validate.opt.stale", lang))
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=_date, help=t("cli.validate.opt.today", lang))


def run(args: argparse.Namespace) -> int:
    lang = choose_language()
    files: list[str] = []  # plain paths: pathlib is kept off this start-up path
    named: list[str] = []  # files given one by one: the translations beside them are checked too
    for given in args.paths:
        path = given
        if os.path.isdir(path):
            found = find_guides(path)
            if not found:
                _usage(t("cli.no_guides_in_folder", lang, folder=given))
                return 2
            files += found
        elif os.path.exists(path):
            files.append(path)
            named.append(path)
        else:
            _usage(t("cli.no_such_path", lang, path=given))
            return 2
    results = validate_files(files)
    add_review_problems(results, args.today, stale=args.stale)
    beside = add_translation_problems(results, named)
    errors = warnings = 0
    for result in results + beside:
        for problem in result.problems:
            print(safe_text(problem.format(lang)))
        errors += len(result.errors)
        warnings += len(result.warnings)
    print(summary(len(results), errors, warnings, lang))
    return 1 if errors or (args.strict and warnings) else 0


def add_review_problems(results: list[LoadResult], today: datetime.date | None = None, *, stale: bool = False) -> None:
    """Add what each guide's review dates say on `today` (facts past their review
    date are errors with `stale`, as `--stale` asks, else warnings)."""
    from guide_tui.core.review import review_problems
    from guide_tui.core.review import today as clock

    on = today or clock()
    for result in results:
        if result.guide is not None:
            found = review_problems(result.guide, on, stale_is_error=stale)
            if found:
                result.problems = sorted(result.problems + found)


def add_translation_problems(results: list[LoadResult], named: list[str]) -> list[LoadResult]:
    """Add the problems between translations to the results of the files they are in;
    those in a translation beside a named file come back as results of their own."""
    from guide_tui.library.translations import check_results

    by_path = {r.path: r for r in results}
    beside: dict[str, LoadResult] = {}
    for problem in check_results(results, named):
        result = by_path.get(problem.path) or beside.setdefault(problem.path, LoadResult(problem.path))
        result.problems.append(problem)
    for result in results + list(beside.values()):
        result.problems.sort()
    return list(beside.values())


def find_guides(folder: str) -> list[str]:
    """Every *.yaml / *.yml file under a folder, in a stable order; names that
    begin with "." (.git, editor backups) are skipped."""
    found: list[str] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(root, n) for n in sorted(names) if n.endswith(GUIDE_SUFFIXES) and not n.startswith(".")]
    return found


def validate_files(files: list[str]) -> list[LoadResult]:
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
                result.problems.append(
                    Problem.of(
                        result.path,
                        line,
                        column,
                        "warning",
                        Message("load.duplicate_guide", id=guide.id, language=guide.language, other=first_of[key]),
                    )
                )
                result.problems.sort()
            else:
                first_of[key] = result.path
        results.append(result)
    return results


def summary(guides: int, errors: int, warnings: int, lang: str = "en") -> str:
    """Such as `3 guides, 1 error, 2 warnings` (`3 个指南，1 个错误，2 个警告`)."""
    return t(
        "cli.summary",
        lang,
        guides=tn("cli.count.guides", guides, lang),
        errors=tn("cli.count.errors", errors, lang),
        warnings=tn("cli.count.warnings", warnings, lang),
    )


def _date(text: str) -> datetime.date:
    """A YYYY-MM-DD argument, as argparse's `type`."""
    import datetime

    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.validate.bad_date", choose_language(), date=text)) from None


def _usage(message: str) -> None:
    print(f"guide-tui validate: {safe_text(message)}", file=sys.stderr)
