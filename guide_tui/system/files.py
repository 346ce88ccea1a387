"""Where a file for the person goes: their documents folder, and a new file there.

A saved report, or text that could not be put on the clipboard, goes to the
user's documents folder (else downloads, else home), never to the folder
guide-tui was started from, which may be a checkout, and never over a file
that is there.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from pathlib import Path


def documents_folder() -> Path:
    """The user's documents folder, else downloads, else home."""
    import platformdirs  # only when a file is written

    for folder in (platformdirs.user_documents_path(), platformdirs.user_downloads_path()):
        if folder.is_dir():
            return folder
    return Path.home()


def save_new(text: str, folder: Path, name: str) -> Path:
    """Write text to a new file `name` in folder ("name-1.ext", "name-2.ext"... when
    it is taken: never over an existing file); its full path."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    for n in range(100):
        candidate = name if not n else f"{stem}-{n}{dot}{ext}"
        path = folder / candidate
        try:
            with open(path, "x", encoding="utf-8") as fh:
                fh.write(text)
            return path.resolve()
        except FileExistsError:
            continue
    raise FileExistsError(path)
