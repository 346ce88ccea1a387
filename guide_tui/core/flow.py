"""The walk as a graph, for the checks (checks.py): which steps a walk can show or
pass over, with which answers, and whether it can still reach the end.

It follows the one next-step rule (`Step.targets`, `Step.target`, `Guide.landing`
in model.py) for every answer at once: arriving at a step with `when`, the walk
may show it or pass it over.  This module imports nothing from Textual or Rich.
"""

from __future__ import annotations

from guide_tui.core.conditional import Text, When
from guide_tui.core.fields import END
from guide_tui.core.model import Guide, Step

# Node visits the may data flow may spend before it settles for a safe guess: a guide
# whose steps loop back many levels deep (a hostile file) would otherwise need a pass
# per level.  The guess (every answer possible wherever the walk reaches) can only
# miss a "never shown" error, never report a false one.
MAX_VISITS = 100_000

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: it costs start-up time
    from collections.abc import Iterable, Mapping
    from typing import Any

START, END_NODE = -2, -1  # the graph's node before the first step, and the end


def texts_of(step: Step) -> list[tuple[str, tuple[Text, ...]]]:
    """A step's texts that may carry `when`, by key: body and warning blocks, notes, checklist items."""
    return [
        ("body", step.body.blocks if step.body else ()),
        ("warning", step.warning.blocks if step.warning else ()),
        ("notes", step.notes),
        ("checklist", step.checklist),
    ]


def item_conditions(i: int, step: Step) -> list[tuple[When, tuple[Any, ...]]]:
    """The `when` of each text of a step (body, warning, notes, checklist), and where it is."""
    out = []
    for name, items in texts_of(step):
        for j, item in enumerate(items):
            if item.when:
                out.append((item.when, ("steps", i, name, j, "when")))
    return out


class Flow:
    """The walk as a graph, for the checks: node i is step i shown; n + i is step i
    passed over (only for a step with `when`); END_NODE is the end.  Edges follow
    `Step.targets`, the one next-step rule, and arriving at a step with `when` may
    show it or pass it over; a passed-over step goes on to `Step.target(following)`.

    A "may" data flow then finds which answers each node can be reached with
    (bit masks: for each question with options, one bit for "not answered yet" and
    one per option), so a `when` that can never hold is found without walking
    every path; a step shown narrows the answers to those its `when` allows."""

    def __init__(self, guide: Guide, ids: Mapping[str, int], items: list[list[Any]] | None = None) -> None:
        """`ids`: each step id's position (the guide's ids are unique and every
        `next` names a step: the checks make sure first); `items`: each step's
        `item_conditions`, when the caller has them."""
        steps = guide.steps
        n = self.n = len(steps)
        self.steps = steps
        # The answer bits: bit 0 is "reached"; then, per question with options,
        # "unanswered" and a bit for each option.
        self.base: dict[str, int] = {}
        self.width: dict[str, int] = {}
        self.labels: dict[str, dict[str, int]] = {}
        nbits = 1
        for step in steps:
            ask = step.ask
            if ask and ask.options and ask.key not in self.base:
                self.base[ask.key] = nbits
                self.width[ask.key] = len(ask.options) + 1
                self.labels[ask.key] = {o.label: j for j, o in enumerate(ask.options)}
                nbits += len(ask.options) + 1
        unanswered = 1
        for base in self.base.values():
            unanswered |= 1 << base

        def arrive(target: str) -> list[int]:
            if target == END:
                return [END_NODE]
            j = ids[target]
            return [j, n + j] if steps[j].when else [j]

        self.edges: dict[int, list[tuple[int, int | None]]] = {}
        for i, step in enumerate(steps):
            following = steps[i + 1].id if i + 1 < n else END
            if step.ask and step.ask.options:
                self.edges[i] = [
                    (node, j) for j, target in enumerate(step.targets(following)) for node in arrive(target)
                ]
            else:
                self.edges[i] = [(node, None) for node in arrive(step.target(following))]
            if step.when:
                self.edges[n + i] = [(node, None) for node in arrive(step.target(following))]
        self.start = arrive(steps[0].id)
        self.narrowing = {i: self._narrowing(step.when) for i, step in enumerate(steps) if step.when}
        self.exact = True  # False: the data flow was cut short (MAX_VISITS) and guessed
        if items is None:
            items = [item_conditions(i, step) for i, step in enumerate(steps)]
        conditional = bool(self.narrowing) or any(items)
        # Every step shown, with any answers, and reaching the end: what the analysis
        # below finds in a straight walk (most guides), without running it.
        self.straight = straight(n, self.edges, conditional)
        if self.straight:
            everything = (1 << nbits) - 1
            self.arrival: dict[int, int] = dict.fromkeys([*range(n), END_NODE], everything)
            self.exact = False  # as the general analysis leaves it without `when`
            self._states = dict.fromkeys(range(n), everything)
            self.finishing = {*range(n), END_NODE}
            return

        # May-answers at arrival: the union over every path.  Nodes are visited in
        # reverse post-order, pass after pass until nothing grows (a loop back adds a
        # pass); a work list instead re-visited nodes once per bit that grew, which
        # took minutes on a hostile guide of thousands of questions.
        graph = {node: [t for t, _ in edges] for node, edges in self.edges.items()}
        graph[START] = list(self.start)
        order = [node for node in reverse_post_order(START, graph) if node != START]
        choose: dict[int, tuple[int, int]] = {}  # a step with options: its key's mask, its first option's bit
        for i, step in enumerate(steps):
            if step.ask and step.ask.options:
                key = step.ask.key
                choose[i] = (self.mask(key), self.base[key] + 1)
        self.arrival = dict.fromkeys(self.start, unanswered)
        # Without any `when`, reaching a step is all there is to know: no data flow at all.
        budget = MAX_VISITS if conditional else 0
        changed = True
        while changed:
            changed = False
            budget -= len(order)
            if budget < 0:  # (also at once for a guide without `when`: no answer narrows anything)
                everything = (1 << nbits) - 1
                self.arrival = dict.fromkeys(order, everything)
                self.arrival[END_NODE] = everything
                self.exact = False
                break
            for node in order:
                state = self._narrowed(node, self.arrival.get(node, 0))
                if not state:
                    continue
                for target, option in self.edges[node]:
                    out = state
                    if option is not None:
                        mask, first = choose[node]
                        out = (out & ~mask) | (1 << (first + option))
                    old = self.arrival.get(target, 0)
                    if out | old != old:
                        self.arrival[target] = out | old
                        changed = True
        self._states = {node: self._narrowed(node, self.arrival.get(node, 0)) for node in self.edges}

        # Which live nodes can still reach the end.
        reverse: dict[int, list[int]] = {}
        for source, edges in self.edges.items():
            if self.live(source):
                for target, _ in edges:
                    reverse.setdefault(target, []).append(source)
        self.finishing = reach(END_NODE, reverse)

    def mask(self, key: str) -> int:
        return ((1 << self.width[key]) - 1) << self.base[key]

    def narrow(self, state: int, when: When) -> int:
        """The answers of `state` under which `when` holds; 0 if there are none."""
        for mask, allowed in self._narrowing(when):
            if not state & allowed:
                return 0
            state = (state & ~mask) | (state & allowed)
        return state

    def state(self, node: int) -> int:
        """The answers a node can be reached with: a step shown, only those its `when`
        allows; a step passed over, none if its `when` always holds there."""
        return self._states.get(node, 0)

    def _narrowing(self, when: When) -> list[tuple[int, int]]:
        """(the key's mask, the bits of the labels that hold) for each condition on a question
        with options.  A typed or unknown key, or a label the question does not offer, is
        reported by the checks and narrows nothing: whatever it is mended to, what the
        other checks find from here still holds (`Flow` may then run on a guide with such
        mistakes, and every problem in it is reported at once)."""
        out = []
        for c in when:
            labels = self.labels.get(c.key)
            if labels is None or any(label not in labels for label in c.labels):
                continue
            allowed = 0
            for label in c.labels:
                allowed |= 1 << (self.base[c.key] + 1 + labels[label])
            out.append((self.mask(c.key), allowed))
        return out

    def _narrowed(self, node: int, state: int) -> int:
        """The answers a node has, from those it is reached with (see `state`)."""
        if node < 0:
            return state
        if node < self.n:
            for mask, allowed in self.narrowing.get(node, ()):
                if not state & allowed:
                    return 0
                state = (state & ~mask) | (state & allowed)
            return state
        for mask, allowed in self.narrowing[node - self.n]:
            if state & mask & ~allowed:
                return state  # some answers leave this condition not holding: the step may be passed over
        return 0

    def arrived(self, i: int) -> bool:
        """Some path comes to step i (to show it or pass it over)."""
        return bool(self.arrival.get(i))

    def live(self, node: int) -> bool:
        """Some path shows step `node` (or passes it over, for a passed-over node)."""
        return node == END_NODE or bool(self.state(node))

    def may_hold(self, i: int, when: When, *, inside: bool = False) -> bool:
        """Whether `when` can hold at step i; `inside`: on the step, once its own question is answered."""
        state = self.state(i)
        ask = self.steps[i].ask
        if inside and ask and ask.key in self.base:
            state |= self.mask(ask.key)
        return bool(self.narrow(state, when))

    def ends_after(self, i: int) -> bool:
        """The walk can end right after step i (shown): next to the end, or only past
        steps passed over on the way."""
        seen: set[int] = set()
        todo = [t for t, _ in self.edges[i]]
        while todo:
            node = todo.pop()
            if node == END_NODE:
                return True
            if node >= self.n and node not in seen and self.live(node):
                seen.add(node)
                todo += [t for t, _ in self.edges[node]]
        return False

    def answered(self, keys: Iterable[str]) -> dict[int | str, int]:
        """For each step that can be shown (and "summary", "finish"), the keys answered
        on every path that reaches it, as a bit mask: bit n is the n-th of `keys`.

        A forward "must" data-flow problem over the walk's graph (a step shown answers
        its question, and its `when` keys are answered; a step passed over answers
        nothing); key sets are bit masks (Python ints) and nodes are visited in reverse
        post-order, so even a hostile guide of thousands of steps and questions settles
        in a few passes."""
        steps = self.steps
        bit = {key: 1 << n for n, key in enumerate(keys)}
        if self.straight:  # each step comes after every step above it, on every path
            answered: dict[int | str, int] = {}
            mask = 0
            for i, step in enumerate(steps):
                answered[i] = mask
                if step.ask:
                    mask |= bit[step.ask.key]
            answered["summary"], answered["finish"] = 0, mask
            return answered
        n = self.n
        graph = {node: [t for t, _ in edges if t == END_NODE or self.live(t)] for node, edges in self.edges.items()}
        graph[START] = [t for t in self.start if self.live(t)]
        order = reverse_post_order(START, graph)
        everything = (1 << len(bit)) - 1
        known: dict[int, int] = {START: 0}
        changed = True
        while changed:
            changed = False
            for node in order:
                out = known[node]
                if 0 <= node < n:
                    step = steps[node]
                    for c in step.when:
                        out |= bit.get(c.key, 0)
                    if step.ask:
                        out |= bit[step.ask.key]
                for target in graph[node]:
                    new = known.get(target, everything) & out
                    if known.get(target) != new:
                        known[target] = new
                        changed = True
        result: dict[int | str, int] = {}
        for i, step in enumerate(steps):
            if i in known:
                mask = known[i]
                for c in step.when:
                    mask |= bit.get(c.key, 0)
                result[i] = mask
        result["summary"] = 0
        if END_NODE in known:
            result["finish"] = known[END_NODE]
        return result

    def pass_over_loops(self) -> list[tuple[int, list[int]]]:
        """Loops made only of steps that can each be passed over: (first step, the loop's steps)."""
        n = self.n
        nxt: dict[int, int] = {}
        for node, edges in self.edges.items():
            if node >= n and self.live(node):
                for target, _ in edges:
                    if target >= n and self.live(target):
                        nxt[node] = target
        loops: list[tuple[int, list[int]]] = []
        done: set[int] = set()
        for node in sorted(nxt):
            walk: list[int] = []
            at = node
            while at in nxt and at not in done and at not in walk:
                walk.append(at)
                at = nxt[at]
            if at in walk:  # came round to a node of this walk: a loop
                loop = sorted(x - n for x in walk[walk.index(at) :])
                loops.append((loop[0], loop))
            done.update(walk)
        return loops


def straight(n: int, edges: dict[int, list[tuple[int, int | None]]], conditional: bool) -> bool:
    """Whether a walk of n steps with these edges goes straight down the list: no `when`
    (`conditional`: a step's or an item's), and every step on to the one after it (the
    last to the end), whatever the answer."""
    return not conditional and all(
        target == (i + 1 if i + 1 < n else END_NODE) for i in range(n) for target, _ in edges[i]
    )


def reach(start: int, graph: dict[int, list[int]]) -> set[int]:
    """Every node reachable from `start` (itself included)."""
    seen = {start}
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def reverse_post_order(start: int, graph: dict[int, list[int]]) -> list[int]:
    """The nodes reachable from start, each after all of its non-loop predecessors."""
    seen = {start}
    post: list[int] = []
    stack = [(start, iter(graph.get(start, ())))]
    while stack:
        node, children = stack[-1]
        for child in children:
            if child not in seen and child != END_NODE:
                seen.add(child)
                stack.append((child, iter(graph.get(child, ()))))
                break
        else:
            stack.pop()
            post.append(node)
    return post[::-1]
