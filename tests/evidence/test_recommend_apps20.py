"""Issue 19, entry points on real applications (branch a-apps20): our own minimal
reproductions in ``tests/fixtures/recommend_cli_apps20``, through the installed CLI in a
subprocess, checking what the user reads.

- ``action_browser`` (after borgmatic): a backup command line's one-off actions are a run of
  ``if 'name' in arguments: ...; return``; the last (``browse``, a Textual console UI) has
  nothing after it to return before, yet it is one more action: the backups decide
  (threading), not the console UI (asyncio+executor with ``--program gui``).
  ``browser_tool``, its negative: the last ``if`` tests another subject (``options.interface
  == "tui"``, by default), so the console UI is what the program does: gui.
- ``oneshot_poller`` (after marge-bot): a polling loop whose only ``return`` is behind an
  option off by default (``if self.options.once: return``) still runs until stopped: a
  service. ``drain_poller``, its negative, returns unless ``--forever`` is given: a script.
- ``paged_fetch`` (after instalooter): a generator that loops forever and sleeps between the
  pages it fetches runs as long as its consumer pulls: a script, not a polling service (the
  negative, a polling loop that yields nothing, is ``recommend_cli_paths/polling_bot``).
- ``compat_range`` (after instalooter): ``for _ in six.moves.range(self.jobs)`` starting
  download threads, ``jobs=8`` by default, bounds the pool as ``range`` does: 8.
  ``compat_range_item``, its negative: one thread per URL (the index used), no bound.
- ``greenlet_jobs`` (after betanin): a Flask service on gevent whose import job is a greenlet
  (``gevent.spawn(loop)``) recording running child processes in a module-level dict the
  handlers read: the greenlet runs concurrently and shares it (``--shared-memory`` yes).
  ``greenlet_local``, its negative: the greenlet keeps its process in a local: no.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_apps20"


def _scan(name: str, tmp_path: Path, code: int = 0) -> dict[str, Any]:
    result = recommend_in_copy(CASES / name, tmp_path)
    assert result.code == code, result.err
    data: dict[str, Any] = json.loads(result.out) if result.out else {}
    return data


def test_the_last_action_of_a_run_of_returning_ifs_is_one_action_among_them(
    tmp_path: Path,
) -> None:
    data = _scan("action_browser", tmp_path)
    assert data["model"] == "threading", data
    evidence = data["evidence"]
    assert "program" not in evidence or evidence["program"]["answer"] != "gui", evidence
    assert (evidence["async_app"]["answer"], evidence["async_app"]["status"]) == (False, "used")
    off = [e["where"] for e in data["main_path"]["not_on_main_path"]]
    assert "snapkeep/browse/app.py" in off, off


def test_a_last_if_on_another_subject_is_what_the_program_does(tmp_path: Path) -> None:
    data = _scan("browser_tool", tmp_path)
    program = data["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("gui", "used"), program


def test_a_polling_loop_an_option_makes_one_shot_is_still_a_service(tmp_path: Path) -> None:
    program = _scan("oneshot_poller", tmp_path)["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("service", "used"), program
    assert program["evidence"][0]["file"] == "syncbot/bot.py", program


def test_a_polling_loop_that_returns_by_default_is_a_script(tmp_path: Path) -> None:
    program = _scan("drain_poller", tmp_path)["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("script", "used"), program


def test_a_generator_that_sleeps_between_pages_is_no_polling_service(tmp_path: Path) -> None:
    program = _scan("paged_fetch", tmp_path)["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("script", "used"), program
    assert not any(e["value"] == "service" for e in program["evidence"]), program


def test_threads_started_over_a_compat_range_bound_the_pool(tmp_path: Path) -> None:
    concurrency = _scan("compat_range", tmp_path)["evidence"]["concurrency"]
    assert (concurrency["answer"], concurrency["status"]) == (8, "used"), concurrency
    assert concurrency["evidence"][0]["file"] == "grabber/looter.py", concurrency


def test_a_thread_per_item_over_a_compat_range_bounds_nothing(tmp_path: Path) -> None:
    assert "concurrency" not in _scan("compat_range_item", tmp_path)["evidence"]


def test_a_greenlet_is_a_concurrent_function(tmp_path: Path) -> None:
    shared = _scan("greenlet_jobs", tmp_path)["evidence"]["shared_memory"]
    assert (shared["answer"], shared["status"]) == (True, "used"), shared
    assert shared["evidence"][0]["file"] == "tagger/jobs.py", shared


def test_a_greenlet_that_keeps_its_state_local_shares_nothing(tmp_path: Path) -> None:
    shared = _scan("greenlet_local", tmp_path)["evidence"]["shared_memory"]
    assert (shared["answer"], shared["status"]) == (False, "used"), shared
    assert "_loop" in shared["evidence"][0]["reason"], shared
