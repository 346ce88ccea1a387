"""`--help` set in terminal columns: argparse measures a line in characters, so a
Chinese option's help (a character takes two columns) ran past the terminal's
edge, and a description the catalog did not break by hand stayed one long line.

Descriptions and examples keep the lines the catalog breaks by hand while they
fit the terminal.  A paragraph with a line that does not is set again to the
terminal's width, and every option's help is, by core/text_breaks.py (as every
other text is: between Chinese characters, never before 。or ，; a hand break
reads as a space, or as nothing after or between Chinese characters).  An indented line
(an example command) is broken alone, under its own indent.  This module is
imported only when a help is printed.

`speak(lang)` puts argparse's own words (usage:, options, its usage errors) into
the interface language, through the hook argparse gives for that: every one of
its messages goes through the module's gettext function `_`.  Words not in the
catalog (a Python version's new ones) stay English.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: every command makes its parser here
    from typing import Any


# argparse's words (Python 3.11 to 3.13, as written there) -> their catalog keys.
_ARGPARSE = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "expected one argument": "cli.argparse.one_value",
    "expected at most one argument": "cli.argparse.at_most_one_value",
    "expected at least one argument": "cli.argparse.at_least_one_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.choice",
    "invalid %(type)s value: %(value)r": "cli.argparse.value",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "not allowed with argument %s": "cli.argparse.not_with",
}


def speak(lang: str) -> None:
    """argparse's own words in `lang` from now on (call it before a parser is made:
    the -h option's help is put into words then)."""
    from guide_tui.i18n import t

    def words(text: str) -> str:
        key = _ARGPARSE.get(text)
        return t(key, lang) if key else text

    argparse._ = words  # type: ignore[attr-defined]  # argparse's gettext hook


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's RawDescriptionHelpFormatter, its lines measured in columns."""

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None) -> str:
        """The usage, its lines after the first under the program's name however wide the
        words "usage: " are in columns (用法： takes six, argparse counted three)."""
        from guide_tui.core.text_width import display_width

        shown = argparse._("usage: ") if prefix is None else prefix  # type: ignore[attr-defined]
        extra = max(display_width(shown) - len(shown), 0)
        self._width -= extra  # argparse fits the lines to its width counting "usage: " in characters
        try:
            text = str(super()._format_usage(usage, actions, groups, prefix))
        finally:
            self._width += extra
        if not extra:
            return text
        first, *rest = text.split("\n")
        return "\n".join([first, *(" " * extra + line if line.startswith(" ") else line for line in rest)])

    def format_help(self) -> str:
        """The help, a heading after Chinese words ending in a Chinese colon (选项：)."""
        import re

        return re.sub(r"(?m)^(\S.*[^\x00-\x7f]):$", r"\1：", super().format_help())  # argparse adds ":"

    def _split_lines(self, text: str, width: int) -> list[str]:
        from guide_tui.core.text_breaks import wrap

        return wrap(" ".join(text.split()), width) or [""]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import unicodedata

        from guide_tui.core.text_breaks import soft_break, wrap
        from guide_tui.core.text_width import display_width, is_wide

        columns = width + 2  # argparse keeps 2 columns free; a line the catalog broke may use them
        out: list[str] = []
        for block in _blocks(text.split("\n")):
            if all(display_width(indent + line) <= columns for line in block):
                out += [indent + line if line else "" for line in block]
            elif block[0].startswith(" "):  # an example: each line alone, under its indent
                for line in block:
                    body = line.lstrip(" ")
                    lead = indent + line[: len(line) - len(body)]
                    out += wrap(body, width + len(indent), first=lead, rest=lead)
            else:  # prose: the paragraph set again
                joined = block[0]
                for line in block[1:]:  # after a Chinese comma or semicolon, no space: it has its own
                    own_space = is_wide(joined[-1]) and unicodedata.category(joined[-1]).startswith("P")
                    joined += ("" if own_space else soft_break(joined, line)) + line
                out += wrap(joined, width + len(indent), first=indent, rest=indent)
        return "\n".join(out)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Paragraphs (lines up to a blank one, or up to a change between indented and not)
    and the blank lines between them, each blank line a block of its own."""
    blocks: list[list[str]] = []
    for line in lines:
        if line.strip() and blocks and blocks[-1][0].strip() and blocks[-1][0].startswith(" ") == line.startswith(" "):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks
