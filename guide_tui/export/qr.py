"""QR codes of a support contact's number and web address, for a phone's camera.

The person following a guide at a computer usually calls the hotline from a
phone; a code of the number's `tel:` address opens the phone's dialler with
the number typed in.

    codes_of(guide)         # every contact's phone (tel:) and http(s) address, as Code
    modules(data, border)   # the code as rows of dark (True) and light modules, quiet zone included
    half_blocks(rows)       # two rows of modules per line of text: "▀", "▄", "█" and " "
    svg(data, label)        # the code as inline SVG, for the HTML export

The codes are made by segno (a maintained, pure-Python QR library), imported
only when a code is drawn: never on the way to the first screen.  Nothing
here imports Textual or Rich.
"""

from __future__ import annotations

import re

from guide_tui.core.model import Guide
from guide_tui.core.parts import Contact

QUIET = 4  # modules of light margin round the code: what the QR standard asks for
SMALL_QUIET = 2  # still read by phone cameras, for a window too small for QUIET
ERROR = "m"  # error correction at least M (15 %): a screen's glare, a printed page's fold


class Code:
    """One code of a contact: its phone number or its web address.

    A plain class, not a dataclass: this module is imported on the way to the first
    screen (the support panel asks whether there is a code), and a dataclass costs
    half a millisecond to define."""

    __slots__ = ("contact", "data", "kind", "shown")

    def __init__(self, contact: Contact, kind: str, data: str, shown: str) -> None:
        self.contact = contact
        self.kind = kind  # "phone" or "link"
        self.data = data  # what the code holds: "tel:4001005678", "https://…"
        self.shown = shown  # as the guide writes it: "400-100-5678"


def tel_uri(phone: str) -> str:
    """A phone number as a `tel:` address: its digits and a leading "+" (RFC 3966)."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def codes_of(guide: Guide) -> list[Code]:
    """The codes of every contact, in order: the phone number, then the address
    (an https or http page, or a tel: link when the contact has no phone)."""
    codes = []
    for contact in guide.support:
        if contact.phone:
            codes.append(Code(contact, "phone", tel_uri(contact.phone), contact.phone))
        url = contact.url or ""
        if url.lower().startswith(("https:", "http:")):
            codes.append(Code(contact, "link", url, url))
        elif url.lower().startswith("tel:") and not contact.phone:
            codes.append(Code(contact, "phone", tel_uri(url[4:]), url[4:]))
    return codes


def modules(data: str, border: int = QUIET) -> list[list[bool]]:
    """The code of `data` as rows of modules, True dark, with a light margin of `border`."""
    import segno  # 27 ms: only when a code is drawn

    code = segno.make(data, micro=False, error=ERROR)
    return [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=border)]


_CELLS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def half_blocks(rows: list[list[bool]], ink: bool = True) -> list[str]:
    """The code as lines of text, two rows of modules a line: a character's ink
    is the upper, lower or both halves of its cell.  `ink` True: the ink draws
    the dark modules (dark ink on a light background); False: the light ones
    (for a light-on-dark terminal that shows no colours of ours).  A last odd row
    is paired with a light one."""
    lines = []
    for y in range(0, len(rows), 2):
        top = rows[y]
        bottom = rows[y + 1] if y + 1 < len(rows) else [False] * len(top)
        lines.append("".join(_CELLS[(a == ink, b == ink)] for a, b in zip(top, bottom, strict=True)))
    return lines


def svg(data: str, label: str, scale: int = 4) -> str:
    """The code as an inline <svg> element: black on a white square with the quiet
    zone, `label` its accessible name (escaped by segno)."""
    import segno

    code = segno.make(data, micro=False, error=ERROR)
    return code.svg_inline(scale=scale, border=QUIET, dark="#000", light="#fff", title=label, svgclass="qr")
