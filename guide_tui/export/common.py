"""What every export format shares: the plan (the order and numbers of the steps, as
the walker shows them; «…» placeholders; where each answer leads), the contact line
with its disclaimer, and the meta lines (Markdown is parsed by core/markdown.py).

This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from guide_tui.core.conditional import Blocks, Text, When
from guide_tui.core.fields import END
from guide_tui.core.markdown import md_without_html
from guide_tui.core.model import Guide, Step
from guide_tui.core.parts import Ask, Contact
from guide_tui.core.template import placeholders, substitute
from guide_tui.i18n import match_language, t

TEXT_WIDTH = 72
# Before a step's own ending ("⇥ When the walk ends here: Please call support"): not a tick,
# which only the guide's own finish gets; another outcome is not a success (the importer reads it).
STEP_END = "⇥"


@dataclass(frozen=True)
class Entry:
    """One step as an export shows it: numbered as the walker would number it on
    the way to it; `branch` (the number of the step whose answer leads here, and
    that answer) for a step off the main path."""

    step: Step
    number: int
    branch: tuple[int, str] | None = None
    reached: bool = True  # False: no walk reaches it (only in a guide the loader refuses)


class Plan:
    """The order and numbers of a guide's steps in an export, as the walker shows them.

    The main path (each question taking its first answer, as the walker counts
    ahead) comes first, numbered 1, 2, 3 ...; then each step only another answer
    leads to, numbered as the walker would number it on that way, and marked with
    the answer that leads there.  `{{key}}` becomes «your answer at step N» in the
    guide's language: on paper there is no answer yet."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.lang = language_of(guide)
        self.entries: list[Entry] = []
        self._number: dict[str, int] = {}
        main: list[str] = []
        step_id = guide.steps[0].id
        while step_id != END and step_id not in self._number:
            main.append(step_id)
            self._number[step_id] = len(main)
            step = guide.step(step_id)
            step_id = guide.successors(step)[0]
        self.entries = [Entry(guide.step(s), self._number[s]) for s in main]
        todo: list[tuple[str, int, tuple[int, str]]] = []  # (step id, its number, the answer that leads there)
        for entry in list(self.entries):
            step = entry.step
            if step.ask is None or step.ask.typed:
                continue
            for option, target in zip(step.ask.options, guide.successors(step), strict=True):
                if target != END and target not in self._number:
                    todo.append((target, entry.number + 1, (entry.number, option.label)))
        while todo:
            step_id, number, branch = todo.pop(0)
            if step_id in self._number:
                continue
            self._number[step_id] = number
            step = guide.step(step_id)
            self.entries.append(Entry(step, number, branch))
            todo += [(target, number + 1, branch) for target in guide.successors(step) if target != END]
        # A step no walk reaches (only in a guide the loader refused) still appears, at the end.
        for step in guide.steps:
            if step.id not in self._number:
                self._number[step.id] = len(self.entries) + 1
                self.entries.append(Entry(step, self._number[step.id], reached=False))
        self._asked = {s.ask.key: self._number[s.id] for s in guide.steps if s.ask}

    @property
    def main_path(self) -> list[Entry]:
        """The steps of the main path, in order (each question taking its first answer)."""
        return [entry for entry in self.entries if entry.branch is None and entry.reached]

    def number(self, step_id: str) -> int:
        return self._number[step_id]

    def fill(self, text: str) -> str:
        """Text with each `{{key}}` shown as «your answer at step N» (the loader has made sure every key is asked)."""
        return substitute(
            text,
            {
                key: "«" + t("export.answer_at", self.lang, n=self._asked.get(key, 0)) + "»"
                for key, _ in placeholders(text)
            },
        )

    def where_to(self, step: Step, target: str) -> tuple[str, str | None]:
        """Where a walk goes from `step` to `target`, in words, and the step it names."""
        lang = self.lang
        if target == END:
            return t("export.end", lang), None
        if target == self.guide.default_next(step) and self._number[target] == self._number[step.id] + 1:
            return t("export.next_step", lang), target
        title = self.fill(self.guide.step(target).title)
        return t("export.step_ref", lang, n=self._number[target], title=title), target

    def answers_where(self, step: Step) -> Iterator[tuple[str, str, str | None, str | None]]:
        """(label, where it leads, target step id, note) for each answer of a step."""
        assert step.ask is not None
        if step.ask.typed:
            return  # one way on, said by next_where
        for opt, target in zip(step.ask.options, self.guide.successors(step), strict=True):
            words, shown = self.where_to(step, target)
            yield opt.label, words, shown, opt.note

    def next_where(self, step: Step) -> tuple[str, str | None] | None:
        """Where a step without a question to choose from goes, when that is not simply the step after it here."""
        if step.ask is not None and not step.ask.typed:
            return None
        target = self.guide.successors(step)[0]
        words, shown = self.where_to(step, target)
        return (words, shown) if words != t("export.next_step", self.lang) else None

    def branch_words(self, entry: Entry) -> str | None:
        """ "Only if you answer “…” at step N", for a step off the main path."""
        if entry.branch is None:
            return None
        number, label = entry.branch
        return t("export.branch_only", self.lang, n=number, label=label)

    def md_block(self, text: str) -> str:
        """Markdown from a guide, stripped, with any unclosed code fence closed so
        it cannot swallow the rest of the export, and raw HTML escaped: the guide
        reads it as text, and so does whatever renders the export."""
        text = md_without_html(self.fill(text).strip("\n"))
        fence = None
        for line in text.splitlines():
            m = re.match(r" {0,3}(`{3,}|~{3,})", line)
            if m and fence is None:
                fence = m.group(1)
            elif m and fence and m.group(1).startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
        return text + (f"\n{fence}" if fence else "")


def language_of(guide: Guide) -> str:
    return match_language(guide.language) or "en"


def meta_lines(plan: Plan) -> list[str]:
    """Source, reviewed date, time and the «…» legend, as plain lines."""
    guide, lang = plan.guide, plan.lang
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
        lines.append(t("export.placeholders", lang, example=plan.fill("{{" + used[0][0] + "}}")))
    return lines


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


def indent(text: str, prefix: str = "  ") -> str:
    return "\n".join((prefix + line) if line else "" for line in text.splitlines()).lstrip()


# -- the additions: `when`, `confirm`, typed answers ------------------------------------


def when_parts(plan: Plan, when: When) -> str:
    """ "you answered “Bank card” or “Credit card” in step 4 and …", for a `when` (steps
    numbered as the plan numbers them)."""
    lang = plan.lang
    steps = {s.ask.key: plan.number(s.id) for s in plan.guide.steps if s.ask}
    parts = []
    for c in when:
        labels = t("export.or", lang).join(t("export.quoted", lang, text=label) for label in c.labels)
        parts.append(t("export.when_part", lang, labels=labels, n=steps.get(c.key, 0)))
    return t("export.and", lang).join(parts)


def step_when(plan: Plan, step: Step) -> str | None:
    """The line that says when a step is shown (None: always)."""
    return t("export.step_when", plan.lang, parts=when_parts(plan, step.when)) if step.when else None


def item_when(plan: Plan, item: Text) -> str | None:
    """The words that say when an item is shown (None: always)."""
    return t("export.item_when", plan.lang, parts=when_parts(plan, item.when)) if item.when else None


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
