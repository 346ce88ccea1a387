"""Text reaches Textual as Content, never as a markup string (hostile input, second round, 1).

Textual reads a str as markup in `Static(...)`, `Static.update(...)`,
`Label(...)`, `Button(...)`, an `Option(...)` prompt, a border title,
`notify(...)` (unless `markup=False`) and a palette `Hit`: a `[` in a guide's
title, a path or an interface word would be cut, crash the screen or attach a
link or an action.  This test reads the source of guide_tui/tui and
guide_tui/cli and fails on any call that hands such a place a string: a
literal, an f-string, `t(...)`, `tn(...)`, `safe_text(...)`, `str(...)`, a
`.format(...)` or a concatenation.  Wrap it in `Content(...)` instead.
(MarkdownText.update takes Markdown, drawn as Content: a line that says
"Markdown, not markup" is left alone.)
tests/tui/test_hostile_markup.py checks the same at run time, screen by screen.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*(ROOT / "guide_tui" / "tui").rglob("*.py"), *(ROOT / "guide_tui" / "cli").rglob("*.py")])
# Widgets and objects whose first argument Textual reads as markup when it is a str.
MARKUP_CALLS = {"Static", "Label", "Button", "Option", "Hit", "DiscoveryHit", "Tooltip"}
STRING_CALLS = {"t", "tn", "safe_text", "str", "format"}
MARKUP_ATTRIBUTES = {"border_title", "border_subtitle", "tooltip"}


def is_string(node: ast.expr) -> bool:
    """An expression that is plainly a str (not a Content)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return is_string(node.left) or is_string(node.right)
    if isinstance(node, ast.IfExp):
        return is_string(node.body) or is_string(node.orelse)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "join":
            return is_string(func.value)  # "\n".join(...) is a str, Content("\n").join(...) is not
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return name in STRING_CALLS
    return False


def call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def markup_strings(path: Path, root: Path = ROOT) -> list[str]:
    """Places in one source file where a str goes where Textual reads markup."""
    found = []
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source, str(path))
    for node in ast.walk(tree):
        where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            name = call_name(node)
            if name in MARKUP_CALLS and node.args and is_string(node.args[0]):
                found.append(f"{where}: {name}() given a str")
            markdown = "Markdown, not markup" in lines[node.lineno - 1]  # MarkdownText.update reads Markdown
            if name == "update" and node.args and is_string(node.args[0]) and not markdown:
                found.append(f"{where}: update() given a str (a Static would read it as markup)")
            if name == "notify" and not any(
                k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in node.keywords
            ):
                found.append(f"{where}: notify() without markup=False")
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in MARKUP_ATTRIBUTES and is_string(node.value):
                    found.append(f"{where}: {target.attr} set to a str")
    return found


def test_1_no_markup_string_reaches_textual() -> None:
    assert SOURCES
    problems = [problem for path in SOURCES for problem in markup_strings(path)]
    assert not problems, "\n".join(problems)


def test_the_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "Static(t('x'))\nButton(f'{a} (c)')\nself.notify(text)\nbox.border_title = t('k')\n"
        "Static(Content(t('x')))\nself.notify(text, markup=False)\nbox.border_title = Content('k')\n"
    )
    assert sorted(line.split(": ", 1)[0] for line in markup_strings(sample, tmp_path)) == [
        f"sample.py:{n}" for n in (1, 2, 3, 4)
    ]
