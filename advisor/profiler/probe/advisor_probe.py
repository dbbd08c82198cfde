"""The in-process probe: GIL waits, event-loop lag, live threads and tasks. Standard library only.

It runs inside the user's program (any interpreter, not necessarily one with advisor
installed), so it imports nothing but the standard library, costs a wake-up every 10 ms, and
writes its figures as JSON to ``$ADVISOR_PROBE_DIR/probe-<pid>.json`` every half second and at
exit (periodic writes survive ``os._exit`` in pool workers).

- GIL contention: a daemon thread sleeps 10 ms at a time and records how late it wakes. To
  run again it must take the GIL; when another thread runs Python code, it waits for the
  switch interval (5 ms), so its lateness shows how hard the GIL is held.
- Event-loop lag: asyncio is not imported here (that would slow every program down); a
  meta-path hook waits for `asyncio.base_events` to be imported and wraps
  `BaseEventLoop.run_forever`, which every loop of the standard library runs through. While a
  loop runs, a timer callback re-arms itself every 50 ms and records how late it fires: a
  blocking call inside a coroutine shows up as lag as long as the call. (uvloop's loop is
  not a BaseEventLoop and is not measured.)
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sys
import threading
import time
from typing import Any

INTERVAL = 0.01
LOOP_INTERVAL = 0.05
WRITE_EVERY = 0.5
KEEP = 20000  # samples kept per series (reservoir), enough for percentiles

_state: _State | None = None


class _Series:
    def __init__(self) -> None:
        self.values: list[float] = []
        self.count = 0
        self.max = 0.0

    def add(self, value: float) -> None:
        self.count += 1
        self.max = max(self.max, value)
        if len(self.values) < KEEP:
            self.values.append(value)
        else:
            slot = random.randrange(self.count)  # noqa: S311 - sampling, not security
            if slot < KEEP:
                self.values[slot] = value

    def percentile(self, q: float) -> float:
        if not self.values:
            return 0.0
        ordered = sorted(self.values)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def summary(self) -> dict[str, float]:
        return {
            "count": self.count,
            "p50": self.percentile(0.5),
            "p95": self.percentile(0.95),
            "max": self.max,
        }


class _State:
    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.pid = os.getpid()
        self.gil = _Series()
        self.lag = _Series()
        self.loop_ran = False
        self.peak_tasks = 0
        self.peak_threads = 0
        self.handles: dict[int, Any] = {}

    def report(self) -> dict[str, Any]:
        return {
            "pid": self.pid,
            "gil": self.gil.summary(),
            "loop_lag": self.lag.summary(),
            "loop_ran": self.loop_ran,
            "peak_tasks": self.peak_tasks,
            "peak_threads": self.peak_threads,
        }

    def write(self) -> None:
        path = os.path.join(self.directory, f"probe-{self.pid}.json")
        temp = path + ".tmp"
        try:
            with open(temp, "w", encoding="utf-8") as handle:
                json.dump(self.report(), handle)
            os.replace(temp, path)
        except OSError:
            pass


def _watch(state: _State) -> None:
    last_write = time.perf_counter()
    while True:
        start = time.perf_counter()
        time.sleep(INTERVAL)
        now = time.perf_counter()
        state.gil.add(max(0.0, now - start - INTERVAL))
        state.peak_threads = max(state.peak_threads, threading.active_count() - 1)
        if now - last_write >= WRITE_EVERY:
            state.write()
            last_write = now


def _tick(state: _State, loop: Any, expected: float, count: int) -> None:
    now = loop.time()
    state.lag.add(max(0.0, now - expected))
    if count % 4 == 0:
        import asyncio

        try:
            tasks = len(asyncio.all_tasks(loop))
        except RuntimeError:  # the set changed size while we counted
            tasks = 0
        state.peak_tasks = max(state.peak_tasks, tasks)
    state.handles[id(loop)] = loop.call_at(
        now + LOOP_INTERVAL, _tick, state, loop, now + LOOP_INTERVAL, count + 1
    )


def _patch(module: Any) -> None:
    original = module.BaseEventLoop.run_forever
    if getattr(original, "_advisor_probe", False):
        return

    def run_forever(self: Any) -> Any:
        state = _state
        if state is not None and state.pid == os.getpid():
            state.loop_ran = True
            state.handles[id(self)] = self.call_soon(_tick, state, self, self.time(), 0)
        try:
            return original(self)
        finally:
            if state is not None:
                handle = state.handles.pop(id(self), None)
                if handle is not None:
                    handle.cancel()

    run_forever._advisor_probe = True  # type: ignore[attr-defined]
    module.BaseEventLoop.run_forever = run_forever


class _Loader:
    """Wraps the real loader of asyncio.base_events so the module is patched once executed."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self.loader.exec_module(module)
        with contextlib.suppress(Exception):  # never break the program's asyncio
            _patch(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


class _Finder:
    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "asyncio.base_events":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _Loader(spec.loader)  # type: ignore[assignment]
                return spec
        return None


def _begin() -> None:
    global _state  # noqa: PLW0603
    _state = _State(_state.directory if _state else os.environ["ADVISOR_PROBE_DIR"])
    thread = threading.Thread(target=_watch, args=(_state,), name="advisor-probe", daemon=True)
    thread.start()


def start() -> None:
    directory = os.environ.get("ADVISOR_PROBE_DIR")
    if not directory or _state is not None:
        return
    _begin()
    if "asyncio.base_events" in sys.modules:
        _patch(sys.modules["asyncio.base_events"])
    else:
        sys.meta_path.insert(0, _Finder())
    import atexit

    atexit.register(lambda: _state.write() if _state is not None else None)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_begin)  # threads do not survive fork
