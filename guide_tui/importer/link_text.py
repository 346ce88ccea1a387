"""Links in an article's text, for a draft guide: the ones the guide format refuses
(`http:`, relative, `javascript:`) become plain words, and a step title keeps a link's
words only.  Part of `guide-tui import` (steps.py).  This module imports nothing from
Textual or Rich.
"""

from __future__ import annotations

import re

from guide_tui.core.links import LINK_SCHEMES, url_problem
from guide_tui.core.markdown import links

# Linear by construction: possessive quantifiers where two runs of the same characters meet.
# The address is `<…>` or, as CommonMark reads it, any run without spaces whose
# parentheses pair ("javascript:alert(1)", "data:text/html,<b>x</b>").
_LINK = re.compile(
    r"(!?)\[([^\[\]\n]*+)\]\(\s*+(?:<([^<>\n]*+)>|([^\s<()][^\s()]*+(?:\([^\s()]*+\)[^\s()]*+)*+)|)"
    r"(?:[ \t]++(?:\"[^\"\n]*+\"|'[^'\n]*+'))?\s*+\)"
)
# A reference definition `[label]: url`, also in a quote or a list item (as checks.py reads
# them): the container marks are taken off in Python, then this matches at the line's start.
_REFERENCE = re.compile(r"\[([^\[\]\n]++)\]:([ \t]*+\n?[ \t]*+)<?([^\s>]++)>?")
_CONTAINER = re.compile(r"[ \t]{0,3}(?:>|[-+*]|[0-9]{1,9}[.)])")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")


def link_words(text: str) -> tuple[str, list[str]]:
    """A title as plain text: each Markdown link as its words ("Sign in at [acme.example](https://…)"
    -> "Sign in at acme.example"); and the addresses it took out, for the body to keep."""
    addresses: list[str] = []

    def words_of(m: re.Match[str]) -> str:
        if m.group(1):
            return m.group(0)  # an image: safe_links makes it its words
        address = m.group(3) if m.group(3) is not None else m.group(4) or ""
        addresses.append(address)
        return m.group(2) or address

    return _LINK.sub(words_of, text), [a for a in addresses if a]


def safe_links(text: str) -> tuple[str, list[str]]:
    """Markdown links the guide format refuses (http:, relative) as plain text; and each one
    refused, as written (a text that is both a title and a body is read twice: counted once)."""
    refused: list[str] = []

    def inline(m: re.Match[str]) -> str:
        url = m.group(3) if m.group(3) is not None else m.group(4) or ""
        if m.group(1) or url_problem(url, LINK_SCHEMES):
            refused.append(m.group(0))
            label = m.group(2) or url
            return label if m.group(1) or not re.match(r"https?:", url) else f"{label} ({url})"
        return m.group(0)

    def references(text: str) -> str:
        out: list[str] = []
        for line in text.split("\n"):
            at = 0
            while True:  # container marks (quote, bullet, number) before the label
                m = _CONTAINER.match(line, at)
                if m is None or m.end() == at:
                    break
                at = m.end()
                while at < len(line) and line[at] in " \t":
                    at += 1
            while at < len(line) and at < 3 and line[at] in " \t":
                at += 1
            m = _REFERENCE.match(line, at)
            if m and url_problem(m.group(3), LINK_SCHEMES):
                refused.append(m.group(0))
                line = f"{line[:at]}\\[{m.group(1)}]:{m.group(2)}{m.group(3)}{line[m.end() :]}"
            out.append(line)
        return "\n".join(out)

    def auto(m: re.Match[str]) -> str:
        if url_problem(m.group(1), LINK_SCHEMES):
            refused.append(m.group(0))
            return m.group(1)
        return m.group(0)

    text = _AUTOLINK.sub(auto, references(_LINK.sub(inline, text)))
    if ("[" in text or "<" in text) and any(url_problem(link.url, LINK_SCHEMES) for link in links(text)):
        # A link the patterns above do not see ("[a [b]](javascript:…)", nested parentheses):
        # every bracket is written as a character, so no link is left at all.
        refused += [link.url for link in links(text) if url_problem(link.url, LINK_SCHEMES)]
        text = re.sub(r"([\[\]<>])", r"\\\1", text)
    return text, refused
