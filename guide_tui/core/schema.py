"""The JSON Schema (draft 2020-12) of guide format 1, generated from the model.

Every property comes from a `FieldSpec` (core/fields.py) on the model (core/model.py), so the schema
cannot say something the loader does not.  guide_tui/guide.schema.json is this
output, shipped for editors (`# yaml-language-server: $schema=...`); a test
fails when it is stale.  Regenerate it with:

    .venv/bin/python -m guide_tui schema --force -o guide_tui/guide.schema.json

The schema checks the shape of a file; the loader checks more (paths between
steps, `{{key}}`, unique ids, links in Markdown).  This module imports nothing
from Textual or Rich.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

from guide_tui.core.fields import (
    END,
    FORMAT_VERSION,
    IDENTIFIER_PATTERN,
    LANGUAGE_PATTERN,
    MAX_LINE_CHARS,
    MAX_LIST_ITEMS,
    MAX_TEXT_CHARS,
    PHONE_PATTERN,
    SLUG_PATTERN,
    FieldSpec,
    field_specs,
)
from guide_tui.core.model import Guide
from guide_tui.core.parts import Ask, Contact, Item

SHIPPED = Path(__file__).resolve().parent.parent / "guide.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# A one-line value: surrounding blank space is allowed (a `|` block ends in a
# newline), a line break inside is not.
LINE_PATTERN = r"^\s*[^\n]*\s*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
MAX_WHOLE_NUMBER = 999_999_999  # the loader reads at most 9 digits

# YAML may read a bare `2024` or `true` as a number or a boolean; guide-tui keeps
# the text as written, so where text is expected those are accepted as well.
_SCALAR = ["string", "number", "boolean"]
_KINDS: dict[str, dict[str, Any]] = {
    "slug": {"type": ["string", "integer"], "pattern": SLUG_PATTERN},
    "identifier": {"type": "string", "pattern": IDENTIFIER_PATTERN},
    "language": {"type": "string", "pattern": LANGUAGE_PATTERN},
    "phone": {"type": ["string", "integer"], "pattern": PHONE_PATTERN},
    "line": {"type": _SCALAR, "pattern": LINE_PATTERN},
    "text": {"type": _SCALAR},
    "markdown": {"type": _SCALAR},
    "date": {"type": "string", "format": "date", "pattern": DATE_PATTERN},
}
# The loader's length limit: one-line kinds, then all other text.
_ONE_LINE = {"slug", "identifier", "language", "phone", "line", "url", "next"}

# Rules the field specs cannot say, written once more here; test_schema.py checks
# that the loader agrees with each of them.
# What completing `ask` writes in an editor (yaml-language-server, VS Code): a question the
# loader accepts. Without it the server wrote the required keys and those with a default
# (`key`, `prompt`, `private`): two errors, no `options` and a `private` without `input`.
_ASK_OPTIONS = {
    "label": "ask",
    "description": "A question with two answers",
    "body": {"key": "${1:answer_key}", "prompt": "$2", "options": [{"label": "$3"}, {"label": "$4"}]},
}
_ASK_TYPED = {
    "label": "ask (typed answer)",
    "description": "A question answered by typing",
    "body": {"key": "${1:answer_key}", "prompt": "$2", "input": "${3|text,number,date|}"},
}
# The one snippet a key that holds this model is completed with (the server uses a
# property's snippet only when it has exactly one).
_KEY_SNIPPET: dict[type, dict[str, Any]] = {Ask: _ASK_OPTIONS}

_REQUIRED_IN_BRANCHES = {Ask}  # its required keys are in each of its oneOf branches (_EXTRA)

_EXTRA: dict[type, dict[str, Any]] = {
    Contact: {"anyOf": [{"required": ["phone"]}, {"required": ["url"]}, {"required": ["channel"]}]},
    # `options` or `input`, not both; the keys of a typed answer go with `input`, `max_length` with text.
    # `key` and `prompt` are required in each branch, not beside them: an editor offers an
    # object's required keys alone as a skeleton ("key, prompt"), a question with no answers.
    Ask: {
        "oneOf": [
            {"required": ["key", "prompt", "options"], "not": {"required": ["input"]}},
            {"required": ["key", "prompt", "input"], "not": {"required": ["options"]}},
        ],
        "dependentRequired": {"max_length": ["input"], "hint": ["input"], "private": ["input"]},
        "if": {"required": ["max_length"]},
        "then": {"properties": {"input": {"const": "text"}}},
        "defaultSnippets": [_ASK_OPTIONS, _ASK_TYPED],  # offered as the value of `ask:`
    },
}


def generate() -> dict[str, Any]:
    """The schema as plain data: the Guide object, with the other models in $defs."""
    defs: dict[str, Any] = {}
    root = _object(Guide, defs)
    return {
        "$schema": DRAFT,
        "title": f"guide-tui guide, format {FORMAT_VERSION}",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def render() -> str:
    """The schema as the text of guide.schema.json (stable, so it can be compared)."""
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


def _object(model: type, defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    defaults = {f.name: f.default for f in dataclasses.fields(model)}
    for name, fs in field_specs(model):
        # Editors show markdownDescription (VS Code, yaml-language-server) and fall back
        # to description, which they show as plain text: it has no Markdown to escape.
        prop = {"description": plain_text(fs.doc), "markdownDescription": fs.doc, **_value(fs, defs)}
        if fs.example is not None:
            prop["examples"] = [fs.example]  # what completion writes (else 0 for a number, which is refused)
        if fs.required and fs.kind in _KINDS:
            prop["minLength"] = 1  # the loader refuses an empty required text
        default = defaults.get(name)
        if isinstance(default, (str, int, bool)):  # not MISSING, None or ()
            prop["default"] = default
        properties[fs.key] = prop
        if fs.required:
            required.append(fs.key)
    about = (model.__doc__ or model.__name__).strip().splitlines()[0]
    out: dict[str, Any] = {
        "type": "object",
        "description": plain_text(about),
        "markdownDescription": about,
        "properties": properties,
    }
    if required and model not in _REQUIRED_IN_BRANCHES:
        out["required"] = required
    out.update(_EXTRA.get(model, {}))
    # Unknown keys are errors; keys beginning with x- are left to authors and tools.
    out["patternProperties"] = {"^x-": {}}
    out["additionalProperties"] = False
    return out


def plain_text(markdown: str) -> str:
    """A field's Markdown description as plain text: code spans without their backticks."""
    return re.sub(r"`([^`]*)`", r"\1", markdown)


def _ref(model: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = model.__name__
    if name not in defs:
        defs[name] = {}  # placeholder first, in case a model refers back to itself
        defs[name] = _object(model, defs)
    return {"$ref": f"#/$defs/{name}"}


def _value(fs: FieldSpec, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one key's value, from its kind."""
    kind = fs.kind
    if kind == "format":
        return {"const": FORMAT_VERSION}
    if kind in _KINDS:
        return _scalar(kind)
    if kind == "choice":
        return {"type": "string", "enum": list(fs.choices)}
    if kind == "url":
        return {"type": "string", "format": "uri", "pattern": url_pattern(fs.schemes), "maxLength": MAX_LINE_CHARS}
    if kind == "next":
        return {
            "type": ["string", "integer"],
            "anyOf": [{"const": END}, {"pattern": SLUG_PATTERN}],
            "maxLength": MAX_LINE_CHARS,
        }
    if kind == "positive_int":
        return {"type": "integer", "minimum": 1, "maximum": fs.maximum or MAX_WHOLE_NUMBER}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "model":
        snippet = _KEY_SNIPPET.get(fs.model_type)
        if snippet:  # beside an allOf, not the $ref: the server drops what stands beside a $ref
            return {"allOf": [_ref(fs.model_type, defs)], "defaultSnippets": [snippet]}
        return _ref(fs.model_type, defs)
    if kind == "when":
        label = {**_scalar("line"), "minLength": 1}
        return {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": IDENTIFIER_PATTERN},
            "additionalProperties": {
                "anyOf": [label, {"type": "array", "items": label, "minItems": 1, "maxItems": MAX_LIST_ITEMS}]
            },
        }
    if kind in ("items", "blocks"):
        text = {**_scalar("markdown" if fs.model_type is Item else "line"), "minLength": 1}
        items = {"type": "array", "items": {"anyOf": [text, _ref(fs.model_type, defs)]}, "maxItems": fs.max_items}
        return items if kind == "items" else {"anyOf": [_scalar("markdown"), items]}
    if kind in ("models", "lines", "markdowns"):
        if kind == "models":
            items = _ref(fs.model_type, defs)
        else:
            items = {**_scalar("line" if kind == "lines" else "markdown"), "minLength": 1}
        out: dict[str, Any] = {"type": "array", "items": items}
        if fs.min_items:
            out["minItems"] = fs.min_items
        out["maxItems"] = fs.max_items
        return out
    raise ValueError(f"no schema for field kind {kind!r} (key {fs.key!r}); add it to guide_tui/schema.py")


def _scalar(kind: str) -> dict[str, Any]:
    out = dict(_KINDS[kind])
    if kind != "date":
        out["maxLength"] = MAX_LINE_CHARS if kind in _ONE_LINE else MAX_TEXT_CHARS
    return out


def url_pattern(schemes: tuple[str, ...]) -> str:
    """A pattern accepting links with these schemes (any letter case), no spaces;
    web links need a host, as the loader requires."""
    alternatives = []
    for scheme in schemes:
        letters = "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in scheme)
        alternatives.append(letters + (r"://[^/?#\s]+" if scheme in ("http", "https") else ":"))
    return r"^(?:" + "|".join(alternatives) + r")\S*$"


def write(path: str | Path) -> None:
    """Write the schema to a file, replacing it whole (never half-written); never over a
    device, named pipe, socket or folder (core/atomic.py's NotAFile)."""
    from guide_tui.core.atomic import write_atomic

    write_atomic(Path(path), render().encode("utf-8"), private=False)  # a schema is for everyone
