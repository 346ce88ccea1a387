"""The translations of guide files: those beside a file, and the check of them all.

`validate` calls `check_results` with what it loaded: every guide id among them
is checked across its languages (core/translations.py), together with the
translations that sit beside a file named on its own (`<id>.<language>.yaml`
in the same folder), which are read for the comparison only.  A guide file alone in its folder,
the common case, has nothing to compare (`may_have_translations`): the checks
and what they import (about 9 ms) are loaded only when there is.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import os

from guide_tui.core.fields import GUIDE_SUFFIXES
from guide_tui.core.loader import LoadResult, load_file

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from guide_tui.core.model import Guide
    from guide_tui.core.problems import Problem
    from guide_tui.core.translations import Shape


def may_have_translations(path: str, guide_id: str, *, translated: bool = False) -> bool:
    """Whether the translation checks have anything to look at for a file given on
    its own: it says what it was `translated` from, or another file in its folder
    is named `<guide_id>.<...>.yaml`.  Nothing is read and nothing heavy imported."""
    if translated:
        return True
    folder, own = os.path.split(os.path.abspath(path))
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return False
    prefix = f"{guide_id}."
    return any(name != own and name.startswith(prefix) and name.endswith(GUIDE_SUFFIXES) for name in names)


def beside(path: str | os.PathLike[str], guide_id: str) -> list[str]:
    """The other files named `<guide_id>.<language>.yaml` in the folder of `path`."""
    from guide_tui.library.scan import scan_folder, split_name

    own = os.path.realpath(path)
    folder = os.path.dirname(os.fspath(path))
    found = []
    for other in scan_folder(folder or ".", starting=f"{guide_id}."):
        if isinstance(other, str):
            other = other if folder else os.path.basename(other)  # named as the file was: "x.en.yaml"
            parts = split_name(other)
            if parts and parts[0] == guide_id and os.path.realpath(other) != own:
                found.append(other)
    return found


def translations_of(guide: Guide) -> list[Guide]:
    """The translations beside a loaded guide's file that load without errors."""
    found = []
    for path in beside(guide.path, guide.id):
        other = load_file(path).guide
        if other is not None and other.id == guide.id and other.language.lower() != guide.language.lower():
            found.append(other)
    return found


def check_results(results: Iterable[LoadResult], named: Iterable[str] = ()) -> list[Problem]:
    """Problems between the translations of every guide in `results`, with the
    translations beside each file in `named` (files given one by one) read too.
    A problem may be in a file that is not among `results` (a translation beside one)."""
    from guide_tui.core.translation_checks import check_translations
    from guide_tui.core.translations import shape_of

    results = list(results)
    shapes: list[Shape] = []
    seen: set[str] = set()
    for result in results:
        seen.add(os.path.realpath(result.path))
        if result.guide is not None:
            shapes.append(shape_of(result.guide))
    by_path = {r.path: r.guide for r in results if r.guide is not None}
    for path in named:
        guide = by_path.get(path)
        if guide is None:
            continue
        for other in beside(path, guide.id):
            real = os.path.realpath(other)
            if real in seen:
                continue
            seen.add(real)
            loaded = load_file(other).guide
            if loaded is not None and loaded.id == guide.id:
                shapes.append(shape_of(loaded))
    return check_translations(shapes)


# -- recording the version of the source a translation follows ------------------------

RECORD_KEY = "translated_from"
_COMMENT = "# written by `guide-tui translated`: the source's text this translation follows"


def source_for(guide: Guide, language: str | None = None) -> tuple[list[Guide], list[str]]:
    """The translations beside a guide that could be its source: the one in `language`
    (or the language its `translated_from` names) when given, else all of them;
    and the languages beside it."""
    others = translations_of(guide)
    wanted = language or (guide.translated_from.language if guide.translated_from else None)
    languages = [g.language for g in others]
    if wanted:
        others = [g for g in others if g.language.lower() == wanted.lower()]
    return others, languages


def record_block(source: Guide, newline: str = "\n") -> str:
    """The `translated_from` block that says a translation follows `source` as it is now."""
    from guide_tui.core.translations import recorded_form

    guide_print, steps = recorded_form(source)
    lines = [_COMMENT, f"{RECORD_KEY}:", f"  language: {source.language}", f"  guide: {guide_print}", "  steps:"]
    lines += [f"    - {entry}" for entry in steps]
    return newline.join(lines) + newline


def with_record(text: str, block: str) -> str:
    """The text of a guide file with its top-level `translated_from` block replaced
    by `block` (or added after `language:`, else after `id:`); everything else as it was."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _is_key(line, RECORD_KEY)), None)
    if start is not None:
        end = start + 1
        while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
            end += 1
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1  # blank lines after the block stay
        if start > 0 and lines[start - 1].rstrip("\r\n") == _COMMENT:
            start -= 1
        return "".join(lines[:start]) + block + "".join(lines[end:])
    at = next((i for i, line in enumerate(lines) if _is_key(line, "language")), None)
    if at is None:
        at = next((i for i, line in enumerate(lines) if _is_key(line, "id")), len(lines) - 1)
    at += 1
    while at < len(lines) and lines[at][:1] in (" ", "\t"):  # a value continued on the next lines
        at += 1
    before = "".join(lines[:at])
    if before and not before.endswith(("\n", "\r")):
        before += "\r\n" if "\r\n" in text else "\n"
    return before + block + "".join(lines[at:])


def _is_key(line: str, key: str) -> bool:
    return line.startswith(key) and line[len(key) :].lstrip(" ").startswith(":")
