"""Issue 19, the classes of branch f-apps14 (docs/recommend-real-world.md), from the twelfth
held-back set's misses: our own minimal reproductions in ``tests/fixtures/recommend_cli15``,
through the installed CLI in a subprocess, each beside its other side.

- ``zone_server`` (after dnserver): a third-party library's server object, of a class named a
  server, started with ``start_thread()`` while the main thread sleeps (the local bound by the
  class's ``from_file`` constructor): a network service, its clients waited on, a blocking
  server; threading, no question asked. Other side ``zone_poller``: the same shape around a
  poller is no service.
- ``chunk_merger`` (after fastcov): ``[tool, "-v"]`` run once in a function that parses a
  version from it is a probe, context; the worker processes decide ``--cpu-bound yes``. Other
  side ``verbose_runner``: ``-v`` in a function that reads no version is the tool's work, and
  its child still waits.
- ``chunk_parser`` (after fastcov's ``gcovWorker``): a tool run in each
  ``Process(target=...)`` worker, whose output the worker parses line by line and merges in
  Python, is that worker's input: the wait on it casts no ``--cpu-bound`` vote, and the worker
  processes decide ``yes``. Other side ``chunk_runner``: a worker that only waits for its tool
  still votes "no".
- ``track_fetcher`` (after gamdl): ``main`` made synchronous by the project's own
  ``make_sync`` decorator, whose wrapper runs it with ``asyncio.run``, is the program's event
  loop (``--async-app yes``), and yt-dlp in a ``Process(target=...)`` blocks that child, not
  the loop (``--async-libs yes``). Other side ``inline_fetcher``: the same download called in
  the coroutine blocks the loop and votes "no".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli15"


def scan(name: str, tmp_path: Path, *flags: str) -> tuple[int, dict[str, Any]]:
    result = recommend_in_copy(CASES / name, tmp_path, *flags)
    return result.code, json.loads(result.out) if result.out.strip() else {}


def test_a_library_server_object_started_and_kept_alive_is_a_threaded_service(
    tmp_path: Path,
) -> None:
    code, data = scan("zone_server", tmp_path)
    assert code == 0, data
    evidence = data["evidence"]
    assert evidence["program"]["answer"] == "service", evidence["program"]
    assert evidence["cpu_bound"]["answer"] is False, evidence["cpu_bound"]
    assert evidence["async_libs"]["answer"] is False, evidence["async_libs"]
    assert data["model"] == "threading", data["leaf"]


def test_a_poller_object_started_the_same_way_is_no_server(tmp_path: Path) -> None:
    _, data = scan("zone_poller", tmp_path, "--cpu-bound", "no")
    program = data["evidence"].get("program", {})
    assert program.get("answer") != "service", program


def test_a_dash_v_child_read_for_its_version_is_a_probe(tmp_path: Path) -> None:
    code, data = scan("chunk_merger", tmp_path)
    assert code == 0, data
    assert data["evidence"]["cpu_bound"]["answer"] is True, data["evidence"]["cpu_bound"]
    assert any("only to ask for its version" in c["reason"] for c in data["context"])
    cited = data["evidence"]["cpu_bound"].get("conflicting", [])
    assert not any(e["line"] in {19, 20, 21} for e in cited), cited


def test_a_dash_v_child_that_does_the_work_still_waits(tmp_path: Path) -> None:
    code, data = scan("verbose_runner", tmp_path)
    assert code == 0, data
    assert data["evidence"]["cpu_bound"]["answer"] is False, data["evidence"]["cpu_bound"]
    assert not any("only to ask for its version" in c["reason"] for c in data["context"])


def test_a_coroutine_run_by_its_decorator_with_a_tool_in_a_child_process(
    tmp_path: Path,
) -> None:
    code, data = scan("track_fetcher", tmp_path, "--concurrency", "1")
    assert code == 0, data
    evidence = data["evidence"]
    assert evidence["async_app"]["answer"] is True, evidence["async_app"]
    assert evidence["async_libs"]["answer"] is True, evidence["async_libs"]
    assert any("child process of its own" in c["reason"] for c in data["context"])
    assert data["model"] == "asyncio", data["leaf"]


def test_the_same_tool_called_in_the_coroutine_blocks_the_loop(tmp_path: Path) -> None:
    _, data = scan("inline_fetcher", tmp_path, "--concurrency", "1")
    assert data["evidence"]["async_libs"]["answer"] is False, data["evidence"]["async_libs"]


def test_a_tool_whose_output_a_worker_process_parses_is_that_workers_input(
    tmp_path: Path,
) -> None:
    code, data = scan("chunk_parser", tmp_path)
    assert code == 0, data
    assert data["evidence"]["cpu_bound"]["answer"] is True, data["evidence"]["cpu_bound"]
    assert data["model"] == "multiprocessing", data["leaf"]
    assert any("parses its output there" in c["reason"] for c in data["context"])


def test_a_tool_a_worker_process_only_waits_for_still_votes(tmp_path: Path) -> None:
    _, data = scan("chunk_runner", tmp_path, "--cpu-bound", "yes")
    cpu_bound = data["evidence"]["cpu_bound"]
    cited = [*cpu_bound.get("evidence", []), *cpu_bound.get("conflicting", [])]
    assert any(e["value"] is False and "child process" in e["reason"] for e in cited), cpu_bound
