"""What a command imports, and what each import costs, from `python -X importtime`.

    python bench/imports.py validate guides/xiaomi-installment-priority-payment.zh-CN.yaml
    python bench/imports.py --walker      # what the full screen imports before it draws

prints the modules with the largest cumulative import time.  The full screen
writes to standard error, as -X importtime does, so `--walker` imports the
modules the walker needs (guide_tui.cli.main, the loader, guide_tui.tui.app) in a
plain interpreter instead of starting it.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WALKER_IMPORTS = "import guide_tui.cli.main, guide_tui.core.loader, guide_tui.tui.app"


@dataclass(frozen=True)
class Import:
    """One line of -X importtime: a module, its own and its cumulative microseconds, its depth."""

    module: str
    self_us: int
    cumulative_us: int
    depth: int


def parse_importtime(stderr: str) -> list[Import]:
    """The `import time:` lines of a -X importtime run, in the order Python wrote them."""
    found: list[Import] = []
    for line in stderr.splitlines():
        parts = line.split("|", 2)
        if not line.startswith("import time:") or len(parts) != 3:
            continue
        try:
            own_us = int(parts[0].split(":", 1)[1])
            cumulative_us = int(parts[1])
        except ValueError:  # the header line: "self [us] | cumulative | imported package"
            continue
        name = parts[2].rstrip()
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        found.append(Import(name.strip(), own_us, cumulative_us, depth))
    return found


def foreign(imports: list[Import], packages: tuple[str, ...] = ("textual", "rich")) -> list[str]:
    """Modules of `packages` among `imports` (a command that draws no screen must have none)."""
    return [i.module for i in imports if i.module.split(".")[0] in packages]


def importtime(python: str, args: list[str], cwd: Path = ROOT) -> list[Import]:
    """Run `python -X importtime ARGS` without a terminal and parse what it imported."""
    done = subprocess.run(
        [python, "-X", "importtime", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return parse_importtime(done.stderr)


def command_imports(python: str, args: list[str], cwd: Path = ROOT) -> list[Import]:
    """What `guide-tui ARGS` imports (for a command that draws no screen)."""
    return importtime(python, ["-m", "guide_tui", *args], cwd)


def top(imports: list[Import], count: int = 25) -> list[Import]:
    """The `count` imports with the largest cumulative time."""
    return sorted(imports, key=lambda i: i.cumulative_us, reverse=True)[:count]


def report(imports: list[Import], count: int = 25) -> str:
    """A short table: total, then the costliest imports."""
    total = sum(i.self_us for i in imports)
    lines = [
        f"{len(imports)} modules, {total / 1000:.1f} ms of import time in all, "
        f"{len(foreign(imports))} of them from Textual or Rich"
    ]
    lines += [
        f"{i.cumulative_us / 1000:8.1f} ms  {i.self_us / 1000:6.1f} ms self  {'  ' * i.depth}{i.module}"
        for i in top(imports, count)
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--walker"]:
        imports = importtime(sys.executable, ["-c", WALKER_IMPORTS])
    else:
        imports = command_imports(sys.executable, argv)
    print(report(imports))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
