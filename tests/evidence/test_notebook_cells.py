"""A notebook's cells each count their lines from 1, and `scan --recommend` must tell which
cell's function a line is in. Newcomer review 25 (12): a blocking ``requests.get`` at cell 8,
line 3, in ``slow_one`` (a coroutine ``asyncio.gather`` runs ten at once) was listed as "once,
in get_price, a coroutine that runs only as the program starts or stops": ``get_price`` is cell
4's coroutine, whose lines 1-3 overlap cell 8's. `scan` on the same file reports the line as
ADV101. The notebook below is my own reproduction of the reviewer's shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_advisor

CELLS = [
    "import asyncio\nimport time\n\nimport aiohttp\nimport requests\n",
    # Cell 2: a coroutine at lines 1-3, the lines of cell 4's blocking calls; the program's
    # first coroutine awaits it.
    "async def get_price(session, t):\n"
    "    async with session.get('https://api.example.com/' + t) as r:\n"
    "        return await r.json()\n"
    "\n"
    "async def fetch_all():\n"
    "    sem = asyncio.Semaphore(5)\n"
    "    async with aiohttp.ClientSession() as session:\n"
    "        async def one(t):\n"
    "            async with sem:\n"
    "                return await get_price(session, t)\n"
    "        return await asyncio.gather(*(one(t) for t in 'abcdefghij'))\n",
    "prices = asyncio.run(fetch_all())\n",
    # Cell 4: the blocking calls, in a coroutine gathered ten at once.
    "async def slow_one(t):\n"
    "    time.sleep(0.1)\n"
    "    return requests.get('https://api.example.com/' + t, timeout=10).json()\n"
    "\n"
    "results = await asyncio.gather(*(slow_one(t) for t in 'abcdefghij'))\n",
]


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    cells = [
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": text.splitlines(keepends=True),
        }
        for text in CELLS
    ]
    path = tmp_path / "prices.ipynb"
    document = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_scan_reports_the_gathered_coroutines_blocking_call(notebook: Path) -> None:
    result = run_advisor("scan", str(notebook), "--format", "plain")
    assert result.code == 1, result.err
    assert "prices.ipynb:cell 4:3:12: ADV101" in result.out


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_recommend_does_not_put_the_call_in_another_cells_coroutine(
    notebook: Path, lang: str
) -> None:
    result = run_advisor("scan", str(notebook), "--recommend", "--format", "plain", "--lang", lang)
    assert result.code in (0, 2), result.err
    # The call is in slow_one, which runs beside nine others: it is no start-up step, and
    # get_price (cell 2) is named on no line about cell 4.
    lines = [line for line in result.out.splitlines() if "cell 4:" in line]
    assert lines
    for line in lines:
        assert "get_price" not in line, line


def test_the_blocking_call_counts_against_async_libs(notebook: Path) -> None:
    result = run_advisor("scan", str(notebook), "--recommend", "--format", "json")
    assert result.code in (0, 2), result.err
    found = json.loads(result.out)
    items = [
        item
        for answer in found["evidence"].values()
        for item in [*answer["evidence"], *answer["conflicting"]]
    ]
    at = [i for i in items if i.get("cell") == 4 and i.get("line") == 3]
    assert any(i["value"] is False and "requests" in i["reason"] for i in at), at
    context = found["context"]
    assert not any(c.get("cell") == 4 and "starts or stops" in c["reason"] for c in context)
