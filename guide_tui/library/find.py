"""One way to find a guide: the folders searched, a guide's files by id, and a GUIDE argument.

Folders are searched in this order, and for one id and language the first file
found wins: the extra folders given (such as `--guides DIR`), each folder in
GUIDE_TUI_PATH, the user's folder (platformdirs' user data dir / "guides"), and
the bundled guides.  Only regular files directly inside a folder are read (not
its subfolders), and names starting with "." are skipped.

Reading a folder's entries is library/scan.py's.

From a checkout the bundled guides are the top-level `guides/` folder; an
installed wheel carries the same files as `guide_tui/_guides/`.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from guide_tui.core.fields import GUIDE_SUFFIXES, SLUG_PATTERN
from guide_tui.library.scan import scan_folder, split_name

TYPE_CHECKING = False
if TYPE_CHECKING:
    from guide_tui.core.model import Guide

ENV_VAR = "GUIDE_TUI_PATH"
DEFAULT_GUIDE = "xiaomi-installment-priority-payment"  # walked by --plain and serve when no GUIDE is given
_HERE = Path(__file__).resolve().parent
_SLUG = re.compile(SLUG_PATTERN)


def bundled_dir() -> Path:
    """The folder of the guides that ship with guide-tui."""
    for candidate in (_HERE.parent / "_guides", _HERE.parent.parent / "guides"):
        if candidate.is_dir():
            return candidate
    return _HERE.parent / "_guides"


def user_guides_dir() -> Path:
    """The user's own guide folder, such as ~/.local/share/guide-tui/guides."""
    import platformdirs

    return Path(platformdirs.user_data_dir("guide-tui")) / "guides"


def search_folders(
    extra_dirs: Iterable[str | os.PathLike[str]] = (),
    environ: Mapping[str, str] | None = None,
    *,
    user_dir: Path | None = None,
    bundled: bool = True,
) -> list[Path]:
    """The folders to search, first wins: extra, GUIDE_TUI_PATH, user, bundled."""
    env = os.environ if environ is None else environ
    folders = [Path(d).expanduser() for d in extra_dirs]
    folders += [Path(d).expanduser() for d in env.get(ENV_VAR, "").split(os.pathsep) if d.strip()]
    folders.append(user_guides_dir() if user_dir is None else user_dir)
    if bundled:
        folders.append(bundled_dir())
    unique: dict[str, Path] = {}
    for folder in folders:
        unique.setdefault(os.path.normcase(os.path.abspath(folder)), folder)
    return list(unique.values())


def guide_files(folder: Path, starting: str = "") -> list[Path]:
    """The regular *.yaml and *.yml files directly in a folder, by name (none if it is
    missing); with `starting`, only those whose names start so (see scan_folder)."""
    return [Path(found) for found in scan_folder(folder, starting=starting) if isinstance(found, str)]


def find_by_id(guide_id: str, language: str | None = None, folders: Iterable[Path] | None = None) -> list[Path]:
    """Files of a guide id, one per language (the first folder that has it wins),
    best first: the wanted language (--lang, else the locale's), then one of the
    same base language (zh finds zh-CN), then the original (see is_original),
    then the rest by name.  Folders default to `search_folders()`."""
    from guide_tui.i18n import locale_language

    want = (language or locale_language() or "").lower()
    by_language: dict[str, Path] = {}
    for folder in search_folders() if folders is None else folders:
        for path in guide_files(folder, starting=f"{guide_id}."):  # `<id>.<language>.yaml`: no other file is it
            parts = split_name(path)
            if parts and parts[0] == guide_id:
                by_language.setdefault(parts[1].lower(), path)
    found: list[tuple[int, str, Path]] = []
    for lang, path in by_language.items():
        rank = 0 if lang == want else 1 if want and same_base_language(lang, want) else 3
        found.append((rank, path.name, path))
    found.sort()
    if found and found[0][0] == 3:
        found.sort(key=lambda f: (0 if is_original(f[2]) else 1, f[1]))
    return [p for _, _, p in found]


def same_base_language(a: str, b: str) -> bool:
    """Two language tags of the same base language: zh-CN and zh-TW, en and en-US (and
    zh_CN, as a locale writes it)."""
    return a.lower().replace("_", "-").split("-")[0] == b.lower().replace("_", "-").split("-")[0]


def resolve(spec: str, language: str | None = None, folders: Iterable[Path] | None = None) -> Path | None:
    """The file a GUIDE argument names: a path (it has a `.yaml`/`.yml` suffix or a
    folder in it), else the id of a guide in the search folders, else an existing
    file of that name.  An id is looked up first, so a stray file in the current
    folder named like a bundled guide's id never stands in for it."""
    path = Path(spec)
    if path.suffix in GUIDE_SUFFIXES or os.sep in spec or "/" in spec:
        return path
    if _SLUG.match(spec):
        found = find_by_id(spec, language, folders)
        if found:
            return found[0]
    return path if path.is_file() else None


def is_original(path: Path) -> bool:
    """A guide file that is the original rather than a translation: its title
    is the title of the source article it was written from."""
    from guide_tui.core.loader import load_file

    guide = load_file(path).guide
    return bool(guide and guide.source and guide.source.title == guide.title)


def reopen_name(guide: Guide, folders: Iterable[Path] | None = None) -> str:
    """How a command names this guide to open it again (the report's replay command):
    its id when the search folders find this very file by it, else the file's absolute
    path (a guide opened from a file elsewhere: its id finds nothing)."""
    if not guide.path:
        return guide.id
    found = find_by_id(guide.id, guide.language, folders)
    here = Path(guide.path)
    if found and found[0].name == here.name and _same_file(found[0], here):
        return guide.id
    return str(here.absolute())


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
