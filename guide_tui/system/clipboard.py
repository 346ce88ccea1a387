"""Putting text on the person's clipboard, and saying truthfully how it went.

    copied = copy_text(text, name="guide-tui-number.txt", terminal=app.copy_to_clipboard)
    copied.way    # "pbcopy", "wl-copy", "xclip", "xsel", "clip", "terminal", "browser" or "file"
    copied.path   # the file it was saved in, when no clipboard is known to work

Two ways can reach a clipboard, and neither can tell whether it worked:

- The terminal (OSC 52, sent by Textual's `App.copy_to_clipboard`): it reaches
  the clipboard of the machine the person sits at, also over SSH, but many
  terminals ignore it without a word: macOS Terminal.app, GNOME Terminal and
  every VTE terminal, the Linux console, tmux unless `set-clipboard on`
  (Textual's own docs; sqlit#68, termite#254).  `terminal_copies()` knows the
  terminals that take it.
- The system's own tools: pbcopy (macOS), wl-copy (Wayland), xclip or xsel
  (X11), clip (Windows, and clip.exe under WSL).  Their exit status tells.
  They reach the clipboard of the machine guide-tui runs on, so over SSH they
  are used only when a display is forwarded to the person's screen.

`copy_text` sends the text to the terminal, then tries the tools, and says
which one was used; where none is known to work it saves the text to a new
file in the documents folder and gives its full path, so nothing is lost.
This module imports nothing from Textual or Rich, so it is tested without a
screen (a fake tool on PATH, or none).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from guide_tui.i18n import t
from guide_tui.system.files import documents_folder, save_new

TOOL_SECONDS = 3  # a tool that takes longer is taken not to work


@dataclass(frozen=True)
class Tool:
    """A clipboard command of the system."""

    name: str  # as told to the person: "xclip"
    argv: tuple[str, ...]  # the command; argv[0] is looked up on PATH
    display: str = ""  # the environment variable it needs ("DISPLAY"); "" none
    encoding: str = "utf-8"
    local_only: bool = False  # reaches only the machine it runs on: never over SSH


TOOLS = (
    Tool("pbcopy", ("pbcopy",), local_only=True),
    Tool("wl-copy", ("wl-copy",), display="WAYLAND_DISPLAY"),
    Tool("xclip", ("xclip", "-selection", "clipboard", "-in"), display="DISPLAY"),
    Tool("xsel", ("xsel", "--clipboard", "--input"), display="DISPLAY"),
    # clip.exe reads the console's code page unless its input is UTF-16 with a byte-order mark.
    Tool("clip", ("clip",), encoding="utf-16", local_only=True),
    Tool("clip", ("clip.exe",), encoding="utf-16", local_only=True),
)


@dataclass(frozen=True)
class Copied:
    """How the text was copied: `way` is a tool's name, "terminal" (a terminal known
    to take OSC 52), "browser" (under `guide-tui serve`) or "file" (saved to `path`,
    or `error` when even that failed)."""

    way: str
    path: Path | None = None
    error: str = ""

    def said(self, lang: str) -> str:
        """What happened, for the person: which way copied it, or where the text is."""
        if self.way == "file":
            if self.path is None:
                return t("copy.failed", lang, reason=self.error)
            return t("copy.saved", lang, path=str(self.path))
        if self.way in ("terminal", "browser"):
            return t(f"copy.{self.way}", lang)
        return t("copy.tool", lang, tool=self.way)


def over_ssh(env: Mapping[str, str]) -> bool:
    return any(env.get(name) for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"))


def terminal_copies(env: Mapping[str, str]) -> bool | None:
    """Whether the terminal takes OSC 52: True for terminals known to, False for
    those known not to, None when it cannot be told."""
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "")
    if env.get("TMUX") or program == "tmux" or term.startswith(("screen", "tmux")):
        return None  # tmux passes it on only with `set-clipboard on`, and then only if its terminal takes it
    if program == "Apple_Terminal" or env.get("VTE_VERSION") or term in ("linux", "dumb", ""):
        return False  # Terminal.app, GNOME Terminal and the other VTE terminals, the console
    if program in ("WezTerm", "ghostty") or env.get("WT_SESSION") or env.get("KITTY_WINDOW_ID"):
        return True  # Windows Terminal, WezTerm, Ghostty, kitty
    if term in ("xterm-kitty", "xterm-ghostty", "alacritty", "foot", "foot-extra", "wezterm"):
        return True
    return None  # iTerm2 and xterm only when their settings allow it; others unknown


def usable_tools(env: Mapping[str, str]) -> list[tuple[Tool, str]]:
    """The system's clipboard tools that can work here, with their full paths, in order."""
    remote = over_ssh(env)
    found: list[tuple[Tool, str]] = []
    names: set[str] = set()
    for tool in TOOLS:
        if tool.name in names or (tool.display and not env.get(tool.display)) or (remote and tool.local_only):
            continue
        path = shutil.which(tool.argv[0], path=env.get("PATH", os.defpath))
        if path:
            found.append((tool, path))
            names.add(tool.name)
    return found


def _environment(env: Mapping[str, str], tool: Tool) -> dict[str, str]:
    out = dict(env)
    if tool.name == "pbcopy":  # it reads bytes in the locale's encoding, which may not be UTF-8
        out["LC_ALL"] = "en_US.UTF-8"
    return out


def run_tool(tool: Tool, path: str, text: str, env: Mapping[str, str]) -> bool:
    """Give the text to one tool; True when it says it took it.

    Its output goes nowhere: xclip, xsel and wl-copy leave a process behind
    that holds the clipboard, and a pipe it inherited would never close."""
    try:
        proc = subprocess.run(
            [path, *tool.argv[1:]],
            input=text.encode(tool.encoding),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_environment(env, tool),
            timeout=TOOL_SECONDS,
            start_new_session=True,  # a key pressed in the terminal never reaches it
            check=False,
        )
    except (OSError, subprocess.SubprocessError, UnicodeError):
        return False
    return proc.returncode == 0


def copy_text(
    text: str,
    *,
    name: str,
    terminal: Callable[[str], None] | None = None,
    browser: bool = False,
    env: Mapping[str, str] | None = None,
    folder: Callable[[], Path] = documents_folder,
    saved: str | None = None,
) -> Copied:
    """Copy text by every way that may work, and say which one did.

    `terminal` sends OSC 52 (Textual's `App.copy_to_clipboard`); `browser`: that
    goes to a browser's clipboard (`guide-tui serve`), and no tool of this machine
    is used.  Where neither a tool nor the terminal is known to work the text is
    saved to a new file `name` in `folder()`: `saved` if given, else the text (a
    bare number is copied to be pasted into a dialler, but a file of it, read
    later, needs whose number it is and its caveat)."""
    env = os.environ if env is None else env
    if terminal is not None:
        terminal(text)  # costs nothing, and may work where nothing can tell
    if browser:
        return Copied("browser")
    for tool, path in usable_tools(env):
        if run_tool(tool, path, text, env):
            return Copied(tool.name)
    if terminal is not None and terminal_copies(env):
        return Copied("terminal")
    try:
        return Copied("file", save_new(text if saved is None else saved, folder(), name))
    except OSError as exc:
        return Copied("file", error=exc.strerror or str(exc))
