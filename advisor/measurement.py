"""Measurements of `advisor bench` and `advisor profile`: value types, not advice.

Kept out of `advisor.models` so that `advisor recommend` never builds these types: each
NamedTuple class costs import time, and startup is a product goal (benchmarks/startup.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from advisor.models import SCHEMA_VERSION, AnswerValue, Recommendation, Text


class Machine(NamedTuple):
    """Where a measurement was taken; printed beside every table, since figures travel badly."""

    python: str  # "3.11.7 (CPython)"
    platform: str  # "Linux-6.1-x86_64"
    cpu: str  # "AMD EPYC", or "" if unknown
    cores: int  # usable by this process
    memory_bytes: int
    gil: bool  # False on a free-threaded build running without the GIL
    start_method: str  # multiprocessing's default: fork, forkserver or spawn


class BenchProfile(NamedTuple):
    """One workload, as the bench runs it: each task does a request and/or CPU work."""

    tasks: int
    concurrency: int  # tasks in flight at once: thread-pool size, semaphore slots
    workers: int  # processes for CPU work (one per core)
    io_latency_ms: float  # the loopback server's reply delay; 0: no request
    cpu_ms: float  # CPU work per task
    native_code: bool  # CPU work in C that releases the GIL (hashlib) instead of pure Python
    shared_state: bool  # every task updates one shared counter, many times
    increments: int  # updates of the shared counter per task (0 without shared state)
    blocking_lib: bool  # the I/O library has no async version
    repeats: int
    cap_s: float  # a run still going after this long is stopped

    @property
    def kind(self) -> str:
        """ "io", "cpu" or "mixed": which part of the work dominates the profile."""
        if self.io_latency_ms and self.cpu_ms:
            return "mixed"
        return "cpu" if self.cpu_ms else "io"


class ModelRun(NamedTuple):
    """One model's figures over every repeat of a profile."""

    variant: str  # threading, asyncio, asyncio+executor, multiprocessing, interpreters
    model: str  # the tree's model it stands for
    setup: str  # how it ran: "ThreadPoolExecutor(max_workers=100)"
    walls: tuple[float, ...]  # seconds, one per completed repeat
    median_s: float | None
    spread: float  # (slowest - fastest) / median: the noise between repeats
    throughput: float  # tasks per second at the median
    peak_rss: int  # bytes, whole process tree, highest over the repeats
    cpu_s: float  # CPU seconds of the whole tree, median
    cores: float  # CPU seconds / wall seconds: cores kept busy on average
    ratio: float | None  # median / best median
    tie: bool  # within noise of the best
    stopped: bool  # hit the time cap: at least `ratio` times slower
    error: str | None
    answered: int  # requests the server answered for this model's last run


class BenchResult(NamedTuple):
    profile: BenchProfile
    machine: Machine
    runs: tuple[ModelRun, ...]
    best: str | None  # the fastest variant
    ties: tuple[str, ...]  # variants within noise of the best, best first
    recommended: str | None  # the model `advisor recommend` gives for the same answers
    recommended_leaf: str | None
    recommend_note: str | None  # why there is no recommendation (a missing answer)
    answers: Mapping[str, AnswerValue]  # the answers the recommendation used
    served: int | None  # requests the loopback server answered in all
    assumed: tuple[str, ...] = ()  # "--flag value" the bench filled in (the user gave none)
    #: "--flag value" on the recommendation's path that recommend itself assumes (the tree's
    #: defaults, derived or detected answers); the workload used the same values.
    defaults: tuple[str, ...] = ()
    #: The `advisor recommend` command that gives the same recommendation.
    recommend_command: str | None = None
    #: A --tasks at which every model should finish within the cap (shown when one did not).
    suggested_tasks: int | None = None

    def run_of(self, model: str) -> ModelRun | None:
        return next((r for r in self.runs if r.variant == model), None)

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        data["profile"] = {**self.profile._asdict(), "kind": self.profile.kind}
        data["machine"] = self.machine._asdict()
        data["runs"] = [{**r._asdict(), "walls": list(r.walls)} for r in self.runs]
        data["ties"] = list(self.ties)
        data["answers"] = dict(self.answers)
        data["assumed"] = list(self.assumed)
        data["defaults"] = list(self.defaults)
        data["schema_version"] = SCHEMA_VERSION
        return data


class Figure(NamedTuple):
    """One number measured by `bench --claims`."""

    id: str  # thread_rss, thread_vms, task_mem, coroutine_mem, start_thread, ...
    value: float | None  # in `unit`; None if it could not be measured here
    unit: str  # bytes, seconds, ratio
    at: int = 0  # how many items the figure was measured at (1,000 or 10,000), 0 if n/a
    error: str | None = None


class ClaimCheck(NamedTuple):
    """One claim of the chapter beside the figures that test it."""

    id: str
    text: Text  # the claim, in both languages
    figures: tuple[str, ...]  # Figure ids shown beside it
    verdict: str  # holds | virtual_only | does_not_hold | not_measured


class ClaimsResult(NamedTuple):
    machine: Machine
    figures: tuple[Figure, ...]
    claims: tuple[ClaimCheck, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "machine": self.machine._asdict(),
            "figures": [f._asdict() for f in self.figures],
            "claims": [
                {**c._asdict(), "text": dict(c.text.values), "figures": list(c.figures)}
                for c in self.claims
            ],
        }


class Observation(NamedTuple):
    """Something `profile` measured, as a UI-text key and its parameters (both languages)."""

    key: str
    params: Mapping[str, str] = {}


class BlockingSite(NamedTuple):
    """Where an event loop was blocked: the user's frame making the call, and the innermost
    (library) frame it was blocked in, with how often and how long (episodes of lag at or
    above the threshold, blamed on the site most of their stack samples showed)."""

    file: str | None  # None: no frame of the user's on the stack (a library's own coroutine)
    line: int
    function: str | None
    call: str | None  # the callee at that line, e.g. `time.sleep`, `requests.get`
    blocked_file: str | None  # None: the user's own frame was innermost (a call into C)
    blocked_line: int
    blocked_function: str | None
    blocked_call: str | None
    episodes: int
    total_s: float
    worst_s: float
    samples: int
    rule: str  # the `advisor scan` rule for it (ADV101)
    fix: str | None  # key of blocking.yaml's `fixes` when the call is in its table
    loop: str = "asyncio"  # the loop it blocked: asyncio, uvloop or trio (whose fixes differ)


class GilState(NamedTuple):
    """A free-threaded build's GIL over the run (a build with a GIL: free_threaded False)."""

    free_threaded: bool
    enabled_at_end: bool  # in any process
    warnings: tuple[str, ...]  # the RuntimeWarnings that re-enabled it (they name the module)
    version: str = ""  # the program's Python ("3.13.0"); "" from a probe that did not say


class ProbeSummary(NamedTuple):
    """What the in-process probes of a Python program reported, merged over its processes."""

    processes: int  # Python processes that reported
    gil_samples: int
    gil_late_p50_ms: float  # how late a sleeping probe thread woke up (median)
    gil_late_p95_ms: float
    loop_ran: bool
    loop_lag_p95_ms: float
    loop_lag_max_ms: float
    peak_tasks: int  # tasks alive at once besides the main one (asyncio's or trio's)
    peak_threads: int  # Python threads alive at once in one process (the probe's excluded)
    block_ms: float = 100.0  # lag at or above this is an episode of blocking
    blocked_s: float = 0.0  # total lag of those episodes
    unblamed: int = 0  # episodes with no frame of the loop thread's own to blame
    lag_edges_ms: tuple[int, ...] = ()
    lag_counts: tuple[int, ...] = ()  # ticks per bucket: below each edge, then above the last
    sites: tuple[BlockingSite, ...] = ()  # most total blocking first
    gil: GilState | None = None
    loops: tuple[str, ...] = ()  # the kinds of loop that ran: asyncio, uvloop, trio
    peak_rss: int = 0  # bytes: the largest peak of one Python process, after its exec (Linux)

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        data["lag_edges_ms"] = list(self.lag_edges_ms)
        data["lag_counts"] = list(self.lag_counts)
        data["sites"] = [site._asdict() for site in self.sites]
        data["loops"] = list(self.loops)
        data["gil"] = (
            None
            if self.gil is None
            else {**self.gil._asdict(), "warnings": list(self.gil.warnings)}
        )
        return data


class MeasuredAnswer(NamedTuple):
    value: AnswerValue
    observation: Observation  # the evidence, in words


class ProfileReport(NamedTuple):
    command: tuple[str, ...]
    exit_code: int
    wall_s: float
    cpu_s: float  # user + system, whole process tree
    ready_s: float  # runnable but queued for a core (Linux; 0 elsewhere)
    avg_cores: float
    peak_cores: float
    peak_threads: int
    peak_processes: int
    peak_rss: int
    ctx_voluntary: int
    ctx_involuntary: int
    probe: ProbeSummary | None
    probe_note: (
        str | None
    )  # why there is no probe data: "disabled", "not_python", "no_report", "crashed"
    observations: tuple[Observation, ...]
    answers: Mapping[str, MeasuredAnswer]
    recommendation: Recommendation | None = None
    recommend_note: str | None = None  # why --recommend gave no recommendation
    repeat: str | None = (
        None  # the `advisor recommend ...` line that gives the recommendation again
    )

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        data["command"] = list(self.command)
        data["probe"] = self.probe.to_dict() if self.probe else None
        data["observations"] = [{"key": o.key, "params": dict(o.params)} for o in self.observations]
        data["answers"] = {
            qid: {
                "value": a.value,
                "evidence": {"key": a.observation.key, "params": dict(a.observation.params)},
            }
            for qid, a in sorted(self.answers.items())
        }
        data["recommendation"] = self.recommendation.to_dict() if self.recommendation else None
        data["schema_version"] = SCHEMA_VERSION
        return data
