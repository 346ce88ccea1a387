"""Checks that span a whole guide: ids, `next`, paths, `{{key}}`, links.

Each problem points at the key it is about, using the positions the loader
recorded in `Guide.locations`.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterator

from .model import END, Guide, Step
from .problems import Problem
from .template import placeholders

_MD_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)")
_MD_REF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_MD_AUTO = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^>\s]*)>")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LOOKS_LIKE_URL = re.compile(r"^\s*(?:[a-z]+://|www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/:?#]\S*)?\s*$", re.I)
LINK_SCHEMES = ("https", "mailto", "tel")


def url_problem(url: str, schemes: tuple[str, ...]) -> str | None:
    """Why a URL is not allowed, or None when it is."""
    if url.startswith("-"):
        return f'"{url[:40]}" starts with "-", which a program could take for an option; remove it'
    if any(c.isspace() for c in url):
        return "a link cannot contain spaces"
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if scheme not in schemes:
        shown = f"`{scheme}:`" if scheme else "no scheme"
        return f"links may only use {', '.join(s + ':' for s in schemes)} (this one has {shown})"
    if scheme in ("http", "https") and not re.match(r"^https?://[^/?#\s]+", url, re.I):
        return "a web link needs a host, such as https://example.org/"
    return None


def check_guide(guide: Guide) -> list[Problem]:
    """Every cross-reference problem and warning in a structurally sound guide."""
    return list(_Checker(guide).run())


class _Checker:
    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.ids: dict[str, int] = {}

    def at(self, *where: Any, severity: str = "error", message: str) -> Problem:
        loc = self.guide.locations
        while where and where not in loc:
            where = where[:-1]
        line, column = loc.get(where, (1, 1))
        return Problem(self.guide.path, line, column, severity, message)

    def run(self) -> Iterator[Problem]:
        g = self.guide
        id_problems = []
        for i, step in enumerate(g.steps):
            if step.id == END:
                id_problems.append(self.at("steps", i, "id", message="`end` is reserved for `next: end`; give the step another id"))
            elif step.id in self.ids:
                first = self.ids[step.id]
                id_problems.append(self.at("steps", i, "id", message=f"step id `{step.id}` is already used by step {first + 1}; step ids must be unique"))
            else:
                self.ids[step.id] = i
        yield from id_problems
        next_problems = list(self.check_next())
        yield from next_problems
        yield from self.check_keys()
        if not id_problems and not next_problems:
            yield from self.check_paths()
        yield from self.check_links()
        yield from self.check_warnings()

    def check_next(self) -> Iterator[Problem]:
        for i, step in enumerate(self.guide.steps):
            targets: list[tuple[str, tuple[Any, ...]]] = []
            if step.next:
                targets.append((step.next, ("steps", i, "next")))
            if step.ask:
                targets += [(o.next, ("steps", i, "ask", "options", j, "next"))
                            for j, o in enumerate(step.ask.options) if o.next]
            for target, where in targets:
                if target != END and target not in self.ids:
                    close = difflib.get_close_matches(target, list(self.ids), n=1)
                    hint = f"; did you mean `{close[0]}`?" if close else "; use a step id or `end`"
                    yield self.at(*where, message=f"`next: {target}` names no step{hint}")

    def check_paths(self) -> Iterator[Problem]:
        g = self.guide
        graph = {s.id: g.successors(s) for s in g.steps}
        reached = _reach(g.steps[0].id, graph)
        for i, step in enumerate(g.steps):
            if step.id not in reached:
                yield self.at("steps", i, message=f"step `{step.id}` cannot be reached from the first step; "
                              "point a `next` (or an answer's `next`) at it, or remove it")
        reverse: dict[str, list[str]] = {}
        for source, targets in graph.items():
            for target in targets:
                reverse.setdefault(target, []).append(source)
        finishing = _reach(END, reverse)
        for i, step in enumerate(g.steps):
            if step.id in reached and step.id not in finishing:
                yield self.at("steps", i, message=f"from step `{step.id}` the walk can never reach the end "
                              "(a loop with no way out); give a step in the loop `next: end` or an answer that leaves it")

    def texts(self) -> Iterator[tuple[str, tuple[Any, ...], int | None]]:
        """Every text that may hold `{{key}}`, where it is, and its step index."""
        for i, s in enumerate(self.guide.steps):
            yield s.title, ("steps", i, "title"), i
            if s.body:
                yield s.body, ("steps", i, "body"), i
            if s.warning:
                yield s.warning, ("steps", i, "warning"), i
            for j, note in enumerate(s.notes):
                yield note, ("steps", i, "notes", j), i
            for j, item in enumerate(s.checklist):
                yield item, ("steps", i, "checklist", j), i
            if s.ask:
                yield s.ask.prompt, ("steps", i, "ask", "prompt"), i
                for j, o in enumerate(s.ask.options):
                    if o.note:
                        yield o.note, ("steps", i, "ask", "options", j, "note"), i
        f = self.guide.finish
        if f:
            for name in ("title", "body"):
                if getattr(f, name):
                    yield getattr(f, name), ("finish", name), None

    def ask_keys(self) -> dict[str, int]:
        keys: dict[str, int] = {}
        for i, s in enumerate(self.guide.steps):
            if s.ask and s.ask.key not in keys:
                keys[s.ask.key] = i
        return keys

    def check_keys(self) -> Iterator[Problem]:
        keys = self.ask_keys()
        for i, s in enumerate(self.guide.steps):
            if s.ask and keys[s.ask.key] != i:
                yield self.at("steps", i, "ask", "key", message=f"question key `{s.ask.key}` is already used by step {keys[s.ask.key] + 1}; give each question its own key")
        for text, where, _ in self.texts():
            for key, _offset in placeholders(text):
                if key not in keys:
                    close = difflib.get_close_matches(key, list(keys), n=1)
                    hint = f"; did you mean `{{{{{close[0]}}}}}`?" if close else "; no question (`ask`) stores that key"
                    yield self.at(*where, message=f"`{{{{{key}}}}}` is unknown{hint} (write `{{{{{{{{` for a literal `{{{{`)")

    def check_links(self) -> Iterator[Problem]:
        for text, where, _ in self.texts():
            for label, url in _links(text):
                problem = url_problem(url, LINK_SCHEMES)
                if problem:
                    yield self.at(*where, message=f"link `{url[:60]}`: {problem}")
                    continue
                shown = _LOOKS_LIKE_URL.match(label or "")
                if shown and shown.group(1).lower() not in url.lower():
                    yield self.at(*where, severity="warning",
                                  message=f"the link text \"{label[:40]}\" looks like an address but the link goes to {url[:60]}; "
                                  "make the text match the target")

    def check_warnings(self) -> Iterator[Problem]:
        g = self.guide
        for i, s in enumerate(g.steps):
            if not (s.body or s.ask or s.checklist):
                yield self.at("steps", i, severity="warning",
                              message=f"step `{s.id}` has neither body, ask nor checklist: the user sees only its title")
        if g.reviewed is None:
            for i, c in enumerate(g.support):
                if c.phone and not c.disclaimer:
                    yield self.at("support", i, "phone", severity="warning",
                                  message=f"contact `{c.name}` has a phone number but no disclaimer and the guide has no `reviewed` date; "
                                  "add one so users know how current the number is")
        answered = self.answered_before()
        keys = self.ask_keys()
        for text, where, index in self.texts():
            known = answered.get(g.steps[index].id if index is not None else END)
            if known is None:
                continue  # unreachable: reported elsewhere
            for key, _ in placeholders(text):
                if key in keys and key not in known:
                    place = f"step `{g.steps[index].id}`" if index is not None else "the finish text"
                    yield self.at(*where, severity="warning",
                                  message=f"`{{{{{key}}}}}` may be unset in {place}: some path reaches it before the question that sets it")

    def answered_before(self) -> dict[str, frozenset[str]]:
        """For each step (and END), the keys answered on every path that reaches it."""
        g = self.guide
        if not g.steps:
            return {}
        everything = frozenset(s.ask.key for s in g.steps if s.ask)
        known: dict[str, frozenset[str]] = {g.steps[0].id: frozenset()}
        changed = True
        while changed:
            changed = False
            for s in g.steps:
                if s.id not in known:
                    continue
                out = known[s.id] | ({s.ask.key} if s.ask else set())
                for target in g.successors(s):
                    if target != END and target not in self.ids:
                        continue
                    new = known.get(target, everything) & out
                    if known.get(target) != new:
                        known[target] = frozenset(new)
                        changed = True
        return known


def _links(text: str) -> Iterator[tuple[str | None, str]]:
    for m in _MD_LINK.finditer(text):
        yield m.group(1), m.group(2)
    for m in _MD_REF.finditer(text):
        yield None, m.group(1)
    for m in _MD_AUTO.finditer(text):
        yield None, m.group(1)


def _reach(start: str, graph: dict[str, list[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
