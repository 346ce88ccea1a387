"""--lang for a translation a guide does not have: the walk opens in the language it
has and says so, in the screen's notice area, for a guide of any size."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.tui.test_hangup import XIAOMI, _plain, gone_within, start_in_a_terminal

# The notice, in the guide's language: "本指南没有 fr 版本，现以 zh-CN 显示（可用语言：en、zh-CN）",
# looked for in two parts (a frame may draw a line in more than one piece).
SAID = ("本指南没有 fr 版本".encode(), "可用语言：en、zh-CN".encode())  # the languages beside the file


def long_copy(folder: Path) -> Path:
    """The Xiaomi guide with 1,500 more steps after its first: over 64 KiB, so the
    walker paints step 1 before reading the rest."""
    text = XIAOMI.read_text(encoding="utf-8")
    more = "".join(f"  - id: more-{i}\n    title: 第 {i} 个补充步骤\n    body: 补充说明。\n\n" for i in range(1500))
    head, rest = text.split("  - id: my-orders\n", 1)
    path = folder / XIAOMI.name
    path.write_text(head + more + "  - id: my-orders\n" + rest, encoding="utf-8")
    assert path.stat().st_size > 64 * 1024
    return path


@pytest.mark.parametrize("size", ["short", "long"])
def test_a_missing_translation_is_said_in_the_notices(tmp_path: Path, size: str) -> None:
    guide = XIAOMI if size == "short" else long_copy(tmp_path)
    env = {
        **os.environ,
        "LANG": "C.UTF-8",
        **{f"XDG_{n}_HOME": str(tmp_path / n.lower()) for n in ("DATA", "STATE", "CONFIG", "CACHE")},
    }
    env.pop("LC_ALL", None)
    argv = [sys.executable, "-m", "guide_tui", "--lang", "fr", str(guide), "--state-dir", str(tmp_path / "state")]
    proc, master = start_in_a_terminal(argv, env)  # a walk of its own: the shared test state may hold another
    # What came before the first step's title was read by start_in_a_terminal: a new
    # width makes every line, notices and all, be drawn again (a new height alone redraws
    # only what moved: the terminal keeps the rest).
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 90, 0, 0))
    seen = b""
    deadline = time.monotonic() + 10
    try:
        while not all(part in _plain(seen) for part in SAID) and time.monotonic() < deadline:
            if select.select([master], [], [], 0.3)[0]:
                seen += os.read(master, 65536)
        assert all(part in _plain(seen) for part in SAID), _plain(seen)[-800:]
    finally:
        os.write(master, b"q")
        if not gone_within(proc, 5):
            proc.kill()
        os.close(master)
