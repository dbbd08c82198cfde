"""Issue 19, the two questions that size the template (branch b-sizes): our own minimal
reproductions in ``tests/fixtures/recommend_cli_sizes``, through the CLI in a subprocess,
checking what the user reads.

- ``ircbot`` (after earwigbot, apps_heldout16): the bot's component lock (taken by its start,
  stop and a read-only check), a connection's send lock around ``sendall`` and a reader
  thread's running flag are no shared memory: ``--shared-memory`` is "no" where it was "yes".
- ``crawler``, the other side: worker threads that write a dict under a lock ``close()`` also
  takes, read statistics under a lock named for them and keep the last URL still answer "yes"
  from each of those.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, run_advisor

CASES = FIXTURES / "recommend_cli_sizes"


def _scan(name: str, tmp_path: Path) -> dict[str, Any]:
    root = tmp_path / name
    shutil.copytree(CASES / name, root)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
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
