"""Saved web pages and schema.org HowTo markup, for `guide-tui import`.

    kind_of(text, name)          # "html", "jsonld" or "text"
    find_howto(text, kind)       # a HowTo from JSON-LD (a .jsonld file or a page's <script>), or None
    page_text(html)              # the page's main content as Markdown, and its title, date and address

The page's main content is found by trafilatura, a maintained library made
for article extraction; it is an optional extra (`pip install
'guide-tui[import]'`) because it brings lxml and about 60 MB with it, and it
is imported only when a page without HowTo markup is imported.  HowTo markup
needs no extra: the page's `<script type="application/ld+json">` blocks are
found with the standard library's HTML parser and read with `json`.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any

from guide_tui.core.text import strip_invisible

_DURATION = re.compile(
    r"^P(?:(\d{1,4})W)?(?:(\d{1,4})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,5})M)?(?:(\d{1,6})(?:\.\d{1,3})?S)?)?$", re.I
)
_TAG = re.compile(r"<[^<>]{0,2000}>")


class MissingExtra(Exception):
    """trafilatura is not installed: the page cannot be read without it."""


@dataclass
class HowToStep:
    title: str
    body: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    section: str = ""


@dataclass
class HowTo:
    """What a schema.org HowTo says, as plain text."""

    title: str
    summary: str = ""
    steps: list[HowToStep] = field(default_factory=list)
    minutes: int | None = None
    published: _dt.date | None = None
    url: str | None = None
    tools: list[str] = field(default_factory=list)
    supplies: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    contacts: list[dict[str, str]] = field(default_factory=list)  # name, phone, url, channel, hours, disclaimer


def kind_of(text: str, name: str) -> str:
    """What an article is: "html" (a saved page), "jsonld" (HowTo markup alone) or "text"."""
    lower = name.lower()
    head = text.lstrip()[:400].lower()
    if lower.endswith((".jsonld", ".json")) or (head.startswith(("{", "[")) and '"@type"' in text[:4000]):
        return "jsonld"
    if lower.endswith((".html", ".htm", ".xhtml")) or head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


class _Scripts(HTMLParser):
    """The text of every <script type="application/ld+json"> in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self._in = False
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and any(
            k == "type" and (v or "").strip().lower() == "application/ld+json" for k, v in attrs
        ):
            self._in, self._parts = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in:
            self._in = False
            self.found.append("".join(self._parts))

    def handle_data(self, data: str) -> None:
        if self._in:
            self._parts.append(data)


def _objects(value: Any) -> list[dict[str, Any]]:
    """Every mapping in a JSON-LD value, depth first (through @graph, lists and mainEntity)."""
    out: list[dict[str, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[0:0] = item
        elif isinstance(item, dict):
            out.append(item)
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "hasPart"):
                if key in item:
                    stack.append(item[key])
    return out


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type", ())
    return {str(x).rsplit("/", 1)[-1] for x in (t if isinstance(t, list) else [t])}


def find_howto(text: str, kind: str) -> HowTo | None:
    """The first schema.org HowTo in a JSON-LD file or in a page's JSON-LD scripts."""
    blocks = [text]
    if kind == "html":
        parser = _Scripts()
        parser.feed(text)
        parser.close()
        blocks = parser.found
    for block in blocks:
        try:
            data = json.loads(block.strip().rstrip(";"))
        except ValueError:
            continue
        for obj in _objects(data):
            if "HowTo" in _types(obj):
                return _howto(obj)
    return None


def _text(value: Any) -> str:
    """Plain text of a JSON-LD text value (HTML tags and entities removed)."""
    if isinstance(value, list):
        return "\n\n".join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, dict):
        return _text(value.get("text") or value.get("name") or "")
    if not isinstance(value, str):
        return ""
    text = re.sub(r"<br\s*/?>|</p>|</li>", "\n", value, flags=re.I)
    # Invisible characters taken out here (a JSON escape, "\u202e", is one only once read):
    # the report says which went (hidden.json_escaped_checks); kept, a bidi override went on
    # into the draft's comments, showing the author a number reversed.
    return strip_invisible(unescape(_TAG.sub("", text))).strip()


def _howto(obj: dict[str, Any]) -> HowTo:
    howto = HowTo(title=_text(obj.get("name") or obj.get("headline")), summary=_text(obj.get("description")))
    howto.minutes = duration_minutes(str(obj.get("totalTime") or ""))
    for key in ("datePublished", "dateCreated", "dateModified"):
        howto.published = howto.published or _date(obj.get(key))
    url = obj.get("url")
    howto.url = url if isinstance(url, str) and url.startswith("https://") else None
    howto.tools = [t for t in (_text(x) for x in _as_list(obj.get("tool"))) if t]
    howto.supplies = [t for t in (_text(x) for x in _as_list(obj.get("supply"))) if t]
    for item in _as_list(obj.get("step") or obj.get("steps")):
        _add_step(howto, item, "")
    for key in ("about", "publisher", "author", "provider", "sourceOrganization"):
        for party in _as_list(obj.get(key)):
            if isinstance(party, dict):
                howto.contacts += [c for c in map(_contact, _as_list(party.get("contactPoint"))) if c]
    return howto


_PHONE = re.compile(r"\+?[0-9][0-9 ().-]*[0-9]")


def _contact(point: Any) -> dict[str, str]:
    """A ContactPoint as a guide's contact ({} when it has no way in): its description
    is taken as the disclaimer, as `guide-tui export -f howto` writes it."""
    if not isinstance(point, dict) or "ContactPoint" not in _types(point):
        return {}
    phone = _text(point.get("telephone"))
    url, email = _text(point.get("url")), _text(point.get("email")).removeprefix("mailto:")
    hours = point.get("hoursAvailable")
    out = {
        "name": _text(point.get("name")) or _text(point.get("contactType")),
        "phone": phone if _PHONE.fullmatch(phone) else "",
        "url": url if url.startswith("https://") else (f"mailto:{email}" if "@" in email else ""),
        "channel": _text(point.get("contactType")) if point.get("name") else "",
        "hours": _text(hours.get("description") if isinstance(hours, dict) else hours),
        "disclaimer": _text(point.get("description")),
    }
    return {k: v for k, v in out.items() if v} if out["phone"] or out["url"] or out["channel"] else {}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _add_step(howto: HowTo, item: Any, section: str) -> None:
    if isinstance(item, str):
        text = _text(item)
        if text:
            howto.steps.append(HowToStep(title="", body=[text], section=section))
        return
    if not isinstance(item, dict):
        return
    types = _types(item)
    if "HowToSection" in types:
        name = _text(item.get("name"))
        if name:
            howto.sections.append(name)
        for sub in _as_list(item.get("itemListElement") or item.get("steps") or item.get("step")):
            _add_step(howto, sub, name)
        return
    if "HowToTip" in types and howto.steps:
        howto.steps[-1].notes.append(_text(item.get("text") or item.get("name")))
        return
    step = HowToStep(title=_text(item.get("name")), section=section)
    text = _text(item.get("text"))
    if text:
        step.body.append(text)
    for sub in _as_list(item.get("itemListElement")):
        if isinstance(sub, dict) and "HowToTip" in _types(sub):
            tip = _text(sub.get("text") or sub.get("name"))
            if tip:
                step.notes.append(tip)
        else:
            direction = _text(sub)
            if direction:
                step.body.append(direction)
    if step.title or step.body:
        howto.steps.append(step)


def duration_minutes(value: str) -> int | None:
    """Minutes in an ISO 8601 duration ("PT30M" -> 30, "P2D" -> 2880, "PT1H30M" -> 90); None if none."""
    m = _DURATION.match(value.strip())
    if not m or not any(m.groups()):
        return None
    weeks, days, hours, minutes, seconds = (int(g) if g else 0 for g in m.groups())
    total = (((weeks * 7 + days) * 24 + hours) * 60) + minutes + (1 if seconds else 0)
    return total or None


def _date(value: Any) -> _dt.date | None:
    if not isinstance(value, str):
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@dataclass
class Page:
    markdown: str
    title: str = ""
    published: _dt.date | None = None
    url: str | None = None


def page_text(html: str) -> Page:
    """The page's main content as Markdown, with its title, date and address (trafilatura)."""
    try:
        import trafilatura
        from trafilatura.metadata import extract_metadata
    except ImportError as exc:
        raise MissingExtra(str(exc)) from None
    text = trafilatura.extract(
        html,
        output_format="markdown",
        include_formatting=True,
        include_links=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
    )
    meta = extract_metadata(html)
    url = getattr(meta, "url", None)
    return Page(
        markdown=text or "",
        title=(getattr(meta, "title", None) or "").strip(),
        published=_date(getattr(meta, "date", None)),
        url=url if isinstance(url, str) and url.startswith("https://") else None,
    )
