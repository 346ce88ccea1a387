"""`guide-tui schema`: the JSON Schema of guide files, for editors.

What it does, as `--help` tells users, is `cli.schema.about` in the catalogs
(guide_tui/i18n/locale/), in every language.
"""

from __future__ import annotations

import argparse
import sys

from guide_tui.i18n import choose_language, t

EXAMPLE = "guide-tui schema -o guide.schema.json"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help=t("cli.schema.opt.output", lang))


def run(args: argparse.Namespace) -> int:
    from guide_tui.core import schema
    from guide_tui.core.text import safe_text

    if not args.output or args.output == "-":
        sys.stdout.write(schema.render())
        return 0
    try:
        schema.write(args.output)
    except OSError as exc:
        message = t("cli.cannot_write", choose_language(), path=args.output, reason=exc.strerror or exc)
        print(safe_text(f"guide-tui schema: {message}"), file=sys.stderr)
        return 2
    return 0
