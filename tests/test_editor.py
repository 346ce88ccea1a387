"""The shipped JSON Schema in a real editor: yaml-language-server (what VS Code's YAML
extension, Neovim and Helix run), driven over the Language Server Protocol by
tools/yaml_ls.py.  The bundled guides give no diagnostics, a broken guide gives them
at the right lines, completion inside a step offers every step key with its
description, and hover shows that description as Markdown.

Needs Node.js and the server (`python tools/yaml_ls.py --install`, which .ci/run
does); without them these tests skip and say why."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide_tui.core import fields, model
from guide_tui.core.schema import SHIPPED

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import yaml_ls  # noqa: E402  (a tool of this repository, not a package)

GUIDES = sorted((ROOT / "guides").glob("*.yaml"))
HEAD = f"# yaml-language-server: $schema={SHIPPED.as_posix()}\n"


@pytest.fixture(scope="module")
def server() -> Iterator[yaml_ls.LanguageServer]:
    command, why = yaml_ls.server_command()
    if command is None:
        pytest.skip(why)
    try:
        running = yaml_ls.LanguageServer(command)
    except Exception as exc:  # not there, or it did not start (an old Node, a broken install)
        pytest.skip(f"yaml-language-server did not start ({' '.join(command)}): {exc}")
    with running:
        yield running


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_bundled_guides_give_no_diagnostics(server, path):
    assert server.diagnose(path) == []


def test_a_starting_guide_gives_no_diagnostics(server, tmp_path):
    from guide_tui.cli.commands.new import starting_guide

    text = starting_guide("tea", "zh-CN", None, SHIPPED.as_posix(), "tea.zh-CN.yaml")
    assert server.diagnose(tmp_path / "tea.zh-CN.yaml", text) == []


BROKEN = HEAD + (
    "format: 1\n"  # 2
    "id: Bad Id\n"  # 3: not a slug
    "titel: Tea\n"  # 4: unknown key (and so no title)
    'estimated_minutes: "5"\n'  # 5: text, not a number
    "steps:\n"  # 6
    "  - title: Boil water\n"  # 7
    "    bdy: Switch it on.\n"  # 8: unknown step key
    "    ask:\n"  # 9
    "      key: ready\n"  # 10
    "      prompt: Ready?\n"  # 11
    "      options: [Yes, No]\n"  # 12: words, not `- label: …`
)


def test_a_broken_guide_gives_diagnostics_at_the_right_lines(server, tmp_path):
    found = {(d["range"]["start"]["line"] + 1, d["message"]) for d in server.diagnose(tmp_path / "b.en.yaml", BROKEN)}
    lines = {line for line, _ in found}
    assert {3, 4, 5, 8, 12} <= lines, found
    said = {line: message for line, message in found}
    assert "pattern" in said[3]
    assert "titel is not allowed" in said[4]
    assert "integer" in said[5]
    assert "bdy is not allowed" in said[8]
    assert 'Expected "Option"' in said[12]
    assert lines <= {2, 3, 4, 5, 8, 12}  # nothing where the file is right (line 2: `title` is missing)


def test_completion_in_a_step_offers_every_step_key_with_its_description(server, tmp_path):
    text = HEAD + "format: 1\nid: tea\ntitle: Tea\nsteps:\n  - title: Boil water\n    \n"
    uri = server.open(tmp_path / "c.en.yaml", text)
    items = {item["label"]: item for item in server.completion(uri, 6, 4)}
    step_keys = {fs.key: fs.doc for _, fs in fields.field_specs(model.Step)}
    assert set(step_keys) - {"title"} <= set(items), sorted(items)  # `title` is written already
    for key in set(step_keys) - {"title"}:
        assert items[key]["documentation"] == {"kind": "markdown", "value": step_keys[key]}, key


def test_completion_writes_values_the_format_accepts(server, tmp_path):
    text = HEAD + "format: 1\nid: tea\ntitle: Tea\nsteps:\n  - title: Boil water\n    body: On.\nest\n"
    uri = server.open(tmp_path / "d.en.yaml", text)
    items = {item["label"]: item for item in server.completion(uri, 7, 3)}
    assert items["estimated_minutes"]["insertText"] == "estimated_minutes: ${1:5}"  # not 0, which is refused
    assert items["review_every_days"]["insertText"] == "review_every_days: ${1:180}"


def test_hover_shows_the_description_as_markdown(server, tmp_path):
    text = HEAD + "format: 1\nid: tea\ntitle: Tea\nsteps:\n  - title: Boil water\n    body: On.\n"
    uri = server.open(tmp_path / "e.en.yaml", text)
    shown = server.hover(uri, 5, 6)["contents"]
    assert shown["kind"] == "markdown"
    assert "`Log in to your account`" in shown["value"] and "\\`" not in shown["value"]


def test_completing_ask_writes_a_question_the_format_accepts(server, tmp_path):
    """It wrote `key`, `prompt` and `private: false`: no answers, and `private` without
    `input`, two errors once filled in (found in QA). Each snippet is a whole question."""
    import re

    from guide_tui.core.loader import load_bytes

    def filled(snippet: str) -> str:
        snippet = re.sub(r"\$\{\d+\|([^,|]+)[^}]*\}", r"\1", snippet)  # a choice: its first
        snippet = re.sub(r"\$\{\d+:([^}]*)\}", r"\1", snippet)  # a default: as offered
        return re.sub(r"\$(\d+)", r"word\1", snippet)  # a place to type: some words

    start = HEAD + "format: 1\nid: tea\ntitle: Tea\nsteps:\n  - title: Boil water\n    body: On.\n"
    key = {i["label"]: i for i in server.completion(server.open(tmp_path / "k.en.yaml", start + "    as\n"), 7, 6)}
    value = server.completion(server.open(tmp_path / "v.en.yaml", start + "    ask:\n      \n"), 8, 6)
    written = [start + "    " + filled(key["ask"]["insertText"]).replace("\n", "\n    ") + "\n"]
    for item in value:  # every whole question offered (snippets, skeletons), not the single keys
        if item.get("kind") != 10:
            written.append(start + "    ask:\n      " + filled(item["insertText"]).replace("\n", "\n      ") + "\n")
    # the two questions, and no "Ask" skeleton of `key` and `prompt` alone (found in QA)
    assert len(written) == 3, [(i["label"], i.get("kind")) for i in value]
    for text in written:
        problems = load_bytes(text.encode(), "t.en.yaml").problems
        assert [p for p in problems if p.severity == "error"] == [], (text, problems)
