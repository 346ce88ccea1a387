"""A guide file to a checked `Guide`, or every problem with its place.

    result = load_file("guides/x.zh-CN.yaml")
    result.guide      # a Guide when there is no error
    result.problems   # errors and warnings, each PATH:LINE:COLUMN

The shape of the file is read from the model's field specs (model.py); the
checks that span the whole guide (paths, ids, `{{key}}`) are in checks.py.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field

from guide_tui.core import checks
from guide_tui.core.model import (
    FORMAT_VERSION,
    IDENTIFIER_PATTERN,
    LANGUAGE_PATTERN,
    MAX_FILE_BYTES,
    MAX_LINE_CHARS,
    MAX_LIST_ITEMS,
    MAX_TEXT_CHARS,
    PHONE_PATTERN,
    SLUG_PATTERN,
    Ask,
    Blocks,
    Condition,
    Contact,
    FieldSpec,
    Guide,
    Item,
    Step,
    Text,
)
from guide_tui.core.model import field_specs as _field_specs
from guide_tui.core.problems import GuideError, Problem, position_in_text
from guide_tui.core.text import any_hidden, first_control, hidden_at
from guide_tui.core.yamlsafe import NULLS, Node, Steps, YamlProblem, decode, is_null, parse
from guide_tui.i18n import Message

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from typing import Any

_TEXT_KINDS = {"slug", "identifier", "language", "line", "text", "markdown", "phone", "url", "next", "choice"}
_MODEL_KINDS = ("model", "models")
_ONE_LINE_KINDS = {"line", "slug", "identifier", "phone", "url", "next", "language", "choice"}
_PATTERNS = {
    "slug": (re.compile(SLUG_PATTERN), Message("load.use.slug")),
    "next": (re.compile(SLUG_PATTERN), Message("load.use.next")),
    "identifier": (re.compile(IDENTIFIER_PATTERN), Message("load.use.identifier")),
    "language": (re.compile(LANGUAGE_PATTERN), Message("load.use.language")),
    "phone": (re.compile(PHONE_PATTERN), Message("load.use.phone")),
}
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_EXAMPLES = {
    "format": str(FORMAT_VERSION),
    "slug": "my-guide",
    "line": "…",
    "models": "[…]",
    "identifier": "answer",
    "model": "{…}",
}
# The field specs of a model never change: read them once (dataclasses.fields is slow).
field_specs = functools.cache(_field_specs)


@functools.cache
def _specs_by_key(model: type) -> dict[str, tuple[str, FieldSpec]]:
    """YAML key -> (attribute name, spec) of a model's fields."""
    return {fs.key: (name, fs) for name, fs in field_specs(model)}


@functools.cache
def _required(model: type) -> tuple[tuple[str, FieldSpec], ...]:
    """(attribute name, spec) of a model's required fields."""
    return tuple((name, fs) for name, fs in field_specs(model) if fs.required)


@functools.cache
def _required_names(model: type) -> frozenset[str]:
    return frozenset(name for name, _ in _required(model))


@functools.cache
def _item_spec(fs: FieldSpec) -> FieldSpec:
    """The spec of one item of a list of texts: a line (`lines`, checklist items) or Markdown."""
    line = fs.kind == "lines" or (fs.kind == "items" and fs.model_type is not Item)
    return FieldSpec(fs.key, "line" if line else "markdown", fs.doc)


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


def load_file(path: str | os.PathLike[str]) -> LoadResult:
    """Load a guide file, refusing one over the size limit before reading it whole."""
    shown = str(path)
    found = read_guide_bytes(path)
    if not isinstance(found, bytes):
        return _fail(shown, 1, 1, found)
    return load_bytes(found, shown)


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
    builder = _Builder(path)
    root = _root(data, builder, fast=fast)
    if isinstance(root, LoadResult):
        return root
    values = builder.mapping(Guide, root, ())
    result = LoadResult(path, problems=builder.problems)
    guide = Guide(**_complete(Guide, values), path=path, source_bytes=data, locations=builder.locations)
    if guide.steps:
        result.problems.extend(checks.check_guide(guide))
    result.problems = _capped(sorted(set(result.problems)))
    if not result.errors:
        result.guide = guide
    return result


def _root(data: bytes, builder: _Builder, *, fast: bool = True, steps: Steps | None = None) -> Node | LoadResult:
    """The file's top mapping, its duplicate keys in the builder's problems; or the
    LoadResult of a file that has no such mapping."""
    path = builder.path
    if len(data) > MAX_FILE_BYTES:
        return _fail(path, 1, 1, _too_big())
    duplicates: list[YamlProblem] = []
    try:
        text = decode(data)
        root = parse(text, fast=fast, problems=duplicates, steps=steps)
    except YamlProblem as exc:
        return _fail(path, exc.line, exc.column, exc.msg)
    builder.source = text  # to point at a character inside a value (_Builder.place_of)
    builder.plain_values = _plain_values(text)
    return _top(root, builder, duplicates)


def _plain_values(text: str) -> bool:
    """True when no value YAML reads from this text can hold a control character, an
    invisible one or a form NFC would change, so the loader need not look at each
    (`_Builder.text`): the text holds none (decode() refused the controls but the line
    breaks, which YAML reads as newlines), and no escape (`\\u200b`) can write one.
    Each value is then pieces of the text joined by spaces or newlines, which combine
    with nothing, and a piece of a text in NFC is in NFC."""
    return "\\" not in text and not any_hidden(text) and unicodedata.is_normalized("NFC", text)


def _top(root: Node | None, builder: _Builder, duplicates: list[YamlProblem]) -> Node | LoadResult:
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
    builder = _Builder(path)
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
    builder = _Builder(path)
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


def _header(builder: _Builder, root: Node, count: int | None) -> Header:
    """The Header of a top mapping whose steps were counted (None: `steps` is not a list)."""
    values = builder.mapping(Guide, root, (), skip=_NOT_HEADER)
    given = next((value for key, value in root.items if key.value == "steps"), None)
    spec = _specs_by_key(Guide)["steps"][1]
    if given is None:
        builder.error(root, Message("load.missing_key", place=_describe_place(Guide, ()), key="steps", example="…"))
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
        builder = _Builder(path)
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


def _complete(model: type, values: dict[str, Any]) -> dict[str, Any]:
    """Fill required fields that had errors with harmless stand-ins, so the
    rest of the guide can still be checked and every problem reported at once."""
    stand_in = {"format": FORMAT_VERSION, "models": (), "model": None}
    for name, fs in field_specs(model):
        if name not in values and fs.required:
            values[name] = stand_in.get(fs.kind, "")
    return values


class _Builder:
    """Turns a Node tree into model values, collecting problems as it goes."""

    def __init__(self, path: str, source: str = "") -> None:
        self.path = path
        self.source = source  # the file's text, to point at a character inside a value
        self.plain_values = False  # True: its values need no character checks (_plain_values)
        self._line_starts: list[int] | None = None
        self.problems: list[Problem] = []
        self.locations: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.suggestions_left = 50  # difflib is slow; a hostile file may hold thousands of typos

    def error(self, node: Node, message: Message, at: tuple[int, int] | None = None) -> None:
        line, column = at or (node.line, node.column)
        self.problems.append(Problem.of(self.path, line, column, "error", message))

    def place_of(self, node: Node, char: str) -> tuple[int, int]:
        """Line and column of `char` inside the value at `node`, written as itself or as
        a YAML escape (`\\u202e`); the value's own place when it cannot be found."""
        if not self.source:
            return node.line, node.column
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.source)]
        if node.line > len(self._line_starts):
            return node.line, node.column
        start = self._line_starts[node.line - 1] + node.column - 1
        code = ord(char)
        escapes = [rf"\\u(?i:{code:04x})", rf"\\U(?i:{code:08x})"] + ([rf"\\x(?i:{code:02x})"] if code < 0x100 else [])
        found = re.compile("|".join([re.escape(char), *escapes])).search(self.source, start)
        return position_in_text(self.source, found.start()) if found else (node.line, node.column)

    def mapping(self, model: type, node: Node, where: tuple[Any, ...], skip: tuple[str, ...] = ()) -> dict[str, Any]:
        """The model's values from a mapping; `skip`: keys read elsewhere (load_header)."""
        specs = _specs_by_key(model)
        found: dict[str, Any] = {}
        suggested: set[str | None] = set()  # a misspelt key already reported
        self.locations[where] = (node.line, node.column)
        for key_node, value_node in node.items:
            key = key_node.value
            spec = specs.get(key)
            if spec is not None and skip and key in skip:
                continue  # read elsewhere
            if spec is None:
                if key.startswith("x-"):
                    continue  # left to authors and tools
                self.suggestions_left -= 1
                message, close = _unknown_key(
                    key, list(specs), _describe_place(model, where), suggest=self.suggestions_left >= 0
                )
                self.error(key_node, message)
                suggested.add(close)
                continue
            name, fs = spec
            here = (*where, key)
            self.locations[here] = (value_node.line, value_node.column)
            if value_node.plain and value_node.value in NULLS and not fs.required and fs.kind not in _MODEL_KINDS:
                continue  # `key:` with nothing after it: as if absent (only a scalar is plain)
            if fs.kind in _TEXT_KINDS:
                value = self.text(fs, value_node)
            else:
                value = self.value(fs, value_node, here)
            if value is not None:
                found[name] = value
        missing = [fs for name, fs in _required(model) if name not in found]
        written = {k.value for k, _ in node.items} if missing else set()  # a key written with an error is not missing
        for fs in missing:
            if fs.key not in written and fs.key not in suggested and fs.key not in skip:
                self.error(
                    node,
                    Message(
                        "load.missing_key",
                        place=_describe_place(model, where),
                        key=fs.key,
                        example=_EXAMPLES.get(fs.kind, "…"),
                    ),
                )
        return found

    def value(self, fs: FieldSpec, node: Node, where: tuple[Any, ...]) -> Any:
        kind = fs.kind
        if kind in _TEXT_KINDS:
            return self.text(fs, node)
        if kind == "model":
            if node.kind != "map":
                self.error(node, Message("load.not_mapping", key=fs.key, found=node.describe()))
                return None
            return self.model(fs.model_type, node, where)
        if kind in ("models", "lines", "markdowns", "items"):
            return self.sequence(fs, node, where)
        if kind == "blocks":  # one Markdown text, or a list of blocks
            if node.kind == "seq":
                blocks = self.sequence(fs, node, where)
                return Blocks(blocks) if blocks else None
            text = self.text(FieldSpec(fs.key, "markdown", fs.doc), node)
            return Blocks((Text(text),)) if text is not None else None
        if kind == "when":
            return self.when(fs, node, where)
        if kind == "format":
            if node.kind == "scalar" and node.plain and node.value == str(FORMAT_VERSION):
                return FORMAT_VERSION
            quoted = node.kind == "scalar" and not node.plain and node.value.strip() == str(FORMAT_VERSION)
            hint = Message("load.hint.unquote") if quoted else ""
            self.error(
                node, Message("load.format_not_number", version=FORMAT_VERSION, found=node.describe(), hint=hint)
            )
            return None
        if kind == "positive_int":
            if (
                node.kind == "scalar"
                and node.plain
                and re.fullmatch(r"\+?[0-9]{1,9}", node.value)
                and int(node.value) > 0
            ):
                if fs.maximum is not None and int(node.value) > fs.maximum:
                    self.error(node, Message("load.too_big_number", key=fs.key, n=int(node.value), limit=fs.maximum))
                    return None
                return int(node.value)
            quoted = node.kind == "scalar" and not node.plain and node.value.isdigit()
            self.error(
                node,
                Message(
                    "load.not_positive",
                    key=fs.key,
                    found=node.describe(),
                    hint=Message("load.hint.unquote") if quoted else "",
                ),
            )
            return None
        if kind == "bool":
            if node.kind == "scalar" and node.plain and node.value.lower() in ("true", "false"):
                return node.value.lower() == "true"
            self.error(node, Message("load.not_bool", key=fs.key, found=node.describe()))
            return None
        if kind == "date":
            return self.date(fs, node)
        raise AssertionError(f"unknown field kind {kind}")  # pragma: no cover

    def model(self, model: type, node: Node, where: tuple[Any, ...]) -> Any:
        values = self.mapping(model, node, where)
        if model is Step and "id" not in values:
            values["id"] = f"step-{where[-1] + 1}"
        if (
            model is Contact
            and not any(k in values for k in ("phone", "url", "channel"))
            and not {"phone", "url", "channel"} & {k.value for k, _ in node.items}
        ):
            self.error(node, Message("load.contact_unreachable", place=_describe_place(model, where)))
        if model is Ask:
            self.ask_shape(node, values)
        if not values.keys() >= _required_names(model):
            values = _complete(model, values)
        try:
            return model(**values)
        except TypeError:  # pragma: no cover - _complete fills every required field
            return None

    def sequence(self, fs: FieldSpec, node: Node, where: tuple[Any, ...]) -> tuple[Any, ...] | None:
        if node.kind != "seq":
            self.error(node, Message("load.not_list", key=fs.key, found=node.describe()))
            return None
        if len(node.items) < fs.min_items:
            self.error(
                node,
                Message(
                    "load.too_few_steps" if fs.key == "steps" else "load.too_few_items",
                    key=fs.key,
                    least=fs.min_items,
                    count=len(node.items),
                ),
            )
        if len(node.items) > fs.max_items:
            self.error(
                node,
                Message(
                    "load.too_many_steps" if fs.key == "steps" else "load.too_many_items",
                    key=fs.key,
                    count=len(node.items),
                    limit=fs.max_items,
                ),
            )
            return None
        out = []
        item_spec = _item_spec(fs)
        kind = fs.kind
        locations = self.locations
        for index, item in enumerate(node.items):
            here = (*where, index)
            locations[here] = (item.line, item.column)
            if kind == "models":
                if item.kind != "map":
                    self.error(item, _item_not_mapping(fs, item))
                    continue
                value = self.model(fs.model_type, item, here)
            elif kind in ("items", "blocks") and item.kind == "map":  # `{text, when}`
                mapped = self.model(fs.model_type, item, here)
                value = Text(mapped.text, mapped.when) if mapped is not None and mapped.text else None
            elif kind in ("items", "blocks"):
                text = self.text(item_spec, item, list_item=True)
                value = Text(text) if text is not None else None
            else:
                value = self.text(item_spec, item, list_item=True)
            if value is not None:
                out.append(value)
        return tuple(out)

    def text(self, fs: FieldSpec, node: Node, list_item: bool = False) -> str | None:
        if node.kind != "scalar" or (node.plain and is_null(node.value)):
            hint = Message("load.hint.after_colon") if node.kind == "scalar" else ""
            self.error(node, Message("load.not_text", what=_what(fs.key, list_item), found=node.describe(), hint=hint))
            return None
        one_line = fs.kind in _ONE_LINE_KINDS
        if self.plain_values:
            text = node.value
        else:
            text = unicodedata.normalize("NFC", node.value)
            # One character policy for every text field (core/text.py): control characters
            # never; characters that draw nothing (bidi controls, zero-width, other format
            # characters) never, but for a joiner that does a script's or an emoji's work.
            bad = first_control(text)
            if bad:
                self.error(node, Message("load.control", what=_what(fs.key, list_item), char=_codepoint(bad)))
                return None
            # A text over the limit is refused below, so the first limit+1 characters are enough.
            hidden = hidden_at(text[: (MAX_LINE_CHARS if one_line else MAX_TEXT_CHARS) + 1])
            if hidden is not None:
                char = text[hidden]
                self.error(
                    node,
                    Message("load.invisible", what=_what(fs.key, list_item), char=_codepoint(char)),
                    self.place_of(node, char),
                )
                return None
        if one_line:
            if "\n" in text.strip():
                self.error(node, Message("load.one_line", what=_what(fs.key, list_item)))
                return None
            text = text.strip()
        if not text and (fs.required or list_item):
            self.error(node, Message("load.empty_text", what=_what(fs.key, list_item)))
            return None
        limit = MAX_LINE_CHARS if one_line else MAX_TEXT_CHARS
        if len(text) > limit:
            body = fs.kind == "line" and not list_item
            self.error(
                node,
                Message(
                    "load.too_long_line" if body else "load.too_long",
                    what=_what(fs.key, list_item),
                    length=len(text),
                    limit=limit,
                ),
            )
            return None
        if fs.kind == "next" and text == "end":
            return text
        if fs.kind in _PATTERNS:
            pattern, example = _PATTERNS[fs.kind]
            if not pattern.fullmatch(text):
                self.error(
                    node, Message("load.invalid", what=_what(fs.key, list_item), text=_short_text(text), use=example)
                )
                return None
        if fs.kind == "choice" and text not in fs.choices:
            use = Message("load.use.choice", choices=", ".join(f"`{c}`" for c in fs.choices))
            self.error(node, Message("load.invalid", what=_what(fs.key, list_item), text=_short_text(text), use=use))
            return None
        if fs.kind == "url":
            problem = checks.url_message(text, fs.schemes)
            if problem:
                self.error(node, Message("load.bad_url", what=_what(fs.key, list_item), problem=problem))
                return None
        return text

    def when(self, fs: FieldSpec, node: Node, where: tuple[Any, ...]) -> tuple[Condition, ...] | None:
        """`{KEY: LABEL}` or `{KEY: [LABEL, ...]}`; whether each key and label exists
        is checked with the whole guide (checks.py), at the places recorded here."""
        if node.kind != "map" or not node.items:
            self.error(node, Message("load.when_shape", key=fs.key, found=node.describe()))
            return None
        conditions = []
        key_spec = FieldSpec(fs.key, "identifier", fs.doc)
        label_spec = FieldSpec(fs.key, "line", fs.doc)
        for key_node, value_node in node.items:
            key = self.text(key_spec, key_node)
            if key is None:
                continue
            here = (*where, key)
            self.locations[here] = (key_node.line, key_node.column)
            label_nodes = value_node.items if value_node.kind == "seq" else [value_node]
            if value_node.kind == "map" or not label_nodes or len(label_nodes) > MAX_LIST_ITEMS:
                self.error(value_node, Message("load.when_labels", key=key, found=value_node.describe()))
                continue
            labels = []
            for index, label_node in enumerate(label_nodes):
                self.locations[(*here, index)] = (label_node.line, label_node.column)
                labels.append(self.text(label_spec, label_node, list_item=value_node.kind == "seq"))
            if None not in labels:  # a label refused has its error; the guide does not load
                conditions.append(Condition(key, tuple(label for label in labels if label is not None)))
        return tuple(conditions) if conditions else None

    def ask_shape(self, node: Node, values: dict[str, Any]) -> None:
        """A question has `options` or `input`, not both; the keys of a typed
        answer (`max_length`, `hint`, `private`) go with `input`, `max_length`
        with `input: text` only."""
        written = {k.value: k for k, _ in node.items}
        if "options" in written and "input" in written:
            self.error(written["input"], Message("load.ask_both"))
        elif "options" not in written and "input" not in written:
            self.error(node, Message("load.ask_neither"))
        if "input" not in written:
            for key in ("max_length", "hint", "private"):
                if key in written:
                    self.error(written[key], Message("load.ask_input_only", key=key))
        elif "max_length" in written and values.get("input", "text") != "text":
            self.error(written["max_length"], Message("load.max_length_text", kind=values.get("input", "")))

    def date(self, fs: FieldSpec, node: Node) -> _dt.date | None:
        match = _DATE.fullmatch(node.value) if node.kind == "scalar" else None
        if not match:
            self.error(node, Message("load.not_date", key=fs.key, found=node.describe()))
            return None
        try:
            return _dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            self.error(node, Message("load.unreal_date", key=fs.key, date=node.value))
            return None


def _item_not_mapping(fs: FieldSpec, item: Node) -> Message:
    """An item of a list of mappings written as a word (`options: [Yes, No]`): say how
    to write it, with the key it most likely means (`- label: Yes`)."""
    key = next((spec.key for _, spec in field_specs(fs.model_type) if spec.required and spec.kind == "line"), None)
    if key is None or item.kind != "scalar" or not item.value.strip() or "\n" in item.value:
        return Message("load.item_not_mapping", key=fs.key, found=item.describe())
    return Message(
        "load.item_not_mapping_hint", key=fs.key, found=item.describe(), name=key, value=_short_text(item.value)
    )


def _what(key: str, list_item: bool) -> Message:
    """Which key or item a text problem is about (made only when there is a problem)."""
    return Message("load.what.item" if list_item else "load.what.key", key=key)


def _codepoint(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _short_text(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unknown_key(key: str, valid: list[str], place: Message, suggest: bool = True) -> tuple[Message, str | None]:
    """The message for an unknown key, and the valid key it is close to (if any)."""
    import difflib  # only for a mistake: kept off the start-up path

    close = difflib.get_close_matches(key.lower()[:40], valid, n=1, cutoff=0.6) if suggest else []
    shown: Message | str = _short_text(key) if key else Message("load.empty_key")
    hint = Message("load.did_you_mean", name=close[0]) if close else Message("load.valid_keys", keys=", ".join(valid))
    return Message("load.unknown_key", key=shown, place=place, hint=hint), close[0] if close else None


# Where a key is, by model: (without a number, with the number {n}).
_PLACES = {
    "Guide": (Message("load.place.guide"), "load.place.guide"),
    "Step": (Message("load.place.step"), "load.place.step_n"),
    "Ask": (Message("load.place.ask"), "load.place.ask"),
    "Option": (Message("load.place.option"), "load.place.option_n"),
    "Contact": (Message("load.place.contact"), "load.place.contact_n"),
    "Source": (Message("load.place.source"), "load.place.source"),
    "Finish": (Message("load.place.finish"), "load.place.finish"),
    "TranslatedFrom": (Message("load.place.translated_from"), "load.place.translated_from"),
    "Item": (Message("load.place.item"), "load.place.item_n"),
    "LineItem": (Message("load.place.item"), "load.place.item_n"),
}


def _describe_place(model: type, where: tuple[Any, ...]) -> Message:
    alone, numbered = _PLACES[model.__name__]
    if where and isinstance(where[-1], int):
        return Message(numbered, n=where[-1] + 1)
    return alone
