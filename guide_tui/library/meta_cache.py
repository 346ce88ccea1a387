"""The library's metadata cache: what each guide file says about itself, kept between runs.

The library reads every guide file in its folders to list them. With a
thousand guides that took most of a second, and most of it was the loader
checking files that had not changed since the last time. This cache keeps
each file's `GuideMeta` under its absolute path, and uses it again while the
file's size, modification time, change time and inode are all the same.
The file's `stat` is taken before it is read, so a file changed while it
was being read is read again next time.

- What is cached is what the library shows: each guide's own fields and how
  many steps it has (discover.read_meta reads only that, not a full check).
- The pinyin readings of the Chinese characters in the titles, summaries and
  tags (library/pinyin.py) are found when the library first caches a guide
  (`add_readings`) and kept in the same file, one table for every guide, so
  the filter can match "xmfq" without importing pypinyin at start-up.
- Files that fail to load are never cached: they are read every time, so
  their errors are always current.
- The cache is one JSON file in the user cache folder (platformdirs, such as
  ~/.cache/guide-tui/library.json). It is written atomically, and only after a
  scan that changed it.
- A cache that cannot be read, is damaged, is too large, or was written by
  another version of guide-tui (whose checks may differ) is ignored and then
  replaced. An entry of the wrong shape, or with text a guide could not hold
  (control or invisible characters), is read from its file again. A cache
  that cannot be written is skipped: it only costs speed.

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from guide_tui import __version__
from guide_tui.core.atomic import read_regular, write_atomic
from guide_tui.core.fields import AUDIENCES
from guide_tui.core.text import first_control, hidden_at, is_safe_text
from guide_tui.library.discover import GuideMeta, read_meta
from guide_tui.library.pinyin import is_han

TYPE_CHECKING = False
if TYPE_CHECKING:
    from guide_tui.core.loader import LoadResult

CACHE_FORMAT = 3  # 2: with each guide's audience; 3: header only (no warnings), pinyin readings
MAX_CACHE_BYTES = 32 * 1024 * 1024  # a larger file is not read (about 100,000 guides)
MAX_ENTRIES = 50_000  # files remembered; beyond this the cache starts again from one scan


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("guide-tui")) / "library.json"


class MetaCache:
    """A reader for `library.scan`/`discover` that remembers what it read: `read`, one
    file (a `MetaReader`), or `read_all`, a folder's files (a `FolderReader`).

    cache = MetaCache()
    library = discover(dirs, read_all=cache.read_all)
    cache.save()
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.readings: dict[str, str] = {}  # Chinese character -> its pinyin readings ("zhong chong")
        self._entries = self._load()
        self._read: dict[str, dict[str, object]] = {}  # this run's entries, by absolute path
        self._changed = False
        self._folders: dict[str, str] = {}  # a folder as given -> absolute (each with its separator)
        self.hits = 0  # files answered from the cache in this run

    def _load(self) -> dict[str, object]:
        try:  # never waits: a named pipe at its name is refused (and never replaced) as damaged
            raw = read_regular(self.path, MAX_CACHE_BYTES + 1)
            if len(raw) > MAX_CACHE_BYTES:
                return {}
            data = json.loads(raw)
        except (OSError, ValueError, RecursionError):  # missing, unreadable or damaged: start afresh
            return {}
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("version") != __version__:
            return {}
        files = data.get("files")
        if not isinstance(files, dict):
            return {}
        table = data.get("readings")
        if not (isinstance(table, dict) and all(_reading_ok(char, words) for char, words in table.items())):
            return {}  # the guides' readings are lost: read them all again
        self.readings = table
        return files

    def read(self, path: str, info: os.stat_result | None = None) -> GuideMeta | LoadResult:
        """The metadata of a guide file: from the cache while the file is unchanged, else
        read.  `info`: its `os.stat` when the caller has just made it (a folder scan)."""
        if info is None:
            try:
                info = os.stat(path)
            except OSError:  # gone or unreadable: the loader says so
                return read_meta(path)
        return self.read_all([(path, info)])[0]

    def read_all(self, files: Sequence[tuple[str, os.stat_result]]) -> list[GuideMeta | LoadResult]:
        """`read` of each file (path, its `os.stat`), in order; the files not in the cache
        are read together, on every core when there are many (library/pool.py)."""
        found: list[GuideMeta | LoadResult | None] = []
        missed: list[tuple[int, str, list[int]]] = []  # (place in found, key, stamp)
        entries, folders, sep = self._entries, self._folders, os.sep
        for path, info in files:
            # The key is the folder's absolute path, found once a folder (abspath is a tenth
            # of a warm `list`), and the name; split in C: os.path.split and join are another.
            cut = path.rfind(sep) + 1
            folder = path[:cut]
            absolute = folders.get(folder)
            if absolute is None:
                absolute = folders[folder] = os.path.join(os.path.abspath(folder or "."), "")
            key = absolute + path[cut:]
            stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
            entry = entries.get(key)
            meta = None
            if type(entry) is dict and entry.get("stamp") == stamp:
                meta = _meta_from(entry.get("meta"), path)
                if meta is not None:
                    self._read[key] = entry
            if meta is None:
                missed.append((len(found), key, stamp))
            found.append(meta)
        self.hits += len(found) - len(missed)
        if missed:
            from guide_tui.library.pool import read_metas

            read = read_metas([files[place][0] for place, _, _ in missed])
            for (place, key, stamp), result in zip(missed, read, strict=True):
                if isinstance(result, GuideMeta):
                    self._read[key] = {"stamp": stamp, "meta": _meta_to(result)}
                    self._changed = True
                found[place] = result
        return found  # type: ignore[return-value]  # every None was replaced

    def add_readings(self, found: dict[str, str]) -> None:
        """Remember more characters' pinyin readings (saved with the next `save`)."""
        if found.keys() - self.readings.keys():
            self.readings.update(found)
            self._changed = True

    def save(self) -> None:
        """Write the cache if this run changed it: the files read now, and earlier
        entries for files that still exist (another folder, another command)."""
        kept = {key: entry for key, entry in self._entries.items() if key not in self._read}
        gone = [key for key in kept if not os.path.exists(key)]
        if not self._changed and not gone:
            return
        for key in gone:
            del kept[key]
        files = {**kept, **self._read}
        if len(files) > MAX_ENTRIES:
            files = dict(self._read)
        data = {"format": CACHE_FORMAT, "version": __version__, "readings": self.readings, "files": files}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError:  # read-only or full disk: the cache only saves time
            return
        self._entries, self._read, self._changed = files, {}, False


# A cache entry's "meta": its keys in this order, as _meta_to writes them.
_META_KEYS = ("id", "language", "title", "estimated_minutes", "tags", "summary", "original", "steps", "audience")


def _meta_to(meta: GuideMeta) -> dict[str, object]:
    return {
        "id": meta.id,
        "language": meta.language,
        "title": meta.title,
        "estimated_minutes": meta.estimated_minutes,
        "tags": list(meta.tags),
        "summary": meta.summary,
        "original": meta.original,
        "steps": meta.steps,
        "audience": meta.audience,
    }


def _meta_from(data: object, path: str) -> GuideMeta | None:
    """A GuideMeta from a cache entry, or None if the entry is not what this module writes."""
    # Keys checked in one step and values unpacked in one (nine lookups are a tenth of a warm `list`).
    if type(data) is not dict or tuple(data) != _META_KEYS:
        return None
    guide_id, language, title, minutes, tags, summary, original, steps, audience = data.values()
    if not (
        type(guide_id) is str
        and type(language) is str
        and type(title) is str
        and guide_id
        and language
        and title
        and type(tags) is list
        and all(type(tag) is str for tag in tags)
        and (summary is None or type(summary) is str)
        and _texts_clean([guide_id, language, title, *tags], summary)
        and (minutes is None or _count(minutes))
        and _count(steps)
        and type(original) is bool
        and audience in AUDIENCES
    ):
        return None
    return GuideMeta(guide_id, language, title, path, minutes, tuple(tags), summary, original, steps, audience)


def _reading_ok(char: object, words: object) -> bool:
    """A pinyin table entry as this module writes it: a Chinese character, and lower-case
    Latin words separated by single spaces."""
    return (
        isinstance(char, str)
        and len(char) == 1
        and is_han(char)
        and isinstance(words, str)
        and 0 < len(words) < 200
        and all(word.isascii() and word.isalpha() and word.islower() for word in words.split(" "))
    )


def _texts_clean(lines: list[str], summary: str | None) -> bool:
    """Whether one-line texts and a summary are text a guide can hold: all at once when
    all are printable (most are: no newline either), each alone only if not."""
    return is_safe_text("".join([*lines, summary or ""])) or (
        all(_clean(text, one_line=True) for text in lines) and (summary is None or _clean(summary, one_line=False))
    )


def _count(value: object) -> bool:
    return type(value) is int and 0 <= value < 10**9


def _clean(text: str, *, one_line: bool) -> bool:
    """True for text a guide can hold (core/text.py, as the loader checks): no control
    or invisible characters, and in one line no newline."""
    if is_safe_text(text):  # fast: most texts
        return True
    return not (one_line and "\n" in text) and first_control(text) is None and hidden_at(text) is None
