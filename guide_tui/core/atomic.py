"""Writing a file so that a crash at any moment leaves the old file or the new one.

A unique temporary file in the same folder, flushed and fsynced, then
`os.replace`d over the target, then the folder fsynced.  This module imports
nothing from Textual or Rich.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def write_atomic(path: Path, data: bytes, *, private: bool = True) -> None:
    """Replace `path` with `data`; raises OSError (its temporary file removed) if any part fails.

    private: the file is readable by the user only (0600), as saved progress
    must be; otherwise it gets the usual mode for a new file (0666 less the umask).
    """
    import tempfile  # only when writing: kept off the start-up path

    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)  # 0600, O_EXCL
    try:
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)  # renames over a planted link, never writes through it
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY | _CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(dir_fd)  # the rename itself survives a power cut
    except OSError:
        pass  # some file systems cannot fsync a folder
    finally:
        os.close(dir_fd)
