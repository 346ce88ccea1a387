"""A named pipe (or another file that is not a regular one) where the program keeps a
file of its own: never waited on, never replaced, taken as no file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.program import run_program

ROOT = Path(__file__).resolve().parents[2]
GUIDE = str(ROOT / "guides" / "write-your-first-guide.en.yaml")


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, cwd=ROOT)


def test_a_pipe_as_the_event_log_neither_hangs_the_walk_nor_stats(tmp_path: Path) -> None:
    """Appending opened events.jsonl O_WRONLY without O_NONBLOCK: a FIFO there waited for a reader for ever."""
    state = tmp_path / "sd"
    state.mkdir()
    os.mkfifo(state / "events.jsonl")
    walked = run_program("--plain", "--state-dir", str(state), GUIDE, stdin="n\nq\n", timeout=30)
    assert walked.returncode == 0, walked.stderr
    assert "Traceback" not in walked.stderr
    stats = run_program("stats", "--state-dir", str(state), timeout=30)
    assert "Traceback" not in stats.stderr
    assert stat.S_ISFIFO(os.lstat(state / "events.jsonl").st_mode)  # left as it was


def test_a_pipe_as_the_settings_is_no_settings_and_is_kept(tmp_path: Path) -> None:
    """settings.json was read with open(): a FIFO there hung the full screen before its first paint."""
    os.mkfifo(tmp_path / "settings.json")
    done = python(
        "from pathlib import Path; from guide_tui.progress.settings import load_settings, save_setting; "
        f"p = Path({str(tmp_path)!r}); print(load_settings(p), save_setting(p, 'theme', 'x'))"
    )
    assert done.stdout.split() == ["{}", "False"], done.stderr
    assert stat.S_ISFIFO(os.lstat(tmp_path / "settings.json").st_mode)


def test_a_pipe_as_the_library_cache_does_not_hang_list(tmp_path: Path) -> None:
    """library.json: getsize said 0, then read_bytes waited for a writer for ever."""
    cache = tmp_path / "cache" / "guide-tui"
    cache.mkdir(parents=True)
    os.mkfifo(cache / "library.json")
    listed = run_program("list", env={"XDG_CACHE_HOME": str(tmp_path / "cache")}, timeout=30)
    assert listed.returncode == 0, listed.stderr
    assert "write-your-first-guide" in listed.stdout
    assert stat.S_ISFIFO(os.lstat(cache / "library.json").st_mode)


def test_read_regular_refuses_a_pipe_a_folder_and_a_link_at_once(tmp_path: Path) -> None:
    from guide_tui.core.atomic import NotAFile, read_regular

    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_bytes(b"12345")
    (tmp_path / "link").symlink_to(tmp_path / "file")
    for name in ("pipe", "folder"):
        with pytest.raises(NotAFile):
            read_regular(tmp_path / name, 10)
    with pytest.raises(OSError):
        read_regular(tmp_path / "link", 10)
    assert read_regular(tmp_path / "file", 3) == b"123"
