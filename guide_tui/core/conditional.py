"""A guide's texts that may be shown only for some answers: `Text` (a note, a checklist
item, a block of a body or a warning) and `Blocks` (Markdown written as one text or a
list of blocks), each a str with the `when` written beside it, and the `Condition`s a
`when` is made of.  The guide model (model.py) is built from them.

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from collections.abc import Mapping
    from typing import Any


@dataclass(frozen=True)
class Condition:
    """One key of a `when`: the question's key and the labels that make it hold."""

    key: str
    labels: tuple[str, ...]


When = tuple[Condition, ...]


def holds(when: When, answers: Mapping[str, str]) -> bool:
    """True when every condition holds: its question was answered with one of its labels."""
    return all(answers.get(c.key) in c.labels for c in when)


class _Written(str):
    """A str of a guide's text with something written beside it (a `when`, its blocks):
    immutable, as the dataclasses are, and `text` is the str itself."""

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed ({name})")

    @property
    def text(self) -> str:
        """The text itself, as a plain str."""
        return str.__str__(self)

    def __ne__(self, other: object) -> bool:
        return not self == other


class Text(_Written):
    """A text of a guide that may be shown only for some answers: a str, so that it
    reads as the text everywhere (compared, searched, printed), with the `when`
    written beside it (() for a text always shown).

    Notes and checklist items are Texts, and so is each block of a body or a warning."""

    when: When

    def __new__(cls, text: str, when: When = ()) -> Text:
        obj = super().__new__(cls, text)
        object.__setattr__(obj, "when", when)
        return obj

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text) and self.when != other.when:
            return False
        return str.__eq__(self, other)  # NotImplemented for a non-str

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return f"Text({str.__repr__(self)}, when={self.when!r})" if self.when else str.__repr__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.when))


class Blocks(_Written):
    """Markdown written as one text or as a list of blocks, each a Text that may carry
    a `when` (a body, a warning).  As a str it is the text as written, or, for a
    list, every block joined by a blank line; `blocks` holds them one by one."""

    blocks: tuple[Text, ...]

    def __new__(cls, blocks: tuple[Text, ...]) -> Blocks:
        text = blocks[0].text if len(blocks) == 1 else "\n\n".join(b.text.strip("\n") for b in blocks)
        obj = super().__new__(cls, text)
        object.__setattr__(obj, "blocks", blocks)
        return obj

    @property
    def conditional(self) -> bool:
        """True when some block has a `when`."""
        return any(b.when for b in self.blocks)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Blocks) and self.blocks != other.blocks:
            return False
        return str.__eq__(self, other)

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return f"Blocks({self.blocks!r})" if self.conditional or len(self.blocks) > 1 else str.__repr__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.blocks,))


def when_dict(when: When) -> dict[str, Any]:
    """A `when` in file form: `{key: label}`, or `{key: [label, ...]}` for several."""
    return {c.key: c.labels[0] if len(c.labels) == 1 else list(c.labels) for c in when}


def items_data(items: Blocks | tuple[Text, ...], kind: str = "items") -> Any:
    """Texts in file form: a text for each one without `when`, else `{text, when}`;
    blocks written as one text (a body, a warning) as that text."""
    if isinstance(items, Blocks):
        if len(items.blocks) == 1 and not items.conditional:
            return items.text
        items = items.blocks
    return [{"text": i.text, "when": when_dict(i.when)} if i.when else i.text for i in items]
