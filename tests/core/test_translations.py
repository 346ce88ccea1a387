"""The check between translations, below the command line: what counts as a fact,
which file is the source, fingerprints, and staleness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from guide_tui.core.loader import load_bytes, load_guide
from guide_tui.core.review import age, due_date, is_due, review_problems
from guide_tui.core.translation_checks import check_translations, reference
from guide_tui.core.translations import fingerprints, shape_of

ROOT = Path(__file__).resolve().parents[2]
XIAOMI = ROOT / "guides" / "xiaomi-installment-priority-payment.zh-CN.yaml"


def guide(text: str, path: str = "g.en.yaml", language: str = "en", title: str = "T"):
    head = f"format: 1\nid: g\nlanguage: {language}\ntitle: {title}\n"
    result = load_bytes((head + text).encode("utf-8"), path)
    assert result.guide is not None, result.problems
    return result.guide


def facts(text: str) -> list[tuple[str, str]]:
    shape = shape_of(guide(f"steps:\n  - title: A\n    body: {text!r}\n"))
    return [(f.kind, f.key) for f in shape.steps[0].facts]


def test_numbers_and_addresses_in_text_are_facts() -> None:
    assert facts("拨打400-100-5678咨询") == [("phone", "4001005678")]  # Chinese letters may touch a number
    assert facts("call +86 (10) 1234 5678.") == [("phone", "+861012345678")]
    assert facts("see [the site](https://example.com/a), or mail <mailto:a@b.cn>") == [
        ("url", "https://example.com/a"),
        ("url", "mailto:a@b.cn"),
    ]
    assert facts("published 2024-08-27, step 4 of 7, order 123456") == []  # dates and short numbers are not


def test_the_source_is_the_one_translations_name_else_the_original() -> None:
    zh = shape_of(load_guide(XIAOMI))
    en = shape_of(load_guide(XIAOMI.with_name("xiaomi-installment-priority-payment.en.yaml")))
    assert reference([en, zh]) is zh  # titled as the article it was written from
    a = shape_of(guide("steps:\n  - title: A\n    body: B\n", "g.en.yaml"))
    b = shape_of(guide("translated_from: {language: en}\nsteps:\n  - title: A\n    body: B\n", "g.fr.yaml", "fr"))
    assert reference([b, a]) is a


def test_fingerprints_change_with_text_not_with_branches() -> None:
    base = "steps:\n  - id: a\n    title: A\n    body: B\n  - id: c\n    title: C\n    body: D\n"
    before = dict(fingerprints(guide(base)))
    assert dict(fingerprints(guide(base.replace("body: B", "body: 'B '")))) == before  # spaces around text
    assert dict(fingerprints(guide(base.replace("body: B", "body: B\n    next: c")))) == before
    changed = dict(fingerprints(guide(base.replace("body: D", "body: E"))))
    assert [k for k in before if before[k] != changed[k]] == ["c"]
    retitled = dict(fingerprints(guide(base, title="U")))
    assert [k for k in before if before[k] != retitled[k]] == [""]  # the guide's own text


def test_a_group_of_one_checks_only_itself() -> None:
    alone = shape_of(
        guide(
            "translated_from: {language: zh-CN, steps: [a 0123abcd, not-a-print]}\nsteps:\n  - id: a\n    title: A\n    body: B\n"
        )
    )
    (problem,) = check_translations([alone])
    assert problem.severity == "warning" and "`not-a-print`" in problem.message


def test_review_dates() -> None:
    g = guide("reviewed: 2024-08-27\nreview_every_days: 180\nowner: Team\nsteps:\n  - title: A\n    body: B\n")
    assert due_date(g) == dt.date(2025, 2, 23)
    assert not is_due(g, dt.date(2025, 2, 23)) and is_due(g, dt.date(2025, 2, 24))
    (problem,) = review_problems(g, dt.date(2026, 1, 1), stale_is_error=True)
    assert problem.is_error and (problem.line, problem.column) == (5, 11)
    assert "every 180 days, kept by Team" in problem.message
    assert "每 180 天核对一次，负责人：Team" in problem.text("zh-CN")
    future = guide("reviewed: 2030-01-01\nsteps:\n  - title: A\n    body: B\n")
    assert ["a day still to come" in p.message for p in review_problems(future, dt.date(2026, 1, 1))] == [True]


def test_age_in_words() -> None:
    day = dt.date(2026, 12, 1)
    words = {d: age(day - dt.timedelta(days=d), day) for d in (0, 1, 2, 45, 400, 826)}
    assert [words[d].text("en") for d in words] == [
        "today",
        "1 day ago",
        "2 days ago",
        "1 month ago",
        "1 year ago",
        "2 years ago",
    ]
    assert words[826].text("zh-CN") == "2 年前"
    assert age(day + dt.timedelta(days=1), day) is None
