"""Every key of the full screen and every command of the plain mode, declared once.

Each `Key` knows its id (the binding id, so `App.set_keymap({"guide.next": "l"})`
remaps it), the Textual key names and action, how the keys bar shows it and how
important it is there, its words for the keys bar, the help screen and the
command palette, and its plain-mode command.  From this one table come:

- the screens' and lists' bindings (guide_tui/tui/bindings.py builds them),
- the keys bar (widgets/keys_bar.py), the help screen (screens/help.py) and the
  command palette (app.py), which take their words from here at draw time in
  the interface language,
- the plain mode's commands line and help (cli/plain.py).

This module is pure data: it imports nothing from Textual or Rich, so the plain
mode can read it without loading the full screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from guide_tui.core.walker import Walker
from guide_tui.export.qr import codes_of


@dataclass(frozen=True)
class Key:
    """One thing the user can do, with every way it is shown."""

    id: str  # unique; "guide.next" is the binding id a keymap names
    # who binds it: "guide" (the walker screen), "answers", "checklist", "list" (both), "input", "library", "watch"
    where: str
    keys: str = ""  # Textual key names, comma-separated; "" = no binding of its own (help only)
    action: str = ""  # the action it runs where it is bound
    display: str = ""  # the keys as shown: "→/n"
    label: str = ""  # catalog key of the short word: keys bar and palette
    help: str = ""  # catalog key of the help screen's line
    bar: int = 0  # importance in the keys bar: 1 first, 0 never shown there
    # priority: acts when the app reads the key, before the focused widget's own keys and
    # before the keys typed after it.  Textual runs any other binding only once the key has
    # been to the focused widget and back, after a priority key typed later in the same
    # burst: so every key that changes the walk, moves the keys, or opens another screen (whose
    # push makes it the screen the next key goes to at once) is priority (docs/keys.md).
    priority: bool = False
    palette: bool = False  # also a command in the command palette
    each: bool = False  # a binding per key, its action given the key's position: answer(0), answer(1)…
    plain: str = ""  # the plain mode's command as typed: "n", "x N"
    plain_label: str = ""  # catalog key of its entry in the plain mode's commands line
    plain_help: str = ""  # catalog key of its line in the plain mode's help
    # when it can act: "advance", "back", "ask", "checklist", "parts", "confirm", "skip", "library",
    # "support", "codes", "" always
    needs: str = ""


KEYS: tuple[Key, ...] = (
    # -- the walker screen ---------------------------------------------------
    Key(
        "guide.next",
        "guide",
        "right,n,enter",
        "next",
        "→/n",
        "key.next",
        "help.next",
        bar=1,
        priority=True,
        plain="n",
        plain_label="plain.cmd.next",
        plain_help="plain.help.next",
        needs="advance",
    ),
    Key(  # not Enter: a confirmation is never given by the key that moves on
        "guide.confirm",
        "guide",
        "c",
        "confirm",
        "c",
        "key.confirm",
        "help.confirm",
        bar=1,
        priority=True,
        palette=True,
        plain="confirm",
        plain_label="plain.cmd.confirm",
        plain_help="plain.help.confirm",
        needs="confirm",
    ),
    Key(
        "guide.back",
        "guide",
        "left,b",
        "back",
        "←/b",
        "key.back",
        "help.back",
        bar=2,
        priority=True,
        plain="b",
        plain_label="plain.cmd.back",
        plain_help="plain.help.back",
        needs="back",
    ),
    Key(
        "guide.answer",
        "guide",
        "1,2,3,4,5,6,7,8,9",
        "answer",
        "1-9",
        "key.answer",
        "help.answer",
        bar=5,
        priority=True,
        each=True,
        plain="N",
        plain_label="plain.cmd.answer",
        plain_help="plain.help.answer",
        needs="ask",
    ),
    Key(
        "guide.part",
        "guide",
        "tab,shift+tab",
        "part",
        "Tab",
        "key.part",
        "help.part",
        bar=4,
        priority=True,
        needs="parts",
    ),
    Key(  # the plain mode's typed answer; the full screen has a field for it
        "guide.type",
        "guide",
        plain="= …",
        plain_label="plain.cmd.type",
        plain_help="plain.help.type",
        needs="input",
    ),
    Key("answers.choose", "answers", "space", "choose", "Space", "key.choose", "help.choose", bar=3, priority=True),
    Key(
        "checklist.tick",
        "checklist",
        "space",
        "tick",
        "Space",
        "key.tick",
        "help.tick",
        bar=3,
        priority=True,
        plain="x N",
        plain_label="plain.cmd.tick",
        plain_help="plain.help.tick",
        needs="checklist",
    ),
    Key("guide.move", "guide", "", "", "↑ ↓", "key.move", "help.move"),
    # the answers' and the checklist's own arrows (OptionList's, made priority like Space)
    Key("list.up", "list", "up", "cursor_up", priority=True),
    Key("list.down", "list", "down", "cursor_down", priority=True),
    Key(
        "guide.scroll",
        "guide",
        "pageup,pagedown,home,end",
        "scroll_page",
        "PgUp/PgDn/Home/End",
        "key.scroll",
        "help.scroll",
        priority=True,
        each=True,
    ),
    Key(
        "guide.support",
        "guide",
        "s",
        "support",
        "s",
        "key.support",
        "help.support",
        bar=8,
        priority=True,
        needs="support",
        palette=True,
        plain="s",
        plain_label="plain.cmd.support",
        plain_help="plain.help.support",
    ),
    # not in the keys bar: the support panel's border shows it, beside the numbers it is for
    Key("guide.qr", "guide", "p", "qr", "p", "key.qr", "help.qr", priority=True, palette=True, needs="codes"),
    Key(
        "guide.outline",
        "guide",
        "o",
        "outline",
        "o",
        "key.outline",
        "help.outline",
        bar=9,
        priority=True,
        palette=True,
        plain="o",
        plain_help="plain.help.outline",
    ),
    Key("guide.jump", "guide", plain="j N", plain_help="plain.help.jump"),
    Key(
        "guide.skip",
        "guide",
        "d",
        "skip",
        "d",
        "key.skip",
        "help.skip",
        priority=True,
        palette=True,
        plain="d",
        plain_help="plain.help.skip",
        needs="skip",
    ),
    Key("guide.repeat", "guide", plain="r", plain_help="plain.help.repeat"),
    # the keys that open another screen or leave the walk are priority too: the keys typed after
    # them go to the screen they open (docs/keys.md); in the answer field they are its letters
    Key("guide.report", "guide", "e", "report", "e", "key.report", "help.report", bar=10, priority=True, palette=True),
    Key("guide.restart", "guide", "R", "restart", "R", "key.restart", "help.restart", priority=True, palette=True),
    Key(  # before guide.library: the first Esc leaves the support panel, a second the guide
        "guide.leave_support",
        "guide",
        "escape",
        "leave_support",
        "Esc",
        "key.leave_support",
        "help.leave_support",
        bar=2,
        priority=True,
    ),
    Key(  # not while the answer field has the keys: its own Esc acts first (input.leave)
        "guide.library",
        "guide",
        "escape",
        "library",
        "Esc",
        "library.back",
        "help.library",
        bar=11,
        priority=True,
        needs="library",
    ),
    Key(
        "guide.help",
        "guide",
        "question_mark,f1",
        "help",
        "?",
        "key.help",
        "help.help",
        bar=6,
        priority=True,
        palette=True,
        plain="?",
        plain_label="plain.cmd.help",
        plain_help="plain.help.help",
    ),
    Key(
        "guide.palette",
        "guide",
        "ctrl+p",
        "app.command_palette",
        "^p",
        "key.palette",
        "help.palette",
        priority=True,  # as Textual's own ctrl+p, which the app checks first
    ),
    Key(
        "guide.quit",
        "guide",
        "q",
        "quit",
        "q",
        "key.quit",
        "help.quit",
        bar=7,
        priority=True,
        palette=True,
        plain="q",
        plain_label="plain.cmd.quit",
        plain_help="plain.help.quit",
    ),
    # -- a watched guide's errors, in place of the step (--watch) -------------
    Key("watch.quit", "watch", "q", "quit", "q", "key.quit", "help.quit", bar=1),
    # a guide chosen in the library that does not load: its errors, then back (screens/file_errors.py)
    Key("watch.back", "watch", "escape", "back", "Esc", "library.back", "help.library", bar=1, priority=True),
    # -- the field of a typed answer (the letters go into it) -----------------
    # The field runs these as it reads the key, after the letters typed before: the screen's
    # save_typed, leave_field and part_from_field (widgets/answer_input.py, AnswerInput.action_walk).
    Key("input.save", "input", "enter", "walk('save_typed')", "Enter", "key.save_answer", "help.save_answer", bar=1),
    Key("input.leave", "input", "escape", "walk('leave_field')", "Esc", "key.leave_input", "help.leave_input", bar=2),
    # Tab to the checklist: the screen's own Tab (guide.part) waits while the field has the keys
    Key("input.part", "input", "tab,shift+tab", "walk('part_from_field')", "Tab", "key.part", bar=4),
    # -- the library ---------------------------------------------------------
    Key("library.open", "library", "enter", "open", "Enter", "library.key.open", "help.library_open", bar=1),
    Key(
        "library.move",
        "library",
        "up,down,pageup,pagedown",
        "move",
        "↑↓",
        "key.move",
        "help.library_move",
        bar=2,
        each=True,  # not priority: the filter runs it as it reads it, after the letters before it
    ),
    Key("library.clear", "library", "escape", "clear_or_quit", "Esc", "library.key.clear", "help.library_clear", bar=3),
    Key("library.help", "library", "f1", "help", "F1", "key.help", "help.help", bar=4),
    Key("library.palette", "library", "ctrl+p", "app.command_palette", "^p", "key.palette", "help.palette", bar=5),
    # priority: before Textual's own ctrl+q, so the keys bar shows this one
    Key("library.quit", "library", "ctrl+q", "quit", "^q", "key.quit", "help.library_quit", bar=6, priority=True),
    # -- a support number as a QR code (screens/qr.py) -------------------------
    Key("qr.copy", "qr", "c", "copy", "c", "key.copy", bar=1),
    # priority: before the scrolling words' own left and right
    Key("qr.turn", "qr", "right,left", "turn", "←→", "key.other_code", bar=2, each=True, priority=True),
    Key("qr.invert", "qr", "i", "invert", "i", "key.invert", bar=3),
    Key("qr.close", "qr", "escape,p,q", "close", "Esc", "key.close", bar=4, priority=True),
)

BY_ID = {key.id: key for key in KEYS}


def keys_of(*where: str) -> list[Key]:
    """The keys bound by these places, in table order."""
    return [key for key in KEYS if key.where in where]


def key_for(binding_id: str | None) -> Key | None:
    """The table's key for a binding id ("guide.answer-3" belongs to "guide.answer",
    "guide.scroll-pageup" to "guide.scroll")."""
    if binding_id is None:
        return None
    return BY_ID.get(binding_id) or BY_ID.get(binding_id.rsplit("-", 1)[0])


def can_act(key: Key, walker: Walker, *, in_library: bool = False) -> bool:
    """Whether a key does something on the walker's current step."""
    step = walker.step
    if key.needs == "advance":
        return walker.can_advance
    if key.needs == "back":
        return walker.finished or len(walker.path) > 1
    if key.needs == "ask":
        return not walker.finished and step.ask is not None and not step.ask.typed
    if key.needs == "input":
        return not walker.finished and step.ask is not None and step.ask.typed
    if key.needs == "checklist":
        return not walker.finished and bool(step.checklist)
    if key.needs == "parts":
        return not walker.finished and step.ask is not None and bool(walker.shown(step.checklist))
    if key.needs == "confirm":
        return walker.needs_confirm
    if key.needs == "skip":
        return walker.can_skip
    if key.needs == "library":
        return in_library
    if key.needs == "support":
        return bool(walker.guide.support)
    if key.needs == "codes":  # a support number or web address to show as a QR code
        return bool(codes_of(walker.guide))
    return True


def plain_keys() -> list[Key]:
    """The plain mode's commands, in the order its help lists them."""
    return [key for key in KEYS if key.plain_help]


# The names Textual gives keys, as a person reads them (help screen, keymapped keys).
KEY_NAMES = {
    "right": "→",
    "left": "←",
    "up": "↑",
    "down": "↓",
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "question_mark": "?",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "f1": "F1",
    "ctrl+p": "Ctrl+P",
    "ctrl+q": "Ctrl+Q",
}


def key_name(key: str) -> str:
    """One Textual key name as shown to a person: "question_mark" -> "?"."""
    return KEY_NAMES.get(key, key)


# Words that promise to keep something, and what they say instead under `guide-tui serve`,
# where a tab's progress and choices go with it (docs/serve.md).
SERVED_VARIANTS = frozenset({"help.quit", "palette.theme.help"})


def served_words(key: str, served: bool) -> str:
    """The catalog key for `key`'s words: its `.served` variant in a served tab, if it has one."""
    return f"{key}.served" if served and key in SERVED_VARIANTS else key
