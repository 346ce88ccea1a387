"""`guide-tui list`: the guides guide-tui can find, with their languages and files.

What it does, as `--help` tells users, is `cli.list.about` in the catalogs
(guide_tui/i18n/locale/), in every language.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path
from typing import Any

from guide_tui.core.text import columns, is_safe_text, json_safe, safe_text
from guide_tui.i18n import choose_language, t, tn
from guide_tui.library.discover import Library, discover
from guide_tui.library.meta_cache import MetaCache

EXAMPLE = "guide-tui list --guides ~/my-guides --json"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "--guides", action="extend", nargs="+", default=[], metavar="DIR", help=t("cli.list.opt.guides", lang)
    )
    parser.add_argument("--json", action="store_true", help=t("cli.list.opt.json", lang))


def run(args: argparse.Namespace) -> int:
    lang = choose_language()
    for folder in args.guides:
        if not Path(folder).expanduser().is_dir():
            print(f"guide-tui list: {t('cli.no_such_folder', lang, folder=safe_text(folder))}", file=sys.stderr)
            return 2
    # The listing is tens of thousands of objects that live until the command ends:
    # the cyclic collector would go over them again and again and free nothing (a
    # quarter of the time of `list` with 50,000 guides), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        cache = MetaCache()
        library = discover(args.guides, read_all=cache.read_all)
        cache.save()
        if args.json:
            print(json_safe(json.dumps(as_json(library), indent=2, ensure_ascii=False)))
        else:
            _print_table(library, lang)
        _report_problems(library, lang)
    finally:
        if collecting:
            gc.enable()
    return 1 if library.failures else 0


def as_json(library: Library) -> dict[str, Any]:
    """The library as plain data, for `--json` (messages in English: it is for programs)."""
    return {
        "guides": [
            {
                "id": entry.id,
                "title": entry.title,
                "languages": {
                    lang: {
                        "title": m.title,
                        "path": str(m.path),
                        "estimated_minutes": m.estimated_minutes,
                        "tags": list(m.tags),
                        "steps": m.steps,
                    }
                    for lang, m in entry.variants.items()
                },
            }
            for entry in library.entries
        ],
        "failures": [
            {
                "path": f.path,
                "problems": [
                    {"line": p.line, "column": p.column, "severity": p.severity, "message": p.message}
                    for p in f.problems
                ],
            }
            for f in library.failures
        ],
        "hidden": [{"path": str(hidden.path), "by": str(kept.path)} for hidden, kept in library.shadowed],
        "folders": [str(f) for f in library.folders],
    }


def _print_table(library: Library, ui_lang: str) -> None:
    rows = [
        (
            t("cli.list.id", ui_lang),
            t("cli.list.language", ui_lang),
            t("cli.list.title", ui_lang),
            t("cli.list.path", ui_lang),
        )
    ]
    for entry in library.entries:
        for lang, meta in entry.variants.items():
            rows.append((entry.id, lang, meta.title, str(meta.path)))
    # Only a file name can need escaping: the loader and the metadata cache refuse
    # control and invisible characters in a guide's fields.  All the paths are checked
    # at once (nearly always nothing to escape), and each row alone only if not.
    if is_safe_text(" ".join(row[3] for row in rows)):
        lines = columns(rows)
    else:
        lines = columns([row if is_safe_text(" ".join(row)) else [safe_text(cell) for cell in row] for row in rows])
    sys.stdout.write("\n".join(lines) + "\n")  # one write: 50,000 print calls cost a tenth of `list`


def _report_problems(library: Library, lang: str) -> None:
    for failure in library.failures:
        for problem in failure.errors:
            print(safe_text(problem.format(lang)), file=sys.stderr)
    for hidden, kept in library.shadowed:
        print(
            safe_text(
                f"{hidden.path}:1:1: warning: "
                + t("cli.list.hidden", lang, id=hidden.id, language=hidden.language, kept=kept.path)
            ),
            file=sys.stderr,
        )
    if library.failures:
        print(tn("cli.list.failed", len(library.failures), lang), file=sys.stderr)
    if not library.entries:
        folders = ", ".join(safe_text(str(f)) for f in library.folders)
        print(t("cli.list.none", lang, folders=folders), file=sys.stderr)
