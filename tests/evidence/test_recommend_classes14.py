"""Issue 19, the classes of branch f-apps13b (docs/recommend-real-world.md): our own minimal
reproductions in ``tests/fixtures/recommend_cli14``, through the installed CLI in a
subprocess, each beside its other side.

- ``mux_relay`` (after sshuttle): the command binds its listening socket and starts its tunnel
  child in one module and hands the socket to the ``select`` loop of another
  (``net.run_once``): its sockets are readiness I/O, ``--async-libs yes``, and starting the
  child casts no vote. Other side ``thread_relay``: the same project module with a select loop,
  imported for a helper only, while each connection's thread blocks in ``recv``: no.
- ``flag_helper`` (after sshuttle's ``if opt.firewall: return firewall.main(...)``): a mode
  entered only with a flag that is off by default, declared by the parser of another module
  (``options.py``), is a helper run, not the default run: its blocking child processes cast
  no ``--async-libs`` vote beside the asyncio downloads of the ``else``. Other side
  ``flag_default``: the same chain, but the flag is ``store_false`` (the clean-up runs by
  default): its blocking calls still vote, and ``--async-libs`` is asked.
- ``frame_scorer``: ``ffmpeg -version`` run once at start-up is a probe of the tool, context,
  not a child doing the work: the pure-Python scoring decides ``--cpu-bound yes``. Other side
  ``clip_encoder``: ffmpeg encoding every clip is the work, done in the child, and still
  votes "no".
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import FIXTURES, run_advisor

CASES = FIXTURES / "recommend_cli14"


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(CASES / name, target)
    return target


def async_libs(root: Path) -> dict[str, object]:
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 0, result.err
    evidence: dict[str, dict[str, object]] = json.loads(result.out)["evidence"]
    return evidence["async_libs"]


def test_sockets_handed_to_another_modules_loop_are_readiness_io(tmp_path: Path) -> None:
    answer = async_libs(copy("mux_relay", tmp_path))
    assert answer["answer"] is True, answer
    cited = answer["evidence"]
    assert isinstance(cited, list)
    assert all("handed to the readiness loop of muxrelay.net" in e["reason"] for e in cited)
    assert not any("subprocess" in e["reason"] for e in cited), cited


def test_a_module_imported_for_a_helper_hands_nothing(tmp_path: Path) -> None:
    answer = async_libs(copy("thread_relay", tmp_path))
    assert answer["answer"] is False, answer
    cited = answer["evidence"]
    assert isinstance(cited, list)
    assert not any("readiness loop" in e["reason"] for e in cited), cited


def test_a_helper_mode_behind_a_flag_another_module_declares_is_set_aside(
    tmp_path: Path,
) -> None:
    answer = async_libs(copy("flag_helper", tmp_path))
    assert answer["answer"] is True, answer
    cited = answer["evidence"]
    assert isinstance(cited, list)
    assert not any("cleanup.py" in str(e["file"]) for e in cited), cited


def test_a_step_that_runs_unless_a_flag_turns_it_off_still_votes(tmp_path: Path) -> None:
    root = copy("flag_default", tmp_path)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 2, result.out
    assert "--async-libs" in result.err


def test_a_version_probe_at_start_up_is_not_the_programs_work(tmp_path: Path) -> None:
    root = copy("frame_scorer", tmp_path)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["evidence"]["cpu_bound"]["answer"] is True, data["evidence"]["cpu_bound"]
    assert any("only to ask for its version" in c["reason"] for c in data["context"])


def test_a_child_doing_the_work_still_waits(tmp_path: Path) -> None:
    root = copy("clip_encoder", tmp_path)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 0, result.err
    cpu_bound = json.loads(result.out)["evidence"]["cpu_bound"]
    assert cpu_bound["answer"] is False, cpu_bound
