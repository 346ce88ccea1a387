"""The current step: title, body, warning, question, checklist and a hint line.

It is built once and updated in place on every step change (no remounting),
so a step change costs the same on a 20-step guide as on a 2,000-step one.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget

from guide_tui.core.walker import Walker
from guide_tui.i18n import t
from guide_tui.tui.widgets.markdown_text import MarkdownText

PARTS = ("support-ref", "warning", "ask", "input", "checklist", "confirm", "finish")  # in the order they are drawn


class StepView(Vertical):
    """Draws the walker's current step, or the finish text once the walk has ended."""

    def __init__(self, lang: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.lang = lang
        self._shown: dict[str, object] = {}
        self._mounted: dict[str, list[Widget]] = {}
        self._chosen: int | None = None  # the answer drawn last, to tell a new choice
        self.checklist_items: list[int] = []  # the checklist's rows: positions of the items shown
        # Widgets inside a part's box: a box mounted a moment ago has not mounted its children
        # yet, so they cannot be queried; they are kept here from when they are made.
        self._inner: dict[str, Widget] = {}
        self._input_for: str | None = None  # the step whose typed answer the field holds

    def _set_static(self, widget_id: str, content: Content | str) -> None:
        """Show lines of text (not Markdown), broken by core/text.py as guide text is, not by
        Textual; only when what it shows changed (an update costs a layout).  A str is
        shown as it is written, never read as markup."""
        content = Content(content) if isinstance(content, str) else content
        key = (content.plain, tuple(content.spans))
        if self._shown.get(widget_id) != key:
            self._shown[widget_id] = key
            widget = self._inner.get(widget_id) or self.query_one(f"#{widget_id}", MarkdownText)
            assert isinstance(widget, MarkdownText)
            widget.show_content(content)

    def compose(self) -> ComposeResult:
        yield MarkdownText(id="step-title")
        yield MarkdownText(id="step-body")
        yield MarkdownText(id="hint")

    # The parts most steps do not have are mounted the first time a step needs
    # them (fewer widgets to build before the first paint), then hidden or shown.
    def _parts(self, name: str) -> list[Widget]:
        if name == "warning":
            self._inner["warning"] = text = MarkdownText(id="warning")
            box = Vertical(text, id="warning-box")
            box.border_title = Content(t("panel.warning", self.lang))
            return [box]
        if name == "support-ref":
            return [MarkdownText(id="support-ref")]
        if name == "ask":
            from guide_tui.tui.widgets.choices import AskList  # only for a step that asks: not before every first paint

            return [
                MarkdownText(id="ask-prompt"),
                AskList(id="ask-list"),
                MarkdownText(id="ask-status"),
                MarkdownText(id="option-note"),
            ]
        if name == "input":
            from guide_tui.tui.widgets.answer_input import AnswerInput  # Textual's Input: only when needed

            return [MarkdownText(id="input-prompt"), AnswerInput(id="answer-input"), MarkdownText(id="input-status")]
        if name == "checklist":
            from guide_tui.tui.widgets.choices import Checklist

            return [MarkdownText(id="checklist-title"), Checklist(id="checklist")]
        if name == "confirm":
            self._inner["confirm-text"] = text = MarkdownText(id="confirm-text")
            self._inner["confirm-status"] = status = MarkdownText(id="confirm-status")
            box = Vertical(text, status, id="confirm-box")
            box.border_title = Content(t("confirm.title", self.lang))
            return [box]
        return [MarkdownText(id="finish-extra")]

    def _show_part(self, name: str, shown: bool) -> list[Widget]:
        """The widgets of a part, mounted if it is to be shown; shown or hidden."""
        widgets = self._mounted.get(name)
        if widgets is None:
            if not shown:
                return []
            widgets = self._mounted[name] = self._parts(name)
            later = [self._mounted[p][0] for p in PARTS[PARTS.index(name) + 1 :] if p in self._mounted]
            mounting = self.mount_all(widgets, before=later[0] if later else "#hint")
            hold_frames = getattr(self.screen, "hold_frames", None)  # the walker screen's (screens/frames.py)
            if hold_frames is not None:
                hold_frames(mounting)  # no frame of the step without the part
        for widget in widgets:
            widget.display = shown
        return widgets

    def _set_markdown(self, widget_id: str, text: str | None) -> None:
        """Show a Markdown text, and hide its widget when there is none."""
        widget = self._inner.get(widget_id) or self.query_one(f"#{widget_id}", MarkdownText)
        assert isinstance(widget, MarkdownText)
        widget.update(text or "")
        widget.display = bool(text)

    def show(self, walker: Walker, *, arrived: bool = False) -> None:
        """Draw the walker's state; `arrived`: the user has just come to this step,
        so its lists open with their cursors on the first row."""
        if walker.finished:
            self._show_finish(walker)
        else:
            self._show_step(walker, arrived)

    def _show_step(self, walker: Walker, arrived: bool) -> None:
        lang, step = self.lang, walker.step
        k = len(walker.path)  # the step's number along the path taken
        self._set_static("step-title", Content.assemble((f"{k}. ", "bold"), (walker.text(step.title), "bold")))
        self._set_markdown("step-body", walker.blocks(step.body))
        if self._show_part("support-ref", step.show_support):
            key = "support.see_panel" if walker.guide.support else "support.none"
            self._set_static("support-ref", Content(t(key, lang)))
        warning = walker.blocks(step.warning)
        if self._show_part("warning", bool(warning)):
            self._set_markdown("warning", warning)

        ask = step.ask
        typed = ask is not None and ask.typed
        self._show_part("input", typed)
        if typed:
            self._show_input(walker, arrived)
        self._show_part("ask", ask is not None and not typed)
        if ask is not None and not typed:
            chosen = walker.choice()
            self._set_static("ask-prompt", Content(walker.text(ask.prompt)))
            from guide_tui.tui.widgets.choices import AskList  # only for a step that shows one

            answers = self.query_one("#ask-list", AskList)
            if arrived:
                cursor = 0
            elif chosen is not None and chosen != self._chosen:
                cursor = chosen  # just chosen by its number: the cursor goes there
            else:
                cursor = answers.highlighted or 0
            self._chosen = chosen
            answers.show([walker.text(o.label) for o in ask.options], chosen, t("ask.chosen", lang), cursor)
            self._set_static("ask-status", Content(self.answer_line(walker)))
            note = ask.options[chosen].note if chosen is not None else None
            self._set_markdown("option-note", walker.markdown(note))

        self.checklist_items = walker.shown(step.checklist)
        self._show_part("checklist", bool(self.checklist_items))
        if self.checklist_items:
            from guide_tui.tui.widgets.choices import Checklist

            checklist = self.query_one("#checklist", Checklist)
            self.checklist_title(walker, active=checklist.has_keys and not arrived)
            ticked = walker.ticked()
            checklist.show(
                [walker.text(step.checklist[n].text) for n in self.checklist_items],
                {row for row, n in enumerate(self.checklist_items) if n in ticked},
                t("checklist.done", lang),
                0 if arrived else None,
            )

        self._show_part("confirm", bool(step.confirm))
        if step.confirm:
            self._set_markdown("confirm-text", walker.markdown(step.confirm))
            when = walker.confirmed.get(step.id)
            status = (
                Content(t("confirm.done", lang, time=_clock_time(when))).stylize("bold")
                if when is not None
                else Content(t("confirm.press", lang, press="c"))
            )
            self._set_static("confirm-status", status)

        self._show_part("finish", False)
        self._set_static("hint", self.hint(walker))

    def _show_input(self, walker: Walker, arrived: bool) -> None:
        """The typed-answer field: the prompt, the field (filled with the answer kept,
        when the user comes to the step) and a line that says what is kept or wrong."""
        from guide_tui.tui.widgets.answer_input import AnswerInput

        step = walker.step
        ask = step.ask
        assert ask is not None
        self._set_static("input-prompt", Content(walker.text(ask.prompt)))
        field = self.query_one("#answer-input", AnswerInput)
        kept = walker.typed_answer()
        if arrived or self._input_for != step.id:
            self._input_for = step.id
            field.placeholder = ask.hint or t(f"input.placeholder.{ask.input}", self.lang)
            field.value = kept or ""
            # One field serves every typed question: its cursor stayed where the last one's
            # was (a 9 typed at the start of "1234", then on, went into "XM-1" as "9XM-1").
            field.cursor_position = len(field.value)
            self.input_status(walker)

    def input_status(self, walker: Walker, problem: str | None = None) -> None:
        """The line under the field: what is wrong (`problem`), the answer kept, or how to answer."""
        ask = walker.step.ask
        kept = walker.typed_answer()
        if problem:
            content = Content(problem).stylize("bold")
        elif kept is not None:
            content = Content(t("input.kept", self.lang, answer=kept))
        else:
            content = Content(t(f"input.how.{ask.input if ask else 'text'}", self.lang, n=ask.limit if ask else 0))
        self._set_static("input-status", content)

    def checklist_title(self, walker: Walker, active: bool) -> None:
        """The checklist's heading says how to reach it when the answers have the keys."""
        step = walker.step
        reach = step.ask is not None and not active
        self._set_static("checklist-title", t("checklist.title_tab" if reach else "checklist.title", self.lang))

    def answer_line(self, walker: Walker) -> str:
        """The line under the answers: the answer chosen now, or how to choose one."""
        ask = walker.step.ask
        assert ask is not None
        chosen = walker.choice()
        if chosen is None:
            return t("ask.none", self.lang, n=len(ask.options))
        return t("ask.current", self.lang, label=walker.text(ask.options[chosen].label))

    def hint(self, walker: Walker) -> str:
        step = walker.step
        if step.ask and step.ask.typed and walker.typed_answer() is None:
            return t("hint.type_first", self.lang)
        if step.ask and not step.ask.typed and walker.choice() is None:
            return t("hint.answer_first", self.lang, n=len(step.ask.options))
        if walker.needs_confirm:
            return t("hint.confirm_first", self.lang, press="c")
        if walker.next_id() != "end":
            return t("hint.continue", self.lang)
        # the walk ends at this step's own finish (sent to support): "end here", not "finish"
        return t("hint.end_here" if step.finish else "hint.finish", self.lang)

    def _show_finish(self, walker: Walker) -> None:
        lang, guide = self.lang, walker.guide
        finish = walker.ending()
        title = walker.text(finish.title) if finish and finish.title else t("finish.title", lang)
        # A tick for the guide's own ending only: a step's own (sent to customer service) is
        # another outcome, and nothing was done that a tick would claim.
        tick = "" if walker.other_outcome else "✓ "
        self._set_static("step-title", Content.assemble((tick, "bold"), (title, "bold")))
        self._set_markdown("step-body", walker.markdown(finish.body if finish else None))
        # Ended at a step that sends the user to support ("请拨打…热线"): where the number is.
        if self._show_part("support-ref", walker.step.show_support and bool(guide.support)):
            self._set_static("support-ref", Content(t("support.see_panel", lang)))
        for part in ("warning", "ask", "input", "checklist", "confirm"):
            self._show_part(part, False)
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
        unticked = walker.unticked()
        if unticked:  # said at the end, so that "done" is never read over a check left open
            lines.append(Content(t("finish.unticked", lang)).stylize("bold"))
            for step_id, n in unticked:
                lines.append(Content(f"  • {walker.text(guide.step(step_id).checklist[n].text)}"))
            lines.append(Content(""))
        lines.append(Content(t("finish.path", lang)).stylize("bold"))
        for number, step_id in enumerate(walker.path, 1):
            skipped = t("walk.aside", lang, note=t("walk.skipped", lang)) if step_id in walker.skipped else ""
            lines.append(Content(f"  {number}. {walker.text(guide.step(step_id).title)}{skipped}"))
        self._show_part("finish", True)
        self._set_static("finish-extra", Content("\n").join(lines))
        self._set_static("hint", t("finish.hint", lang))


def _clock_time(when: float) -> str:
    """A time of today as the report shows it: HH:MM:SS, local."""
    import time

    return time.strftime("%H:%M:%S", time.localtime(when))
