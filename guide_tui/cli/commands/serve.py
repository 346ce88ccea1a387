"""Serve the full-screen walk to web browsers; each browser tab walks on its own.

Open the address it prints in a browser.  It listens on this computer only
(127.0.0.1) unless --host says otherwise; anyone who can reach a non-loopback
address can open the guide, with no password.  Every tab runs its own walk,
whose progress lasts only as long as the tab (docs/serve.md).  The page loads
nothing from other hosts, so it works with no internet.  Needs the optional
textual-serve package: pip install 'guide-tui[web]'.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any

EXAMPLE = "guide-tui serve guides/my.en.yaml --port 8000"
INSTALL_HINT = "pip install 'guide-tui[web]'"
PAGE_DIR = Path(__file__).resolve().parent.parent / "serve_page"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from guide_tui.i18n import cli_language, t

    lang = cli_language()
    parser.add_argument("guide", nargs="?", metavar="GUIDE", help=t("cli.serve.opt.guide", lang))
    parser.add_argument("--host", default="127.0.0.1", help=t("cli.serve.opt.host", lang))
    parser.add_argument("--port", type=_port, default=8000, help=t("cli.serve.opt.port", lang))
    parser.add_argument("--lang", metavar="L", help=t("cli.serve.opt.lang", lang))


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {text!r}")
    return port


def is_loopback(host: str) -> bool:
    """True for an address only this computer can reach: localhost, 127.0.0.0/8, ::1."""
    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:  # another host name: it may resolve to anything
        return False


def tab_command(guide: Path, lang: str | None, state_root: Path) -> str:
    """The shell command textual-serve runs for each tab, every part quoted.

    textual-serve passes this string to a shell, so a guide path with spaces,
    quotes or `$(...)` must reach the app as one plain argument."""
    return " ".join(shlex.quote(part) for part in tab_argv(sys.executable, guide, lang, state_root))


TAB_MODULE = "guide_tui.cli.serve_tab"


def tab_argv(python: str, guide: Path, lang: str | None, state_root: Path) -> list[str]:
    """The argv of one tab's process (guide_tui/cli/serve_tab.py)."""
    argv = [python, "-m", TAB_MODULE, "--state-root", str(state_root), "--", str(guide)]
    return argv + (["--lang", lang] if lang else [])


def url_for(host: str, port: int) -> str:
    """The address to open in a browser for a listening host and port."""
    shown = host.strip("[]")
    if shown in ("0.0.0.0", "::", ""):
        shown = "127.0.0.1" if shown == "0.0.0.0" else "::1"
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def run(args: argparse.Namespace) -> int:
    from guide_tui.cli.commands import load_argument
    from guide_tui.core.problems import safe_text
    from guide_tui.i18n import choose_language, cli_language, t

    said = cli_language(args.lang)
    try:
        from textual_serve.server import Server
    except ImportError:
        print(f"guide-tui serve: {t('cli.serve.needs_extra', said, hint=INSTALL_HINT)}", file=sys.stderr)
        return 2

    # checked once here, so errors show now rather than in every tab
    from guide_tui.library.find import DEFAULT_GUIDE

    guide, code = load_argument(args.guide or DEFAULT_GUIDE, args.lang, "guide-tui serve")
    if guide is None:
        return code
    if not is_loopback(args.host):
        print(f"guide-tui serve: {t('cli.serve.not_loopback', said, host=safe_text(args.host))}", file=sys.stderr)
    lang = choose_language(args.lang, guide.language)
    state_root = Path(tempfile.mkdtemp(prefix="guide-tui-serve-"))
    try:
        server = make_server(
            Server,
            command=tab_command(Path(guide.path).resolve(), args.lang, state_root),
            host=args.host,
            port=args.port,
            title=guide.title,
            lang=lang,
        )
        return serve(server, said)
    finally:
        shutil.rmtree(state_root, ignore_errors=True)


def serve(server: Any, lang: str = "en") -> int:
    """Run the server until Ctrl+C or SIGTERM; 2 if it cannot listen."""
    from guide_tui.i18n import t

    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not this computer's
        print(
            f"guide-tui serve: {t('cli.serve.cannot_listen', lang, host=server.host, port=server.port, reason=exc.strerror or exc)}",
            file=sys.stderr,
        )
        return 2
    return 0


def make_server(server_class: type, *, command: str, host: str, port: int, title: str, lang: str) -> Any:
    """A textual-serve Server that shows guide-tui's own page (see serve_page/app_index.html)."""
    from guide_tui.core.problems import safe_text
    from guide_tui.i18n import t

    class GuideServer(server_class):  # type: ignore[misc]
        async def _make_app(self) -> Any:
            import aiohttp_jinja2

            app = await super()._make_app()
            aiohttp_jinja2.get_env(app).globals.update(
                page_title=title,
                page_lang=lang,
                page_start=t("serve.start", lang),
                page_ended=t("serve.ended", lang),
                page_restart=t("serve.restart", lang),
                page_click_to_type=t("serve.click_to_type", lang),
            )
            return app

        async def on_startup(self, app: Any) -> None:
            """Nothing: textual-serve's banner shows the whole command line, and comes before listening."""

        def serve(self, debug: bool = False) -> None:
            """textual-serve's serve(), announcing the address only once it is listening."""
            import asyncio

            from aiohttp import web

            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                try:
                    loop.add_signal_handler(sig, self.request_exit)
                except (NotImplementedError, RuntimeError):  # pragma: no cover - not on this platform
                    pass
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=lambda *_: print(
                    f"guide-tui serve: {safe_text(title)} at {url_for(host, port)}  (Ctrl+C stops)", flush=True
                ),
            )

    return GuideServer(command, host=host, port=port, title=title, templates_path=PAGE_DIR)
