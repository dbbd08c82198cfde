"""Issue 19, whose event loop is it (branch b-loops): our own minimal reproductions in
``tests/fixtures/recommend_cli_b19``, through the installed CLI in a subprocess, checking what
the user reads.

- ``relay_plugin`` (after magic-wormhole-mailbox-server): a server twistd starts from a plugin
  module (``twisted/plugins/``) whose ``ServiceMaker`` names the module that builds it; no
  script is declared. The plugin is the entry point, so the Munin script beside it stays off
  the main path, and the server's autobahn protocol on Twisted's reactor is event-driven I/O:
  ``--async-libs yes``, ``--async-app no`` (not asyncio's loop), asyncio.
- ``trap_launcher`` (after cowrie): the console script only ``execvp``s twistd; the plugin's
  ``@implementer(IServiceMaker)`` class builds the server, and is an entry point too.
- ``other_plugin`` (negative): a module of ``twisted/plugins/`` that makes no service (a
  trial or an unrelated plugin) starts nothing.
- ``mirror_helper_loop`` (after devpi-server): WSGI request threads hand background fetches to
  an asyncio loop on a helper thread (``run_coroutine_threadsafe``); the ``httpx.AsyncClient``
  those coroutines use is that loop's, so the threads' blocking ``httpx.Client`` is not
  "switchable" and the program is threads, not asyncio.
- ``loop_owner`` (negative): a program that runs its own loop (``asyncio.run``) while a worker
  thread hands coroutines back to it stays asyncio.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_b19"


def _scan(name: str, tmp_path: Path, *flags: str) -> dict[str, Any]:
    result = recommend_in_copy(CASES / name, tmp_path, *flags)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def test_a_twistd_plugin_naming_its_module_is_the_entry_point(tmp_path: Path) -> None:
    data = _scan("relay_plugin", tmp_path)
    assert data["model"] == "asyncio", data
    path = data["main_path"]
    assert [e["where"] for e in path["entry_points"]] == [
        "src/twisted/plugins/relaybox_plugin.py:5"
    ]
    assert [e["where"] for e in path["not_on_main_path"]] == ["misc/munin/relay_active"]
    libs = data["evidence"]["async_libs"]
    assert (libs["answer"], libs["status"]) == (True, "used"), libs
    reasons = [e["reason"] for e in data["evidence"]["async_app"]["evidence"]]
    assert all("Twisted's reactor, an event loop that is not asyncio's" in r for r in reasons)
    assert data["evidence"]["async_app"]["answer"] is False


def test_a_launcher_of_twistd_beside_a_service_maker_class(tmp_path: Path) -> None:
    data = _scan("trap_launcher", tmp_path)
    assert data["model"] == "asyncio", data
    starts = [e["where"] for e in data["main_path"]["entry_points"]]
    assert starts == ["trap.scripts.trap:run", "src/twisted/plugins/trap_plugin.py:13"]
    cited = {e["file"] for e in data["evidence"]["async_libs"]["evidence"]}
    assert "src/trap/shell.py" in cited


def test_a_plugin_that_makes_no_service_starts_nothing(tmp_path: Path) -> None:
    flags = ("--cpu-bound", "no", "--async-libs", "no", "--concurrency", "8")
    data = _scan("other_plugin", tmp_path, *flags)
    starts = [e["where"] for e in data["main_path"]["entry_points"]]
    assert starts == ["sync_tool.cli:main"], starts
    assert data["model"] == "threading", data


def test_a_loop_on_a_helper_thread_is_that_threads_component(tmp_path: Path) -> None:
    data = _scan("mirror_helper_loop", tmp_path)
    assert data["model"] == "threading", data
    libs = data["evidence"]["async_libs"]
    assert (libs["answer"], libs["status"]) == (False, "used"), libs
    assert not any("can be switched" in e["reason"] for e in libs["evidence"]), libs
    context = [c["reason"] for c in data["context"]]
    assert any("hand coroutines to an event loop on a helper thread" in r for r in context)


def test_a_program_that_runs_its_own_loop_stays_async(tmp_path: Path) -> None:
    data = _scan("loop_owner", tmp_path)
    assert data["model"] == "asyncio", data
    assert data["evidence"]["async_libs"]["answer"] is True
