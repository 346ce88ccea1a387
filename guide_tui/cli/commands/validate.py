"""`guide-tui validate`: check guide files, one `PATH:LINE:COLUMN: error: MESSAGE` line per problem.

What it does, as `--help` tells users, is `cli.validate.about` in the catalogs
(guide_tui/i18n/locale/), in every language.  A folder is checked as a stream (check_files).
"""

from __future__ import annotations

import argparse
import collections
import functools
import itertools
import os
import sys
from dataclasses import dataclass

from guide_tui.core.loader import LoadResult, load_file
from guide_tui.core.problems import Problem
from guide_tui.core.text import safe_text
from guide_tui.i18n import Message, choose_language, t, tn

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable, Iterator

    from guide_tui.library.scan import Unreadable

    # What check_files takes: a file's path, a folder's file with the stat its scan made, or
    # an entry named like a guide that cannot be read.
    Entry = str | tuple[str, os.stat_result] | Unreadable

EXAMPLE = "guide-tui validate guides/ my-guide.en.yaml"
POOL_FROM = 64  # fewer files than this are checked in this process: starting workers would cost more
CHUNK = 64  # groups handed to a worker at a time: fewer, larger messages between the processes


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help=t("cli.validate.opt.paths", lang))
    parser.add_argument("--strict", action="store_true", help=t("cli.validate.opt.strict", lang))
    parser.add_argument("--stale", action="store_true", help=t("cli.validate.opt.stale", lang))
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=_date, help=t("cli.validate.opt.today", lang))
    parser.add_argument("--jobs", type=_jobs, default=0, metavar="N", help=t("cli.validate.opt.jobs", lang))


def _date(text: str) -> datetime.date:
    """A YYYY-MM-DD argument, as argparse's `type`."""
    import datetime

    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.validate.bad_date", choose_language(), date=text)) from None


def _there(path: str) -> bool:
    """Whether `path` names something, even what this user may not look at: the loader
    then says what is wrong (a file in a folder without permission was "no such file")."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError, ValueError):  # ValueError: a NUL in the name
        return False
    except OSError:
        return True
    return True


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if not 0 <= jobs <= 256:
        raise argparse.ArgumentTypeError(f"not a number of processes (0-256): {text!r}")
    return jobs


def run(args: argparse.Namespace) -> int:
    lang = choose_language()
    # Plain paths (pathlib is kept off this start-up path); a folder's files are read as
    # they are checked, each with the stat its scan made (group_by_id needs no other).
    found: list[Iterable[Entry]] = []
    named: set[str] = set()  # files given one by one: the translations beside them are checked too
    for given in args.paths:
        if os.path.isdir(given):
            from guide_tui.library.scan import scan_folder_stat

            inside = scan_folder_stat(given, recursive=True)
            first = next(inside, None)
            if first is None:
                _usage(t("cli.no_guides_in_folder", lang, folder=given))
                return 2
            found.append(itertools.chain((first,), inside))
        elif _there(given):
            found.append((given,))
            named.add(given)
        else:
            _usage(t("cli.no_such_path", lang, path=given))
            return 2
    guides = errors = warnings = 0
    from guide_tui.core.review import today

    checks = Across(frozenset(named), args.today or today(), args.stale)  # one date for every file
    for checked in check_files(itertools.chain.from_iterable(found), jobs=args.jobs or None, across=checks):
        for problem in checked.problems:
            print(safe_text(problem.format(lang)))
        guides += checked.counted
        errors += checked.errors
        warnings += len(checked.problems) - checked.errors
    print(summary(guides, errors, warnings, lang))
    return 1 if errors or (args.strict and warnings) else 0


@dataclass
class Checked:
    """What checking one file leaves: its problems (not the guide), and the guide's id
    and language with the place of its `id`, to find two files of one guide and language."""

    path: str
    problems: list[Problem]
    id: str | None = None  # None: the file has errors
    language: str = ""
    id_at: tuple[int, int] = (1, 1)
    counted: bool = True  # False: a translation beside a named file, read only to compare it

    @property
    def key(self) -> tuple[str, str] | None:
        """(id, language): zh-CN and zh-cn are one language."""
        return None if self.id is None else (self.id, self.language.lower())

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @classmethod
    def of(cls, result: LoadResult, counted: bool = True) -> Checked:
        guide = result.guide
        if guide is None or not counted:
            return cls(result.path, result.problems, counted=counted)
        at = guide.locations.get(("id",), (1, 1))
        return cls(result.path, result.problems, guide.id, guide.language, at, counted)


def check_files(found: Iterable[Entry], jobs: int | None = None, across: Across | None = None) -> Iterator[Checked]:
    """Check each file once (a file named twice is checked once), in groups of one guide id,
    and warn about a guide whose id and language an earlier file has too.  `jobs`: worker
    processes (None: one per core; 1: none, all in this process); `across`: the checks
    that span a guide's files (its translations, its review dates).

    A folder of 50,000 guides is checked as a stream: the files are grouped by guide id
    (a guide and its translations, `<id>.<language>.yaml`, next to each other in a
    folder), each group is loaded and checked by one of a pool of worker processes,
    and only each file's problems come back.  They are yielded as soon as the groups
    before them are done, in the order of the files, so memory stays flat whatever the
    folder's size and the output is the same with one core or many."""
    # hash((id, language)) -> the first file with them: an int key, not a string, keeps
    # 50,000 guides in a few MiB less; a hit is confirmed on the other file (`_same_guide`).
    first_of: dict[int, str] = {}
    for checked in _checked(group_by_id(found), jobs, across or Across()):
        key = checked.key
        if key is not None:
            other = first_of.setdefault(hash(key), checked.path)
            if other != checked.path and _same_guide(other, key):
                checked.problems.append(
                    Problem.of(
                        checked.path,
                        *checked.id_at,
                        "warning",
                        Message("load.duplicate_guide", id=checked.id, language=checked.language, other=other),
                    )
                )
                checked.problems.sort()
        yield checked


def _same_guide(path: str, key: tuple[str, str]) -> bool:
    """Whether the file at `path` has this (id, language): read again, its header only."""
    from guide_tui.core.loader import load_header, read_guide_bytes

    data = read_guide_bytes(path)
    values = load_header(data, path).values if isinstance(data, bytes) else None
    return values is not None and (values["id"], (values.get("language") or "en").lower()) == key


def group_by_id(found: Iterable[Entry]) -> Iterator[list[str | Unreadable]]:
    """The files in groups of one guide id, as their names say (`<id>.<language>.yaml`):
    files next to each other with the same id make one group (a folder lists a guide's
    translations together); a file named otherwise is a group of its own, and a file
    named twice (or through a link) is kept once."""
    group: list[str | Unreadable] = []
    group_id = ""
    seen: set[object] = set()
    for given in found:
        entry: str | Unreadable = given[0] if isinstance(given, tuple) else given
        path = entry if isinstance(entry, str) else entry.path
        same: object
        try:
            info = given[1] if isinstance(given, tuple) else os.stat(path)  # a folder's file: its scan's stat
            same = info.st_dev << 64 | info.st_ino  # one int: 50,000 of them stay small
        except OSError:  # the loader says what is wrong with it
            same = os.path.abspath(path)
        if same in seen:
            continue
        seen.add(same)
        name = os.path.basename(path)
        stem, dot, _suffix = name.rpartition(".")
        guide_id, dot, _language = stem.rpartition(".")
        guide_id = os.path.join(os.path.dirname(path), guide_id) if dot and guide_id else f"\0{path}"
        if group and guide_id != group_id:
            yield group
            group = []
        group_id = guide_id
        group.append(entry)
    if group:
        yield group


def _checked(groups: Iterator[list[str | Unreadable]], jobs: int | None, across: Across) -> Iterator[Checked]:
    """Each file's Checked, group by group in order: in worker processes when it pays."""
    first = list(itertools.islice(groups, POOL_FROM))  # a few files are checked here: a pool costs more
    workers = 1
    if sum(len(g) for g in first) >= POOL_FROM:
        from guide_tui.library.pool import cores  # light: the pool and the library are imported when used

        workers = jobs or cores()
    if workers <= 1:
        for group in itertools.chain(first, groups):
            yield from check_group(group, across)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    # fork: the workers start with everything imported; each gets a few groups at a time
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    sent: collections.deque[list[str | Unreadable]] = collections.deque()

    def sending() -> Iterator[list[str | Unreadable]]:
        for group in itertools.chain(first, groups):
            sent.append(group)  # in the pool's feeding thread; taken back below, in order
            yield group

    with context.Pool(workers) as pool:
        work = functools.partial(check_group, across=across)
        for checked in pool.imap(work, sending(), chunksize=CHUNK):
            # A path that came back is a copy: the one in this process is kept instead
            # (about 4 MiB for 50,000 guides).
            for entry, result in zip(sent.popleft(), checked, strict=False):
                result.path = entry if isinstance(entry, str) else entry.path
            yield from checked


def check_group(group: list[str | Unreadable], across: Across | None = None) -> list[Checked]:
    """Load the files of one guide id (a guide and its translations), then check them together."""
    results = [_load(entry) for entry in group]
    beside = (across or Across()).check(results)
    kept = [Checked.of(result, counted=_is_file(entry)) for entry, result in zip(group, results, strict=True)]
    return kept + [Checked.of(r, counted=False) for r in beside]


def _is_file(entry: str | Unreadable) -> bool:
    """Whether an entry is a file (a guide, counted), not a folder that could not be read."""
    return isinstance(entry, str) or entry.reason.key != "scan.folder_unreadable"


def _load(entry: str | Unreadable) -> LoadResult:
    if isinstance(entry, str):
        return load_file(entry)
    return LoadResult(entry.path, problems=[Problem.of(entry.path, 1, 1, "error", entry.reason)])


@dataclass(frozen=True)
class Across:
    """The checks that span the files of one guide id, run where they were loaded (a
    worker process, so all is picklable): the translations against each other (with
    those beside a file named on its own), and what the review dates say `today`
    (past them: warnings, errors with `stale`)."""

    named: frozenset[str] = frozenset()
    today: datetime.date | None = None
    stale: bool = False

    def check(self, results: list[LoadResult]) -> list[LoadResult]:
        """Add these problems to the results they are in; a translation beside a named
        file, read only to compare it, comes back as a result of its own."""
        guides = [r for r in results if r.guide is not None]
        if not guides:
            return []
        from guide_tui.core import review

        on = self.today or review.today()
        for result in guides:
            assert result.guide is not None
            result.problems += review.review_problems(result.guide, on, stale_is_error=self.stale)
        named = [r.path for r in guides if r.path in self.named]
        beside: dict[str, LoadResult] = {}
        from guide_tui.library.translations import check_results, may_have_translations

        if len(guides) > 1 or any(  # a guide alone in its folder has nothing to be compared with
            may_have_translations(r.path, r.guide.id, translated=r.guide.translated_from is not None)
            for r in guides
            if r.path in self.named and r.guide is not None
        ):
            by_path = {r.path: r for r in results}
            for problem in check_results(results, named):
                found = by_path.get(problem.path) or beside.setdefault(problem.path, LoadResult(problem.path))
                found.problems.append(problem)
        for result in results + list(beside.values()):
            result.problems.sort()
        return list(beside.values())


def summary(guides: int, errors: int, warnings: int, lang: str = "en") -> str:
    """Such as `3 guides, 1 error, 2 warnings` (`3 个指南，1 个错误，2 个警告`)."""
    return t(
        "cli.summary",
        lang,
        guides=tn("cli.count.guides", guides, lang),
        errors=tn("cli.count.errors", errors, lang),
        warnings=tn("cli.count.warnings", warnings, lang),
    )


def _usage(message: str) -> None:
    print(f"guide-tui validate: {safe_text(message)}", file=sys.stderr)
