"""Where guides are found: the bundled `guides/` folder, by id and language.

From a checkout the bundled guides are the top-level `guides/` folder; an
installed wheel carries the same files as `guide_tui/_guides/`.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def bundled_dir() -> Path:
    """The folder of the guides that ship with guide-tui."""
    for candidate in (_HERE / "_guides", _HERE.parent / "guides"):
        if candidate.is_dir():
            return candidate
    return _HERE / "_guides"


def split_name(path: Path) -> tuple[str, str] | None:
    """(id, language) from a file named `<id>.<language>.yaml`, else None."""
    if path.suffix not in (".yaml", ".yml"):
        return None
    stem, dot, language = path.stem.rpartition(".")
    return (stem, language) if dot and stem else None


def find_by_id(guide_id: str, language: str | None = None, folders: list[Path] | None = None) -> list[Path]:
    """Files of a guide id, the wanted language first, then the others by name."""
    found: list[tuple[int, str, Path]] = []
    for folder in folders or [bundled_dir()]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            parts = split_name(path)
            if parts and parts[0] == guide_id:
                rank = 0 if language and parts[1].lower() == language.lower() else 1
                found.append((rank, path.name, path))
    return [p for _, _, p in sorted(found)]
