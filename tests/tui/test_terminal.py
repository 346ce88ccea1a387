"""The terminal is always left as it was found: no TTY, signals, sizes, key storms."""

from __future__ import annotations

import json
import os
import pty
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from guide_tui.core.loader import load_guide
from guide_tui.tui.app import GuideApp

ROOT = Path(__file__).parents[2]
XIAOMI = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"


def test_without_a_terminal_the_full_screen_does_not_start(tmp_path) -> None:
    env = {**os.environ, "GUIDE_TUI_STATE_DIR": str(tmp_path)}
    for args in ([str(XIAOMI)], []):
        proc = subprocess.run(
            [sys.executable, "-m", "guide_tui", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=20,
            env=env,
            cwd=ROOT,
        )
        assert proc.returncode == 2
        assert "--plain" in proc.stderr
        assert proc.stdout == ""  # nothing was drawn
    assert list(tmp_path.iterdir()) == []  # and nothing was saved


class PtyRun:
    """guide-tui in a pseudo-terminal, as a user's terminal would run it."""

    def __init__(self, state_dir: Path, size: tuple[int, int] = (80, 24), stderr: Any = None) -> None:
        import fcntl
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {
            **os.environ,
            "GUIDE_TUI_STATE_DIR": str(state_dir),
            "TERM": "xterm-256color",
            "COLUMNS": str(size[0]),
            "LINES": str(size[1]),
        }
        env.pop("NO_COLOR", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "guide_tui", str(XIAOMI)],
            stdin=slave,
            stdout=slave,
            stderr=slave if stderr is None else stderr,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read_until(self, needle: bytes, timeout: float = 20) -> bool:
        end = time.monotonic() + timeout
        while needle not in self.output and time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    break
        return needle in self.output

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def finish(self, timeout: float = 20) -> int:
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            self.read_until(b"\0never\0", 0.2)
        self.read_until(b"\0never\0", 0.3)
        if self.proc.poll() is None:
            self.proc.kill()
        code = self.proc.wait()
        os.close(self.master)
        return code


def test_with_standard_error_redirected_the_full_screen_does_not_start(tmp_path) -> None:
    """`guide-tui GUIDE 2>err.log`: Textual drew the screen into err.log and the terminal
    looked frozen. Now as without a terminal on standard output: a message, exit 2."""
    state = tmp_path / "state"
    with open(tmp_path / "err.log", "wb") as err:
        run = PtyRun(state, stderr=err)
        try:
            code = run.finish()
        finally:
            if run.proc.poll() is None:
                run.proc.kill()
    logged = (tmp_path / "err.log").read_bytes()
    assert code == 2, logged[-500:]
    assert "标准错误".encode() in logged and b"--plain" in logged and b"\x1b[" not in logged  # the guide's language
    assert b"\x1b[?1049h" not in run.output  # no alternate screen on the terminal either
    assert "标准错误".encode() in run.output  # said on the terminal too: the person there sees why
    assert not state.exists()  # and nothing was saved


def test_settings_nested_too_deep_are_no_settings_not_a_crash(tmp_path) -> None:
    """settings.json of '[' * 60000: json.loads raised RecursionError, the full screen
    crashed with a traceback and the program exited 0."""
    (tmp_path / "settings.json").write_text("[" * 60000 + "\n")
    run = PtyRun(tmp_path)
    try:
        assert run.read_until("登录小米账户".encode()), run.output[-2000:]
        run.send(b"q")
        code = run.finish()
    finally:
        if run.proc.poll() is None:
            run.proc.kill()
    assert code == 0 and b"Traceback" not in run.output and b"RecursionError" not in run.output


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_saves_progress_and_restores_the_terminal(tmp_path, sig: int) -> None:
    run = PtyRun(tmp_path)
    try:
        assert run.read_until("登录小米账户".encode()), run.output[-2000:]
        run.send(b"n")
        assert run.read_until("第 2 步".encode())
        run.output = b""
        run.proc.send_signal(sig)
        code = run.finish()
    finally:
        if run.proc.poll() is None:
            run.proc.kill()
    tail = run.output
    assert code == 0, tail[-500:]
    assert b"\x1b[?1049l" in tail  # alternate screen off
    assert b"\x1b[?1000l" in tail  # mouse tracking off
    assert b"\x1b[?25h" in tail  # cursor shown
    saved = json.loads((tmp_path / "xiaomi-installment-priority-payment.zh-CN.json").read_text("utf-8"))
    assert json.dumps(saved, ensure_ascii=False).count("my-orders") >= 1
    assert "my-orders" in json.dumps(saved["walk"] if "walk" in saved else saved)


@pytest.mark.parametrize(
    "size", [(1, 1), (10, 5), (39, 11), (40, 12), (80, 24), (300, 100)], ids=lambda s: f"{s[0]}x{s[1]}"
)
async def test_any_size_draws_without_crashing(size: tuple[int, int]) -> None:
    app = GuideApp(load_guide(XIAOMI))
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", "n", "n", "2")
        await pilot.pause()
        small = size[0] < 40 or size[1] < 12
        assert app.screen.has_class("-too-small") == small
        assert app.walker.choice() == 1  # keys still work when too small to show


async def test_a_storm_of_resizes_ends_on_the_normal_screen() -> None:
    app = GuideApp(load_guide(XIAOMI))
    rng = random.Random(7)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(25):
            await pilot.resize_terminal(rng.randint(1, 200), rng.randint(1, 60))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.has_class("-too-small")
        assert app.is_running


async def test_a_burst_of_keys_leaves_a_consistent_walk() -> None:
    guide = load_guide(XIAOMI)
    app = GuideApp(guide)
    rng = random.Random(11)
    keys = [rng.choice(["n", "right", "enter", "b", "left", "1", "2", "3", "space", "down", "up"]) for _ in range(150)]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        walker = app.walker
        for before, after in zip(walker.path, walker.path[1:], strict=False):
            assert after in guide.successors(guide.step(before))
        for key, index in walker.answers.items():
            ask = next(s.ask for s in guide.steps if s.ask and s.ask.key == key)
            assert 0 <= index < len(ask.options)
        k, n = walker.progress()
        assert 1 <= k <= n
        assert app.screen.query_one("#progress-label").label  # the screen still draws


def test_a_closed_pipe_ends_quietly_without_a_traceback(tmp_path) -> None:
    env = {**os.environ, "GUIDE_TUI_STATE_DIR": str(tmp_path)}
    codes = []
    # More output than a pipe holds (64 KiB), so validate is still writing when the reader goes.
    many = tmp_path / "many"
    many.mkdir()
    for i in range(1000):
        (many / f"bad-{i:03}.en.yaml").write_text("format: 1\nid: bad\ntitle: [\n", encoding="utf-8")
    for args, stdin in ((["validate", str(many)], None), (["--plain", str(XIAOMI)], "n\n" * 20)):
        proc = subprocess.Popen(
            [sys.executable, "-m", "guide_tui", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        proc.stdout.read(40)  # read a little, then hang up as `| head` does
        proc.stdout.close()
        _, err = proc.communicate(stdin.encode() if stdin else None, timeout=20)
        assert b"Traceback" not in err, err.decode(errors="replace")
        codes.append(proc.returncode)
    assert codes == [141, 141]  # both really met the closed pipe
