"""Executors, pools and sync/async wrappers (issue 17, r-exec25), through the installed CLI in
a subprocess, on copies of their own minimal fixtures: each class with its negative twin."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan_exec25"


def _scan(tmp_path: Path, fixture: str, *args: str) -> tuple[int, list[dict[str, object]]]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    result = run_advisor(
        "scan", ".", "--format", "json", "--isolated", "--no-cache", *args, cwd=project
    )
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)["findings"]


def _lines(findings: list[dict[str, object]]) -> set[tuple[int, str]]:
    return {(int(str(f["line"])), str(f["code"])) for f in findings}


def test_sync_to_async_wrappers_left_unawaited(tmp_path: Path) -> None:
    """`sync_to_async(f)(...)` bound and tested (pulpcore#1640), `asyncify(f)(...)` as a
    statement, and plain defs under `@database_sync_to_async` / `@sync_to_async(...)` called
    bare: ADV102 at each, exit 1, the message naming the wrapper with what it wraps."""
    code, findings = _scan(tmp_path, "sync_wrappers")
    assert code == 1
    assert _lines(findings) == {(23, "ADV102"), (26, "ADV102"), (27, "ADV102"), (28, "ADV102")}
    bound = next(f for f in findings if f["line"] == 23)
    assert "await sync_to_async(count_rows)(...)" in str(bound["message"])


def test_sync_to_async_wrappers_awaited_are_quiet(tmp_path: Path) -> None:
    """The negative twin: awaited, kept then awaited, handed to a task, a cache decorator,
    `async_to_sync` in plain code: nothing, exit 0."""
    assert _scan(tmp_path, "negative_sync_wrappers") == (0, [])


def test_run_in_executor_future_dropped_in_a_coroutine(tmp_path: Path) -> None:
    """`loop.run_in_executor(...)` as a statement in a coroutine (pylabrobot#500), on a local
    loop and on `asyncio.get_running_loop()`: ADV106 at each, the message saying the work runs
    but its exception is lost, in English and in Traditional Chinese."""
    code, findings = _scan(tmp_path, "executor_future")
    assert code == 1
    assert _lines(findings) == {(14, "ADV106"), (17, "ADV106")}
    assert all("exception is lost" in str(f["message"]) for f in findings)
    _code, chinese = _scan(tmp_path / "zh", "executor_future", "--lang", "zh-TW")
    assert all("例外也會遺失" in str(f["message"]) for f in chinese)


def test_run_in_executor_futures_kept_are_quiet(tmp_path: Path) -> None:
    """The negative twin: awaited, kept in a set, returned, a class's own `run_in_executor`,
    a plain method: nothing, exit 0."""
    assert _scan(tmp_path, "negative_executor_future") == (0, [])


def test_pool_made_in_a_coroutines_with_block(tmp_path: Path) -> None:
    """A thread pool per request around `run_in_executor` and a process pool per call around
    a gathered batch (osparc-simcore#2397): ADV109 at each `with`, saying its end waits on the
    event loop's thread."""
    code, findings = _scan(tmp_path, "pool_with")
    assert code == 1
    assert _lines(findings) == {(18, "ADV109"), (24, "ADV109")}
    assert all("event loop's thread" in str(f["message"]) for f in findings)


def test_shared_pools_and_batch_functions_are_quiet(tmp_path: Path) -> None:
    """The negative twin: a module-level pool reused, the default executor, a plain batch
    function's pool, a coroutine's pool handed on: nothing, exit 0."""
    assert _scan(tmp_path, "negative_pool_with") == (0, [])


def test_unpicklable_functions_to_an_injected_process_pool(tmp_path: Path) -> None:
    """A method's local def through the class's `_map` wrapper and a lambda, both to a process
    pool injected through an annotated parameter (obsplus#158): ADV111 at each, the wrapper
    and the pool named."""
    code, findings = _scan(tmp_path, "process_targets")
    assert code == 1
    assert _lines(findings) == {(17, "ADV111"), (20, "ADV111")}
    wrapped = next(f for f in findings if f["line"] == 17)
    assert "`self._map -> self.executor`" in str(wrapped["message"])
    assert "nested function `func`" in str(wrapped["message"])


def test_picklable_functions_and_other_executors_are_quiet(tmp_path: Path) -> None:
    """The negative twin: `functools.partial` of a module-level function (the fix), a thread
    pool, an executor of no stated kind: nothing, exit 0."""
    assert _scan(tmp_path, "negative_process_targets") == (0, [])
