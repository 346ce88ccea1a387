"""Hostile inputs shaped like the text they attack, for the timing tests and the fuzzers.

Random bytes did not reach the hangs that were found: a regular expression or a
renderer goes super-linear only on a long line made of its own alphabet in the
right structure ("[" a thousand times, "# " then thousands of spaces, a link
opened and never closed).  So the inputs here are long lines made of each
pattern's own characters (read from the compiled pattern), and Markdown and
heading structure repeated, all from a fixed seed.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import random
import re
import re._constants as sre_constants  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterator
from pathlib import Path

import guide_tui

ROOT = Path(guide_tui.__file__).resolve().parent
# Modules whose regular expressions never see guide text or an article: the server's
# guards and its command line (their input is a Host header or an argument).
SKIP_MODULES = (
    "guide_tui.cli.web",
    "guide_tui.cli.web_tabs",
    "guide_tui.cli.commands.serve",
    "guide_tui.cli.serve_tab",
    "guide_tui.__main__",
)
# Stand-ins for a character class: a letter, a digit, a space, a CJK character, punctuation.
_CATEGORY_CHARS = {
    sre_constants.CATEGORY_DIGIT: "07",
    sre_constants.CATEGORY_NOT_DIGIT: "a中",
    sre_constants.CATEGORY_SPACE: " \n\u3000",
    sre_constants.CATEGORY_NOT_SPACE: "a中.",
    sre_constants.CATEGORY_WORD: "a0_中",
    sre_constants.CATEGORY_NOT_WORD: " .-:",
    sre_constants.CATEGORY_LINEBREAK: "\n",
    sre_constants.CATEGORY_NOT_LINEBREAK: "a ",
}
MARKDOWN_TOKENS = [
    "[", "]", "(", ")", "[a](", "[a]", "![a](", "<", ">", "<https://", "*", "**", "_", "`", "``", "~", "#", "# ",
    "\\", "!", "[x]: ", "{{", "}}", "{", "}", "|", "-", "- ", "1. ", "1)", "> ", "  ", " ", "\t", "中", "。", "：",
    "&", "&#", "&amp;", "https://a.example/", "mailto:", "tel:", "a", "0", ".", ":", "=", "\n", "\n\n", "    ",
    "第1步", "一、", "Step 1:", "注意：", "400-100-5678", "**Note:**", "(", "（", "）", "“", "”", "/",
]  # fmt: skip


# How a pattern is used decides what must be linear: a search (also finditer, findall,
# sub, split) tries every start position, match only the first, fullmatch the whole text.
SEARCH, MATCH, FULLMATCH = "search", "match", "fullmatch"
_USES = {"search": SEARCH, "finditer": SEARCH, "findall": SEARCH, "sub": SEARCH, "subn": SEARCH, "split": SEARCH}
_USES.update(match=MATCH, fullmatch=FULLMATCH)


def module_patterns() -> dict[str, tuple[re.Pattern[str], frozenset[str]]]:
    """Every regular expression in guide_tui and how the code uses it: name ->
    (pattern, uses), uses among SEARCH, MATCH and FULLMATCH.  That is every
    compiled pattern at module level (also those kept in lists, tuples and dicts),
    with the methods its module calls on it (all three when the module does not
    call it by name), and every literal pattern given to re.* in a function (one
    compiled there, such as a pattern compiled on first use, is used any way)."""
    found: dict[str, tuple[re.Pattern[str], frozenset[str]]] = {}
    every = frozenset((SEARCH, MATCH, FULLMATCH))

    def keep(value: object, name: str, uses: frozenset[str], depth: int = 0) -> None:
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            found.setdefault(name, (value, uses))
        elif isinstance(value, (list, tuple)) and depth < 3:
            for i, item in enumerate(value):
                keep(item, f"{name}[{i}]", every, depth + 1)
        elif isinstance(value, dict) and depth < 3:
            for key, item in value.items():
                keep(item, f"{name}[{key}]", every, depth + 1)

    for info in pkgutil.walk_packages(guide_tui.__path__, "guide_tui."):
        if info.name.startswith(SKIP_MODULES):
            continue
        module = importlib.import_module(info.name)
        source = Path(module.__file__ or "")
        tree = ast.parse(source.read_text(encoding="utf-8")) if source.suffix == ".py" else ast.Module([], [])
        called = _called_methods(tree)
        for attr, value in vars(module).items():
            keep(value, f"{info.name}.{attr}", frozenset(called.get(attr, ())) or every)
        kept = {(value.pattern, value.flags) for value, _ in found.values()}
        for line, flags, pattern, use in _literal_patterns(tree):
            if not use and (pattern, flags | re.UNICODE) in kept:
                continue  # compiled at module level: found above, with the methods called on it
            found.setdefault(f"{info.name}:{line}", (re.compile(pattern, flags), frozenset({use}) if use else every))
    unique: dict[tuple[str, int, frozenset[str]], str] = {}
    for name, (compiled, uses) in found.items():
        unique.setdefault((compiled.pattern, compiled.flags, uses), name)  # one name per pattern and use
    return {name: found[name] for name in unique.values()}


def _called_methods(tree: ast.AST) -> dict[str, set[str]]:
    """NAME -> how NAME.search(...), NAME.match(...) ... are used in a module."""
    called: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _USES:
            owner = node.func.value
            if isinstance(owner, ast.Name):
                called.setdefault(owner.id, set()).add(_USES[node.func.attr])
    return called


def _literal_patterns(tree: ast.AST) -> Iterator[tuple[int, int, str, str]]:
    """(line, flags, pattern, use) of each re.sub/match/search/compile... call with a literal
    pattern ("" for compile: its use is not known here)."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
            continue
        use = _USES.get(node.func.attr, "" if node.func.attr == "compile" else None)  # "": compiled, used any way
        first = node.args[0]
        if use is not None and isinstance(first, ast.Constant) and isinstance(first.value, str):
            flags = 0
            for arg in [*node.args[1:], *(k.value for k in node.keywords if k.arg == "flags")]:
                if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) and arg.value.id == "re":
                    flags |= getattr(re, arg.attr, 0) if arg.attr in ("I", "S", "M", "X", "IGNORECASE") else 0
            yield node.lineno, flags, first.value, use


def alphabet(pattern: re.Pattern[str]) -> list[str]:
    """The characters a pattern talks about: its literals, the ends and middle of its
    ranges, a stand-in for each class, and one character it never names."""
    chars: set[str] = set()

    def walk(items: object) -> None:
        for op, arg in items:  # type: ignore[attr-defined]
            if op is sre_constants.LITERAL or op is sre_constants.NOT_LITERAL:
                chars.add(chr(arg))
            elif op is sre_constants.IN:
                walk(arg)
            elif op is sre_constants.RANGE:
                low, high = arg
                chars.update({chr(low), chr(high), chr((low + high) // 2)})
            elif op is sre_constants.CATEGORY:
                chars.update(_CATEGORY_CHARS.get(arg, "a"))
            elif op is sre_constants.ANY:
                chars.update("a\n")
            elif isinstance(arg, (list, tuple)):
                for part in arg:
                    if isinstance(part, sre_parse.SubPattern):
                        walk(part)
                    elif isinstance(part, (list, tuple)):
                        for sub in part:
                            if isinstance(sub, sre_parse.SubPattern):
                                walk(sub)
            elif isinstance(arg, sre_parse.SubPattern):
                walk(arg)

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    chars.update(("a", " ", "☃"))
    return sorted(c for c in chars if not 0xD800 <= ord(c) <= 0xDFFF)  # a str may not hold a lone surrogate


def regex_inputs(pattern: re.Pattern[str], n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """(name, text): long lines of the pattern's own alphabet: each character repeated,
    pairs and triples alternating, random mixes, each ended by a character that fails."""
    rng = random.Random(f"{pattern.pattern}/{seed}".encode("utf-8", "surrogatepass"))
    chars = alphabet(pattern)
    for c in chars:
        yield f"{c!r}*n", c * n
        yield f"{c!r}*n+☃", c * n + "☃"
        yield f"a+{c!r}*n+☃", "a" + c * n + "☃"
    pairs = [(a, b) for a in chars for b in chars if a != b]
    for a, b in rng.sample(pairs, min(len(pairs), 24)):
        yield f"({a!r}{b!r})*n", (a + b) * (n // 2) + "☃"
    for _ in range(4):
        piece = "".join(rng.choice(chars) for _ in range(rng.randint(2, 5)))
        yield f"({piece!r})*n", piece * (n // len(piece)) + "☃"
        yield f"random{_}", "".join(rng.choice(chars) for _ in range(n))


def markdown_texts(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """(name, text): Markdown and heading structure repeated to about n characters."""
    rng = random.Random(seed)
    for token in MARKDOWN_TOKENS:
        yield f"{token!r}*n", token * (n // len(token))
    shapes = [
        ("[" * (n // 2)) + "a" + ("]" * (n // 2)),
        "[a](" * (n // 4),
        "[a](b" * (n // 5),
        "*a" * (n // 2),
        "**a" * (n // 3),
        "_a_" * (n // 3),
        "`a" * (n // 2),
        "<a" * (n // 2),
        "# " + " " * n + "x",
        "#" * 6 + " " + "a #" * (n // 3),
        "- " * (n // 2) + "a",
        "> " * (n // 2) + "a",
        "1. " * (n // 3) + "a",
        "".join(f"{'  ' * (i % 40)}- a\n" for i in range(n // 40)),
        "".join(f"{'>' * (i % 30)} a\n" for i in range(n // 30)),
        "[x]: https://a.example/\n" * (n // 24),
        "[x]: " + " " * n + "\n",
        "[" + "\\" * n + "]",
        "<" + "a" * n,
        "{{" + " " * n + "x",
        "{{a" * (n // 3),
        "https://a.example/" + "/a" * (n // 2),
        "中" * n,
        "中 " * (n // 2),
        "a" * n,
        " " * n + "a",
        "a" + " " * n + "a",
        "400 100 " * (n // 8),
        "第 1 步" * (n // 5),
        "\u200d" * 10 + "a",
    ]
    for i, text in enumerate(shapes):
        yield f"shape{i}", text
    for i in range(8):
        yield f"mix{i}", "".join(rng.choice(MARKDOWN_TOKENS) for _ in range(n // 3))[:n]
