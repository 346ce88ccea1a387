"""The user's remembered choices (such as the theme), in the state folder.

A small JSON file written atomically; a missing, damaged or unwritable file
(or a named pipe, a device, a link at its name: never waited on, never
replaced) just means "no remembered choice". This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from guide_tui.core.atomic import read_regular, write_atomic

NAME = "settings.json"
MAX_BYTES = 64 * 1024


def load_settings(state_dir: Path) -> dict[str, Any]:
    """The saved settings, or {} when there are none or they cannot be read."""
    try:
        data = json.loads(read_regular(state_dir / NAME, MAX_BYTES + 1)[:MAX_BYTES])
    except (OSError, ValueError, RecursionError):  # RecursionError: nested too deep ('[' * 60000)
        return {}
    return data if isinstance(data, dict) else {}


def save_setting(state_dir: Path, key: str, value: Any) -> bool:
    """Remember one setting; False (and nothing changed) if it cannot be written."""
    settings = load_settings(state_dir)
    settings[key] = value
    try:
        os.makedirs(state_dir, mode=0o700, exist_ok=True)
        write_atomic(state_dir / NAME, json.dumps(settings, ensure_ascii=False, indent=1).encode("utf-8"))
    except (OSError, ValueError, RecursionError):  # the other values may be nested too deep to write back
        return False
    return True
