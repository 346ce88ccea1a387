"""Drive the real yaml-language-server (the one VS Code, Neovim and Helix use) on guide files.

It checks what an author's editor does with the shipped JSON Schema: diagnostics,
completion and hover, by speaking the Language Server Protocol over stdio.

    python tools/yaml_ls.py guides/*.yaml          # each file's diagnostics, as FILE:LINE:COLUMN
    python tools/yaml_ls.py --install              # npm install the pinned server into build/

The server is found in $GUIDE_TUI_YAML_LS (the server's command), else in
build/yaml-language-server (what --install and .ci/run put there), else on PATH.
It needs Node.js.  tests/test_editor.py uses this module; it skips, saying why,
when Node or the server is not there.  The program itself never imports this.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VERSION = "1.25.0"  # the server version the checks were written against
PREFIX = ROOT / "build" / "yaml-language-server"
SETTINGS = {
    "yaml": {
        "validate": True,
        "hover": True,
        "completion": True,
        "format": {"enable": False},
        "schemaStore": {"enable": False},  # no network: only the schema the file names
        "disableDefaultProperties": False,
    }
}


def install() -> int:
    """npm install the pinned server into build/ (no package-lock.json: nothing records download addresses)."""
    npm = shutil.which("npm")
    if npm is None:
        print("npm is not installed", file=sys.stderr)
        return 1
    PREFIX.mkdir(parents=True, exist_ok=True)
    command = [
        npm,
        "install",
        "--prefix",
        str(PREFIX),
        "--no-package-lock",
        "--no-save",
        "--no-audit",
        "--no-fund",
        f"yaml-language-server@{VERSION}",
    ]
    return subprocess.run(command, check=False).returncode


def server_command() -> tuple[list[str] | None, str]:
    """The command that starts the server, or None and why it cannot be started."""
    if os.environ.get("GUIDE_TUI_YAML_LS"):
        return [*os.environ["GUIDE_TUI_YAML_LS"].split(), "--stdio"], ""
    if shutil.which("node") is None:
        return None, "Node.js (node) is not installed"
    local = PREFIX / "node_modules" / ".bin" / "yaml-language-server"
    if local.exists():
        return [str(local), "--stdio"], ""
    found = shutil.which("yaml-language-server")
    if found:
        return [found, "--stdio"], ""
    return None, f"yaml-language-server is not installed (python tools/yaml_ls.py --install puts it in {PREFIX})"


class LanguageServer:
    """One running server, spoken to over stdio; requests wait for their answer."""

    def __init__(self, command: list[str], root: Path = ROOT, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=root
        )
        self._next_id = 0
        self._answers: dict[int, queue.Queue[Any]] = {}
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self._published: queue.Queue[str] = queue.Queue()
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "textDocument": {
                        "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {},
                    },
                    "workspace": {"configuration": True},
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})

    # -- the protocol ------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        with self._lock:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            message = json.loads(out.read(length))
            if "id" in message and "method" in message:  # the server asks us
                self._answer(message)
            elif "id" in message:
                self._answers.setdefault(message["id"], queue.Queue()).put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]
                self._published.put(params["uri"])

    def _answer(self, message: dict[str, Any]) -> None:
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [SETTINGS.get(item.get("section", ""), SETTINGS["yaml"]) for item in message["params"]["items"]]
        self._send({"id": message["id"], "result": result})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self._next_id += 1
        number = self._next_id
        answer = self._answers.setdefault(number, queue.Queue())
        self._send({"id": number, "method": method, "params": params})
        message = answer.get(timeout=self.timeout)
        if "error" in message:
            raise RuntimeError(f"{method}: {message['error']}")
        return message.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    # -- what an editor does ---------------------------------------------------------

    def open(self, path: Path, text: str | None = None, version: int = 1) -> str:
        """Open a document (its text as on disk unless given); its URI."""
        uri = path.resolve().as_uri()
        content = path.read_text(encoding="utf-8") if text is None else text
        self.diagnostics.pop(uri, None)
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": version, "text": content}},
        )
        return uri

    def diagnose(self, path: Path, text: str | None = None) -> list[dict[str, Any]]:
        """The diagnostics the server publishes for a document once it has checked it
        against its schema (the last set published within a moment of the first)."""
        uri = self.open(path, text)
        while True:
            if self._published.get(timeout=self.timeout) == uri:
                break
        try:  # the schema may arrive after a first, schema-less check: take the latest
            while True:
                self._published.get(timeout=0.3)
        except queue.Empty:
            pass
        return self.diagnostics.get(uri, [])

    def completion(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        items = result.get("items", []) if isinstance(result, dict) else (result or [])
        return list(items)

    def hover(self, uri: str, line: int, character: int) -> Any:
        return self.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        )

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> LanguageServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--install", action="store_true", help=f"npm install yaml-language-server@{VERSION}")
    args = parser.parse_args(argv)
    if args.install:
        return install()
    command, why = server_command()
    if command is None:
        print(why, file=sys.stderr)
        return 2
    found = 0
    with LanguageServer(command) as server:
        for path in args.files:
            for d in server.diagnose(path):
                start = d["range"]["start"]
                print(f"{path}:{start['line'] + 1}:{start['character'] + 1}: {d.get('message', '')}")
                found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
