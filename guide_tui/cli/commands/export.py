"""`guide-tui export`: a whole guide as a printable checklist (Markdown, text, HTML or JSON),
or its main path as schema.org HowTo JSON-LD.

What it does, as `--help` tells users, is `cli.export.about` in the catalogs
(guide_tui/i18n/locale/), in every language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from guide_tui.cli.commands import output_type
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
    parser.add_argument("-o", "--output", metavar="FILE", type=output_type(lang), help=t("cli.opt.output", lang))
    parser.add_argument("--force", action="store_true", help=t("cli.export.opt.force", lang))
    parser.add_argument("--lang", metavar="L", help=t("cli.export.opt.lang", lang))


def format_for(output: str | None) -> str | None:
    """The export format an output file name implies: Markdown for a name without an
    extension, None for an extension no format has (`-o guide.yaml`, `-o x.pdf`)."""
    if not output:
        return "markdown"
    suffix = Path(output).suffix.lower()
    return _BY_SUFFIX.get(suffix) if suffix else "markdown"


def _refusal(args: argparse.Namespace, lang: str) -> str | None:
    """Why FILE must not be written, if it must not: an export is written over no file
    unasked, and never over the guide it is made from (a typo such as `-o tea.en.yaml`
    replaced the author's YAML with Markdown, and said nothing), nor over a device,
    named pipe, socket or folder."""
    import os

    from guide_tui.cli.commands import output_refusal
    from guide_tui.library.find import resolve

    output = args.output
    if os.path.lexists(output):
        source = resolve(args.guide, args.lang)
        try:
            if source is not None and os.path.samefile(source, output):
                return t("cli.export.is_guide", lang, path=output)
        except OSError:
            pass
    if args.format is None and format_for(output) is None:
        return t("cli.export.unknown_suffix", lang, path=output, suffixes=" ".join(_BY_SUFFIX))
    return output_refusal(output, args.force, "cli.export.exists", lang)


def run(args: argparse.Namespace) -> int:
    from guide_tui.cli.commands import load_argument, write_stdout
    from guide_tui.core.text import safe_text

    lang = choose_language(args.lang)
    to_file = args.output not in (None, "-")  # "-": standard output
    refusal = _refusal(args, lang) if to_file else None
    if refusal:
        print(safe_text(f"guide-tui export: {refusal}"), file=sys.stderr)
        return 2
    guide, code = load_argument(args.guide, args.lang, "guide-tui export")
    if guide is None:
        return code
    text = export(guide, args.format or format_for(args.output) or "markdown")
    if to_file:
        from guide_tui.core.atomic import write_atomic

        try:  # a whole export or the file as it was, whatever happens while it is written
            write_atomic(Path(args.output), text.encode("utf-8"), private=False)
        except OSError as exc:
            message = t("cli.cannot_write", lang, path=args.output, reason=exc.strerror or exc)
            print(safe_text(f"guide-tui export: {message}"), file=sys.stderr)
            return 2
        return 0
    write_stdout(text)
    return 0
