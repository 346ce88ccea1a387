"""An article's sections -> step mappings, the finish text and listed contacts.

Part of `guide-tui import` (importer.py drives it).  Paragraphs become the
body, bullet lists notes, task lists a checklist, "Warning:" paragraphs the
warning; the subsections `guide-tui export` writes (### Notes, ### Checklist,
### Question, …) are read back into their fields.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from guide_tui.core.fields import END, MAX_LINE_CHARS, field_specs
from guide_tui.core.links import url_problem
from guide_tui.core.parts import Contact
from guide_tui.core.text import strip_invisible
from guide_tui.i18n import Message
from guide_tui.importer import facts, shape, words
from guide_tui.importer.contacts import Contact as FoundContact
from guide_tui.importer.contacts import find_contacts
from guide_tui.importer.link_text import link_words, safe_links

_CONTACT_SCHEMES = next(fs.schemes for name, fs in field_specs(Contact) if name == "url")
Note = Callable[..., None]  # (kind, text: Message, where=None, comment=None)

_PREFIX = words.ASIDE
_SUPPORT_WORDS = re.compile(r"客服|支持|support|contact|help\s*desk|call\b", re.I)


def one_line(text: str) -> str:
    """Text for a one-line field: spaces collapsed, invisible characters removed."""
    text = strip_invisible(text)
    return " ".join(text.split())


def literal_braces(text: str) -> str:
    """`{{` in article text is not a placeholder: written `{{{{` it shows as is."""
    return text.replace("{{", "{{{{")


def _without_label(lines: list[str], label: re.Match[str]) -> str:
    """A note's or a warning's text: its lines without the label `label` matched on the first
    one, without their indent (an item's), and without the emphasis the label opened ("*Note: …*")."""
    text = "\n".join(line.strip() for line in [lines[0][label.end() :], *lines[1:]]).strip()
    opened = label.group("open")
    if opened and not (label.group("close") or label.group("after")) and text.endswith(opened):
        text = text[: -len(opened)].rstrip()
    return text


def _labelled_lists_apart(lines: list[str]) -> list[str]:
    """The lines with each label alone on its line ("Important:", "注意：") and the bullets
    right under it set apart as one paragraph, so the list goes with its label."""
    out: list[str] = []
    n = 0
    while n < len(lines):
        if not words.bare_label(lines[n]):
            out.append(lines[n])
            n += 1
            continue
        end = n + 1
        listed: list[str] = []
        while end < len(lines) and (not lines[end].strip() or shape.is_bullet(lines[end])):
            if lines[end].strip():
                listed.append(lines[end])
            end += 1
        if not listed:
            out.append(lines[n])
            n += 1
            continue
        while end > n + 1 and not lines[end - 1].strip():
            end -= 1
        out += ["", lines[n], *listed, ""]
        n = end
    return out


def _label_items(lines: list[str]) -> list[str]:
    """The items of the list under a label alone on its line ("Note:" and "- …" lines),
    each a note of its own; [] for any other lines."""
    if not words.bare_label(lines[0]):
        return []
    listed = shape.blocks(lines[1:])
    return listed[0].items if len(listed) == 1 and listed[0].kind == "bullets" else []


def _warning_found(i: int, labels: list[str]) -> Message:
    """What the report says of step i + 1's warning, with the article's own label when it
    had another than the walk shows ("Important"): it is not in the guide's text."""
    if not labels:
        return Message("cli.import.warning", n=i + 1)
    return Message("cli.import.warning_labelled", n=i + 1, label=labels[0])


def _part_labels() -> dict[str, str]:
    """Heading text (lower case) -> the step part it starts: the importer's own word
    lists (words.py), never the interface catalog, which translators change."""
    labels = dict(words.PART_LABELS)
    for word in words.THEN_WORDS:
        labels[word] = "then"
    return labels


class StepMaker:
    """Turns sections into step mappings, reporting each guess through `note`."""

    def __init__(self, language: str, note: Note) -> None:
        self.language = language
        self.note = note
        self.labels = _part_labels()
        self.links: set[str] = set()  # the links refused, as written: each counted once

    def kind_of(self, heading: str) -> str | None:
        """Which step part a subsection heading starts ("notes", "then", …), if any."""
        raw = shape.unescape(heading).strip()
        if raw.startswith("⤷"):  # `guide-tui export`: a step or a block shown only for some answers
            return "when"
        if raw.startswith("✋"):  # `guide-tui export`: the step's confirmation
            return "confirm"
        if raw.startswith(("⇥", "✓")):  # `guide-tui export`: "⇥ When the walk ends here: <title>" (✓ before)
            return "finish"
        if raw.startswith("↳"):
            return "then"  # "↳ Only if you answer … at step N", as `guide-tui export` writes a branch's step
        text = raw.lstrip("⚠").strip().lower()
        for label, kind in self.labels.items():
            if kind == "then" and label and text.startswith(label) and "→" in text:
                return kind
        return self.labels.get(text.rstrip(":：").strip())

    def make(
        self, sections: list[shape.Section], numbered: int
    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None, list[FoundContact]]:
        """(steps, finish or None, contacts listed in a support section) from the
        sections; the first `numbered` are the article's steps, the rest came after them."""
        main, trailing = sections[:numbered], sections[numbered:]
        contacts: list[FoundContact] = []
        finish: dict[str, Any] | None = None
        others = []
        for section in trailing:
            if self.kind_of(section.title) == "support":
                contacts += self.listed_contacts(section)
                self.note("guessed", Message("cli.import.support_section", title=section.title))
            else:
                others.append(section)
        if others:
            last = others.pop()
            finish = {"title": self.line(last.title) or None, "body": self.markdown(self.text_of(last.lines)) or None}
            self.note(
                "guessed",
                Message("cli.import.finish_section", title=last.title),
                ("finish",),
                f"the unnumbered section “{last.title}” after the steps",
            )
            for section in others:
                self.note("check", Message("cli.import.unnumbered_step", title=section.title))
            main += others
        if finish is None and len(main) > 1:
            last_blocks = shape.blocks(main[-1].lines)
            paragraphs = [b.text for b in last_blocks if b.kind == "para"]
            lists = any(b.kind != "para" for b in last_blocks)
            if facts.is_closing(main[-1].title, paragraphs, lists):
                section = main.pop()
                finish = {"body": self.markdown(shape.paragraphs_text(paragraphs))}
                self.note("guessed", Message("cli.import.closing", title=section.heading.text), ("finish",))
        steps = [self.step(section, i) for i, section in enumerate(main)]
        self.unique_ids(steps)
        return steps, finish, contacts

    def report_links(self) -> None:
        if self.links:
            self.note("check", Message("cli.import.links", n=len(self.links)))

    def line(self, text: str) -> str:
        """A one-line field (a title): no Markdown escapes, `{{` literal, at most the line limit."""
        text, refused = safe_links(literal_braces(one_line(shape.unescape(text))))
        self.links.update(refused)
        return text if len(text) <= MAX_LINE_CHARS else text[: MAX_LINE_CHARS - 1] + "…"

    def markdown(self, text: str) -> str:
        """A Markdown field: `{{` literal, refused links as plain text."""
        text, refused = safe_links(literal_braces(text.strip("\n")))
        self.links.update(refused)
        return text

    def text_of(self, lines: list[str]) -> str:
        return shape.paragraphs_text([b.text for b in shape.blocks(lines)])

    def step(self, section: shape.Section, i: int) -> dict[str, Any]:
        """One step from a section: body, notes, warning, checklist and the parts export writes."""
        where = ("steps", i)
        words_only, addresses = link_words(section.title)
        title = self.line(words_only) or (f"第 {i + 1} 步" if self.language.startswith("zh") else f"Step {i + 1}")
        step: dict[str, Any] = {"id": "", "title": title}
        body: list[str] = []
        notes: list[str] = []
        warnings: list[str] = []
        checklist: list[str] = []
        body_lines, parts = self.split_parts(section)
        body_lines = _labelled_lists_apart(body_lines)
        labels: list[str] = []  # the article's own warning labels ("Important"): said, as the walk shows its own
        bullet_blocks: list[shape.Block] = []
        previous: shape.Block | None = None
        for block in shape.blocks(body_lines):
            if block.kind == "para":
                before = len(notes)
                block = self.take_prefixed(block, notes, warnings, labels)
                if len(notes) > before:
                    self.note(
                        "guessed",
                        Message("cli.import.note_paragraph", n=i + 1),
                        (*where, "notes"),
                        "a “Note:” paragraph of the article",
                    )
                if not block.lines:
                    continue
            if block.kind == "bullets" and not (
                previous and previous.kind == "para" and previous.text.rstrip().endswith((":", "："))
            ):
                notes += block.items
                bullet_blocks.append(block)
            elif block.kind == "tasks":
                checklist += block.items
            else:
                body.append(block.text)
            previous = block
        for kind, heading, lines in parts:
            blocks = shape.blocks(lines)
            if kind == "notes":
                notes += [item for b in blocks for item in (b.items if b.kind == "bullets" else [b.text])]
            elif kind == "checklist":
                checklist += [item for b in blocks for item in (b.items or [b.text])]
            elif kind == "warning":
                warnings.append(self.text_of(lines))
            elif kind == "support":
                step["show_support"] = True
                self.note(
                    "guessed", Message("cli.import.support_part", n=i + 1, heading=heading), (*where, "show_support")
                )
            elif kind == "question":
                self.question(i, step["title"], blocks)
                body += self.answer_notes(i, step["title"], blocks)
            elif kind == "then":
                if shape.unescape(heading).lstrip().startswith("↳") and any(line.strip() for line in lines):
                    body.append(self.text_of(lines))  # `guide-tui export`: the step's body, under whom it is for
                self.note("suggest", Message("cli.import.then", n=i + 1, heading=heading), where)
            elif kind == "when":  # the answers are not in the export: the text stays, the condition is said
                if any(line.strip() for line in lines):
                    body.append(self.text_of(lines))
                self.note("suggest", Message("cli.import.when", n=i + 1, heading=heading.lstrip("⤷ ")), where)
            elif kind == "confirm":
                said = [b.text for b in blocks if b.kind == "para"]
                if said:
                    step["confirm"] = self.markdown(shape.paragraphs_text(said))
            elif kind == "finish":
                step["finish"] = self.step_finish(heading, lines)
                self.note("guessed", Message("cli.import.step_finish", n=i + 1), (*where, "finish"))
        if not body and bullet_blocks and not checklist:
            # A heading with only a list under it: the list is what to do, not notes beside it.
            body = [b.text for b in bullet_blocks]
            notes = [n for n in notes if not any(n in b.items for b in bullet_blocks)]
        elif bullet_blocks:  # said once it is so (the report said it of a list that became the text)
            self.note("guessed", Message("cli.import.bullets", n=i + 1), (*where, "notes"), "the article's bullet list")
        if any(address not in "\n".join(body) for address in addresses):
            body.insert(0, section.title)  # the title's link, as the article wrote it: its address kept
        step["body"] = self.markdown(shape.paragraphs_text(body)) or None
        step["notes"] = [self.markdown(n) for n in notes if n.strip()]
        step["warning"] = self.markdown(shape.paragraphs_text(warnings)) or None
        step["checklist"] = [item for item in map(self.line, checklist) if item]
        if step["warning"]:
            self.note("guessed", _warning_found(i, labels), (*where, "warning"))
        if not (step["body"] or step["checklist"]):
            self.note("check", Message("cli.import.no_body", n=i + 1, title=title))
        self.fallbacks("\n\n".join([step["body"] or "", *step["notes"]]), i, step["title"], where)
        order = (
            "id",
            "title",
            "body",
            "notes",
            "warning",
            "checklist",
            "confirm",
            "ask",
            "show_support",
            "next",
            "finish",
        )
        return {k: step[k] for k in order if step.get(k) not in (None, [], False)}

    def fallbacks(self, text: str, i: int, title: str, where: tuple[Any, ...]) -> None:
        """Each fallback sentence of a text ("如果找不到…") as a suggested `ask` on step i + 1:
        that step's own text, or the text after the last step, which falls back from it."""
        for sentence in facts.fallbacks(text):
            shown = " ".join(sentence.split())
            support = Message("cli.import.fallback_support") if _SUPPORT_WORDS.search(shown) else ""
            self.note(
                "suggest",
                Message("cli.import.fallback", n=i + 1, title=title, sentence=shown, support=support),
                where,
                f"branch? “{shown}” reads like a fallback: turn it into an `ask`",
            )

    def step_finish(self, heading: str, lines: list[str]) -> dict[str, str] | None:
        """A step's own finish as the export writes it: its title after the label's colon
        ("When the walk ends here: Call us", "在这一步结束时：请联系客服"), its body below."""
        colon = re.search(r"[:：]", heading)
        finish = {
            "title": self.line(heading[colon.end() :]) if colon else "",
            "body": self.markdown(self.text_of(lines)),
        }
        return {k: v for k, v in finish.items() if v} or None

    def take_prefixed(
        self, block: shape.Block, notes: list[str], warnings: list[str], labels: list[str]
    ) -> shape.Block:
        """The block without its "Note: …" / "Warning: …" lines, which go to notes and warnings
        without their label (the walk shows its own; a warning's other label goes to `labels`).
        A prefix at the start of the block takes the whole paragraph, and a label alone on its
        line the list under it (each item a note); later, one line."""
        kept: list[str] = []
        for n, line in enumerate(block.lines):
            m = _PREFIX.match(line)
            if m is None:
                if words.WARNING_START.match(line.strip().lstrip("*_>").strip()):
                    warnings.append(line.strip())
                    continue
                kept.append(line)
                continue
            word, taken = m.group("word"), block.lines[n:] if n == 0 else [line]
            if word.lower() in words.WARNING_WORDS:
                warnings.append(_without_label(taken, m))
                if word.lower() not in ("warning", "警告"):  # the labels the walk shows itself
                    labels.append(word)
            else:
                notes += _label_items(taken) or [_without_label(taken, m)]
            if n == 0:
                break
        return shape.Block(block.kind, kept)

    def split_parts(self, section: shape.Section) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
        """The body's lines and each recognised subsection (kind, heading, lines)."""
        body: list[str] = []
        parts: list[tuple[str, str, list[str]]] = []
        code = shape.fenced(section.lines)
        for n, line in enumerate(section.lines):
            m = None if code[n] else re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
            kind = self.kind_of(m.group(2)) if m and len(m.group(1)) > section.heading.level else None
            if kind:
                parts.append((kind, shape.clean_heading(m.group(2)), []))  # type: ignore[union-attr]
            elif parts:
                parts[-1][2].append(line)
            else:
                body.append(line)
        return body, parts

    def question(self, i: int, title: str, blocks: list[shape.Block]) -> None:
        """A question exported as Markdown: suggested back as an `ask` (the key is not in the export)."""
        prompt = next((one_line(shape.unescape(b.text)) for b in blocks if b.kind == "para"), "")
        answers = [
            one_line(shape.unescape(item.split("→")[0])) for b in blocks if b.kind == "bullets" for item in b.items
        ]
        self.note(
            "suggest",
            Message("cli.import.question", n=i + 1, title=title, prompt=prompt, answers=" / ".join(answers)),
            ("steps", i),
            f"question: “{prompt}” — answers: {' / '.join(answers)}; write it back as an `ask`",
        )

    def answer_notes(self, i: int, title: str, blocks: list[shape.Block]) -> list[str]:
        """The notes the export writes under an answer (an indented paragraph after its bullet):
        the importer writes no `ask` to hold them, so they end the step's body, each said with
        the answer it belongs to, to move into that answer's `note` with the `ask`."""
        notes: list[str] = []
        answer: str | None = None
        for block in blocks:
            if block.kind == "bullets":
                answer = one_line(shape.unescape(block.items[-1].split("→")[0]))
            elif block.kind == "para" and answer is not None and all(x[:1].isspace() for x in block.lines):
                note = "\n".join(line.strip() for line in block.lines)
                notes.append(note)
                shown = one_line(shape.unescape(note))
                self.note(
                    "suggest",
                    Message("cli.import.answer_note", n=i + 1, title=title, answer=answer, note=shown),
                    ("steps", i),
                    f"the answer “{answer}” had the note “{shown}”: kept at the end of the body; "
                    "move it into that answer's `note` when you write the `ask`",
                )
        return notes

    def listed_contacts(self, section: shape.Section) -> list[FoundContact]:
        """Contacts from a list such as `- **Hotline**: phone 400-100-5678 (caveat)`."""
        out = []
        for block in shape.blocks(section.lines):
            for item in block.items:
                m = re.match(r"\s*\*\*(.+?)\*\*\s*(.*)", item, re.S)
                name = one_line(shape.unescape(m.group(1) if m else item))
                details = one_line(shape.unescape(m.group(2) if m else "")).lstrip(":：").strip()
                found = [c for c in find_contacts(details, self.language) if c.phone]
                url = re.search(r"(https?|mailto|tel):[^\s;)]+", details)
                contact = found[0] if found else FoundContact(name, sentence=details)
                contact.name = name
                contact.url = url.group(0) if url and not url_problem(url.group(0), _CONTACT_SCHEMES) else None
                if not contact.phone and not contact.url:
                    contact.channel = details or None
                if contact.phone or contact.url or contact.channel:
                    out.append(contact)
        return out

    def unique_ids(self, steps: list[dict[str, Any]]) -> None:
        """Step ids: a slug of an ASCII title, else step-N; never twice, never `end`."""
        used: set[str] = set()
        tried: dict[str, int] = {}  # a base's next number to try: 20,000 steps of one title took 25 s
        for n, step in enumerate(steps, 1):
            base = facts.slug(step["title"], 40) or f"step-{n}"
            if base == END or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", base):
                base = f"step-{n}"
            candidate, k = base, tried.get(base, 2)
            while candidate in used:
                candidate, k = f"{base}-{k}", k + 1
            tried[base] = k
            used.add(candidate)
            step["id"] = candidate
