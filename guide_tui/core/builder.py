"""Node tree to model values: the `Builder` that reads each mapping, text, list,
date and condition of a guide file against the model's field specs (model.py, fields.py),
and the places of what it refuses (their words: refusals.py).

loader.py reads the file and hands its top mapping to a Builder; the checks that
span the whole guide are in checks.py.  `validate` runs this for every value of
every guide: it stays plain loops and method calls, no layer added per value.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata

from guide_tui.core import links
from guide_tui.core.conditional import Blocks, Condition, Text
from guide_tui.core.fields import (
    FORMAT_VERSION,
    IDENTIFIER_PATTERN,
    LANGUAGE_PATTERN,
    MAX_LINE_CHARS,
    MAX_LIST_ITEMS,
    MAX_TEXT_CHARS,
    PHONE_PATTERN,
    SLUG_PATTERN,
    FieldSpec,
)
from guide_tui.core.fields import field_specs as _field_specs
from guide_tui.core.model import Step
from guide_tui.core.parts import Ask, Contact, Item
from guide_tui.core.problems import Problem, position_in_text
from guide_tui.core.refusals import codepoint, describe_place, item_not_mapping, short_text, subject, unknown_key
from guide_tui.core.text import first_control, hidden_at
from guide_tui.core.yamlsafe import NULLS, Node
from guide_tui.i18n import Listed, Message

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from typing import Any


_TEXT_KINDS = {"slug", "identifier", "language", "line", "text", "markdown", "phone", "url", "next", "choice"}
_MODEL_KINDS = ("model", "models")
_FREE_KINDS = {"line", "text", "markdown"}  # no pattern, choice or scheme to check
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
def specs_by_key(model: type) -> dict[str, tuple[str, FieldSpec]]:
    """YAML key -> (attribute name, spec) of a model's fields."""
    return {fs.key: (name, fs) for name, fs in field_specs(model)}


@functools.cache
def _required(model: type) -> tuple[tuple[str, FieldSpec], ...]:
    """(attribute name, spec) of a model's required fields."""
    return tuple((name, fs) for name, fs in field_specs(model) if fs.required)


@functools.cache
def _required_names(model: type) -> frozenset[str]:
    return frozenset(name for name, _ in _required(model))


# A list's spec -> the spec of its items, by id: hashing a FieldSpec hashes every field.
# The list's spec is kept beside it, so its id cannot be another's.
_ITEM_SPECS: dict[int, tuple[FieldSpec, FieldSpec]] = {}


def _item_spec(fs: FieldSpec) -> FieldSpec:
    """The spec of one item of a list of texts: a line (`lines`, checklist items) or Markdown."""
    found = _ITEM_SPECS.get(id(fs))
    if found is not None and found[0] is fs:
        return found[1]
    line = fs.kind == "lines" or (fs.kind == "items" and fs.model_type is not Item)
    item = FieldSpec(fs.key, "line" if line else "markdown", fs.doc)
    _ITEM_SPECS[id(fs)] = (fs, item)
    return item


def complete(model: type, values: dict[str, Any]) -> dict[str, Any]:
    """Fill required fields that had errors with harmless stand-ins, so the
    rest of the guide can still be checked and every problem reported at once."""
    stand_in = {"format": FORMAT_VERSION, "models": (), "model": None}
    for name, fs in field_specs(model):
        if name not in values and fs.required:
            values[name] = stand_in.get(fs.kind, "")
    return values


class Builder:
    """Turns a Node tree into model values, collecting problems as it goes."""

    def __init__(self, path: str, source: str = "") -> None:
        self.path = path
        self.source = source  # the file's text, to point at a character inside a value
        self.plain_values = False  # True: its values need no character checks (_plain_values)
        self._line_starts: list[int] | None = None
        self.problems: list[Problem] = []
        self.locations: dict[tuple[Any, ...], tuple[int, int]] = {}
        self.refused: set[tuple[int, int]] = set()  # where the values with an error start
        self.suggestions_left = 50  # difflib is slow; a hostile file may hold thousands of typos

    def error(self, node: Node, message: Message, at: tuple[int, int] | None = None) -> None:
        line, column = at or (node.line, node.column)
        self.problems.append(Problem.of(self.path, line, column, "error", message))
        self.refused.add((node.line, node.column))

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
        specs = specs_by_key(model)
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
                message, close = unknown_key(
                    key, list(specs), describe_place(model, where), suggest=self.suggestions_left >= 0
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
        missing = [] if found.keys() >= _required_names(model) else [fs for n, fs in _required(model) if n not in found]
        written = {k.value for k, _ in node.items} if missing else set()  # a key written with an error is not missing
        for fs in missing:
            if fs.key not in written and fs.key not in suggested and fs.key not in skip:
                self.error(
                    node,
                    Message(
                        "load.missing_key",
                        place=describe_place(model, where),
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
            self.error(node, Message("load.contact_unreachable", place=describe_place(model, where)))
        if model is Ask:
            self.ask_shape(node, values)
        if not values.keys() >= _required_names(model):
            values = complete(model, values)
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
                    self.error(item, item_not_mapping(fs, item))
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
        if node.kind != "scalar" or (node.plain and node.value in NULLS):
            hint = Message("load.hint.after_colon") if node.kind == "scalar" else ""
            self.error(
                node, Message("load.not_text", what=subject(fs.key, list_item), found=node.describe(), hint=hint)
            )
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
                # "\ud800" in a quoted value: half of a UTF-16 pair, not a control character
                key = "load.surrogate" if "\ud800" <= bad <= "\udfff" else "load.control"
                self.error(node, Message(key, what=subject(fs.key, list_item), char=codepoint(bad)))
                return None
            # A text over the limit is refused below, so the first limit+1 characters are enough.
            hidden = hidden_at(text[: (MAX_LINE_CHARS if one_line else MAX_TEXT_CHARS) + 1])
            if hidden is not None:
                char = text[hidden]
                self.error(
                    node,
                    Message("load.invisible", what=subject(fs.key, list_item), char=codepoint(char)),
                    self.place_of(node, char),
                )
                return None
        if one_line:
            text = text.strip()
            if "\n" in text:
                self.error(node, Message("load.one_line", what=subject(fs.key, list_item)))
                return None
        if not text and (fs.required or list_item):
            self.error(node, Message("load.empty_text", what=subject(fs.key, list_item)))
            return None
        limit = MAX_LINE_CHARS if one_line else MAX_TEXT_CHARS
        if len(text) > limit:
            body = fs.kind == "line" and not list_item
            self.error(
                node,
                Message(
                    "load.too_long_line" if body else "load.too_long",
                    what=subject(fs.key, list_item),
                    length=len(text),
                    limit=limit,
                ),
            )
            return None
        if fs.kind in _FREE_KINDS:  # any text will do
            return text
        if fs.kind == "next" and text == "end":
            return text
        if fs.kind in _PATTERNS:
            pattern, example = _PATTERNS[fs.kind]
            if not pattern.fullmatch(text):
                self.error(
                    node, Message("load.invalid", what=subject(fs.key, list_item), text=short_text(text), use=example)
                )
                return None
        if fs.kind == "choice" and text not in fs.choices:
            use = Message("load.use.choice", choices=Listed(f"`{c}`" for c in fs.choices))
            self.error(node, Message("load.invalid", what=subject(fs.key, list_item), text=short_text(text), use=use))
            return None
        if fs.kind == "url":
            problem = links.url_message(text, fs.schemes)
            if problem:
                self.error(node, Message("load.bad_url", what=subject(fs.key, list_item), problem=problem))
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
