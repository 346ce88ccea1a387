"""-o of the commands that write a file (schema, export, import): what they write over, and what never."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from guide_tui.cli.main import main
from guide_tui.core import schema

ROOT = Path(__file__).resolve().parents[2]
GUIDE = str(ROOT / "guides" / "write-your-first-guide.en.yaml")

pytestmark = pytest.mark.usefixtures("english_messages")


def commands(tmp_path: Path) -> dict[str, list[str]]:
    """Each command's words before `-o OUT`."""
    article = tmp_path / "tea.md"
    article.write_text("# Make tea\n\n1. Boil water.\n2. Pour it on the leaves.\n", encoding="utf-8")
    return {"schema": ["schema"], "export": ["export", GUIDE], "import": ["import", str(article)]}


def specials(tmp_path: Path) -> list[Path]:
    """A named pipe, a socket, a folder, and a device when this user may make one."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock.md"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    sock.close()  # the socket file stays
    folder = tmp_path / "folder.md"
    folder.mkdir()
    found = [fifo, sock_path, folder]
    try:
        os.mknod(tmp_path / "dnull.md", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        found.append(tmp_path / "dnull.md")
    except (PermissionError, OSError):
        pass  # not root: the others stand for it
    return found


@pytest.mark.parametrize("command", ["schema", "export", "import"])
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_device_pipe_socket_or_folder_is_never_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, force: list[str]
) -> None:
    """The atomic write renamed a file over whatever was there: `export -o dnull.md --force`
    turned the device into a regular file (as root, `-o /dev/null` destroyed the device)."""
    argv = commands(tmp_path)[command]
    for target in specials(tmp_path):
        before = os.lstat(target)
        assert main([*argv, "-o", str(target), *force]) == 2, target
        err = capsys.readouterr().err
        assert f"{target} is a device, a named pipe, a socket or a folder" in err, err
        assert "nothing was written" in err and "-o -" in err
        after = os.lstat(target)
        assert (stat.S_IFMT(after.st_mode), after.st_ino) == (stat.S_IFMT(before.st_mode), before.st_ino)
    assert not list(tmp_path.glob(".*.tmp"))


def test_write_atomic_itself_refuses_them(tmp_path: Path) -> None:
    """The one check every writer goes through (new, translated, the caches and settings too)."""
    from guide_tui.core.atomic import NotAFile, write_atomic

    for target in specials(tmp_path):
        with pytest.raises(NotAFile):
            write_atomic(target, b"x", private=False)
        assert not stat.S_ISREG(os.lstat(target).st_mode)
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "pipe.md")
    write_atomic(link, b"x")  # a link is replaced, never written through
    assert link.read_bytes() == b"x" and stat.S_ISFIFO(os.lstat(tmp_path / "pipe.md").st_mode)


@pytest.mark.parametrize("command", ["schema", "export", "import"])
def test_dash_is_standard_output_and_an_empty_name_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """`export -o -` and `import -o -` wrote a file called "-"; `-o ''` wrote to standard output."""
    monkeypatch.chdir(tmp_path)
    argv = commands(tmp_path)[command]
    assert main([*argv, "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out and not (tmp_path / "-").exists()
    assert main([*argv]) == 0
    assert capsys.readouterr().out == out
    with pytest.raises(SystemExit) as exc:
        main([*argv, "-o", ""])
    assert exc.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "the file name is empty" in captured.err


def test_schema_replaces_an_existing_file_only_with_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`schema -o existing.json` overwrote it silently, unlike export and import."""
    target = tmp_path / "existing.json"
    target.write_text("mine\n", encoding="utf-8")
    assert main(["schema", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "already exists; nothing was written" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert main(["schema", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == schema.render()
