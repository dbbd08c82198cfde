"""Issue 19, CPU evidence on real applications (branch b-cpu, sets apps_heldout16 and 17): our
own minimal reproductions in ``tests/fixtures/recommend_cli_b_cpu``, through the installed CLI
in a subprocess, each beside its other side.

- ``login_service`` (after devpi-server, kinto, alerta-server): a secret derived with argon2
  once at start, a bcrypt check per log-in and a hash per sign-up are one per credential, not
  a step of the work: ``--cpu-heavy-steps no``, no native work, threading_blocking. Other
  side ``wordlist_audit``: the same check once per word of a list, in a loop, is the work
  (heavy, native).
- ``rc_player`` (after feeluown and bluesky-simulator): a Qt app that compiles its rc file under
  the path it opened it with and execs it at start has loaded configuration, not run the
  user's code between events: no heavy step. Other side ``recommend_apps16/cell_sheet``
  (tests/evidence/test_recommend_classes18.py): cells compiled as ``"<cell>"`` on each change.
- ``page_decrypter`` (after mloader): a flat Python loop XOR-ing every byte of each downloaded
  page with a cycled key is a heavy step in Python bytecode (``--cpu-heavy-steps yes``,
  ``--native-code no``): threading_process_pool, the expert's leaf for mloader. Other side
  ``flag_masker``: a flat loop masking a bit in a few flags of a list is bookkeeping.
- ``read_counter`` (after htseq, cause 7): one console script maps files over a process
  pool, its sibling only opens its file: the sibling's weak ``open()`` no longer makes "the
  commands differ", so ``--cpu-bound yes`` is answered (multiprocessing) instead of exit 2.
  Other side (tests/evidence/test_recommend_classes.py): a "?" beside a command that waits
  (csvkit's ``sql: no; stat: ?``) is still asked.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_b_cpu"


def scan(name: str, tmp_path: Path) -> dict[str, Any]:
    result = recommend_in_copy(CASES / name, tmp_path)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def _answer(data: dict[str, Any], question: str) -> object:
    return data["evidence"].get(question, {}).get("answer")


def test_credential_hashes_once_per_login_are_no_heavy_step(tmp_path: Path) -> None:
    data = scan("login_service", tmp_path)
    assert (data["model"], data["leaf"]) == ("threading", "threading_blocking"), data
    assert _answer(data, "cpu_heavy_steps") is False
    assert _answer(data, "native_code") is not True
    incidental = [c for c in data["context"] if "password hashing" in c["reason"]]
    assert incidental, data["context"]
    assert all(c["value"] is None for c in incidental)


def test_a_credential_hash_per_word_of_a_list_is_the_work(tmp_path: Path) -> None:
    data = scan("wordlist_audit", tmp_path)
    assert _answer(data, "cpu_heavy_steps") is True
    assert _answer(data, "native_code") is True
    assert _answer(data, "cpu_bound") is True


def test_an_rc_file_loaded_at_start_is_not_the_users_code(tmp_path: Path) -> None:
    data = scan("rc_player", tmp_path)
    assert (data["model"], data["leaf"]) == ("threading", "threading_blocking"), data
    assert _answer(data, "cpu_heavy_steps") is False
    assert not any("exec()" in c["reason"] for c in data["evidence"]["cpu_heavy_steps"]["evidence"])


def test_a_loop_rewriting_every_byte_of_a_page_is_a_heavy_python_step(tmp_path: Path) -> None:
    data = scan("page_decrypter", tmp_path)
    assert (data["model"], data["leaf"]) == ("threading", "threading_process_pool"), data
    assert _answer(data, "cpu_heavy_steps") is True
    assert _answer(data, "native_code") is False
    assert _answer(data, "cpu_bound") is False


def test_a_flat_loop_masking_a_few_flags_is_bookkeeping(tmp_path: Path) -> None:
    data = scan("flag_masker", tmp_path)
    assert data["leaf"] == "threading_blocking", data
    assert _answer(data, "cpu_heavy_steps") is False


def test_a_sibling_commands_open_does_not_cancel_a_process_pool(tmp_path: Path) -> None:
    data = scan("read_counter", tmp_path)
    assert data["model"] == "multiprocessing", data
    cpu = data["evidence"]["cpu_bound"]
    assert (cpu["answer"], cpu["status"]) == (True, "used"), cpu
    assert not any("commands differ" in c["reason"] for c in data["context"])
