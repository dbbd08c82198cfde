"""One runner per concurrency model; each runs the same tasks and counts what was done.

A runner executes inside a worker process (`advisor.benchmark.worker`), never in the bench
itself, so its threads, pools and memory are its own. Pools are sized from the profile's
answers, as the templates advise: a thread pool as large as the number of tasks in flight
(a default-sized pool is the commonest I/O mistake), a process pool of one worker per core.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, NamedTuple

from advisor.benchmark.workloads import Work, async_request, blocking_request, compute


class RunSpec(NamedTuple):
    variant: str
    tasks: int
    concurrency: int  # tasks in flight at once (threads in a pool, semaphore slots)
    workers: int  # processes (or interpreters) for CPU work
    work: Work
    blocking_lib: bool = False  # the I/O library has no async version


class Outcome(NamedTuple):
    answered: int  # requests answered by the server
    computed: int  # tasks whose CPU part ran
    counter: int  # final value of the shared counter


def gil_enabled() -> bool:
    check = getattr(sys, "_is_gil_enabled", None)
    return True if check is None else bool(check())


def has_interpreter_pool() -> bool:
    import concurrent.futures

    return hasattr(concurrent.futures, "InterpreterPoolExecutor")


# --- threads -------------------------------------------------------------------------------


def run_threading(spec: RunSpec) -> Outcome:
    lock = threading.Lock()
    state = {"counter": 0}

    def task(_: int) -> tuple[bool, bool]:
        ok = blocking_request(spec.work.port) if spec.work.port else False
        compute(spec.work)
        for _ in range(spec.work.increments):
            with lock:
                state["counter"] += 1
        return ok, True

    with ThreadPoolExecutor(max_workers=max(1, min(spec.concurrency, spec.tasks))) as pool:
        results = list(pool.map(task, range(spec.tasks)))
    return _outcome(results, state["counter"])


# --- asyncio -------------------------------------------------------------------------------


def run_asyncio(spec: RunSpec) -> Outcome:
    """Everything on one event loop; CPU work runs inline, as it would in a plain coroutine.

    With a blocking-only library there is no async client to await: the calls go through
    `asyncio.to_thread`, whose default pool is small, which is what a user following
    "use asyncio" with such a library gets.
    """
    return asyncio.run(_asyncio_main(spec, executor_cpu=False))


def run_asyncio_executor(spec: RunSpec) -> Outcome:
    """I/O on the loop; pure-Python CPU work in a process pool, GIL-releasing work and
    blocking library calls in a thread pool sized to the tasks in flight."""
    return asyncio.run(_asyncio_main(spec, executor_cpu=True))


async def _asyncio_main(spec: RunSpec, *, executor_cpu: bool) -> Outcome:
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(max(1, spec.concurrency))
    state = {"counter": 0}
    threads: ThreadPoolExecutor | None = None
    processes: ProcessPoolExecutor | None = None
    if executor_cpu:
        threads = ThreadPoolExecutor(max_workers=max(1, min(spec.concurrency, spec.tasks)))
        if spec.work.cpu_loops:
            processes = ProcessPoolExecutor(max_workers=spec.workers)
    cpu_pool: Executor | None = processes if spec.work.cpu_loops else threads

    async def task() -> tuple[bool, bool]:
        async with sem:
            ok = False
            if spec.work.port:
                if not spec.blocking_lib:
                    ok = await async_request(spec.work.port)
                elif threads is not None:
                    ok = await loop.run_in_executor(threads, blocking_request, spec.work.port)
                else:
                    ok = await asyncio.to_thread(blocking_request, spec.work.port)
            if spec.work.cpu_loops or spec.work.native_blocks:
                if cpu_pool is not None:
                    await loop.run_in_executor(cpu_pool, compute, spec.work)
                else:
                    compute(spec.work)
            for _ in range(spec.work.increments):
                state["counter"] += 1  # one thread: no lock needed between awaits
            return ok, True

    try:
        results = await asyncio.gather(*(task() for _ in range(spec.tasks)))
    finally:
        # Shut pools down off the loop thread, so the loop is never blocked by a join.
        for pool in (threads, processes):
            if pool is not None:
                await asyncio.to_thread(pool.shutdown)
    return _outcome(results, state["counter"])


# --- processes -----------------------------------------------------------------------------

_SHARED: Any = None


def _init_shared(value: Any) -> None:
    global _SHARED  # noqa: PLW0603 - the pool initializer is how a worker receives shared state
    _SHARED = value


def _process_task(work: Work) -> tuple[bool, bool]:
    ok = blocking_request(work.port) if work.port else False
    compute(work)
    if work.increments:
        for _ in range(work.increments):
            with _SHARED.get_lock():
                _SHARED.value += 1
    return ok, True


def run_multiprocessing(spec: RunSpec) -> Outcome:
    """A process pool of one worker per core; shared state in a lock-protected shared Value."""
    import multiprocessing

    shared = multiprocessing.Value("q", 0)
    chunk = max(1, spec.tasks // (spec.workers * 8))
    with ProcessPoolExecutor(
        max_workers=spec.workers, initializer=_init_shared, initargs=(shared,)
    ) as pool:
        results = list(pool.map(_process_task, [spec.work] * spec.tasks, chunksize=chunk))
    return _outcome(results, int(shared.value))


def _interpreter_task(work: Work) -> tuple[bool, bool]:
    ok = blocking_request(work.port) if work.port else False
    compute(work)
    return ok, True


def run_interpreters(spec: RunSpec) -> Outcome:
    """Python 3.14's InterpreterPoolExecutor: one GIL per interpreter, inside one process."""
    import concurrent.futures

    pool_type: Callable[..., Executor] = concurrent.futures.InterpreterPoolExecutor  # type: ignore[attr-defined]
    with pool_type(max_workers=spec.workers) as pool:
        results = list(pool.map(_interpreter_task, [spec.work] * spec.tasks))
    return _outcome(results, 0)


def _outcome(results: list[tuple[bool, bool]], counter: int) -> Outcome:
    return Outcome(
        answered=sum(1 for ok, _ in results if ok),
        computed=sum(1 for _, done in results if done),
        counter=counter,
    )


#: Variant id -> (the tree's model it stands for, runner).
RUNNERS: dict[str, tuple[str, Callable[[RunSpec], Outcome]]] = {
    "threading": ("threading", run_threading),
    "asyncio": ("asyncio", run_asyncio),
    "asyncio+executor": ("asyncio+executor", run_asyncio_executor),
    "multiprocessing": ("multiprocessing", run_multiprocessing),
    "interpreters": ("interpreters", run_interpreters),
}


def available_variants(*, shared_state: bool) -> tuple[str, ...]:
    """The variants this interpreter can run: InterpreterPoolExecutor only where it exists,
    and not for shared state (interpreters share no Python objects)."""
    names = ["threading", "asyncio", "asyncio+executor", "multiprocessing"]
    if has_interpreter_pool() and not shared_state:
        names.append("interpreters")
    return tuple(names)
