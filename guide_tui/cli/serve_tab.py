"""One browser tab's walk under `guide-tui serve`, with progress kept only for the tab's life.

textual-serve starts one process per browser tab (per websocket) by running a
command string in a shell; `guide-tui serve` makes that command

    <python> -m guide_tui.cli.serve_tab --state-root ROOT -- GUIDE [--lang L]

with every part shell-quoted.  This module makes a private folder for the tab
inside ROOT (the server's own temporary folder), walks the guide with
`--state-dir` pointing there, and removes the folder when the tab's app ends.
So two visitors never share, lock or overwrite each other's progress, and
nothing a visitor does is left on the server (docs/serve.md says why).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile

from guide_tui.cli.main import main as cli_main

MODULE = "guide_tui.cli.serve_tab"  # run by `guide-tui serve` (see commands/serve.py, tab_argv)


def main(argv: list[str] | None = None) -> int:
    """Walk the guide named after `--` with a fresh, private state folder."""
    parser = argparse.ArgumentParser(prog=f"python -m {MODULE}")
    parser.add_argument(
        "--state-root", required=True, metavar="DIR", help="the folder in which each tab gets its own state folder"
    )
    parser.add_argument("walk", nargs=argparse.REMAINDER, help="-- then the arguments of `guide-tui`")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    walk = args.walk[1:] if args.walk[:1] == ["--"] else args.walk
    try:
        state_dir = tempfile.mkdtemp(prefix="tab-", dir=args.state_root)
    except OSError:  # the server's folder is gone: a folder of our own still keeps tabs apart
        state_dir = tempfile.mkdtemp(prefix="guide-tui-tab-")
    try:
        return cli_main([*walk, "--state-dir", state_dir])
    finally:
        shutil.rmtree(state_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
