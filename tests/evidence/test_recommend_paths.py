"""Issue 19, the main path on real applications (branch b-paths): our own minimal
reproductions in ``tests/fixtures/recommend_cli_paths``, through the installed CLI in a
subprocess, checking what the user reads.

- ``object_script`` (after mopidy): the console script names an attribute of an object the
  module builds (``musicd._app.cli:app.meta``); the main path starts there, so the maintenance
  tool's process pool stays off it and the server decides.
- ``factory_server`` (after devpi-server): main builds the server object through a factory
  function and calls its ``main`` method, which builds the WSGI app and hands ``wsgi_run`` to a
  pool: the app is on the main path, a method nothing calls (``export_all``) is not.
- ``optional_dashboard`` (after ffmpeg-quality-metrics): a Dash dashboard served only with
  ``--dashboard`` (off by default, behind an optional extra) does not make a command-line tool a
  service; ``default_dashboard``, its negative, serves unless ``--no-dashboard``: a service.
- ``api_script`` (after jmespath): setup.py's ``scripts=["bin/q.py"]`` only calls the
  package's public API (``jsonq.search``): a library, refused with exit 2 in both languages;
  ``script_app``, its negative (after gopro-overlay), drives the package's modules: a program.
- ``polling_bot`` (after marge-bot): a console script that polls an API forever, sleeping
  between rounds, is a service; ``progress_script``, its negative, has a daemon thread's
  endless progress report and a retry loop that returns: still a script.
- ``copies_and_converts`` (after mkdocs): two low-confidence file I/O hints (``open``,
  ``shutil.copyfile``) no longer cancel the per-page Markdown conversion's medium "yes".
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy, run_advisor, user_env

CASES = FIXTURES / "recommend_cli_paths"


def _scan(name: str, tmp_path: Path, code: int = 0) -> dict[str, Any]:
    result = recommend_in_copy(CASES / name, tmp_path)
    assert result.code == code, result.err
    data: dict[str, Any] = json.loads(result.out) if result.out else {}
    return data


def _off(data: dict[str, Any]) -> list[str]:
    return [e["where"] for e in data["main_path"]["not_on_main_path"]]


def test_a_script_naming_an_attribute_of_an_object_starts_the_main_path(tmp_path: Path) -> None:
    data = _scan("object_script", tmp_path)
    assert data["model"] == "asyncio", data
    path = data["main_path"]
    assert [e["where"] for e in path["entry_points"]] == ["musicd._app.cli:app.meta"]
    assert _off(data) == ["musicd/tools/loudness.py"]
    cpu = data["evidence"]["cpu_bound"]
    assert (cpu["answer"], cpu["status"]) == (False, "used"), cpu


def test_the_main_path_goes_through_methods_of_an_object_a_factory_builds(tmp_path: Path) -> None:
    data = _scan("factory_server", tmp_path)
    assert data["model"] == "threading", data
    program = data["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("service", "used"), program
    # Only the methods called on the object run: another tool's method stays listed.
    assert _off(data) == ["pkgindex/main.py: Server.export_all()"]


def test_a_dashboard_behind_an_option_off_by_default_is_no_service(tmp_path: Path) -> None:
    data = _scan("optional_dashboard", tmp_path)
    program = data["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("script", "used"), program
    assert not any(e["value"] == "service" for e in program["evidence"]), program


def test_a_dashboard_served_by_default_keeps_the_service(tmp_path: Path) -> None:
    data = _scan("default_dashboard", tmp_path)
    program = data["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("service", "used"), program


def test_a_script_over_the_package_api_is_a_library_tool(tmp_path: Path) -> None:
    root = tmp_path / "api_script"
    shutil.copytree(CASES / "api_script", root)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 2, result.err
    assert "this looks like a library" in result.err, result.err
    assert "bin/q.py" in result.err, result.err
    assert "jsonq.search" in result.err, result.err
    result = run_advisor("scan", ".", "--recommend", cwd=root, env=user_env(tmp_path, "zh-TW"))
    assert result.code == 2, result.err
    assert "這看起來是函式庫" in result.err, result.err
    result = run_advisor("scan", ".", "--recommend", "--application", "--cpu-bound", "no", cwd=root)
    assert result.code == 0, result.err


def test_a_script_driving_the_package_modules_is_the_program(tmp_path: Path) -> None:
    data = _scan("script_app", tmp_path)
    assert data["model"] == "multiprocessing", data


def test_a_bot_that_polls_forever_is_a_service(tmp_path: Path) -> None:
    program = _scan("polling_bot", tmp_path)["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("service", "used"), program
    assert program["evidence"][0]["file"] == "mergebot/bot.py", program


def test_a_worker_heartbeat_and_a_retry_loop_leave_a_script(tmp_path: Path) -> None:
    program = _scan("progress_script", tmp_path)["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("script", "used"), program


def test_file_io_hints_alone_do_not_cancel_a_conversion(tmp_path: Path) -> None:
    data = _scan("copies_and_converts", tmp_path)
    assert data["model"] == "multiprocessing", data
    cpu = data["evidence"]["cpu_bound"]
    assert (cpu["answer"], cpu["confidence"]) == (True, "medium"), cpu
