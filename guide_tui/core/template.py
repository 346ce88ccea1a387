"""`{{key}}` substitution in guide text.

`{{key}}` is replaced by the label chosen for `key`; `{{{{` writes a literal `{{`.
A key that has no answer yet is left as written, so the user sees what is missing.
"""

from __future__ import annotations

import re

from guide_tui.core.text import is_wide

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from collections.abc import Mapping


_TOKEN = re.compile(r"\{\{\{\{|\{\{\s*([A-Za-z0-9_]+)\s*\}\}")


def placeholders(text: str) -> list[tuple[str, int]]:
    """The keys a text refers to, with each one's character offset."""
    return [(m.group(1), m.start()) for m in _TOKEN.finditer(text) if m.group(1)]


def stray_braces(text: str) -> list[int]:
    """Offsets of `{{` that is neither `{{{{` nor the start of a `{{key}}`:
    almost always a typo such as `{{ key }` or `{{method-name}}`."""
    offsets: list[int] = []
    pos = 0
    while True:
        found = text.find("{{", pos)
        if found < 0:
            return offsets
        match = _TOKEN.match(text, found)
        if match:
            pos = match.end()
        else:
            offsets.append(found)
            pos = found + 2
            while text.startswith("{", pos):
                pos += 1  # `{{{x}}` is one stray, not two


def substitute(text: str, answers: Mapping[str, str], *, markdown: bool = False) -> str:
    """Fill in answered keys; leave unanswered ones as `{{key}}`.

    An answer follows the script of the sentence it lands in: a CJK answer
    between CJK words loses the single space the author wrote on either side
    ("已将 {{method}} 设置为" -> "已将支付宝设置为"), a Latin one keeps it
    ("已将 Apple Pay 设置为").  The rest of the text stays as written.

    With markdown=True the answers are escaped so that a label can never
    become a link, emphasis or other Markdown in the text it lands in."""
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        key = m.group(1)
        before = text[pos : m.start()]
        if key is None:
            out += [before, "{{"]
        elif key not in answers:
            out += [before, m.group(0)]
        else:
            answer = answers[key]
            after = text[m.end() : m.end() + 2]
            if answer and is_wide(answer[0]) and before.endswith(" ") and is_wide(before[-2:-1]):
                before = before[:-1]
            if answer and is_wide(answer[-1]) and after[:1] == " " and is_wide(after[1:2]):
                pos_after = m.end() + 1  # the space after goes too
            else:
                pos_after = m.end()
            if markdown:
                from guide_tui.core.markdown import md_escape  # only a filled-in answer needs it: off `validate`'s path

                answer = md_escape(answer)
            out += [before, answer]
            pos = pos_after
            continue
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)
