"""The classes of missed real bugs fixed on f-recall17, through the installed CLI, in a
subprocess, on copies of their fixtures (positive and negative twins)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _found(tmp_path: Path, fixture: str) -> tuple[int, set[tuple[str, int, str]]]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    result = run_advisor("scan", ".", "--format", "json", "--isolated", "--no-cache", cwd=project)
    assert result.code in (0, 1), result.err
    findings = json.loads(result.out)["findings"]
    return result.code, {(Path(f["path"]).as_posix(), f["line"], f["code"]) for f in findings}


def test_coordinator_method_of_a_home_assistant_entity_is_awaited(tmp_path: Path) -> None:
    """`self.coordinator.set_data(...)` in an entity whose base class (another module)
    derives from Home Assistant's CoordinatorEntity, `set_data` async in every coordinator of
    the integration (stiebel_eltron_isg_component#269): ADV102 at both calls, exit 1."""
    code, found = _found(tmp_path, "ADV102_framework_attributes")
    assert code == 1
    assert found == {
        ("custom_components/heatpump/select.py", 9, "ADV102"),
        ("custom_components/heatpump/select.py", 15, "ADV102"),
    }


def test_coordinator_method_sync_somewhere_or_the_frameworks_is_quiet(tmp_path: Path) -> None:
    """The negative twin: a plain `set_data` in one coordinator, the framework's own callback,
    an attribute no framework sets, awaited or handed-on calls, a plain class: nothing."""
    code, found = _found(tmp_path, "negative_framework_attributes")
    assert (code, found) == (0, set())


def test_process_pool_one_file_away_from_an_unguarded_script(tmp_path: Path) -> None:
    """A script's module-level `library.fingerprint_directory(...)` on an instance of the
    package's class whose method opens a pool (dejavu#74), and `songs.grid_search(...)`, a
    package re-export two calls above a ProcessPoolExecutor (AMICAL#64): ADV108 at both."""
    code, found = _found(tmp_path, "ADV108_one_file_away")
    assert code == 1
    assert found == {("example.py", 11, "ADV108"), ("example.py", 14, "ADV108")}


def test_process_pool_one_file_away_guarded_or_in_functions_is_quiet(tmp_path: Path) -> None:
    """The negative twin: the same calls under the main guard, inside a function, on another
    class's object, through a decorated method, or suppressed: nothing."""
    code, found = _found(tmp_path, "negative_ADV108_one_file_away")
    assert (code, found) == (0, set())


def test_blocking_property_of_a_module_level_instance_one_module_away(tmp_path: Path) -> None:
    """`catalog.cases` in a coroutine, `catalog = Catalog(...)` at module level with the class
    from another module, whose property reads a `StrictRedis.from_url` cache or opens a file
    (vitimas-da-intolerancia#2): ADV101 at both reads."""
    code, found = _found(tmp_path, "ADV101_property_one_module_away")
    assert code == 1
    assert found == {("shop/views.py", 7, "ADV101"), ("shop/views.py", 11, "ADV101")}


def test_method_handed_on_or_harmless_property_is_quiet(tmp_path: Path) -> None:
    """The negative twin: a bound method handed to an executor, a property that imports or
    counts in memory, a rebound name, a standard-library object: nothing."""
    code, found = _found(tmp_path, "negative_property_one_module_away")
    assert (code, found) == (0, set())


def test_streaming_body_read_on_the_loop_after_a_threaded_get_object(tmp_path: Path) -> None:
    """boto3's `get_object` run by `to_thread` (or `run_in_executor` of a `partial` bound to a
    local), then the response's `Body` read in the coroutine (mnemo-mcp 16bbb90): ADV101 at
    both reads; the negative twin (read in the thread, another item, the code's own function,
    a sync caller, aioboto3's awaited read) reports nothing."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("ADV101_threaded_streams.py", "negative_threaded_streams.py"):
        shutil.copy(FIXTURES / name, project / name)
    result = run_advisor("scan", ".", "--format", "json", "--isolated", "--no-cache", cwd=project)
    assert result.code == 1, result.err
    found = {(f["path"], f["line"], f["code"]) for f in json.loads(result.out)["findings"]}
    assert found == {
        ("ADV101_threaded_streams.py", 17, "ADV101"),
        ("ADV101_threaded_streams.py", 24, "ADV101"),
        ("ADV101_threaded_streams.py", 31, "ADV101"),  # through a lambda (review 18)
    }
    fixes = {f["line"]: f["message"] for f in json.loads(result.out)["findings"]}
    # the request already runs in a thread: the fix says to read the body there too
    assert "the read of its body" in fixes[17], fixes[17]
