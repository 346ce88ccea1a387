"""`guide-tui diff`: what changed between two versions of a guide, step by step.

The comparison is guide_tui/core/diff.py; its words, as text or Markdown,
guide_tui/export/diff.py.  What it does, as `--help` tells users, is
`cli.diff.about` in the catalogs (guide_tui/i18n/locale/).
"""

from __future__ import annotations

import argparse
import sys

from guide_tui.i18n import choose_language, t

EXAMPLE = "git show main:guides/my.en.yaml | guide-tui diff - guides/my.en.yaml --format markdown"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("old", metavar="OLD", help=t("cli.diff.opt.old", lang))
    parser.add_argument("new", metavar="NEW", help=t("cli.diff.opt.new", lang))
    parser.add_argument(
        "-f", "--format", choices=("text", "markdown"), default="text", help=t("cli.diff.opt.format", lang)
    )


def run(args: argparse.Namespace) -> int:
    from guide_tui.cli.commands import write_stdout
    from guide_tui.core.diff import diff_guides
    from guide_tui.core.fields import MAX_FILE_BYTES
    from guide_tui.core.loader import LoadResult, load_bytes, load_file
    from guide_tui.core.text import safe_text
    from guide_tui.export.diff import render

    lang = choose_language()
    if args.old == "-" and args.new == "-":
        print(f"guide-tui diff: {t('cli.diff.two_stdin', lang)}", file=sys.stderr)
        return 2
    import os

    for given in (args.old, args.new):
        if given != "-" and not os.path.exists(given):
            print(safe_text(f"guide-tui diff: {t('cli.no_such_path', lang, path=given)}"), file=sys.stderr)
            return 2
        if given != "-" and os.path.isdir(given):  # a usage error, as the help says: not "PATH:1:1"
            print(safe_text(f"guide-tui diff: {given}: {t('load.is_folder', lang)}"), file=sys.stderr)
            return 2
    loaded: list[LoadResult] = []
    for given in (args.old, args.new):
        if given == "-":
            loaded.append(load_bytes(sys.stdin.buffer.read(MAX_FILE_BYTES + 1), "<stdin>"))
        else:
            loaded.append(load_file(given))
    code = 0
    for result in loaded:
        for problem in result.errors:
            print(safe_text(problem.format(lang)), file=sys.stderr)
        if result.guide is None:
            code = 1
    old, new = loaded[0].guide, loaded[1].guide
    if old is None or new is None:
        return code
    write_stdout(render(diff_guides(old, new), args.format, lang))
    return 0
