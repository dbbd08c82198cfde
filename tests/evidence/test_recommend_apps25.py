"""Issue 19, `scan --recommend` on real applications (branch a-apps25): the classes the
twenty-third held-back set (and newcomer review 23) left, each with our own minimal
reproduction in ``tests/fixtures/recommend_cli_apps25`` and its other side, through the
installed CLI in a subprocess, checking what the user reads.

- ``comic_crawl`` (after webcomix): Scrapy's CrawlerProcess run in a ``multiprocessing.Process``
  subclass is a framework's loop kept apart, not CPU work; the pipeline and middleware Scrapy
  loads by the dotted names of its settings are on the main path: threading.
  ``crunch_worker``, the other side: a Process whose ``run`` computes still votes CPU.
- ``qt_shim`` (after qspectrumanalyzer): Qt through the Qt.py shim is Qt, and the backend
  module picked by ``getattr(backends, name)`` is reached. ``qt_fallback``: PySide6, else
  PyQt5, in ``try``/``except ImportError`` (recognised before, kept).
- ``plot_export`` (after NanoPlot): one Pillow re-save of an exported figure decides neither
  ``--cpu-bound`` nor ``--native-code`` (exit 2, asked). ``thumb_batch``, the other side:
  the same open and save over every file of a folder is the program's native work.
  ``typed_images`` (after optimize-images): ``img.save(...)`` on a parameter annotated
  ``Image.Image`` is Pillow's heavy save; a 1x1 probe image saved once is not.
- ``proxy_checker`` (after proxybroker): an option whose help says it bounds what runs at
  once (``--max-conn``, default 200) is the outermost bound: ``--concurrency 200`` over an
  inner ``Semaphore(4)``. ``proxy_retries``, the other side: ``--max-tries`` bounds nothing.
- ``socket_bot`` (after slack-machine): ``await asyncio.sleep(float("inf"))`` once started is
  a service. ``short_nap``, the other side: a finite sleep says nothing.
- ``price_crunch`` (newcomer review 23's notebook): a thread pool whose every call computes
  does not answer ``--concurrency``. ``waiting_dialog`` (after thonny): a pool handed one call,
  once, does not either. ``url_pool``, the other side: a pool mapping downloads does (8).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_apps25"


def _scan(name: str, tmp_path: Path, *flags: str, code: int = 0) -> dict[str, Any]:
    result = recommend_in_copy(CASES / name, tmp_path, *flags)
    assert result.code == code, result.err
    data: dict[str, Any] = json.loads(result.out) if result.out else {}
    return data


def _reasons(answer: dict[str, Any]) -> str:
    return " | ".join(
        f"{e['file']}:{e['line']}: {e['reason']}"
        for e in [*answer["evidence"], *answer["conflicting"]]
    )


def _context(data: dict[str, Any]) -> str:
    return " | ".join(f"{c['file']}:{c['line']}: {c['reason']}" for c in data["context"])


def test_a_child_process_that_isolates_a_frameworks_loop_is_no_cpu_work(tmp_path: Path) -> None:
    data = _scan("comic_crawl", tmp_path)
    assert data["model"] == "threading", data
    cpu = data["evidence"]["cpu_bound"]
    assert cpu["answer"] is False, cpu
    assert "hands work to" not in _reasons(cpu), cpu
    said = _context(data)
    assert (
        "comiccrawl/worker.py:6: multiprocessing.Process runs scrapy.crawler.CrawlerProcess" in said
    )
    # The pipeline and the middleware, loaded by their dotted names, are the program's.
    places = _reasons(data["evidence"]["async_libs"])
    assert "comiccrawl/pipeline.py:10" in places, places
    assert "comiccrawl/retry.py:7" in places, places
    assert data["main_path"]["not_on_main_path"] == [], data["main_path"]


def test_a_child_process_that_computes_still_votes_cpu(tmp_path: Path) -> None:
    data = _scan("crunch_worker", tmp_path)
    assert data["model"] == "multiprocessing", data
    said = _reasons(data["evidence"]["cpu_bound"])
    assert "hands work to multiprocessing.Process" in said, said


@pytest.mark.parametrize(("name", "toolkit"), [("qt_shim", "Qt.py"), ("qt_fallback", "PySide")])
def test_qt_through_a_shim_is_qt(name: str, toolkit: str, tmp_path: Path) -> None:
    data = _scan(name, tmp_path)
    program = data["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("gui", "used"), program
    assert f"imports {toolkit}: a GUI whose event loop must stay free" in _reasons(program)
    assert data["template"]["id"] == "gui_threads", data["template"]


def test_a_module_picked_by_getattr_from_a_package_is_reached(tmp_path: Path) -> None:
    data = _scan("qt_shim", tmp_path)
    said = _reasons(data["evidence"]["async_libs"])
    assert "sweepview/backends/" in said, said
    assert data["main_path"]["not_on_main_path"] == [], data["main_path"]


def test_one_image_re_save_decides_nothing(tmp_path: Path) -> None:
    data = _scan("plot_export", tmp_path, code=2)
    assert data["status"] == "needs_answers", data
    asked = [n["flag"] for n in data["needed"]]
    assert asked[0] == "--cpu-bound", asked
    assert "native_code" not in data["evidence"], data["evidence"].get("native_code")
    said = _context(data)
    assert (
        "plotstats/main.py:16: calls PIL.Image.open(...).save (Pillow): native code, but a light call"
        in said
    ), said


def test_every_image_saved_again_in_a_loop_is_native_work(tmp_path: Path) -> None:
    data = _scan("thumb_batch", tmp_path)
    assert data["model"] == "threading", data
    native = data["evidence"]["native_code"]
    assert native["answer"] is True, native
    assert "thumbs/main.py:13: calls PIL.Image.open(...).save (Pillow)" in _reasons(native)


def test_an_image_a_parameter_is_annotated_as_is_the_librarys(tmp_path: Path) -> None:
    data = _scan("typed_images", tmp_path)
    assert (data["model"], data["leaf"]) == ("threading", "threading_native"), data
    native = _reasons(data["evidence"]["native_code"])
    assert "squeeze/main.py:23: calls PIL.Image.Image.save (Pillow)" in native, native
    assert "squeeze/main.py:10" not in native, native  # the 1x1 probe is a lone re-save


def test_an_option_that_bounds_what_runs_at_once_is_the_outermost_bound(tmp_path: Path) -> None:
    data = _scan("proxy_checker", tmp_path)
    concurrency = data["evidence"]["concurrency"]
    assert (concurrency["answer"], concurrency["status"]) == (200, "used"), concurrency
    said = _reasons(concurrency)
    assert (
        "proxycheck/cli.py:9: the option --max-conn bounds what runs at once, and defaults to 200"
        in said
    )
    assert "proxycheck/providers.py:10: Semaphore(value=4)" in said, said


def test_an_option_that_says_nothing_of_what_runs_at_once_bounds_nothing(tmp_path: Path) -> None:
    data = _scan("proxy_retries", tmp_path)
    concurrency = data["evidence"]["concurrency"]
    assert concurrency["answer"] == 4, concurrency
    assert "--max-tries" not in _reasons(concurrency), concurrency


def test_waiting_forever_once_started_is_a_service(tmp_path: Path) -> None:
    data = _scan("socket_bot", tmp_path)
    assert data["model"] == "asyncio", data
    program = data["evidence"]["program"]
    assert (program["answer"], program["status"]) == ("service", "used"), program
    assert "sockbot/run.py:28: asyncio.sleep(inf) waits forever" in _reasons(program)


def test_a_finite_sleep_is_no_service(tmp_path: Path) -> None:
    data = _scan("short_nap", tmp_path)
    assert "program" not in data["evidence"], data["evidence"].get("program")


def test_a_pool_that_computes_does_not_size_the_io(tmp_path: Path) -> None:
    data = _scan("price_crunch", tmp_path, "--cpu-bound", "no")
    assert data["model"] == "asyncio+executor", data
    assert "concurrency" not in data["evidence"], data["evidence"].get("concurrency")
    said = _context(data)
    assert (
        "ThreadPoolExecutor(max_workers=4): at most 4 at once, but every call it runs computes (crunch)"
        in said
    )


def test_a_pool_for_one_background_call_bounds_nothing(tmp_path: Path) -> None:
    data = _scan("waiting_dialog", tmp_path)
    assert data["model"] == "threading", data
    assert "concurrency" not in data["evidence"], data["evidence"].get("concurrency")
    said = _context(data)
    assert (
        "ThreadPool(processes=1): at most 1 at once, but it runs one call (action) beside its caller"
        in said
    )


def test_a_pool_mapping_downloads_sizes_the_io(tmp_path: Path) -> None:
    data = _scan("url_pool", tmp_path)
    concurrency = data["evidence"]["concurrency"]
    assert (concurrency["answer"], concurrency["status"]) == (8, "used"), concurrency
