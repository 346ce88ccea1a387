"""library/pool.py: a cold folder read on every core by `list`, in order, as one core reads it."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from guide_tui.library import discover, pool
from guide_tui.library.discover import GuideMeta, read_meta


def _folder(tmp_path: Path, count: int) -> list[str]:
    """`count` guides, every tenth of them broken."""
    paths = []
    for n in range(count):
        path = tmp_path / f"g{n:04d}.en.yaml"
        body = "steps: [oops" if n % 10 == 3 else "steps:\n  - title: Only\n    body: Do it.\n"
        path.write_text(f"format: 1\nid: g{n:04d}\nlanguage: en\ntitle: Guide {n}\n{body}", encoding="utf-8")
        paths.append(str(path))
    return paths


def where_read(path: str) -> tuple[str, int]:
    """A stand-in for read_meta: the path, and the process that read it."""
    return path, os.getpid()


def test_many_files_are_read_in_worker_processes_in_order(tmp_path, monkeypatch) -> None:
    paths = _folder(tmp_path, pool.POOL_FROM + 44)
    assert pool.read_metas(paths, jobs=2) == [read_meta(path) for path in paths]  # metadata and problems alike
    monkeypatch.setattr(discover, "read_meta", where_read)  # what read_metas reads with
    read = pool.read_metas(paths, jobs=2)
    assert [path for path, _ in read] == paths
    assert os.getpid() not in {pid for _, pid in read}


def test_a_few_files_or_a_process_with_threads_read_here(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(discover, "read_meta", where_read)  # what read_metas reads with
    few = _folder(tmp_path, 5)
    assert {pid for _, pid in pool.read_metas(few, jobs=2)} == {os.getpid()}
    many = [few[0]] * (pool.POOL_FROM * 2)
    found: list[tuple[str, int]] = []
    reader = threading.Thread(target=lambda: found.extend(pool.read_metas(many, jobs=2)))  # as the library reads
    reader.start()
    reader.join()
    assert len(found) == len(many) and {pid for _, pid in found} == {os.getpid()}  # no fork beside other threads


@pytest.mark.parametrize("cached", [0, 100])
def test_the_cache_reads_only_what_it_lacks_and_keeps_it(tmp_path, cached) -> None:
    from guide_tui.library.meta_cache import MetaCache

    paths = _folder(tmp_path, pool.POOL_FROM + 100)
    cache_file = tmp_path / "cache" / "library.json"
    first = MetaCache(cache_file)
    first.read_all([(path, os.stat(path)) for path in paths[:cached]])
    first.save()
    cache = MetaCache(cache_file)
    found = cache.read_all([(path, os.stat(path)) for path in paths])
    assert found == [read_meta(path) for path in paths]
    assert cache.hits == len([p for p in paths[:cached] if isinstance(read_meta(p), GuideMeta)])
    cache.save()
    again = MetaCache(cache_file)
    again.read_all([(path, os.stat(path)) for path in paths])
    assert again.hits == sum(isinstance(read_meta(path), GuideMeta) for path in paths)  # all but the broken
