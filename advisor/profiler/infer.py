"""Figures in, answers with evidence out; each answer says what was measured, in words.

Thresholds live in `thresholds.yaml`. Where a figure falls between two thresholds no answer
is given: `--recommend` then asks (on a terminal) or names the missing flag.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from advisor import datafiles
from advisor.measurement import MeasuredAnswer, Observation, ProbeSummary
from advisor.profiler.sampler import Sampled

THRESHOLDS_FILE = datafiles.path(__file__, "thresholds.yaml")


@lru_cache(maxsize=1)
def thresholds() -> Mapping[str, float]:
    data: Mapping[str, float] = datafiles.load(__file__, "thresholds.yaml")
    return data


def _num(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}"


def merge_probes(reports: list[Mapping[str, Any]]) -> ProbeSummary | None:
    """One summary over every Python process that reported: the worst figure of any."""
    if not reports:
        return None
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
    if cpu_answer is not None and cpu_answer.value is True:
        if probe.gil_late_p50_ms >= limits["gil_held_ms"]:
            answers["native_code"] = MeasuredAnswer(False, Observation("profile_gil_held", gil))
        elif probe.gil_late_p50_ms < limits["gil_free_ms"] and sampled.peak_processes == 1:
            answers["native_code"] = MeasuredAnswer(True, Observation("profile_gil_free", gil))
    elif probe.peak_threads > 1 and probe.gil_late_p50_ms >= limits["gil_held_ms"]:
        seen.append(Observation("profile_gil_contention", gil))
    if probe.loop_ran:
        loop = {"tasks": str(probe.peak_tasks)}
        answers["async_app"] = MeasuredAnswer(True, Observation("profile_loop_ran", loop))
        if probe.peak_tasks >= 1:
            answers["concurrency"] = MeasuredAnswer(
                probe.peak_tasks, Observation("profile_tasks", loop)
            )
        if probe.loop_lag_max_ms >= limits["loop_lag_ms"]:
            lag = {"max": f"{probe.loop_lag_max_ms:.0f}", "p95": f"{probe.loop_lag_p95_ms:.0f}"}
            seen.append(Observation("profile_loop_lag", lag))
    else:
        answers["async_app"] = MeasuredAnswer(False, Observation("profile_no_loop", {}))
        if probe.peak_threads > 1:
            threads = {"threads": str(probe.peak_threads)}
            answers["concurrency"] = MeasuredAnswer(
                probe.peak_threads, Observation("profile_threads", threads)
            )
    return tuple(seen), answers
