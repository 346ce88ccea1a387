"""What every export format shares: «key» placeholders, where each answer leads,
the contact line with its disclaimer, and the meta lines (Markdown is parsed by core/markdown.py).

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from guide_tui.core.model import END, Ask, Blocks, Contact, Guide, Step, Text, When
from guide_tui.core.template import placeholders, substitute
from guide_tui.i18n import match_language, t

TEXT_WIDTH = 72


def fill(text: str) -> str:
    """Text with each `{{key}}` shown as «key» (the loader has made sure every key is asked)."""
    return substitute(text, {key: f"«{key}»" for key, _ in placeholders(text)})


def language_of(guide: Guide) -> str:
    return match_language(guide.language) or "en"


def meta_lines(guide: Guide, lang: str) -> list[str]:
    """Source, reviewed date, time and the «key» legend, as plain lines."""
    lines = []
    src = guide.source
    if src and (src.title or src.url or src.published):
        parts = [p for p in (src.title, src.url) if p]
        if src.published:
            parts.append(t("export.published", lang, date=src.published.isoformat()))
        lines.append(t("export.source", lang, source=" · ".join(parts)))
    if guide.reviewed:
        lines.append(t("export.reviewed", lang, date=guide.reviewed.isoformat()))
    if guide.estimated_minutes:
        lines.append(t("export.minutes", lang, n=guide.estimated_minutes))
    used = placeholders(json.dumps(guide.to_dict(), ensure_ascii=False))
    if used:
        lines.append(t("export.placeholders", lang, example=f"«{used[0][0]}»"))
    return lines


def where_to(guide: Guide, step: Step, target: str, lang: str) -> tuple[str, str | None]:
    """Where a walk goes from `step` to `target`, in words, and the step it names."""
    if target == END:
        return t("export.end", lang), None
    if target == guide.default_next(step):
        return t("export.next_step", lang), target
    return t("export.step_ref", lang, n=guide.position(target) + 1, title=fill(guide.step(target).title)), target


def answers_where(guide: Guide, step: Step, lang: str) -> Iterator[tuple[str, str, str | None, str | None]]:
    """(label, where it leads, target step id, note) for each answer of a step."""
    assert step.ask is not None
    if step.ask.typed:
        return  # one way on, said by next_where
    targets = guide.successors(step)
    for opt, target in zip(step.ask.options, targets, strict=True):
        words, shown = where_to(guide, step, target, lang)
        yield opt.label, words, shown, opt.note


def next_where(guide: Guide, step: Step, lang: str) -> tuple[str, str | None] | None:
    """Where a step without a question goes, when that is not simply the next step."""
    if step.ask is not None and not step.ask.typed:
        return None
    target = guide.successors(step)[0]
    return where_to(guide, step, target, lang) if target != guide.default_next(step) else None


def contact_parts(c: Contact, lang: str) -> tuple[str, str]:
    """(name, details) of a contact, the disclaimer right beside the number."""
    parts = []
    if c.phone:
        parts.append(t("export.phone", lang, phone=c.phone))
    if c.url:
        parts.append(t("export.link", lang, url=c.url))
    if c.channel:
        parts.append(c.channel)
    if c.disclaimer:
        parts[0] = t("export.with_disclaimer", lang, text=parts[0], disclaimer=" ".join(c.disclaimer.split()))
    if c.hours:
        parts.append(t("export.hours", lang, hours=c.hours))
    return c.name, t("export.list_sep", lang).join(parts)


def md_block(text: str) -> str:
    """Markdown from a guide, stripped, with any unclosed code fence closed so
    it cannot swallow the rest of the export."""
    text = fill(text).strip("\n")
    fence = None
    for line in text.splitlines():
        m = re.match(r" {0,3}(`{3,}|~{3,})", line)
        if m and fence is None:
            fence = m.group(1)
        elif m and fence and m.group(1).startswith(fence) and not line.strip().strip(fence[0]):
            fence = None
    return text + (f"\n{fence}" if fence else "")


def indent(text: str, prefix: str = "  ") -> str:
    return "\n".join((prefix + line) if line else "" for line in text.splitlines()).lstrip()


# -- the additions: `when`, `confirm`, typed answers ------------------------------------


def when_parts(guide: Guide, when: When, lang: str) -> str:
    """ "you answered “Bank card” or “Credit card” in step 4 and …", for a `when`."""
    steps = {s.ask.key: n for n, s in enumerate(guide.steps, 1) if s.ask}
    parts = []
    for c in when:
        labels = t("export.or", lang).join(t("export.quoted", lang, text=label) for label in c.labels)
        parts.append(t("export.when_part", lang, labels=labels, n=steps.get(c.key, 0)))
    return t("export.and", lang).join(parts)


def step_when(guide: Guide, step: Step, lang: str) -> str | None:
    """The line that says when a step is shown (None: always)."""
    return t("export.step_when", lang, parts=when_parts(guide, step.when, lang)) if step.when else None


def item_when(guide: Guide, item: Text, lang: str) -> str | None:
    """The words that say when an item is shown (None: always)."""
    return t("export.item_when", lang, parts=when_parts(guide, item.when, lang)) if item.when else None


def split_blocks(text: Blocks | None) -> tuple[str | None, list[Text]]:
    """Blocks (a body) as the text always shown (joined) and the conditional ones."""
    if text is None:
        return None, []
    if not text.conditional:
        return text.text, []
    always = [b.text.strip("\n") for b in text.blocks if not b.when]
    return ("\n\n".join(always) if always else None), [b for b in text.blocks if b.when]


def input_words(ask: Ask, lang: str) -> str:
    """What a typed answer is: "text, up to 40 characters · hint · private: …"."""
    kind = ask.input or "text"
    words = [t(f"export.input.{kind}", lang, n=ask.limit)]
    if ask.hint:
        words.append(ask.hint)
    if ask.private:
        words.append(t("export.input.private", lang))
    return t("export.list_sep", lang).join(words)
