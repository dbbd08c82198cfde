"""The precision families decided on g-prec18 (issue 17, scan_packages_heldout14 and 13),
through the installed CLI, in a subprocess, on copies of their fixtures (negative and
positive twins side by side)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _found(tmp_path: Path, fixture: str) -> tuple[int, set[tuple[str, int, str]]]:
    project = tmp_path / "project"
    source = FIXTURES / fixture
    if source.is_dir():
        shutil.copytree(source, project)
    else:
        project.mkdir()
        shutil.copy(source, project / source.name)
    result = run_advisor("scan", ".", "--format", "json", "--isolated", "--no-cache", cwd=project)
    assert result.code in (0, 1), result.err
    findings = json.loads(result.out)["findings"]
    return result.code, {(Path(f["path"]).as_posix(), f["line"], f["code"]) for f in findings}


def test_an_item_of_a_builtins_result_is_no_coroutine(tmp_path: Path) -> None:
    """kr8s's ``await list(cache.values())[0]``: the builtin ``list`` (an async classmethod
    ``list`` elsewhere does not matter) is quiet; a module's own ``async def list`` is not."""
    code, found = _found(tmp_path, "ADV102_builtin_items")
    assert code == 1
    assert found == {("kube/shadowed.py", 10, "ADV102")}


def test_a_wait_with_wnohang_returns_at_once(tmp_path: Path) -> None:
    """mlserver's ``os.waitpid(-1, os.WNOHANG)`` in a coroutine never waits: quiet; the same
    wait with 0 or with flags held in a parameter is reported."""
    code, found = _found(tmp_path, "ADV101_nohang.py")
    assert code == 1
    assert found == {("ADV101_nohang.py", 24, "ADV101"), ("ADV101_nohang.py", 28, "ADV101")}


def test_a_pool_in_a_terminal_dialog_is_no_per_call_pool(tmp_path: Path) -> None:
    """meross-iot's sniffer: a coroutine asking ``input()`` at every turn of its loop runs at
    one person's pace; its pool is quiet, a handler's per-call pool is reported."""
    code, found = _found(tmp_path, "ADV109_dialog.py")
    assert code == 1
    assert found == {("ADV109_dialog.py", 23, "ADV109")}


def test_a_file_reopened_by_an_open_handles_name_is_quiet(tmp_path: Path) -> None:
    """modal's ``open(data_file.name, "rb")`` per part, with ``data_file: BinaryIO | ...``:
    quiet; a path parameter, an unannotated ``.name`` and a reopen read in place: reported."""
    code, found = _found(tmp_path, "ADV101_reopened.py")
    assert code == 1
    assert {line for _path, line, _code in found} == {21, 26, 30, 34}


def test_a_procfs_listing_is_quiet(tmp_path: Path) -> None:
    """modal's open-files check lists ``/proc/`` and ``/proc/<pid>/fd``: quiet; a folder on
    disk, a path parameter and a process's ``cwd`` link: reported."""
    code, found = _found(tmp_path, "ADV101_kernel_listings.py")
    assert code == 1
    assert {line for _path, line, _code in found} == {26, 27, 28}


def test_a_workers_imports_before_run_forever_are_start_up(tmp_path: Path) -> None:
    """pydocket's ``Worker.run`` imports its task modules, then hands ``run_forever()`` to a
    task: quiet before the start, reported after it."""
    code, found = _found(tmp_path, "ADV101_worker_start.py")
    assert code == 1
    assert found == {("ADV101_worker_start.py", 24, "ADV101")}
