"""The `guide-tui` command: argument parsing, dispatch and exit codes.

`guide-tui [GUIDE]` walks a guide in the full screen; `guide-tui COMMAND ...`
runs one of the authoring commands, which draw no screen and never import
Textual (each lives in guide_tui/commands/ and is imported only when named).

Exit codes: 0 success, 1 a guide has errors, 2 usage error or no terminal.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys

from guide_tui import __version__
from guide_tui.cli.startup import pause_collector, resume_collector

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path
    from typing import Any

    from guide_tui.core.loader import LoadResult
    from guide_tui.core.model import Guide
    from guide_tui.progress.store import ProgressStore
    from guide_tui.tui.app import GuideApp


# name -> module in guide_tui.cli.commands with add_arguments(parser, lang), run(args) -> int,
# and EXAMPLE (shown at the end of --help).
COMMANDS: dict[str, str] = {
    "validate": "validate",
    "list": "list_",
    "schema": "schema",
    "export": "export",
    "report": "report",
    "stats": "stats",
    "import": "import_",
    "serve": "serve",
    "translated": "translated",
    "diff": "diff",
    "new": "new",
}


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # the program itself (see startup.py), not a caller in Python
        pause_collector()
        argv = sys.argv[1:]
    try:
        if argv and argv[0] in COMMANDS:
            return _run_command(argv[0], argv[1:])
        return _walk(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`guide-tui ... | head`): stop quietly, as a program
        # killed by SIGPIPE would, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    finally:
        resume_collector()


def _run_command(name: str, argv: list[str]) -> int:
    import argparse

    from guide_tui.i18n import choose_language, t

    module = importlib.import_module(f"guide_tui.cli.commands.{COMMANDS[name]}")
    lang = choose_language(_requested_lang(argv))
    # Every command's --help in the interface language: its description (cli.NAME.about
    # in the catalogs) and its example; add_arguments adds the options.
    parser = argparse.ArgumentParser(
        prog=f"guide-tui {name}",
        description=t(f"cli.{name}.about", lang),
        epilog=t("cli.example", lang, example=module.EXAMPLE),
        formatter_class=_help_formatter(lang),
    )
    module.add_arguments(parser, lang)
    args = parser.parse_args(argv)
    resume_collector()  # started: the command's own work runs with the collector on
    return int(module.run(args) or 0)


def _help_formatter(lang: str) -> type[argparse.HelpFormatter]:
    """The help's shape (lines measured in columns, not characters), with argparse's own
    words (usage:, options, its errors) in `lang`."""
    from guide_tui.cli.help_text import HelpFormatter, speak

    speak(lang)
    return HelpFormatter


def _walk_parser(argv: list[str]) -> argparse.ArgumentParser:
    from guide_tui.i18n import choose_language

    return _walk_parser_in(choose_language(_requested_lang(argv)))


@functools.cache
def _walk_parser_in(lang: str) -> argparse.ArgumentParser:
    """The walk's parser, its help in `lang`: made once a language (parsing leaves it as it
    was), so `serve`'s warm starter makes its tabs' before it forks them (cli/serve_fork.py)."""
    import argparse

    from guide_tui.i18n import t

    commands = "".join(f"\n  guide-tui {name} --help" for name in COMMANDS)
    parser = argparse.ArgumentParser(
        prog="guide-tui",
        description=t("cli.main.about", lang),
        epilog=t("cli.main.examples", lang) + (f"\n\n{t('cli.main.commands', lang)}{commands}" if commands else ""),
        formatter_class=_help_formatter(lang),
    )
    parser.add_argument("guide", nargs="?", metavar="GUIDE", help=t("cli.main.opt.guide", lang))
    parser.add_argument("--lang", metavar="L", help=t("cli.main.opt.lang", lang))
    parser.add_argument("--guides", metavar="DIR", action="append", default=[], help=t("cli.main.opt.guides", lang))
    parser.add_argument("--plain", action="store_true", help=t("cli.main.opt.plain", lang))
    parser.add_argument("--theme", metavar="NAME", help=t("cli.main.opt.theme", lang))
    parser.add_argument("--state-dir", metavar="DIR", help=t("cli.main.opt.state_dir", lang))
    parser.add_argument("--restart", action="store_true", help=t("cli.main.opt.restart", lang))
    parser.add_argument("--watch", action="store_true", help=t("cli.main.opt.watch", lang))
    parser.add_argument(
        "--answer", metavar="KEY=VALUE", action="append", default=[], help=t("cli.main.opt.answer", lang)
    )
    parser.add_argument("--step", metavar="ID", help=t("cli.main.opt.step", lang))
    parser.add_argument(
        "--version", action="version", version=f"guide-tui {__version__}", help=t("cli.main.opt.version", lang)
    )
    return parser


def _requested_lang(argv: list[str]) -> str | None:
    """--lang as given, read before argparse runs (its own help uses the language)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _command_hint(argv: list[str]) -> None:
    """After a usage error or a guide not found: "did you mean `guide-tui validate`?" when
    the first word is a command mistyped (`valdiate`), else nothing."""
    word = next((a for a in argv if not a.startswith("-")), "")
    if not word or word in COMMANDS or not word.isalpha():
        return
    import difflib  # only on this error path: a few ms a start would not pay for

    close = difflib.get_close_matches(word.lower(), list(COMMANDS), n=1, cutoff=0.7)
    if close:
        from guide_tui.i18n import choose_language, t

        print(
            f"guide-tui: {t('cli.did_you_mean', choose_language(_requested_lang(argv)), command=close[0])}",
            file=sys.stderr,
        )


def resolve_guide(spec: str | None, language: str | None, extra_dirs: tuple[str, ...] = ()) -> Path | None:
    """The file a GUIDE argument names (the Xiaomi guide when there is none): see library.find.resolve."""
    from guide_tui.library.find import DEFAULT_GUIDE, resolve, search_folders

    return resolve(spec or DEFAULT_GUIDE, language, search_folders(extra_dirs))


def _walk(argv: list[str]) -> int:
    try:
        args = _walk_parser(argv).parse_args(argv)
    except SystemExit as exc:
        if exc.code:  # a usage error argparse has printed (not --help)
            _command_hint(argv)
        raise
    from guide_tui.i18n import choose_language, t

    if args.watch and (args.plain or args.guide is None):
        print(f"guide-tui: {t('cli.watch_needs_guide', choose_language(args.lang))}", file=sys.stderr)
        return 2
    if not args.plain and args.guide is None:
        return _library(args)
    from guide_tui.core.loader import load_file
    from guide_tui.core.text import safe_text

    path = resolve_guide(args.guide, args.lang, tuple(args.guides))
    if path is None:
        print(safe_text(t("cli.no_guide", choose_language(args.lang), name=args.guide)), file=sys.stderr)
        _command_hint(argv)
        return 2
    if not (args.plain or args.watch or args.answer or args.step):
        start = _long_guide_start(path, args)
        if start is not None:
            return _walk_long(start, args)
    result = load_file(path)
    for problem in result.problems:
        print(problem.format(choose_language(args.lang)), file=sys.stderr)
    guide = result.guide
    if guide is None and args.watch and os.path.isfile(path):
        return _watch_broken(args, path, result)  # its errors on screen until they are fixed
    if guide is None:
        return 1
    lang = choose_language(args.lang, guide.language)
    fallback = _language_fallback(args, guide, lang)
    replaying = bool(args.answer or args.step)
    replay = _replay(guide, args, lang) if replaying else None
    if replaying and replay is None:
        return 2
    if not args.plain and not _can_draw():
        return _no_terminal(t("cli.no_terminal", lang))
    # The full screen saves the opened walk right after its first paint.
    store = _store(args)
    session = store.open(guide, restart=args.restart or replaying, save_now=args.plain and not replaying)
    if replay is not None:  # a support agent's (or a customer's) walk, opened where it was: a new walk
        answers, step = replay
        session.walker.preset(answers)
        if step:
            session.walker.walk_to(step)
        session.changed()
        session.flush()
    try:
        if args.plain:
            from guide_tui.cli.plain import run_plain

            resume_collector()
            if fallback:
                print(safe_text(fallback))  # it quotes --lang as given
            return run_plain(guide, lang=lang, stdin=sys.stdin, stdout=sys.stdout, session=session)
        from guide_tui.tui.app import GuideApp  # Textual is imported only here

        app = GuideApp(
            guide,
            lang=args.lang,
            session=session,
            store=store,
            theme=args.theme,
            on_first_paint=resume_collector,
            watch=path if args.watch else None,
        )
        return _run(app, fallback)
    finally:
        session.close()


def _watch_broken(args: argparse.Namespace, path: Path, result: LoadResult) -> int:
    """`guide-tui GUIDE --watch` on a file that does not load yet: its errors in the
    full screen, and the walk as soon as it is saved without them."""
    return _full_screen(args, watch=path, first_load=result)


def _replay(guide: Guide, args: argparse.Namespace, lang: str) -> tuple[dict[str, str], str | None] | None:
    """--answer and --step read and tried on a walk of their own first, so that a
    mistake is said (on standard error) before any saved walk is touched: the answers
    and the step, or None."""
    from guide_tui.core.answers import read_given
    from guide_tui.core.text import safe_text
    from guide_tui.core.walker import Walker
    from guide_tui.i18n import Listed, Message

    answers, problems = read_given(guide, args.answer)
    step = args.step
    ids = [s.id for s in guide.steps]
    if step is not None and step not in ids:
        import difflib

        close = difflib.get_close_matches(step, ids, n=1)
        problems.append(
            Message(
                "replay.no_step",
                step=step[:60],
                hint=Message("load.did_you_mean", name=close[0])
                if close
                else Message("replay.step_ids", ids=Listed(ids[:30])),
            )
        )
    if not problems and step is not None:
        trial = Walker(guide)
        trial.preset(answers)
        if not trial.walk_to(step):
            at = trial.step
            needs = at.ask.key if at.ask and at.ask.key not in trial.answered else None
            problems.append(
                Message(
                    "replay.unreachable",
                    step=step,
                    at=at.id,
                    why=Message("replay.needs_answer", key=needs) if needs else "",
                )
            )
    for problem in problems:
        print(safe_text(problem.text(lang)), file=sys.stderr)
    return None if problems else (answers, step)


LONG_GUIDE_BYTES = 64 * 1024  # a guide this large paints its first step before all of it is read


def _long_guide_start(path: Path, args: argparse.Namespace) -> tuple[Guide, bytes] | None:
    """The start of a long guide (its first steps, read and shaped, not checked) when the
    full screen can draw its first step before reading the rest: the file is large, the
    first step neither asks nor jumps, and there is no saved walk to resume (that needs
    all of it).  Else None: the guide is loaded and checked whole first."""
    from guide_tui.core.loader import load_start, read_guide_bytes

    try:
        if os.path.getsize(path) < LONG_GUIDE_BYTES or not _can_draw():
            return None
    except OSError:
        return None
    data = read_guide_bytes(path)
    start = load_start(data, str(path)) if isinstance(data, bytes) else None
    if start is None or len(start.steps) < 2 or start.steps[0].ask or start.steps[0].next:
        return None
    if not args.restart and _store(args).path_for(start.id, start.language).exists():
        return None
    return start, data  # type: ignore[return-value]


def _walk_long(start: tuple[Guide, bytes], args: argparse.Namespace) -> int:
    """Walk a long guide: its first step at once, the rest read and checked right after
    (GuideApp `rest`); its problems are printed when the walk ends, as the loader's are."""
    from guide_tui.core.loader import load_bytes
    from guide_tui.i18n import choose_language
    from guide_tui.tui.app import GuideApp

    guide, data = start
    app = GuideApp(
        guide,
        lang=args.lang,
        store=_store(args),
        theme=args.theme,
        on_first_paint=resume_collector,
        rest=lambda: load_bytes(data, guide.path),
        restart=args.restart,
    )
    code = _run(app, _language_fallback(args, guide, choose_language(args.lang, guide.language)))
    for problem in app.problems:
        print(problem.format(choose_language(args.lang)), file=sys.stderr)
    return code


def _language_fallback(args: argparse.Namespace, guide: Guide, ui_lang: str) -> str | None:
    """A notice when --lang asked for a translation this guide does not have, naming
    the languages it has: beside its file, then in the folders searched by id."""
    from pathlib import Path

    from guide_tui.i18n import Listed, t
    from guide_tui.library.find import find_by_id, same_base_language, search_folders
    from guide_tui.library.scan import split_name

    shown = guide.language
    if not args.lang or same_base_language(shown, args.lang):
        return None
    folders = [Path(guide.path).parent, *search_folders(args.guides)]
    found = {parts[1] for path in find_by_id(guide.id, folders=folders) if (parts := split_name(path))}
    available = sorted(found | {shown})
    return t(
        "library.language_fallback",
        ui_lang,
        wanted=args.lang,
        language=shown,
        available=Listed(available).text(ui_lang),
    )


def _library(args: argparse.Namespace) -> int:
    """`guide-tui` with no guide: the library of every guide found."""
    return _full_screen(args, guide_dirs=tuple(args.guides))


def _full_screen(args: argparse.Namespace, **options: Any) -> int:
    """The full screen with no walk opened here (the library, or --watch on a file
    with errors); 2 without a terminal to draw on."""
    from guide_tui.i18n import choose_language, t

    if not _can_draw():
        return _no_terminal(t("cli.no_terminal", choose_language(args.lang)))
    from guide_tui.tui.app import GuideApp

    return _run(
        GuideApp(lang=args.lang, store=_store(args), theme=args.theme, on_first_paint=resume_collector, **options)
    )


def _run(app: GuideApp, fallback: str | None = None) -> int:
    """Run the full screen, with a notice when --lang asked for a translation the
    guide does not have, and close the walk it ends on (--watch or the library may
    have moved it to another guide's); its exit code (Textual's 1 after a crash,
    which exited 0 before)."""
    if fallback:
        app.call_later(app.say, "language", fallback, "information", 10)
    try:
        app.run()
    finally:
        if app.session is not None:
            app.session.close()
    return app.return_code or 0


def _store(args: argparse.Namespace) -> ProgressStore:
    """The one progress store of this run (--state-dir, else the default folder)."""
    from pathlib import Path

    from guide_tui.progress.store import ProgressStore

    return ProgressStore(Path(args.state_dir) if args.state_dir else None)


def _no_terminal(message: str) -> int:
    """Say why the full screen cannot start (exit status 2): on standard error, and on the
    terminal too when only standard error is redirected (`2>err.log`), where the person
    who typed the command sees nothing else."""
    print(message, file=sys.stderr)
    if sys.stdout.isatty() and not sys.stderr.isatty():
        print(message)
    return 2


def _can_draw() -> bool:
    """True when the full screen can start: a terminal, or textual-serve's web driver.

    Textual reads standard input and draws on standard error, and the walk's own
    lines go to standard output: all three must be the terminal (with `2>err.log`
    the screen was drawn into the file and the terminal looked frozen).

    `guide-tui serve` (textual-serve) runs each browser tab's app with
    TEXTUAL_DRIVER set to Textual's web driver, which speaks its own protocol
    over the piped stdin/stdout instead of drawing on a terminal: no TTY then.
    """
    if os.environ.get("TEXTUAL_DRIVER") == "textual.drivers.web_driver:WebDriver":
        return True
    return sys.stdin.isatty() and sys.stdout.isatty() and sys.stderr.isatty()


if __name__ == "__main__":
    sys.exit(main())
