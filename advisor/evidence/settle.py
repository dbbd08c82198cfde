"""Answers that cannot change the model: settle them instead of exiting 2 (issue 19, cause 6).

Without a terminal, `scan --recommend` used to stop whenever an answer on the path was
missing, even when every value of that answer leads to the same leaf (a --concurrency that
only sizes the pool). Here each missing question is tried with every value that can take a
different branch (yes/no, each choice, each side of each integer threshold in the tree); when
all of them end at one model, the recommendation stands and the questions are named as only
sizing it. Pure: it walks the tree, it neither asks nor prints.
"""

from __future__ import annotations

from collections.abc import Mapping

from advisor import engine
from advisor.errors import MissingAnswersError, UsageError
from advisor.models import (
    Answer,
    AnswerValue,
    Decision,
    Fact,
    Question,
    Recommendation,
    Source,
    Tree,
)

#: Combinations tried at most: a tree's few thresholds keep it far below.
LIMIT = 256


def candidates(tree: Tree, question: Question) -> list[AnswerValue]:
    """Every value of *question* that can take a different branch anywhere in the tree; the
    first is the one the recommendation then shows (the default, or the lowest)."""
    if question.kind == "yesno":
        values: list[AnswerValue] = [False, True]
    elif question.kind == "choice":
        values = [c.value for c in question.choices]
    else:
        low = question.minimum or 1
        points, thresholds = {low}, set()
        for node in tree.nodes.values():
            if isinstance(node, Decision) and node.question == question.id:
                for branch in node.branches:
                    value = branch.condition.value
                    if isinstance(value, int) and not isinstance(value, bool):
                        thresholds.add(value)
                        points |= {max(value - 1, low), value, value + 1}
        values = sorted(points)
        if thresholds:  # shown: the first threshold, a size the template can use, not 1
            values.remove(min(thresholds))
            values.insert(0, min(thresholds))
    if question.default is not None and question.default in values:
        values.remove(question.default)
        values.insert(0, question.default)
    return values


def settle(
    tree: Tree,
    answers: Mapping[str, Answer],
    facts: Mapping[str, Fact],
    lang: str,
    open_: frozenset[str] = frozenset(),
) -> tuple[Recommendation, tuple[Question, ...]] | None:
    """The recommendation when the missing answers cannot change its model, and the questions
    that only size it; None when some value of them would lead elsewhere (or stays open).
    Questions in *open_* are tried with every value too when only the tree's default answers
    them (--async-libs when no I/O library the code calls is recognised)."""
    models: set[str] = set()
    chosen: list[tuple[Recommendation, tuple[str, ...]]] = []
    stack: list[tuple[dict[str, Answer], tuple[str, ...]]] = [(dict(answers), ())]
    tried = 0
    while stack:
        current, added = stack.pop()
        tried += 1
        if tried > LIMIT:
            return None
        try:
            rec = engine.recommend(tree, current, lang=lang, facts=facts)
        except MissingAnswersError as exc:
            question = tree.questions[exc.missing[0].id]
            if question.id in added:
                return None
            values = candidates(tree, question)
            for value in reversed(values):
                answer = Answer(value, Source.DEFAULT, "sizes only")
                stack.append(({**current, question.id: answer}, (*added, question.id)))
            continue
        except UsageError:
            return None
        defaulted = [
            s.question
            for s in rec.path
            if s.question in open_ and s.source == Source.DEFAULT.value and s.question not in added
        ]
        if defaulted:
            question = tree.questions[defaulted[0]]
            for value in reversed(candidates(tree, question)):
                answer = Answer(value, Source.DEFAULT, "sizes only")
                stack.append(({**current, question.id: answer}, (*added, question.id)))
            continue
        models.add(rec.model)
        if len(models) > 1:
            return None
        if not chosen:
            chosen.append((rec, added))
    if not chosen or not chosen[0][1]:
        return None
    rec, added = chosen[0]
    return rec, tuple(tree.questions[q] for q in added)
