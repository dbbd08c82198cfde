"""Issue 19, cause 3: ``--shared-memory`` from the functions that really run concurrently
(branch s-shared21). Our own minimal reproductions in ``tests/fixtures/recommend_cli_s21``,
through the installed CLI in a subprocess.

- ``alertdesk`` (after alerta-server, apps_heldout15): a request handler imports a task
  module whose top level builds the app once, and the app factory's plugin ``register`` sets
  class attributes. Import-time code runs once, not in every request: "no" where it was "yes".
- ``guildbot`` (after aho, apps_heldout10): a bot command named ``meta`` and the ``meta``
  property setters of the database entities. The command is the function its decorator
  registers, not every method of that name: "no" where it was "yes".
- ``alertcount`` and ``guildtally``, the other side: a class-level table every request updates
  and a module-level dict every command updates still answer "yes", citing that line, and
  no longer cite the one-time registration nor the setters.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_s21"


def _shared(name: str, tmp_path: Path) -> tuple[dict[str, Any], list[str]]:
    result = recommend_in_copy(CASES / name, tmp_path)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    shared = data["evidence"]["shared_memory"]
    reasons = [f"{e['file']}:{e['line']} {e['reason']}" for e in shared["evidence"]]
    return shared, reasons


def test_import_time_registration_is_not_shared_memory(tmp_path: Path) -> None:
    shared, reasons = _shared("alertdesk", tmp_path)
    assert (shared["answer"], shared["status"]) == (False, "used"), reasons
    assert not any("register" in r for r in reasons), reasons


def test_a_table_every_request_updates_is_still_shared_memory(tmp_path: Path) -> None:
    shared, reasons = _shared("alertcount", tmp_path)
    assert (shared["answer"], shared["status"]) == (True, "used"), reasons
    assert any(r.startswith("alertcount/models.py:14 ") and "seen" in r for r in reasons)
    assert not any("StateMachine.Severity" in r for r in reasons), reasons


def test_a_method_named_like_a_command_does_not_run_concurrently(tmp_path: Path) -> None:
    shared, reasons = _shared("guildbot", tmp_path)
    assert (shared["answer"], shared["status"]) == (False, "used"), reasons
    assert not any("_meta" in r for r in reasons), reasons


def test_a_dict_every_command_updates_is_still_shared_memory(tmp_path: Path) -> None:
    shared, reasons = _shared("guildtally", tmp_path)
    assert (shared["answer"], shared["status"]) == (True, "used"), reasons
    assert any(r.startswith("guildtally/bot.py:17 ") and "asked" in r for r in reasons)
    assert not any("_meta" in r for r in reasons), reasons
