"""From the tree's answers to a workload, and from a workload back to the tree's answers.

The bench takes the same flags as `recommend` so that one command line both describes the
work and asks for advice; whatever the flags leave open is filled in here with a small,
stated default (and `--tasks`, `--io-latency`, `--cpu-ms` override the sizes).
"""

from __future__ import annotations

from collections.abc import Mapping

from advisor.measurement import BenchProfile
from advisor.models import Answer, AnswerValue, Source

IO_LATENCY_MS = 20.0  # a fast service on the same network
CPU_MS = {"cpu": 100.0, "mixed": 5.0}  # per task: a CPU-bound job, a parsing step after a request
QUICK_CPU_MS = 30.0
IO_CONCURRENCY = 100  # tasks in flight when --concurrency is not given (I/O)
SHARED_INCREMENTS = 2000
REPEATS = {"quick": 3, "default": 3}
CAP_S = {"quick": 1.5, "default": 8.0}


def make_profile(
    answers: Mapping[str, AnswerValue],
    *,
    workers: int,
    tasks: int | None = None,
    io_latency_ms: float | None = None,
    cpu_ms: float | None = None,
    quick: bool = False,
    repeats: int | None = None,
) -> BenchProfile:
    """The workload the answers describe, sized to finish in seconds (`--quick`: faster)."""
    cpu_bound = answers.get("cpu_bound") is True
    heavy = answers.get("cpu_heavy_steps") is True
    if io_latency_ms is None:
        io_latency_ms = 0.0 if cpu_bound else IO_LATENCY_MS
    if cpu_ms is None:
        if cpu_bound:
            cpu_ms = QUICK_CPU_MS if quick else CPU_MS["cpu"]
        else:
            cpu_ms = CPU_MS["mixed"] if heavy else 0.0
    if io_latency_ms <= 0 and cpu_ms <= 0:
        # Only an explicit 0 gets here (the defaults always measure something): measuring
        # another workload instead would silently answer another question (newcomer #15).
        from advisor.errors import UsageError

        raise UsageError(
            "--io-latency 0 and --cpu-ms 0 leave nothing to measure; give one of them more than 0",
            key="bench_nothing",
        )
    given = answers.get("concurrency")
    concurrency = given if isinstance(given, int) and not isinstance(given, bool) else 0
    if concurrency > 0:  # every model runs at most --concurrency at once, processes too
        workers = max(1, min(workers, concurrency))
    if io_latency_ms > 0:
        concurrency = concurrency or IO_CONCURRENCY
        if tasks is None:
            tasks = (
                min(max(concurrency, 100), 1000) if quick else min(max(concurrency * 4, 200), 4000)
            )
    else:
        concurrency = concurrency or workers
        if tasks is None:
            tasks = max(8, 4 * workers) if quick else max(16, 8 * workers)
    mode = "quick" if quick else "default"
    return BenchProfile(
        tasks=tasks,
        concurrency=concurrency,
        workers=workers,
        io_latency_ms=io_latency_ms,
        cpu_ms=cpu_ms,
        native_code=answers.get("native_code") is True,
        shared_state=answers.get("shared_memory") is True,
        increments=SHARED_INCREMENTS if answers.get("shared_memory") is True else 0,
        blocking_lib=answers.get("async_libs") is False,
        repeats=repeats or REPEATS[mode],
        cap_s=CAP_S[mode],
    )


def profile_answers(profile: BenchProfile) -> dict[str, AnswerValue]:
    """What the tree's questions are, for this workload (keys absent from a tree are dropped
    by `tree_answers`)."""
    return {
        "cpu_bound": profile.kind == "cpu",
        "multi_machine": False,
        "native_code": profile.native_code,
        "program": "script",
        "cpu_heavy_steps": profile.kind == "mixed",
        "concurrency": profile.concurrency,
        "shared_memory": profile.shared_state,
        "async_libs": not profile.blocking_lib,
        "async_app": False,
    }


def tree_answers(
    questions: Mapping[str, object], profile: BenchProfile, given: Mapping[str, Answer]
) -> dict[str, Answer]:
    """The profile's answers for the questions this tree has; the user's own answers win."""
    answers = {
        qid: Answer(value, Source.INFERRED, "bench profile")
        for qid, value in profile_answers(profile).items()
        if qid in questions
    }
    answers.update(given)
    return answers
