"""ADV109 (a pool per call) and a mapping item's type (`app["session"]`), through the installed
CLI in a subprocess, in both languages: the lines a user reads."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import clean_env, run_advisor

SERVICE = """\
from concurrent.futures import ThreadPoolExecutor

import aiohttp


def lookup(key):
    return key


class Memory:
    def __init__(self):
        self.pool = ThreadPoolExecutor()

    def search(self, query):
        with ThreadPoolExecutor() as pool:
            first = pool.submit(lookup, query)
            second = pool.submit(lookup, query)
            return first.result() + second.result()

    def reused(self, query):
        return self.pool.submit(lookup, query).result()


async def on_startup(app):
    app["client"] = aiohttp.ClientSession()


async def on_cleanup(app):
    app["client"].close()
"""


def test_a_pool_per_call_and_an_items_close_are_reported(tmp_path: Path) -> None:
    (tmp_path / "service.py").write_text(SERVICE, encoding="utf-8")
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))
    result = run_advisor("scan", "service.py", "--format", "plain", env=env, cwd=tmp_path)
    assert result.code == 1
    assert result.out.splitlines() == [
        "service.py:15:14: ADV109 `ThreadPoolExecutor` starts a new pool every time `search` "
        "runs, for a fixed handful of tasks; create it once (in `__init__` or at startup) and "
        "reuse it",
        "service.py:29:5: ADV102 coroutine `app['client'].close` is called without `await`, so "
        "it never runs; write `await app['client'].close(...)`",
    ]
    env["LANG"] = "zh_TW.UTF-8"
    chinese = run_advisor(
        "scan", "service.py", "--format", "plain", "--lang", "zh-TW", env=env, cwd=tmp_path
    )
    assert (
        "ADV109 每次執行 `search` 都會以 `ThreadPoolExecutor` 建立新的池，卻只執行固定的少數幾個工作"
        in (chinese.out)
    )
