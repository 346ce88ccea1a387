"""The layers, checked at run time: everything below the TUI imports no Textual or Rich.

import-linter (`make test`, contracts in pyproject.toml) checks the import
statements; this checks what a fresh interpreter really loads, so a lazy import
inside a function is caught too when the command runs it.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import guide_tui
from guide_tui.cli.main import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
XIAOMI = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"
FRAMEWORK = ("textual", "rich")

PROBE = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))))
"""


def below_the_tui() -> list[str]:
    """Every module of guide_tui except the TUI package and `serve`'s web server (the command line included)."""
    names = []
    for info in pkgutil.walk_packages(guide_tui.__path__, "guide_tui."):
        if info.name.startswith("guide_tui.tui") or info.name in (
            "guide_tui.__main__",
            "guide_tui.cli.web",
            "guide_tui.cli.web_tabs",
        ):
            continue  # the TUI; and the web server of `serve` and its tabs, textual-serve's (the `web` extra)
        names.append(info.name)
    return names


def test_every_module_below_the_tui_imports_no_textual_or_rich() -> None:
    names = below_the_tui()
    assert "guide_tui.core.loader" in names and "guide_tui.cli.commands.validate" in names
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(names)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def run_probe(argv: list[str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys, runpy\n"
        "from guide_tui.cli.main import main\n"
        "rc = main(sys.argv[1:])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('FRAMEWORK', bad, file=sys.stderr)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *argv], cwd=ROOT, capture_output=True, text=True, timeout=60, input="q\n"
    )


def test_commands_that_draw_no_screen_load_no_textual(tmp_path: Path) -> None:
    runs = [
        ["validate", "guides/"],
        ["list"],
        ["schema"],
        *(["export", str(XIAOMI), "-f", fmt] for fmt in ("markdown", "text", "html", "json", "howto")),
        ["import", str(ROOT / "tests" / "data" / "import" / "router-reset.en.md"), "-o", str(tmp_path / "out.yaml")],
        ["stats", "--state-dir", str(tmp_path)],
        ["diff", str(XIAOMI), str(XIAOMI.with_name(XIAOMI.name.replace("zh-CN", "en")))],
        ["new", str(tmp_path / "fresh.en.yaml")],
        ["translated", str(XIAOMI.with_name(XIAOMI.name.replace("zh-CN", "en"))), "--from", "nowhere"],
        ["--plain", "--state-dir", str(tmp_path), str(XIAOMI)],
    ]
    assert {r[0] for r in runs if not r[0].startswith("-")} >= set(COMMANDS) - {"report", "serve"}
    for argv in runs:
        proc = run_probe(argv)
        last = proc.stderr.strip().splitlines()[-1]
        assert last == "FRAMEWORK []", (argv, proc.stderr[-2000:])


def test_no_private_name_is_imported_from_another_module() -> None:
    """A leading underscore means "this module's own": another module that needs it
    gets a public name, so the two cannot drift apart unseen."""
    import ast

    found = []
    for path in sorted((ROOT / "guide_tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("guide_tui"):
                found += [
                    f"{path.relative_to(ROOT)}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
            elif isinstance(node, ast.ImportFrom) and node.level:
                found.append(f"{path.relative_to(ROOT)}: relative import of {node.module}")
    assert found == []


def _core_only_run(folder: Path, body: str) -> subprocess.CompletedProcess[str]:
    """pytest, as `make test` runs the core's tests, on two test files beside the core's
    conftest.py: one that imports nothing (it passes), then one with `body`."""
    (folder / "conftest.py").write_text((ROOT / "tests/core/conftest.py").read_text(encoding="utf-8"))
    (folder / "test_a_plain.py").write_text("def test_plain():\n    assert 1 + 1 == 2\n")
    (folder / "test_b_body.py").write_text(body)
    options = ["-p", "no:textual-snapshot", "-p", "no:hypothesispytest", "-p", "no:cacheprovider", "-n", "0"]
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *options, str(folder)],
        cwd=folder,
        env={**os.environ, "GUIDE_TUI_CORE_ONLY": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_make_test_runs_the_core_tests_alone_without_textual() -> None:
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest: check\n", 1)[1].split("\n\n", 1)[0]
    line = " ".join(recipe.replace("\\\n", " ").split())  # one shell line: both runs, and either fails it
    core, rest = line.split("; core=$$?; ")
    assert "GUIDE_TUI_CORE_ONLY=1" in core and "-p no:textual-snapshot tests/core" in core
    assert "--ignore=tests/core" in rest and "GUIDE_TUI_CORE_ONLY" not in rest and rest.endswith("&& exit $$core")


def test_a_core_test_that_imports_textual_fails_by_name(tmp_path: Path) -> None:
    (dirty := tmp_path / "dirty").mkdir()
    proc = _core_only_run(dirty, "def test_b():\n    import textual.app  # noqa: F401\n")
    assert proc.returncode == 1, proc.stdout
    assert "test_b_body.py::test_b imported rich, textual: the core runs without" in proc.stdout
    assert "2 passed, 1 error" in proc.stdout  # its teardown fails it; the plain one before it passed
    (collected := tmp_path / "collected").mkdir()
    proc = _core_only_run(collected, "import rich.text  # noqa: F401\n\ndef test_b():\n    pass\n")
    assert proc.returncode == 1 and "collecting the tests imported rich" in proc.stdout, proc.stdout
