"""Issue 19, the two questions that size the template (branch b-sizes): our own minimal
reproductions in ``tests/fixtures/recommend_cli_sizes``, through the CLI in a subprocess,
checking what the user reads. After earwigbot (lock roles), dnstwist, comic-dl and guiscrcpy
(threads a loop starts).

- ``ircbot`` (after earwigbot, apps_heldout16): the bot's component lock (taken by its start,
  stop and a read-only check), a connection's send lock around ``sendall`` and a reader
  thread's running flag are no shared memory: ``--shared-memory`` is "no" where it was "yes".
- ``crawler``, the other side: worker threads that write a dict under a lock ``close()`` also
  takes, read statistics under a lock named for them and keep the last URL still answer "yes"
  from each of those.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_sizes"


def _scan(name: str, tmp_path: Path) -> dict[str, Any]:
    result = recommend_in_copy(CASES / name, tmp_path)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def test_start_stop_and_send_locks_and_a_running_flag_are_no_shared_memory(
    tmp_path: Path,
) -> None:
    data = _scan("ircbot", tmp_path)
    shared = data["evidence"]["shared_memory"]
    assert (shared["answer"], shared["status"]) == (False, "used"), shared
    assert not [e for e in shared["evidence"] if e["value"]], shared
    assert (data["model"], data["leaf"]) == ("threading", "threading_blocking"), data


def test_a_lock_that_guards_what_workers_write_is_still_shared_memory(tmp_path: Path) -> None:
    data = _scan("crawler", tmp_path)
    shared = data["evidence"]["shared_memory"]
    assert (shared["answer"], shared["status"]) == (True, "used"), shared
    reasons = [e["reason"] for e in shared["evidence"]]
    assert any("modifies self.pages" in r and "under a lock" in r for r in reasons), reasons
    assert any("takes self.stats_lock" in r for r in reasons), reasons
    assert any("modifies self.last_url" in r for r in reasons), reasons
    assert not any("self.done" in r for r in reasons), reasons  # a stop flag


def _concurrency(data: dict[str, Any]) -> tuple[Any, str, list[str]]:
    found = data["evidence"].get("concurrency") or {}
    reasons = [e["reason"] for e in found.get("evidence") or []]
    return found.get("answer"), str(found.get("status")), reasons


def test_scanner_threads_started_by_option_count_bound_concurrency(tmp_path: Path) -> None:
    """dnstwist's shape: a Thread subclass of a file read later, `range(args.threads)`, the
    option's default a constant capped with min()."""
    answer, status, reasons = _concurrency(_scan("domainscan", tmp_path))
    assert (answer, status) == (32, "used"), reasons
    assert reasons == ["Scanner started in a loop over range(32): at most 32 at once"]


def test_threads_started_by_a_parameter_default_bound_concurrency(tmp_path: Path) -> None:
    """comic-dl's shape: `for i in range(pool_size)` with `pool_size=4`, `i` only a label."""
    answer, status, reasons = _concurrency(_scan("imagegrab", tmp_path))
    assert (answer, status) == (4, "used"), reasons


def test_a_thread_per_item_is_no_bound(tmp_path: Path) -> None:
    """guiscrcpy's shape: the loop's variable is the address or the port, not a pool."""
    data = _scan("portscan", tmp_path)
    assert data["evidence"].get("concurrency") is None, data["evidence"].get("concurrency")
