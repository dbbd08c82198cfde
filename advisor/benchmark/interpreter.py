"""Another interpreter to race the models on: `advisor bench --python PATH`.

The worker (`advisor.benchmark.worker`) imports only the standard library and advisor's own
bench modules, so any CPython 3.11+ can run it with advisor's folder on its PYTHONPATH;
nothing is installed into that interpreter. What depends on the interpreter is asked of it:
its version, whether its GIL is enabled (a free-threaded build), which lanes it can run
(`InterpreterPoolExecutor` on 3.14), and the CPU loop calibrated at its own speed.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from typing import Any, NamedTuple

from advisor.errors import UsageError

_DESCRIBE = """
import json, multiprocessing, platform, sys
from advisor.benchmark import variants as v
from advisor.benchmark.workloads import calibrate_cpu, calibrate_native
cpu_ms, native = float(sys.argv[1]), sys.argv[2] == "1"
print(json.dumps({
    "python": f"{platform.python_version()} ({platform.python_implementation()})",
    "gil": v.gil_enabled(),
    "variants": list(v.available_variants(shared_state=False)),
    "shared_variants": list(v.available_variants(shared_state=True)),
    "start_method": multiprocessing.get_start_method(),
    "cpu_loops": 0 if native else calibrate_cpu(cpu_ms),
    "native_blocks": calibrate_native(cpu_ms) if native else 0,
}))
"""


class Interpreter(NamedTuple):
    """What another interpreter told us about itself."""

    path: str
    python: str  # "3.13.0 (CPython)"
    gil: bool
    variants: tuple[str, ...]
    shared_variants: tuple[str, ...]  # the lanes that can share state
    start_method: str
    cpu_loops: int  # for the cpu_ms asked, at this interpreter's speed
    native_blocks: int


def environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """*base* (ours) with advisor's folder first on PYTHONPATH, so the worker imports."""
    env = dict(os.environ if base is None else base)
    here = os.path.abspath(__file__)  # <root>/advisor/benchmark/interpreter.py
    root = os.path.dirname(os.path.dirname(os.path.dirname(here)))
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def parse(output: str, path: str) -> Interpreter:
    """The describe script's JSON line -> Interpreter (pure, for tests)."""
    data: Mapping[str, Any] = json.loads(output.strip().splitlines()[-1])
    return Interpreter(
        path=path,
        python=str(data["python"]),
        gil=bool(data["gil"]),
        variants=tuple(data["variants"]),
        shared_variants=tuple(data["shared_variants"]),
        start_method=str(data["start_method"]),
        cpu_loops=int(data["cpu_loops"]),
        native_blocks=int(data["native_blocks"]),
    )


def describe(path: str, *, cpu_ms: float = 0.0, native: bool = False) -> Interpreter:
    """Ask the interpreter at *path*; a clear one-line error if it cannot run the worker."""
    try:
        proc = subprocess.run(
            [path, "-c", _DESCRIBE, repr(float(cpu_ms)), "1" if native else "0"],
            capture_output=True,
            text=True,
            env=environment(),
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(
            f"--python {path}: cannot run it ({reason}); give the path of a Python 3.11 or newer",
            key="bench_python",
            path=path,
            reason=str(reason),
        ) from None
    if proc.returncode != 0:
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit code {proc.returncode}"
        raise UsageError(
            f"--python {path}: cannot run it ({reason}); give the path of a Python 3.11 or newer",
            key="bench_python",
            path=path,
            reason=reason,
        )
    try:
        return parse(proc.stdout, path)
    except (ValueError, KeyError, IndexError):
        raise UsageError(
            f"--python {path}: cannot run it (no answer); give the path of a Python 3.11 or newer",
            key="bench_python",
            path=path,
            reason="no answer",
        ) from None
