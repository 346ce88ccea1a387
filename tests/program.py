"""guide-tui run as a user runs it: in a process of its own, so that a hang fails the
test (the timeout) instead of stopping the suite, in a plain UTF-8 locale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_program(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """`python -m guide_tui ARGS` in the repository, standard input `stdin` (else none)."""
    return subprocess.run(
        [sys.executable, "-m", "guide_tui", *args],
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})},
    )
