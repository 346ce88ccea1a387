"""Where guides are found: the bundled `guides/` folder, by id and language.

From a checkout the bundled guides are the top-level `guides/` folder; an
installed wheel carries the same files as `guide_tui/_guides/`.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from pathlib import Path

from .model import GUIDE_SUFFIXES

_HERE = Path(__file__).resolve().parent


def bundled_dir() -> Path:
    """The folder of the guides that ship with guide-tui."""
    for candidate in (_HERE / "_guides", _HERE.parent / "guides"):
        if candidate.is_dir():
            return candidate
    return _HERE / "_guides"


def split_name(path: Path) -> tuple[str, str] | None:
    """(id, language) from a file named `<id>.<language>.yaml`, else None."""
    if path.suffix not in GUIDE_SUFFIXES:
        return None
    stem, dot, language = path.stem.rpartition(".")
    return (stem, language) if dot and stem else None


def find_by_id(guide_id: str, language: str | None = None, folders: list[Path] | None = None) -> list[Path]:
    """Files of a guide id, best first: the wanted language (--lang, else the
    locale's), then one of the same base language (zh finds zh-CN), then the
    original (see is_original), then the rest by name."""
    from .i18n import locale_language

    want = (language or locale_language() or "").lower()
    found: list[tuple[int, str, Path]] = []
    for folder in folders or [bundled_dir()]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            parts = split_name(path)
            if parts and parts[0] == guide_id:
                lang = parts[1].lower()
                rank = 0 if lang == want else 1 if want and lang.split("-")[0] == want.split("-")[0] else 3
                found.append((rank, path.name, path))
    found.sort()
    if found and found[0][0] == 3:
        found.sort(key=lambda f: (0 if is_original(f[2]) else 1, f[1]))
    return [p for _, _, p in found]


def is_original(path: Path) -> bool:
    """A guide file that is the original rather than a translation: its title
    is the title of the source article it was written from."""
    from .loader import load_file

    guide = load_file(path).guide
    return bool(guide and guide.source and guide.source.title == guide.title)
