"""A guide file to a checked `Guide`, or every problem with its place.

    result = load_file("guides/x.zh-CN.yaml")
    result.guide      # a Guide when there is no error
    result.problems   # errors and warnings, each PATH:LINE:COLUMN

Here: reading a file's bytes and the entry points (load_file, load_bytes,
load_header, load_start).  Each value is read by the `Builder` (builder.py)
against the model's field specs (model.py, fields.py); the checks that span the whole guide
(paths, ids, `{{key}}`) are in checks.py.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field

from guide_tui.core import checks
from guide_tui.core.builder import Builder, complete, specs_by_key
from guide_tui.core.fields import FORMAT_VERSION, MAX_FILE_BYTES
from guide_tui.core.model import Guide
from guide_tui.core.problems import GuideError, Problem
from guide_tui.core.refusals import describe_place
from guide_tui.core.text import any_hidden
from guide_tui.core.yamlsafe import Node, Steps, YamlProblem, decode, is_null, parse
from guide_tui.i18n import Message

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from typing import Any

# A file with more problems than this gets the first ones and a count of the rest.
MAX_PROBLEMS = 100
READ_CHUNK = 64 * 1024  # what is read at a time past a file's size when it grows


@dataclass
class LoadResult:
    """What loading one file gave: a guide (if no errors) and every problem."""

    path: str
    guide: Guide | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def load_guide(path: str | os.PathLike[str]) -> Guide:
    """Load and check a guide file; GuideError lists every error."""
    result = load_file(path)
    if result.guide is None:
        raise GuideError(result.errors)
    return result.guide


def load_file(path: str | os.PathLike[str], *, keep: bool = False) -> LoadResult:
    """Load a guide file, refusing one over the size limit before reading it whole.

    keep=True keeps the result: loading the same path again gives it back while the file
    holds the same bytes (read again and compared, not dated), without parsing or checking
    it again.  `serve`'s warm starter keeps the guide it serves, so each tab it forks
    starts without loading it (a Guide is never changed once loaded)."""
    shown = str(path)
    found = read_guide_bytes(path)
    if not isinstance(found, bytes):
        return _fail(shown, 1, 1, found)
    kept = _kept.get(shown)
    if kept is not None and kept[0] == found:
        return LoadResult(shown, kept[1].guide, list(kept[1].problems))
    result = load_bytes(found, shown)
    if keep:
        _kept[shown] = (found, LoadResult(shown, result.guide, list(result.problems)))
    return result


_kept: dict[str, tuple[bytes, LoadResult]] = {}  # load_file(keep=True): path -> its bytes and result


def read_guide_bytes(path: str | os.PathLike[str]) -> bytes | Message:
    """The bytes of a guide file, or what stops it being read.

    Only a regular file is read: it is opened without waiting (a named pipe would
    wait for a writer for ever, a device might never end) and checked before a
    byte is read; one over the size limit is refused before it is read whole."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        return Message("load.is_folder")
    except FileNotFoundError:
        try:  # a link to nothing is not "no such file": the link is there
            return Message("load.broken_link", target=os.readlink(path))
        except OSError:
            return Message("load.no_file")
    except OSError as exc:
        return Message("load.cannot_read", reason=exc.strerror or str(exc))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return Message("load.is_folder")
        if not stat.S_ISREG(info.st_mode):
            return Message("load.not_regular")
        if info.st_size > MAX_FILE_BYTES:
            return _too_big()
        # Its size and a byte more (not a buffer of the limit, 1 MiB, for a 3 KB guide):
        # a regular file gives all of it at once, and one that grew (or says 0, as in
        # /proc) is read on in chunks, up to the limit.
        chunks = [os.read(fd, info.st_size + 1)]
        read = len(chunks[0])
        while chunks[-1] and read <= MAX_FILE_BYTES:
            chunks.append(os.read(fd, READ_CHUNK))
            read += len(chunks[-1])
        return b"".join(chunks)
    except OSError as exc:
        return Message("load.cannot_read", reason=exc.strerror or str(exc))
    finally:
        os.close(fd)


def load_bytes(data: bytes, path: str = "<guide>", *, fast: bool = True) -> LoadResult:
    """Load a guide from the bytes of a file; `path` is only used in messages.

    fast=True reads with libyaml where it is installed; the problems (words
    and places) are the same either way (see yamlsafe.parse)."""
    try:
        result = _load(data, path, fast=fast)
    except RecursionError:  # pragma: no cover - depth is limited before anything recurses
        return _fail(path, 1, 1, Message("load.recursion"))
    except Exception as exc:  # pragma: no cover - a bug; never crash on a file
        return _fail(path, 1, 1, Message("load.internal", error=type(exc).__name__))
    return result


def _load(data: bytes, path: str, *, fast: bool) -> LoadResult:
    builder = Builder(path)
    root = _root(data, builder, fast=fast)
    if isinstance(root, LoadResult):
        return root
    values = builder.mapping(Guide, root, ())
    result = LoadResult(path, problems=builder.problems)
    guide = Guide(**complete(Guide, values), path=path, source_bytes=data, locations=builder.locations)
    if guide.steps:
        result.problems.extend(checks.check_guide(guide, frozenset(builder.refused)))
    result.problems = _capped(sorted(set(result.problems)))
    if not result.errors:
        result.guide = guide
    return result


def _root(data: bytes, builder: Builder, *, fast: bool = True, steps: Steps | None = None) -> Node | LoadResult:
    """The file's top mapping, its duplicate keys in the builder's problems; or the
    LoadResult of a file that has no such mapping."""
    path = builder.path
    if len(data) > MAX_FILE_BYTES:
        return _fail(path, 1, 1, _too_big())
    duplicates: list[YamlProblem] = []
    text = ""
    try:
        text = decode(data)
        root = parse(text, fast=fast, problems=duplicates, steps=steps)
    except YamlProblem as exc:
        # A key typed with a Chinese input method's "：" is where to mend it, not the later
        # place YAML stops at (read only for a file with a mistake: kept off the start-up path).
        from guide_tui.core import fullwidth

        typo = fullwidth.first_mistake(text, exc.line) if text else None
        return _fail(path, *typo) if typo else _fail(path, exc.line, exc.column, exc.msg)
    builder.source = text  # to point at a character inside a value (Builder.place_of)
    builder.plain_values = _plain_values(text)
    return _top(root, builder, duplicates)


def _plain_values(text: str) -> bool:
    """True when no value YAML reads from this text can hold a control character, an
    invisible one or a form NFC would change, so the loader need not look at each
    (`Builder.text`): the text holds none (decode() refused the controls but the line
    breaks, which YAML reads as newlines), and no escape (`\\u200b`) can write one.
    Each value is then pieces of the text joined by spaces or newlines, which combine
    with nothing, and a piece of a text in NFC is in NFC."""
    return "\\" not in text and not any_hidden(text) and unicodedata.is_normalized("NFC", text)


def _top(root: Node | None, builder: Builder, duplicates: list[YamlProblem]) -> Node | LoadResult:
    path = builder.path
    if root is None or (root.kind == "scalar" and root.plain and is_null(root.value)):
        return _fail(path, 1, 1, Message("load.empty"))
    if root.kind != "map":
        return _fail(path, root.line, root.column, Message("load.top_not_mapping", found=root.describe()))
    version = _format_problem(root)
    if version is not None:
        return _fail(path, version[0].line, version[0].column, version[1])
    builder.problems.extend(Problem.of(path, d.line, d.column, "error", d.msg) for d in duplicates)
    return root


@dataclass
class Header:
    """A guide's own fields and how many steps it has, read without its steps (load_header)."""

    path: str
    values: dict[str, Any] | None = None  # the Guide's fields but `steps`; None when they have errors
    steps: int = 0
    problems: list[Problem] = field(default_factory=list)


def load_header(data: bytes, path: str = "<guide>", *, quick: bool = True) -> Header:
    """A guide's own fields (id, language, title, summary, tags, source ...), checked as
    `load_bytes` checks them, and how many steps it has, without building or checking
    the steps (nor `support` and `finish`, shown only in a walk): how a library of
    thousands of guides is listed (`load_bytes` checks everything).

    A guide written as guides are (block style, `steps:` at the start of a line and
    its items below it) is read without its steps at all: they are counted by their
    lines, and YAML reads only the rest, in about a tenth of the time.  So a YAML
    mistake inside the steps is found when the guide is opened or validated, and a
    quoted text running over lines that start like an item counts as one.  Any other
    file, or one whose fields have a problem, is read whole, event by event (its
    steps counted, not built), so every problem is the loader's, at its place.
    quick=False reads every file that way."""
    found = _quick_header(data, path) if quick else None
    if found is not None and found.values is not None:
        return found
    builder = Builder(path)
    steps = Steps(keep=0)
    try:
        root = _root(data, builder, steps=steps)
    except Exception as exc:  # pragma: no cover - a bug; never crash on a file
        root = _fail(path, 1, 1, Message("load.internal", error=type(exc).__name__))
    if isinstance(root, LoadResult):
        return Header(path, problems=root.problems)
    return _header(builder, root, steps.count if steps.found else None)


# What a header leaves to the full check: the steps, and the parts shown only in a walk.
_NOT_HEADER = ("steps", "support", "finish")
# `steps:` alone on a line at the start (a comment may follow), and the start of a list item.
_STEPS_LINE = re.compile(r"^steps:[ \t]*(?:#[^\r\n]*)?\r?$", re.M)
_ITEM = re.compile(r"^([ ]*)-(?:[ \t]|\r?$)", re.M)
_BLANK_OR_COMMENT = re.compile(r"(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*")


def _quick_header(data: bytes, path: str) -> Header | None:
    """load_header's quick way (see there), or None when the file is not written so."""
    try:
        text = decode(data) if len(data) <= MAX_FILE_BYTES else None
    except YamlProblem:
        return None
    found = _STEPS_LINE.search(text) if text is not None else None
    if text is None or found is None:
        return None
    start = found.end() + 1  # the line after `steps:`
    first = _ITEM.match(text, _BLANK_OR_COMMENT.match(text, start).end())  # type: ignore[union-attr]
    if first is None:
        return None  # `steps:` followed by something else than a list of items
    indent = first.group(1)
    # The list ends at the first line less indented than its items, or as indented but not an
    # item; each pattern starts with a newline, which re finds fast (^ is tried everywhere).
    ends = re.compile(rf"\n(?!{indent}-[ \t\r\n]|{indent} |[ \t]*(?:#|\r?\n|\Z))")
    end = ends.search(text, first.start() - 1)
    stop = end.start() + 1 if end else len(text)
    items = text[first.start() - 1 : stop]
    count = sum(items.count(f"\n{indent}-{after}") for after in (" ", "\t", "\n", "\r\n"))
    # The steps are left out, their lines kept (blank), so every place stays where it is.
    rest = text[: found.end()] + "\n" * text.count("\n", found.end(), stop) + text[stop:]
    builder = Builder(path)
    duplicates: list[YamlProblem] = []
    try:
        root = _top(parse(rest, problems=duplicates), builder, duplicates)
    except (YamlProblem, Exception):
        return None
    if isinstance(root, LoadResult):
        return None
    given = next((value for key, value in root.items if key.value == "steps"), None)
    if given is None or not (given.kind == "scalar" and given.plain and is_null(given.value)):
        return None  # something under `steps:` was not one of its items: read the file whole
    return _header(builder, root, count)


def _header(builder: Builder, root: Node, count: int | None) -> Header:
    """The Header of a top mapping whose steps were counted (None: `steps` is not a list)."""
    values = builder.mapping(Guide, root, (), skip=_NOT_HEADER)
    given = next((value for key, value in root.items if key.value == "steps"), None)
    spec = specs_by_key(Guide)["steps"][1]
    if given is None:
        builder.error(root, Message("load.missing_key", place=describe_place(Guide, ()), key="steps", example="…"))
    elif count is None:
        builder.error(given, Message("load.not_list", key="steps", found=given.describe()))
    elif not spec.min_items <= count <= spec.max_items:
        builder.error(
            given,
            Message("load.too_few_steps", key="steps", least=spec.min_items, count=count)
            if count < spec.min_items
            else Message("load.too_many_steps", key="steps", count=count, limit=spec.max_items),
        )
    problems = _capped(sorted(set(builder.problems)))
    errors = any(p.is_error for p in problems)
    return Header(builder.path, None if errors else values, count or 0, problems)


def load_start(data: bytes, path: str = "<guide>", steps: int = 2) -> Guide | None:
    """The guide with only its first `steps` steps, read from the start of the file and
    no further, and checked no further than the shape of what was read: what the
    first paint of a long guide needs.  None when the file was read to its end (it
    is short: load it whole) or what was read has errors.  The caller loads and
    checks the whole file next, before the user can act on it."""
    # The first lines are enough for the first steps: only they are decoded and parsed
    # (a 1 MiB guide's whole text took as long as the rest of this).
    cut = data.rfind(b"\n", 0, START_BYTES) + 1 if len(data) > START_BYTES else 0
    for part_of_data in (data[:cut], data) if cut else (data,):
        builder = Builder(path)
        part = Steps(keep=steps, stop=True)
        try:
            root = _root(part_of_data, builder, steps=part)
        except Exception:  # pragma: no cover - a bug: the whole load says what it is
            return None
        if isinstance(root, LoadResult) or part.complete or not part.found:
            continue  # the first steps do not end within these lines: try all of them
        values = builder.mapping(Guide, root, ())
        if any(p.is_error for p in builder.problems):
            return None
        return Guide(**values, path=path, source_bytes=data, locations=builder.locations)
    return None


START_BYTES = 32 * 1024  # what load_start reads first


def _format_problem(root: Node) -> tuple[Node, Message] | None:
    """A `format` that is not 1 makes every other message noise: report it alone.

    A missing or unreadable `format` is reported with everything else."""
    for key, value in root.items:
        if key.value != "format":
            continue
        if (
            value.kind == "scalar"
            and value.plain
            and re.fullmatch(r"[0-9]{1,9}", value.value)
            and int(value.value) != FORMAT_VERSION
        ):
            return value, Message("load.format_version", found=int(value.value), version=FORMAT_VERSION)
    return None


def _capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS problems (errors before warnings), in file order,
    then one that says how many more there are and where the first of them is."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    ranked = [p for p in problems if p.is_error] + [p for p in problems if not p.is_error]
    shown, hidden = sorted(ranked[:MAX_PROBLEMS]), sorted(ranked[MAX_PROBLEMS:])
    severity = "error" if any(p.is_error for p in hidden) else "warning"
    return shown + [
        Problem.of(
            hidden[0].path, hidden[0].line, hidden[0].column, severity, Message("load.more_problems", n=len(hidden))
        )
    ]


def _too_big() -> Message:
    return Message("load.too_big", mib=MAX_FILE_BYTES // 1024 // 1024)


def _fail(path: str, line: int, column: int, message: Message) -> LoadResult:
    return LoadResult(path, problems=[Problem.of(path, line, column, "error", message)])
