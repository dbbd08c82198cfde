"""Graph checks of a parsed tree: branch coverage, cycles, reachability, unused questions.

Separate from parsing because they look at the tree as a whole: they run once
every node is parsed and report, through the same `Checker`, what no single
node can show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from advisor.models import AnswerValue, Branch, Decision, Node, Question
from advisor.tree.checker import Checker


def sample_answers(question: Question, branches: Iterable[Branch]) -> list[AnswerValue]:
    """Answers that exercise every region the branches can tell apart."""
    if question.kind == "yesno":
        return [True, False]
    if question.kind == "choice":
        return [c.value for c in question.choices]
    lo = question.minimum if question.minimum is not None else -(10**12)
    hi = question.maximum if question.maximum is not None else 10**12
    points = {lo, hi}
    for b in branches:
        if isinstance(b.condition.value, int) and not isinstance(b.condition.value, bool):
            points.update(b.condition.value + d for d in (-1, 0, 1))
    return sorted(p for p in points if lo <= p <= hi)


def check_coverage(
    check: Checker, line: int, what: str, question: Question, branches: list[Branch]
) -> None:
    uncovered = [
        a
        for a in sample_answers(question, branches)
        if not any(b.condition.matches(a) for b in branches)
    ]
    if uncovered:
        shown = ", ".join(_spell(a) for a in uncovered[:3])
        check.add(
            line, f"{what}: no branch covers the answer {shown}; add a branch or 'otherwise: true'"
        )


def _spell(value: AnswerValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def check_graph(
    check: Checker, start: str, nodes: Mapping[str, Node], questions: Mapping[str, Question]
) -> None:
    def successors(node: Node) -> list[str]:
        return (
            [b.target for b in node.branches if b.target in nodes]
            if isinstance(node, Decision)
            else []
        )

    # Depth-first search with colours finds cycles and reachability in one pass. A loop with
    # an explicit stack, not recursion: a long chain of nodes must not hit the recursion limit.
    colour: dict[str, int] = {start: 1}
    reported: set[str] = set()
    trail = [start]  # the nodes on the stack, from start: the path a cycle is read off
    stack = [iter(successors(nodes[start]))]
    while stack:
        nid = trail[-1]
        nxt = next(stack[-1], None)
        if nxt is None:
            colour[nid] = 2
            stack.pop()
            trail.pop()
        elif colour.get(nxt) == 1 and nxt not in reported:
            cycle = [*trail[trail.index(nxt) :], nxt] if nxt in trail else [nid, nxt]
            check.add(nodes[nid].line, "cycle: " + " -> ".join(cycle))
            reported.add(nxt)
        elif nxt not in colour:
            colour[nxt] = 1
            trail.append(nxt)
            stack.append(iter(successors(nodes[nxt])))
    for nid, node in nodes.items():
        if nid not in colour:
            check.add(node.line, f"node {nid!r} is unreachable from start {start!r}")
    asked = {n.question for n in nodes.values() if isinstance(n, Decision)}
    for qid, q in questions.items():
        if qid not in asked:
            check.add(q.line, f"question {qid!r} is never asked by any node")
