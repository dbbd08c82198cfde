"""Issue 17's file-system metadata calls (ADV101) and dropped `gather` futures (ADV106), through
the installed CLI, in a subprocess, on copies of their fixtures (positive and negative twins)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _scan(tmp_path: Path, fixture: str, *flags: str) -> tuple[int, list[dict[str, object]]]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    result = run_advisor(
        "scan", ".", "--format", "json", "--isolated", "--no-cache", *flags, cwd=project
    )
    assert result.code in (0, 1), result.err
    findings: list[dict[str, object]] = json.loads(result.out)["findings"]
    return result.code, findings


def _lines(findings: list[dict[str, object]]) -> set[tuple[str, int, str]]:
    return {
        (Path(str(f["path"])).as_posix(), int(str(f["line"])), str(f["code"])) for f in findings
    }


def test_metadata_calls_in_a_serving_coroutine(tmp_path: Path) -> None:
    """`os.path.exists`, `getmtime`, an aliased `isfile`, `os.stat`, `os.access`, `Path.is_dir()`,
    `exists()` and `stat()` in coroutines of a loader that keeps serving
    (homeassistant-powercalc#4172, hass-node-red#14, HA-CustomComponentMonitor#50): ADV101 at
    each, with the async replacement in the message, exit 1. A helper of another module that
    checks a file, one call away, is not followed (measured: docs/scan-real-world.md)."""
    code, findings = _scan(tmp_path, "ADV101_path_checks")
    assert code == 1
    assert _lines(findings) == {
        ("app/profiles.py", line, "ADV101") for line in (22, 24, 28, 30, 32, 36, 38)
    }
    messages = {int(str(f["line"])): str(f["message"]) for f in findings}
    assert "`aiofiles.os.path`" in messages[22]
    assert "`aiofiles.os`" in messages[32]
    assert "`anyio.Path`" in messages[28]


def test_metadata_calls_that_stall_nobody_are_quiet(tmp_path: Path) -> None:
    """The negative twin: the same checks in `__aenter__`/`__aexit__`, `start()`, `shutdown()`,
    before the first await of the program's own `main`, handed to a thread or `aiofiles`, on
    procfs, in a plain function run in a thread, and `os.path`'s string functions (`join`,
    `basename`, `dirname`, `splitext`): nothing, exit 0."""
    code, findings = _scan(tmp_path, "negative_path_checks")
    assert (code, _lines(findings)) == (0, set())


def test_metadata_message_in_traditional_chinese(tmp_path: Path) -> None:
    """The replacement is said in the user's language too."""
    _code, findings = _scan(tmp_path, "ADV101_path_checks", "--lang", "zh-TW")
    message = next(str(f["message"]) for f in findings if f["line"] == 22)
    assert "`os.path.exists`" in message
    assert "每次檢查都是一次 `stat` 系統呼叫" in message


def test_dropped_gather_and_shield(tmp_path: Path) -> None:
    """`asyncio.gather(*tasks)` as a statement of its own in a coroutine (mmpy-bot), also
    through an alias, and `asyncio.shield(coro)` so: ADV106 saying the awaitables run but
    their exceptions are lost, with `await` as the fix; awaited, bound, kept, returned, and in
    a plain function: nothing. Exit 1."""
    code, findings = _scan(tmp_path, "ADV106_gather")
    assert code == 1
    assert _lines(findings) == {("bot/dispatch.py", line, "ADV106") for line in (19, 23, 27)}
    messages = {int(str(f["line"])): str(f["message"]) for f in findings}
    assert messages[19] == (
        "the future from `asyncio.gather(...)` is neither awaited nor kept: its awaitables run,"
        " but nothing waits for them and their exceptions are lost;"
        " write `await asyncio.gather(...)`"
    )
    assert "`await asyncio.shield(...)`" in messages[27]


def test_dropped_task_message_unchanged(tmp_path: Path) -> None:
    """A dropped `create_task` keeps its own message (the phrase table's first entry)."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "jobs.py").write_text(
        "import asyncio\n\n\nasync def tick():\n    await asyncio.sleep(1)\n\n\n"
        "async def main():\n    asyncio.create_task(tick())\n",
        encoding="utf-8",
    )
    result = run_advisor("scan", ".", "--isolated", "--no-cache", cwd=project)
    assert result.code == 1, result.err
    assert (
        "ADV106 the task from `asyncio.create_task` is not kept; store it (a set of tasks, "
        "or a TaskGroup) so it is not garbage-collected mid-run" in result.out
    )
