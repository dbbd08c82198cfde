"""`bench --claims`: measure what the chapter asserts, and say whether each claim holds here.

The claims and their thresholds are data (`claims.yaml`); this module runs the measurements
(each in a fresh interpreter, see `measure.py`) and applies the verdict rules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Mapping
from typing import Any

from advisor import datafiles
from advisor.measurement import ClaimCheck, ClaimsResult, Figure
from advisor.models import Text

CLAIMS_FILE = datafiles.path(__file__, "claims.yaml")
COUNTS = (1000, 10000)

Progress = Callable[[int, int, str], None]


def _measure(name: str, arg: int, timeout: float, python: str | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter (*python*, default ours); its error
    becomes a figure's error."""
    from advisor.benchmark.interpreter import environment
    from advisor.procs import end_tree

    proc = subprocess.Popen(
        [python or sys.executable, "-m", "advisor.benchmark.measure", name, str(arg)],
        env=environment() if python else None,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        end_tree(proc.pid)
        proc.communicate()
        return {"error": f"took longer than {timeout:.0f} s"}
    finally:
        if proc.poll() is None:  # interrupted: end the measurement with us
            end_tree(proc.pid)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = [line for line in err.splitlines() if line.strip()]
        return {"error": tail[-1] if tail else f"exit code {proc.returncode}"}
    data: dict[str, Any] = json.loads(lines[-1])
    return data


def _plan(quick: bool) -> list[tuple[str, int, list[tuple[str, str, str, int]]]]:
    """(measurement, argument, [(figure id, key in its output, unit, at)])."""
    plan: list[tuple[str, int, list[tuple[str, str, str, int]]]] = []
    for n in COUNTS[:1] if quick else COUNTS:
        plan.append(
            ("threads", n, [("thread_rss", "rss", "bytes", n), ("thread_vms", "vms", "bytes", n)])
        )
        plan.append(("tasks", n, [("task_mem", "task", "bytes", n)]))
        plan.append(("coroutines", n, [("coroutine_mem", "coroutine", "bytes", n)]))
    if quick:  # the 10,000 figures the claims need, from the cheap measurements only
        plan.append(("tasks", 10000, [("task_mem", "task", "bytes", 10000)]))
        plan.append(("coroutines", 10000, [("coroutine_mem", "coroutine", "bytes", 10000)]))
    plan.append(
        (
            "startup",
            3 if quick else 10,
            [
                ("start_thread", "thread", "seconds", 0),
                ("start_fork", "fork", "seconds", 0),
                ("start_forkserver", "forkserver", "seconds", 0),
                ("start_spawn", "spawn", "seconds", 0),
            ],
        )
    )
    plan.append(
        (
            "speedup",
            100 if quick else 200,
            [
                ("speedup_threads", "threads", "ratio", 0),
                ("speedup_processes", "processes", "ratio", 0),
            ],
        )
    )
    plan.append(
        (
            "handoff",
            2000 if quick else 20000,
            [("handoff_thread", "thread", "seconds", 0), ("handoff_task", "task", "seconds", 0)],
        )
    )
    return plan


def measure(
    *, quick: bool = False, progress: Progress | None = None, python: str | None = None
) -> tuple[Figure, ...]:
    figures: list[Figure] = []
    plan = _plan(quick)
    for index, (name, arg, wanted) in enumerate(plan, 1):
        if progress:
            progress(index, len(plan), f"{name} {arg}")
        data = _measure(name, arg, timeout=120, python=python)
        for fid, key, unit, at in wanted:
            value = data.get(key)
            error = data.get("error") if value is None else None
            if value is None and error is None:
                error = "not available on this platform"
            figures.append(Figure(fid, None if value is None else float(value), unit, at, error))
    return tuple(figures)


def figure_key(figure: Figure) -> str:
    return f"{figure.id}@{figure.at}" if figure.at else figure.id


def verdict(check: Mapping[str, Any], figures: Mapping[str, Figure]) -> str:
    """holds | virtual_only | does_not_hold | not_measured, by the claim's rule."""
    rule = check["rule"]

    def value(ref: str) -> float | None:
        figure = figures.get(ref)
        return figure.value if figure else None

    if rule == "fails":
        figure = figures.get(check["figure"])
        if figure is None:
            return "not_measured"
        return "holds" if figure.value is None else "does_not_hold"
    if rule == "memory":
        resident, virtual = value(check["resident"]), value(check["virtual"])
        if resident is None:
            return "not_measured"
        floor = check["claimed"] * check["fraction"]
        if resident >= floor:
            return "holds"
        return "virtual_only" if virtual is not None and virtual >= floor else "does_not_hold"
    if rule == "ratio_at_least":
        top, bottom = value(check["of"]), value(check["to"])
        if top is None or not bottom:
            return "not_measured"
        return "holds" if top / bottom >= check["limit"] else "does_not_hold"
    figure_value = value(check["figure"])
    if figure_value is None:
        return "not_measured"
    if rule == "total_at_most":
        return "holds" if figure_value * check["count"] <= check["limit"] else "does_not_hold"
    if rule == "at_most":
        return "holds" if figure_value <= check["limit"] else "does_not_hold"
    if rule == "at_least":
        return "holds" if figure_value >= check["limit"] else "does_not_hold"
    raise ValueError(f"unknown verdict rule {rule!r} in {CLAIMS_FILE}")


def load_claims() -> list[Mapping[str, Any]]:
    data: Mapping[str, Any] = datafiles.load(__file__, "claims.yaml")
    claims: list[Mapping[str, Any]] = data["claims"]
    return claims


def check_claims(figures: tuple[Figure, ...]) -> tuple[ClaimCheck, ...]:
    by_key = {figure_key(f): f for f in figures}
    return tuple(
        ClaimCheck(
            id=claim["id"],
            text=Text(dict(claim["quote"])),
            figures=tuple(claim["figures"]),
            verdict=verdict(claim["check"], by_key),
        )
        for claim in load_claims()
    )


def run_claims(
    *, quick: bool = False, progress: Progress | None = None, python: str | None = None
) -> ClaimsResult:
    """The claims measured on this interpreter, or on *python* (`bench --claims --python`),
    which the machine line then names."""
    from advisor.benchmark.runner import machine

    other = None
    if python:
        from advisor.benchmark.interpreter import describe

        other = describe(python)
    figures = measure(quick=quick, progress=progress, python=python)
    return ClaimsResult(machine=machine(other), figures=figures, claims=check_claims(figures))
