"""How old a guide's facts are, and when they are due for a check.

A guide says when its facts (numbers, menu names) were last checked
(`reviewed`), who keeps them true (`owner`) and how often they are to be
checked (`review_every_days`).  From these come the date the facts are due,
whether they are past it (`validate --stale`, for a team's CI), and the
"checked 2 years ago" the support panel shows beside the number.
This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

import datetime as _dt

from guide_tui.core.model import Guide
from guide_tui.core.problems import Problem
from guide_tui.i18n import Message


def today() -> _dt.date:
    """The date the age of facts is counted to: the one clock for it.  GUIDE_TUI_TODAY
    (YYYY-MM-DD) stands in for it, so that tests and demonstrations show the same ages."""
    import os

    given = os.environ.get("GUIDE_TUI_TODAY", "")
    try:
        return _dt.date.fromisoformat(given) if given else _dt.date.today()
    except ValueError:
        return _dt.date.today()


def due_date(guide: Guide) -> _dt.date | None:
    """When the guide's facts are due for a check: `reviewed` + `review_every_days`."""
    if guide.reviewed is None or guide.review_every_days is None:
        return None
    try:
        return guide.reviewed + _dt.timedelta(days=guide.review_every_days)
    except OverflowError:  # past year 9999: never due
        return None


def is_due(guide: Guide, on: _dt.date) -> bool:
    """True when the facts are past their review date on the day `on`."""
    due = due_date(guide)
    return due is not None and due < on


def age(checked: _dt.date, on: _dt.date) -> Message | None:
    """How long before `on` the facts were checked, in words ("2 years ago");
    None for a date after `on` (a date in the future says nothing about age)."""
    days = (on - checked).days
    if days < 0:
        return None
    if days == 0:
        return Message("review.age.today")
    if days < 31:
        return Message("review.age.days", n=days)
    if days < 365:
        return Message("review.age.months", n=max(1, days // 30))
    return Message("review.age.years", n=days // 365)


def review_problems(guide: Guide, on: _dt.date, *, stale_is_error: bool = False) -> list[Problem]:
    """What `validate` says about a guide's review dates on the day `on`: facts past
    their review date (an error with `stale_is_error`, for `--stale`, else a warning),
    an interval without a date to count from, and a review date in the future."""
    problems: list[Problem] = []

    def at(key: str, severity: str, message: Message) -> None:
        line, column = guide.locations.get((key,), (1, 1))
        problems.append(Problem.of(guide.path, line, column, severity, message))

    if guide.review_every_days is not None and guide.reviewed is None:
        at("review_every_days", "warning", Message("review.no_date"))
    if guide.reviewed is not None and guide.reviewed > on:
        at("reviewed", "warning", Message("review.future", date=guide.reviewed.isoformat()))
    due = due_date(guide)
    if due is not None and due < on and guide.reviewed is not None:
        owner = Message("review.owner", owner=guide.owner) if guide.owner else ""
        at(
            "reviewed",
            "error" if stale_is_error else "warning",
            Message(
                "review.stale",
                due=due.isoformat(),
                date=guide.reviewed.isoformat(),
                n=guide.review_every_days,
                owner=owner,
            ),
        )
    return problems
