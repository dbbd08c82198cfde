"""Issue 19, `scan --recommend` on real applications (branch a-apps27): the classes application
set 24 and newcomer review 25 left, each with our own minimal reproduction in
``tests/fixtures/recommend_cli_apps27`` and its other side, through the installed CLI in a
subprocess, checking what the user reads.

- ``retired_cli`` (after jsonschema): a package whose only command warns, as it starts, that
  it is deprecated, beside an ``__init__.py`` re-exporting its API, is a library.
  ``live_cli``: the same command, only one option deprecated: an application.
- ``chosen_pool`` (review 25 #8, after ocrmypdf): ``executor_class = ThreadPoolExecutor if
  threads else ProcessPoolExecutor`` is a call of either pool. ``chosen_threads``: a thread
  pool or a serial stand-in of the project's own: the thread pool, sized 8.
- ``settings_threads`` (review 25 #7, after spotdl): a parameter's default of 1 that every
  call overrides with ``settings["threads"]``, whose default (4) a dict of defaults writes.
  ``default_threads``: no call passes it: 1.
- ``channels_chat`` (review 25 #6): Channels' async consumers under ASGI decide
  ``--async-app yes``. ``channels_sync``: synchronous consumers leave it asked.
- ``celery_tasks``, ``celery_shared`` (review 25 #3): tasks registered on an app another module
  builds (``@app.task``, ``@shared_task``) are on the main path. ``celery_offpath``: plain
  functions nothing imports stay off it, and the exit 2 says so, not "knows none".
- ``align_pool`` (after liftoff): a process pool whose workers only run a child program is no
  CPU intent; gffutils' database and a networkx path per gene are the program's Python work.
  ``convert_pool``: a pool of ffmpeg children with nothing computing: threading.
- ``status_hooks`` (after bilili): a callback's default argument binding an object of the
  function around it, changed while the callbacks run on a pool, is shared.
  ``name_hooks``: hooks that only read what their defaults bind share nothing.
- ``device_proxy`` (after modbus-proxy): a bound method handed to ``asyncio.start_server``
  whose callees change the object's connection and table shares that state.
  ``session_proxy``: each client's connection and table are its own.
- ``plain_faces`` (review 25 #14): a dict's ``.copy()`` through a redis client is no I/O, a
  pandas ``map`` is no concurrency, and yt-dlp's "counterpart" is a thread to run it in.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_apps27"


def _run(name: str, tmp_path: Path, *flags: str, code: int = 0) -> tuple[dict[str, Any], str]:
    result = recommend_in_copy(CASES / name, tmp_path, *flags)
    assert result.code == code, result.err
    data: dict[str, Any] = json.loads(result.out) if result.out else {}
    return data, result.err


def _scan(name: str, tmp_path: Path, *flags: str, code: int = 0) -> dict[str, Any]:
    return _run(name, tmp_path, *flags, code=code)[0]


def _reasons(answer: dict[str, Any]) -> str:
    return " | ".join(
        f"{e['file']}:{e['line']}: {e['reason']}"
        for e in [*answer["evidence"], *answer["conflicting"]]
    )


def _context(data: dict[str, Any]) -> str:
    return " | ".join(f"{c['file']}:{c['line']}: {c['reason']}" for c in data["context"])


def test_a_library_whose_only_command_is_deprecated_is_a_library(tmp_path: Path) -> None:
    _, err = _run("retired_cli", tmp_path, code=2)
    assert "this looks like a library: its declared command (schemacheck at " in err, err
    assert "schemacheck/cli.py:10) warns that it is deprecated" in err, err
    assert "schemacheck/__init__.py re-exports the package's API" in err, err
    _, err = _run("retired_cli", tmp_path / "zh", "--lang", "zh-TW", code=2)
    assert "這看起來是函式庫：它宣告的命令" in err, err
    assert "警告自己已被棄用" in err, err
    data = _scan("retired_cli", tmp_path / "insists", "--application")
    assert data["model"] == "threading", data


def test_a_command_with_one_deprecated_option_is_still_an_application(tmp_path: Path) -> None:
    data = _scan("live_cli", tmp_path)
    assert data["model"] == "threading", data


def test_a_pool_class_chosen_at_run_time_is_either_pool(tmp_path: Path) -> None:
    data = _scan("chosen_pool", tmp_path)
    assert data["model"] == "multiprocessing", data
    cpu = _reasons(data["evidence"]["cpu_bound"])
    assert "hands work to concurrent.futures.ProcessPoolExecutor" in cpu, cpu
    said = _context(data)
    assert "pagepipe/cli.py:10: already uses concurrent.futures.ThreadPoolExecutor" in said
    assert "pagepipe/cli.py:10: already uses concurrent.futures.ProcessPoolExecutor" in said


def test_a_thread_pool_or_a_serial_stand_in_is_the_thread_pool(tmp_path: Path) -> None:
    data = _scan("chosen_threads", tmp_path)
    assert data["model"] == "threading", data
    concurrency = data["evidence"]["concurrency"]
    assert concurrency["answer"] == 8, concurrency
    assert "ThreadPoolExecutor(max_workers=8)" in _reasons(concurrency)
    assert "multiprocessing" not in json.dumps(data["evidence"]["cpu_bound"])


def test_a_default_every_call_overrides_does_not_size_the_pool(tmp_path: Path) -> None:
    data = _scan("settings_threads", tmp_path)
    concurrency = data["evidence"]["concurrency"]
    assert concurrency["answer"] == 4, concurrency
    said = _reasons(concurrency)
    assert "songget/downloader.py:9: Semaphore(value=4): at most 4 at once" in said, said
    assert "songget/search.py:12: ThreadPoolExecutor(max_workers=4)" in said, said
    assert "max_workers=1" not in said, said


def test_a_default_no_call_overrides_sizes_the_pool(tmp_path: Path) -> None:
    data = _scan("default_threads", tmp_path)
    concurrency = data["evidence"]["concurrency"]
    assert concurrency["answer"] == 1, concurrency
    assert "songget/search.py:12: ThreadPoolExecutor(max_workers=1)" in _reasons(concurrency)


def test_channels_async_consumers_under_asgi_run_on_an_event_loop(tmp_path: Path) -> None:
    data = _scan("channels_chat", tmp_path)
    async_app = data["evidence"]["async_app"]
    assert (async_app["answer"], async_app["status"]) == (True, "used"), async_app
    assert "async views (ChatConsumer.connect)" in _reasons(async_app), async_app
    assert data["model"] == "asyncio+executor", data


def test_channels_sync_consumers_leave_the_event_loop_asked(tmp_path: Path) -> None:
    data = _scan("channels_sync", tmp_path, code=2)
    assert next(n["flag"] for n in data["needed"]) == "--async-app", data["needed"]


@pytest.mark.parametrize("name", ["celery_tasks", "celery_shared"])
def test_tasks_registered_on_a_celery_app_are_on_the_main_path(name: str, tmp_path: Path) -> None:
    data = _scan(name, tmp_path)
    assert data["model"] == "threading", data
    assert data["main_path"]["not_on_main_path"] == [], data["main_path"]
    said = _reasons(data["evidence"]["async_libs"])
    assert "reports/tasks.py:10: requests blocks the calling thread" in said, said


def test_io_only_off_the_main_path_is_said_to_be_off_it(tmp_path: Path) -> None:
    _, err = _run("celery_offpath", tmp_path, code=2)
    assert "knows none of the I/O libraries" not in err, err
    assert (
        "the I/O libraries advisor knows are called only off the main path "
        "(first: reports/tasks.py), so --async-libs is undecided too" in err
    ), err
    _, err = _run("celery_offpath", tmp_path / "zh", "--lang", "zh-TW", code=2)
    assert "advisor 認得的 I/O 函式庫只在主要路徑之外被呼叫" in err, err


def test_a_pool_of_child_programs_beside_python_work_is_cpu_bound(tmp_path: Path) -> None:
    data = _scan("align_pool", tmp_path)
    assert (data["model"], data["leaf"]) == ("multiprocessing", "multiprocessing_cpu"), data
    cpu = _reasons(data["evidence"]["cpu_bound"])
    assert "liftgenes/cli.py:27: gffutils.create_db in main" in cpu, cpu
    assert "networkx.shortest_path in best_path runs a pure-Python graph algorithm" in cpu, cpu
    assert "hands work to multiprocessing.Pool" not in cpu, cpu
    said = _context(data)
    assert (
        "but the function it maps, align_one, computes nothing itself and waits on a child "
        "program (liftgenes/align.py:8)" in said
    ), said


def test_a_pool_of_child_programs_alone_waits(tmp_path: Path) -> None:
    data = _scan("convert_pool", tmp_path)
    assert data["model"] == "threading", data
    cpu = data["evidence"]["cpu_bound"]
    assert cpu["answer"] is False, cpu
    assert "runs a program as a child process" in _reasons(cpu) or "child" in _reasons(cpu)


def test_an_object_bound_into_concurrent_callbacks_by_default_is_shared(tmp_path: Path) -> None:
    data = _scan("status_hooks", tmp_path)
    assert data["leaf"] == "threading_shared", data
    said = _reasons(data["evidence"]["shared_memory"])
    assert (
        "blockget/cli.py:34: before_download runs concurrently and changes "
        "block.status.downloading, an object its default argument binds" in said
    ), said


def test_callbacks_that_only_read_their_defaults_share_nothing(tmp_path: Path) -> None:
    data = _scan("name_hooks", tmp_path)
    shared = data["evidence"]["shared_memory"]
    assert shared["answer"] is False, shared


def test_a_bound_handlers_callees_changing_its_object_share_it(tmp_path: Path) -> None:
    data = _scan("device_proxy", tmp_path)
    assert (data["model"], data["leaf"]) == ("asyncio", "asyncio_shared"), data
    said = _reasons(data["evidence"]["shared_memory"])
    assert "remap runs concurrently and modifies self.remapping" in said, said


def test_a_bound_handler_with_its_own_connection_shares_nothing(tmp_path: Path) -> None:
    data = _scan("session_proxy", tmp_path)
    assert (data["model"], data["leaf"]) == ("asyncio", "asyncio_libs"), data


def test_evidence_reads_true_on_its_face(tmp_path: Path) -> None:
    data = _scan("plain_faces", tmp_path)
    everything = json.dumps(data["evidence"]) + _context(data)
    assert "connection_kwargs.copy" not in everything, everything
    assert "teaching_hours" not in everything, everything
    libs = _reasons(data["evidence"]["async_libs"])
    assert "async counterpart: asyncio.to_thread" not in libs, libs
    assert (
        "yt-dlp blocks the calling thread and has no async counterpart: under an event loop, "
        "run it in a thread (asyncio.to_thread)" in libs
    ), libs
