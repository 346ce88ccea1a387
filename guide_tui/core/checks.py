"""Checks that span a whole guide: ids, `next`, paths, `{{key}}`, links.

Each problem points at the key it is about, using the positions the loader
recorded in `Guide.locations`.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from guide_tui.core.conditional import When
from guide_tui.core.fields import END
from guide_tui.core.flow import Flow, texts_of
from guide_tui.core.links import LINK_SCHEMES, misleading, url_message
from guide_tui.core.model import Guide
from guide_tui.core.problems import Problem
from guide_tui.core.template import placeholders, stray_braces
from guide_tui.i18n import Listed, Message

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from collections.abc import Iterator
    from typing import Any

    from guide_tui.core.written import WrittenText

# `{{` and its escape, as parameters: a catalog text cannot hold braces readably.
_BRACES = {"brace": "{{", "literal": "{{{{"}


def check_guide(guide: Guide, refused: frozenset[tuple[int, int]] = frozenset()) -> list[Problem]:
    """Every cross-reference problem and warning in a structurally sound guide; `refused`:
    where the values the loader refused start (line, column): no warning calls them missing."""
    return list(_Checker(guide, refused).run())


class _Checker:
    def __init__(self, guide: Guide, refused: frozenset[tuple[int, int]] = frozenset()) -> None:
        self.guide = guide
        self.refused = refused
        self.ids: dict[str, int] = {}  # step id -> index of its first step
        self.keys: dict[str, int] = {}  # question key -> index of its first step
        self.suggestions_left = 50
        # Each step's items with a `when` of their own, and where they are (three checks use
        # them); and the texts that may hold `{{key}}` or a link (texts()): one pass for both.
        self.items: list[list[tuple[When, tuple[Any, ...]]]] = []
        self._texts = self._gather()
        self._written: WrittenText | None = None  # the file's text, read for at_piece alone

    def suggest(self, word: str, choices: dict[str, int]) -> str | None:
        """The choice closest to a misspelt word, if one is close.

        Bounded, because difflib is slow and a hostile guide can hold thousands
        of misspellings: only the first few get a suggestion, among at most 200
        choices of about the same length."""
        if self.suggestions_left <= 0:
            return None
        self.suggestions_left -= 1
        near = [c for c in choices if abs(len(c) - len(word)) <= 3][:200]
        import difflib  # only for a mistake: kept off the start-up path

        close = difflib.get_close_matches(word, near, n=1)
        return close[0] if close else None

    def at(self, *where: Any, severity: str = "error", message: Message) -> Problem:
        loc = self.guide.locations
        while where and where not in loc:
            where = where[:-1]
        line, column = loc.get(where, (1, 1))
        return Problem.of(self.guide.path, line, column, severity, message)

    def at_piece(self, *where: Any, piece: str, severity: str = "error", message: Message) -> Problem:
        """A problem about `piece`, a part of the text at `where` (a link, a `{{key}}`): placed
        at that part in the file when it is written there as it reads (a line of a `|` text,
        many lines below its key); else at the text, as `at` places it."""
        problem = self.at(*where, severity=severity, message=message)
        if self._written is None:
            from guide_tui.core.written import WrittenText  # for a problem only: kept off the start-up path

            self._written = WrittenText(self.guide)
        place = self._written.place(problem.line, problem.column, piece)
        return problem if place is None else Problem.of(self.guide.path, *place, severity, message)

    def was_refused(self, *where: Any) -> bool:
        """Whether the value written at `where` was refused by the loader (an error there)."""
        place = self.guide.locations.get(where)
        return place is not None and place in self.refused

    def run(self) -> Iterator[Problem]:
        g = self.guide
        sound = True
        for i, step in enumerate(g.steps):
            if step.id == END:
                sound = False
                yield self.at("steps", i, "id", message=Message("load.end_reserved"))
            elif step.id in self.ids:
                sound = False
                yield self.at(
                    "steps", i, "id", message=Message("load.duplicate_step_id", id=step.id, first=self.ids[step.id] + 1)
                )
            else:
                self.ids[step.id] = i
            if step.ask and step.ask.key not in self.keys:
                self.keys[step.ask.key] = i
        for problem in self.check_next():
            sound = False
            yield problem
        yield from self.check_questions()
        yield from self.check_conditions()  # a mistaken `when` narrows nothing in Flow
        yield from self.check_placeholders()
        self.flow = Flow(self.guide, self.ids, self.items) if sound else None
        if self.flow is not None:
            yield from self.check_paths(self.flow)
        yield from self.check_links()
        yield from self.check_warnings()

    # -- where the walk goes ------------------------------------------------

    def check_next(self) -> Iterator[Problem]:
        for i, step in enumerate(self.guide.steps):
            targets: list[tuple[str, tuple[Any, ...]]] = []
            if step.next:
                targets.append((step.next, ("steps", i, "next")))
            if step.ask:
                targets += [
                    (o.next, ("steps", i, "ask", "options", j, "next"))
                    for j, o in enumerate(step.ask.options)
                    if o.next
                ]
            for target, where in targets:
                if target != END and target not in self.ids:
                    close = self.suggest(target, self.ids)
                    hint = Message("load.did_you_mean", name=close) if close else Message("load.next_use")
                    yield self.at(*where, message=Message("load.next_unknown", target=target, hint=hint))

    def check_paths(self, flow: Flow) -> Iterator[Problem]:
        steps = self.guide.steps
        if flow.straight:  # every step is shown and goes on to the next: only a step's finish can go unseen
            for i, step in enumerate(steps[:-1]):
                if step.finish:
                    yield self.at("steps", i, "finish", message=Message("load.finish_never_shown", id=step.id))
            return
        for i, step in enumerate(steps):
            if not flow.arrived(i):
                yield self.at("steps", i, message=Message("load.unreachable", id=step.id))
            elif not flow.live(i):  # reached, but its `when` never holds there
                yield self.at("steps", i, "when", message=Message("load.never_shown", id=step.id))
        for i, step in enumerate(steps):
            if flow.live(i) and i not in flow.finishing:
                yield self.at("steps", i, message=Message("load.no_way_out", id=step.id))
        for first, loop in flow.pass_over_loops():
            ids = Listed(f"`{steps[j].id}`" for j in loop)
            yield self.at("steps", first, "when", message=Message("load.pass_over_loop", ids=ids))
        for i, step in enumerate(steps):
            if step.finish and flow.live(i) and not flow.ends_after(i):  # its finish text could never be shown
                yield self.at("steps", i, "finish", message=Message("load.finish_never_shown", id=step.id))
        for i, step in enumerate(steps):
            if not flow.live(i):
                continue
            for when, where in self.items[i]:
                if not flow.may_hold(i, when, inside=True):
                    yield self.at(*where, message=Message("load.item_never_shown", id=step.id))

    # -- `when` -----------------------------------------------------------------

    def check_conditions(self) -> Iterator[Problem]:
        """Each `when` names a question with options, and labels that question offers."""
        steps = self.guide.steps
        for i, step in enumerate(steps):
            places = [(step.when, ("steps", i, "when"))] if step.when else []
            for when, where in places + self.items[i]:
                for c in when:
                    if c.key not in self.keys:
                        close = self.suggest(c.key, self.keys)
                        hint = Message("load.did_you_mean", name=close) if close else Message("load.no_such_question")
                        yield self.at(*where, c.key, message=Message("load.when_unknown_key", key=c.key, hint=hint))
                        continue
                    ask = steps[self.keys[c.key]].ask
                    assert ask is not None
                    if ask.typed:
                        yield self.at(*where, c.key, message=Message("load.when_typed", key=c.key))
                        continue
                    offered = {o.label: j for j, o in enumerate(ask.options)}
                    for j, label in enumerate(c.labels):
                        if label not in offered:
                            close = self.suggest(label, offered)
                            hint = (
                                Message("load.did_you_mean", name=close)
                                if close
                                else Message("load.labels_are", labels=Listed(f"`{x}`" for x in offered))
                            )
                            yield self.at(
                                *where,
                                c.key,
                                j,
                                message=Message("load.when_unknown_label", key=c.key, label=label[:60], hint=hint),
                            )

    # -- questions and `{{key}}` -----------------------------------------------

    def check_questions(self) -> Iterator[Problem]:
        for i, s in enumerate(self.guide.steps):
            if not s.ask:
                continue
            if self.keys[s.ask.key] != i:
                yield self.at(
                    "steps",
                    i,
                    "ask",
                    "key",
                    message=Message("load.duplicate_question_key", key=s.ask.key, first=self.keys[s.ask.key] + 1),
                )
            labels: dict[str, int] = {}
            for j, o in enumerate(s.ask.options):
                if o.label in labels:
                    yield self.at(
                        "steps",
                        i,
                        "ask",
                        "options",
                        j,
                        "label",
                        message=Message("load.duplicate_label", n=j + 1, first=labels[o.label] + 1),
                    )
                labels.setdefault(o.label, j)

    def texts(self) -> list[tuple[str, tuple[Any, ...], int | str, When]]:
        """Every text that may hold `{{key}}` or a link (one with `{{`, `[` or `<`: no
        placeholder or link is written without one), where it is, when it is shown (a
        step index, "summary" before any step, or "finish") and the `when` of its own
        (an item's), under which its keys are answered.  Gathered once for every check."""
        return self._texts

    def _gather(self) -> list[tuple[str, tuple[Any, ...], int | str, When]]:
        """texts(), filling self.items on the way (each step's `item_conditions`)."""
        found: list[tuple[str, tuple[Any, ...], int | str, When]] = []
        g = self.guide
        if g.summary and _marked(g.summary):
            found.append((g.summary, ("summary",), "summary", ()))
        for i, s in enumerate(g.steps):
            if _marked(s.title):
                found.append((s.title, ("steps", i, "title"), i, ()))
            conditions = []
            for name, items in texts_of(s):
                for j, item in enumerate(items):
                    if item.when:
                        conditions.append((item.when, ("steps", i, name, j, "when")))
                    if _marked(item.text):
                        found.append((item.text, ("steps", i, name, j, "text"), i, item.when))
            self.items.append(conditions)
            if s.confirm and _marked(s.confirm):
                found.append((s.confirm, ("steps", i, "confirm"), i, ()))
            if s.ask:
                if _marked(s.ask.prompt):
                    found.append((s.ask.prompt, ("steps", i, "ask", "prompt"), i, ()))
                for j, o in enumerate(s.ask.options):
                    if o.note and _marked(o.note):
                        found.append((o.note, ("steps", i, "ask", "options", j, "note"), i, ()))
            if s.finish:  # shown once the walk has ended right after this step
                for name in ("title", "body"):
                    text = getattr(s.finish, name)
                    if text and _marked(text):
                        found.append((text, ("steps", i, "finish", name), i, ()))
        if g.finish:
            for name in ("title", "body"):
                text = getattr(g.finish, name)
                if text and _marked(text):
                    found.append((text, ("finish", name), "finish", ()))
        return found

    def check_placeholders(self) -> Iterator[Problem]:
        for text, where, _, _ in self.texts():
            if "{{" not in text:  # most texts: nothing to look for
                continue
            for key, offset in placeholders(text):
                if key not in self.keys:
                    close = self.suggest(key, self.keys)
                    hint = (
                        Message("load.did_you_mean", name=f"{{{{{close}}}}}")
                        if close
                        else Message("load.no_such_question")
                    )
                    yield self.at_piece(
                        *where,
                        piece=_written(text, offset, "}}"),
                        message=Message("load.placeholder_unknown", placeholder=f"{{{{{key}}}}}", hint=hint, **_BRACES),
                    )
            for offset in stray_braces(text)[:1]:
                yield self.at_piece(
                    *where,
                    piece=_written(text, offset, ""),
                    message=Message("load.stray_braces", placeholder="{{key}}", **_BRACES),
                )

    # -- links ---------------------------------------------------------------

    def check_links(self) -> Iterator[Problem]:
        labels = [
            (o.label, ("steps", i, "ask", "options", j, "label"))
            for i, s in enumerate(self.guide.steps)
            if s.ask
            for j, o in enumerate(s.ask.options)
            if "[" in o.label or "<" in o.label
        ]
        for text, where in [(t, w) for t, w, _, _ in self.texts()] + labels:
            if "[" not in text and "<" not in text:
                continue  # no link can be written without one (`links`): no Markdown parser imported
            from guide_tui.core.markdown import links

            for link in links(text):
                label, url = link.label, link.url
                problem = url_message(url, LINK_SCHEMES)
                if problem:
                    yield self.at_piece(*where, piece=url, message=Message("load.link", url=url[:60], problem=problem))
                elif label is not None and misleading(label, url):
                    yield self.at_piece(
                        *where,
                        piece=url,
                        severity="warning",
                        message=Message("load.misleading_link", label=label[:40], url=url[:60]),
                    )

    # -- warnings --------------------------------------------------------------

    def check_warnings(self) -> Iterator[Problem]:
        g = self.guide
        for i, s in enumerate(g.steps):
            if s.body or s.ask or s.checklist:
                continue
            if ("steps", i, "body") in g.locations and not any(
                ("steps", i, k) in g.locations for k in ("ask", "checklist")
            ):
                # `body:` with nothing YAML reads as text after it: `body: # Heading` is a comment.
                # Not a body refused (a character the format does not take): its error says so.
                if not self.was_refused("steps", i, "body"):
                    yield self.at("steps", i, "body", severity="warning", message=Message("load.empty_body", id=s.id))
            elif not any(("steps", i, key) in g.locations for key in ("body", "ask", "checklist")):
                # (one written but refused has an error that says so)
                yield self.at("steps", i, severity="warning", message=Message("load.title_only", id=s.id))
        if g.reviewed is None:
            for i, c in enumerate(g.support):
                if c.phone and not c.disclaimer and not self.was_refused("support", i, "disclaimer"):
                    yield self.at(
                        "support", i, "phone", severity="warning", message=Message("load.no_disclaimer", name=c.name)
                    )
        with_keys = [found for found in self.texts() if "{{" in found[0]]
        if not with_keys:  # most guides: no placeholder
            return
        answered = self.answered_before()
        bit = {key: 1 << n for n, key in enumerate(self.keys)}
        for text, where, place, when in with_keys:
            known = answered.get(place)
            if known is None:
                continue  # an unreachable step: reported by check_paths
            own = g.steps[place].ask if isinstance(place, int) else None
            if own and (where[3:4] == ("options",) or where[2:3] == ("finish",)):
                known = known | bit[own.key]  # an answer's note, or the step's finish, comes after the answer
            for condition in when:  # an item shown only for an answer: that question is answered
                known |= bit.get(condition.key, 0)
            shown = (
                (Message("load.in.summary") if place == "summary" else Message("load.in.finish"))
                if isinstance(place, str)
                else Message("load.in.step", id=g.steps[place].id)
            )
            for key in dict.fromkeys(k for k, _ in placeholders(text)):
                if key in self.keys and place == "summary":
                    yield self.at(
                        *where,
                        severity="warning",
                        message=Message("load.summary_placeholder", placeholder=f"{{{{{key}}}}}"),
                    )
                elif key in self.keys and not known & bit[key]:
                    yield self.at(
                        *where,
                        severity="warning",
                        message=Message("load.maybe_unset", placeholder=f"{{{{{key}}}}}", place=shown),
                    )

    def answered_before(self) -> dict[int | str, int]:
        """For each step that can be shown (and "summary", "finish"), the keys answered on
        every path that reaches it (Flow.answered); none without a sound flow."""
        return self.flow.answered(self.keys) if self.flow is not None else {}


def _written(text: str, offset: int, end: str) -> str:
    """The piece of `text` from `offset` to the first `end` after it (included), else to
    the end of its line (at most 40 characters): what to look for in the file (`{{nokey}}`,
    or a stray `{{` and what follows it)."""
    line = text[offset:].split("\n", 1)[0][:40]
    cut = line.find(end, 2) if end else -1
    return line if cut < 0 else line[: cut + len(end)]


def _marked(text: str) -> bool:
    """Whether a text may hold `{{key}}` or a link (see _Checker.texts)."""
    return "{{" in text or "[" in text or "<" in text
