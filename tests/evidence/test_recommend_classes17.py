"""Issue 19, the classes of branch f-apps17 (docs/recommend-real-world.md): our own minimal
reproductions in ``tests/fixtures/recommend_cli17``, through the installed CLI in a
subprocess, each beside its other side.

- ``mixed_mailer`` (after xandikos, datasette, gamdl, sshuttle, heralding): aiohttp against a
  smtplib thread leaves ``--async-libs`` open, and ``--concurrency`` is not inferred. The exit-2
  message names ``--async-libs`` first, as the answer that decides the model, with the model of
  each value, and says ``--concurrency`` only sizes the template. Other side: given
  ``--async-libs``, it recommends with ``--concurrency`` listed as sizing only.
- ``session_counter`` (after heralding's ``HandlerBase.global_sessions += 1``): a class
  attribute every connection's handler changes through the class's name is shared state
  (``--shared-memory yes``); ``session_counter_cls`` writes it through ``cls.`` in a
  classmethod and ``type(self).`` (newcomer review 18, #8). Other side ``configured_once``: the same attribute set once at
  start-up and only read by the handlers is not.
- ``url_views`` (newcomer review 16 #5, left by f-apps16b): ``urls.py`` names a view at its
  module level, handing it to the URL resolver; that is not a call made while it is
  imported, so the view's ``requests.get`` keeps its vote. Other side ``url_views_import``: a
  function ``urls.py`` calls at its module level still runs only at import.
- ``tidy_files`` (after usort, apps_dev15): ``trailrunner.run(paths, func)`` runs the function
  over the files in a process pool, as ``ProcessPoolExecutor`` does: the author treats the
  work as CPU-bound (a table row). Other side ``tidy_walk``: ``trailrunner.walk`` alone only
  lists the files.
- ``aiorun_bot`` (after tgpy, apps_dev15): ``aiorun.run(main())`` starts asyncio's loop, as
  ``asyncio.run`` does (a table row): ``--async-app yes``.
- ``setup_bot`` (after tgpy): the loop's first coroutine awaits ``_start()``, which runs a
  ``sysctl`` child process in ``make_client()`` and awaits ``first_setup()``, which retries it
  ``while not ok:``; a coroutine only start-up coroutines await, outside their loops, is
  start-up too, and a retry loop ends at its first success: context, not a vote. Other side
  ``setup_per_message``: the same child process run by a coroutine the relay awaits per
  message still blocks the loop.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli17"


def scan(name: str, tmp_path: Path, *flags: str) -> tuple[int, str, dict[str, Any]]:
    result = recommend_in_copy(CASES / name, tmp_path, *flags)
    return result.code, result.err, json.loads(result.out) if result.out.strip() else {}


def test_the_answer_that_decides_the_model_is_asked_first(tmp_path: Path) -> None:
    code, err, _ = scan("mixed_mailer", tmp_path, "--lang", "en")
    assert code == 2, err
    needed = err.split("still needed: ", 1)[1]
    assert needed.startswith("--async-libs, which decides the model"), err
    # the flag with each value: a bare "no leads to ..." read as "there are no leads"
    assert "`--async-libs no` leads to asyncio+executor" in needed, err
    assert "`--async-libs yes` leads to asyncio" in needed, err
    assert "--concurrency would only size the template" in needed, err


def test_the_deciding_answer_is_said_in_chinese_too(tmp_path: Path) -> None:
    code, err, _ = scan("mixed_mailer", tmp_path, "--lang", "zh-TW")
    assert code == 2, err
    assert (
        "（仍需要：--async-libs，由它決定模型：`--async-libs no` 會得到 asyncio+executor" in err
    ), err
    assert "--concurrency 只影響範本的規模）" in err, err


def test_once_it_is_given_the_rest_only_sizes_the_template(tmp_path: Path) -> None:
    code, err, data = scan("mixed_mailer", tmp_path, "--async-libs", "no")
    assert code == 0, err
    assert data["model"] == "asyncio+executor", data["leaf"]
    assert "--concurrency" in {s["flag"] for s in data["sizes_only"]}, data["sizes_only"]


def test_a_class_counter_every_session_changes_is_shared_state(tmp_path: Path) -> None:
    code, err, data = scan("session_counter", tmp_path)
    assert code == 0, err
    shared = data["evidence"]["shared_memory"]
    assert shared["answer"] is True, shared
    assert any("Honeypot.open_sessions" in e["reason"] for e in shared["evidence"]), shared
    assert data["leaf"] == "asyncio_shared", data["leaf"]


def test_a_class_counter_written_through_cls_or_type_self_is_shared_state(tmp_path: Path) -> None:
    code, err, data = scan("session_counter_cls", tmp_path)
    assert code == 0, err
    shared = data["evidence"]["shared_memory"]
    assert shared["answer"] is True, shared
    assert any("Honeypot.open_sessions" in e["reason"] for e in shared["evidence"]), shared


def test_a_class_attribute_set_once_at_start_up_is_not(tmp_path: Path) -> None:
    code, err, data = scan("configured_once", tmp_path)
    assert code == 0, err
    assert data["evidence"]["shared_memory"]["answer"] is False, data["evidence"]


def _runs_at_import(data: dict[str, Any]) -> list[str]:
    return [c["reason"] for c in data.get("context") or [] if "only while" in c["reason"]]


def test_a_view_urls_py_names_is_not_called_at_import(tmp_path: Path) -> None:
    code, err, data = scan("url_views", tmp_path)
    assert code == 0, err
    assert not _runs_at_import(data), data["context"]
    libs = data["evidence"]["async_libs"]
    assert any("inside async def rates" in e["reason"] for e in libs["evidence"]), libs


def test_a_function_urls_py_calls_still_runs_at_import(tmp_path: Path) -> None:
    code, err, data = scan("url_views_import", tmp_path)
    assert code == 0, err
    assert any("load_currencies runs only then" in r for r in _runs_at_import(data)), data


def test_trailrunners_process_pool_over_files_is_cpu_work(tmp_path: Path) -> None:
    code, err, data = scan("tidy_files", tmp_path)
    assert code == 0, err
    cpu = data["evidence"]["cpu_bound"]
    assert cpu["answer"] is True, cpu
    assert any("trailrunner.run" in e["reason"] for e in cpu["evidence"]), cpu
    assert data["model"] == "multiprocessing", data["leaf"]


def test_trailrunners_walk_alone_is_no_pool(tmp_path: Path) -> None:
    code, err, data = scan("tidy_walk", tmp_path, "--cpu-bound", "yes")
    assert code == 0, err
    cpu = data["evidence"].get("cpu_bound") or {}
    assert not any("trailrunner" in e["reason"] for e in cpu.get("evidence", [])), cpu


def test_aiorun_starts_an_event_loop(tmp_path: Path) -> None:
    code, err, data = scan("aiorun_bot", tmp_path)
    assert code == 0, err
    app = data["evidence"]["async_app"]
    assert app["answer"] is True, app
    assert any("aiorun.run" in e["reason"] for e in app["evidence"]), app


def test_a_child_process_run_while_the_bot_starts_is_start_up(tmp_path: Path) -> None:
    code, err, data = scan("setup_bot", tmp_path)
    assert code == 0, err
    libs = data["evidence"]["async_libs"]
    assert libs["answer"] is True, libs
    assert not any(e["value"] is False for e in libs["evidence"]), libs
    assert data["model"] == "asyncio", data["leaf"]


def test_a_child_process_run_per_message_still_blocks_the_loop(tmp_path: Path) -> None:
    flags = ("--concurrency", "10", "--async-libs", "no")
    _, err, data = scan("setup_per_message", tmp_path, *flags)
    libs = data["evidence"]["async_libs"]
    assert any("blocks in device_name" in e["reason"] for e in libs["evidence"]), (err, libs)
