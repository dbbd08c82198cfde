"""Race the models: repeats, interleaving, medians, spread, ties, memory and CPU.

Each run is a fresh worker process, so nothing one model leaves behind (threads, pools,
allocator arenas) flatters or burdens the next, and the run's memory is the peak RSS of its
own process tree. The models take turns within each repeat, in a rotated order, so a burst
of load on a shared machine hits them all rather than one. A model that stays within the
noise of the fastest is reported as a tie, not as a loser.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from typing import NamedTuple

from advisor import procs
from advisor.benchmark.interpreter import Interpreter, describe, environment
from advisor.benchmark.server import LoopbackServer
from advisor.benchmark.spec import tasks_within_cap
from advisor.benchmark.variants import RunSpec, available_variants
from advisor.benchmark.worker import READY
from advisor.benchmark.workloads import Work, calibrate_cpu, calibrate_native
from advisor.cores import usable_cores as cpu_count
from advisor.measurement import BenchProfile, BenchResult, Machine, ModelRun
from advisor.models import AnswerValue

#: Two medians closer than this are a tie even on a quiet machine.
MIN_NOISE = 0.05
SAMPLE_EVERY_S = 0.025  # psutil walks all of /proc to find children: keep it cheap
#: How a crashed run's error starts (the signal's name follows); see `crashed`.
CRASHED = "crashed: "
#: A worker that has not started its run after this long is stopped as capped.
STARTUP_LIMIT_S = 60.0

Progress = Callable[[int, int, str], None]


class Sample(NamedTuple):
    wall: float
    cpu: float
    peak_rss: int
    answered: int
    computed: int
    counter: int
    stopped: bool
    error: str | None


def machine(other: Interpreter | None = None) -> Machine:
    """This machine, and the interpreter the models ran on (*other*, from --python)."""
    here = _machine()
    if other is None:
        return here
    return here._replace(
        python=f"{other.python}, {other.executable or other.path}",
        gil=other.gil,
        start_method=other.start_method,
    )


def _machine() -> Machine:
    import multiprocessing
    import platform

    import psutil

    from advisor.benchmark.variants import gil_enabled

    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        cpu = platform.processor()
    return Machine(
        python=f"{platform.python_version()} ({platform.python_implementation()})",
        platform=platform.platform(terse=True),
        cpu=cpu,
        cores=cpu_count(),
        memory_bytes=int(psutil.virtual_memory().total),
        gil=gil_enabled(),
        start_method=multiprocessing.get_start_method(),
    )


def setup_text(variant: str, profile: BenchProfile) -> str:
    """How the variant ran, in code: the pool sizes are part of the result."""
    threads = max(1, min(profile.concurrency, profile.tasks))
    io = profile.io_latency_ms > 0
    if variant == "threading":
        from advisor.benchmark.variants import gil_enabled

        free = "" if gil_enabled() else ", free-threaded (GIL disabled)"
        return f"ThreadPoolExecutor(max_workers={threads}){free}"
    if variant == "asyncio":
        if io and profile.blocking_lib:
            return f"Semaphore({profile.concurrency}) + asyncio.to_thread (default pool)"
        return f"Semaphore({profile.concurrency})" if io else "CPU inline on the loop"
    if variant == "asyncio+executor":
        parts = [f"Semaphore({profile.concurrency})"] if io else []
        if io and profile.blocking_lib:
            parts.append(f"run_in_executor(ThreadPoolExecutor({threads}))")
        if profile.cpu_ms and not profile.native_code:
            parts.append(f"ProcessPoolExecutor({profile.workers})")
        elif profile.cpu_ms:
            parts.append(f"ThreadPoolExecutor({threads})")
        return " + ".join(parts)
    if variant == "interpreters":
        return f"InterpreterPoolExecutor({profile.workers})"
    import multiprocessing

    return f"ProcessPoolExecutor({profile.workers}), {multiprocessing.get_start_method()}"


def crashed(signum: int) -> str:
    """The error of a run whose worker a signal ended; the renderer words it
    (`CRASHED` prefix), in either language."""
    import signal

    try:
        name = signal.Signals(signum).name
    except ValueError:
        name = f"signal {signum}"
    return f"{CRASHED}{name}"


def _said_ready(proc: subprocess.Popen[str], wait_s: float) -> bool:
    """Whether the worker printed its ready line within *wait_s* (it prints nothing else
    before its result, which stays buffered for the final read)."""
    import select

    assert proc.stdout is not None
    readable, _, _ = select.select([proc.stdout], [], [], wait_s)
    return bool(readable) and proc.stdout.readline().strip() == READY


def run_once(spec: RunSpec, cap_s: float, python: str | None = None) -> Sample:
    """One worker process (on *python*, default ours): start it, sample its tree's memory,
    stop it at the cap. The cap counts from the worker's ready line, on the clock of the
    times the table shows, so "stopped at 1.5 s" and "1.2 s" are the same kind of second."""
    import psutil

    payload = json.dumps({**spec._asdict(), "work": spec.work._asdict()})
    with tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen(
            [python or sys.executable, "-m", "advisor.benchmark.worker", payload],
            env=environment() if python else None,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            start_new_session=True,  # a terminal Ctrl-C reaches the bench, which ends the tree
        )
        peak, stopped, start = 0, False, time.perf_counter()
        ready_at: float | None = None
        try:
            root = psutil.Process(proc.pid)
            while proc.poll() is None:
                peak = max(peak, procs.sample(root).rss)
                now = time.perf_counter()
                if ready_at is None:  # still starting: the cap has not begun
                    if _said_ready(proc, SAMPLE_EVERY_S):
                        ready_at = now
                    elif now - start > STARTUP_LIMIT_S:
                        stopped = True
                        break
                    continue
                if now - ready_at > cap_s:
                    stopped = True
                    break
                time.sleep(SAMPLE_EVERY_S)
        finally:
            if proc.poll() is None:
                procs.end_tree(proc.pid)
        out = proc.stdout.read() if proc.stdout else ""
        if proc.stdout:
            proc.stdout.close()
        proc.wait()
        if stopped:
            return Sample(cap_s, 0.0, peak, 0, 0, 0, True, None)
        lines = [line for line in out.splitlines() if line.startswith("{")]
        if proc.returncode < 0:  # ended by a signal (the OOM killer, a kill -9): crashed
            return Sample(0.0, 0.0, peak, 0, 0, 0, False, crashed(-proc.returncode))
        if proc.returncode != 0 or not lines:
            errors.seek(0)
            tail = [line for line in errors.read().splitlines() if line.strip()]
            return Sample(0.0, 0.0, peak, 0, 0, 0, False, tail[-1] if tail else "no result")
    data = json.loads(lines[-1])
    return Sample(
        wall=float(data["wall"]),
        cpu=float(data["cpu"]),
        peak_rss=peak,
        answered=int(data["answered"]),
        computed=int(data["computed"]),
        counter=int(data["counter"]),
        stopped=False,
        error=None,
    )


def _check(sample: Sample, profile: BenchProfile, work: Work) -> Sample:
    """A run that lost requests or updates is an error, not a fast result."""
    if sample.error or sample.stopped:
        return sample
    if work.port and sample.answered != profile.tasks:
        return sample._replace(error=f"{sample.answered} of {profile.tasks} requests answered")
    want = profile.tasks * work.increments
    if work.increments and sample.counter != want:
        return sample._replace(error=f"shared counter {sample.counter}, expected {want}")
    return sample


def balanced_order(n: int, round_: int) -> list[int]:
    """Round *round_* of a Williams design: over the rounds, every model runs directly after
    every other one equally often.

    A plain rotation keeps the cyclic order, so one model would always run right after the
    same neighbour and pay for what it leaves behind (a thousand sockets in TIME_WAIT, a busy
    server, cold caches): that showed up as a steady 1.3x between two identical runners.
    """
    first = [0]
    low, high = 1, n - 1
    while len(first) < n:
        first.append(low)
        low += 1
        if len(first) < n:
            first.append(high)
            high -= 1
    row = [(i + round_) % n for i in first]
    if n % 2 and round_ % 2:  # odd n: mirrored rows in between balance the pairs
        row.reverse()
    return row


def bench(
    profile: BenchProfile,
    *,
    variants: tuple[str, ...] | None = None,
    progress: Progress | None = None,
    python: str | None = None,
) -> tuple[tuple[ModelRun, ...], int | None]:
    """Run every variant *profile.repeats* times, interleaved; return their figures and the
    number of requests the server answered in all. *python*: race on that interpreter (its
    lanes, its speed for the CPU loop)."""
    native = profile.native_code
    if python:
        other = describe(python, cpu_ms=profile.cpu_ms, native=native)
        lanes = other.shared_variants if profile.shared_state else other.variants
        names = variants or lanes
        work = Work(
            cpu_loops=other.cpu_loops,
            native_blocks=other.native_blocks,
            increments=profile.increments,
        )
    else:
        names = variants or available_variants(shared_state=profile.shared_state)
        work = Work(
            cpu_loops=0 if native else calibrate_cpu(profile.cpu_ms),
            native_blocks=calibrate_native(profile.cpu_ms) if native else 0,
            increments=profile.increments,
        )
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    total = len(names) * profile.repeats
    done = 0
    server = LoopbackServer(profile.io_latency_ms) if profile.io_latency_ms > 0 else None
    try:
        if server is not None:
            work = work._replace(port=server.start().port)
        for rep in range(profile.repeats):
            order = [names[i] for i in balanced_order(len(names), rep)]
            for name in order:
                done += 1
                if progress:
                    progress(done, total, name)
                earlier = samples[name]
                if any(s.stopped or s.error for s in earlier):
                    continue  # already out of the race: do not spend the time again
                spec = RunSpec(
                    variant=name,
                    tasks=profile.tasks,
                    concurrency=profile.concurrency,
                    workers=profile.workers,
                    work=work,
                    blocking_lib=profile.blocking_lib,
                )
                earlier.append(_check(run_once(spec, profile.cap_s, python), profile, work))
    finally:
        served = server.stop() if server is not None else None
    return summarize(profile, samples), served


def summarize(profile: BenchProfile, samples: Mapping[str, list[Sample]]) -> tuple[ModelRun, ...]:
    """Medians, spreads, ratios to the best, and which models tie with it."""
    from advisor.benchmark.variants import RUNNERS

    rows: list[ModelRun] = []
    for name, runs in samples.items():
        good = [s for s in runs if not s.error and not s.stopped]
        stopped = any(s.stopped for s in runs)
        error = next((s.error for s in runs if s.error), None)
        walls = tuple(s.wall for s in good)
        median = statistics.median(walls) if walls and not stopped and not error else None
        spread = (max(walls) - min(walls)) / median if median and len(walls) > 1 else 0.0
        cpu = statistics.median(s.cpu for s in good) if good else 0.0
        rows.append(
            ModelRun(
                variant=name,
                model=RUNNERS[name][0],
                setup=setup_text(name, profile),
                walls=walls,
                median_s=profile.cap_s if stopped else median,
                spread=spread,
                throughput=profile.tasks / median if median else 0.0,
                peak_rss=max((s.peak_rss for s in runs), default=0),
                cpu_s=cpu,
                cores=cpu / median if median else 0.0,
                ratio=None,
                tie=False,
                stopped=stopped,
                error=error,
                answered=runs[-1].answered if runs else 0,
            )
        )
    finished = [r for r in rows if r.median_s and not r.stopped and not r.error]
    if not finished:
        return tuple(rows)
    best = min(finished, key=lambda r: r.median_s or 0.0)
    assert best.median_s is not None
    ranked: list[ModelRun] = []
    for row in rows:
        if row.error or row.median_s is None:
            ranked.append(row)
            continue
        ratio = row.median_s / best.median_s
        noise = max(MIN_NOISE, (row.spread + best.spread) / 2)
        ranked.append(row._replace(ratio=ratio, tie=not row.stopped and ratio - 1 <= noise))
    return tuple(sorted(ranked, key=lambda r: (r.error is not None, r.ratio or float("inf"))))


def result(
    profile: BenchProfile,
    runs: tuple[ModelRun, ...],
    served: int | None,
    *,
    recommended: tuple[str, str] | None,
    recommend_note: str | None,
    answers: Mapping[str, AnswerValue],
    interpreter: Interpreter | None = None,
    assumed: tuple[str, ...] = (),
    defaults: tuple[str, ...] = (),
    recommend_command: str | None = None,
) -> BenchResult:
    finished = [r for r in runs if r.ratio is not None and not r.stopped]
    best = finished[0].variant if finished else None
    return BenchResult(
        profile=profile,
        machine=machine(interpreter),
        runs=runs,
        best=best,
        ties=tuple(r.variant for r in finished if r.tie),
        recommended=recommended[0] if recommended else None,
        recommended_leaf=recommended[1] if recommended else None,
        recommend_note=recommend_note,
        answers=dict(answers),
        served=served,
        assumed=assumed,
        defaults=defaults,
        recommend_command=recommend_command,
        suggested_tasks=tasks_within_cap(profile) if any(r.stopped for r in runs) else None,
    )
