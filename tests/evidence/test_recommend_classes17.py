"""Issue 19, the classes of branch f-apps15 (docs/recommend-real-world.md), from the thirteenth
development set's misses and the answers most often disagreeing across the apps manifests: our
own minimal reproductions in ``tests/fixtures/recommend_cli16``, through the installed CLI in a
subprocess, each beside its other side where it has one.

- ``slash_bot`` (after nortrom): an interactions.py client with slash commands is a bot
  framework and an async library: a service on asyncio, no question asked.
- ``source_upgrader`` (after pyupgrade): tokenize-rt's tokens of every file given, rewritten in
  Python, vote ``--cpu-bound yes``: processes over files.
- ``key_hasher`` (after isso, gallery-dl): PBKDF2 with 1,000 rounds is no heavy step
  (``--cpu-heavy-steps no``). Other side ``key_vault``: 200,000 rounds is one.
- ``console_stream`` (after streamlink): a file-like class (``write`` and ``flush``) every
  thread writes through under its lock is the output, not shared state
  (``--shared-memory no``). Other side ``tally_stream``: a class with ``write`` but no ``flush``
  whose lock guards a tally every download updates is shared state.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, run_advisor

CASES = FIXTURES / "recommend_cli16"


def scan(name: str, tmp_path: Path, *flags: str) -> tuple[int, dict[str, Any]]:
    root = tmp_path / name
    shutil.copytree(CASES / name, root)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", *flags, cwd=root)
    return result.code, json.loads(result.out) if result.out.strip() else {}


def test_an_interactions_py_bot_is_an_asyncio_service(tmp_path: Path) -> None:
    code, data = scan("slash_bot", tmp_path)
    assert code == 0, data
    evidence = data["evidence"]
    assert evidence["program"]["answer"] == "service", evidence["program"]
    assert evidence["async_libs"]["answer"] is True, evidence["async_libs"]
    assert data["model"] == "asyncio", data["leaf"]


def test_tokenize_rt_over_every_file_is_cpu_bound(tmp_path: Path) -> None:
    code, data = scan("source_upgrader", tmp_path)
    assert code == 0, data
    assert data["evidence"]["cpu_bound"]["answer"] is True, data["evidence"]["cpu_bound"]
    assert data["model"] == "multiprocessing", data["leaf"]


def test_a_key_derivation_of_few_rounds_is_no_heavy_step(tmp_path: Path) -> None:
    code, data = scan("key_hasher", tmp_path)
    assert code == 0, data
    heavy = data["evidence"]["cpu_heavy_steps"]
    assert heavy["answer"] is False, heavy
    assert data["leaf"] == "threading_blocking", data["leaf"]


def test_a_key_derivation_of_many_rounds_is_a_heavy_step(tmp_path: Path) -> None:
    _, data = scan("key_vault", tmp_path, "--cpu-bound", "no")
    heavy = data["evidence"]["cpu_heavy_steps"]
    assert heavy["answer"] is True, heavy


def test_a_file_like_output_stream_is_not_shared_state(tmp_path: Path) -> None:
    code, data = scan("console_stream", tmp_path)
    assert code == 0, data
    shared = data["evidence"]["shared_memory"]
    assert shared["answer"] is False, shared
    assert data["leaf"] == "threading_blocking", data["leaf"]


def test_a_lock_guarded_tally_is_shared_state(tmp_path: Path) -> None:
    _, data = scan("tally_stream", tmp_path)
    shared = data["evidence"]["shared_memory"]
    assert shared["answer"] is True, shared
