"""The library pipelines behind `advisor bench`: answers in, `BenchResult` out.

The recommendation for the same answers is computed before anything runs, so a bad answer
fails in a second rather than after a minute of measuring.
"""

from __future__ import annotations

from collections.abc import Mapping

from advisor.benchmark import runner
from advisor.benchmark.interpreter import Interpreter
from advisor.benchmark.spec import make_profile, profile_answers
from advisor.cores import usable_cores as cpu_count
from advisor.errors import UsageError
from advisor.measurement import BenchProfile, BenchResult
from advisor.models import (
    AUTO,
    Answer,
    AnswerValue,
    Fact,
    Recommendation,
    Source,
    Tree,
    format_answer,
)

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
    tree_path: str | None = None,
    lang: str | None = None,
) -> BenchResult:
    """*given* answers the tree's questions; *workload* adds facts about the work that this
    tree does not ask about (``native_code`` for a tree without that question). *tree_path*
    and *lang* only go into the `advisor recommend` command line the result shows.

    The workload and the recommendation rest on the same answers, settled once here: the
    user's, then what `recommend` itself would take (the tree's defaults, derivations and
    detections, on the interpreter the models race on), then, only for what `recommend`
    would have to ask, the bench's own choices, which the result lists."""
    from advisor import engine
    from advisor.errors import MissingAnswersError

    other = None
    if python:
        from advisor.benchmark.interpreter import describe

        other = describe(python)  # a bad --python fails now, before anything runs
    facts = bench_facts(other)
    settled = tree_defaults(tree, given, facts)
    values = {
        **(workload or {}),
        **{qid: answer.value for qid, answer in settled.items()},
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
    chosen = bench_choices(tree.questions, profile, given, settled)
    answers = {**chosen, **given}
    recommended: tuple[str, str] | None = None
    note: str | None = None
    defaults: tuple[str, ...] = ()
    command: str | None = None
    try:
        rec = engine.recommend(tree, answers, facts=facts)
        recommended = (rec.model, rec.leaf)
        defaults = tuple(
            f"{step.flag} {format_answer(step.answer)}"
            for step in rec.path
            if step.source in _TREE_SOURCES and not (other and step.source == "detected")
        )
        command = recommend_command(rec, tree=tree_path, lang=lang, pin_detected=other is not None)
    except MissingAnswersError as exc:
        note = str(exc)
    runs, served = runner.bench(profile, variants=variants, progress=progress, python=python)
    used = {**{qid: a.value for qid, a in settled.items()}, **answers_values(answers)}
    return runner.result(
        profile,
        runs,
        served,
        recommended=recommended,
        recommend_note=note,
        answers=used,
        interpreter=other,
        assumed=tuple(
            f"{question.flag} {format_answer(chosen[qid].value)}"
            for qid, question in tree.questions.items()
            if qid in chosen
        ),
        defaults=defaults,
        recommend_command=command,
    )


#: How `recommend` answers a question nobody answered (shown there as "assumed").
_TREE_SOURCES = frozenset({"default", "derived", "detected"})


def answers_values(answers: Mapping[str, Answer]) -> dict[str, AnswerValue]:
    return {qid: answer.value for qid, answer in answers.items()}


def bench_facts(other: Interpreter | None) -> dict[str, Fact]:
    """The environment `recommend` detects answers from; with --python, the GIL is the other
    interpreter's (a free-threaded 3.14t), not the one running advisor."""
    from advisor.detect import environment_facts

    facts = environment_facts()
    if other is not None:
        state = "enabled" if other.gil else "disabled"
        facts["free_threading"] = Fact(
            not other.gil, f"--python {other.path}: the GIL is {state} on Python {other.python}"
        )
    return facts


def tree_defaults(
    tree: Tree, given: Mapping[str, Answer], facts: Mapping[str, Fact]
) -> dict[str, Answer]:
    """What `recommend` takes for each question nobody answered: the tree's default, an
    answer derived from another (a script runs no asyncio loop), or a detected fact. The
    questions without any (recommend would ask them) are left out."""
    from advisor import engine

    settled: dict[str, Answer] = {}
    for question in tree.questions.values():
        if question.id in given:
            continue
        try:
            answer = engine.answer_for(tree, question, given, facts)
        except UsageError:  # undetectable here: recommend would ask too
            continue
        if answer is not None and answer.value != AUTO:
            settled[question.id] = answer
    return settled


def bench_choices(
    questions: Mapping[str, object],
    profile: BenchProfile,
    given: Mapping[str, Answer],
    settled: Mapping[str, Answer],
) -> dict[str, Answer]:
    """The answers the bench's workload adds: for the questions `recommend` would ask
    (--concurrency, --shared-memory...), and where a size flag made the work differ from the
    tree's default (--cpu-ms 5 on I/O work: CPU-heavy steps)."""
    chosen: dict[str, Answer] = {}
    for qid, value in profile_answers(profile).items():
        if qid not in questions or qid in given:
            continue
        known = settled.get(qid)
        if known is None or known.value != value:
            chosen[qid] = Answer(value, Source.INFERRED, "the bench's workload")
    return chosen


def recommend_command(
    rec: Recommendation, *, tree: str | None, lang: str | None, pin_detected: bool
) -> str:
    """The `advisor recommend` command that gives *rec* again: every answer on its path that
    recommend would not take by itself (the user's and the bench's), and, with --python, a
    detected answer too (recommend would detect it on another interpreter)."""
    from advisor import engine

    parts = ["advisor recommend"]
    if tree:
        parts += ["--tree", engine.shell_quote(tree)]
    if lang:
        parts += ["--lang", lang]
    for step in rec.path:
        if step.source in _TREE_SOURCES and not (pin_detected and step.source == "detected"):
            continue
        value = step.answer if step.given is None or step.source == "detected" else step.given
        parts += [step.flag, engine.shell_quote(format_answer(value))]
    return " ".join(parts)
