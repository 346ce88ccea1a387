"""Reading many guide files on every core: `list` with a cold metadata cache.

    results = read_metas(paths)   # read_meta of each path, in order

A guide's header takes a fraction of a millisecond to read (discover.read_meta),
so a folder of thousands read on one core was most of the time `list` took the
first time (docs/performance.md, figure 9).  From
POOL_FROM files on, a pool of worker processes, one per core, reads them in
chunks and sends back only each file's metadata or problems, in order.

How the workers start: forked, so they start with everything imported, in
milliseconds; and only from a process with one thread (the `list` command).  A
process with other threads must not fork (a lock another thread held stays held
in the child), and the library, which reads in a thread of the Textual app, reads
in that thread: workers started from a server process (forkserver) cost 0.1 s
before the first file, and multiprocessing cannot start its resource tracker
under Textual, whose stderr has no file descriptor.

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import gc
import os
import threading

TYPE_CHECKING = False
if TYPE_CHECKING:
    from guide_tui.core.loader import LoadResult
    from guide_tui.library.discover import GuideMeta

POOL_FROM = 256  # fewer files are read in this process: starting the workers would cost more
CHUNK = 64  # files handed to a worker at a time: fewer, larger messages between the processes


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def read_metas(paths: list[str], jobs: int | None = None) -> list[GuideMeta | LoadResult]:
    """`read_meta` of each path, in order: in forked worker processes (`jobs`, else one
    per core) when there are enough files for them to pay and this process may fork."""
    import multiprocessing

    from guide_tui.library.discover import read_meta  # here: `validate` asks for cores() alone

    workers = min(jobs or cores(), len(paths) // CHUNK + 1)
    alone = threading.active_count() == 1
    if workers <= 1 or len(paths) < POOL_FROM or not alone or "fork" not in multiprocessing.get_all_start_methods():
        return [read_meta(path) for path in paths]
    # A caller may have paused the cyclic collector (`list` does, for what it keeps); the
    # workers keep nothing, and without it their memory grows with every file they read.
    with multiprocessing.get_context("fork").Pool(workers, initializer=gc.enable) as pool:
        return pool.map(read_meta, paths, chunksize=CHUNK)
