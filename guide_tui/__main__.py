"""`python -m guide_tui`: the same as the `guide-tui` command (guide_tui/cli/main.py)."""

import sys

from guide_tui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
