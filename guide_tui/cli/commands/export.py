"""`guide-tui export`: a whole guide as a printable checklist (Markdown, text, HTML or JSON),
or its main path as schema.org HowTo JSON-LD.

What it does, as `--help` tells users, is `cli.export.about` in the catalogs
(guide_tui/i18n/locale/), in every language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from guide_tui.export import FORMATS, export
from guide_tui.i18n import choose_language, t

EXAMPLE = "guide-tui export xiaomi-installment-priority-payment --lang en -o xiaomi.html"

_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonld": "howto",
}


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("guide", metavar="GUIDE", help=t("cli.opt.guide", lang))
    parser.add_argument("-f", "--format", choices=FORMATS, metavar="FORMAT", help=t("cli.export.opt.format", lang))
    parser.add_argument("-o", "--output", metavar="FILE", help=t("cli.opt.output", lang))
    parser.add_argument("--lang", metavar="L", help=t("cli.export.opt.lang", lang))


def format_for(output: str | None) -> str:
    """The export format an output file name implies (Markdown when unknown)."""
    return _BY_SUFFIX.get(Path(output).suffix.lower(), "markdown") if output else "markdown"


def run(args: argparse.Namespace) -> int:
    from guide_tui.cli.commands import load_argument, write_stdout
    from guide_tui.core.text import safe_text

    lang = choose_language(args.lang)
    guide, code = load_argument(args.guide, args.lang, "guide-tui export")
    if guide is None:
        return code
    text = export(guide, args.format or format_for(args.output))
    if args.output:
        try:
            Path(args.output).write_bytes(text.encode("utf-8"))
        except OSError as exc:
            message = t("cli.cannot_write", lang, path=args.output, reason=exc.strerror or exc)
            print(safe_text(f"guide-tui export: {message}"), file=sys.stderr)
            return 2
        return 0
    write_stdout(text)
    return 0
