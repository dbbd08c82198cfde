"""The library pipelines behind `advisor bench`: answers in, `BenchResult` out.

The recommendation for the same answers is computed before anything runs, so a bad answer
fails in a second rather than after a minute of measuring.
"""

from __future__ import annotations

from collections.abc import Mapping

from advisor.benchmark import runner
from advisor.benchmark.spec import make_profile, tree_answers
from advisor.benchmark.variants import cpu_count
from advisor.errors import UsageError
from advisor.measurement import BenchResult
from advisor.models import Answer, AnswerValue, Tree, format_answer

#: Every task in flight holds a socket at each end (client and server), so the file
#: descriptor limit, not the models, would be measured beyond this.
MAX_IN_FLIGHT = 5000


def run_bench(
    tree: Tree,
    given: Mapping[str, Answer],
    *,
    tasks: int | None = None,
    io_latency_ms: float | None = None,
    cpu_ms: float | None = None,
    quick: bool = False,
    repeats: int | None = None,
    variants: tuple[str, ...] | None = None,
    progress: runner.Progress | None = None,
    workload: Mapping[str, AnswerValue] | None = None,
    python: str | None = None,
) -> BenchResult:
    """*given* answers the tree's questions; *workload* adds facts about the work that this
    tree does not ask about (``native_code`` for a tree without that question)."""
    from advisor import engine
    from advisor.detect import environment_facts
    from advisor.errors import MissingAnswersError

    # What the user did not answer, the workload takes from the tree's defaults, as
    # `advisor recommend` does: a bench that assumed async libraries where recommend assumes
    # blocking ones raced one workload and quoted the advice for another.
    defaults = {qid: q.default for qid, q in tree.questions.items() if q.default is not None}
    values = {
        **defaults,
        **(workload or {}),
        **{qid: answer.value for qid, answer in given.items()},
    }
    profile = make_profile(
        values,
        workers=cpu_count(),
        tasks=tasks,
        io_latency_ms=io_latency_ms,
        cpu_ms=cpu_ms,
        quick=quick,
        repeats=repeats,
    )
    if profile.concurrency > MAX_IN_FLIGHT:
        raise UsageError(
            f"--concurrency {profile.concurrency} is more than the bench can hold open on one "
            f"machine; give at most {MAX_IN_FLIGHT}",
            key="bench_too_many",
            concurrency=str(profile.concurrency),
            limit=str(MAX_IN_FLIGHT),
        )
    answers = tree_answers(tree.questions, profile, given)
    recommended: tuple[str, str] | None = None
    note: str | None = None
    try:
        rec = engine.recommend(tree, answers, facts=environment_facts())
        recommended = (rec.model, rec.leaf)
    except MissingAnswersError as exc:
        note = str(exc)
    runs, served = runner.bench(profile, variants=variants, progress=progress, python=python)
    other = None
    if python:
        from advisor.benchmark.interpreter import describe

        other = describe(python)  # for the machine line: its version and its GIL
    return runner.result(
        profile,
        runs,
        served,
        recommended=recommended,
        recommend_note=note,
        answers={qid: a.value for qid, a in answers.items()},
        interpreter=other,
        assumed=tuple(
            f"{question.flag} {format_answer(answers[qid].value)}"
            for qid, question in tree.questions.items()
            if qid in answers and qid not in given
        ),
    )
