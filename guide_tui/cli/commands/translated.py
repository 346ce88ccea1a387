"""`guide-tui translated`: record that a translation follows its source as the source is now.

It writes the translation's `translated_from` (the source's language and a
fingerprint of its text, step by step), after checking that the two walk the
same way and state the same facts; `validate` then warns, naming the steps,
when the source changes.  What it does, as `--help` tells users, is
`cli.translated.about` in the catalogs (guide_tui/i18n/locale/).
"""

from __future__ import annotations

import argparse
import sys

from guide_tui.i18n import Listed, choose_language, t

EXAMPLE = "guide-tui translated guides/my-guide.en.yaml --from zh-CN"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("translation", metavar="FILE", help=t("cli.translated.opt.translation", lang))
    parser.add_argument("--from", dest="source", metavar="SOURCE", help=t("cli.translated.opt.source", lang))


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from guide_tui.core.atomic import write_atomic
    from guide_tui.core.fields import GUIDE_SUFFIXES
    from guide_tui.core.loader import load_bytes, load_file
    from guide_tui.core.text import safe_text
    from guide_tui.core.translation_checks import compare_with
    from guide_tui.core.translations import shape_of
    from guide_tui.library.translations import record_block, source_for, with_record

    lang = choose_language()

    def say(line: str) -> None:
        print(safe_text(line), file=sys.stderr)

    def usage(key: str, **params: object) -> int:
        say(f"guide-tui translated: {t(key, lang, **params)}")
        return 2

    import os

    for given in (args.translation, args.source if args.source and args.source.endswith(GUIDE_SUFFIXES) else None):
        # A file not there, or a folder: a usage error (2, as the help says), not "PATH:1:1: error"
        if given is not None and not os.path.lexists(given):
            return usage("cli.no_such_path", path=given)
        if given is not None and os.path.isdir(given):
            say(f"guide-tui translated: {given}: {t('load.is_folder', lang)}")
            return 2
    loaded = load_file(args.translation)
    for problem in loaded.problems:
        print(safe_text(problem.format(lang)))
    translation = loaded.guide
    if translation is None:
        return 1
    given = args.source
    if given and given.endswith(GUIDE_SUFFIXES):
        result = load_file(given)
        for problem in result.errors:
            print(safe_text(problem.format(lang)))
        if result.guide is None:
            return 1
        source = result.guide
        if source.id != translation.id or source.language.lower() == translation.language.lower():
            return usage("cli.translated.not_a_source", path=given, id=translation.id)
    else:
        found, languages = source_for(translation, given)
        if len(found) != 1:
            if not given and not languages:  # no other language of it beside this file
                return usage("cli.translated.alone", id=translation.id)
            if given or len(found) == 0:
                return usage(
                    "cli.translated.no_source",
                    language=given or "?",
                    languages=Listed(languages).text(lang) if languages else "-",
                )
            return usage("cli.translated.which_source", languages=Listed(languages).text(lang))
        source = found[0]
    back = source.translated_from
    if back is not None and back.language.lower() == translation.language.lower():
        # The source is recorded as a translation of this file: each would follow the other.
        return usage(
            "cli.translated.circular",
            path=args.translation,
            source=source.path,
            language=translation.language,
        )

    problems = compare_with(shape_of(translation), shape_of(source))
    for problem in problems:
        print(safe_text(problem.format(lang)))
    if any(p.is_error for p in problems):
        say(t("cli.translated.not_in_step", lang, source=source.path))
        return 1

    path = Path(args.translation)
    data = translation.source_bytes
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    updated = with_record(text, record_block(source, newline))
    new_bytes = (b"\xef\xbb\xbf" if bom else b"") + updated.encode("utf-8")
    check = load_bytes(new_bytes, str(path))
    if check.guide is None or check.guide.translated_from is None:  # an unusual layout: say so, write nothing
        for problem in check.errors:
            print(safe_text(problem.format(lang)))
        say(t("cli.translated.cannot_place", lang, path=args.translation))
        return 1
    if new_bytes != data:
        try:
            write_atomic(path.absolute(), new_bytes, private=False)
        except OSError as exc:
            return usage("cli.cannot_write", path=args.translation, reason=exc.strerror or exc)
    say(t("cli.translated.done", lang, path=args.translation, source=source.path, language=source.language))
    return 0
