"""The current step: title, body, warning, question, checklist and a hint line.

It is built once and updated in place on every step change (no remounting),
so a step change costs the same on a 20-step guide as on a 2,000-step one.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ..i18n import t
from ..walker import Walker
from .choices import AskList, Checklist
from .markdown_text import MarkdownText


class StepView(Vertical):
    """Draws the walker's current step, or the finish text once the walk has ended."""

    def __init__(self, lang: str, **kw) -> None:
        super().__init__(**kw)
        self.lang = lang
        self._shown: dict[str, object] = {}

    def _set_static(self, widget_id: str, content: Content | str) -> None:
        """Update a Static only when what it shows changed (an update costs a layout)."""
        key = (content.plain, tuple(content.spans)) if isinstance(content, Content) else content
        if self._shown.get(widget_id) != key:
            self._shown[widget_id] = key
            self.query_one(f"#{widget_id}", Static).update(content)

    def compose(self) -> ComposeResult:
        yield Static(id="step-title")
        yield MarkdownText(id="step-body")
        with Vertical(id="warning-box"):
            yield MarkdownText(id="warning")
        yield Static(id="ask-prompt")
        yield AskList(id="ask-list")
        yield MarkdownText(id="option-note")
        yield Static(id="checklist-title")
        yield Checklist(id="checklist")
        yield Static(id="finish-extra")
        yield Static(id="hint")

    def on_mount(self) -> None:
        self.query_one("#warning-box").border_title = t("panel.warning", self.lang)

    def _set_markdown(self, widget_id: str, text: str | None) -> None:
        """Show a Markdown text, and hide its widget when there is none."""
        widget = self.query_one(f"#{widget_id}", MarkdownText)
        widget.update(text or "")
        widget.display = bool(text)

    def show(self, walker: Walker) -> None:
        if walker.finished:
            self._show_finish(walker)
        else:
            self._show_step(walker)

    def _show_step(self, walker: Walker) -> None:
        lang, step = self.lang, walker.step
        k = len(walker.path)  # the step's number along the path taken
        self._set_static("step-title", Content.assemble((f"{k}. ", "bold"), (walker.text(step.title), "bold")))
        self._set_markdown("step-body", walker.markdown(step.body))
        self._set_markdown("warning", walker.markdown(step.warning))
        self.query_one("#warning-box").display = bool(step.warning)

        ask, asks = step.ask, self.query_one("#ask-list", AskList)
        chosen = walker.choice()
        self._set_static("ask-prompt", Content(walker.text(ask.prompt)) if ask else "")
        self.query_one("#ask-prompt").display = asks.display = ask is not None
        note = None
        if ask:
            asks.show([walker.text(o.label) for o in ask.options], chosen, t("ask.chosen", lang))
            if chosen is not None:
                note = ask.options[chosen].note
        self._set_markdown("option-note", walker.markdown(note))

        checklist = self.query_one("#checklist", Checklist)
        self._set_static("checklist-title", t("checklist.title", lang))
        self.query_one("#checklist-title").display = checklist.display = bool(step.checklist)
        if step.checklist:
            checklist.show([walker.text(i) for i in step.checklist], walker.ticked(), t("checklist.done", lang))

        self.query_one("#finish-extra").display = False
        self._set_static("hint", self.hint(walker))

    def hint(self, walker: Walker) -> str:
        step = walker.step
        if step.ask:
            chosen = walker.choice()
            if chosen is None:
                return t("hint.answer_first", self.lang, n=len(step.ask.options))
            return t("hint.chosen", self.lang, label=walker.text(step.ask.options[chosen].label))
        return t("hint.finish" if walker.next_id() == "end" else "hint.continue", self.lang)

    def _show_finish(self, walker: Walker) -> None:
        lang, guide = self.lang, walker.guide
        finish = guide.finish
        title = walker.text(finish.title) if finish and finish.title else t("finish.title", lang)
        self._set_static("step-title", Content.assemble(("✓ ", "bold"), (title, "bold")))
        self._set_markdown("step-body", walker.markdown(finish.body if finish else None))
        for hidden in ("#warning-box", "#ask-prompt", "#ask-list", "#option-note", "#checklist-title", "#checklist"):
            self.query_one(hidden).display = False
        lines: list[str | Content] = []
        answered = walker.answered
        if answered:
            lines.append(Content(t("finish.answers", lang)).stylize("bold"))
            for step_id in walker.path:
                ask = guide.step(step_id).ask
                if ask and ask.key in answered:
                    lines.append(Content(f"  • {walker.text(ask.prompt)}"))
                    lines.append(Content.assemble("    → ", (answered[ask.key], "bold")))
            lines.append(Content(""))
        lines.append(Content(t("finish.path", lang)).stylize("bold"))
        for number, step_id in enumerate(walker.path, 1):
            lines.append(Content(f"  {number}. {walker.text(guide.step(step_id).title)}"))
        self._set_static("finish-extra", Content("\n").join(lines))
        self.query_one("#finish-extra").display = True
        self._set_static("hint", t("finish.hint", lang))
