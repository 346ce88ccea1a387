"""Copying (guide_tui/system/clipboard.py), without a screen: a fake clipboard tool on
PATH, none at all, a terminal known to take OSC 52 and one known not to."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from guide_tui.system.clipboard import copy_text, terminal_copies, usable_tools
from guide_tui.system.files import save_new

TEXT = "小米官方客服热线 400-100-5678\n⚠ 实际电话号码可能会有所不同"


def fake_tool(folder: Path, name: str, status: int = 0) -> Path:
    """A clipboard command that writes what it reads, and its arguments, beside itself."""
    script = folder / name
    script.write_text(
        "#!/bin/sh\n"
        f'{shutil.which("cat")} > "{folder}/{name}.got"\n'
        f'echo "$@" > "{folder}/{name}.args"\n'
        f"exit {status}\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


class Terminal:
    """Stands in for Textual's App.copy_to_clipboard (OSC 52)."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def __call__(self, text: str) -> None:
        self.sent.append(text)


@pytest.fixture()
def bin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    return folder


@pytest.mark.skipif(os.name != "posix", reason="the fake tool is a shell script")
@pytest.mark.parametrize(
    ("tool", "env", "args"),
    [
        ("xclip", {"DISPLAY": ":0"}, "-selection clipboard -in"),
        ("wl-copy", {"WAYLAND_DISPLAY": "wayland-0"}, ""),
        ("pbcopy", {}, ""),
        ("xsel", {"DISPLAY": ":1"}, "--clipboard --input"),
    ],
)
def test_a_system_tool_on_path_copies_and_is_named(
    bin_dir: Path, tmp_path: Path, tool: str, env: dict[str, str], args: str
) -> None:
    fake_tool(bin_dir, tool)
    terminal = Terminal()
    copied = copy_text(
        TEXT,
        name="n.txt",
        terminal=terminal,
        env={"PATH": str(bin_dir), "TERM": "xterm-256color", **env},
        folder=lambda: tmp_path,
    )
    assert copied.way == tool and copied.path is None
    assert (bin_dir / f"{tool}.got").read_text(encoding="utf-8") == TEXT  # UTF-8, whole
    assert (bin_dir / f"{tool}.args").read_text(encoding="utf-8").strip() == args
    assert terminal.sent == [TEXT]  # the terminal is tried too: over SSH only it reaches the person
    assert copied.said("en") == f"Copied (with {tool})." and copied.said("zh-CN") == f"已复制（使用 {tool}）。"
    assert not list(tmp_path.glob("*.txt"))


@pytest.mark.skipif(os.name != "posix", reason="the fake tool is a shell script")
def test_clip_gets_utf16_with_a_byte_order_mark(bin_dir: Path, tmp_path: Path) -> None:
    fake_tool(bin_dir, "clip.exe")  # WSL: Windows' clip.exe
    copied = copy_text(TEXT, name="n.txt", env={"PATH": str(bin_dir)}, folder=lambda: tmp_path)
    assert copied.way == "clip"
    assert (bin_dir / "clip.exe.got").read_bytes().decode("utf-16") == TEXT


@pytest.mark.skipif(os.name != "posix", reason="the fake tool is a shell script")
def test_a_tool_that_fails_is_passed_over(bin_dir: Path, tmp_path: Path) -> None:
    fake_tool(bin_dir, "xclip", status=1)  # "Can't open display"
    fake_tool(bin_dir, "xsel")
    copied = copy_text(TEXT, name="n.txt", env={"PATH": str(bin_dir), "DISPLAY": ":0"}, folder=lambda: tmp_path)
    assert copied.way == "xsel"


@pytest.mark.skipif(os.name != "posix", reason="the fake tool is a shell script")
def test_tools_that_need_a_display_or_the_local_machine_are_not_used_without_them(bin_dir: Path) -> None:
    for tool in ("xclip", "wl-copy", "pbcopy", "clip"):
        fake_tool(bin_dir, tool)
    path = str(bin_dir)
    assert [t.name for t, _ in usable_tools({"PATH": path})] == ["pbcopy", "clip"]
    assert [t.name for t, _ in usable_tools({"PATH": path, "DISPLAY": ":0"})] == ["pbcopy", "xclip", "clip"]
    # over SSH a tool copies on the far machine: only a forwarded display reaches the person
    ssh = {"PATH": path, "SSH_CONNECTION": "10.0.0.1 50000 10.0.0.2 22"}
    assert usable_tools(ssh) == []
    assert [t.name for t, _ in usable_tools({**ssh, "DISPLAY": "localhost:10.0"})] == ["xclip"]


def test_with_no_tool_and_an_unknown_terminal_the_text_is_saved_and_the_path_said(
    bin_dir: Path, tmp_path: Path
) -> None:
    terminal = Terminal()
    env = {"PATH": str(bin_dir), "TERM": "xterm-256color", "DISPLAY": ":0"}
    copied = copy_text(TEXT, name="guide-tui-number.txt", terminal=terminal, env=env, folder=lambda: tmp_path)
    assert terminal.sent == [TEXT]
    assert copied.way == "file" and copied.path == (tmp_path / "guide-tui-number.txt").resolve()
    assert copied.path.read_text(encoding="utf-8") == TEXT
    assert str(copied.path) in copied.said("en") and str(copied.path) in copied.said("zh-CN")
    again = copy_text(TEXT, name="guide-tui-number.txt", env=env, folder=lambda: tmp_path)
    assert again.path == (tmp_path / "guide-tui-number-1.txt").resolve()  # never over the first


@pytest.mark.parametrize(
    ("env", "known"),
    [
        ({"TERM_PROGRAM": "Apple_Terminal", "TERM": "xterm-256color"}, False),  # macOS Terminal.app
        ({"VTE_VERSION": "7600", "TERM": "xterm-256color"}, False),  # GNOME Terminal, Tilix…
        ({"TERM": "linux"}, False),
        ({"TERM": "xterm-kitty"}, True),
        ({"TERM": "xterm-256color", "WT_SESSION": "x"}, True),  # Windows Terminal
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, True),
        ({"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"}, None),
        ({"TERM": "xterm-256color"}, None),
    ],
)
def test_which_terminals_are_known_to_copy(env: dict[str, str], known: bool | None) -> None:
    assert terminal_copies(env) is known


def test_a_terminal_known_to_copy_is_trusted_and_terminal_app_is_not(bin_dir: Path, tmp_path: Path) -> None:
    kitty = copy_text(
        TEXT,
        name="n.txt",
        terminal=Terminal(),
        env={"PATH": str(bin_dir), "TERM": "xterm-kitty"},
        folder=lambda: tmp_path,
    )
    assert kitty.way == "terminal" and kitty.said("en") == "Copied (through the terminal)."
    apple = {"PATH": str(bin_dir), "TERM": "xterm-256color", "TERM_PROGRAM": "Apple_Terminal"}
    assert copy_text(TEXT, name="n.txt", terminal=Terminal(), env=apple, folder=lambda: tmp_path).way == "file"


def test_in_a_browser_the_terminal_copy_is_the_browsers(bin_dir: Path, tmp_path: Path) -> None:
    fake_tool(bin_dir, "xclip")
    terminal = Terminal()
    env = {"PATH": str(bin_dir), "DISPLAY": ":0"}
    copied = copy_text(TEXT, name="n.txt", terminal=terminal, browser=True, env=env, folder=lambda: tmp_path)
    assert copied.way == "browser" and terminal.sent == [TEXT]
    assert not (bin_dir / "xclip.got").exists()  # the server's clipboard is not the visitor's


def test_a_folder_that_cannot_be_written_is_said(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    copied = copy_text(TEXT, name="n.txt", env={"PATH": str(tmp_path)}, folder=lambda: missing)
    assert copied.way == "file" and copied.path is None and copied.error
    assert copied.said("en").startswith("Could not copy or save:")


def test_save_new_never_overwrites(tmp_path: Path) -> None:
    first = save_new("a", tmp_path, "report.md")
    second = save_new("b", tmp_path, "report.md")
    assert (first.name, second.name) == ("report.md", "report-1.md")
    assert first.read_text(encoding="utf-8") == "a"
