"""Issue 19, classes from the fourteenth held-back set (apps_heldout14, branch g-apps18): our
own minimal reproductions in ``tests/fixtures/recommend_cli_g18``, through the installed CLI in
a subprocess, checking what the user reads.

- ``task_scripts_library`` (after filelock): the maintainers' scripts in a ``tasks/`` folder
  beside the package, each behind a main guard, do not make a library a program.
- ``rtm_bot`` (after emojirades): slack_sdk's RTM client is a bot framework (its listeners run
  on its own threads until the process is stopped): a service, though the console script
  reads its command line and then only sleeps.
- ``memory_table_script`` (after csvs-to-sqlite): ``sqlite3.connect(":memory:")`` opens a
  database in RAM, which waits on nothing: it does not say the work waits (it still blocks
  the calling thread, as datasette's in-memory databases do on its executor).
- ``dotted_registry`` (after tgpy, apps_dev15): a module-level dict re-exported by its package
  and changed by every task through its dotted path (``notebot.api.variables.update(...)``)
  is shared state; ``dotted_stdlib``, its other side: ``os.environ.update(...)`` is not the
  project's state.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import FIXTURES, run_advisor

CASES = FIXTURES / "recommend_cli_g18"


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(CASES / name, target)
    return target


def test_maintainer_task_scripts_do_not_make_a_library_a_program(tmp_path: Path) -> None:
    root = copy("task_scripts_library", tmp_path)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 2, result.out
    assert "this looks like a library" in result.err


def test_a_slack_rtm_bot_is_a_service(tmp_path: Path) -> None:
    root = copy("rtm_bot", tmp_path)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 0, result.err
    program = json.loads(result.out)["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("service", "used"), program
    assert "Slack RTM client" in program["evidence"][0]["reason"], program


def test_an_in_memory_database_is_no_io(tmp_path: Path) -> None:
    root = copy("memory_table_script", tmp_path)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 0, result.err
    cpu = json.loads(result.out)["evidence"]["cpu_bound"]
    assert (cpu["answer"], cpu["status"]) == (True, "used"), cpu
    assert not any("sqlite3" in e["reason"] for e in cpu["evidence"]), cpu


def _shared_memory(name: str, tmp_path: Path) -> dict[str, object]:
    root = copy(name, tmp_path)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 0, result.err
    shared: dict[str, object] = json.loads(result.out)["evidence"]["shared_memory"]
    return shared


def test_a_dict_changed_through_its_dotted_path_is_shared(tmp_path: Path) -> None:
    shared = _shared_memory("dotted_registry", tmp_path)
    assert (shared["answer"], shared["status"]) == (True, "used"), shared
    reason = shared["evidence"][0]["reason"]  # type: ignore[index]
    assert "module-level notebot.api.variables" in reason, shared


def test_a_standard_library_dict_is_not_the_projects_state(tmp_path: Path) -> None:
    shared = _shared_memory("dotted_stdlib", tmp_path)
    assert shared["answer"] is False, shared
