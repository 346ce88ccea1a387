"""`guide-tui schema`: the JSON Schema of guide files, for editors.

What it does, as `--help` tells users, is `cli.schema.about` in the catalogs
(guide_tui/i18n/locale/), in every language.
"""

from __future__ import annotations

import argparse
import sys

from guide_tui.cli.commands import output_type
from guide_tui.i18n import choose_language, t

EXAMPLE = "guide-tui schema -o guide.schema.json"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", type=output_type(lang), help=t("cli.schema.opt.output", lang))
    parser.add_argument("--force", action="store_true", help=t("cli.schema.opt.force", lang))


def run(args: argparse.Namespace) -> int:
    from guide_tui.cli.commands import output_refusal
    from guide_tui.core import schema
    from guide_tui.core.text import safe_text

    if args.output in (None, "-"):
        sys.stdout.write(schema.render())
        return 0
    lang = choose_language()
    refusal = output_refusal(args.output, args.force, "cli.export.exists", lang)
    if refusal:  # as export: no file replaced unasked, never a device or a folder
        print(safe_text(f"guide-tui schema: {refusal}"), file=sys.stderr)
        return 2
    try:
        schema.write(args.output)
    except OSError as exc:
        message = t("cli.cannot_write", lang, path=args.output, reason=exc.strerror or exc)
        print(safe_text(f"guide-tui schema: {message}"), file=sys.stderr)
        return 2
    return 0
