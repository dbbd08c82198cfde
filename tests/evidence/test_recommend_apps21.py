"""Issue 19, `scan --recommend` on real applications (branch a-apps21): our own minimal
reproductions in ``tests/fixtures/recommend_cli_apps21``, through the installed CLI in a
subprocess, checking what the user reads.

- ``kernel_relay`` (after jupyter-kernel-gateway): the declared script is a module-level alias
  of a traitlets application's inherited classmethod (``launch_instance =
  RelayApp.launch_instance``), so the application's own methods (where the Tornado server is
  built) are on the main path; its handlers and kernel manager subclass jupyter_server's and
  jupyter_client's async classes, which vote ``--async-libs yes`` beside Tornado and outweigh
  a start-up ``requests.get``: asyncio, without a terminal.
- ``blocking_kernels``, the table's negative: jupyter_client's blocking ``KernelManager`` in a
  batch script is a blocking library: ``--async-libs no``, threading.
- ``method_alias``, the alias's negative: ``main = Sizer.main`` runs that method only; the
  class's heavy method nothing calls stays off the main path.
- ``daily_import`` (after cyclomonitor): a py-cord bot on aiohttp and aiofiles whose daily task
  (``@tasks.loop(time=midnight)``) awaits an update that imports into SQLite with ``sqlite3``
  in a coroutine: a step the loop stops for once a day, said as context, not a vote: asyncio
  without a terminal. ``frequent_import``, its negative: the same import every thirty seconds
  still votes ``--async-libs no`` (undecided: exit 2).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_apps21"


def _scan(name: str, tmp_path: Path, code: int = 0) -> dict[str, Any]:
    result = recommend_in_copy(CASES / name, tmp_path)
    assert result.code == code, result.err
    data: dict[str, Any] = json.loads(result.out) if result.out else {}
    return data


def test_a_script_aliasing_an_app_classmethod_reaches_the_app_and_jupyter_is_async(
    tmp_path: Path,
) -> None:
    data = _scan("kernel_relay", tmp_path)
    assert data["model"] == "asyncio", data
    libs = data["evidence"]["async_libs"]
    assert (libs["answer"], libs["status"]) == (True, "used"), libs
    reasons = " ".join(e["reason"] for e in libs["evidence"])
    assert "jupyter_server is async" in reasons, reasons
    assert "Tornado is async" in reasons, reasons
    assert data["evidence"]["program"]["answer"] == "service", data["evidence"]["program"]


def test_jupyter_clients_blocking_manager_is_a_blocking_library(tmp_path: Path) -> None:
    data = _scan("blocking_kernels", tmp_path)
    assert data["model"] == "threading", data
    libs = data["evidence"]["async_libs"]
    assert (libs["answer"], libs["status"]) == (False, "used"), libs
    assert any("jupyter_client blocks" in e["reason"] for e in libs["evidence"]), libs


def test_an_alias_of_one_method_reaches_that_method_only(tmp_path: Path) -> None:
    data = _scan("method_alias", tmp_path)
    assert data["model"] == "threading", data
    off = [e["where"] for e in data["main_path"]["not_on_main_path"]]
    assert "sizer/tool.py: Sizer.grid()" in off, off
    assert data["evidence"]["cpu_bound"]["answer"] is False, data["evidence"]["cpu_bound"]


def test_a_blocking_step_of_a_daily_task_does_not_answer_async_libs(tmp_path: Path) -> None:
    data = _scan("daily_import", tmp_path)
    assert data["model"] == "asyncio", data
    libs = data["evidence"]["async_libs"]
    assert (libs["answer"], libs["status"]) == (True, "used"), libs
    assert not any(e["value"] is False for e in libs["conflicting"]), libs
    said = [c["reason"] for c in data["context"] if "sqlite3" in c["reason"]]
    assert said, data["context"]
    assert "a scheduler runs only at a time of day" in said[0], said


def test_a_blocking_step_every_thirty_seconds_still_votes(tmp_path: Path) -> None:
    result = recommend_in_copy(CASES / "frequent_import", tmp_path)
    assert result.code == 2, result.out
    assert "--async-libs" in result.err, result.err
