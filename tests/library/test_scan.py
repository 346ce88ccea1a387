"""Scanning a folder opens only regular files: a named pipe or a link loop named like a
guide is reported (PATH: what is wrong) and every other guide is still found."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from guide_tui.core.loader import load_file
from guide_tui.library.discover import scan
from guide_tui.library.find import guide_files
from guide_tui.library.scan import Unreadable, scan_folder
from tests.program import run_program

ROOT = Path(__file__).resolve().parents[2]
GUIDE = "format: 1\nid: {id}\nlanguage: en\ntitle: {title}\nsteps:\n  - title: Only step\n    body: Do it.\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two good guides, a named pipe and a link loop, all named like guides."""
    guides = tmp_path / "guides"
    guides.mkdir()
    (guides / "alpha.en.yaml").write_text(GUIDE.format(id="alpha", title="Alpha"), encoding="utf-8")
    (guides / "beta.en.yaml").write_text(GUIDE.format(id="beta", title="Beta"), encoding="utf-8")
    os.mkfifo(guides / "pipe.en.yaml")
    os.symlink("zz.yaml", guides / "zz.yaml")  # a link to itself: stat fails with ELOOP
    os.symlink("gone.en.yaml", guides / "broken.en.yaml")
    return guides


def test_scan_yields_regular_files_and_says_what_is_wrong_with_the_rest(folder: Path) -> None:
    found = list(scan_folder(folder))
    assert [Path(f).name for f in found if isinstance(f, str)] == ["alpha.en.yaml", "beta.en.yaml"]
    bad = {Path(f.path).name: f.reason.text("en") for f in found if isinstance(f, Unreadable)}
    assert bad == {
        "broken.en.yaml": "a symbolic link to a file that does not exist: skipped",
        "pipe.en.yaml": "this is a named pipe, not a guide file: skipped",
        "zz.yaml": "a symbolic link that leads back to itself (a loop): skipped",
    }
    assert [p.name for p in guide_files(folder)] == ["alpha.en.yaml", "beta.en.yaml"]


def test_the_library_lists_the_folder_and_counts_each_unreadable_entry(folder: Path) -> None:
    library = scan([folder])
    assert [entry.id for entry in library.entries] == ["alpha", "beta"]
    assert sorted(Path(f.path).name for f in library.failures) == ["broken.en.yaml", "pipe.en.yaml", "zz.yaml"]
    assert all(f.errors for f in library.failures)


def test_list_shows_the_other_guides_and_reports_the_loop_and_the_pipe(folder: Path, tmp_path: Path) -> None:
    done = run_program("list", "--guides", str(folder), env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert done.returncode == 1  # something could not be read: said, and the exit status says so
    ids = [line.split()[0] for line in done.stdout.splitlines()[1:]]
    assert "alpha" in ids and "beta" in ids
    assert f"{folder / 'zz.yaml'}:1:1: error: a symbolic link that leads back to itself" in done.stderr
    assert f"{folder / 'pipe.en.yaml'}:1:1: error: this is a named pipe" in done.stderr


def test_validate_a_folder_with_a_named_pipe_ends_and_checks_the_rest(folder: Path) -> None:
    done = run_program("validate", str(folder))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert f"{folder / 'pipe.en.yaml'}:1:1: error: this is a named pipe, not a guide file: skipped" in lines
    assert any(line.startswith(f"{folder / 'zz.yaml'}:1:1: error: a symbolic link") for line in lines)
    assert lines[-1] == "5 guides, 3 errors, 0 warnings"


def test_validate_a_named_pipe_given_by_name_ends_with_an_error(folder: Path) -> None:
    done = run_program("validate", str(folder / "pipe.en.yaml"))
    assert done.returncode == 1
    assert f"{folder / 'pipe.en.yaml'}:1:1: error: not a regular file" in done.stdout


def test_the_loader_refuses_a_device_without_reading_it() -> None:
    result = load_file("/dev/zero")  # a read would never end
    assert [p.message for p in result.errors] == ["not a regular file: only a guide file is read"]


def test_a_folder_that_cannot_be_read_is_an_error_not_an_empty_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A subfolder without read permission was passed over as if empty: `validate tree`
    said "1 guide, 0 errors" with a broken guide in it, and `validate pd` said "no guide
    files in the folder pd". (As root permissions are not checked: the refusal is made here.)"""
    from guide_tui.cli.main import main

    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "alpha.en.yaml").write_text(GUIDE.format(id="alpha", title="Alpha"), encoding="utf-8")
    (tree / "sub" / "bad.en.yaml").write_text("format: 1\nid: bad\nstepz: []\n", encoding="utf-8")
    shut = {str(tree / "sub"), str(tmp_path / "pd")}
    (tmp_path / "pd").mkdir()
    scandir = os.scandir

    def refusing(path: str | os.PathLike[str] = ".") -> object:
        if os.fspath(path).rstrip("/") in shut:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    assert main(["validate", str(tree)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{tree / 'sub'}:1:1: error: cannot read this folder (Permission denied): the guides in it, if any, are left out",
        "1 guide, 1 error, 0 warnings",
    ]
    assert main(["validate", str(tmp_path / "pd")]) == 1
    assert "pd:1:1: error: cannot read this folder (Permission denied)" in capsys.readouterr().out
    library = scan([tmp_path / "pd", tree])
    assert [entry.id for entry in library.entries] == ["alpha"]
    assert [Path(f.path).name for f in library.failures] == ["pd"]
    assert list(scan_folder(tmp_path / "missing")) == []  # a folder that is not there: nothing to say


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="permissions as Linux has them")
def test_a_guide_in_a_folder_that_cannot_be_entered_is_not_called_missing(tmp_path: Path) -> None:
    """`validate pd/base.en.yaml`, pd without permission, said "no such file or folder"."""
    import shutil

    pd = tmp_path / "pd"
    pd.mkdir()
    (pd / "base.en.yaml").write_text(GUIDE.format(id="base", title="Base"), encoding="utf-8")
    argv = [sys.executable, "-m", "guide_tui", "validate", str(pd / "base.en.yaml")]
    if os.geteuid() == 0:  # root reads anything: without the capabilities that allow it
        if shutil.which("capsh") is None:
            pytest.skip("as root, capsh is needed to drop the permission to read any folder")
        argv = ["capsh", "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", shlex.join(argv)]
    pd.chmod(0)
    try:
        done = subprocess.run(
            argv, cwd=ROOT, capture_output=True, text=True, timeout=60, env=os.environ | {"LC_ALL": "C.UTF-8"}
        )
    finally:
        pd.chmod(0o700)
    assert done.returncode == 1, done
    assert f"{pd / 'base.en.yaml'}:1:1: error: cannot read the file: Permission denied" in done.stdout
