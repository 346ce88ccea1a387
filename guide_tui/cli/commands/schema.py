"""Print the JSON Schema of guide files (format 1), for editors and other tools.

The schema is generated from the same model the loader checks files with.  Point
an editor at it with a first line such as
`# yaml-language-server: $schema=guide.schema.json` in a guide file.
It checks the shape of a file; `guide-tui validate` checks everything.
"""

from __future__ import annotations

import argparse
import sys

from guide_tui.i18n import cli_language, t

EXAMPLE = "guide-tui schema -o guide.schema.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    lang = cli_language()
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
        message = t("cli.cannot_write", cli_language(), path=args.output, reason=exc.strerror or exc)
        print(safe_text(f"guide-tui schema: {message}"), file=sys.stderr)
        return 2
    return 0
