"""A guide as schema.org HowTo JSON-LD: the machine-readable how-to of the web.

    howto_data(guide)      # the HowTo as a dict
    to_howto(guide)        # `guide-tui export -f howto`: the JSON-LD alone (a .jsonld file)
    script_tag(guide)      # the same, safely inside <script type="application/ld+json"> for the HTML export

A HowTo is one line of steps, so it carries the walk's main path: from the
first step, each question taking its first answer (as the walker counts the
steps ahead), until the end.  Each step is a HowToStep (position, name, and
its body as plain text); its warning and notes are HowToTip, its checklist
items HowToDirection, and its question a HowToDirection listing the answers
(before the checklist, as on screen), with an answer's note as a HowToTip.  estimated_minutes is totalTime (ISO 8601),
language inLanguage, reviewed dateModified, the source isBasedOn, and the
support contacts ContactPoints of the organization it is `about` (not its publisher,
who is not known), each disclaimer in the same
ContactPoint as the number it qualifies.  `{{key}}` is «your answer at step N», as in
every export.
`guide-tui import` reads a HowTo back (guide_tui/importer/web.py).

Guide text is data: in a page, "<", ">" and "&" in the JSON are written as
\\u escapes, so no text can close the script element or open a comment.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import json
from typing import Any

from guide_tui.core.conditional import Text
from guide_tui.core.model import Guide, Step
from guide_tui.core.parts import Contact
from guide_tui.export.common import Plan, input_words, item_when, split_blocks, step_when, when_parts
from guide_tui.export.text import markdown_to_text
from guide_tui.i18n import t

_PLAIN_WIDTH = 1_000_000  # plain text in one line a paragraph: JSON-LD text is not wrapped


def main_path(guide: Guide) -> list[Step]:
    """The steps from the first to the end, each question taking its first answer
    (the main path of the export plan: the walker's own count ahead)."""
    return [entry.step for entry in Plan(guide).main_path]


def duration(minutes: int) -> str:
    """Minutes as an ISO 8601 duration: 5 -> "PT5M", 90 -> "PT1H30M", 60 -> "PT1H"."""
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def howto_data(guide: Guide, *, anchors: bool = False) -> dict[str, Any]:
    """The guide as a schema.org HowTo; `anchors`: each step's url is its #step-id
    (in the HTML export, where each step has that id)."""
    plan = Plan(guide)
    lang, fill = plan.lang, plan.fill

    def plain(markdown: str | None) -> str:
        """Guide Markdown as plain text (a link's address after its words), «…» for `{{key}}`."""
        return "\n".join(markdown_to_text(fill(markdown or ""), _PLAIN_WIDTH)).strip()

    def step_of(step: Step, n: int) -> dict[str, Any]:
        colon = t("colon", lang)
        out: dict[str, Any] = {"@type": "HowToStep", "position": n, "name": fill(step.title)}
        always, conditional = split_blocks(step.body)
        out["text"] = plain(always) or fill(step.title)
        if anchors:
            out["url"] = f"#step-{step.id}"
        items: list[dict[str, Any]] = []
        shown_when = step_when(plan, step)
        if shown_when:  # a HowTo is one line of steps: this one is not always on it
            items.append(_item("HowToTip", shown_when))
        for block in conditional:
            words = t("export.block_when", lang, parts=when_parts(plan, block.when))
            items.append(_item("HowToTip", f"{words}{colon}{plain(block.text)}"))

        def only_if(item: Text) -> str:
            words = item_when(plan, item)
            return f" ({words})" if words else ""

        for block in step.warning.blocks if step.warning else ():
            items.append(_item("HowToTip", f"⚠ {t('export.warning', lang)}{colon}{plain(block.text)}{only_if(block)}"))
        if step.ask and step.ask.typed:
            items.append(_item("HowToDirection", f"{fill(step.ask.prompt)} ({input_words(step.ask, lang)})"))
        elif step.ask:  # as on screen: the question, then the checklist
            answers = t("export.list_sep", lang).join(fill(o.label) for o in step.ask.options)
            prompt = fill(step.ask.prompt)
            items.append(_item("HowToDirection", t("export.answers", lang, prompt=prompt, answers=answers)))
            items += [_item("HowToTip", f"{fill(o.label)}{colon}{plain(o.note)}") for o in step.ask.options if o.note]
        items += [_item("HowToDirection", fill(item.text) + only_if(item)) for item in step.checklist]
        items += [_item("HowToTip", plain(note.text) + only_if(note)) for note in step.notes]
        if step.confirm:
            items.append(_item("HowToDirection", f"✋ {t('export.confirm', lang)}{colon}{plain(step.confirm)}"))
        if items:
            out["itemListElement"] = items
        return out

    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "HowTo", "name": fill(guide.title)}
    if guide.summary:
        data["description"] = plain(guide.summary)
    data["inLanguage"] = guide.language
    if guide.estimated_minutes:
        data["totalTime"] = duration(guide.estimated_minutes)
    if guide.reviewed:
        data["dateModified"] = guide.reviewed.isoformat()
    if guide.tags:
        data["keywords"] = ", ".join(guide.tags)
    src = guide.source
    if src and (src.title or src.url or src.published):
        based: dict[str, Any] = {"@type": "CreativeWork"}
        for key, value in (("name", src.title), ("url", src.url), ("datePublished", src.published)):
            if value:
                based[key] = value if isinstance(value, str) else value.isoformat()
        data["isBasedOn"] = based
    data["step"] = [step_of(entry.step, entry.number) for entry in plan.main_path]
    if guide.support:
        # What the guide is about, not who published it: the guide's publisher is not known,
        # and as its `publisher` the support contacts (Xiaomi's hotline) read as its own.
        data["about"] = {"@type": "Organization", "contactPoint": [_contact(c) for c in guide.support]}
    return data


def _item(kind: str, text: str) -> dict[str, Any]:
    return {"@type": kind, "text": text}


def _contact(c: Contact) -> dict[str, Any]:
    """A contact as a ContactPoint; its disclaimer is the description of the same
    point, so it never comes apart from the number it qualifies."""
    out: dict[str, Any] = {"@type": "ContactPoint", "name": c.name}
    url = c.url or ""
    phone = c.phone or (url[4:] if url.lower().startswith("tel:") else None)
    if phone:
        out["telephone"] = phone
    if url.lower().startswith("mailto:"):
        out["email"] = url[7:]
    elif url and not url.lower().startswith("tel:"):
        out["url"] = url
    if c.disclaimer:
        out["description"] = " ".join(c.disclaimer.split())
    if c.channel:
        out["contactType"] = c.channel
    if c.hours:
        out["hoursAvailable"] = {"@type": "OpeningHoursSpecification", "description": c.hours}
    return out


def to_howto(guide: Guide) -> str:
    """The HowTo JSON-LD alone, UTF-8 text (`guide-tui export -f howto`, a .jsonld file)."""
    return json.dumps(howto_data(guide), ensure_ascii=False, indent=2) + "\n"


def script_tag(guide: Guide) -> str:
    """The HowTo in a <script type="application/ld+json"> element for a page: "<", ">"
    and "&" escaped, so guide text cannot end the element ("</script>") or start a
    comment ("<!--") whatever it says."""
    text = json.dumps(howto_data(guide, anchors=True), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/ld+json">{text}</script>'
