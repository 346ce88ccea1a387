"""The draft guide `guide-tui import` assembles, whatever the article was.

    draft = Draft(name, report)
    draft.note("guessed", message, ("summary",))   # a report line, and a `# guessed: …` comment there
    draft.guide_id(given, title)                   # --id, else a slug of the title, else of the file name
    draft.support(contacts, guide, steps, finish, language)   # the support list, each contact to check
    draft.finish(guide)                            # the YAML, checked by the loader: Imported

The readers of an article (article.py: text, Markdown and web pages; howto.py:
schema.org HowTo markup) fill in the guide's fields; this module holds what
every import shares: the report and its YAML comments, the id, the support
contacts, and the YAML that must pass the loader (else an ArticleError).  It
works on the guide's fields, never on the article's lines.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from guide_tui.core.fields import SLUG_PATTERN
from guide_tui.core.loader import load_bytes
from guide_tui.core.text_safety import safe_text
from guide_tui.i18n import Message
from guide_tui.importer import facts, titles
from guide_tui.importer.contacts import Contact, begins_with_number, find_contacts
from guide_tui.importer.steps import one_line
from guide_tui.importer.yaml_writer import dump


class ArticleError(Exception):
    """An article that cannot become a guide; the message is one line for the user.

    str() is English; `text(lang)` says it in another interface language."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text("en"))
        self.message = message

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)


# The kinds of report line; the YAML comments keep the English word (`# guessed: …`).
_KINDS = {
    "guessed": Message("cli.import.kind.guessed"),
    "check": Message("cli.import.kind.check"),
    "suggest": Message("cli.import.kind.suggest"),
    "left out": Message("cli.import.kind.left_out"),
    "to do": Message("cli.import.kind.to_do"),
}


@dataclass
class Imported:
    """The draft guide as YAML and as data, and what the importer guessed."""

    yaml: str
    data: dict[str, Any]
    notes: list[Message] = field(default_factory=list)  # one report line each

    @property
    def report(self) -> list[str]:
        """The report lines in English, such as `guessed: title “…” from the first line`."""
        return self.report_in("en")

    def report_in(self, lang: str) -> list[str]:
        """The report lines in an interface language."""
        return [note.text(lang) for note in self.notes]


def report_line(kind: str, text: Message) -> Message:
    """One line of the report: `guessed: …`, `check: …`, `left out: …`, `to do: …`."""
    return Message("cli.import.line", kind=_KINDS[kind], text=text)


class Draft:
    """One import's guide data on its way to YAML: collects its comments and the report."""

    def __init__(self, name: str, report: list[Message]) -> None:
        self.name = name
        self.report = report
        self.comments: dict[tuple[Any, ...], list[str]] = {}

    def note(self, kind: str, text: Message, where: tuple[Any, ...] | None = None, comment: str | None = None) -> None:
        """One report line; with `where`, the same (English) words as a YAML comment there."""
        self.report.append(report_line(kind, text))
        if where is not None:
            self.comments.setdefault(where, []).append(f"{kind}: {comment or text.text('en')}")

    def check(self, text: Message, where: tuple[Any, ...] | None = ("steps",)) -> None:
        """A `check:` line in the report and (in English) the YAML."""
        self.note("check", text, where)

    def guide_id(self, given: str | None, title: str) -> str:
        """The guide's id: `given` (--id), else made from the title, else from the file name."""
        if given:
            if not re.fullmatch(SLUG_PATTERN, given):
                raise ArticleError(Message("cli.import.bad_id", id=given))
            return given
        made = facts.slug(title)
        if made is not None and re.fullmatch(SLUG_PATTERN, made):
            self.note("guessed", Message("cli.import.id", id=made), ("id",), "from the title; use --id to choose")
            return made
        made = facts.slug(titles.from_name(self.name) or "") or "imported-guide"
        if not re.fullmatch(SLUG_PATTERN, made):
            made = "imported-guide"
        self.note(
            "check",
            Message("cli.import.id_from_name", id=made, title=title),
            ("id",),
            "the title has too few Latin letters for an id; choose one with --id",
        )
        return made

    def support(
        self,
        contacts: list[Contact],
        guide: dict[str, Any],
        steps: list[dict[str, Any]],
        finish: dict[str, Any] | None,
        language: str,
    ) -> list[dict[str, Any]]:
        """Contacts listed in a support section, then those found in the text."""
        texts = [guide.get("summary") or ""]
        for step in steps:  # the title too: "Finally, call support at 400-123-4567" may be all of a step
            texts += [*_title_and_body(step), *step.get("notes", []), step.get("warning") or ""]
        texts.append((finish or {}).get("body") or "")
        found = contacts + [
            c
            for c in find_contacts("\n\n".join(t for t in texts if t), language)
            if c.phone or not any(listed.channel for listed in contacts)
        ]
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for c in found:
            key = re.sub(r"\D", "", c.phone) if c.phone else (c.url or c.channel or "")
            if not key or key in seen:
                continue
            seen.add(key)
            i = len(out)
            out.append(
                {
                    "name": one_line(c.name),
                    "phone": c.phone,
                    "url": c.url,
                    "channel": one_line(c.channel or "") or None,
                    "hours": one_line(c.hours or "") or None,
                    "disclaimer": one_line(c.disclaimer or "") or None,
                }
            )
            what = (
                Message("cli.import.phone", phone=c.phone)
                if c.phone
                else Message("cli.import.link", url=c.url)
                if c.url
                else Message("cli.import.channel", channel=c.channel)
            )
            source = Message("cli.import.from", sentence=_short(c.sentence)) if c.sentence else ""
            check = Message("cli.import.check_number" if c.phone else "cli.import.check_words")
            self.note(
                "check",
                Message("cli.import.contact", name=c.name, what=what, source=source, check=check),
                ("support", i),
                f"{what}{source}; {check}",
            )
            if c.phone and c.extension:
                self.check(Message("cli.import.check.extension", phone=c.phone, extension=c.extension), None)
            if c.phone and c.disclaimer:
                self.note(
                    "guessed",
                    Message("cli.import.disclaimer", phone=c.phone, disclaimer=c.disclaimer),
                    ("support", i, "disclaimer"),
                    "the caveat the article gives beside the number",
                )
            elif c.phone:
                self.note("check", Message("cli.import.no_caveat", phone=c.phone))
        return out

    def finish(self, guide: dict[str, Any]) -> Imported:
        """The YAML, checked by the loader; ArticleError if it does not load."""
        order = [
            "format",
            "id",
            "language",
            "title",
            "summary",
            "source",
            "reviewed",
            "estimated_minutes",
            "tags",
            "support",
            "steps",
            "finish",
        ]
        data = {k: guide[k] for k in order if guide.get(k) not in (None, [], {})}
        if "source" in data:
            data["source"] = {k: v for k, v in data["source"].items() if v}
        header = [
            f"Imported by `guide-tui import` from {safe_text(one_line(self.name))}.",  # a control character as `\\x1b`
            "Comments that start with `guessed`, `check` or `suggest` mark what a person must look at;",
            "compare every step with the article before publishing, then delete these comments.",
        ]
        text = dump(data, self.comments, header).replace("\nformat: 1\n", "\n\nformat: 1\n", 1)
        result = load_bytes(text.encode("utf-8"), self.name)
        if result.errors:
            first = result.errors[0]
            problem = Message(first.key, **dict(first.params)) if first.key else first.message
            raise ArticleError(Message("cli.import.does_not_load", name=self.name, problem=problem, line=first.line))
        return Imported(text, data, self.report)


def _title_and_body(step: dict[str, Any]) -> list[str]:
    """A step's title and body as the text contacts are read from: one sentence again when
    the title took the words before a colon and the body begins with the number they name
    ("拨打美团客服热线" + "010-8099-7777 或通过App内【客服中心】…")."""
    title, body = step.get("title") or "", step.get("body") or ""
    if title and begins_with_number(body):
        lead = title.rstrip(" …:：")
        cjk = "\u4e00" <= lead[-1:] <= "\u9fff"  # Chinese runs on after a colon with no space
        return [f"{lead}{':' if cjk else ': '}{body}"]
    return [title, body]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
