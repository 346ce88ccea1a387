"""A plain-text or Markdown article -> a draft format-1 guide (`guide-tui import`).

    imported = import_article(data, "article.txt", guide_id="my-guide")
    imported.yaml      # the guide, as YAML with `# guessed` comments
    imported.report    # one line for each guess and each thing a human must do

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

from . import importer_facts as facts
from . import importer_text as shape
from .importer_steps import StepMaker, one_line
from .importer_yaml import dump
from .loader import load_bytes
from .model import MAX_FILE_BYTES, MAX_LINE_CHARS, SLUG_PATTERN

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


class ArticleError(Exception):
    """An article that cannot become a guide; the message is one line for the user."""


@dataclass
class Imported:
    """The draft guide as YAML and as data, and what the importer guessed."""

    yaml: str
    data: dict[str, Any]
    report: list[str] = field(default_factory=list)


def read_article(data: bytes, name: str) -> tuple[str, list[str]]:
    """The article's text (NFC, `\\n` line ends, no control characters) and notes
    on what was cleaned; ArticleError for an empty, binary or non-UTF-8 file."""
    if len(data) > MAX_FILE_BYTES:
        raise ArticleError(f"{name} is larger than {MAX_FILE_BYTES // 1024 // 1024} MiB; "
                           "a guide's article is much shorter: split it first")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                          (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if data.startswith(bom):
            raise ArticleError(f"{name} is {encoding} text; save it as UTF-8 and import it again")
    if b"\0" in data:
        raise ArticleError(f"{name} looks like a binary file (it contains NUL bytes), not a text or Markdown article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ArticleError(f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02X} on line {line}); "
                           "save it as UTF-8 and import it again") from None
    if not text.strip():
        raise ArticleError(f"{name} is empty: there is no article to import")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    controls = _CONTROL.findall(text)
    if len(controls) > max(8, len(text) // 100):
        raise ArticleError(f"{name} looks like a binary file (many control characters), not a text or Markdown article")
    notes = [f"left out: {len(controls)} control character(s) that could change a terminal"] if controls else []
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n")), notes


def import_article(data: bytes, name: str = "<stdin>", *, guide_id: str | None = None,
                   language: str | None = None) -> Imported:
    """A draft guide from an article's bytes; ArticleError when there is none to make."""
    text, report = read_article(data, name)
    return _Importer(name, report).run(text, guide_id, language)


class _Importer:
    """One import: collects the guide data, its comments and the report."""

    def __init__(self, name: str, report: list[str]) -> None:
        self.name = name
        self.report = report
        self.comments: dict[tuple[Any, ...], list[str]] = {}
        self.meta = facts.MetaLines()

    def note(self, kind: str, text: str, where: tuple[Any, ...] | None = None, comment: str | None = None) -> None:
        """One report line; with `where`, the same words as a YAML comment there."""
        self.report.append(f"{kind}: {text}")
        if where is not None:
            self.comments.setdefault(where, []).append(f"{kind}: {comment or text}")

    def run(self, text: str, guide_id: str | None, language: str | None) -> Imported:
        lines, dropped = shape.strip_furniture(text.split("\n"))
        for what in dropped:
            self.note("left out", what)
        title, at, start, how = shape.take_title(lines, skip=self.meta.matches)
        title = one_line(shape.unescape(title))
        if not title:
            raise ArticleError(f"{self.name} has no text to make a title from")
        if len(title) > MAX_LINE_CHARS:
            raise ArticleError(f"{self.name}: the first line is {len(title)} characters long, too long for a title; "
                               "put the article's title on the first line")
        rest = lines[:at] + lines[start:]
        candidates = shape.headings(rest)
        chosen, style = shape.choose_sections(candidates)
        if not chosen:
            raise ArticleError(f"{self.name} has no sections to make steps from: no numbered headings "
                               "(一、 第一步 1. Step 1:) and no Markdown headings (## …) were found")
        trailing = shape.trailing_headings(candidates, chosen)
        preamble, sections = shape.split_sections(rest, chosen + trailing)
        self.note("guessed", f"title “{title}” from {how}")
        guide: dict[str, Any] = {"format": 1, "id": self.guide_id(guide_id, title)}
        language, why = (language, "") if language else facts.guess_language("\n".join(lines))
        if why:
            self.note("guessed", f"language {language}: {why} (use --language to choose)", ("language",),
                      f"{why}; use --language to choose")
        maker = StepMaker(language, self.note)
        guide["language"] = language
        guide["title"] = maker.line(title)
        preamble = self.take_meta(preamble, sections)
        summary = maker.markdown(shape.paragraphs_text([b.text for b in shape.blocks(preamble)]))
        guide["summary"] = summary or None
        if summary:
            self.note("guessed", "summary from the text before the first section", ("summary",))
        guide["source"] = {"title": title, "url": self.meta.url, "published": self.meta.published}
        steps, finish, contacts = maker.make(sections, len(chosen))
        maker.report_links()
        self.note("guessed", f"{len(steps)} step(s) from the article's {shape.style_words(style)}", ("steps",))
        guide["support"] = self.support(contacts, guide, steps, finish, language)
        guide["steps"] = steps
        guide["finish"] = finish
        if self.meta.minutes:
            guide["estimated_minutes"] = self.meta.minutes
            self.comments[("estimated_minutes",)] = ["guessed: from the line about the time it takes"]
        extra = "`tags`" if self.meta.minutes else "`tags` and `estimated_minutes`"
        self.report.append("to do: check every step against the article, set `reviewed` once the facts are "
                           f"checked, and add {extra}")
        return self.finish(guide)

    def guide_id(self, given: str | None, title: str) -> str:
        if given:
            if not re.fullmatch(SLUG_PATTERN, given):
                raise ArticleError(f"--id {given!r} is not a valid id: use lower-case letters, digits and hyphens")
            return given
        made = facts.slug(title)
        if made is None or not re.fullmatch(SLUG_PATTERN, made):
            raise ArticleError(f"cannot make an id from the title “{title}” (it has too few Latin letters); "
                               "give one with --id, such as --id my-guide")
        self.note("guessed", f"id {made} from the title (use --id to choose)", ("id",), "from the title; use --id to choose")
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

    def support(self, contacts: list[facts.Contact], guide: dict[str, Any], steps: list[dict[str, Any]],
                finish: dict[str, Any] | None, language: str) -> list[dict[str, Any]]:
        """Contacts listed in a support section, then those found in the text."""
        texts = [guide.get("summary") or ""]
        for step in steps:
            texts += [step.get("body") or "", *step.get("notes", []), step.get("warning") or ""]
        texts.append((finish or {}).get("body") or "")
        found = contacts + [c for c in facts.find_contacts("\n\n".join(t for t in texts if t), language)
                            if c.phone or not any(listed.channel for listed in contacts)]
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for c in found:
            key = re.sub(r"\D", "", c.phone) if c.phone else (c.url or c.channel or "")
            if not key or key in seen:
                continue
            seen.add(key)
            i = len(out)
            out.append({"name": one_line(c.name), "phone": c.phone, "url": c.url, "channel": one_line(c.channel or "") or None,
                        "disclaimer": one_line(c.disclaimer or "") or None})
            what = f"phone {c.phone}" if c.phone else f"link {c.url}" if c.url else f"channel “{c.channel}”"
            source = f" from “{_short(c.sentence)}”" if c.sentence else ""
            check = "check the name and the number" if c.phone else "check the name and the words"
            self.note("check", f"contact “{c.name}”, {what}{source}: {check}", ("support", i), f"{what}{source}; {check}")
            if c.phone and c.disclaimer:
                self.note("guessed", f"disclaimer of {c.phone}: “{c.disclaimer}”", ("support", i, "disclaimer"),
                          "the caveat the article gives beside the number")
            elif c.phone:
                self.note("check", f"no caveat found beside {c.phone}; add a `disclaimer` or a `reviewed` date")
        return out

    def finish(self, guide: dict[str, Any]) -> Imported:
        """The YAML, checked by the loader; ArticleError if it does not load."""
        order = ["format", "id", "language", "title", "summary", "source", "reviewed", "estimated_minutes",
                 "tags", "support", "steps", "finish"]
        data = {k: guide[k] for k in order if guide.get(k) not in (None, [], {})}
        if "source" in data:
            data["source"] = {k: v for k, v in data["source"].items() if v}
        header = [f"Imported by `guide-tui import` from {one_line(self.name)}.",
                  "Comments that start with `guessed`, `check` or `suggest` mark what a person must look at;",
                  "compare every step with the article before publishing, then delete these comments."]
        text = dump(data, self.comments, header).replace("\nformat: 1\n", "\n\nformat: 1\n", 1)
        result = load_bytes(text.encode("utf-8"), self.name)
        if result.errors:
            first = result.errors[0]
            raise ArticleError(f"the guide made from {self.name} does not load: {first.message} "
                               f"(line {first.line} of the YAML)")
        return Imported(text, data, self.report)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
