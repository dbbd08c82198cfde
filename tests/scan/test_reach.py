"""Calls one file away, through the installed CLI in a subprocess, with its cache: the finding
sits at the call in the coroutine, names the chain, follows an edit of the helper's file on the
next run, and is shown in both languages."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tests.helpers import clean_env, run_advisor

HANDLER = "from svc.tokens import load_token\n\n\nasync def handler():\n    return load_token()\n"
BLOCKING = "import json\n\n\ndef load_token():\n    with open('t.json') as f:\n        return json.load(f)\n"
HARMLESS = "def load_token():\n    return 'token'\n"


def scan(project: Path, lang: str = "C.UTF-8"):
    env = clean_env(ADVISOR_CACHE_DIR=str(project.parent / "cache"), LANG=lang)
    return run_advisor("scan", ".", "--format", "plain", env=env, cwd=project)


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5  # a new stat signature even within one clock tick
    os.utime(path, (later, later))


def test_a_helper_in_another_file_is_reported_at_the_call_and_follows_edits(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    (project / "svc").mkdir(parents=True)
    write(project / "svc" / "__init__.py", "")
    write(project / "svc" / "app.py", HANDLER)
    write(project / "svc" / "tokens.py", BLOCKING)
    first = scan(project)
    assert first.code == 1
    assert first.out == (
        "svc/app.py:5:12: ADV101 blocking call `handler -> load_token -> open()` inside "
        "`async def` stalls the event loop; use `await asyncio.to_thread(...)` "
        "(blocks at svc/tokens.py:5)\n"
    )
    write(project / "svc" / "tokens.py", HARMLESS)
    assert (scan(project).code, scan(project).out) == (0, "")
    write(project / "svc" / "tokens.py", BLOCKING)
    again = scan(project, lang="zh_TW.UTF-8")
    assert again.code == 1
    assert "handler -> load_token -> open()" in again.out
    assert "事件迴圈" in again.out


LOCKED = """import asyncio
import threading


class Policy:
    def __init__(self):
        self._lock = threading.Lock()
        self._token = None

    async def send(self, fetch):
        with self._lock:
            self._token = await fetch()
        return self._token
"""


def test_a_thread_lock_held_across_await_is_reported_where_it_is_taken(tmp_path: Path) -> None:
    """The receiver's type comes from `__init__`; the user sees the `with` line and why, in
    both languages (the shape of Azure/azure-sdk-for-python#11591)."""
    project = tmp_path / "project"
    project.mkdir()
    write(project / "policy.py", LOCKED)
    english = scan(project)
    assert english.code == 1
    assert english.out == (
        "policy.py:11:9: ADV101 blocking call `with self._lock` inside `async def` stalls the "
        "event loop; use `asyncio.Lock` (`async with lock:`): a thread lock held across `await` "
        "blocks the loop when another task wants it, and the holder never resumes to release it\n"
    )
    chinese = scan(project, lang="zh_TW.UTF-8")
    assert chinese.code == 1
    assert "policy.py:11:9" in chinese.out
    assert "執行緒鎖" in chinese.out


CLIENT = """import json
from pathlib import Path


class Client:
    def __init__(self, url=None):
        host = url
        if host is None:
            host = self._from_config()
        self.host = host

    def _from_config(self):
        return json.loads((Path.home() / ".client.json").read_bytes())["host"]
"""
CALLERS = """from svc.client import Client


async def remote():
    return Client(url="ssh://user@host:22")


async def local():
    return Client()
"""


def test_a_call_whose_argument_makes_the_blocking_branch_dead_is_quiet(tmp_path: Path) -> None:
    """After aiodocker's `Docker(url=...)`: the config file is read only without a URL, so
    only the call that gives none is reported."""
    project = tmp_path / "project"
    (project / "svc").mkdir(parents=True)
    write(project / "svc" / "__init__.py", "")
    write(project / "svc" / "client.py", CLIENT)
    write(project / "svc" / "app.py", CALLERS)
    done = scan(project)
    assert done.code == 1
    assert done.out == (
        "svc/app.py:9:12: ADV101 blocking call `local -> Client -> _from_config -> "
        "(...).read_bytes()` inside `async def` stalls the event loop; use "
        "`await asyncio.to_thread(...)` (blocks at svc/client.py:13)\n"
    )


MATCHES = """import os


def possible_matches(folder, wanted):
    for name in sorted(os.listdir(folder)):
        if wanted in name:
            yield name
"""
DEVICE = """import asyncio

from svc.configs import possible_matches


async def types(folder):
    for name in await asyncio.to_thread(possible_matches, folder, "plug"):
        print(name)


async def collected(folder):
    return await asyncio.to_thread(lambda: list(possible_matches(folder, "plug")))
"""


def test_a_generator_handed_to_an_executor_is_reported_where_the_coroutine_iterates_it(
    tmp_path: Path,
) -> None:
    """After tuya-local #2584: the executor only creates the generator, so the listing runs
    on the loop while the coroutine iterates it; the fix shown collects it in the executor,
    in both languages. Collected inside the executor, it is quiet."""
    project = tmp_path / "project"
    (project / "svc").mkdir(parents=True)
    write(project / "svc" / "__init__.py", "")
    write(project / "svc" / "configs.py", MATCHES)
    write(project / "svc" / "device.py", DEVICE)
    english = scan(project)
    assert english.code == 1
    assert english.out == (
        "svc/device.py:7:23: ADV101 blocking call `types -> possible_matches -> os.listdir()` "
        "inside `async def` stalls the event loop; use `await asyncio.to_thread(lambda: "
        "list(gen(...)))`: the executor only creates the generator, and its body runs on the "
        "loop while the coroutine iterates it; collect it inside the executor "
        "(blocks at svc/configs.py:5)\n"
    )
    chinese = scan(project, lang="zh_TW.UTF-8")
    assert chinese.code == 1
    assert "svc/device.py:7:23" in chinese.out
    assert "產生器" in chinese.out
