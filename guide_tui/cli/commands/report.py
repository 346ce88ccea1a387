"""`guide-tui report`: the hand-off report of the progress saved on a guide.

What it does, as `--help` tells users, is `cli.report.about` in the catalogs
(guide_tui/i18n/locale/), in every language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guide_tui.progress.store import ProgressStore

from guide_tui.export.report import FORMATS
from guide_tui.i18n import choose_language, t

EXAMPLE = "guide-tui report xiaomi-installment-priority-payment --format json"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("guide", metavar="GUIDE", help=t("cli.opt.guide", lang))
    parser.add_argument("-f", "--format", choices=FORMATS, default="markdown", help=t("cli.report.opt.format", lang))
    parser.add_argument("--state-dir", metavar="DIR", type=Path, help=t("cli.opt.state_dir", lang))
    parser.add_argument("--lang", metavar="L", help=t("cli.report.opt.lang", lang))


def run(args: argparse.Namespace) -> int:
    from guide_tui.cli.commands import load_argument, write_stdout
    from guide_tui.core.text import safe_text
    from guide_tui.export.report import render_report
    from guide_tui.progress.store import ProgressStore

    store = ProgressStore(args.state_dir)
    path = _with_progress(store, args.guide) if not args.lang else None
    guide, code = load_argument(args.guide, args.lang, "guide-tui report", path=path)
    if guide is None:
        return code
    lang = choose_language(args.lang, guide.language)
    walker, notices = store.peek(guide)
    for notice in notices:
        print(t(f"notice.{notice.code}", lang, **notice.params), file=sys.stderr)
    if walker is None:
        print(
            t("report.no_progress", lang, title=safe_text(guide.title), folder=safe_text(str(store.state_dir))),
            file=sys.stderr,
        )
        return 1
    from guide_tui.library.find import reopen_name

    write_stdout(render_report(guide, walker, args.format, lang, opened_as=reopen_name(guide)))
    return 0


def _with_progress(store: ProgressStore, spec: str) -> Path | None:
    """For a bundled id without --lang: the translation that has saved progress."""
    from guide_tui.library.find import find_by_id
    from guide_tui.library.scan import split_name

    for path in find_by_id(spec):
        parts = split_name(path)
        if parts and store.status(parts[0], parts[1]).state != "new":
            return path
    return None
