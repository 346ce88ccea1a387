"""The product's logic and the authoring commands never import Textual or Rich:
they must stay fast to start and testable on their own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from guide_tui.__main__ import COMMANDS as MAIN_COMMANDS

ROOT = Path(__file__).resolve().parent.parent

CORE = ["model", "loader", "walker", "checks", "yamlsafe", "template", "catalog", "library",
        "i18n", "problems", "schema", "store", "resume", "events", "atomic", "report", "settings",
        "meta_cache", "startup"]
# Every authoring command, registered or planned: none draws a screen.
COMMANDS = sorted({"list_", "validate", "schema", "export", "report", "import_", *MAIN_COMMANDS.values()})

PROBE = """
import importlib, importlib.util, json, sys
core, commands = json.loads(sys.argv[1])
names = [f"guide_tui.{m}" for m in core] + [f"guide_tui.commands.{c}" for c in commands]
imported = []
for name in names:
    if importlib.util.find_spec(name) is not None:  # optional modules may not exist yet
        importlib.import_module(name)
        imported.append(name)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(json.dumps({"imported": imported, "heavy": heavy}))
"""


def test_core_and_commands_import_no_textual_or_rich():
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps([CORE, COMMANDS])],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    required = {f"guide_tui.{m}" for m in CORE} | {f"guide_tui.commands.{c}" for c in MAIN_COMMANDS.values()}
    assert required <= set(result["imported"])
    assert result["heavy"] == []


def test_validate_command_imports_no_textual():
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "guide_tui", "validate", "guides/"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # stderr lines look like: "import time:       412 |        412 |   yaml.error"
    modules = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()
               if line.startswith("import time:") and "|" in line]
    # (importlib.import_module, used for commands, is not timed; the loader under it is)
    assert "guide_tui.loader" in modules
    assert [m for m in modules if m.split(".")[0] in ("textual", "rich")] == []
