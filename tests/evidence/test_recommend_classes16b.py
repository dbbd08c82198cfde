"""Issue 19, the classes of branch f-apps16b (docs/recommend-real-world.md), from the
thirteenth held-back set's exit-2 runs: our own minimal reproductions in
``tests/fixtures/recommend_cli16b``, through the installed CLI in a subprocess, each beside
its other side.

- ``startup_bot`` (after aoe2-telegram-bot): archives downloaded with requests in a function
  only ``main()`` calls, before ``run_polling()`` starts the loop, are start-up context, not
  a vote for ``--async-libs no``: asyncio, first pass, --concurrency only sizing it. Other
  side ``fetching_bot``: the same download called by a command handler still blocks the loop.
- ``asgi_views`` (newcomer review 16 #5): a Django project with ``asgi.py`` and an
  ``async def`` view runs it on an event loop (``--async-app yes``), where the view's
  ``requests`` blocks: asyncio+executor. Other side ``wsgi_views``: the same project with a
  plain view stays threading.
- ``search_notes`` (after archivy): a route calling ``subprocess.run`` imported by name does
  not make the project's click command ``run`` concurrent, nor its one-time module-level
  names shared state (``--shared-memory no``). Other side ``counting_notes``: a dict every
  request updates is shared state.
- ``store_bot`` (after matrix-reminder-bot): ``Storage(...)``, whose constructor opens
  sqlite, called by the coroutine the loop is started with, outside its loops, is start-up
  too. Other side ``store_per_message``: a callback opening it per message still votes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli16b"


def scan(name: str, tmp_path: Path, *flags: str) -> tuple[int, dict[str, Any]]:
    result = recommend_in_copy(CASES / name, tmp_path, *flags)
    return result.code, json.loads(result.out) if result.out.strip() else {}


def test_a_download_before_the_loop_starts_is_start_up(tmp_path: Path) -> None:
    code, data = scan("startup_bot", tmp_path)
    assert code == 0, data
    libs = data["evidence"]["async_libs"]
    assert libs["answer"] is True, libs
    assert data["model"] == "asyncio", data["leaf"]
    assert "--concurrency" in {s["flag"] for s in data["sizes_only"]}, data["sizes_only"]


def test_a_download_a_handler_calls_still_votes(tmp_path: Path) -> None:
    flags = ("--concurrency", "50", "--shared-memory", "no", "--async-libs", "no")
    _, data = scan("fetching_bot", tmp_path, *flags)
    libs = data["evidence"]["async_libs"]
    assert libs["answer"] is False, libs
    assert {e["file"] for e in libs["evidence"]} == {"bootstrap.py"}, libs


def test_django_async_views_under_asgi_run_on_an_event_loop(tmp_path: Path) -> None:
    code, data = scan("asgi_views", tmp_path)
    assert code == 0, data
    app = data["evidence"]["async_app"]
    assert app["answer"] is True, app
    assert data["evidence"]["async_libs"]["answer"] is False
    assert data["model"] == "asyncio+executor", data["leaf"]


def test_django_sync_views_stay_without_a_loop(tmp_path: Path) -> None:
    code, data = scan("wsgi_views", tmp_path)
    assert code == 0, data
    assert data["evidence"]["async_app"]["answer"] is False, data["evidence"]["async_app"]
    assert data["model"] == "threading", data["leaf"]


def test_a_standard_function_imported_by_name_is_not_the_projects(tmp_path: Path) -> None:
    code, data = scan("search_notes", tmp_path)
    assert code == 0, data
    shared = data["evidence"]["shared_memory"]
    assert shared["answer"] is False, shared
    assert data["leaf"] == "threading_blocking", data["leaf"]


def test_a_dict_every_request_updates_is_shared_state(tmp_path: Path) -> None:
    _, data = scan("counting_notes", tmp_path)
    shared = data["evidence"]["shared_memory"]
    assert shared["answer"] is True, shared
    assert all("SERVED_FROM" not in e["reason"] for e in shared["evidence"]), shared


def test_storage_opened_by_the_loops_first_coroutine_is_start_up(tmp_path: Path) -> None:
    code, data = scan("store_bot", tmp_path)
    assert code == 0, data
    libs = data["evidence"]["async_libs"]
    assert libs["answer"] is True, libs
    assert libs["confidence"] == "high", libs
    assert data["model"] == "asyncio", data["leaf"]


def test_storage_opened_per_message_still_votes(tmp_path: Path) -> None:
    flags = ("--concurrency", "20", "--shared-memory", "no", "--async-libs", "yes")
    _, data = scan("store_per_message", tmp_path, *flags)
    libs = data["evidence"]["async_libs"]
    assert libs["confidence"] == "low", libs
    assert any(e["value"] is False for e in libs["conflicting"]), libs
