"""A whole guide as a printable checklist: Markdown, plain text, HTML or JSON; or as
schema.org HowTo JSON-LD (howto.py: its main path, for the web).

Every step is shown in file order with its title, body, warning, checklist,
question (each answer with where it leads), notes, on a step that asks
for it the support contacts, and the step's own finish text if it ends the
walk with one; the contacts and the guide's finish text close the export.  Labels follow the guide's language (the "export.*" messages).

`{{key}}` is shown as «your answer at step N» in every format but JSON: on paper there is no
answer yet, and «» cannot be mistaken for Markdown, HTML or a real answer.

Markdown shape (another tool reads it back, so it is stable): `# Title`, the
summary, then each step as `## N. Title` followed by its body verbatim; every
other part of a step starts with a `### ` heading, so the body is exactly the
text between a step's heading and the next heading.  Support and finish are
`## ` headings without a number.  Plain-text fields are escaped; bodies,
notes and other Markdown fields stay Markdown.

Each format is a module of this package (markdown, text, html, howto; JSON here),
imported only when asked for.  Nothing here imports Textual or Rich.
"""

from __future__ import annotations

import json

from guide_tui.core.model import Guide

FORMATS = ("markdown", "text", "html", "json", "howto")


def export(guide: Guide, fmt: str) -> str:
    """The guide in one of FORMATS (ValueError for another)."""
    if fmt == "markdown":
        from guide_tui.export.markdown import to_markdown

        return to_markdown(guide)
    if fmt == "text":
        from guide_tui.export.text import to_text

        return to_text(guide)
    if fmt == "html":
        from guide_tui.export.html import to_html

        return to_html(guide)
    if fmt == "json":
        return to_json(guide)
    if fmt == "howto":
        from guide_tui.export.howto import to_howto

        return to_howto(guide)
    raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")


def to_json(guide: Guide) -> str:
    """The loaded model as JSON (Guide.to_dict()), UTF-8 text, not ASCII-escaped."""
    return json.dumps(guide.to_dict(), ensure_ascii=False, indent=2) + "\n"
