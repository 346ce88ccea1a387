"""Every guide the user can open: found in folders, grouped by id.

    library = discover(extra_dirs=["~/my-guides"])
    library.entries    # one GuideEntry per guide id, with its languages
    library.failures   # LoadResults of files that could not be loaded
    library.shadowed   # files hidden by another file with the same id and language

Folders are searched in this order, and for one id and language the first file
found wins: the extra folders given (such as `--guides DIR`), each folder in
GUIDE_TUI_PATH, the user's folder (platformdirs' user data dir / "guides"), and
the bundled guides.  Only files directly inside a folder are read (not its
subfolders), and names starting with "." are skipped.

Reading a file goes through a `MetaReader` (path -> GuideMeta or LoadResult):
`read_meta` here, or `MetaCache.read` (guide_tui/meta_cache.py), which
remembers unchanged files between runs; or a folder's files at once, through a
`FolderReader`: `MetaCache.read_all` reads those not in the cache on every core.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from guide_tui.library.find import same_base_language, search_folders
from guide_tui.library.scan import Unreadable, scan_folder_stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    # The loader (and YAML) is imported when a file is read, not from the cache: a warm
    # `list` never needs it (about 25 ms of its start-up).
    from guide_tui.core.loader import LoadResult
    from guide_tui.core.model import Guide


class GuideMeta(NamedTuple):
    """What the library needs to know about one guide file.

    A named tuple, not a frozen dataclass: as immutable, and made four times faster
    (a warm `list` of 50,000 guides makes 50,000 of them, 70 ms as a dataclass)."""

    id: str
    language: str
    title: str
    path: str  # as found: a string, not a Path (50,000 of them are made for `list`)
    estimated_minutes: int | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    original: bool = False  # not a translation: its title is its source article's title
    steps: int = 0
    audience: str = "everyone"  # or "authors": a tutorial on writing guides

    @property
    def texts(self) -> tuple[str, ...]:
        """What the filter searches in this file: title, summary, tags (the id is Latin)."""
        return (self.title, self.summary or "", *self.tags)

    @classmethod
    def from_guide(cls, guide: Guide, path: str) -> GuideMeta:
        return cls.of(vars(guide), len(guide.steps), path)

    @classmethod
    def of(cls, values: Mapping[str, Any], steps: int, path: str) -> GuideMeta:
        """From a guide's fields (the loader's `Header.values`, or a Guide's) and its number of steps."""
        source = values.get("source")
        return cls(
            values["id"],
            values.get("language") or "en",
            values["title"],
            path,
            values.get("estimated_minutes"),
            values.get("tags") or (),
            values.get("summary"),
            bool(source and source.title == values["title"]),
            steps,
            values.get("audience") or "everyone",
        )


MetaReader = Callable[[str, "os.stat_result | None"], "GuideMeta | LoadResult"]
# A folder's files (each path with its os.stat) -> what each holds, in order.
FolderReader = Callable[[list[tuple[str, os.stat_result]]], "list[GuideMeta | LoadResult]"]


def read_meta(path: str, info: os.stat_result | None = None) -> GuideMeta | LoadResult:
    """The metadata of a guide file, or a LoadResult with its errors.

    Only the guide's own fields are checked, and its steps counted (load_header):
    a library of thousands of guides is listed in a fraction of the time a full
    check takes.  Opening a guide (or `validate`) checks all of it."""
    from guide_tui.core.loader import LoadResult, load_header, read_guide_bytes
    from guide_tui.core.problems import Problem

    data = read_guide_bytes(path)
    if not isinstance(data, bytes):
        return LoadResult(path, problems=[Problem.of(path, 1, 1, "error", data)])
    header = load_header(data, path)
    if header.values is None:
        return LoadResult(path, problems=header.problems)
    return GuideMeta.of(header.values, header.steps, path)


@dataclass(frozen=True)
class GuideEntry:
    """One guide id, with each language it is available in."""

    id: str
    variants: Mapping[str, GuideMeta]  # language -> metadata: the original first, then by language

    @property
    def languages(self) -> dict[str, str]:
        """language -> file."""
        return {lang: meta.path for lang, meta in self.variants.items()}

    @property
    def first(self) -> GuideMeta:
        return next(iter(self.variants.values()))

    @property
    def title(self) -> str:
        """The title in the guide's first language (see `best_language` for another)."""
        return self.first.title

    @property
    def for_authors(self) -> bool:
        """A tutorial on writing guides, not a guide a person follows to get something done."""
        return self.first.audience == "authors"

    @property
    def estimated_minutes(self) -> int | None:
        return next((m.estimated_minutes for m in self.variants.values() if m.estimated_minutes), None)

    @property
    def tags(self) -> tuple[str, ...]:
        """Every language's tags, each once, so a search finds the guide in any of them."""
        seen: dict[str, None] = {}
        for meta in self.variants.values():
            seen.update(dict.fromkeys(meta.tags))
        return tuple(seen)


@dataclass
class Library:
    """The result of a search: guides, files that failed, files hidden by others."""

    folders: list[Path] = field(default_factory=list)
    entries: list[GuideEntry] = field(default_factory=list)
    failures: list[LoadResult] = field(default_factory=list)
    shadowed: list[tuple[GuideMeta, GuideMeta]] = field(default_factory=list)  # (hidden, kept)
    readings: dict[str, str] = field(default_factory=dict)  # pinyin of the Chinese characters (library/pinyin.py)

    def get(self, guide_id: str) -> GuideEntry | None:
        return next((e for e in self.entries if e.id == guide_id), None)


def discover(
    extra_dirs: Iterable[str | os.PathLike[str]] = (),
    environ: Mapping[str, str] | None = None,
    *,
    user_dir: Path | None = None,
    bundled: bool = True,
    reader: MetaReader = read_meta,
    read_all: FolderReader | None = None,
) -> Library:
    """Every guide in the search folders (see the module docstring for the order)."""
    return scan(search_folders(extra_dirs, environ, user_dir=user_dir, bundled=bundled), reader, read_all)


def scan(folders: Iterable[Path], reader: MetaReader = read_meta, read_all: FolderReader | None = None) -> Library:
    """Read the guides of these folders, in order, and group them by id: each file with
    `reader`, or each folder's files at once with `read_all` when it is given."""
    library = Library(folders=list(folders))
    kept: dict[tuple[str, str], GuideMeta] = {}
    for folder in library.folders:
        found_here = list(scan_folder_stat(folder))
        files = [entry for entry in found_here if not isinstance(entry, Unreadable)]
        read = iter(read_all(files) if read_all else (reader(*file) for file in files))
        for entry in found_here:
            if isinstance(entry, Unreadable):  # a pipe, a link loop: said, never opened
                library.failures.append(unreadable(entry))
                continue
            found = next(read)
            if not isinstance(found, GuideMeta):  # a LoadResult: the file's errors
                library.failures.append(found)
                continue
            key = (found.id, found.language.lower())  # zh-CN and zh-cn are one language
            if key in kept:
                library.shadowed.append((found, kept[key]))
            else:
                kept[key] = found
    by_id: dict[str, dict[str, GuideMeta]] = {}
    for (guide_id, _), meta in sorted(kept.items(), key=lambda kv: (kv[0][0], not kv[1].original, kv[0][1])):
        by_id.setdefault(guide_id, {})[meta.language] = meta
    entries = [GuideEntry(guide_id, variants) for guide_id, variants in by_id.items()]
    # Guides a person follows first, then the tutorials for authors (each group by id).
    library.entries = sorted(entries, key=lambda entry: entry.for_authors)
    return library


def unreadable(entry: Unreadable) -> LoadResult:
    """A scanned entry that is not a readable guide file, as a failure to load it."""
    from guide_tui.core.loader import LoadResult
    from guide_tui.core.problems import Problem

    return LoadResult(entry.path, problems=[Problem.of(entry.path, 1, 1, "error", entry.reason)])


def best_language(entry: GuideEntry, wanted: str | None) -> tuple[str, bool]:
    """The language to open, and whether it is a fallback: `wanted`, else one with
    the same base language (zh-TW finds zh-CN), else the guide's first language
    (True: the caller tells the user that `wanted` is not available)."""
    languages = list(entry.variants)
    if not wanted:
        return languages[0], False
    low = wanted.replace("_", "-").lower()
    for lang in languages:
        if lang.lower() == low:
            return lang, False
    for lang in languages:
        if same_base_language(lang, low):
            return lang, False
    return languages[0], True
