"""An article -> a draft format-1 guide (`guide-tui import`).

    imported = import_article(data, "article.txt", guide_id="my-guide")
    imported.yaml      # the guide, as YAML with `# guessed` comments
    imported.report    # one line for each guess and each thing a human must do
    imported.report_in("zh-CN")  # the same lines in another interface language

The article is plain text, Markdown or a saved web page; one that carries
schema.org HowTo markup is read from that instead (howto.py).  Here the text's
sections become steps (runon.py sets apart what a page ran together; shape.py,
procedure.py and prose.py read its shape; steps.py makes the steps), its
sentences give the date, the contacts and the suggested branches
(facts.py), and draft.py writes the YAML and checks it.  The result always passes
the loader; anything that cannot become a guide is an ArticleError with a
one-line reason.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
import unicodedata
from typing import Any

from guide_tui.core.fields import MAX_FILE_BYTES, MAX_LINE_CHARS
from guide_tui.core.text import CONTROL as _CONTROL  # one policy for control characters
from guide_tui.core.text import other_encoding, strip_invisible
from guide_tui.i18n import Message
from guide_tui.importer import clean, facts, hidden, procedure, runon, shape, titles, web, words
from guide_tui.importer.contacts import Contact
from guide_tui.importer.draft import ArticleError, Draft, Imported, report_line
from guide_tui.importer.howto import import_howto
from guide_tui.importer.steps import StepMaker, one_line

__all__ = ["ArticleError", "Imported", "import_article", "read_article"]  # what `guide-tui import` uses


def read_article(data: bytes, name: str) -> tuple[str, list[Message]]:
    """The article's text (NFC, `\\n` line ends, no control or invisible characters) and notes
    on what was cleaned; ArticleError for an empty, binary or non-UTF-8 file."""
    if len(data) > MAX_FILE_BYTES:
        raise ArticleError(Message("cli.import.too_big", name=name, mib=MAX_FILE_BYTES // 1024 // 1024))
    encoding = other_encoding(data)
    if encoding:
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
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise ArticleError(Message("cli.import.binary", name=name))
    text, notes = _without_hidden(text)
    return "\n".join(line.rstrip() for line in text.split("\n")), notes


def _without_hidden(text: str) -> tuple[str, list[Message]]:
    """The text without terminal escapes, control and invisible characters; and report lines
    on what went."""
    text, escapes = hidden.without_escapes(text)  # "\x1b[31m" whole: no "[31m" left in the text
    left = len(_CONTROL.findall(text)) + escapes
    notes = [report_line("left out", Message("cli.import.controls", n=left))] if left else []
    text = _CONTROL.sub("", text)
    # Zero-width spaces, soft hyphens, bidi controls: the format refuses them, and the report
    # says which went, next to a number above all (U+202E shows 8765-001-009 as 900-100-5678).
    notes += [report_line("check", check) for check in hidden.invisible_checks(text)]
    return strip_invisible(text), notes


def import_article(
    data: bytes, name: str = "<stdin>", *, guide_id: str | None = None, language: str | None = None
) -> Imported:
    """A draft guide from an article's bytes; ArticleError when there is none to make.

    The article is plain text, Markdown, a saved web page (.html) or schema.org
    HowTo markup (.jsonld, or a page that carries it)."""
    text, report = read_article(data, name)
    importer = _Importer(name, report)
    kind = web.kind_of(text, name)
    if kind != "text":
        howto = web.find_howto(text, kind)
        if howto is not None and howto.steps:
            report += [report_line("check", c) for c in hidden.json_escaped_checks(text, markup=kind != "jsonld")]
            return import_howto(howto, name, report, guide_id, language)
        if kind == "jsonld":
            raise ArticleError(Message("cli.import.no_howto", name=name))
        try:
            page = web.page_text(text)
        except web.MissingExtra:
            raise ArticleError(Message("cli.import.needs_extra", name=name)) from None
        if not page.markdown.strip():
            raise ArticleError(Message("cli.import.no_content", name=name))
        importer.note("guessed", Message("cli.import.page_text"))
        importer.page = page
        # Invisible characters written as entities (&#x202E;): the page's text is read without
        # them, so they are looked for in the page itself.
        importer.report += [
            report_line("check", check) for check in hidden.invisible_checks(html.unescape(text), markup=True)
        ]
        page_text, notes = _without_hidden(page.markdown)
        importer.report += notes
        return importer.run(page_text, guide_id, language, markdown=True)
    markdown = name.lower().endswith((".md", ".markdown", ".mdown"))
    return importer.run(text, guide_id, language, markdown=markdown)


class _Importer(Draft):
    """One import of a text or Markdown article, or of a saved page's text."""

    def __init__(self, name: str, report: list[Message]) -> None:
        super().__init__(name, report)
        self.meta = facts.MetaLines()
        self.page: web.Page | None = None

    def run(self, text: str, guide_id: str | None, language: str | None, markdown: bool = False) -> Imported:
        lines = text.split("\n")
        front, lines = clean.front_matter(lines)
        if front:
            markdown = True
            self.note("left out", Message("cli.import.front_matter", keys=", ".join(list(front)[:6])))
        before = len(lines)
        lines = clean.template_tags(lines)
        if len(lines) < before or any("{%" in x for x in text.split("\n")[:2000]):
            self.note("left out", Message("cli.import.template_tags"))
        lines, dropped = shape.strip_furniture(lines)
        more, dropped2 = clean.furniture(lines)
        lines, dropped3 = clean.trailing_words(more)
        for what in dropped + dropped2 + dropped3:
            self.note("left out", what)
        title, lines, how = self.take_title(lines, front)
        lines, captions = clean.captions(lines, title)
        for what in captions:
            self.note("left out", what)
        if len(title) > MAX_LINE_CHARS:
            raise ArticleError(Message("cli.import.long_title", name=self.name, length=len(title)))
        lines = self.take_meta_lines(lines)
        guide: dict[str, Any] = {"format": 1, "id": self.guide_id(guide_id, title)}
        language, why = (language, None) if language else facts.guess_language("\n".join(lines) + title)
        if why:
            self.note(
                "guessed",
                Message("cli.import.language", language=language, why=why),
                ("language",),
                f"{why}; use --language to choose",
            )
        self.note("guessed", Message("cli.import.title", title=title, how=how))
        maker = StepMaker(language, self.note)
        guide["language"] = language
        guide["title"] = maker.line(title)
        lines = runon.split_inline_steps(lines)
        candidates = shape.headings(lines)
        chosen, style = shape.choose_sections(candidates)
        by_headings = style == "markdown" or any(h.level > 0 for h in chosen)
        found = procedure.find(lines, markdown_sections=by_headings)
        if found is None and style == "markdown":
            found = procedure.in_heading_section(lines, chosen)
        if found is None and by_headings:
            steps, finish, contacts, preamble = self.markdown_sections(lines, candidates, chosen, style, maker)
        elif found is not None:
            steps, finish, contacts, preamble = self.found_steps(found, maker, markdown)
        else:
            raise ArticleError(Message("cli.import.no_procedure", name=self.name))
        summary = maker.markdown(self.paragraphs(preamble, markdown))
        if not summary and front.get("intro"):
            summary = maker.markdown(str(front["intro"]))
        if not summary and self.page is None and front.get("description"):
            summary = maker.markdown(str(front["description"]))
        guide["summary"] = summary or None
        if summary:
            self.note("guessed", Message("cli.import.summary"), ("summary",))
        source_url = self.meta.url or (self.page.url if self.page else None)
        published = self.meta.published or (self.page.published if self.page else None) or _front_date(front)
        guide["source"] = {"title": title, "url": source_url, "published": published}
        if published and not self.meta.published:
            self.comments[("source", "published")] = ["guessed: the page's date"]
        maker.report_links()
        guide["support"] = self.support(contacts, guide, steps, finish, language)
        guide["steps"] = steps
        guide["finish"] = finish
        if self.meta.minutes:
            guide["estimated_minutes"] = self.meta.minutes
            self.comments[("estimated_minutes",)] = ["guessed: from the line about the time it takes"]
        self.report.append(
            report_line("to do", Message("cli.import.to_do_minutes" if self.meta.minutes else "cli.import.to_do"))
        )
        return self.finish(guide)

    def take_title(self, lines: list[str], front: dict[str, Any]) -> tuple[str, list[str], Message | str]:
        """(title, the lines without it and without what stood above it, how it was found)."""
        if isinstance(front.get("title"), str) and front["title"].strip():
            title = one_line(shape.unescape(front["title"]))
            lines = titles.without_repeated_title(lines, title, skip=self.meta.matches)
            return title, lines, Message("cli.import.from_front_matter")
        opening = titles.bracketed(lines, skip=self.meta.matches)
        if opening is not None:
            title, at, rest = opening
            lines = lines[:at] + ([rest] if rest else []) + lines[at + 1 :]
            return one_line(shape.unescape(title)), lines, Message("cli.import.bracketed_title")
        found = titles.choose(lines, skip=self.meta.matches)
        if found is not None:
            title, at, after, how = found
            above = [x for x in lines[:at] if x.strip()]
            kept_above = [x for x in lines[:at] if self.meta.matches(x)]
            for line in above:
                if not self.meta.matches(line):
                    self.note("left out", Message("cli.import.above_title", text=line.strip()[:80]))
            return one_line(shape.unescape(title)), kept_above + lines[after:], how
        if self.page is not None and self.page.title:
            return one_line(self.page.title), lines, Message("cli.import.page_title")
        question = titles.question(lines)
        if question:
            self.check(Message("cli.import.check.question_title", title=question), ("title",))
            return question, lines, Message("cli.import.question_title")
        stem = titles.from_name(self.name)
        if not stem:
            raise ArticleError(Message("cli.import.no_title", name=self.name))
        self.check(Message("cli.import.check.name_title", title=stem), ("title",))
        return stem, lines, Message("cli.import.name_title")

    def without_meta_lines(self, lines: list[str]) -> list[str]:
        """The lines without those about the article (a date line after the steps), each said."""
        kept: list[str] = []
        for line in lines:
            found = self.meta.read(line)
            if found:
                self.note(*found)
            else:
                kept.append(line)
        return kept

    def take_meta_lines(self, lines: list[str]) -> list[str]:
        """The lines without those about the article (dates, source lines) in its first lines."""
        kept: list[str] = []
        seen = 0
        for line in lines:
            if line.strip():
                seen += 1
            found = self.meta.read(line) if seen <= 12 and line.strip() else None
            if found:
                self.note(*found)
            else:
                kept.append(line)
        if self.meta.published:
            self.comments[("source", "published")] = [f"guessed: from the line “{self.meta.published_line}”"]
        return kept

    def paragraphs(self, lines: list[str], markdown: bool) -> str:
        """Markdown text of some lines; in text copied from a page each line is a paragraph."""
        return shape.paragraphs_text([b.text for b in shape.blocks(lines if markdown else _one_per_line(lines))])

    def found_steps(
        self, found: procedure.Found, maker: StepMaker, markdown: bool
    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None, list[Contact], list[str]]:
        """Steps, finish and listed contacts from the procedure found in a text."""
        for message in found.checks:
            self.check(message)
        sections = list(found.sections)
        for section in sections:
            if not markdown:
                section.lines = _one_per_line(section.lines)
        closing: str | None = None
        if (
            len(sections) > 1
            and not any(x.strip() for x in sections[-1].lines)
            and found.after
            and words.AFTER_HEADING.match(sections[-1].title)
        ):
            section = sections.pop()  # a heading such as 注意事项 whose text is only closing words
            self.note("guessed", Message("cli.import.closing", title=section.heading.text), ("finish",))
        elif len(sections) > 1:
            last_blocks = shape.blocks(sections[-1].lines)
            paragraphs = [b.text for b in last_blocks if b.kind == "para"]
            if facts.is_closing(sections[-1].title, paragraphs, any(b.kind != "para" for b in last_blocks)):
                section = sections.pop()
                closing = shape.paragraphs_text(paragraphs)
                self.note("guessed", Message("cli.import.closing", title=section.heading.text), ("finish",))
        steps = [maker.step(section, i) for i, section in enumerate(sections)]
        maker.unique_ids(steps)
        self.note(
            "guessed",
            Message("cli.import.steps", n=len(steps), style=procedure.style_words(found.style)),
            ("steps",),
        )
        finish = self.after_steps(found.after, maker, markdown)
        if finish and steps:  # "…。" then "如果找不到…": the last step's fallback, said after the list
            maker.fallbacks(_before_heading(finish["body"]), len(steps) - 1, steps[-1]["title"], ("finish",))
        if closing:
            body = maker.markdown(closing)
            finish = {"title": None, "body": "\n\n".join(x for x in (body, (finish or {}).get("body")) if x)}
        return steps, finish, [], found.preamble

    def after_steps(self, after: list[str], maker: StepMaker, markdown: bool) -> dict[str, Any] | None:
        """The finish: the text after the steps (closing words, tips), headings in bold; a
        Markdown heading (`## Done`) or closing title (总结) right after the steps is its title."""
        after = self.without_meta_lines(after)
        lines: list[str] = []
        title: str | None = None
        for n, line in enumerate(after):
            text = line.strip()
            head = shape.md_heading(line)
            bare = shape.clean_heading(head[1] if head else text)
            is_heading = bool(head) or bool(words.AFTER_HEADING.match(bare)) or bool(_CN_HEADING.match(text))
            # `## Done` after the blank lines that end the steps; a plain closing line (总结) only first
            md_title = head is not None and not any(x.strip() for x in lines)
            closing_title = is_heading and not lines and bool(words.CLOSING_TITLE.match(bare))
            if title is None and (md_title or closing_title):
                title = bare
                continue
            if is_heading and bare:
                following = next((x.strip() for x in after[n + 1 :] if x.strip()), "")
                bare_next = shape.clean_heading(following)
                if not following or words.AFTER_HEADING.match(bare_next) or words.CLOSING.match(following):
                    continue  # a heading with nothing of its own under it ("注意事项:" then "总结: …")
                lines += ["", f"**{bare}**", ""]
            else:
                lines.append(line)
        body = maker.markdown(self.paragraphs(lines, markdown))
        if not body:
            return None
        self.note("guessed", Message("cli.import.after_finish"), ("finish",))
        return {"title": maker.line(title) if title else None, "body": body}

    def markdown_sections(
        self,
        lines: list[str],
        candidates: list[shape.Heading],
        chosen: list[shape.Heading],
        style: str,
        maker: StepMaker,
    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None, list[Contact], list[str]]:
        """Steps from Markdown headings, as shape.py reads them."""
        trailing = shape.trailing_headings(candidates, chosen)
        preamble, sections = shape.split_sections(lines, chosen + trailing)
        self.take_meta_tail(sections)
        steps, finish, contacts = maker.make(sections, len(chosen))
        self.note("guessed", Message("cli.import.steps", n=len(steps), style=shape.style_words(style)), ("steps",))
        return steps, finish, contacts, preamble

    def take_meta_tail(self, sections: list[shape.Section]) -> None:
        """A publication line among the last lines of the last section (kept in self.meta)."""
        if self.meta.published is not None or not sections:
            return
        last = sections[-1].lines
        tail = [i for i, line in enumerate(last) if line.strip()][-3:]
        for i in reversed(tail):
            found = self.meta.read(last[i]) if self.meta.published is None else None
            if found:
                self.note(*found)
                del last[i]
        if self.meta.published:
            self.comments[("source", "published")] = [f"guessed: from the line “{self.meta.published_line}”"]


def _before_heading(text: str) -> str:
    """The paragraphs of a finish text before its first heading (after_steps writes one in
    bold): what follows the steps directly, not a part of its own ("**四、如何提升…**")."""
    kept: list[str] = []
    for paragraph in text.split("\n\n"):
        if paragraph.startswith("**") and paragraph.endswith("**"):
            break
        kept.append(paragraph)
    return "\n\n".join(kept)


_CN_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•·・]\s|\d{1,3}[.)、]\s|\[[ xX]\]\s|>|\|)")


def _one_per_line(lines: list[str]) -> list[str]:
    """Lines copied from a web page, where each line is a paragraph: a blank line after
    each one that is not a list item, a quote or a table row, so no two run together."""
    out: list[str] = []
    code = shape.fenced(lines)
    for i, line in enumerate(lines):
        out.append(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if code[i] or not line.strip() or not nxt.strip():
            continue
        if _LIST_ITEM.match(line) and (_LIST_ITEM.match(nxt) or nxt.startswith((" ", "\t"))):
            continue
        if nxt.startswith(("  ", "\t")) and _LIST_ITEM.match(line):
            continue
        out.append("")
    return out


def _front_date(front: dict[str, Any]) -> Any:
    for key in ("date", "published", "updated", "lastmod"):
        value = front.get(key)
        if isinstance(value, _dt.date):
            return value if not isinstance(value, _dt.datetime) else value.date()
        if isinstance(value, str):
            found = facts.find_date(value)
            if found:
                return found
    return None
