"""The smaller records of the guide model: what a step and a guide hold besides
their texts (a question and its options, checklist items written as mappings,
support contacts, the source, the ending, a translation's origin).

Frozen dataclasses whose fields carry a `FieldSpec` (fields.py), as in model.py,
which holds `Guide` and `Step`.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from guide_tui.core.conditional import When
from guide_tui.core.fields import DEFAULT_MAX_LENGTH, INPUTS, MAX_LINE_CHARS, spec
from guide_tui.core.links import LINK_SCHEMES


@dataclass(frozen=True)
class Option:
    """One answer to a question."""

    label: str = field(
        metadata=spec(
            "label",
            "line",
            "What the person picks, one line, such as `Yes, I see it`. The label chosen is stored under the question's `key` and fills `{{key}}` in later text.",
            required=True,
        )
    )
    next: str | None = field(
        default=None,
        metadata=spec(
            "next", "next", "The step (its `id`) that follows this answer, or `end`; overrides the step's own `next`."
        ),
    )
    note: str | None = field(
        default=None,
        metadata=spec(
            "note", "markdown", "Markdown shown under the answers once this one is chosen, such as what to do instead."
        ),
    )


@dataclass(frozen=True)
class Item:
    """A text of a list written as a mapping, `{text, when}`: a note, a body or warning
    block (Markdown); it is read into a Text."""

    text: str = field(metadata=spec("text", "markdown", "The text, Markdown.", required=True))
    when: When = field(
        default=(),
        metadata=spec("when", "when", "Shown only when these questions were answered with these labels."),
    )


@dataclass(frozen=True)
class LineItem(Item):
    """A checklist item written as a mapping, `{text, when}` (one line); read into a Text."""

    text: str = field(metadata=spec("text", "line", "The text, one line.", required=True))


@dataclass(frozen=True)
class Ask:
    """A question the walk cannot leave until it is answered: options to choose
    from, or (`input`) an answer the user types."""

    key: str = field(
        metadata=spec(
            "key", "identifier", "Name the answer is stored under; `{{key}}` in later text shows it.", required=True
        )
    )
    prompt: str = field(
        metadata=spec(
            "prompt", "text", "The question, as the person reads it, such as `Do you see the option?`", required=True
        )
    )
    options: tuple[Option, ...] = field(
        default=(),
        metadata=spec(
            "options",
            "models",
            "The answers to choose from, 2 to 9, each written `- label: …` (with an optional `next` and `note`); "
            "or `input` instead.",
            model=Option,
            min_items=2,
            max_items=9,
        ),
    )
    input: str | None = field(
        default=None,
        metadata=spec(
            "input",
            "choice",
            "Instead of `options`: the user types the answer, `text`, a `number` or a `date` (YYYY-MM-DD).",
            choices=INPUTS,
        ),
    )
    max_length: int | None = field(
        default=None,
        metadata=spec(
            "max_length",
            "positive_int",
            f"`input: text` only: the longest answer, in characters (default {DEFAULT_MAX_LENGTH}).",
            maximum=MAX_LINE_CHARS,
            example=DEFAULT_MAX_LENGTH,
        ),
    )
    hint: str | None = field(
        default=None,
        metadata=spec("hint", "line", "`input` only: an example or a word on the form, shown in the field."),
    )
    private: bool = field(
        default=False,
        metadata=spec("private", "bool", "`input` only: true keeps the answer out of the report and every export."),
    )

    @property
    def typed(self) -> bool:
        """True when the user types the answer instead of choosing an option."""
        return self.input is not None

    @property
    def limit(self) -> int:
        """The longest typed answer accepted, in characters."""
        return self.max_length or DEFAULT_MAX_LENGTH


@dataclass(frozen=True)
class Contact:
    """A way to reach support: a name and at least one of phone, url, channel."""

    name: str = field(
        metadata=spec("name", "line", "Who this is, one line, such as `Customer service hotline`.", required=True)
    )
    phone: str | None = field(
        default=None,
        metadata=spec(
            "phone",
            "phone",
            "The number as dialled: digits, spaces, `+ - ( )` and dots, such as `400-100-5678`. Translations must give the same number.",
        ),
    )
    url: str | None = field(
        default=None,
        metadata=spec("url", "url", "A web (`https:`), mail (`mailto:`) or phone (`tel:`) link.", schemes=LINK_SCHEMES),
    )
    channel: str | None = field(
        default=None, metadata=spec("channel", "line", "Any other way in, in words, such as `Online chat in the app`.")
    )
    hours: str | None = field(
        default=None, metadata=spec("hours", "line", "When it is open, such as `Mon–Fri 9:00–18:00`.")
    )
    disclaimer: str | None = field(
        default=None,
        metadata=spec(
            "disclaimer",
            "text",
            "A caveat, always shown right beside the number or link it qualifies, such as `The number may differ: check the official website.`",
        ),
    )


@dataclass(frozen=True)
class Source:
    """Where the guide's content comes from."""

    title: str | None = field(
        default=None, metadata=spec("title", "line", "The title of the original article the guide was written from.")
    )
    url: str | None = field(
        default=None,
        metadata=spec("url", "url", "The address of the original (`http:` or `https:`).", schemes=("http", "https")),
    )
    published: _dt.date | None = field(
        default=None, metadata=spec("published", "date", "When the original was published, `YYYY-MM-DD`.")
    )


@dataclass(frozen=True)
class Finish:
    """What the user sees when the walk ends."""

    title: str | None = field(
        default=None, metadata=spec("title", "line", "The heading of the finish screen, one line.")
    )
    body: str | None = field(
        default=None,
        metadata=spec(
            "body", "markdown", "The closing text in Markdown: what was achieved, and what to do if it did not work."
        ),
    )


@dataclass(frozen=True)
class TranslatedFrom:
    """Which version of its source a translation follows (`guide-tui translated` writes it)."""

    language: str = field(
        metadata=spec(
            "language",
            "language",
            "The language of the source this file was translated from, such as `zh-CN`: "
            "the file `<id>.<language>.yaml` beside this one.",
            required=True,
        )
    )
    guide: str | None = field(
        default=None,
        metadata=spec(
            "guide",
            "line",
            "Fingerprint of the source's own text (title, summary, contacts, finish) when this translation "
            "was last brought up to date. Written by `guide-tui translated`; not meant to be edited by hand.",
        ),
    )
    steps: tuple[str, ...] = field(
        default=(),
        metadata=spec(
            "steps",
            "lines",
            "Fingerprint of each source step's text, as `STEP-ID FINGERPRINT`, when this translation was last "
            "brought up to date: `validate` names the steps changed since. Written by `guide-tui translated`.",
        ),
    )
