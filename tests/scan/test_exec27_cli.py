"""Processes, dispatch and other frameworks' coroutines (issue 17, r-exec27), through the
installed CLI in a subprocess, on copies of their own minimal fixtures: each class with its
negative twin."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan_exec27"


def _scan(tmp_path: Path, fixture: str, *args: str) -> tuple[int, list[dict[str, object]]]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    result = run_advisor(
        "scan", ".", "--format", "json", "--isolated", "--no-cache", *args, cwd=project
    )
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)["findings"]


def _lines(findings: list[dict[str, object]]) -> set[tuple[str, int, str]]:
    return {(str(f["path"]), int(str(f["line"])), str(f["code"])) for f in findings}


def test_blocking_calls_in_decorator_made_coroutines(tmp_path: Path) -> None:
    """`subprocess.run` in a Tornado `@gen.coroutine` handler (jupyterlab-latex#9),
    `requests.get` under `@tornado.gen.coroutine`, `time.sleep` under `@asyncio.coroutine`:
    ADV101 at each, the message naming the decorator, in English and Traditional Chinese."""
    code, findings = _scan(tmp_path, "loop_decorated")
    assert code == 1
    assert _lines(findings) == {
        ("handlers.py", 19, "ADV101"),
        ("handlers.py", 26, "ADV101"),
        ("handlers.py", 33, "ADV101"),
    }
    first = next(f for f in findings if f["line"] == 19)
    assert "in a `@gen.coroutine` function" in str(first["message"])
    _code, chinese = _scan(tmp_path / "zh", "loop_decorated", "--lang", "zh-TW")
    assert all("函式（在事件迴圈上執行的協程）裡" in str(f["message"]) for f in chinese)


def test_decorated_coroutines_that_wait_properly_are_quiet(tmp_path: Path) -> None:
    """The negative twin: the fix (`tornado.process.Subprocess`, yielded), a plain `def`
    nested in the handler, Twisted's `@inlineCallbacks`, an undecorated helper: exit 0."""
    assert _scan(tmp_path, "negative_loop_decorated") == (0, [])


def test_unpicklable_functions_through_another_modules_process_wrapper(tmp_path: Path) -> None:
    """A parmap-style helper of another module that sends its parameter to
    `multiprocessing.Process(..., args=(func, ...))` workers (atmospheric_correction#12),
    handed a nested def, a local bound to `functools.partial` of one, a lambda (through the
    module's name), and a nested def to a wrapper that makes it the `target`; and a nested def
    in a Process's `args` in the same file: ADV111 at each call, the wrapper named."""
    code, findings = _scan(tmp_path, "process_wrapper")
    assert code == 1
    assert _lines(findings) == {
        ("calc/parallel.py", 32, "ADV111"),
        ("calc/solver.py", 12, "ADV111"),
        ("calc/solver.py", 19, "ADV111"),
        ("calc/solver.py", 22, "ADV111"),
        ("calc/solver.py", 28, "ADV111"),
    }
    first = next(f for f in findings if f["line"] == 12)
    assert "`parmap -> multiprocessing.Process`" in str(first["message"])


def test_picklable_functions_and_thread_wrappers_are_quiet(tmp_path: Path) -> None:
    """The negative twin: a module-level function and a bound method to the same process
    wrapper, a nested def to a wrapper that starts threads or calls it in place: exit 0."""
    assert _scan(tmp_path, "negative_process_wrapper") == (0, [])


def test_fork_beside_threaded_libraries_positive(tmp_path: Path) -> None:
    """lhotse#982's shape: default `ProcessPoolExecutor` and `multiprocessing.Pool` in a file
    that imports and calls torch: ADV112 at each, naming torch and the spawn context."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "scan" / "ADV112.py", project / "extract.py")
    result = run_advisor("scan", ".", "--format", "json", "--isolated", "--no-cache", cwd=project)
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    assert {(f["line"], f["code"]) for f in findings} == {
        (20, "ADV112"),
        (21, "ADV112"),
        (23, "ADV112"),
    }
    assert all("`torch`'s threads" in str(f["message"]) for f in findings)
    assert all('get_context("spawn")' in str(f["message"]) for f in findings)


def test_fork_beside_threaded_libraries_negative(tmp_path: Path) -> None:
    """The negative twin: `set_start_method("spawn")` in the file, torch imported only inside
    a function, torch imported and never called: exit 0."""
    assert _scan(tmp_path, "negative_fork_threads") == (0, [])
