"""Textual bindings from the key table (guide_tui/tui/keys.py), with ids.

A screen or list declares `BINDINGS = bindings("guide")`: the supported way,
so `App.set_keymap` can remap any key by its id.  A binding's description is
the English word only as a fallback: the keys bar, the help screen and the
command palette look the binding's id up in the table and draw the word in the
interface language at draw time.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from guide_tui.i18n import t
from guide_tui.tui.keys import Key, key_for, key_name, keys_of


def bindings(*where: str) -> list[BindingType]:
    """The Binding objects of the keys these places bind."""
    out: list[BindingType] = []
    for key in keys_of(*where):
        if not key.keys or not key.action:
            continue  # a key described in the help only (the lists' arrows) or a plain-mode command
        if key.each:  # answer(0) for 1, answer(1) for 2…; ids guide.answer-1, guide.scroll-pageup
            for i, name in enumerate(key.keys.split(",")):
                out.append(
                    Binding(
                        name,
                        f"{key.action}({i})",
                        _english(key),
                        show=key.bar > 0 and i == 0,
                        key_display=key.display,
                        priority=key.priority,
                        id=f"{key.id}-{name}",
                    )
                )
            continue
        out.append(
            Binding(
                key.keys,
                key.action,
                _english(key),
                show=key.bar > 0,
                key_display=key.display,
                priority=key.priority,
                id=key.id,
            )
        )
    return out


def _english(key: Key) -> str:
    return t(key.label, "en") if key.label else ""


def shown_keys(binding: Binding) -> str:
    """How a binding's keys are shown: the table's "→/n", or, once a keymap has
    changed them, the keys it now has."""
    key = key_for(binding.id)
    if key is not None and binding.key_display:
        return key.display
    return "/".join(key_name(k) for k in binding.key.split(","))


def label(binding: Binding, lang: str) -> str:
    """The binding's word in the interface language, from the table."""
    key = key_for(binding.id)
    return t(key.label, lang) if key is not None and key.label else binding.description
