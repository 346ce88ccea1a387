"""What changed between two versions of a guide, step by step: `guide-tui diff`.

Steps are matched by id.  A step only in the new version was added, one only
in the old was removed, and one whose place among the steps both versions
keep differs was moved.  For a step in both, each key that differs is an
`Edit`: its text (a line diff for text on several lines), the question and its
answers, where the walk goes after it (the resolved `next`, per answer), and
any other key the format has, compared as written.  The guide's own keys
(title, contacts and their numbers, review dates, …) are compared the same way.

This is data for a reader (export/diff.py writes it as text or Markdown);
the words that describe it come from the catalogs there.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from dataclasses import dataclass, fields, is_dataclass

from guide_tui.core.fields import END
from guide_tui.core.fields import field_specs as _field_specs
from guide_tui.core.model import Guide, Step

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from typing import Any

# Step keys compared in their own way below; every other key is compared as written.
_STEP_OWN = ("id", "ask", "next")


@dataclass(frozen=True)
class Edit:
    """One part that differs: `part` names it as the file does (`body`,
    `support[1].phone`, `ask.options`, `next` …); `label` is the answer an edit of
    `next` is about.  `old`/`new` hold a one-line value (None: not there);
    `lines` a line diff of text on several lines ("-", "+" or " " then the line)."""

    part: str
    old: str | None = None
    new: str | None = None
    lines: tuple[str, ...] = ()
    label: str | None = None


@dataclass(frozen=True)
class StepChange:
    """A step added, removed, moved or changed (a moved step may also have edits)."""

    id: str
    kind: str  # "added", "removed" or "changed"
    title: str
    old_line: int | None
    new_line: int | None
    moved: tuple[str | None, str | None] | None = None  # the step before it: (was, now); None: first
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class GuideDiff:
    """Every change from one version of a guide to another."""

    old: Guide
    new: Guide
    guide: tuple[Edit, ...]
    steps: tuple[StepChange, ...]

    @property
    def unchanged(self) -> bool:
        return not self.guide and not self.steps

    def count(self, kind: str) -> int:
        """How many steps were added, removed, moved or (otherwise) changed."""
        if kind == "moved":
            return sum(1 for s in self.steps if s.moved)
        if kind == "changed":
            return sum(1 for s in self.steps if s.kind == "changed" and s.edits)
        return sum(1 for s in self.steps if s.kind == kind)


def diff_guides(old: Guide, new: Guide) -> GuideDiff:
    """What changed from `old` to `new`, the guide's own keys first, then the steps in the new order."""
    return GuideDiff(old, new, tuple(_guide_edits(old, new)), tuple(_step_changes(old, new)))


# -- the guide's own keys ------------------------------------------------------------


def _guide_edits(old: Guide, new: Guide) -> list[Edit]:
    edits: list[Edit] = []
    for name, fs in _field_specs(Guide):
        if name == "steps":
            continue
        a, b = getattr(old, name), getattr(new, name)
        if a == b:
            continue
        if name == "support":
            edits += _contact_edits(a, b)
        else:
            edits += _value_edits(fs.key, a, b)
    return edits


def _contact_edits(old: tuple[Any, ...], new: tuple[Any, ...]) -> list[Edit]:
    """Contacts by position: each key that differs, and contacts added or removed."""
    edits: list[Edit] = []
    for i in range(max(len(old), len(new))):
        part = f"support[{i + 1}]"
        if i >= len(old):
            edits.append(Edit(part, None, _one_line(new[i])))
        elif i >= len(new):
            edits.append(Edit(part, _one_line(old[i]), None))
        else:
            edits += _value_edits(part, old[i], new[i])
    return edits


def _value_edits(part: str, old: Any, new: Any) -> list[Edit]:
    """The edits between two values of one key: a model key by key, text as text."""
    if old == new:
        return []
    if is_dataclass(old) and is_dataclass(new) and type(old) is type(new):
        out: list[Edit] = []
        for name, fs in _field_specs(type(old)):
            out += _value_edits(f"{part}.{fs.key}", getattr(old, name), getattr(new, name))
        return out
    if _is_text_list(old) and _is_text_list(new):
        before, after = [_text(x) for x in old or ()], [_text(x) for x in new or ()]
        return [] if before == after else [Edit(part, lines=_line_diff(before, after))]
    a, b = _shown(old), _shown(new)
    if a == b:  # the same as written to be read: `body: |` and a plain value differ by a final line break
        return []
    if (a and "\n" in a) or (b and "\n" in b):
        return [Edit(part, lines=_line_diff((a or "").splitlines(), (b or "").splitlines()))]
    return [Edit(part, a, b)]


# -- steps ------------------------------------------------------------------------------


def _step_changes(old: Guide, new: Guide) -> list[StepChange]:
    olds = {s.id: i for i, s in enumerate(old.steps)}
    news = {s.id: i for i, s in enumerate(new.steps)}
    kept_old = [s.id for s in old.steps if s.id in news]
    kept_new = [s.id for s in new.steps if s.id in olds]
    matcher = difflib.SequenceMatcher(a=kept_old, b=kept_new, autojunk=False)
    in_place = {kept_new[b + k] for a, b, size in matcher.get_matching_blocks() for k in range(size)}
    changes: list[StepChange] = []
    for i, step in enumerate(new.steps):
        line = _line(new, i)
        if step.id not in olds:
            changes.append(StepChange(step.id, "added", step.title, None, line))
            continue
        j = olds[step.id]
        moved = None
        if step.id not in in_place:
            before_old = kept_old[kept_old.index(step.id) - 1] if kept_old.index(step.id) else None
            before_new = kept_new[kept_new.index(step.id) - 1] if kept_new.index(step.id) else None
            moved = (before_old, before_new)
        edits = _step_edits(old, old.steps[j], new, step)
        if edits or moved:
            changes.append(StepChange(step.id, "changed", step.title, _line(old, j), line, moved, tuple(edits)))
    for j, step in enumerate(old.steps):
        if step.id not in news:
            changes.append(StepChange(step.id, "removed", step.title, _line(old, j), None))
    return changes


def _step_edits(old_guide: Guide, old: Step, new_guide: Guide, new: Step) -> list[Edit]:
    edits: list[Edit] = []
    for name, fs in _field_specs(Step):
        if name in _STEP_OWN:
            continue
        edits += _value_edits(fs.key, getattr(old, name), getattr(new, name))
    edits += _ask_edits(old, new)
    edits += _branch_edits(old_guide, old, new_guide, new)
    return edits


def _ask_edits(old: Step, new: Step) -> list[Edit]:
    a, b = old.ask, new.ask
    if a == b:
        return []
    if a is None or b is None:
        return [Edit("ask", _one_line(a) if a else None, _one_line(b) if b else None)]
    edits: list[Edit] = []
    for name, fs in _field_specs(type(a)):
        if fs.key == "options":
            continue
        edits += _value_edits(f"ask.{fs.key}", getattr(a, name), getattr(b, name))
    old_labels = [o.label for o in a.options]
    new_labels = [o.label for o in b.options]
    if old_labels != new_labels:
        edits.append(Edit("ask.options", lines=_line_diff(old_labels, new_labels)))
    by_label = {o.label: o for o in a.options}
    for option in b.options:
        before = by_label.get(option.label)
        if before is not None and before.note != option.note:
            for edit in _value_edits("ask.options.note", before.note, option.note):
                edits.append(Edit(edit.part, edit.old, edit.new, edit.lines, option.label))
    return edits


def _branch_edits(old_guide: Guide, old: Step, new_guide: Guide, new: Step) -> list[Edit]:
    """Where the walk goes after the step, as resolved (a step added after it changes it
    too): per answer, matched by label, or the one `next` of a step without a question."""
    before = _targets(old_guide, old)
    after = _targets(new_guide, new)
    edits = []
    for label, target in after.items():
        if label in before and before[label] != target:
            edits.append(Edit("next", before[label], target, label=label))
    common = [label for label in after if label in before]
    if len(edits) > 1 and len(edits) == len(common) and len({(e.old, e.new) for e in edits}) == 1:
        edits = [Edit("next", edits[0].old, edits[0].new)]  # every answer the same way: said once
    # A new answer: where it leads, beside the "+label" of the answers' list.
    return edits + [Edit("next", None, target, label=label) for label, target in after.items() if label not in before]


def _targets(guide: Guide, step: Step) -> dict[str | None, str]:
    targets = guide.successors(step)
    if step.ask and step.ask.options:
        return {o.label: t for o, t in zip(step.ask.options, targets, strict=False)}
    return {None: targets[0] if targets else END}


# -- values as a reader sees them -----------------------------------------------------------


def _line(guide: Guide, index: int) -> int | None:
    place = guide.locations.get(("steps", index))
    return place[0] if place else None


def _is_text_list(value: Any) -> bool:
    return isinstance(value, tuple) and not any(is_dataclass(x) for x in value)


def _text(value: Any) -> str:
    return value.strip("\n") if isinstance(value, str) else _one_line(value)


def _shown(value: Any) -> str | None:
    """A value as one text, as written in the file (None when absent)."""
    if value is None or value == () or value is False:
        return None if value is not False else "false"
    if value is True:
        return "true"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip("\n")
    if is_dataclass(value) or isinstance(value, (tuple, dict)):
        return _one_line(value)
    return str(value)


def _one_line(value: Any) -> str:
    """A model value on one line: its keys and values, as `key: value, …`."""
    if is_dataclass(value) and not isinstance(value, type):
        parts = []
        for f in fields(value):
            v = getattr(value, f.name)
            if f.init and not f.name.startswith("_") and v not in (None, (), False):
                parts.append(f"{f.name}: {_one_line(v)}")
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_one_line(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_one_line(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return " ".join(value.split())
    return _shown(value) or ""


def _line_diff(old: list[str], new: list[str]) -> tuple[str, ...]:
    """The lines removed ("-") and added ("+"), with the unchanged lines between
    them (" ") left out beyond one line of context."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for group in matcher.get_grouped_opcodes(1):
        if out:
            out.append(" …")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + line for line in old[i1:i2]]
            else:
                out += ["-" + line for line in old[i1:i2]]
                out += ["+" + line for line in new[j1:j2]]
    return tuple(out)
