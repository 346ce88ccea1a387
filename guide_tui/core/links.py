"""Links in a guide: the schemes it may use, and what is wrong with a link.

Markdown links and a contact's `url` are drawn as links only when their scheme
is one of LINK_SCHEMES; the loader says why any other link is refused, in words
that say how to fix it; link text that reads as another address than the link's
(`misleading`) is a warning of the whole guide's checks (checks.py).  This module
imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from guide_tui.i18n import Message

# The schemes a guide's links may use, in Markdown and in a contact's `url`.
LINK_SCHEMES = ("https", "mailto", "tel")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]{0,31}):")

# Link text that reads as an address: optional scheme, optional user@, a host with a
# top-level domain of letters, then an optional port and path.
_ADDRESS = re.compile(
    r"(?:[a-z][a-z0-9+.-]*:(?://)?)?(?:[^@/\s]+@)?((?:[\w-]+\.)+[^\W\d_]{2,})\.?(?::[0-9]+)?(?:[/?#]\S*)?",
    re.I,
)


def link_scheme(url: str) -> str:
    """The scheme of a URL in lower case ("" when it has none)."""
    found = _SCHEME.match(url.strip())
    return found.group(1).lower() if found else ""


def link_allowed(url: str) -> bool:
    """True when a link may be shown as a link: its scheme is one of LINK_SCHEMES."""
    return link_scheme(url) in LINK_SCHEMES


def url_problem(url: str, schemes: tuple[str, ...]) -> str | None:
    """Why a link is not allowed, in English words that say how to fix it, or None when it is."""
    message = url_message(url, schemes)
    return message.text("en") if message else None


def url_message(url: str, schemes: tuple[str, ...]) -> Message | None:
    """Why a link is not allowed (in any language), or None when it is."""
    # Imported here: the model imports this module for LINK_SCHEMES alone, and loading a
    # guide's model must not load the text and message modules (start-up, `list`).
    from guide_tui.core.text import first_control, first_invisible
    from guide_tui.i18n import Listed, Message

    if url.startswith("-"):
        return Message("load.url.dash", url=url[:40])
    if any(c.isspace() for c in url):
        return Message("load.url.space")
    hidden = first_control(url) or first_invisible(url)
    if hidden:
        return Message("load.url.invisible", code=ord(hidden))
    scheme = link_scheme(url)
    if scheme not in schemes:
        return Message(
            "load.url.scheme",
            schemes=Listed(s + ":" for s in schemes),
            found=Message("load.url.has_scheme", scheme=scheme) if scheme else Message("load.url.no_scheme"),
        )
    rest = url[len(scheme) + 1 :]
    if scheme in ("http", "https"):
        try:
            from urllib.parse import urlsplit  # only links need it: kept off the start-up path

            parts = urlsplit(url)
            host = parts.hostname
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            return Message("load.url.invalid")
        if not rest.startswith("//") or not host:
            return Message("load.url.no_host")
        if "@" in parts.netloc:
            return Message("load.url.user")
    if scheme == "mailto" and "@" not in rest:
        return Message("load.url.mailto")
    if scheme == "tel" and not re.fullmatch(r"\+?[0-9][0-9().*#-]*", rest):
        return Message("load.url.tel")
    return None


def _host(text: str) -> str:
    host = text.lower().rstrip(".")
    host = host[4:] if host.startswith("www.") else host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def misleading(label: str, url: str) -> bool:
    """True when the link text reads as an address other than the link's target."""
    label = label.strip().strip("`*_<>").strip()
    shown = _ADDRESS.fullmatch(label) if len(label) <= 300 else None  # no address is longer
    if not shown:
        return False
    scheme = url.split(":", 1)[0].lower()
    if scheme in ("http", "https"):
        from urllib.parse import urlsplit

        target = urlsplit(url).hostname or ""
    elif scheme == "mailto":
        target = url.split("?", 1)[0].rpartition("@")[2]
    else:
        return True  # the text shows an address but the link dials or does something else
    return _host(shown.group(1)) != _host(target)
