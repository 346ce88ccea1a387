"""A one-line field that acts on every key as it reads it, in the order typed.

Keys typed quickly (docs/keys.md): the app hands the field all the keys typed while
it has the keys before the field reads the first, so every key the field reads acts
then, between the letters typed before and after it: its own (Enter, Esc, Tab,
Backspace, ←, Home…) and the others it lets through (↓ in the library, PgDn on a
step, F1).  Textual's Input runs a key's binding only once the key has been back to
the app: after the field has read the keys typed later.  A key the field reads after
Enter, Esc or Tab gave the keys away goes back to the app, as if typed now.

The answer field of a question (answer_input.py) and the library's filter
(screens/library.py) are such fields.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
    """An Input whose keys act when it reads them (see the module's docstring)."""

    _reading = False  # the field is acting on a key it has read (on_key)
    _gave_keys = False  # its own key gave the keys away: the keys it still reads are the app's

    async def on_key(self, event: events.Key) -> None:
        """Every key the field reads acts now, in the order typed."""
        has_keys = self.app.focused is self
        if has_keys:
            self._gave_keys = False
        elif self._gave_keys:  # typed after a key of the field gave the keys away, in the same burst
            event.prevent_default()
            event.stop()
            self.app.post_message(events.Key(event.key, event.character))
            return
        if event.is_printable or not has_keys:
            return  # Input types it (also when a click took the keys after it was typed)
        event.prevent_default()
        event.stop()  # it acts now, not once it has been back to the app
        await self._run_binding(event.key)
        self._gave_keys = self.app.focused is not self

    async def _run_binding(self, key: str) -> None:
        """Run the key's binding as the app would once the key came back: the field's own
        (Enter, Esc, Tab, Backspace, ←, Home…) or, when there is none or it does nothing
        (PgDn: the field does not scroll), the page's or the screen's (PgDn, ↓, F1)."""
        tried = None
        for own in (True, False):  # the field's own keys act only as it reads them (check_action)
            self._reading = own
            try:
                active = self.screen.active_bindings.get(key)
                if active is None or not active.enabled or active.binding is tried:
                    continue
                tried = active.binding
                if await self.app.run_action(active.binding.action, active.node):
                    return
            finally:
                self._reading = False

    def on_focus(self) -> None:
        self._gave_keys = False  # the keys are back: what it reads from now on is its own

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The field's keys act only as it reads them: not when a key typed on another part
        (Backspace on the page) comes back to the app after the field has got the keys."""
        return self._reading
