"""Writing a file so that a crash at any moment leaves the old file or the new one.

A unique temporary file in the same folder, flushed and fsynced, then
`os.replace`d over the target, then the folder fsynced.  Only a regular file
(or a link, which is replaced, never written through) is ever replaced: a
device, a named pipe, a socket or a folder at the target is refused
(`NotAFile`), so `-o /dev/null` never turns the device into a file.

Reading a file the program keeps (settings, the event log, the library's cache,
saved progress) goes through `open_regular`/`read_regular`: opened without
waiting and without following a link, then checked, so a named pipe planted at
its name is refused at once instead of hanging the program.  This module
imports nothing from Textual or Rich.
"""

from __future__ import annotations

import errno
import os
import stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class NotAFile(OSError):
    """The target is there and is not a regular file: a device, a named pipe, a socket or a folder."""


def not_a_file(path: str | os.PathLike[str]) -> bool:
    """Whether something other than a regular file or a link is at `path` (which
    write_atomic would refuse); False when nothing is there or it cannot be seen."""
    try:
        mode = os.lstat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISLNK(mode))


def open_regular(path: str | os.PathLike[str], flags: int = os.O_RDONLY, mode: int = 0o600) -> int:
    """A file descriptor on the regular file at `path`, opened with `flags` (O_WRONLY |
    O_APPEND | O_CREAT to append).  Never waits (a named pipe with no writer, or no
    reader, would block for ever) and never follows a link (OSError ELOOP); raises
    NotAFile, closing it, when what was opened is a pipe, device, socket or folder."""
    fd = os.open(path, flags | _NONBLOCK | _NOFOLLOW | _CLOEXEC, mode)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFile(errno.EEXIST, "not a regular file", str(path))
        if _NONBLOCK:  # a regular file never blocks; clear it so reads and writes are as usual
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """Up to `limit` bytes of the regular file at `path` (open_regular: OSError, NotAFile
    for a pipe, device, socket or folder, never a wait)."""
    with os.fdopen(open_regular(path), "rb") as fh:
        return fh.read(limit)


def write_atomic(path: Path, data: bytes, *, private: bool = True) -> None:
    """Replace `path` with `data`; raises OSError (its temporary file removed) if any part fails.

    private: the file is readable by the user only (0600), as saved progress
    must be; otherwise it gets the usual mode for a new file (0666 less the umask).
    Raises NotAFile, writing nothing, when a device, named pipe, socket or folder is
    at `path`: renaming over it would replace it with a regular file.
    """
    import tempfile  # only when writing: kept off the start-up path

    if not_a_file(path):
        is_dir = os.path.isdir(path)
        code = errno.EISDIR if is_dir else errno.EEXIST
        raise NotAFile(code, os.strerror(code) if is_dir else "not a regular file", str(path))

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
