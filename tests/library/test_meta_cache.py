"""The library's metadata cache: used while a file is unchanged, never trusted beyond that."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guide_tui.core.loader import LoadResult
from guide_tui.library import meta_cache
from guide_tui.library.discover import GuideMeta, read_meta, scan
from guide_tui.library.meta_cache import MetaCache


def guide_yaml(n: int, title: str | None = None) -> str:
    return (
        f"format: 1\nid: guide-{n}\nlanguage: en\ntitle: {title or f'Guide {n}'}\n"
        "tags: [one, two]\nestimated_minutes: 3\nsummary: |\n  Two lines\n  of summary.\n"
        "steps:\n  - title: Only step\n    body: Do it.\n"
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    guides = tmp_path / "guides"
    guides.mkdir()
    for n in range(3):
        (guides / f"guide-{n}.en.yaml").write_text(guide_yaml(n), encoding="utf-8")
    return guides


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "library.json"


def titles(folder: Path, cache: MetaCache) -> list[str]:
    return [entry.title for entry in scan([folder], cache.read).entries]


def test_a_second_scan_is_answered_from_the_cache_with_the_same_metadata(folder, cache_file) -> None:
    first = MetaCache(cache_file)
    assert titles(folder, first) == ["Guide 0", "Guide 1", "Guide 2"]
    assert first.hits == 0
    first.save()
    second = MetaCache(cache_file)
    for path in sorted(map(str, folder.iterdir())):
        assert second.read(path) == read_meta(path)  # every field, the path included
    assert second.hits == 3


def test_a_changed_file_is_read_again(folder, cache_file) -> None:
    cache = MetaCache(cache_file)
    titles(folder, cache)
    cache.save()
    (folder / "guide-1.en.yaml").write_text(guide_yaml(1, "Guide 1 renamed"), encoding="utf-8")
    again = MetaCache(cache_file)
    assert titles(folder, again) == ["Guide 0", "Guide 1 renamed", "Guide 2"]
    assert again.hits == 2


def test_a_file_with_errors_is_never_cached(folder, cache_file) -> None:
    (folder / "broken.en.yaml").write_text("format: 1\nid: [\n", encoding="utf-8")
    for _ in range(2):
        cache = MetaCache(cache_file)
        found = cache.read(str(folder / "broken.en.yaml"))
        assert isinstance(found, LoadResult) and found.errors
        cache.save()
    saved = json.loads(cache_file.read_text(encoding="utf-8")) if cache_file.exists() else {"files": {}}
    assert not any(key.endswith("broken.en.yaml") for key in saved["files"])


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"\xff\xfe garbage",
        b"[1, 2]",
        b'{"format": 1, "version": "0.0.0-other", "files": {}}',
        b'{"format": 99, "files": {}}',
        b'{"format": 1, "files": []}',
        b"[" * 100_000,
    ],
)
def test_a_damaged_cache_is_ignored_and_replaced(folder, cache_file, damage) -> None:
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(damage)
    cache = MetaCache(cache_file)
    assert titles(folder, cache) == ["Guide 0", "Guide 1", "Guide 2"]
    assert cache.hits == 0
    cache.save()
    path = str(folder / "guide-0.en.yaml")
    assert MetaCache(cache_file).read(path) == read_meta(path)


def test_a_cache_too_large_is_not_read(folder, cache_file, monkeypatch) -> None:
    cache = MetaCache(cache_file)
    titles(folder, cache)
    cache.save()
    monkeypatch.setattr(meta_cache, "MAX_CACHE_BYTES", cache_file.stat().st_size - 1)
    again = MetaCache(cache_file)
    titles(folder, again)
    assert again.hits == 0


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", "Evil\x1b]0;owned\x07"),
        ("title", "line\nbreak"),
        ("title", "\u202eesrever"),
        ("title", "\ufe0fstray selector"),  # printable, but drawn as nothing: refused as the loader does
        ("tags", ["ok", "\u3164"]),  # a Hangul filler: printable, invisible
        ("title", ""),
        ("summary", "bell\x07"),
        ("tags", ["ok", "\x9b31m"]),
        ("tags", "not a list"),
        ("steps", -1),
        ("steps", True),
        ("estimated_minutes", "3"),
        ("original", 1),
        ("id", None),
    ],
)
def test_an_entry_a_guide_could_not_hold_is_read_from_the_file_again(folder, cache_file, field, value) -> None:
    cache = MetaCache(cache_file)
    titles(folder, cache)
    cache.save()
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    key = os.path.abspath(folder / "guide-0.en.yaml")
    data["files"][key]["meta"][field] = value
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    again = MetaCache(cache_file)
    path = str(folder / "guide-0.en.yaml")
    assert again.read(path) == read_meta(path)
    assert again.hits == 0


def test_entries_of_deleted_files_are_dropped_and_other_folders_kept(folder, tmp_path, cache_file) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "guide-9.en.yaml").write_text(guide_yaml(9), encoding="utf-8")
    cache = MetaCache(cache_file)
    scan([folder, other], cache.read)
    cache.save()
    (folder / "guide-2.en.yaml").unlink()
    only_first = MetaCache(cache_file)
    scan([folder], only_first.read)  # another command, one folder
    only_first.save()
    files = json.loads(cache_file.read_text(encoding="utf-8"))["files"]
    names = sorted(Path(key).name for key in files)
    assert names == ["guide-0.en.yaml", "guide-1.en.yaml", "guide-9.en.yaml"]


def test_nothing_is_written_when_nothing_changed(folder, cache_file, monkeypatch) -> None:
    cache = MetaCache(cache_file)
    titles(folder, cache)
    cache.save()
    writes: list[Path] = []
    monkeypatch.setattr(meta_cache, "write_atomic", lambda path, data: writes.append(path))
    again = MetaCache(cache_file)
    titles(folder, again)
    again.save()
    assert again.hits == 3 and writes == []


def test_a_cache_that_cannot_be_written_only_costs_speed(folder, tmp_path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    cache = MetaCache(blocker / "library.json")
    assert titles(folder, cache) == ["Guide 0", "Guide 1", "Guide 2"]
    cache.save()  # no exception
    assert blocker.read_text(encoding="utf-8") == "x"


def test_list_command_fills_the_cache_in_the_user_cache_folder(folder, capsys) -> None:
    from guide_tui.cli.main import main

    assert main(["list", "--guides", str(folder)]) == 0
    assert "Guide 1" in capsys.readouterr().out
    files = json.loads(meta_cache.default_path().read_text(encoding="utf-8"))["files"]
    assert os.path.abspath(folder / "guide-1.en.yaml") in files
    assert meta_cache.default_path().is_relative_to(Path(os.environ["XDG_CACHE_HOME"]))


def test_cached_metadata_is_a_guide_meta_with_this_path(folder, cache_file) -> None:
    cache = MetaCache(cache_file)
    titles(folder, cache)
    cache.save()
    path = str(folder / "guide-2.en.yaml")
    found = MetaCache(cache_file).read(path)
    assert isinstance(found, GuideMeta) and found.path == path
    assert found.summary == "Two lines\nof summary.\n" and found.tags == ("one", "two")


def test_guides_for_everyone_come_before_the_tutorials_for_authors(tmp_path, cache_file) -> None:
    """The order the library and `list` show, also when answered from the cache."""
    for name, audience in (("a-tutorial", "authors"), ("b-guide", None), ("c-guide", "everyone")):
        line = f"audience: {audience}\n" if audience else ""
        text = f"format: 1\nid: {name}\ntitle: {name}\n{line}steps:\n  - title: One\n    body: Do it.\n"
        (tmp_path / f"{name}.en.yaml").write_text(text, encoding="utf-8")
    for _ in range(2):  # read, then from the cache
        cache = MetaCache(cache_file)
        library = scan([tmp_path], reader=cache.read)
        cache.save()
        assert [e.id for e in library.entries] == ["b-guide", "c-guide", "a-tutorial"]
        assert library.entries[-1].for_authors


def test_a_warm_list_reads_no_guide_file_and_imports_neither_the_loader_nor_yaml(folder: Path, tmp_path: Path) -> None:
    """The loader and YAML are imported only to read a file the cache does not answer
    for: a warm `list` of a large library starts without them (about 25 ms)."""
    script = (
        "import sys\n"
        "from guide_tui.cli.main import main\n"
        "code = main(['list', '--guides', sys.argv[1]])\n"
        "print('LOADED' if {'yaml', 'guide_tui.core.loader'} & sys.modules.keys() else 'NOT-LOADED', file=sys.stderr)\n"
    )
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    runs = [
        subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True, env=env, timeout=60)
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout and "guide-1" in runs[0].stdout
    assert runs[0].stderr.split()[-1] == "LOADED"  # cold: every file read
    assert runs[1].stderr.split()[-1] == "NOT-LOADED"  # warm: the cache answers for all


def test_a_file_named_from_another_folder_or_relatively_is_the_same_entry(folder, cache_file, monkeypatch) -> None:
    cache = MetaCache(cache_file)
    titles(folder, cache)
    cache.save()
    for cwd, name in [
        (folder, "guide-1.en.yaml"),
        (folder.parent, "guides/guide-1.en.yaml"),
        (folder, "./guide-1.en.yaml"),
    ]:
        monkeypatch.chdir(cwd)
        again = MetaCache(cache_file)
        found = again.read(name)
        assert isinstance(found, GuideMeta) and found.path == name and found.title == "Guide 1"
        assert again.hits == 1, name


def test_an_entry_whose_keys_are_not_in_the_order_written_is_read_again(folder, cache_file) -> None:
    cache = MetaCache(cache_file)
    titles(folder, cache)
    cache.save()
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    key = os.path.abspath(folder / "guide-0.en.yaml")
    data["files"][key]["meta"] = dict(reversed(data["files"][key]["meta"].items()))
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    again = MetaCache(cache_file)
    assert titles(folder, again) == ["Guide 0", "Guide 1", "Guide 2"]
    assert again.hits == 2
