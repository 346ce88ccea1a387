"""How a guide file is written: its format version, names, patterns and limits, and
the `FieldSpec` each field of the model (model.py) carries in its metadata: the YAML
key, the kind of value, whether it is required, and its description.

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from typing import Any


FORMAT_VERSION = 1
END = "end"  # the `next` value that ends the walk
GUIDE_SUFFIXES = (".yaml", ".yml")  # what a guide file is called

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
IDENTIFIER_PATTERN = r"^[a-z_][a-z0-9_]*$"
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
PHONE_PATTERN = r"^\+?[0-9][0-9 ().-]*[0-9]$"
AUDIENCES = ("everyone", "authors")  # who a guide is for; the library lists guides for everyone first
INPUTS = ("text", "number", "date")  # the kinds of typed answer (`ask.input`)
DEFAULT_MAX_LENGTH = 80  # a typed text answer's length limit unless `max_length` says otherwise

# Limits that keep a hostile file from hurting the user (documented in docs/guide-format.md).
MAX_FILE_BYTES = 1024 * 1024
MAX_TEXT_CHARS = 20_000
MAX_LINE_CHARS = 500
MAX_STEPS = 5_000
MAX_LIST_ITEMS = 200
MAX_DEPTH = 32


@dataclass(frozen=True)
class FieldSpec:
    """How one key of a guide file is written and checked.

    kind is one of: format, slug, identifier, language, line, text, markdown,
    phone, url, date, positive_int, bool, next, choice (one of `choices`), lines,
    markdowns, model, models; and for the texts that may be conditional: when
    (`{KEY: LABEL}` or `{KEY: [LABEL, ...]}`), items (a list whose items are
    texts or `model` mappings `{text, when}`) and blocks (one Markdown text, or
    such a list).
    """

    key: str
    kind: str
    doc: str
    required: bool = False
    model: type | None = None
    schemes: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    min_items: int = 0
    max_items: int = MAX_LIST_ITEMS
    example: Any = None  # a value editors offer when completing the key (the schema's `examples`)
    maximum: int | None = None  # positive_int: the largest value allowed

    @property
    def model_type(self) -> type:
        """The model class of a `model` or `models` key."""
        if self.model is None:
            raise TypeError(f"the key {self.key!r} holds no model")
        return self.model


def spec(key: str, kind: str, doc: str, **kw: Any) -> dict[str, FieldSpec]:
    return {"spec": FieldSpec(key, kind, doc, **kw)}


def field_specs(model: type) -> list[tuple[str, FieldSpec]]:
    """(attribute name, spec) for each field of a model class that appears in files."""
    return [(f.name, f.metadata["spec"]) for f in dataclasses.fields(model) if "spec" in f.metadata]
