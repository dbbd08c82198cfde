"""The in-process probe: GIL waits, event-loop lag, live threads and tasks. Standard library only.

It runs inside the user's program (any interpreter, not necessarily one with advisor
installed), so it imports nothing but the standard library, costs a wake-up every 20 ms, and
writes its figures as JSON to ``$ADVISOR_PROBE_DIR/probe-<pid>.json`` every half second and at
exit (periodic writes survive ``os._exit`` in pool workers).

- GIL contention: a daemon thread sleeps 20 ms at a time and records how late it wakes. To
  run again it must take the GIL; when another thread runs Python code, it waits for the
  switch interval (5 ms), so its lateness shows how hard the GIL is held.
- Event-loop lag and its cause: asyncio is not imported here (that would slow every program
  down); a meta-path hook waits for `asyncio.base_events` (every loop of the standard
  library), `uvloop` or `trio` to be imported. On asyncio and uvloop it wraps the loop
  class's `run_forever`: while a loop runs, a timer callback re-arms itself every 25 ms and
  records how late it fires. On trio it adds an instrument to every run (`TrioInstrument`):
  trio calls it before and after each task step. Either way the watchdog thread samples the
  loop thread's stack while a tick is overdue or a step runs long, so a blocking call is
  named while it blocks (see `Blocking`).
- On a free-threaded build: whether the GIL is enabled, and the RuntimeWarning an import
  gives when it turns the GIL back on.
"""

from __future__ import annotations

import os
import sys
import threading
import time

# Start-up is part of the overhead every profiled program pays (benchmarks/probe_overhead.py):
# no typing, json, random, contextlib or re at import; annotations are strings.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

INTERVAL = 0.02
LOOP_INTERVAL = 0.025  # a tick every 25 ms: lag is measured to within that
WRITE_EVERY = 0.5
KEEP = 20000  # samples kept per series (reservoir), enough for percentiles

_state: _State | None = None

# Loop lag histogram: upper edges in milliseconds; the last bucket is everything above.
LAG_EDGES_MS = (10, 50, 100, 250, 500, 1000)
SAMPLE_EVERY = 0.005  # while a loop is late: several samples per blocking call
SAMPLES_FAST = 4  # then every INTERVAL: enough to blame a long block without taxing it
SAMPLE_BUDGET = 25  # stack samples per second at most: each one takes the GIL from the loop
MAX_DEPTH = 200


class _Series:
    def __init__(self) -> None:
        self.values: list[float] = []
        self.count = 0
        self.max = 0.0
        self.seed = 12345

    def add(self, value: float) -> None:
        self.count += 1
        self.max = max(self.max, value)
        if len(self.values) < KEEP:
            self.values.append(value)
        else:
            self.seed = (self.seed * 1103515245 + 12345) & 0x7FFFFFFF  # no `random` import
            slot = self.seed % self.count
            if slot < KEEP:
                self.values[slot] = value

    def summary(self) -> dict[str, float]:
        ordered = sorted(self.values)  # once per write, not once per percentile

        def percentile(q: float) -> float:
            return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0

        return {
            "count": self.count,
            "p50": percentile(0.5),
            "p95": percentile(0.95),
            "max": self.max,
        }


def _library_roots() -> tuple[str, ...]:
    """Folders whose code is not the user's own: the standard library and installed packages."""
    import sysconfig

    roots = {os.path.dirname(os.path.abspath(__file__))}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        try:
            roots.add(os.path.abspath(sysconfig.get_paths()[key]))
        except (KeyError, OSError):
            continue
    return tuple(sorted(roots))


class _Where:
    """Where a stack sample stands: which frame is the user's and which call it was making.

    Library frames are the standard library, anything installed (a path through
    site-packages or dist-packages) and the probe itself; the user's frame is the innermost
    one that is none of those. The call a frame is making is read from the source span of
    its current instruction (`co_positions`, Python 3.11+), so a call into C (`time.sleep`,
    `sock.recv`), which has no frame of its own, is still named.
    """

    def __init__(self) -> None:
        self.roots: tuple[str, ...] | None = None
        self.calls: dict[tuple[Any, int], str] = {}

    def is_library(self, filename: str) -> bool:
        if self.roots is None:
            self.roots = _library_roots()
        if filename.startswith("<"):
            return True
        path = os.path.abspath(filename)
        if "site-packages" in path or "dist-packages" in path:
            return True
        return any(path == root or path.startswith(root + os.sep) for root in self.roots)

    def call(self, frame: Any) -> str:
        code, lasti = frame.f_code, frame.f_lasti
        key = (code, lasti)
        name = self.calls.get(key)
        if name is None:
            name = ""
            try:
                name = _call_name(code, lasti)
            except Exception:  # noqa: BLE001 - a name we cannot read is no name
                name = ""
            if len(self.calls) < 10000:
                self.calls[key] = name
        return name

    def site(self, frame: Any) -> tuple[Any, ...] | None:
        """(user file, line, function, call, library file, line, function, call), or None."""
        inner = frame
        user = None
        depth = 0
        while frame is not None and depth < MAX_DEPTH and not _driver(frame):
            if not self.is_library(frame.f_code.co_filename):
                user = frame
                break
            frame = frame.f_back
            depth += 1
        if inner is None or _idle(inner):
            return None
        lib: tuple[Any, ...] = (None, 0, None, None)
        if inner is not user:
            call = self.call(inner)
            if user is None and _loop_callback(inner):
                call = _callback_name(inner) or call
            lib = (inner.f_code.co_filename, inner.f_lineno, inner.f_code.co_name, call)
        if user is None:
            return (None, 0, None, None, *lib)
        return (user.f_code.co_filename, user.f_lineno, user.f_code.co_name, self.call(user), *lib)


_HERE = os.path.abspath(__file__)


def _driver(frame: Any) -> bool:
    """The frame that drives the loop (our `run_forever` wrapper, trio's `unrolled_run`):
    what lies below it is the code that started the loop, `asyncio.run(main())`, never the
    code that blocked it. A library's own task that blocks has no frame of the user's."""
    name: str = frame.f_code.co_name
    filename: str = frame.f_code.co_filename
    if name == "run_forever":
        return filename == _HERE
    return name == "unrolled_run" and "trio" in filename


def _loop_callback(frame: Any) -> bool:
    """asyncio's `Handle._run`: the loop calling a callback given to `call_soon`,
    `call_later` or `add_done_callback`. A Python callback has a frame of its own above this
    one; a C callback (`loop.call_soon(time.sleep, 1)`) has none, so only the handle knows."""
    code = frame.f_code
    return bool(code.co_name == "_run" and os.path.basename(code.co_filename) == "events.py")


def _callback_name(frame: Any) -> str:
    """`time.sleep` for a handle whose callback is `time.sleep` (or a partial of it)."""
    try:
        callback = frame.f_locals["self"]._callback
    except Exception:  # noqa: BLE001 - not a handle after all: no name
        return ""
    callback = getattr(callback, "func", callback)  # functools.partial
    module = getattr(callback, "__module__", None) or ""
    name = getattr(callback, "__qualname__", None) or getattr(callback, "__name__", None)
    if not isinstance(name, str):
        return ""
    return f"{module}.{name}" if module and module != "builtins" else name


def _idle(frame: Any) -> bool:
    """The loop thread is in the loop's own wait (for I/O, or to take the GIL back from
    another thread): a late tick here is not a blocking call of this thread."""
    if _driver(frame):
        return True  # uvloop: its loop is C code, so its wait shows as our wrapper
    code = frame.f_code
    return code.co_name in ("select", "poll", "_run_once") and os.path.basename(
        code.co_filename
    ) in ("selectors.py", "base_events.py")


def _call_name(code: Any, lasti: int) -> str:
    """`time.sleep` for a frame stopped at `time.sleep(0.5)`: the callee of the call at *lasti*."""
    import linecache

    if not hasattr(code, "co_positions"):
        return _call_name_bytecode(code, lasti)
    positions = list(code.co_positions())
    line, end_line, col, end_col = positions[lasti // 2]
    if line is None or col is None:
        return ""
    text = linecache.getline(code.co_filename, line).encode("utf-8")
    text = text[col:end_col] if end_line == line and end_col is not None else text[col:]
    span = text.decode("utf-8", "replace").strip()
    if span.startswith("await "):
        span = span[6:].lstrip()
    head = span.split("(", 1)[0].strip()
    return head if head and "(" in span else ""


# Python 3.10 and older: the callee is read off the bytecode of the line, by following the
# names the line loads onto the stack up to the call at f_lasti (a byte offset there).
_LOADS = frozenset({"LOAD_GLOBAL", "LOAD_NAME", "LOAD_FAST", "LOAD_DEREF", "LOAD_CLASSDEREF"})
_ATTRS = frozenset({"LOAD_ATTR", "LOAD_METHOD"})


def _callable_depth(opname: str, arg: int | None) -> int | None:
    """How many stack items lie above the callable a call instruction calls (its arguments,
    the keyword names, LOAD_METHOD's second slot); None for an instruction that is no call."""
    if opname == "CALL_FUNCTION":
        return arg or 0
    if opname in ("CALL_FUNCTION_KW", "CALL_METHOD"):
        return (arg or 0) + 1
    if opname == "CALL_FUNCTION_EX":
        return 1 + ((arg or 0) & 1)
    return None


def _call_name_bytecode(code: Any, lasti: int) -> str:
    """The dotted name of the callable the call instruction at *lasti* calls, "" when it is
    not a plain name or attribute chain (a call on a call's result, a subscript, ...).

    A symbolic stack runs from the first instruction of the line: loads push their names,
    attribute loads extend the name on top, everything else pushes or pops nameless items by
    its stack effect. Good enough for the calls people write on one line; anything it cannot
    follow comes out nameless, never misnamed as another call."""
    import dis

    instructions = list(dis.get_instructions(code))
    at = next((i for i, ins in enumerate(instructions) if ins.offset == lasti), None)
    if at is None:
        return ""
    below = _callable_depth(instructions[at].opname, instructions[at].arg)
    if below is None:
        return ""
    start = at
    while start > 0 and instructions[start].starts_line is None:
        start -= 1
    stack: list[str] = []
    for ins in instructions[start:at]:
        name, arg = ins.opname, ins.arg
        if name in _LOADS:
            stack.append(str(ins.argval))
        elif name in _ATTRS and stack:
            top = stack.pop()
            stack.append(f"{top}.{ins.argval}" if top else "")
            if name == "LOAD_METHOD":
                stack.append("")  # the bound method's second slot
        else:
            try:
                effect = dis.stack_effect(ins.opcode, arg, jump=False)
            except ValueError:
                return ""
            depth = _callable_depth(name, arg)
            # a call before ours: its callable and arguments become its (nameless) result
            if depth is not None:
                del stack[len(stack) - min(len(stack), depth + 1) :]
                stack.append("")
            elif name.startswith(("POP_", "STORE_", "DELETE_")):
                del stack[len(stack) - min(len(stack), -effect) :]
            elif effect < 0:  # an operation on the items it pops: its result has no name
                del stack[len(stack) - min(len(stack), 1 - effect) :]
                stack.append("")
            else:
                if stack and effect == 0:
                    stack[-1] = ""
                stack.extend([""] * effect)
    if len(stack) <= below:
        return ""
    return stack[-1 - below]


class _Loop:
    """One running event loop as the watchdog sees it: its thread, and since when it owes
    the watchdog a sign of life (asyncio: when its tick is due; trio: when the task step
    that runs now began, NEVER between steps)."""

    __slots__ = (
        "count", "due", "handle", "kind", "samples", "started", "thread", "window_end",
        "window_max",
    )  # fmt: skip

    def __init__(self, thread: int, due: float, kind: str = "asyncio") -> None:
        self.thread = thread
        self.started = time.perf_counter()
        self.due = due
        self.kind = kind
        self.handle: Any = None
        self.samples: list[tuple[float, tuple[Any, ...]]] = []  # (when, site)
        self.count = 0
        self.window_end = 0.0  # trio: the lag of a window is its longest task step
        self.window_max = 0.0


NEVER = float("inf")  # a trio loop between task steps: nothing of its own is running


class Blocking:
    """Event-loop lag and who caused it, for any loop whose `run_forever` we wrap.

    A tick callback re-arms itself every *interval* seconds on the loop and records how late
    it fires (the lag). A watchdog (`sample`, called from another thread every 20 ms, every 5 ms while a loop is late) looks
    at every loop whose tick is overdue by half the threshold and samples that loop thread's
    stack (`sys._current_frames`). When the late tick finally fires, a lag of *block_s* or
    more becomes an episode, blamed on the site most of its samples show; a shorter lag
    throws its samples away. Nothing is patched but `run_forever`, so any blocking call,
    in C or in Python, in the program or in a library, is caught the same way.
    """

    def __init__(
        self, block_s: float, interval: float, on_tick: Any = None, on_end: Any = None
    ) -> None:
        self.on_end = on_end  # called when a loop stops (the probe writes its report then)
        self.budget_second = 0
        self.budget = SAMPLE_BUDGET
        self.peak_tasks = 0  # trio's (asyncio's are counted by *on_tick*)
        self.kinds: set[str] = set()  # which loops ran: asyncio, uvloop, trio
        self.block_s = block_s
        self.interval = interval
        self.on_tick = on_tick
        self.loops: dict[int, _Loop] = {}
        self.lock = threading.Lock()
        self.lag = _Series()
        self.histogram = [0] * (len(LAG_EDGES_MS) + 1)
        self.sites: dict[tuple[Any, ...], list[float]] = {}  # [episodes, total, worst, samples]
        self.blocked_s = 0.0
        self.episodes: list[tuple[float, tuple[Any, ...] | None]] = []  # (lag, site), in order
        self.where = _Where()
        self.ran = False

    def begin(self, loop: Any) -> None:
        self.ran = True
        kind = "uvloop" if type(loop).__module__.startswith("uvloop") else "asyncio"
        self.kinds.add(kind)
        watch = _Loop(threading.get_ident(), time.perf_counter(), kind)
        self.loops[id(loop)] = watch
        watch.handle = loop.call_soon(self._tick, loop, watch)

    def end(self, loop: Any) -> None:
        watch = self.loops.pop(id(loop), None)
        if watch is None:
            return
        if watch.handle is not None:
            watch.handle.cancel()
        overdue = time.perf_counter() - watch.due
        if overdue >= self.block_s:  # the loop stopped while blocked: that still counts
            self._settle(watch, overdue)
        if self.on_end is not None:
            self.on_end(time.perf_counter() - watch.started)

    def _tick(self, loop: Any, watch: _Loop) -> None:
        now = time.perf_counter()
        self._settle(watch, max(0.0, now - watch.due))
        watch.count += 1
        if self.on_tick is not None:
            self.on_tick(loop, watch.count)
        watch.due = now + self.interval
        watch.handle = loop.call_later(self.interval, self._tick, loop, watch)

    def _settle(self, watch: _Loop, lag: float) -> None:
        self._measure(lag)
        self._blame(watch, lag)

    def _measure(self, lag: float) -> None:
        self.lag.add(lag)
        ms = lag * 1000
        slot = 0
        while slot < len(LAG_EDGES_MS) and ms >= LAG_EDGES_MS[slot]:
            slot += 1
        self.histogram[slot] += 1

    def watch_trio(self) -> _Loop:
        """A trio run, seen from the thread that runs its task steps."""
        self.ran = True
        self.kinds.add("trio")
        watch = _Loop(threading.get_ident(), NEVER, "trio")
        self.loops[id(watch)] = watch
        return watch

    def unwatch(self, watch: _Loop) -> None:
        self.loops.pop(id(watch), None)
        if self.on_end is not None:
            self.on_end(time.perf_counter() - watch.started)

    def step(self, watch: _Loop, began: float, now: float) -> None:
        """trio: a task step ran from *began* to *now*; nothing else ran on the loop meanwhile.

        A step as long as the threshold is an episode, blamed like a late tick. The lag
        figures count one value per 25 ms window, the window's longest step (0 for windows in
        which no task ran), so they read like asyncio's ticks."""
        lag = now - began
        if lag >= self.block_s / 2:  # the watchdog may have sampled it
            self._blame(watch, lag)
        if now >= watch.window_end:
            if watch.window_end:
                idle = min(int((began - watch.window_end) / self.interval), 10000)
                if idle > 0:
                    self.histogram[0] += idle
                    for _ in range(idle):
                        self.lag.add(0.0)
                self._measure(max(watch.window_max, lag))
            watch.window_max = 0.0
            watch.window_end = now + self.interval
        elif lag > watch.window_max:
            watch.window_max = lag

    def _blame(self, watch: _Loop, lag: float) -> None:
        with self.lock:
            samples, watch.samples = watch.samples, []
        if lag < self.block_s:
            return
        self.blocked_s += lag
        if not samples:
            self.episodes.append((lag, None))
            return
        for where, spent, count in _shares(samples, time.perf_counter() - lag, lag, self.block_s):
            site = (*where, watch.kind)  # the fix to suggest depends on the loop (trio's differ)
            self.episodes.append((spent, site))
            entry = self.sites.setdefault(site, [0, 0.0, 0.0, 0])
            entry[0] += 1
            entry[1] += spent
            entry[2] = max(entry[2], spent)
            entry[3] += count

    def sample(self) -> bool:
        """Called by the watchdog thread: sample every loop thread that is running late.
        True when one of them wants more samples soon (the watchdog then comes back sooner)."""
        if not self.loops:
            return False
        now = time.perf_counter()
        # (loop, due) as they were when seen late: see below
        late = [(w, w.due) for w in list(self.loops.values()) if now - w.due >= self.block_s / 2]
        if not late:
            return False
        second = int(now)
        if second != self.budget_second:
            self.budget_second, self.budget = second, SAMPLE_BUDGET
        if self.budget <= 0:  # a loop late all the time (CPU on the loop): enough for now
            return False
        self.budget -= 1
        frames = sys._current_frames()
        fast = False
        for watch, due in late:
            fast = fast or len(watch.samples) < SAMPLES_FAST
            frame = frames.get(watch.thread)
            if frame is None:
                continue
            site = self.where.site(frame)
            if site is not None:
                with self.lock:
                    # The tick fired or the step ended while we looked: this sample shows
                    # whatever ran next, not what made it late.
                    if watch.due == due:
                        watch.samples.append((now, site))
        # Every 5 ms for the first few samples of a stall, then at the usual 20 ms: a long
        # stall (a CPU-heavy coroutine) would otherwise hand the GIL over 200 times a second.
        return fast

    def report(self) -> dict[str, Any]:
        sites = [
            {
                "file": key[0],
                "line": key[1],
                "function": key[2],
                "call": key[3],
                "blocked_in": (
                    {"file": key[4], "line": key[5], "function": key[6], "call": key[7]}
                    if key[4] is not None
                    else None
                ),
                "episodes": int(entry[0]),
                "total_s": entry[1],
                "worst_s": entry[2],
                "samples": int(entry[3]),
                "loop": key[8],
            }
            for key, entry in sorted(self.sites.items(), key=lambda item: -item[1][1])
        ]
        return {
            "block_ms": self.block_s * 1000,
            "blocked_s": self.blocked_s,
            "episodes": len(self.episodes),
            "unblamed": sum(1 for _, site in self.episodes if site is None),
            "histogram": {"edges_ms": list(LAG_EDGES_MS), "counts": list(self.histogram)},
            "sites": sites,
            "loops": sorted(self.kinds),
        }


def _shares(
    samples: list[tuple[float, tuple[Any, ...]]], start: float, lag: float, block_s: float
) -> list[tuple[tuple[Any, ...], float, int]]:
    """One stall, split among the calls that made it: (site, seconds, samples) each.

    Two blocking calls back to back with no await between (`await lib.fetch()` then
    `async with lib.Client()`) are one late tick; each is named with its own time when the
    samples show them one after the other, each in one run of samples, and each run as long as
    the threshold. Otherwise (a loop whose samples alternate between its lines, a call too
    short to count alone) the stall is the site most samples show, with all of its time."""
    runs: list[list[Any]] = []  # [site, first sample's time, samples]
    for when, site in samples:
        if runs and runs[-1][0] == site:
            runs[-1][2] += 1
        else:
            runs.append([site, when, 1])
    if len({run[0] for run in runs}) == len(runs) > 1:
        spans = []
        for i, (site, first, count) in enumerate(runs):
            begin = start if i == 0 else first
            end = runs[i + 1][1] if i + 1 < len(runs) else start + lag
            spans.append((site, max(0.0, end - begin), count))
        if all(spent >= block_s for _, spent, _ in spans):
            return spans
    sites = [site for _, site in samples]
    top = max(sites, key=sites.count)
    return [(top, lag, sites.count(top))]


_GENERATION = [0]  # bumped when the Blocking to report to changes (a fork, the next test)


def retarget() -> None:
    """Make every trio run look its `Blocking` up again (before the next batch of steps)."""
    _GENERATION[0] += 1


class TrioInstrument:
    """Watches trio runs: a `trio.abc.Instrument` (trio only needs the hook methods, so this
    module still imports nothing of trio's).

    trio runs a loop of batches: wait for I/O (`before_io_wait`, `after_io_wait`), then one
    step of each runnable task (`after_task_step` after each), in the thread that runs the
    loop (the host's thread in guest mode, as AnyIO's pytest plugin runs it). A step is all
    the loop does until the task awaits again, and the steps of a batch run back to back, so
    a step begins when the batch or the step before it ends: one hook call per step, not
    two. A step as long as the threshold is the loop blocked, and the watchdog samples the
    thread while one runs long. No task of ours is spawned and trio's clock is never read: a
    program with `MockClock(autojump_threshold=0)` runs exactly as it would without it.

    *blocking* returns the `Blocking` to report to, or None; it is asked again when
    `retarget()` was called (the pytest plugin's changes from one test to the next while
    AnyIO keeps one trio run for several tests).
    """

    __slots__ = ("_blocking", "_generation", "_half", "_provider", "_tasks", "_watch")

    def __init__(self, blocking: Any) -> None:
        self._provider = blocking
        self._blocking: Blocking | None = None
        self._watch: _Loop | None = None
        self._generation = -1
        self._half = NEVER
        self._tasks = 0

    def before_run(self) -> None:
        self._resolve()

    def before_io_wait(self, timeout: float) -> None:
        if self._watch is not None:
            self._watch.due = NEVER  # the loop waits: nothing of its own is running

    def after_io_wait(self, timeout: float) -> None:
        if self._generation != _GENERATION[0]:
            self._resolve()
        if self._watch is not None:
            self._watch.due = time.perf_counter()  # the batch's first step begins

    def after_task_step(self, task: Any) -> None:
        watch = self._watch
        if watch is None:
            return
        now = time.perf_counter()
        began = watch.due
        watch.due = now  # the next step of the batch begins
        lag = now - began
        if lag >= self._half or now >= watch.window_end:
            self._blocking.step(watch, began, now)  # type: ignore[union-attr]
        elif lag > watch.window_max:
            watch.window_max = lag

    def task_spawned(self, task: Any) -> None:
        if _user_task(task):
            self._tasks += 1
            if self._blocking is not None:  # + the main task, which asyncio's count includes
                self._blocking.peak_tasks = max(self._blocking.peak_tasks, self._tasks + 1)

    def task_exited(self, task: Any) -> None:
        if _user_task(task):
            self._tasks -= 1

    def after_run(self) -> None:
        self._switch(None)

    def _resolve(self) -> None:
        self._generation = _GENERATION[0]
        blocking = self._provider()
        if blocking is not self._blocking:
            self._switch(blocking)

    def _switch(self, blocking: Blocking | None) -> None:
        if self._blocking is not None and self._watch is not None:
            self._blocking.unwatch(self._watch)
        self._blocking = blocking
        self._watch = blocking.watch_trio() if blocking is not None else None
        self._half = blocking.block_s / 2 if blocking is not None else NEVER


def _user_task(task: Any) -> bool:
    """A task the program started: not trio's init task nor a system task (those, and the
    program's main task, are children of the init task)."""
    nursery = task.parent_nursery
    return nursery is not None and nursery.parent_task.parent_nursery is not None


def wrap_trio(module: Any, blocking: Any, tag: str = "_advisor_probe") -> None:
    """Make `trio.run` and `trio.lowlevel.start_guest_run` add a `TrioInstrument` reporting to
    `blocking()` to every run, after the program's own instruments. Patched on the modules,
    where AnyIO and pytest plugins look them up at each call."""
    for owner, name in ((module, "run"), (getattr(module, "lowlevel", None), "start_guest_run")):
        original = getattr(owner, name, None)
        if original is None or getattr(original, tag, False):
            continue
        setattr(owner, name, _with_instrument(original, blocking, tag))


def _with_instrument(original: Any, blocking: Any, tag: str) -> Any:
    def run(*args: Any, **kwargs: Any) -> Any:
        kwargs["instruments"] = (*kwargs.get("instruments", ()), TrioInstrument(blocking))
        return original(*args, **kwargs)

    setattr(run, tag, True)
    run.__wrapped__ = original  # type: ignore[attr-defined]
    run.__doc__ = original.__doc__
    run.__name__ = original.__name__
    run.__qualname__ = original.__qualname__
    return run


class _State:
    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.pid = os.getpid()
        self.gil = _Series()
        self.peak_tasks = 0
        self.peak_threads = 0
        self.started = time.perf_counter()
        self.blocking = Blocking(_block_s(), LOOP_INTERVAL, self._count_tasks, self._loop_ended)
        self.written = 0.0
        self.lock = threading.Lock()

    def _loop_ended(self, ran: float) -> None:
        """A loop stopped: write now, for a process that may end with os._exit before the
        next periodic write (a multiprocessing child started by fork). A program that runs
        short loops many times (a test suite) writes at most every 0.1 s for them."""
        if ran >= 0.1 or time.perf_counter() - self.written >= 0.1:
            self.write()

    def _count_tasks(self, loop: Any, count: int) -> None:
        # every tick at first (a short program's whole run is a few ticks), then every 4th
        if count < 16 or count % 4 == 0:
            import asyncio

            try:
                tasks = len(asyncio.all_tasks(loop))
            except RuntimeError:  # the set changed size while we counted
                tasks = 0
            self.peak_tasks = max(self.peak_tasks, tasks)

    def report(self) -> dict[str, Any]:
        return {
            "pid": self.pid,
            "gil": self.gil.summary(),
            "loop_lag": self.blocking.lag.summary(),
            "loop_ran": self.blocking.ran,
            "peak_tasks": max(self.peak_tasks, self.blocking.peak_tasks),
            "peak_threads": self.peak_threads,
            "wall_s": time.perf_counter() - self.started,
            "blocking": self.blocking.report(),
            "gil_state": _gil_state(),
            "peak_rss": _peak_rss(),
        }

    def write(self) -> None:
        """Three writers share the report: the watcher every half second, a loop that ended,
        and exit. Unserialised, two wrote one temp file at once and the report read back was
        not JSON, so `profile` said nothing of the run (a flaky test showed it). A bounded
        wait: a writer stuck at shutdown must not hang the user's program."""
        if not self.lock.acquire(timeout=2.0):
            return
        try:
            self.written = time.perf_counter()
            path = os.path.join(self.directory, f"probe-{self.pid}.json")
            temp = path + ".tmp"
            with open(temp, "w", encoding="utf-8") as handle:
                handle.write(_dumps(self.report()))
            os.replace(temp, path)
        except OSError:
            pass
        finally:
            self.lock.release()


def _dumps(value: Any) -> str:
    """JSON for the report's plain values, without importing json (and with it, re)."""
    if value is None or value is True or value is False:
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        finite = value - value == 0.0  # False for nan and the infinities
        return repr(value) if finite else "0"
    if isinstance(value, str):
        return (
            '"'
            + "".join(
                c if c >= " " and c not in '"\\' and c != "\x7f" else f"\\u{ord(c):04x}"
                for c in value
            )
            + '"'
        )
    if isinstance(value, dict):
        return "{" + ",".join(f"{_dumps(str(k))}:{_dumps(v)}" for k, v in value.items()) + "}"
    return "[" + ",".join(_dumps(v) for v in value) + "]"


def _peak_rss() -> int:
    """This process's peak RSS in bytes since it started this program (Linux's VmHWM: the
    memory of the exec'd program only, unlike getrusage, whose peak includes the memory of
    the process that started it, before exec); 0 where /proc does not say."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _block_s() -> float:
    try:
        return max(1.0, float(os.environ.get("ADVISOR_PROBE_BLOCK_MS", "100"))) / 1000
    except ValueError:
        return 0.1


def _gil_state() -> dict[str, Any]:
    """Whether this interpreter is free-threaded and whether the GIL is on right now."""
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    free_threaded = False
    if callable(is_enabled):  # 3.13+: only there can a build be free-threaded
        import sysconfig

        free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    return {
        "free_threaded": free_threaded,
        "enabled": bool(is_enabled()) if callable(is_enabled) else True,
        "warnings": list(_GIL_WARNINGS),
        "version": "{}.{}.{}".format(*sys.version_info[:3]),  # the program's, not advisor's
    }


_GIL_WARNINGS: list[str] = []


# Threads a library starts to run its own machinery, not the program's work (newcomer #32):
# multiprocessing.Pool's three handlers, a process pool's manager, a queue's feeder.
_HELPER_SUFFIXES = ("(_handle_workers)", "(_handle_tasks)", "(_handle_results)")
_HELPER_NAMES = ("QueueFeederThread", "advisor-probe", "advisor-blocking")
_HELPER_CLASSES = ("_ExecutorManagerThread",)


def _working_threads() -> int:
    """Live threads, the main one included, that do the program's work."""
    count = 0
    for thread in threading.enumerate():
        name = thread.name
        if (
            name in _HELPER_NAMES
            or name.endswith(_HELPER_SUFFIXES)
            or type(thread).__name__ in _HELPER_CLASSES
        ):
            continue
        count += 1
    return count


def _watch(state: _State) -> None:
    """The watchdog: every 20 ms (every 5 ms while a loop is late, to sample its stack)."""
    last_write = time.perf_counter()
    delay = INTERVAL
    while True:
        start = time.perf_counter()
        time.sleep(delay)
        now = time.perf_counter()
        if delay == INTERVAL:
            state.gil.add(max(0.0, now - start - INTERVAL))
        if threading.active_count() - 1 > state.peak_threads:  # look closer only then
            state.peak_threads = max(state.peak_threads, _working_threads())
        late = False
        try:
            late = state.blocking.sample()
        except Exception:  # noqa: BLE001 - never let a sample end the watchdog
            late = False
        delay = SAMPLE_EVERY if late else INTERVAL
        if now - last_write >= WRITE_EVERY:
            state.write()
            last_write = now


def wrap_run_forever(cls: Any, blocking: Any, tag: str = "_advisor_probe") -> None:
    """Wrap `cls.run_forever` so each run is watched by `blocking()` (a Blocking, or None).

    *tag* marks the wrapper so each owner (the probe, the pytest plugin) wraps once; both
    may wrap the same loop when a test suite runs under `advisor profile`."""
    original = cls.run_forever
    if getattr(original, tag, False):
        return

    def run_forever(self: Any) -> Any:
        watcher = blocking()
        if watcher is not None:
            watcher.begin(self)
        try:
            return original(self)
        finally:
            if watcher is not None:
                watcher.end(self)

    setattr(run_forever, tag, True)
    run_forever.__wrapped__ = original  # type: ignore[attr-defined]
    cls.run_forever = run_forever


def _current() -> Blocking | None:
    state = _state
    if state is not None and state.pid == os.getpid():
        return state.blocking
    return None


# The loops we watch: every loop of the standard library runs through BaseEventLoop, and
# uvloop's `Loop` is a Python subclass of its Cython loop whose `run_until_complete` looks
# `run_forever` up on the instance; trio's runs start in `trio.run` (or guest mode's
# `start_guest_run`), which take instruments.
LOOP_CLASSES = {"asyncio.base_events": "BaseEventLoop", "uvloop": "Loop", "trio": ""}


def _patch(module: Any) -> None:
    if module.__name__ == "trio":
        wrap_trio(module, _current)
        return
    cls = getattr(module, LOOP_CLASSES.get(module.__name__, "BaseEventLoop"), None)
    if cls is not None:
        wrap_run_forever(cls, _current)


class _Loader:
    """Wraps the real loader of a loop module so the module is patched once executed."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self.loader.exec_module(module)
        try:  # noqa: SIM105 - contextlib is not imported here (start-up cost)
            _patch(module)
        except Exception:  # noqa: BLE001, S110 - never break the program's asyncio
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


class _Finder:
    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in LOOP_CLASSES:
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
    retarget()
    thread = threading.Thread(target=_watch, args=(_state,), name="advisor-probe", daemon=True)
    thread.start()


def _catch_gil_warning() -> None:
    """Keep the RuntimeWarning a free-threaded build gives when an import turns the GIL on."""
    import warnings

    original = warnings.showwarning

    def showwarning(message: Any, category: Any, *args: Any, **kwargs: Any) -> Any:
        if issubclass(category, RuntimeWarning) and "GIL" in str(message):
            _GIL_WARNINGS.append(str(message))
        return original(message, category, *args, **kwargs)

    warnings.showwarning = showwarning


def start() -> None:
    directory = os.environ.get("ADVISOR_PROBE_DIR")
    if not directory or _state is not None:
        return
    _begin()
    missing = False
    for name in LOOP_CLASSES:
        if name in sys.modules:
            _patch(sys.modules[name])
        else:
            missing = True
    if missing:
        sys.meta_path.insert(0, _Finder())
    if hasattr(sys, "_is_gil_enabled"):
        _catch_gil_warning()
    import atexit

    atexit.register(lambda: _state.write() if _state is not None else None)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_begin)  # threads do not survive fork
