"""`guide-tui serve`: the full-screen walk served to web browsers (textual-serve).

What it does, as `--help` tells users, is `cli.serve.about` in the catalogs
(guide_tui/i18n/locale/), in every language.
"""

from __future__ import annotations

import argparse
import ipaddress
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXAMPLE = "guide-tui serve guides/my.en.yaml --port 8000"
INSTALL_HINT = "pip install 'guide-tui[web]'"
PAGE_DIR = Path(__file__).resolve().parent.parent / "serve_page"


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    from guide_tui.i18n import t

    parser.add_argument("guide", nargs="?", metavar="GUIDE", help=t("cli.serve.opt.guide", lang))
    parser.add_argument("--host", default="127.0.0.1", help=t("cli.serve.opt.host", lang))
    parser.add_argument("--port", type=_port, default=8000, help=t("cli.serve.opt.port", lang))
    parser.add_argument("--lang", metavar="L", help=t("cli.serve.opt.lang", lang))
    parser.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="URL",
        help=t("cli.serve.opt.allow_origin", lang),
    )
    parser.add_argument("--max-tabs", type=_tabs, default=16, metavar="N", help=t("cli.serve.opt.max_tabs", lang))


def _whole(text: str, low: int, high: int, what: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise argparse.ArgumentTypeError(f"not a {what} ({low}-{high}): {text!r}")
    return number


def _port(text: str) -> int:
    return _whole(text, 1, 65535, "port number")


def _tabs(text: str) -> int:
    return _whole(text, 1, 1000, "number of tabs")


def is_loopback(host: str) -> bool:
    """True for an address only this computer can reach: localhost, 127.0.0.0/8, ::1."""
    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:  # another host name: it may resolve to anything
        return False


TAB_MODULE = "guide_tui.cli.serve_tab"


def tab_argv(python: str, guide: Path, lang: str | None) -> list[str]:
    """The argv of one tab's process (guide_tui/cli/serve_tab.py); the server adds `--tab-dir`."""
    return [python, "-m", TAB_MODULE, *(["--lang", lang] if lang else []), "--guide", str(guide)]


def starter_argv(python: str, guide: Path, lang: str | None) -> list[str]:
    """The argv of the warm process that forks each tab (guide_tui/cli/serve_fork.py);
    the server adds `--control FD`."""
    return [python, "-m", "guide_tui.cli.serve_fork", *(["--lang", lang] if lang else []), "--guide", str(guide)]


def url_for(host: str, port: int) -> str:
    """The address to open in a browser for a listening host and port."""
    shown = host.strip("[]")
    if shown in ("0.0.0.0", "::", ""):
        shown = "127.0.0.1" if shown == "0.0.0.0" else "::1"
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def run(args: argparse.Namespace) -> int:
    from guide_tui.cli.commands import load_argument
    from guide_tui.core.text import safe_text
    from guide_tui.i18n import choose_language, t
    from guide_tui.library.find import DEFAULT_GUIDE

    said = choose_language(args.lang)
    try:
        import textual_serve.server  # noqa: F401 - the `web` extra: present, or say how to install it
    except ImportError:
        print(f"guide-tui serve: {t('cli.serve.needs_extra', said, hint=INSTALL_HINT)}", file=sys.stderr)
        return 2
    # checked once here, so errors show now rather than in every tab
    guide, code = load_argument(args.guide or DEFAULT_GUIDE, args.lang, "guide-tui serve")
    if guide is None:
        return code
    if not is_loopback(args.host):
        print(f"guide-tui serve: {t('cli.serve.not_loopback', said, host=safe_text(args.host))}", file=sys.stderr)
    lang = choose_language(args.lang, guide.language)
    state_root = Path(tempfile.mkdtemp(prefix="guide-tui-serve-"))
    address = url_for(args.host, args.port)

    def announce() -> None:
        print(f"guide-tui serve: {safe_text(guide.title)} at {address}  (Ctrl+C stops)", flush=True)

    try:
        server = make_server(
            Path(guide.path).resolve(),
            title=guide.title,
            lang=lang,
            requested_lang=args.lang,
            host=args.host,
            port=args.port,
            state_root=state_root,
            announce=announce,
            allow_origins=args.allow_origin,
            max_tabs=args.max_tabs,
        )
        return serve(server, said)
    finally:
        shutil.rmtree(state_root, ignore_errors=True)


def make_server(
    guide: Path,
    *,
    title: str,
    lang: str,
    requested_lang: str | None,
    host: str,
    port: int,
    state_root: Path,
    announce: Callable[[], None] = lambda: None,
    allow_origins: list[str] | None = None,
    max_tabs: int = 16,
    argv: list[str] | None = None,
) -> Any:
    """The server (guide_tui/cli/web.py) for one guide, its page in the guide's language.
    `argv` replaces the tab's command (tests)."""
    from guide_tui.cli import web
    from guide_tui.i18n import t

    return web.GuideServer(
        argv or tab_argv(sys.executable, guide, requested_lang),
        starter=None if argv else starter_argv(sys.executable, guide, requested_lang),
        state_root=state_root,
        host=host,
        port=port,
        title=title,
        page={
            "page_title": title,
            "page_lang": lang,
            "page_start": t("serve.start", lang),
            "page_ended": t("serve.ended", lang),
            "page_restart": t("serve.restart", lang),
            "page_busy": t("serve.busy", lang),
            "page_click_to_type": t("serve.click_to_type", lang),
        },
        templates_path=PAGE_DIR,
        announce=announce,
        allow_origins=allow_origins or [],
        max_tabs=max_tabs,
    )


def serve(server: Any, lang: str = "en") -> int:
    """Run the server until Ctrl+C or SIGTERM; 2 if it cannot listen."""
    from guide_tui.i18n import t

    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this computer's
        reason = exc.strerror or exc
        print(
            f"guide-tui serve: {t('cli.serve.cannot_listen', lang, host=server.host, port=server.port, reason=reason)}",
            file=sys.stderr,
        )
        return 2
    return 0
