"""The classes of missed real bugs fixed on r-rest25, through the installed CLI, in a
subprocess, on copies of their fixtures (positive and negative twins)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _scan(tmp_path: Path, fixture: str) -> tuple[int, list[dict[str, object]]]:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(FIXTURES / fixture, project / fixture)
    result = run_advisor("scan", ".", "--format", "json", "--isolated", "--no-cache", cwd=project)
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)["findings"]


def test_class_attributes_read_through_the_class_name(tmp_path: Path) -> None:
    """A thread lock the class body builds, held across an await as ``with Login.LOCK:`` and
    ``with cls.LOCK:`` (whats-now-playing#770), an annotated one read through the class from a
    module function, and a requests session kept the same way: ADV101 at each, exit 1, the
    message naming the lock as written and asking for an asyncio lock."""
    code, findings = _scan(tmp_path, "ADV101_class_name_locks.py")
    assert code == 1
    assert {(f["line"], f["code"]) for f in findings} == {
        (23, "ADV101"),
        (28, "ADV101"),
        (37, "ADV101"),
        (46, "ADV101"),
    }
    first = next(f for f in findings if f["line"] == 23)
    assert "with Login.LOCK" in str(first["message"])
    assert "asyncio.Lock" in str(first["message"])


def test_class_attributes_not_stated_for_certain_are_quiet(tmp_path: Path) -> None:
    """The negative twin: an asyncio lock, a lock released before the await, one the module or a
    classmethod stores over, a name the body binds twice, a local holding the class and a class
    nested in a function: nothing, exit 0."""
    code, findings = _scan(tmp_path, "negative_class_name_locks.py")
    assert (code, findings) == (0, [])


def test_functions_the_loop_is_handed_to_call_later(tmp_path: Path) -> None:
    """Plain functions handed to ``call_later``, ``call_at``, ``call_soon_threadsafe`` and
    ``add_signal_handler`` in a coroutine, and to ``call_soon`` in a helper the coroutine calls
    (abd-vro#2484's reconnect callback sleeping on the loop): ADV101 at each call in the
    coroutine, the chain naming the scheduling call and the blocking call at its end."""
    code, findings = _scan(tmp_path, "ADV101_loop_callbacks.py")
    assert code == 1
    assert {(f["line"], f["code"]) for f in findings} == {
        (line, "ADV101") for line in (33, 34, 35, 36, 37)
    }
    later = next(f for f in findings if f["line"] == 33)
    assert "run -> call_later(reconnect) -> time.sleep()" in str(later["message"])
    helper = next(f for f in findings if f["line"] == 37)
    assert "_schedule -> call_soon(reconnect)" in str(helper["message"])


def test_functions_run_off_the_loop_or_not_blocking_are_quiet(tmp_path: Path) -> None:
    """The negative twin: a callback that only sets a flag, a reader callback reading the socket
    the loop found ready, a blocking function scheduled where
    no coroutine reaches, handed to ``run_in_executor``, or run by a thread pool's done
    callback: nothing, exit 0."""
    code, findings = _scan(tmp_path, "negative_loop_callbacks.py")
    assert (code, findings) == (0, [])
