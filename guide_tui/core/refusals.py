"""The words for what the loader refuses (builder.py): where a key is, an unknown key
and the key it is close to, an item of a list written as a word, which key or item a
text problem is about, a character by its code point.  Made only when there is a
problem.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import unicodedata

from guide_tui.core.fields import FieldSpec, field_specs
from guide_tui.core.yamlsafe import Node
from guide_tui.i18n import Listed, Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def item_not_mapping(fs: FieldSpec, item: Node) -> Message:
    """An item of a list of mappings written as a word (`options: [Yes, No]`): say how
    to write it, with the key it most likely means (`- label: Yes`)."""
    key = next((spec.key for _, spec in field_specs(fs.model_type) if spec.required and spec.kind == "line"), None)
    if key is None or item.kind != "scalar" or not item.value.strip() or "\n" in item.value:
        return Message("load.item_not_mapping", key=fs.key, found=item.describe())
    from guide_tui.core.fullwidth import colon_message, key_with_full_colon  # a mistake only: off start-up

    typed = key_with_full_colon(item.value)  # `- title：烧水`, from a Chinese input method
    if typed is not None:
        return colon_message(*typed)
    return Message(
        "load.item_not_mapping_hint", key=fs.key, found=item.describe(), name=key, value=short_text(item.value)
    )


def subject(key: str, list_item: bool) -> Message:
    """Which key or item a text problem is about (made only when there is a problem)."""
    return Message("load.what.item" if list_item else "load.what.key", key=key)


def codepoint(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def short_text(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unknown_key(key: str, valid: list[str], place: Message, suggest: bool = True) -> tuple[Message, str | None]:
    """The message for an unknown key, and the valid key it is close to (if any)."""
    import difflib  # only for a mistake: kept off the start-up path

    from guide_tui.core.fullwidth import FULL_SPACE, guide_keys

    if key.startswith(FULL_SPACE) and key.strip(FULL_SPACE + " ") in guide_keys():
        return Message("load.full_space"), None  # `　　body: …`: the indent read as part of the key

    close = difflib.get_close_matches(key.lower()[:40], valid, n=1, cutoff=0.6) if suggest else []
    shown: Message | str = short_text(key) if key else Message("load.empty_key")
    hint = Message("load.did_you_mean", name=close[0]) if close else Message("load.valid_keys", keys=Listed(valid))
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


def describe_place(model: type, where: tuple[Any, ...]) -> Message:
    """Where a key is, for a message ("step 3", "the guide"), from its model and place."""
    alone, numbered = _PLACES[model.__name__]
    if where and isinstance(where[-1], int):
        return Message(numbered, n=where[-1] + 1)
    return alone
