"""The .po catalogs as the tests read them (polib), and tools/po.py, which `make po` runs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).parents[2]


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("po_tool", ROOT / "tools" / "po.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


po_tool = _load_tool()


def _messages(locale: str) -> dict[str, list[str]]:
    """Key -> the message's forms (one, or each plural form) as the .po says, untranslated
    and fuzzy ones left out (the .mo leaves them out too)."""
    return {
        e.msgid: [e.msgstr_plural[i] for i in sorted(e.msgstr_plural)] if e.msgid_plural else [e.msgstr]
        for e in po_tool.read(locale).translated_entries()
    }


MESSAGES = {locale.replace("_", "-"): _messages(locale) for locale in po_tool.locales()}
