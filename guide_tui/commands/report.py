"""Print the hand-off report of your saved progress on a guide, for a support agent.

The report names the guide (title, id, language, when its facts were last
checked), lists each step you did and when, every answer, the checklist items
ticked and not ticked, where you are now, and the support contacts with each
disclaimer beside the number.  It is read from the progress saved on this
computer (the state folder: --state-dir, else $GUIDE_TUI_STATE_DIR, else the
user state folder); nothing is changed or sent anywhere.  Markdown escapes the
guide's text so it can form no links or HTML; JSON is the same as data.

Exit status: 0 printed, 1 the guide has errors or no progress is saved for it,
2 usage error (no such guide).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import ProgressStore

from ..report import FORMATS

EXAMPLE = "guide-tui report xiaomi-installment-priority-payment --format json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (__doc__ or "").strip()
    parser.add_argument("guide", metavar="GUIDE", help="a guide file (.yaml) or the id of a bundled guide")
    parser.add_argument("-f", "--format", choices=FORMATS, default="markdown",
                        help="markdown (default) or json")
    parser.add_argument("--state-dir", metavar="DIR", type=Path,
                        help="where progress is saved (default: $GUIDE_TUI_STATE_DIR, else the user state folder)")
    parser.add_argument("--lang", metavar="L",
                        help="which translation of a bundled guide, and the report's language, such as zh-CN or en")


def run(args: argparse.Namespace) -> int:
    from ..__main__ import resolve_guide
    from ..i18n import choose_language, t
    from ..loader import load_file
    from ..problems import safe_text
    from ..report import render_report
    from ..store import ProgressStore

    store = ProgressStore(args.state_dir)
    path = _with_progress(store, args.guide) if not args.lang else None
    path = path or resolve_guide(args.guide, args.lang)
    if path is None:
        print(f"guide-tui report: no guide file or bundled guide called {safe_text(args.guide)!r}",
              file=sys.stderr)
        return 2
    result = load_file(path)
    for problem in result.problems:
        print(str(problem), file=sys.stderr)
    guide = result.guide
    if guide is None:
        return 1
    lang = choose_language(args.lang, guide.language)
    walker, notices = store.peek(guide)
    for notice in notices:
        print(t(f"notice.{notice.code}", lang, **notice.params), file=sys.stderr)
    if walker is None:
        print(t("report.no_progress", lang, title=safe_text(guide.title), folder=safe_text(str(store.state_dir))),
              file=sys.stderr)
        return 1
    _write(render_report(guide, walker, args.format, lang))
    return 0


def _with_progress(store: ProgressStore, spec: str) -> Path | None:
    """For a bundled id without --lang: the translation that has saved progress."""
    from ..catalog import find_by_id, split_name

    for path in find_by_id(spec):
        parts = split_name(path)
        if parts and store.status(parts[0], parts[1]).state != "new":
            return path
    return None


def _write(text: str) -> None:
    """UTF-8 on standard output whatever the locale's encoding."""
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    out.write(text.encode("utf-8"))
    out.flush()
