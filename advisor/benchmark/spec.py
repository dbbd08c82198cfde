"""From the tree's answers to a workload, and from a workload back to the tree's answers.

The bench takes the same flags as `recommend` so that one command line both describes the
work and asks for advice. The pipeline settles the answers first (the user's, then the
tree's defaults as `recommend` takes them); what is still open (--concurrency,
--shared-memory...) is filled in here with a small default that the result states, and
`--tasks`, `--io-latency`, `--cpu-ms` override the sizes.
"""

from __future__ import annotations

from collections.abc import Mapping

from advisor.errors import UsageError
from advisor.measurement import BenchProfile
from advisor.models import AnswerValue

IO_LATENCY_MS = 20.0  # a fast service on the same network
CPU_MS = {"cpu": 100.0, "mixed": 5.0}  # per task: a CPU-bound job, a parsing step after a request
QUICK_CPU_MS = 30.0
IO_CONCURRENCY = 100  # tasks in flight when --concurrency is not given (I/O)
SHARED_INCREMENTS = 2000
REPEATS = {"quick": 3, "default": 3}
CAP_S = {"quick": 1.5, "default": 8.0}
#: A suggested --tasks keeps the slowest model's ideal time under this share of the cap:
#: the rest is for the worker's and the pools' start-up, and for a busy machine.
CAP_SHARE = 0.5
#: asyncio.to_thread's default pool on a blocking library: min(32, cores + 4) threads.
DEFAULT_POOL_EXTRA, DEFAULT_POOL_MAX = 4, 32


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
    io_given, cpu_given = io_latency_ms is not None, cpu_ms is not None
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
        raise _nothing_to_measure(io_given=io_given, cpu_given=cpu_given)
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


def _nothing_to_measure(*, io_given: bool, cpu_given: bool) -> UsageError:
    """The refusal names the flags the user gave, and where the other 0 came from."""
    if io_given and cpu_given:
        return UsageError(
            "--io-latency 0 and --cpu-ms 0 leave nothing to measure; give one of them more than 0",
            key="bench_nothing",
        )
    if cpu_given:  # CPU-bound work has no I/O unless --io-latency says so
        return UsageError(
            "--cpu-ms 0 leaves nothing to measure: CPU-bound work has no I/O unless "
            "--io-latency gives some; give --cpu-ms more than 0",
            key="bench_nothing_cpu",
        )
    return UsageError(  # I/O-bound work has no CPU part unless --cpu-ms says so
        "--io-latency 0 leaves nothing to measure: I/O-bound work has no CPU part unless "
        "--cpu-ms gives some; give --io-latency more than 0",
        key="bench_nothing_io",
    )


def profile_answers(profile: BenchProfile) -> dict[str, AnswerValue]:
    """What the tree's questions are, for this workload (the pipeline keeps the keys its tree
    has)."""
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


def _round_down(n: float) -> int:
    """1, 2, 5, 10, 20, 50...: a --tasks a person would type."""
    if n < 1:
        return 1
    step = 1
    while step * 10 <= n:
        step *= 10
    for factor in (5, 2, 1):
        if factor * step <= n:
            return factor * step
    return step  # pragma: no cover - n >= step always


def tasks_within_cap(profile: BenchProfile) -> int:
    """A --tasks at which the slowest model fits the cap: a capped run suggests it, and the
    suggestion must not be capped in turn (review of issue 20, #19).

    The slowest lane is costed from the profile alone: requests at the fewest in flight any
    model gets (asyncio.to_thread's default pool on a blocking library), CPU work one task
    at a time (the GIL, for threads and an inline loop). Never more than half the tasks
    asked for, so a run capped by a busy machine still gets a smaller suggestion."""
    in_flight = max(1, min(profile.concurrency, profile.tasks))
    if profile.blocking_lib:
        in_flight = min(in_flight, DEFAULT_POOL_MAX, profile.workers + DEFAULT_POOL_EXTRA)
    per_task_s = (profile.io_latency_ms / in_flight + profile.cpu_ms) / 1000
    budget_s = profile.cap_s * CAP_SHARE
    fit = budget_s / per_task_s if per_task_s > 0 else float(profile.tasks)
    return _round_down(min(fit, profile.tasks / 2))
