"""Another interpreter to race the models on: `advisor bench --python PATH`.

The worker (`advisor.benchmark.worker`) and the claims' measurements
(`advisor.benchmark.measure`) import only the standard library and advisor's own bench
modules, so any CPython 3.11+ can run them with advisor's package on its PYTHONPATH;
nothing is installed into that interpreter. What depends on the interpreter is asked of it:
its version, whether its GIL is enabled (a free-threaded build), which lanes it can run
(`InterpreterPoolExecutor` on 3.14), and the CPU loop calibrated at its own speed.

It is asked in two steps. First a line that any Python (2.7 too) can run says what it is, so
a Python that is too old is told so in words, not with the TypeError its import of advisor
would raise; only then does it import advisor's modules.
"""

from __future__ import annotations

import atexit
import errno
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from advisor.errors import UsageError

#: The oldest Python the worker runs on: advisor's own requires-python.
MINIMUM = (3, 11)
#: The Python that has `concurrent.futures.InterpreterPoolExecutor`.
INTERPRETERS_FROM = (3, 14)

# Runs on any Python: no f-strings, no print function needed.
_VERSION = (
    "import sys, platform; "
    "sys.stdout.write('%d.%d.%d %s\\n' % (sys.version_info[0], sys.version_info[1], "
    "sys.version_info[2], platform.python_implementation()))"
)

_DESCRIBE = """
import json, multiprocessing, platform, sys
from advisor.benchmark import variants as v
from advisor.benchmark.workloads import calibrate_cpu, calibrate_native
cpu_ms, native = float(sys.argv[1]), sys.argv[2] == "1"
print(json.dumps({
    "python": f"{platform.python_version()} ({platform.python_implementation()})",
    "executable": sys.executable,
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

    path: str  # as the user gave it (--python python3.13)
    python: str  # "3.13.0 (CPython)"
    gil: bool
    variants: tuple[str, ...]
    shared_variants: tuple[str, ...]  # the lanes that can share state
    start_method: str
    cpu_loops: int  # for the cpu_ms asked, at this interpreter's speed
    native_blocks: int
    executable: str = ""  # its sys.executable: what the machine line names

    @property
    def version(self) -> tuple[int, ...]:
        return version_tuple(self.python)


def version_tuple(python: str) -> tuple[int, ...]:
    """ "3.13.0 (CPython)" -> (3, 13, 0)."""
    head = python.split(maxsplit=1)[0] if python.strip() else ""
    parts: list[int] = []
    for piece in head.split("."):
        digits = re.match(r"\d+", piece)  # "0rc1" is 0
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


@lru_cache(maxsize=1)
def _package_path() -> str:
    """A folder holding advisor's package and nothing else, for the other interpreter's
    PYTHONPATH. advisor's own parent folder is site-packages when advisor is installed:
    on PYTHONPATH it would put this interpreter's libraries (built for it) in front of the
    other's, and a backport named like a standard module (asyncio, enum) in front of its
    standard library."""
    here = os.path.abspath(__file__)  # <parent>/advisor/benchmark/interpreter.py
    package = os.path.dirname(os.path.dirname(here))
    folder = tempfile.mkdtemp(prefix="advisor-python-")
    try:
        os.symlink(package, os.path.join(folder, "advisor"))
    except OSError:  # no symlinks here (Windows without the privilege): the parent, as before
        shutil.rmtree(folder, ignore_errors=True)
        return os.path.dirname(package)
    atexit.register(shutil.rmtree, folder, True)
    return folder


def environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """*base* (ours) with advisor's package first on PYTHONPATH, so the worker imports."""
    env = dict(os.environ if base is None else base)
    root = _package_path()
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
        executable=str(data.get("executable") or path),
    )


def _minimum() -> str:
    return ".".join(map(str, MINIMUM))


def _refuse(path: str, problem: str, *, key: str, **params: str) -> UsageError:
    """One line: what is wrong with --python PATH, and what to give instead."""
    return UsageError(
        f"--python {path}: {problem}; give the path of a Python {_minimum()} or newer",
        key=key,
        path=path,
        minimum=_minimum(),
        **params,
    )


def _first_line(text: str) -> str:
    """The first non-blank line of an error output, trimmed: a launcher's (pyenv's "command
    not found") comes first, and the last line of a wrapped paragraph says nothing."""
    for raw in text.splitlines():
        if raw.strip():
            line = " ".join(raw.split())
            return line if len(line) <= 120 else line[:117] + "..."
    return ""


def _run(path: str, argv: list[str], *, timeout: float) -> subprocess.CompletedProcess[str]:
    if os.path.isdir(path):
        raise _refuse(path, "it is a folder, not a Python", key="bench_python_folder")
    try:
        return subprocess.run(
            [path, *argv],
            capture_output=True,
            text=True,
            env=environment(),
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise _refuse(path, "no such program", key="bench_python_missing") from None
    except PermissionError:
        raise _refuse(path, "it is not executable", key="bench_python_not_executable") from None
    except subprocess.TimeoutExpired:
        seconds = f"{timeout:g}"
        raise _refuse(
            path,
            f"it did not answer within {seconds} s",
            key="bench_python_timeout",
            seconds=seconds,
        ) from None
    except OSError as exc:
        reason = exc.strerror or errno.errorcode.get(exc.errno or 0, str(exc))
        raise _refuse(
            path, f"cannot run it ({reason})", key="bench_python", reason=str(reason)
        ) from None


def check_version(path: str, output: str, stderr: str, code: int) -> str:
    """The version line's answer -> "3.13.0 (CPython)", or the one-line refusal (pure)."""
    words = output.split()
    if code != 0 or len(words) < 2 or not words[0][:1].isdigit():
        said = _first_line(stderr) or _first_line(output) or f"exit code {code}"
        raise _refuse(
            path, f"it does not run as Python ({said})", key="bench_python_not_python", reason=said
        )
    python = f"{words[0]} ({words[1]})"
    if version_tuple(python)[:2] < MINIMUM:
        raise _refuse(
            path,
            f"it is Python {words[0]}, older than {_minimum()}",
            key="bench_python_old",
            version=words[0],
        )
    return python


def describe(path: str, *, cpu_ms: float = 0.0, native: bool = False) -> Interpreter:
    """Ask the interpreter at *path*; a clear one-line error if it cannot run the worker."""
    first = _run(path, ["-c", _VERSION], timeout=60)
    check_version(path, first.stdout, first.stderr, first.returncode)
    proc = _run(path, ["-c", _DESCRIBE, repr(float(cpu_ms)), "1" if native else "0"], timeout=120)
    if proc.returncode == 0:
        try:
            return parse(proc.stdout, path)
        except (ValueError, KeyError, IndexError):
            pass
    lines = [line.strip() for line in proc.stderr.splitlines() if line.strip()]
    reason = lines[-1] if lines else f"exit code {proc.returncode}"  # a traceback's last line
    raise _refuse(
        path, f"cannot run advisor's worker ({reason})", key="bench_python_worker", reason=reason
    )


def interpreters_refusal(models: str, python: str, *, shared_state: bool) -> UsageError:
    """--models interpreters where it cannot run: the Python is too old, or state is shared."""
    if shared_state and version_tuple(python)[:2] >= INTERPRETERS_FROM:
        return UsageError(
            f"--models {models}: interpreters share no Python objects, so they cannot race "
            "with --shared-memory yes; leave interpreters out or answer --shared-memory no",
            key="bench_interpreters_shared",
            value=models,
        )
    need = ".".join(map(str, INTERPRETERS_FROM))
    return UsageError(
        f"--models {models}: interpreters (InterpreterPoolExecutor) need Python {need} or "
        f"newer, and the models would race on Python {python}; give --python the path of a "
        f"Python {need}, or leave interpreters out",
        key="bench_interpreters_version",
        value=models,
        need=need,
        python=python,
    )
