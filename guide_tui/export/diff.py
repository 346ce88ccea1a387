"""A guide diff (core/diff.py) in words: plain text for a terminal, or Markdown to paste
into a pull request.  Text from the guides is data: made terminal-safe in the text,
escaped (or fenced) in the Markdown.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import re

from guide_tui.core.diff import Edit, GuideDiff, StepChange
from guide_tui.core.markdown import md_escape
from guide_tui.core.text import safe_text
from guide_tui.i18n import t, tn

FORMATS = ("text", "markdown")


def render(diff: GuideDiff, fmt: str = "text", lang: str = "en") -> str:
    """The diff as `text` or `markdown`, its words in `lang`."""
    return (_markdown if fmt == "markdown" else _text)(diff, lang)


def summary(diff: GuideDiff, lang: str) -> str:
    """Such as `2 steps changed, 1 added, 0 removed, 1 moved; 1 change to the guide`, or `no changes`."""
    if diff.unchanged:
        return t("diff.none", lang)
    steps = t(
        "diff.counts",
        lang,
        changed=tn("diff.count.changed", diff.count("changed"), lang),
        added=tn("diff.count.added", diff.count("added"), lang),
        removed=tn("diff.count.removed", diff.count("removed"), lang),
        moved=tn("diff.count.moved", diff.count("moved"), lang),
    )
    if not diff.guide:
        return steps
    return t("diff.counts_guide", lang, steps=steps, guide=tn("diff.count.guide", len(diff.guide), lang))


def _heading(diff: GuideDiff, lang: str) -> str:
    new = diff.new
    return t("diff.title", lang, id=new.id, language=new.language, old=diff.old.path, new=new.path)


def _step_line(change: StepChange, lang: str) -> str:
    """What happened to a step, after its id and title."""
    if change.kind == "added":
        return t("diff.added", lang, line=change.new_line or "?")
    if change.kind == "removed":
        return t("diff.removed", lang, line=change.old_line or "?")
    words = [t("diff.line", lang, line=change.new_line or "?")]
    if change.moved:
        was, now = (t("diff.after", lang, id=s) if s else t("diff.first", lang) for s in change.moved)
        words.append(t("diff.moved", lang, now=now, was=was))
    return t("diff.separator", lang).join(words)


def _part(edit: Edit, lang: str) -> str:
    return f"{edit.part} ({t('diff.answer', lang, label=edit.label)})" if edit.label is not None else edit.part


# -- plain text ---------------------------------------------------------------------


def _text(diff: GuideDiff, lang: str) -> str:
    out = [_heading(diff, lang), summary(diff, lang)]
    if diff.guide:
        out += ["", t("diff.section.guide", lang)]
        for edit in diff.guide:
            out += _text_edit(edit, lang, "  ")
    if diff.steps:
        out += ["", t("diff.section.steps", lang)]
        for change in diff.steps:
            mark = {"added": "+", "removed": "-"}.get(change.kind, "~")
            out.append(f"  {mark} {change.id} «{change.title}»{t('colon', lang)}{_step_line(change, lang)}")
            for edit in change.edits:
                out += _text_edit(edit, lang, "      ")
    return "\n".join(safe_text(line) for line in out) + "\n"


def _text_edit(edit: Edit, lang: str, indent: str) -> list[str]:
    if edit.lines:
        return [f"{indent}{_part(edit, lang)}:"] + [f"{indent}  {line}" for line in edit.lines]
    absent = t("diff.absent", lang)
    old = absent if edit.old is None else edit.old
    new = absent if edit.new is None else edit.new
    return [f"{indent}{_part(edit, lang)}: {old} → {new}"]


# -- Markdown -------------------------------------------------------------------------


def _markdown(diff: GuideDiff, lang: str) -> str:
    new = diff.new
    out = [
        f"### {md_escape(t('diff.md_title', lang, id=new.id, language=new.language))}",
        "",
        f"`{_code(diff.old.path)}` → `{_code(new.path)}`: {md_escape(summary(diff, lang))}",
    ]
    if diff.guide:
        out += ["", f"**{md_escape(t('diff.section.guide', lang))}**", ""]
        for edit in diff.guide:
            out += _md_edit(edit, lang, "")
    if diff.steps:
        out += ["", f"**{md_escape(t('diff.section.steps', lang))}**", ""]
        for change in diff.steps:
            mark = {"added": "➕", "removed": "➖"}.get(change.kind, "✏️")
            out.append(
                f"- {mark} `{_code(change.id)}` «{md_escape(change.title)}»{t('colon', lang)}{md_escape(_step_line(change, lang))}"
            )
            for edit in change.edits:
                out += _md_edit(edit, lang, "  ")
    return "\n".join(out) + "\n"


def _md_edit(edit: Edit, lang: str, indent: str) -> list[str]:
    part = f"`{_code(edit.part)}`" + (
        f" ({md_escape(t('diff.answer', lang, label=edit.label))})" if edit.label is not None else ""
    )
    if edit.lines:
        fence = "`" * max(3, _longest_run(edit.lines) + 1)
        body = [f"{indent}  {safe_text(line)}" for line in edit.lines]
        return [f"{indent}- {part}:", "", f"{indent}  {fence}diff", *body, f"{indent}  {fence}", ""]
    absent = md_escape(t("diff.absent", lang))
    old = absent if edit.old is None else f"~~{md_escape(edit.old)}~~"
    new = absent if edit.new is None else f"**{md_escape(edit.new)}**"
    return [f"{indent}- {part}: {old} → {new}"]


def _code(text: str) -> str:
    """Text for inside a code span: terminal-safe, on one line, no backtick to end it early."""
    return safe_text(" ".join(text.split())).replace("`", "'")


def _longest_run(lines: tuple[str, ...]) -> int:
    return max((len(m) for line in lines for m in re.findall(r"`+", line)), default=0)
