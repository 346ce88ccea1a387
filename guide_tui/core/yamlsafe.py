"""Bytes to a small YAML tree, safely, with positions.

PyYAML is only asked for its event stream (scanner and parser); the tree is
built here so that the dangerous parts never run:

- no constructor runs, so no tag can build a Python object, and explicit tags
  outside YAML's core types are refused;
- aliases are refused, so "billion laughs" and self-reference cannot happen;
  so are anchors, which are then of no use (mostly text YAML took for one);
- depth is counted while reading events, before anything recursive runs
  (libyaml's composer segfaults and PyYAML's raises RecursionError on very
  deep flow nesting; the event stream itself survives), and so is the number
  of nodes, so a 1 MiB file cannot become millions of objects;
- duplicate keys are reported at the second one (PyYAML would keep the last);
- scalars keep the text that was written, so `no`, `0123` or `9:30` in a title
  stay text: the loader decides types from the guide model, not YAML 1.1.

libyaml is used when present; on a syntax error the pure-Python parser is
run again so that messages and positions are the same with and without it
(the problems found here come from event positions, which both agree on).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import yaml

from guide_tui.core.fields import MAX_DEPTH
from guide_tui.core.problems import position_in_text
from guide_tui.core.text import other_encoding
from guide_tui.i18n import Message

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from typing import Any

# The most lists, mappings and scalars one file may hold (the bundled guide has
# about 150). A guide at the step limit fits unless most steps hold a question;
# a hostile 1 MiB file could otherwise make half a million, each a Python object.
MAX_NODES = 100_000

_CORE_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")} | {
    "!"
}

# C0 controls except tab, newline and carriage return; DEL; C1 controls; the
# Unicode line/paragraph separators (YAML 1.1 counts them as line breaks but
# editors do not, so positions would disagree); the two non-characters.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")

try:  # libyaml is much faster where it is installed
    _FAST_LOADER: type | None = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _FAST_LOADER = None

HAVE_LIBYAML = _FAST_LOADER is not None
_NO_ITEMS: list[Any] = []  # shared by every scalar (never appended to): a list each would cost 56 bytes


class YamlProblem(Exception):
    """A problem that stops reading the file, at a 1-based line and column.

    `msg` is the message for any language; `message` its English words."""

    def __init__(self, line: int, column: int, msg: Message) -> None:
        super().__init__(msg.text("en"))
        self.line, self.column, self.msg, self.message = line, column, msg, msg.text("en")


@dataclass(slots=True)
class Node:
    """A YAML node: kind is "map", "seq" or "scalar"."""

    kind: str
    line: int  # 1-based
    column: int  # 1-based
    value: str = ""  # scalars: the text as written (escapes resolved)
    plain: bool = False  # scalars: unquoted and untagged, so YAML would guess its type
    tagged: str | None = None  # an explicit core tag, if one was written
    items: list[Any] = field(default_factory=list)  # seq: [Node]; map: [(Node, Node)]; scalar: ()

    def describe(self) -> Message:
        """What this node is, in words, for "expected X, found Y" messages."""
        if self.kind == "map":
            return Message("load.found.mapping")
        if self.kind == "seq":
            return Message("load.found.list")
        if self.plain and is_null(self.value):
            return Message("load.found.nothing")
        if self.plain and re.fullmatch(r"(?i:true|false|yes|no|on|off)", self.value):
            return Message("load.found.word", word=self.value)
        if self.plain and re.fullmatch(r"[-+]?[0-9][0-9_.:]*", self.value):
            return Message("load.found.number", number=_short(self.value))
        return Message("load.found.text", text=_short(self.value))


NULLS = frozenset(("", "~", "null", "Null", "NULL"))  # the plain scalars YAML reads as null


def is_null(text: str) -> bool:
    """True for the plain scalars YAML reads as null (`key:` with nothing after it)."""
    return text in NULLS


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def decode(data: bytes) -> str:
    """Bytes of a guide file as text; YamlProblem if it is not clean UTF-8.

    A UTF-8 byte-order mark is accepted and dropped."""
    encoding = other_encoding(data)
    if encoding:
        raise YamlProblem(1, 1, Message("load.wrong_encoding", encoding=encoding))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\0")
    end = nul if nul >= 0 else len(data)
    try:
        text = data[:end].decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        line, column = position_in_text(good, len(good))
        raise YamlProblem(line, column, Message("load.not_utf8", byte=data[exc.start])) from None
    if nul >= 0:
        line, column = position_in_text(text, len(text))
        raise YamlProblem(line, column, Message("load.nul_byte"))
    bad = _RAW_CONTROL.search(text)
    if bad:
        line, column = position_in_text(text, bad.start())
        raise YamlProblem(line, column, Message("load.raw_control", code=ord(bad.group())))
    return text


@dataclass(slots=True)
class Steps:
    """How much of the top-level `steps` list `parse` builds.

    keep: build only the first `keep` items (None: all).  The others are counted
    in `count` without being built (a library lists thousands of guides and
    needs only how many steps each has).  stop: stop reading the file as soon as
    `keep` items are built, leaving the rest unread (the first paint of a long
    guide needs only its first step).  `found` is set when there is a `steps` list,
    `complete` when the whole file was read."""

    keep: int | None = None
    stop: bool = False
    count: int = 0
    found: bool = False
    complete: bool = True


def parse(
    text: str, *, fast: bool = True, problems: list[YamlProblem] | None = None, steps: Steps | None = None
) -> Node | None:
    """The single document in text as a Node tree (None for an empty file).

    Problems that end the reading raise YamlProblem.  Duplicate keys do not
    when a `problems` list is given: each is added to it (the first value is
    kept) so that every other problem in the file can still be found.
    `steps` reads only part of the top-level `steps` list (see Steps)."""
    loader = _FAST_LOADER if fast and _FAST_LOADER is not None else yaml.SafeLoader
    found: list[YamlProblem] = []
    reader = loader(text)
    try:
        root = _build(reader, found, raise_duplicates=problems is None, steps=steps, anchors="&" in text)
    except yaml.MarkedYAMLError as exc:
        if loader is not yaml.SafeLoader:
            if steps is not None:
                steps.count, steps.found, steps.complete = 0, False, True
            return parse(text, fast=False, problems=problems, steps=steps)  # the same message and place without libyaml
        # PyYAML's own words stay English (they name YAML's terms); the hint is translated.
        detail = f"{exc.problem} ({exc.context})" if exc.context and exc.problem else f"{exc.problem or exc.context}"
        unclosed = exc.context_mark is not None and _UNCLOSED in detail
        mark = exc.context_mark if unclosed else exc.problem_mark or exc.context_mark
        runs_on = None if unclosed or mark is None else _quote_run_on(text, mark.line)
        hint: Message | str
        if runs_on is not None:  # reported where the quote opens, which is where to mend it
            mark, hint = runs_on, Message("load.hint.quote_runs_on", line=mark.line + 1)
        elif unclosed:
            hint = Message("load.hint.unclosed_quote")
        else:
            lines = text.split("\n", mark.line + 1) if mark else []
            line = lines[mark.line] if mark and mark.line < len(lines) else ""
            before = next((b for b in reversed(lines[: mark.line]) if b.strip()), "") if mark else ""
            hint = _syntax_hint(detail, line, before, mark)
        raise YamlProblem(
            mark.line + 1 if mark else 1,
            mark.column + 1 if mark else 1,
            Message("load.yaml_syntax", detail=detail, hint=hint),
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - decode() catches what the reader would
        if loader is not yaml.SafeLoader:
            return parse(text, fast=False, problems=problems)
        raise YamlProblem(1, 1, Message("load.yaml_syntax", detail=str(exc), hint="")) from None
    finally:
        reader.dispose()
    if problems is not None:
        problems.extend(found)
    return root


# A key's or a list item's value that YAML reads as the start of something else: a quoted
# text, a [list] or a {mapping} with words after it ("Pull" the cable, [Optional] Wait).
_VALUE_START = re.compile(r"""^\s*(?:-\s+)?[^\s:#][^:#]*:\s+["'\[{]|^\s*-\s+["'\[{]""")


# A quoted text that runs to the end of the file: it is reported where its quote opens.
_UNCLOSED = "found unexpected end of stream (while scanning a quoted scalar)"
# A line's first key (after a list's "- "), up to its colon.
_FIRST_KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*):(?:\s|$)")


def _syntax_hint(message: str, line: str = "", before: str = "", mark: Any = None) -> Message | str:
    """A hint on how to fix the YAML mistakes authors make most (PyYAML's words in; `line`,
    the line the problem is on, `before` the last line above it that is not blank, and
    `mark` where on the line)."""
    if "while scanning an alias" in message or "while scanning an anchor" in message:
        return Message("load.hint.quote_star")
    if "sequence entries are not allowed here" in message:
        return Message("load.hint.quote_dash")
    if (
        "expected <block end>, but found '<scalar>'" in message
        and (
            _VALUE_START.match(line)  # `body: "Pull" the cable`
            or (mark is not None and line[: mark.column].rstrip().endswith(('"', "'")))  # a quote that closed above
        )
    ):
        return Message("load.hint.quote_whole")
    if "'\\t'" in message:
        return Message("load.hint.tabs")
    if "mapping values are not allowed" in message:
        key = _FIRST_KEY.match(line)
        if key and mark is not None and mark.column == key.end(2) and _indent(line) > _indent(before):
            return Message("load.hint.over_indented", key=key.group(2))  # `body:` under `title: A`, further in
        return Message("load.hint.quote_colon")
    if "found character '`'" in message or "found character '@'" in message:
        return Message("load.hint.quote_backtick")
    if "flow sequence" in message or "flow mapping" in message:
        return Message("load.hint.brackets")
    if "could not find expected ':'" in message or "expected <block end>" in message:
        return Message("load.hint.indentation")
    return ""


def _quote_run_on(text: str, line: int) -> Any:
    """Where a quoted text opens that runs on, across lines that read as keys or list items,
    to the line of a syntax error (`title: "T` whose quote closes at a later `body: "`):
    the scanner's start mark of it, or None."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = token.start_mark, token.end_mark
            if start.line > line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and end.line == line
                and start.line < line
                and any(_KEY_LINE.match(x) for x in text.split("\n")[start.line + 1 : end.line + 1])
            ):
                found = start
    except yaml.YAMLError:
        pass
    return found


# A line that reads as a key or a list item: inside a quoted text, a sign the quote was not closed.
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:(?:\s|$)|^\s*-\s")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _build(
    loader: Any, found: list[YamlProblem], *, raise_duplicates: bool, steps: Steps | None, anchors: bool = True
) -> Node | None:
    """The tree of the loader's event stream; refuses anchors, aliases, tags, depth and size.

    An anchor (`&name`) is refused although it alone does no harm: with aliases refused
    it is of no use, and it is almost always text that YAML took for one (`body: &x text`
    is the text "text"). It is reported once the file is read, so that an alias, which
    says more, is reported instead when there is one. `anchors`: whether the text holds
    a "&" at all (else no event is asked for its anchor).

    One loop over the events with no call per event but the parser's own and the
    Node's: this is most of the time a guide takes to load, after libyaml.  The open
    list or mapping is in local variables (a saved one for each that holds it is on
    `stack`), not looked up in the stack at every event."""
    get_event = loader.get_event
    # The open list or mapping (None before the first), the keys it has seen (a mapping's,
    # else None), the key waiting for its value, and whether that value is dropped (a
    # duplicate key's); `stack` holds the same four of each list or mapping around it.
    into: Node | None = None
    seen: dict[str, int] | None = None
    key: Node | None = None
    drop = False
    stack: list[tuple[Any, ...]] = []
    root: Node | None = None
    documents = nodes = 0
    steps_node: Node | None = None  # the top-level `steps` list, once found (with `steps` only)
    keep = -1 if steps is None or steps.keep is None else steps.keep
    skipped = 0  # steps counted, not built
    anchor: YamlProblem | None = None  # the first anchor (an alias, if any, is reported first)
    node_of, scalar, map_start, seq_start, map_end, seq_end = Node, _SCALAR, _MAP_START, _SEQ_START, _MAP_END, _SEQ_END
    while True:
        event = get_event()
        kind = event.__class__
        if kind is scalar or kind is map_start or kind is seq_start:
            nodes += 1
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            if nodes > MAX_NODES:
                raise YamlProblem(line, column, Message("load.too_many_values", limit=MAX_NODES))
            tag = event.tag
            if tag is not None and tag not in _CORE_TAGS:
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise YamlProblem(line, column, Message("load.tag", tag=_short(shown)))
            if anchors and event.anchor is not None and anchor is None:  # refused at the end, if no alias is
                anchor = YamlProblem(line, column, Message("load.anchor", anchor=_short(event.anchor)))
            if into is steps_node and into is not None and len(into.items) >= keep >= 0:
                if steps.stop:  # type: ignore[union-attr]
                    steps.complete = False  # type: ignore[union-attr]
                    return root
                skipped += 1  # a step past the ones kept: counted, not built
                if kind is not scalar:
                    nodes += _skip(get_event)
                continue
            if kind is scalar:
                node = node_of(
                    "scalar", line, column, event.value, tag is None and bool(event.implicit[0]), tag, _NO_ITEMS
                )
            else:
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(line, column, Message("load.too_deep", limit=MAX_DEPTH))
                node = node_of("map" if kind is map_start else "seq", line, column, "", False, tag, [])
            if into is None:
                root = node
            elif seen is None:  # an item of a list
                into.items.append(node)
            elif key is None:  # a key of a mapping
                if kind is not scalar:
                    raise YamlProblem(line, column, Message("load.key_not_text"))
                text = node.value
                if text in seen:
                    problem = YamlProblem(
                        line, column, Message("load.duplicate_key", key=_short(text), first=seen[text])
                    )
                    if raise_duplicates:
                        raise problem
                    found.append(problem)
                    drop = True
                else:
                    seen[text] = line
                key = node
            else:  # its value
                if drop:
                    drop = False
                else:
                    into.items.append((key, node))
                    if steps is not None and len(stack) == 1 and kind is seq_start and key.value == "steps":
                        steps.found, steps_node = True, node
                key = None
            if kind is not scalar:
                stack.append((into, seen, key, drop))
                into, seen, key, drop = node, {} if kind is map_start else None, None, False
        elif kind is map_end or kind is seq_end:
            if into is steps_node and steps_node is not None:
                steps.count = len(steps_node.items) + skipped  # type: ignore[union-attr]
            into, seen, key, drop = stack.pop()
        elif kind is yaml.StreamEndEvent or event is None:
            if anchor is not None:
                raise anchor
            return root
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise YamlProblem(mark.line + 1, mark.column + 1, Message("load.second_document"))
        elif kind is yaml.AliasEvent:
            if into is steps_node and into is not None and len(into.items) >= keep >= 0:
                skipped += 1  # refused when the steps are read in full
                continue
            mark = event.start_mark
            raise YamlProblem(mark.line + 1, mark.column + 1, Message("load.alias", anchor=_short(event.anchor or "")))


def _skip(get_event: Any) -> int:
    """Read the events of a list or mapping whose start was just read, to its end,
    without building anything; how many values it held.  Syntax errors are still
    found (libyaml raises)."""
    depth, values = 1, 0
    while depth:
        kind = get_event().__class__
        if kind is _MAP_START or kind is _SEQ_START:
            values += 1
            depth += 1
        elif kind is _MAP_END or kind is _SEQ_END:
            depth -= 1
        elif kind is _SCALAR:
            values += 1
        elif kind is yaml.StreamEndEvent:  # pragma: no cover - libyaml ends the list first
            break
    return values


_SCALAR, _MAP_START, _SEQ_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
