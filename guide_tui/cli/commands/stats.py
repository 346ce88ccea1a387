"""`guide-tui stats`: how far the walks recorded in the local event log got.

What it does, as `--help` tells users, is `cli.stats.about` in the catalogs
(guide_tui/i18n/locale/), in every language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from guide_tui.i18n import choose_language, t, tn

if TYPE_CHECKING:
    from guide_tui.core.model import Guide

EXAMPLE = "guide-tui stats xiaomi-installment-priority-payment"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("guide", nargs="?", metavar="GUIDE", help=t("cli.stats.opt.guide", lang))
    parser.add_argument("--state-dir", metavar="DIR", type=Path, help=t("cli.opt.state_dir", lang))
    parser.add_argument("--lang", metavar="L", help=t("cli.stats.opt.lang", lang))


def run(args: argparse.Namespace) -> int:
    from guide_tui.cli.commands import load_argument, write_stdout
    from guide_tui.core.text import columns, safe_text
    from guide_tui.progress.events import summarize
    from guide_tui.progress.store import ProgressStore

    lang = choose_language(args.lang)
    guide = None
    if args.guide:
        guide, code = load_argument(args.guide, args.lang, "guide-tui stats")
        if guide is None:
            return code
    store = ProgressStore(args.state_dir)
    if store.state_dir.exists() and not store.state_dir.is_dir():  # `--state-dir afile`: not "no walks yet"
        print(
            f"guide-tui stats: {t('cli.stats.not_a_folder', lang, path=safe_text(str(store.state_dir)))}",
            file=sys.stderr,
        )
        return 2
    events, bad = store.events.read()
    # A bundled id without --lang shows every translation; a file or --lang, that one.
    only_language = guide.language if guide and (args.lang or Path(guide.path) == Path(args.guide)) else None
    found = summarize(events, guide.id if guide else None, only_language)
    folder = safe_text(str(store.state_dir))
    lines: list[str] = []
    for stats in found:
        known = guide if guide and guide.language == stats.language else _bundled(stats.guide, stats.language)
        steps = [s.id for s in known.steps] if known else []
        # Steps the guide found does not have (or no guide was found): in the order first reached
        steps += [s for s in stats.reached if s not in steps]
        # A walk that ended at a step's own finish (sent to customer service) is another
        # outcome than the guide's: counted as ended, never as finished.
        own = {s.id for s in known.steps if s.finish} if known else set()
        ended = sum(n for step_id, n in stats.ended_after.items() if step_id in own)
        finished = stats.finished - ended
        lines.append(
            t(
                "stats.heading",
                lang,
                title=safe_text(known.title if known else stats.guide),
                id=safe_text(stats.guide),
                language=safe_text(stats.language),
                runs=stats.runs,
                finished=finished,
            )
        )
        rows = [["", t("stats.col.reached", lang), t("stats.col.stopped", lang), t("stats.col.step", lang)]]
        for step_id in steps:
            if known and step_id in {s.id for s in known.steps}:
                name = safe_text(known.step(step_id).title) + t("walk.aside", lang, note=step_id)
            else:
                name = f"{safe_text(step_id)} {t('stats.gone', lang) if known else ''}".rstrip()
            rows.append(["", str(stats.reached[step_id]), str(stats.stopped[step_id]), name])
        rows.append(["", "", str(finished), t("stats.finished", lang)])
        if ended:
            rows.append(["", "", str(ended), t("stats.ended", lang)])
        lines += columns(rows, right=(1, 2))  # aligned by display width: 停在此处 is 8 columns
        lines.append("")
    if not found:
        lines.append(t("stats.none", lang, folder=folder))
    if bad:
        lines.append(tn("stats.bad_lines", bad, lang))
    lines.append(t("stats.private", lang, folder=folder))
    write_stdout("\n".join(lines) + "\n")
    return 0


def _bundled(guide_id: str, language: str) -> Guide | None:
    """The bundled guide of that id and language, for its titles and step order."""
    from guide_tui.core.loader import load_file
    from guide_tui.library.find import find_by_id
    from guide_tui.library.scan import split_name

    for path in find_by_id(guide_id, language):
        if (split_name(path) or ("", ""))[1] == language:
            return load_file(path).guide
    return None
