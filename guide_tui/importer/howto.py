"""schema.org HowTo markup -> a draft guide, for `guide-tui import`.

A .jsonld file, or a saved page that carries the markup (web.py finds and reads
it), gives the steps as data: no sections or sentences are read for them.
HowToStep becomes a step, HowToTip its notes, totalTime the estimated minutes,
ContactPoint the support (its description the disclaimer); the guide is then
finished as every import is (draft.py).
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from typing import Any

from guide_tui.i18n import Message
from guide_tui.importer import facts, procedure, titles, web
from guide_tui.importer.contacts import Contact
from guide_tui.importer.draft import ArticleError, Draft, Imported, report_line
from guide_tui.importer.steps import StepMaker, one_line


def import_howto(
    howto: web.HowTo, name: str, report: list[Message], guide_id: str | None, language: str | None
) -> Imported:
    """A guide from HowTo markup: HowToStep -> steps, HowToTip -> notes, totalTime -> minutes,
    ContactPoint -> support (its description the disclaimer).  `report`: the lines so far."""
    draft = Draft(name, report)
    title = one_line(howto.title) or titles.from_name(name)
    if not title:
        raise ArticleError(Message("cli.import.no_title", name=name))
    draft.note("guessed", Message("cli.import.howto", n=len(howto.steps)))
    guide: dict[str, Any] = {"format": 1, "id": draft.guide_id(guide_id, title)}
    every = " ".join([howto.title, howto.summary, *(" ".join(s.body) for s in howto.steps)])
    language, why = (language, None) if language else facts.guess_language(every)
    if why:
        draft.note("guessed", Message("cli.import.language", language=language, why=why), ("language",))
    maker = StepMaker(language, draft.note)
    guide["language"] = language
    guide["title"] = maker.line(title)
    summary = howto.summary
    if howto.tools or howto.supplies:
        extra = []
        if howto.supplies:
            extra.append("- " + "\n- ".join(howto.supplies))
        if howto.tools:
            extra.append("- " + "\n- ".join(howto.tools))
        summary = "\n\n".join([summary, *extra]).strip()
    guide["summary"] = maker.markdown(summary) or None
    guide["source"] = {"title": title, "url": howto.url, "published": howto.published}
    if howto.minutes:
        guide["estimated_minutes"] = howto.minutes
        draft.comments[("estimated_minutes",)] = ["guessed: the HowTo's totalTime"]
    steps: list[dict[str, Any]] = []
    for i, item in enumerate(howto.steps):
        body = list(item.body)
        step_title = item.title
        if not step_title and body:
            step_title, rest = procedure.split_title(body[0], len(body) > 1)
            body = ([rest] if rest else []) + body[1:]
        elif body and body[0].strip() == step_title.strip():
            body = body[1:]
        step: dict[str, Any] = {"id": "", "title": maker.line(step_title) or f"Step {i + 1}"}
        text = maker.markdown("\n\n".join(body))
        if text:
            step["body"] = text
        notes = [maker.markdown(n) for n in item.notes if n.strip()]
        if notes:
            step["notes"] = notes
        steps.append(step)
    maker.unique_ids(steps)
    if howto.sections:
        draft.note("guessed", Message("cli.import.howto_sections", sections=" / ".join(howto.sections)), ("steps",))
    guide["steps"] = steps
    listed = [Contact(**{"name": "", **c}) for c in howto.contacts]  # its ContactPoints
    guide["support"] = draft.support(listed, guide, steps, None, language)
    draft.report.append(
        report_line("to do", Message("cli.import.to_do_minutes" if howto.minutes else "cli.import.to_do"))
    )
    return draft.finish(guide)
