"""Figures in, answers with evidence out; each answer says what was measured, in words.

Thresholds live in `thresholds.yaml`. Where a figure falls between two thresholds no answer
is given: `--recommend` then asks (on a terminal) or names the missing flag.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from advisor import datafiles
from advisor.measurement import BlockingSite, GilState, MeasuredAnswer, Observation, ProbeSummary
from advisor.profiler.sampler import Sampled
from advisor.texts import plural

THRESHOLDS_FILE = datafiles.path(__file__, "thresholds.yaml")


@lru_cache(maxsize=1)
def thresholds() -> Mapping[str, float]:
    data: Mapping[str, float] = datafiles.load(__file__, "thresholds.yaml")
    return data


def _num(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}"


@lru_cache(maxsize=1)
def _blocking_fixes() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """scan's blocking-call table as {call: fix} and {method: fix} (methods of one fix only).

    A method that a standard-library object and third-party ones share (`recv`: sockets, and
    websocket-client's connections, which block on a socket beneath) takes the standard
    library's fix: a profile sees only the call's text, and the library's own fix is named
    when its module is in the call."""
    import sys

    from advisor.lint._data import bundle

    calls: Mapping[str, Mapping[str, Any]] = bundle()["blocking"]["calls"]
    exact = {name: str(entry["fix"]) for name, entry in calls.items() if "()" not in name}
    methods: dict[str, set[str]] = {}
    stdlib: dict[str, set[str]] = {}
    for name, entry in calls.items():
        if "()." in name:
            method = name.rsplit(".", 1)[1]
            methods.setdefault(method, set()).add(str(entry["fix"]))
            if name.split(".", 1)[0] in sys.stdlib_module_names:
                stdlib.setdefault(method, set()).add(str(entry["fix"]))
    unique = {}
    for method, fixes in methods.items():
        if method in _GENERIC:
            continue
        if len(fixes) == 1 or len(stdlib.get(method, ())) == 1:
            unique[method] = next(iter(fixes if len(fixes) == 1 else stdlib[method]))
    return exact, unique


# Method names too common to say anything about the object they are called on.
_GENERIC = frozenset({"get", "post", "put", "send", "read", "write", "run", "close", "wait"})


def fix_for(*calls: str | None) -> str | None:
    """The blocking table's fix for the first of *calls* it knows (exact name, else a method
    only one kind of object has, such as `recv`)."""
    exact, methods = _blocking_fixes()
    for call in calls:
        if call and call in exact:
            return exact[call]
    for call in calls:
        if call and call.rsplit(".", 1)[-1] in methods:
            return methods[call.rsplit(".", 1)[-1]]
    return None


def fix_text(key: str | None, lang: str, loop: str = "asyncio") -> str:
    """The blocking table's fix in *lang* (the offload fix where the call is not in it); on
    trio, the table's trio fixes (`trio.sleep`, `trio.to_thread.run_sync`, ...)."""
    from advisor.lint._data import bundle

    table = bundle()["blocking"]
    fixes: Mapping[str, Any] = table["trio_fixes"] if loop == "trio" else table["fixes"]
    text = fixes.get(key or "offload", fixes["offload"])
    if isinstance(text, Mapping):
        return str(text.get(lang, text["en"]))
    return str(text)


def where(file: str | None, line: int) -> str:
    """`app.py:41`: relative to the current folder when under it, as given otherwise."""
    import os

    if file is None:
        return "?"
    try:
        rel = os.path.relpath(file)
    except ValueError:  # another drive (Windows)
        rel = file
    return f"{file if rel.startswith('..') else rel}:{line}"


# Fixes of scan's table that replace a standard-library call with its asyncio twin
# (`asyncio.sleep`, `create_subprocess_exec`, streams, `asyncio.Lock`, `to_thread` for files):
# the program can switch on its own, so the call says nothing about its libraries.
SWITCHABLE = frozenset(
    {
        "subprocess", "wait_process", "dns", "connect", "socket_io", "lock", "event", "queue",
        "input", "file", "listing", "zone", "import", "tls", "nested_run",
    }
)  # fmt: skip
# Fixes that mean a client library or driver (requests, psycopg, sqlite3, ...).
LIBRARY_FIXES = frozenset({"http", "sqlite", "postgres", "mysql"})


def _installed(path: str | None) -> bool:
    """A file of an installed package (the probe's own test for the user's code)."""
    return path is not None and ("site-packages" in path or "dist-packages" in path)


def loop_callback(site: BlockingSite) -> bool:
    """The loop blocked in a callback it ran itself (`call_soon(time.sleep, 1)`): no frame of
    the user's, the innermost one asyncio's `Handle._run`, the callback's name as the call."""
    return (
        site.file is None
        and site.blocked_function == "_run"
        and bool(site.blocked_call)
        and os.path.basename(site.blocked_file or "") == "events.py"
    )


def merge_sites(reports: list[Mapping[str, Any]]) -> tuple[BlockingSite, ...]:
    """The blocking sites of every process, one per place, most total blocking first."""
    merged: dict[tuple[Any, ...], list[Any]] = {}
    for report in reports:
        for site in report.get("blocking", {}).get("sites", []):
            inner = site.get("blocked_in") or {}
            key = (
                site["file"], int(site["line"]), site["function"], site["call"] or None,
                inner.get("file"), int(inner.get("line") or 0), inner.get("function"),
                inner.get("call") or None, str(site.get("loop") or "asyncio"),
            )  # fmt: skip
            entry = merged.setdefault(key, [0, 0.0, 0.0, 0])
            entry[0] += int(site["episodes"])
            entry[1] += float(site["total_s"])
            entry[2] = max(entry[2], float(site["worst_s"]))
            entry[3] += int(site["samples"])
    return tuple(
        BlockingSite._make(
            (
                *key[:8],
                e[0],
                e[1],
                e[2],
                e[3],
                "ADV101",
                fix_for(key[3]) if key[0] is not None else fix_for(key[7]),
                key[8],
            )
        )
        for key, e in sorted(merged.items(), key=lambda item: (-item[1][1], str(item[0])))
    )


def merge_gil(reports: list[Mapping[str, Any]]) -> GilState | None:
    """Whether the GIL stayed off in a free-threaded run; None where the probe did not say."""
    states = [r["gil_state"] for r in reports if isinstance(r.get("gil_state"), Mapping)]
    if not states:
        return None
    warnings: list[str] = []
    for state in states:
        warnings += [str(w) for w in state.get("warnings", []) if str(w) not in warnings]
    return GilState(
        free_threaded=any(bool(s.get("free_threaded")) for s in states),
        enabled_at_end=any(bool(s.get("enabled", True)) for s in states),
        warnings=tuple(warnings),
        version=next((str(s["version"]) for s in states if s.get("version")), ""),
    )


def merge_probes(reports: list[Mapping[str, Any]]) -> ProbeSummary | None:
    """One summary over every Python process that reported: the worst figure of any."""
    if not reports:
        return None
    histograms = [r["blocking"]["histogram"] for r in reports if "blocking" in r]
    edges = tuple(int(e) for e in histograms[0]["edges_ms"]) if histograms else ()
    counts = tuple(
        sum(int(h["counts"][i]) for h in histograms if len(h["counts"]) == len(edges) + 1)
        for i in range(len(edges) + 1)
    ) if histograms else ()  # fmt: skip
    return ProbeSummary(
        processes=len(reports),
        gil_samples=sum(int(r["gil"]["count"]) for r in reports),
        gil_late_p50_ms=max(float(r["gil"]["p50"]) for r in reports) * 1000,
        gil_late_p95_ms=max(float(r["gil"]["p95"]) for r in reports) * 1000,
        loop_ran=any(bool(r["loop_ran"]) for r in reports),
        loop_lag_p95_ms=max(float(r["loop_lag"]["p95"]) for r in reports) * 1000,
        loop_lag_max_ms=max(float(r["loop_lag"]["max"]) for r in reports) * 1000,
        peak_tasks=max(max(int(r["peak_tasks"]) - 1, 0) for r in reports),
        peak_threads=max(int(r["peak_threads"]) for r in reports),
        block_ms=max(
            (float(r["blocking"]["block_ms"]) for r in reports if "blocking" in r), default=100.0
        ),
        blocked_s=sum(float(r["blocking"]["blocked_s"]) for r in reports if "blocking" in r),
        unblamed=sum(int(r["blocking"].get("unblamed", 0)) for r in reports if "blocking" in r),
        lag_edges_ms=edges,
        lag_counts=counts,
        sites=merge_sites(reports),
        gil=merge_gil(reports),
        peak_rss=max(int(r.get("peak_rss", 0) or 0) for r in reports),
        loops=tuple(
            sorted({str(k) for r in reports for k in r.get("blocking", {}).get("loops", [])})
        ),
    )


def infer(
    sampled: Sampled, probe: ProbeSummary | None
) -> tuple[tuple[Observation, ...], dict[str, MeasuredAnswer]]:
    """What the figures say (observations) and which of the tree's questions they answer."""
    limits = thresholds()
    seen: list[Observation] = []
    answers: dict[str, MeasuredAnswer] = {}
    wall = sampled.wall_s or 1e-9
    busy = sampled.cpu_s / wall
    # Wanting a core counts as much as having one: on a loaded machine a CPU loop may get a
    # quarter of a core and spend the rest queued for it.
    demand = (sampled.cpu_s + sampled.ready_s) / wall
    params = {
        "percent": f"{busy * 100:.0f}",
        "cores": _num(busy),
        "cpu": _num(sampled.cpu_s),
        "wall": _num(sampled.wall_s),
        "ready": f"{sampled.ready_s / wall * 100:.0f}",
    }
    if sampled.wall_s < limits["min_wall_s"]:
        seen.append(Observation("profile_too_short", params))
    elif busy >= limits["cpu_bound_at"]:
        which = "profile_cpu_bound" if busy < 1.5 else "profile_cpu_bound_cores"
        answers["cpu_bound"] = MeasuredAnswer(True, Observation(which, params))
    elif demand >= limits["cpu_bound_at"]:
        answers["cpu_bound"] = MeasuredAnswer(True, Observation("profile_cpu_contended", params))
    elif demand < limits["io_bound_below"]:
        answers["cpu_bound"] = MeasuredAnswer(False, Observation("profile_io_bound", params))
    else:
        seen.append(Observation("profile_cpu_mixed", params))
    if sampled.peak_processes > 1:
        seen.append(Observation("profile_processes", {"count": str(sampled.peak_processes)}))
    if probe is None:
        return tuple(seen), answers
    gil = {"p50": _num(probe.gil_late_p50_ms), "p95": _num(probe.gil_late_p95_ms)}
    cpu_answer = answers.get("cpu_bound")
    # A probe thread that waits for a core wakes late without any thread holding the GIL:
    # when the program only looked CPU-bound for the time it was queued, say nothing of it.
    queued = sampled.ready_s / wall >= limits["queued_share_at"]
    contended = cpu_answer is not None and cpu_answer.observation.key == "profile_cpu_contended"
    if cpu_answer is not None and cpu_answer.value is True and queued and contended:
        pass  # neither GIL answer: the lateness may be the machine's run queue
    elif cpu_answer is not None and cpu_answer.value is True:
        if probe.gil_late_p50_ms >= limits["gil_held_ms"]:
            answers["native_code"] = MeasuredAnswer(False, Observation("profile_gil_held", gil))
        elif probe.gil_late_p50_ms < limits["gil_free_ms"] and sampled.peak_processes == 1:
            answers["native_code"] = MeasuredAnswer(True, Observation("profile_gil_free", gil))
    elif probe.peak_threads > 1 and probe.gil_late_p50_ms >= limits["gil_held_ms"]:
        seen.append(Observation("profile_gil_contention", gil))
    if probe.loop_ran:
        # asyncio's name unless trio alone ran (uvloop's tasks are asyncio tasks)
        kind = "trio" if probe.loops == ("trio",) else "asyncio"
        loop = {"tasks": str(probe.peak_tasks), "loop": kind}
        ran = plural("profile_loop_ran", probe.peak_tasks)
        answers["async_app"] = MeasuredAnswer(True, Observation(ran, loop))
        # A loop blocked for much of the run starts no new task meanwhile (a server accepts no
        # request): a peak of one or two is then what the block allowed, and an executor sized
        # to it serialises the work the blocking call already serialised (review 27 #1). A
        # higher peak was reached while the loop ran, so it still counts.
        blocked_share = probe.blocked_s / wall
        if (
            1 <= probe.peak_tasks <= limits["tasks_blocked_peak_at_most"]
            and blocked_share >= limits["tasks_blocked_share_at"]
        ):
            held = {**loop, "percent": f"{min(blocked_share, 1.0) * 100:.0f}"}
            seen.append(Observation(plural("profile_tasks_blocked", probe.peak_tasks), held))
        elif probe.peak_tasks >= 1:
            answers["concurrency"] = MeasuredAnswer(
                probe.peak_tasks, Observation(plural("profile_tasks", probe.peak_tasks), loop)
            )
        # said of a lag the report blames on a site, at the threshold the user chose
        lagged = probe.loop_lag_max_ms >= max(limits["loop_lag_ms"], probe.block_ms)
        if lagged and probe.sites:
            lag = {"max": f"{probe.loop_lag_max_ms:.0f}", "p95": f"{probe.loop_lag_p95_ms:.0f}"}
            seen.append(Observation("profile_loop_lag", lag))
        blamed = [site for site in probe.sites if site.file is not None]
        if blamed and blamed[0].total_s / wall >= limits["blocked_share_at"]:
            top = blamed[0]
            said = {
                "percent": f"{top.total_s / wall * 100:.0f}",
                "call": top.call or top.blocked_call or "?",
                "where": where(top.file, top.line),
                "fix": fix_text("sleep", "en", top.loop),  # code: the same in every language
            }
            if top.fix == "sleep":  # the program's own sleep: nothing to say about libraries
                seen.append(Observation("profile_blocked_sleep", said))
            elif top.fix in SWITCHABLE:  # a standard-library call with an asyncio twin
                seen.append(Observation("profile_blocked_switchable", said))
            elif top.fix in LIBRARY_FIXES or _installed(top.blocked_file):
                answers["async_libs"] = MeasuredAnswer(
                    False, Observation("profile_blocked_by", said)
                )
            else:  # computation, or a call nobody knows: no answer drawn from it
                seen.append(Observation("profile_blocked_unknown", said))
    else:
        answers["async_app"] = MeasuredAnswer(False, Observation("profile_no_loop", {}))
        if probe.peak_threads > 1:
            # The main thread starts and waits for the workers: it is not one of them (#32).
            workers = probe.peak_threads - 1
            threads = {"threads": str(workers)}
            answers["concurrency"] = MeasuredAnswer(
                workers, Observation(plural("profile_threads", workers), threads)
            )
    return tuple(seen), answers
