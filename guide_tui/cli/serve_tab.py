"""One browser tab's walk under `guide-tui serve`, in a private folder the server made for it.

The server (guide_tui/cli/web.py) starts one process per browser tab:

    <python> -m guide_tui.cli.serve_tab [--lang L] --guide PATH --tab-dir DIR

DIR is a folder the server made for this tab alone and removes when the tab
ends.  The walk keeps its progress there (`--state-dir`), and runs with DIR as
its working folder, so nothing a visitor does lands anywhere else on the server
(docs/serve.md says why), and two visitors never share, lock or overwrite each
other's progress.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from guide_tui.cli.main import main as cli_main
from guide_tui.cli.startup import pause_collector, resume_collector

MODULE = "guide_tui.cli.serve_tab"  # run by `guide-tui serve` (commands/serve.py tab_argv, web.py Tab)
# The meta packet a tab writes once its first screen is written: the server starts the
# next waiting tab then (web.py, one tab per core until its first screen).
FIRST_SCREEN: dict[str, object] = {"type": "guide-tui-first-screen"}


def main(argv: list[str] | None = None) -> int:
    """Walk the guide in the tab's private folder."""
    parser = argparse.ArgumentParser(prog=f"python -m {MODULE}")
    parser.add_argument("--lang", metavar="L")
    parser.add_argument("--guide", required=True, metavar="PATH", help="the guide file (an absolute path)")
    parser.add_argument("--tab-dir", required=True, metavar="DIR", help="this tab's own folder, made by the server")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    return walk_tab(args.guide, args.tab_dir, args.lang)


def walk_tab(guide: str, tab_dir: str, lang: str | None = None) -> int:
    """Walk `guide` in the tab's folder `tab_dir` (what main does once it has read its
    arguments, and what a tab forked by the warm starter does at once)."""
    os.chdir(tab_dir)
    from guide_tui.tui.app import GuideApp  # what the walk imports (cli.main): Textual, here a little earlier

    GuideApp.first_screen_meta = FIRST_SCREEN
    GuideApp.served = True  # the help and the palette promise to keep nothing (the tab's folder goes with it)
    # As the `guide-tui` program starts (cli/startup.py): no collection until the first
    # screen is drawn (the walk turns it back on then): a forked tab has the starter's
    # objects frozen, and collecting the thousands it makes meanwhile cost 2-3 ms of its
    # 40 ms of CPU to the first screen.
    state = os.path.join(tab_dir, "state")  # the walk's progress, in the tab's own folder
    pause_collector()
    try:
        return cli_main([guide, "--state-dir", state, *(["--lang", lang] if lang else [])])
    finally:
        resume_collector()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
