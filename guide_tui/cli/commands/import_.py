"""`guide-tui import`: a draft guide made from an article (text, Markdown, a saved web page or HowTo markup).

What it does, as `--help` tells users, is `cli.import.about` in the catalogs
(guide_tui/i18n/locale/), in every language.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from guide_tui.cli.commands import output_type
from guide_tui.i18n import Message, choose_language, t

EXAMPLE = "guide-tui import article.md -o guides/my-guide.en.yaml"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("article", metavar="FILE", help=t("cli.import.opt.article", lang))
    parser.add_argument("-o", "--output", metavar="OUT", type=output_type(lang), help=t("cli.import.opt.output", lang))
    parser.add_argument("--force", action="store_true", help=t("cli.import.opt.force", lang))
    parser.add_argument("--id", dest="guide_id", metavar="ID", help=t("cli.import.opt.id", lang))
    parser.add_argument("--language", metavar="L", help=t("cli.import.opt.language", lang))


def run(args: argparse.Namespace) -> int:
    from guide_tui.cli.commands import output_refusal
    from guide_tui.core.atomic import write_atomic
    from guide_tui.core.fields import LANGUAGE_PATTERN, MAX_FILE_BYTES, SLUG_PATTERN
    from guide_tui.core.loader import read_guide_bytes
    from guide_tui.core.text import safe_text
    from guide_tui.importer.article import ArticleError, import_article

    lang = choose_language()  # the messages' language; --language is the guide's

    def say(line: str) -> None:
        print(safe_text(line), file=sys.stderr)

    if args.guide_id is not None and not re.fullmatch(SLUG_PATTERN, args.guide_id):
        say(f"guide-tui import: {t('cli.import.bad_id', lang, id=args.guide_id)}")
        return 2
    if args.language is not None and not re.fullmatch(LANGUAGE_PATTERN, args.language):
        say(f"guide-tui import: {t('cli.import.bad_language', lang, language=args.language)}")
        return 2
    name = "<stdin>" if args.article == "-" else args.article
    to_file = args.output not in (None, "-")  # "-": standard output
    # A draft is edited by hand after it is imported: importing again does not undo that.
    refusal = output_refusal(args.output, args.force, "cli.import.exists", lang) if to_file else None
    if refusal:
        say(f"guide-tui import: {refusal}")
        return 2
    if args.article == "-":
        try:
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            say(f"guide-tui import: {t('cli.cannot_read', lang, path=name, reason=exc.strerror or exc)}")
            return 2
    else:
        # Only a regular file, opened without waiting: a named pipe would wait for a writer for ever.
        found = read_guide_bytes(args.article)
        if isinstance(found, Message):
            if found.key == "load.is_folder":
                say(f"guide-tui import: {t('cli.import.folder', lang, name=name)}")
            elif found.key == "load.not_regular":
                say(f"guide-tui import: {t('cli.import.not_regular', lang, name=name)}")
            else:
                say(f"guide-tui import: {name}: {found.text(lang)}")
            return 2
        data = found
    try:
        imported = import_article(data, name, guide_id=args.guide_id, language=args.language)
    except ArticleError as exc:
        say(f"guide-tui import: {exc.text(lang)}")
        return 1
    except Exception as exc:  # never a traceback for an author; say what broke instead
        error = f"{type(exc).__name__}: {exc}"
        say(f"guide-tui import: {t('cli.import.crashed', lang, name=name, error=error)}")
        return 1
    for line in imported.report_in(lang):
        say(line)
    if not to_file:
        from guide_tui.cli.commands import write_stdout

        write_stdout(imported.yaml)
        return 0
    try:
        write_atomic(Path(args.output).absolute(), imported.yaml.encode("utf-8"), private=False)
    except OSError as exc:
        say(f"guide-tui import: {t('cli.cannot_write', lang, path=args.output, reason=exc.strerror or exc)}")
        return 2
    say(t("cli.import.wrote", lang, path=args.output))
    return 0
