"""A plain-text or Markdown article -> a draft format-1 guide (`guide-tui import`).

    imported = import_article(data, "article.txt", guide_id="my-guide")
    imported.yaml      # the guide, as YAML with `# guessed` comments
    imported.report    # one line for each guess and each thing a human must do
    imported.report_in("zh-CN")  # the same lines in another interface language

The article's sections become steps (importer_text.py reads its shape),
its sentences give the date, the contacts and the suggested branches
(importer_facts.py), and the YAML is written by importer_yaml.py.  The result
always passes the loader; anything that cannot become a guide is an
ArticleError with a one-line reason.  This module imports nothing from Textual
or Rich.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from guide_tui.core.loader import load_bytes
from guide_tui.core.model import MAX_FILE_BYTES, MAX_LINE_CHARS, SLUG_PATTERN
from guide_tui.core.text import CONTROL as _CONTROL  # one policy for control characters
from guide_tui.i18n import Message
from guide_tui.importer import facts, shape
from guide_tui.importer.steps import StepMaker, one_line
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


def _line(kind: str, text: Message) -> Message:
    return Message("cli.import.line", kind=_KINDS[kind], text=text)


def read_article(data: bytes, name: str) -> tuple[str, list[Message]]:
    """The article's text (NFC, `\\n` line ends, no control characters) and notes
    on what was cleaned; ArticleError for an empty, binary or non-UTF-8 file."""
    if len(data) > MAX_FILE_BYTES:
        raise ArticleError(Message("cli.import.too_big", name=name, mib=MAX_FILE_BYTES // 1024 // 1024))
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            raise ArticleError(Message("cli.import.encoding", name=name, encoding=encoding))
    if b"\0" in data:
        raise ArticleError(Message("cli.import.nul", name=name))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ArticleError(Message("cli.import.not_utf8", name=name, byte=data[exc.start], line=line)) from None
    if not text.strip():
        raise ArticleError(Message("cli.import.empty", name=name))
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    controls = _CONTROL.findall(text)
    if len(controls) > max(8, len(text) // 100):
        raise ArticleError(Message("cli.import.binary", name=name))
    notes = [_line("left out", Message("cli.import.controls", count=len(controls)))] if controls else []
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n")), notes


def import_article(
    data: bytes, name: str = "<stdin>", *, guide_id: str | None = None, language: str | None = None
) -> Imported:
    """A draft guide from an article's bytes; ArticleError when there is none to make."""
    text, report = read_article(data, name)
    return _Importer(name, report).run(text, guide_id, language)


class _Importer:
    """One import: collects the guide data, its comments and the report."""

    def __init__(self, name: str, report: list[Message]) -> None:
        self.name = name
        self.report = report
        self.comments: dict[tuple[Any, ...], list[str]] = {}
        self.meta = facts.MetaLines()

    def note(self, kind: str, text: Message, where: tuple[Any, ...] | None = None, comment: str | None = None) -> None:
        """One report line; with `where`, the same (English) words as a YAML comment there."""
        self.report.append(_line(kind, text))
        if where is not None:
            self.comments.setdefault(where, []).append(f"{kind}: {comment or text.text('en')}")

    def run(self, text: str, guide_id: str | None, language: str | None) -> Imported:
        lines, dropped = shape.strip_furniture(text.split("\n"))
        for what in dropped:
            self.note("left out", what)
        title, at, start, how = shape.take_title(lines, skip=self.meta.matches)
        title = one_line(shape.unescape(title))
        if not title:
            raise ArticleError(Message("cli.import.no_title", name=self.name))
        if len(title) > MAX_LINE_CHARS:
            raise ArticleError(Message("cli.import.long_title", name=self.name, length=len(title)))
        rest = lines[:at] + lines[start:]
        candidates = shape.headings(rest)
        chosen, style = shape.choose_sections(candidates)
        if not chosen:
            raise ArticleError(Message("cli.import.no_sections", name=self.name))
        trailing = shape.trailing_headings(candidates, chosen)
        preamble, sections = shape.split_sections(rest, chosen + trailing)
        self.note("guessed", Message("cli.import.title", title=title, how=how))
        guide: dict[str, Any] = {"format": 1, "id": self.guide_id(guide_id, title)}
        language, why = (language, None) if language else facts.guess_language("\n".join(lines))
        if why:
            self.note(
                "guessed",
                Message("cli.import.language", language=language, why=why),
                ("language",),
                f"{why}; use --language to choose",
            )
        maker = StepMaker(language, self.note)
        guide["language"] = language
        guide["title"] = maker.line(title)
        preamble = self.take_meta(preamble, sections)
        summary = maker.markdown(shape.paragraphs_text([b.text for b in shape.blocks(preamble)]))
        guide["summary"] = summary or None
        if summary:
            self.note("guessed", Message("cli.import.summary"), ("summary",))
        guide["source"] = {"title": title, "url": self.meta.url, "published": self.meta.published}
        steps, finish, contacts = maker.make(sections, len(chosen))
        maker.report_links()
        self.note("guessed", Message("cli.import.steps", count=len(steps), style=shape.style_words(style)), ("steps",))
        guide["support"] = self.support(contacts, guide, steps, finish, language)
        guide["steps"] = steps
        guide["finish"] = finish
        if self.meta.minutes:
            guide["estimated_minutes"] = self.meta.minutes
            self.comments[("estimated_minutes",)] = ["guessed: from the line about the time it takes"]
        self.report.append(
            _line("to do", Message("cli.import.to_do_minutes" if self.meta.minutes else "cli.import.to_do"))
        )
        return self.finish(guide)

    def guide_id(self, given: str | None, title: str) -> str:
        if given:
            if not re.fullmatch(SLUG_PATTERN, given):
                raise ArticleError(Message("cli.import.bad_id", id=given))
            return given
        made = facts.slug(title)
        if made is None or not re.fullmatch(SLUG_PATTERN, made):
            raise ArticleError(Message("cli.import.no_id", title=title))
        self.note("guessed", Message("cli.import.id", id=made), ("id",), "from the title; use --id to choose")
        return made

    def take_meta(self, preamble: list[str], sections: list[shape.Section]) -> list[str]:
        """The preamble without its publication, source and export lines (kept in self.meta)."""
        kept = []
        for line in preamble:
            found = self.meta.read(line)
            if found:
                self.note(*found)
            else:
                kept.append(line)
        if self.meta.published is None and sections:
            last = sections[-1].lines
            tail = [i for i, line in enumerate(last) if line.strip()][-3:]
            for i in reversed(tail):
                found = self.meta.read(last[i]) if self.meta.published is None else None
                if found:
                    self.note(*found)
                    del last[i]
        if self.meta.published:
            self.comments[("source", "published")] = [f"guessed: from the line “{self.meta.published_line}”"]
        return kept

    def support(
        self,
        contacts: list[facts.Contact],
        guide: dict[str, Any],
        steps: list[dict[str, Any]],
        finish: dict[str, Any] | None,
        language: str,
    ) -> list[dict[str, Any]]:
        """Contacts listed in a support section, then those found in the text."""
        texts = [guide.get("summary") or ""]
        for step in steps:
            texts += [step.get("body") or "", *step.get("notes", []), step.get("warning") or ""]
        texts.append((finish or {}).get("body") or "")
        found = contacts + [
            c
            for c in facts.find_contacts("\n\n".join(t for t in texts if t), language)
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
            f"Imported by `guide-tui import` from {one_line(self.name)}.",
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


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
