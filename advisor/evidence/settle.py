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
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from advisor.inference import Inference

#: Combinations tried at most: a tree's few thresholds keep it far below.
LIMIT = 256

#: The question whose tree default must not stand in for libraries the code calls but nobody
#: recognised (issue 19, cause 4): SQLModel, pyserial, pytube... defaulted silently.
IO_QUESTION = "async_libs"


def undecided(tree: Tree, inference: Inference, answers: Mapping[str, object]) -> frozenset[str]:
    """The tree's questions the code had evidence for but could not decide (low confidence),
    and nobody else answered: the tree's default must not stand in for them silently when
    the evidence points both ways or leans away from that default. Weak evidence that only
    leans the default's way (one low hint of ``--program script``) leaves the default be."""
    found = set()
    for qid, inferred in inference.questions.items():
        question = tree.questions.get(qid)
        if question is None or inferred.decided or qid in answers:
            continue
        if inferred.conflicting or inferred.value != question.default:
            found.add(qid)
    return frozenset(found)


def unknown_io(tree: Tree, inference: Inference) -> frozenset[str]:
    """{--async-libs' question} when no I/O library the code calls is recognised."""
    if IO_QUESTION in tree.questions and IO_QUESTION not in inference.questions:
        return frozenset({IO_QUESTION})
    return frozenset()


def without_defaults(tree: Tree, qids: frozenset[str]) -> Tree:
    """*tree* with no default for *qids*, so that they are asked on a terminal and named as
    still needed without one (issue 19: aiodnsbrute's undecided --async-libs became "no")."""
    if not qids:
        return tree
    questions = {
        qid: q._replace(default=None) if qid in qids else q for qid, q in tree.questions.items()
    }
    return tree._replace(questions=questions)


def plausible(
    tree: Tree, inference: Inference, qids: frozenset[str]
) -> dict[str, frozenset[AnswerValue]]:
    """For each undecided choice question in *qids*, the values the evidence points to and
    the tree's default: websockify's ``--program`` is "service" (its own WebSocket server)
    or "script" (the default); nothing in its code says GUI or notebook, so those values
    are not tried when deciding whether the answer can change the model (issue 19)."""
    out: dict[str, frozenset[AnswerValue]] = {}
    for qid in qids:
        question, inferred = tree.questions.get(qid), inference.questions.get(qid)
        if question is None or inferred is None or question.kind != "choice":
            continue
        values = {e.value for e in (*inferred.evidence, *inferred.conflicting)}
        values.add(inferred.value)
        if question.default is not None:
            values.add(question.default)
        out[qid] = frozenset(v for v in values if v is not None)
    return out


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
    *,
    values: Mapping[str, frozenset[AnswerValue]] | None = None,
) -> tuple[Recommendation, tuple[Question, ...]] | None:
    """The recommendation when the missing answers cannot change its model, and the questions
    that only size it; None when some value of them would lead elsewhere (or stays open).
    Questions in *open_* are tried with every value too when only the tree's default answers
    them (--async-libs when no I/O library the code calls is recognised). *values* narrows
    a question to the values the code can mean (`plausible`)."""
    narrowed = values or {}

    def values_of(question: Question) -> list[AnswerValue]:
        every = candidates(tree, question)
        kept = [v for v in every if v in narrowed.get(question.id, every)]
        return kept or every

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
            for value in reversed(values_of(question)):
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
            for value in reversed(values_of(question)):
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
