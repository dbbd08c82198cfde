"""The measurements behind `bench --claims`, each run in a fresh interpreter.

``python -m advisor.benchmark.measure NAME [N]`` prints one JSON object of figures. A fresh
process per measurement keeps the memory baselines clean: memory freed by an earlier
measurement would otherwise be reused and make the next one look free.
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import threading
import time
from collections.abc import Callable
from typing import Any


def _memory() -> tuple[int, int]:
    """Resident and virtual bytes of this process. Under `bench --claims --python` this runs
    on an interpreter that has no psutil (nothing is installed into it): Linux's
    /proc/self/statm says the same without it."""
    try:
        import psutil
    except ImportError:
        import os

        with open("/proc/self/statm", encoding="ascii") as handle:
            pages, resident = (int(field) for field in handle.read().split()[:2])
        size = os.sysconf("SC_PAGE_SIZE")
        return resident * size, pages * size
    info = psutil.Process().memory_info()
    return int(info.rss), int(info.vms)


def threads(n: int) -> dict[str, Any]:
    """Resident and virtual memory per idle thread, and the time to start one."""
    release = threading.Event()
    gc.collect()
    rss0, vms0 = _memory()
    started: list[threading.Thread] = []
    t0 = time.perf_counter()
    try:
        for _ in range(n):
            thread = threading.Thread(target=release.wait, daemon=True)
            thread.start()
            started.append(thread)
    except RuntimeError as exc:  # "can't start new thread": a limit of this machine
        release.set()
        return {"error": f"{len(started)} threads started, then: {exc}"}
    start_s = (time.perf_counter() - t0) / n
    rss1, vms1 = _memory()
    release.set()
    for thread in started:
        thread.join()
    return {"rss": (rss1 - rss0) / n, "vms": (vms1 - vms0) / n, "start": start_s}


def tasks(n: int) -> dict[str, Any]:
    """Memory per pending asyncio Task, each suspended on an Event."""

    async def waiter(event: asyncio.Event) -> None:
        await event.wait()

    async def main() -> dict[str, Any]:
        event = asyncio.Event()
        gc.collect()
        rss0, _ = _memory()
        pending = [asyncio.ensure_future(waiter(event)) for _ in range(n)]
        await asyncio.sleep(0)  # let each task run to its first suspension
        gc.collect()
        rss1, _ = _memory()
        event.set()
        await asyncio.gather(*pending)
        return {"task": (rss1 - rss0) / n}

    return asyncio.run(main())


def coroutines(n: int) -> dict[str, Any]:
    """Memory per bare coroutine object (created, never started)."""

    async def waiter(event: asyncio.Event) -> None:
        await event.wait()

    event = asyncio.Event()
    gc.collect()
    rss0, _ = _memory()
    created = [waiter(event) for _ in range(n)]
    rss1, _ = _memory()
    for coro in created:
        coro.close()
    return {"coroutine": (rss1 - rss0) / n}


def _noop() -> None:
    return None


def startup(repeats: int) -> dict[str, Any]:
    """Seconds to start and join one thread, and one process per start method."""
    import multiprocessing

    figures: dict[str, Any] = {}
    t0 = time.perf_counter()
    for _ in range(repeats * 20):
        thread = threading.Thread(target=_noop)
        thread.start()
        thread.join()
    figures["thread"] = (time.perf_counter() - t0) / (repeats * 20)
    for method in ("fork", "forkserver", "spawn"):
        if method not in multiprocessing.get_all_start_methods():
            continue
        ctx: Any = multiprocessing.get_context(method)  # typeshed: BaseContext has no Process
        warm = ctx.Process(target=_noop)  # forkserver starts its server on first use
        warm.start()
        warm.join()
        t0 = time.perf_counter()
        for _ in range(repeats):
            proc = ctx.Process(target=_noop)
            proc.start()
            proc.join()
        figures[method] = (time.perf_counter() - t0) / repeats
    return figures


def speedup(cpu_ms: int) -> dict[str, Any]:
    """Speed-up of pure-Python CPU work on threads and on processes, against one thread."""
    from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

    from advisor.benchmark.workloads import calibrate_cpu, cpu_loop
    from advisor.cores import usable_cores as cpu_count

    workers = cpu_count()
    loops = calibrate_cpu(cpu_ms)
    jobs = [loops] * (2 * workers)

    def timed(pool: Executor | None) -> float:
        t0 = time.perf_counter()
        if pool is None:
            for job in jobs:
                cpu_loop(job)
        else:
            with pool:
                list(pool.map(cpu_loop, jobs))
        return time.perf_counter() - t0

    serial = timed(None)
    return {
        "threads": serial / timed(ThreadPoolExecutor(workers)),
        "processes": serial / timed(ProcessPoolExecutor(workers)),
        "workers": workers,
    }


def handoff(rounds: int) -> dict[str, Any]:
    """Seconds per hand-off: two threads over SimpleQueues, two tasks over asyncio.Queues."""
    import queue

    ping: queue.SimpleQueue[int] = queue.SimpleQueue()
    pong: queue.SimpleQueue[int] = queue.SimpleQueue()

    def echo() -> None:
        while (item := ping.get()) >= 0:
            pong.put(item)

    thread = threading.Thread(target=echo)
    thread.start()
    t0 = time.perf_counter()
    for i in range(rounds):
        ping.put(i)
        pong.get()
    per_thread = (time.perf_counter() - t0) / (2 * rounds)
    ping.put(-1)
    thread.join()

    async def main() -> float:
        aping: asyncio.Queue[int] = asyncio.Queue()
        apong: asyncio.Queue[int] = asyncio.Queue()

        async def aecho() -> None:
            while (item := await aping.get()) >= 0:
                apong.put_nowait(item)

        task = asyncio.ensure_future(aecho())
        t0 = time.perf_counter()
        for i in range(rounds):
            aping.put_nowait(i)
            await apong.get()
        elapsed = time.perf_counter() - t0
        aping.put_nowait(-1)
        await task
        return elapsed / (2 * rounds)

    return {"thread": per_thread, "task": asyncio.run(main())}


MEASUREMENTS: dict[str, Callable[[int], dict[str, Any]]] = {
    "threads": threads,
    "tasks": tasks,
    "coroutines": coroutines,
    "startup": startup,
    "speedup": speedup,
    "handoff": handoff,
}


if __name__ == "__main__":
    print(json.dumps(MEASUREMENTS[sys.argv[1]](int(sys.argv[2]))), flush=True)
