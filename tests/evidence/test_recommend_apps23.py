"""Issue 19, `scan --recommend` on real applications (branch a-apps23): the misses of the
twenty-first and twenty-second held-back sets as classes, each with our own minimal
reproduction in ``tests/fixtures/recommend_cli_apps23`` and its other side, through the
installed CLI in a subprocess, checking what the user reads.

- ``episode_fetch`` (after animdl): a click group whose commands live one per module and are
  gathered in a ``commands = {...}`` table handed to ``click.group(commands=...)``; only the
  ``update`` command runs an event loop (pip through asyncio subprocesses). One command of
  four is not the program's work: no event loop, threading. ``episode_added``: the same group
  gathered with ``cli.add_command(...)``. ``async_commands``, the negative: most commands run
  their work on an event loop, so the program does: asyncio. ``bot_commands`` (after opsdroid),
  the other side of the size test: ``start``, one command of three, runs the bot's loop and
  reaches more code of its own than ``logs`` and ``version``: it is the main workload,
  asyncio.
- ``frame_encoder`` (after auto-editor): frames decoded with PyAV and written to an ffmpeg
  encoder's stdin in a loop: PyAV's decoding is native work that releases the GIL, and the
  encoder child fed by the loop is no wait: threading (threading_native). ``transcode_wait``,
  the negative: ffmpeg does the whole job while the program waits: ``--cpu-bound no``.
- ``grid_vault`` (after gridsync): PyNaCl's argon2id at the SENSITIVE limits is a heavy native
  step; an argparse action's one-off child and a file manager started and let go do not
  cancel Twisted's async evidence: asyncio+executor (asyncio_native_steps). ``login_hash``,
  the negative: argon2id at the INTERACTIVE limits in a log-in handler is incidental.
- ``coal_sim`` (after msprime): the package's own C extension, declared in setup.py and called
  by the command, is where the work runs: ``--cpu-bound yes``, multiprocessing; a git
  submodule's extension is vendored code and casts no vote. ``pure_sim``, the negative: no
  extension declared, no vote (exit 2 on ``--cpu-bound``, as before).
- ``notify_workers`` (after mqttwarn): ``for i in range(cf.num_workers)`` starts worker threads
  each handed its ``worker_id``; ``cf`` is the configuration object whose class sets
  ``self.num_workers = 4``: ``--concurrency 4``. ``ping_sweep``, the negative: a thread per
  address of a configured range is no pool: no ``--concurrency``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_apps23"


def _scan(name: str, tmp_path: Path, code: int = 0) -> dict[str, Any]:
    result = recommend_in_copy(CASES / name, tmp_path)
    assert result.code == code, result.err
    data: dict[str, Any] = json.loads(result.out) if result.out else {}
    return data


def _reasons(data: dict[str, Any], question: str) -> str:
    answer = data["evidence"][question]
    return " | ".join(e["reason"] for e in [*answer["evidence"], *answer["conflicting"]])


@pytest.mark.parametrize("name", ["episode_fetch", "episode_added"])
def test_a_loop_only_one_command_of_a_group_runs_is_not_the_programs(
    name: str, tmp_path: Path
) -> None:
    data = _scan(name, tmp_path)
    assert data["model"] == "threading", data
    loop = data["evidence"]["async_app"]
    assert (loop["answer"], loop["status"]) == (False, "used"), loop
    said = loop["evidence"][0]["reason"]
    assert "runs only in update, 1 of the program's 4 subcommands" in said, said
    libs = data["evidence"]["async_libs"]
    assert (libs["answer"], libs["status"]) == (False, "used"), libs


@pytest.mark.parametrize("name", ["async_commands", "bot_commands"])
def test_a_loop_most_commands_or_the_main_one_run_is_the_programs(
    name: str, tmp_path: Path
) -> None:
    data = _scan(name, tmp_path)
    assert data["model"] == "asyncio", data
    assert data["evidence"]["async_app"]["answer"] is True, data["evidence"]["async_app"]


def test_frames_decoded_with_pyav_and_fed_to_an_encoder_are_native_work(tmp_path: Path) -> None:
    data = _scan("frame_encoder", tmp_path)
    assert (data["model"], data["leaf"]) == ("threading", "threading_native"), data
    cpu = data["evidence"]["cpu_bound"]
    assert (cpu["answer"], cpu["status"]) == (True, "used"), cpu
    assert "waits for it" not in _reasons(data, "cpu_bound"), cpu
    native = data["evidence"]["native_code"]
    assert native["answer"] is True, native
    assert "av.open(...).decode (PyAV)" in _reasons(data, "native_code"), native
    fed = [c["reason"] for c in data["context"] if c["reason"].startswith("feeds ffmpeg")]
    assert fed, data["context"]
    assert "the last stage of the program's own pipeline" in fed[0], fed


def test_a_child_that_does_the_whole_job_is_still_waited_on(tmp_path: Path) -> None:
    data = _scan("transcode_wait", tmp_path)
    assert data["model"] == "threading", data
    cpu = data["evidence"]["cpu_bound"]
    assert cpu["answer"] is False, cpu
    assert "runs ffmpeg as a child process and waits for it" in _reasons(data, "cpu_bound")


def test_a_sensitive_key_derivation_is_heavy_and_one_off_children_do_not_vote(
    tmp_path: Path,
) -> None:
    data = _scan("grid_vault", tmp_path)
    assert (data["model"], data["leaf"]) == ("asyncio+executor", "asyncio_native_steps"), data
    libs = data["evidence"]["async_libs"]
    assert (libs["answer"], libs["status"], libs["confidence"]) == (True, "used", "high"), libs
    assert not libs["conflicting"] or all(e["confidence"] == "low" for e in libs["conflicting"]), (
        libs
    )
    steps = data["evidence"]["cpu_heavy_steps"]
    assert steps["answer"] is True, steps
    assert "nacl.pwhash.argon2id.kdf in encrypt" in _reasons(data, "cpu_heavy_steps")
    context = " | ".join(c["reason"] for c in data["context"])
    assert "an action the command-line parser runs only when its option is given" in context
    assert "starts xdg-open as a child process and lets it run" in context


def test_an_interactive_key_derivation_at_log_in_is_incidental(tmp_path: Path) -> None:
    data = _scan("login_hash", tmp_path)
    assert data["model"] == "threading", data
    assert data["evidence"]["cpu_heavy_steps"]["answer"] is False, data["evidence"]
    light = [c["reason"] for c in data["context"] if "nacl.pwhash.argon2id.kdf" in c["reason"]]
    assert light, data["context"]
    assert "a light call" in light[0], light


def test_the_projects_own_c_extension_is_where_the_work_runs(tmp_path: Path) -> None:
    data = _scan("coal_sim", tmp_path)
    assert data["model"] == "multiprocessing", data
    cpu = data["evidence"]["cpu_bound"]
    assert (cpu["answer"], cpu["status"]) == (True, "used"), cpu
    reasons = _reasons(data, "cpu_bound")
    assert "of coalsim._coalsim, the project's own compiled extension" in reasons, reasons
    assert "_treelib" not in json.dumps(data), "a git submodule's extension voted"


def test_without_an_extension_declared_its_calls_do_not_vote(tmp_path: Path) -> None:
    result = recommend_in_copy(CASES / "pure_sim", tmp_path)
    assert result.code == 2, result.out
    assert "--cpu-bound" in result.err, result.err
    assert "compiled extension" not in result.err, result.err


def test_a_worker_count_a_configuration_class_sets_bounds_the_pool(tmp_path: Path) -> None:
    data = _scan("notify_workers", tmp_path)
    bound = data["evidence"]["concurrency"]
    assert (bound["answer"], bound["status"]) == (4, "used"), bound
    assert "Thread started in a loop over range(4)" in bound["evidence"][0]["reason"], bound


def test_a_thread_per_item_of_a_configured_range_is_no_bound(tmp_path: Path) -> None:
    data = _scan("ping_sweep", tmp_path)
    assert "concurrency" not in data["evidence"], data["evidence"].get("concurrency")
