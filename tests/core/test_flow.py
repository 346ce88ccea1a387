"""The walk's graph (core/flow.py) on generated guides: its quick answer for a straight
walk must be what the general analysis finds."""

from __future__ import annotations

from typing import Any
from unittest import mock

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from guide_tui.core import checks, flow
from guide_tui.core.loader import load_bytes

LABELS = ("a", "b", "c")


@st.composite
def walks(draw: st.DrawFn) -> dict[str, Any]:
    """A guide of 1 to 6 steps, most of them straight: a `next` (often to the step after
    it anyway), questions whose answers may lead elsewhere, `when` on steps and notes,
    a step's own `finish`, and `{{key}}` in titles and the finish.

    `when` and `{{key}}` name questions the guide asks, so that most guides load
    (only a loaded guide's analysis is compared answer by answer)."""
    n = draw(st.integers(1, 6))
    ids = [f"s{i}" for i in range(n)]
    asking = [draw(st.booleans()) for _ in range(n)]
    keys = [f"k{i}" for i in range(n) if asking[i]]
    targets = st.sampled_from([*ids, "end"])

    def placeholder() -> str:
        return " {{" + draw(st.sampled_from(keys)) + "}}" if keys else ""

    steps: list[dict[str, Any]] = []
    for i in range(n):
        following = ids[i + 1] if i + 1 < n else "end"
        step: dict[str, Any] = {"id": ids[i], "title": "T"}
        if draw(st.booleans()):
            step["title"] += placeholder()
        if draw(st.integers(0, 3)) == 0:
            step["next"] = draw(st.just(following) | targets)
        if asking[i]:
            options = [{"label": label} for label in LABELS[: draw(st.integers(2, 3))]]
            for option in options:
                if draw(st.integers(0, 3)) == 0:
                    option["next"] = draw(st.just(following) | targets)
            step["ask"] = {"key": f"k{i}", "prompt": "Q", "options": options}
        if keys and draw(st.integers(0, 4)) == 0:
            step["when"] = {draw(st.sampled_from(keys)): draw(st.sampled_from(LABELS))}
        if keys and draw(st.integers(0, 4)) == 0:
            step["notes"] = ["N", {"text": "M", "when": {draw(st.sampled_from(keys)): "a"}}]
        else:
            step["body"] = "B"
        if draw(st.integers(0, 4)) == 0:
            step["finish"] = {"title": "F" + placeholder()}
        steps.append(step)
    return {"format": 1, "id": "g", "title": "G", "steps": steps, "finish": {"body": "Done" + placeholder()}}


@settings(max_examples=400, deadline=None)
@given(walks())
def test_a_straight_walk_is_analysed_as_the_general_analysis_would(guide: dict[str, Any]) -> None:
    """Flow.straight skips the data flow and checks.answered_before's: every problem, and
    every answer the analysis gives, must be the same without that shortcut."""
    data = yaml.safe_dump(guide, sort_keys=False).encode()
    quick = load_bytes(data, "g.yaml")
    with mock.patch.object(flow, "straight", return_value=False):
        general = load_bytes(data, "g.yaml")
    assert quick.problems == general.problems
    if quick.guide is None:
        return
    found = []
    for shortcut in (True, False):
        with mock.patch.object(flow, "straight", wraps=flow.straight if shortcut else lambda *_: False):
            checker = checks._Checker(quick.guide)
            list(checker.run())
            walk = checker.flow
            assert walk is not None
            nodes = [*walk.edges, flow.END_NODE]
            found.append(
                (
                    [(walk.arrived(i), walk.live(i), walk.state(i)) for i in nodes],
                    walk.finishing,
                    [walk.ends_after(i) for i in range(walk.n) if walk.live(i)],
                    walk.pass_over_loops(),
                    checker.answered_before(),
                )
            )
    assert found[0] == found[1]
    # Each step's items with a `when`, gathered with the texts: what item_conditions gives.
    assert checker.items == [flow.item_conditions(i, step) for i, step in enumerate(quick.guide.steps)]


def test_the_generated_walks_include_straight_ones_and_others() -> None:
    """The comparisons above mean something only if both kinds of walk are generated,
    each with and without a step's own `finish` before the last step (the one problem
    check_paths finds in a straight walk)."""
    seen = set()
    real = flow.straight

    @settings(max_examples=200, deadline=None)
    @given(walks())
    def kinds(guide: dict[str, Any]) -> None:
        answers: list[bool] = []

        def recording(*args: Any) -> bool:
            answers.append(real(*args))
            return answers[-1]

        with mock.patch.object(flow, "straight", recording):
            load_bytes(yaml.safe_dump(guide, sort_keys=False).encode(), "g.yaml")
        if answers:
            seen.add((answers[0], any("finish" in step for step in guide["steps"][:-1])))

    kinds()
    assert seen == {(True, True), (True, False), (False, True), (False, False)}
