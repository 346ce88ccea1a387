"""The authoring commands, one module each, and what they share.

Each command module has `add_arguments(parser, lang)`, `run(args) -> int` and
`EXAMPLE`; guide_tui/cli/main.py imports one only when it is named, and gives
add_arguments the interface language of --help. Nothing here imports Textual.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from guide_tui.core.model import Guide


def load_argument(
    spec: str | None, lang: str | None, prog: str, *, path: Path | None = None
) -> tuple[Guide | None, int]:
    """A GUIDE argument (a file or a bundled id) loaded, with every problem printed
    as PATH:LINE:COLUMN on stderr: (guide, 0), or (None, 2) when there is no such
    guide and (None, 1) when it has errors."""
    from pathlib import Path

    from guide_tui.core.loader import load_file
    from guide_tui.core.text import safe_text
    from guide_tui.i18n import choose_language, t
    from guide_tui.library.find import resolve, same_base_language

    said = choose_language(lang)
    by_id = path is None and spec is not None  # resolved below: an id, or a file's path
    path = path or (resolve(spec, lang) if spec else None)
    if path is None:
        print(f"{prog}: {t('cli.unknown_guide', said, name=safe_text(spec or ''))}", file=sys.stderr)
        return None, 2
    result = load_file(path)
    for problem in result.problems:
        print(safe_text(problem.format(said)), file=sys.stderr)
    guide = result.guide
    if guide and lang and by_id and path.name != Path(spec or "").name and not same_base_language(guide.language, lang):
        # An id with no file in the language asked for: another language's, said so.
        words = t("cli.other_language", said, id=guide.id, wanted=lang, language=guide.language)
        print(safe_text(f"{prog}: {words}"), file=sys.stderr)
    return guide, 0 if guide else 1


def write_stdout(text: str) -> None:
    """Text on standard output as UTF-8 whatever the locale's encoding; on a
    terminal, text from a guide or an article cannot steer it (escapes shown)."""
    if sys.stdout.isatty():
        from guide_tui.core.text import safe_text

        text = "\n".join(safe_text(line) for line in text.split("\n"))
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    out.write(text.encode("utf-8"))
    out.flush()


def output_type(lang: str) -> Callable[[str], str]:
    """The `type` of an -o option: FILE as given, "-" for standard output; an empty
    name is a usage error (`-o ''` from an unset shell variable wrote to standard
    output and said nothing)."""
    import argparse

    def output(value: str) -> str:
        if not value:
            from guide_tui.i18n import t

            raise argparse.ArgumentTypeError(t("cli.output_empty", lang))
        return value

    return output


def output_refusal(output: str, force: bool, exists: str, lang: str) -> str | None:
    """Why -o OUTPUT must not be written, in words, or None: a device, named pipe,
    socket or folder is never replaced (core/atomic.py), and a file that exists only
    with --force (`exists`: the message key saying so, with its own reason)."""
    import os

    from guide_tui.core.atomic import not_a_file
    from guide_tui.i18n import t

    if not_a_file(output):
        return t("cli.output_not_a_file", lang, path=output)
    if os.path.lexists(output) and not force:
        return t(exists, lang, path=output)
    return None
