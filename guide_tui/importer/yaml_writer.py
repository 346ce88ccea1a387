"""Plain data as readable YAML with comments, for `guide-tui import`.

PyYAML cannot write comments, so the block structure is written here and
PyYAML only decides how each one-line scalar is quoted (it quotes text that
YAML 1.1 would read as a number, a date or a boolean).  Multi-line text is a
`|` block scalar; unicode is kept as it is.  A `when` (a small mapping of
question keys to labels) is written on one line, as authors write it:
`when: {method: [Bank card, Credit card]}`.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any

import yaml

from guide_tui.core.text import strip_invisible

Path = tuple[Any, ...]
INDENT = 2
FLOW_KEYS = ("when",)  # mappings written on one line, in flow style


def dump(
    data: dict[str, Any],
    comments: dict[Path, list[str]],
    header: Sequence[str] = (),
    blank_between: tuple[str, ...] = ("steps",),
) -> str:
    """YAML for a mapping of mappings, lists and scalars, in insertion order.

    `comments[path]` are written as `# ` lines above the key or list item at
    that path, such as ("steps", 3) or ("support", 0, "phone").  Items of the
    lists named in `blank_between` are separated by a blank line.
    """
    out = [_comment(line, 0) for line in header]
    _mapping(data, 0, (), comments, out, None, blank_between)
    return "\n".join(out) + "\n"


def _comment(text: str, indent: int) -> str:
    return " " * indent + ("# " + " ".join(text.split())).rstrip()


def _mapping(
    data: dict[str, Any],
    indent: int,
    path: Path,
    comments: dict[Path, list[str]],
    out: list[str],
    first_prefix: str | None,
    blank_between: tuple[str, ...],
) -> None:
    for n, (key, value) in enumerate(data.items()):
        if value is None or value == [] or value == {}:
            continue
        here = (*path, key)
        for line in comments.get(here, ()):
            out.append(_comment(line, indent))
        prefix = first_prefix if (n == 0 and first_prefix is not None) else " " * indent
        first_prefix = None if n == 0 else first_prefix
        if key in FLOW_KEYS and isinstance(value, dict):
            out.append(f"{prefix}{key}: {flow(value)}")
        elif isinstance(value, dict):
            out.append(f"{prefix}{key}:")
            _mapping(value, indent + INDENT, here, comments, out, None, blank_between)
        elif isinstance(value, list):
            out.append(f"{prefix}{key}:")
            for i, item in enumerate(value):
                if i and key in blank_between:
                    out.append("")
                for line in comments.get((*here, i), ()):
                    out.append(_comment(line, indent + INDENT))
                dash = " " * (indent + INDENT) + "- "
                if isinstance(item, dict):
                    _mapping(item, indent + 2 * INDENT, (*here, i), comments, out, dash, blank_between)
                else:
                    out.extend(_scalar_lines(dash, item, indent + 2 * INDENT))
        else:
            out.extend(_scalar_lines(f"{prefix}{key}: ", value, indent + INDENT))


def _scalar_lines(prefix: str, value: Any, content_indent: int) -> list[str]:
    """`prefix` and the value: one line, or a `|` block indented to content_indent."""
    if isinstance(value, str):
        value = strip_invisible(value)  # what guide text may not hold (core/text.py), from a page's markup
    if isinstance(value, str) and "\n" in value.strip("\n"):
        lines = [line.rstrip() for line in value.strip("\n").split("\n")]
        # An explicit indentation indicator when the text itself starts with spaces.
        indicator = str(INDENT) if lines[0][:1] in (" ", "\t") else ""
        return [f"{prefix}|{indicator}"] + [(" " * content_indent + line) if line else "" for line in lines]
    return [prefix + scalar(value)]


def flow(value: dict[str, Any]) -> str:
    """A small mapping (of one-line texts and lists of them) on one line, quoted where YAML needs it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1 << 30, default_flow_style=True)
    return dumped.rstrip("\n")


def scalar(value: Any) -> str:
    """One value as a one-line YAML scalar, quoted only when it must be."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    dumped = yaml.safe_dump({"k": text}, allow_unicode=True, width=1 << 30, default_flow_style=False)
    return dumped[len("k: ") :].rstrip("\n")
