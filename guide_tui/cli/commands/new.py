"""`guide-tui new`: a valid starting guide to edit, in the language chosen.

It writes `<id>.<language>.yaml` with the editor line that points at the JSON
Schema (completion and checks as you type), two steps to replace, and nothing
that `validate` would warn about.  The words of the starting guide are the
`new.*` messages of the catalogs, in the guide's language (English where the
catalogs lack it).  What it does, as `--help` tells users, is `cli.new.about`.
"""

from __future__ import annotations

import argparse
import os
import sys

from guide_tui.i18n import choose_language, t

EXAMPLE = 'guide-tui new tea --lang en --title "Make a cup of tea"'


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument("name", metavar="ID|FILE", help=t("cli.new.opt.name", lang))
    parser.add_argument("--lang", dest="language", metavar="L", help=t("cli.new.opt.lang", lang))
    parser.add_argument("--title", metavar="TITLE", help=t("cli.new.opt.title", lang))


def run(args: argparse.Namespace) -> int:
    import re
    from pathlib import Path

    from guide_tui.core.atomic import write_atomic
    from guide_tui.core.fields import GUIDE_SUFFIXES, LANGUAGE_PATTERN, SLUG_PATTERN
    from guide_tui.core.loader import load_bytes
    from guide_tui.core.text import safe_text
    from guide_tui.i18n import locale_language

    lang = choose_language()

    def usage(key: str, **params: object) -> int:
        print(safe_text(f"guide-tui new: {t(key, lang, **params)}"), file=sys.stderr)
        return 2

    name: str = args.name
    language = args.language
    if name.endswith(GUIDE_SUFFIXES):
        path = Path(name)
        stem, _, named_language = path.stem.rpartition(".")
        guide_id = stem or path.stem
        if stem and language and language.lower() != named_language.lower():  # `foo.en.yaml --lang zh-CN`
            return usage("cli.new.language_mismatch", path=name, named=named_language, language=language)
        language = language or (named_language if stem else None)
    else:
        guide_id = name
        path = None
    if not language:
        wanted = locale_language()
        language = wanted if wanted and re.fullmatch(LANGUAGE_PATTERN, wanted) else "en"
    if not re.fullmatch(SLUG_PATTERN, guide_id):
        return usage("cli.new.bad_id", id=guide_id)
    if not re.fullmatch(LANGUAGE_PATTERN, language):
        return usage("cli.new.bad_language", language=language)
    if path is None:
        path = Path(f"{guide_id}.{language}.yaml")
    if os.path.lexists(path):
        return usage("cli.new.exists", path=str(path))
    text = starting_guide(guide_id, language, args.title, schema_line(path.absolute().parent), str(path))
    result = load_bytes(text.encode("utf-8"), str(path))
    if result.problems:  # only the title given can make the starting guide invalid
        return usage("cli.new.bad_title", title=args.title, problem=result.problems[0].text(lang))
    try:
        write_atomic(path.absolute(), text.encode("utf-8"), private=False)
    except OSError as exc:
        return usage("cli.cannot_write", path=str(path), reason=exc.strerror or exc)
    print(safe_text(t("cli.new.wrote", lang, path=str(path))))
    return 0


def starting_guide(guide_id: str, language: str, title: str | None, schema: str, shown: str) -> str:
    """The text of a new guide file: valid, with nothing to warn about."""
    from guide_tui.i18n import match_language
    from guide_tui.importer.yaml_writer import dump

    words = match_language(language) or "en"  # the catalog its words come from
    data = {
        "format": 1,
        "id": guide_id,
        "language": language,
        "title": t("new.title", words) if title is None else title,
        "summary": t("new.summary", words),
        "steps": [
            {"id": "first-step", "title": t("new.step1.title", words), "body": t("new.step1.body", words)},
            {
                "id": "check",
                "title": t("new.step2.title", words),
                "body": t("new.step2.body", words),
                "checklist": [t("new.step2.item", words)],
            },
        ],
    }
    header = [f"yaml-language-server: $schema={schema}", "", *t("new.header", words, path=shown).splitlines()]
    return dump(data, {}, header)


def schema_line(folder: os.PathLike[str] | str) -> str:
    """Where the editor finds the JSON Schema: a `guide.schema.json` in this folder or
    one above it (as a team keeps one in its repository, or this checkout's own), by a
    relative path that travels with the files; else the one installed with guide-tui."""
    from pathlib import Path

    from guide_tui.core.schema import SHIPPED

    here = Path(folder)
    for up, parent in enumerate([here, *here.parents]):
        if up > 8:
            break
        for candidate in (parent / "guide.schema.json", parent / "guide_tui" / "guide.schema.json"):
            if candidate.is_file():
                return Path(os.path.relpath(candidate, here)).as_posix()
    return SHIPPED.as_posix()
