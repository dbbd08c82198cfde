"""`scan --recommend` on a service that keeps its tasks the way ADV106 says (newcomer review 21,
5): the task set is not shared memory, so following the scan's advice does not change the
recommendation. The installed CLI in a subprocess, on files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_advisor, user_env

ROUTE = """\
import asyncio

import httpx
from fastapi import FastAPI

app = FastAPI()
{state}


async def notify(url: str) -> None:
    async with httpx.AsyncClient() as client:
        await client.post(url, json={{"ok": True}})


@app.post("/orders")
async def create_order(url: str) -> dict:
{body}
    return {{"queued": True}}
"""

KEPT = (
    "background_tasks = set()",
    "    task = asyncio.create_task(notify(url))\n"
    "    background_tasks.add(task)\n"
    "    task.add_done_callback(background_tasks.discard)",
)
KEPT_IN_PLACE = (
    "pending = []",
    "    pending.append(asyncio.ensure_future(notify(url)))",
)
COUNTED = (
    "orders_by_url = {}",
    "    orders_by_url[url] = orders_by_url.get(url, 0) + 1\n    asyncio.create_task(notify(url))",
)


def _shared_memory(tmp_path: Path, state: str, body: str) -> dict[str, object]:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "main.py").write_text(ROUTE.format(state=state, body=body), "utf-8")
    result = run_advisor(
        "scan", "svc", "--recommend", "--format", "json", cwd=tmp_path, env=user_env(tmp_path)
    )
    assert result.code == 0, result
    shared = json.loads(result.out)["evidence"]["shared_memory"]
    return {"value": shared["answer"], "evidence": shared["evidence"]}


@pytest.mark.parametrize("kept", [KEPT, KEPT_IN_PLACE], ids=["set-with-discard", "list-in-place"])
def test_a_set_that_keeps_the_tasks_is_not_shared_memory(
    tmp_path: Path, kept: tuple[str, str]
) -> None:
    found = _shared_memory(tmp_path, *kept)
    assert found["value"] is False, found
    said = json.dumps(found)
    assert "background_tasks" not in said
    assert "pending" not in said


def test_a_dict_the_requests_update_is_still_shared(tmp_path: Path) -> None:
    """Negative: a counter every request changes is shared state, cited at its line."""
    found = _shared_memory(tmp_path, *COUNTED)
    assert found["value"] is True, found
    assert "orders_by_url" in json.dumps(found)
