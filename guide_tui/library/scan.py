"""A folder's guide files, read without opening anything but a regular file.

A named pipe, a device, a broken link or a link loop named like a guide is
reported as an `Unreadable` entry (PATH: what is wrong), and the folder's other
guides are still found.  Opening a named pipe would wait for a writer for ever.

Paths are plain strings here and pathlib is not imported: `validate` and the
translation checks read folders without it (with what it imports, about 3 ms
of start-up).  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from guide_tui.core.fields import GUIDE_SUFFIXES
from guide_tui.i18n import Message


@dataclass(frozen=True)
class Unreadable:
    """An entry named like a guide that is not a regular file that can be read."""

    path: str
    reason: Message  # what is wrong, such as "a named pipe, not a regular file"


def scan_folder(
    folder: str | os.PathLike[str], *, recursive: bool = False, starting: str = ""
) -> Iterator[str | Unreadable]:
    """The *.yaml and *.yml entries of a folder, by name: the path of each regular
    file, and an `Unreadable` for each one that is not, and for a folder that cannot be
    read (nothing if the folder is missing).

    Names starting with "." are skipped.  With `recursive`, subfolders (not links
    to folders) are scanned too, each in its place in the order of names.  With
    `starting` ("my-guide." for one guide's files), only files whose names start so
    are looked at: the others are not even stat'ed (a folder of 50,000 guides took
    0.36 s to find one id in)."""
    for found in scan_folder_stat(folder, recursive=recursive, starting=starting):
        yield found if isinstance(found, Unreadable) else found[0]


def scan_folder_stat(
    folder: str | os.PathLike[str], *, recursive: bool = False, starting: str = ""
) -> Iterator[tuple[str, os.stat_result] | Unreadable]:
    """As `scan_folder`, each file with the `os.stat` it was checked with (its
    target's, for a link): the metadata cache needs it, and need not stat it again."""
    # Names only are kept while the folder is walked in order: a DirEntry keeps the
    # stat it made (about 800 bytes with it), 40 MiB for a folder of 50,000 guides.
    names: list[str] = []
    folders: set[str] = set()  # names of subfolders to go into (with `recursive`)
    try:
        with os.scandir(folder) as it:
            for entry in it:
                name = entry.name
                if name.startswith("."):
                    continue
                if recursive and _is_folder(entry):
                    names.append(name)
                    folders.add(name)
                elif name.endswith(GUIDE_SUFFIXES) and name.startswith(starting):
                    names.append(name)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            # There but not readable (no permission): said, not passed over as if it were
            # empty (`validate` said a folder of broken guides held "1 guide, 0 errors").
            yield Unreadable(os.fspath(folder), Message("scan.folder_unreadable", reason=exc.strerror or str(exc)))
        return  # missing, or not a folder: nothing to list
    names.sort()
    prefix = os.path.join(folder, "")  # the folder and its separator: joined once, not once a file
    for name in names:
        path = prefix + name
        if name in folders:
            yield from scan_folder_stat(path, recursive=True, starting=starting)
            continue
        try:
            info = os.stat(path)  # follows a link: its target must be a regular file
        except OSError as exc:
            yield Unreadable(path, _stat_problem(exc))
            continue
        mode = info.st_mode
        if stat.S_ISREG(mode):
            yield path, info
        elif not stat.S_ISDIR(mode):  # a folder named like a guide is a folder, not a mistake
            yield Unreadable(path, Message("scan.not_regular", kind=Message(f"scan.kind.{_kind(mode)}")))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A subfolder itself, not a link to one."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _stat_problem(exc: OSError) -> Message:
    if exc.errno == errno.ELOOP:
        return Message("scan.link_loop")
    if exc.errno == errno.ENOENT:
        return Message("scan.broken_link")
    return Message("load.cannot_read", reason=exc.strerror or str(exc))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "other"


def split_name(path: str | os.PathLike[str]) -> tuple[str, str] | None:
    """(id, language) from a file named `<id>.<language>.yaml`, else None."""
    stem, suffix = os.path.splitext(os.path.basename(path))
    if suffix not in GUIDE_SUFFIXES:
        return None
    guide_id, dot, language = stem.rpartition(".")
    return (guide_id, language) if dot and guide_id else None
