"""What a hostile new user met on main (review 21, 2026-12-07): each test drives the installed
CLI in a subprocess and checks what they read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_advisor, user_env

BLOCKING = "import asyncio\nimport time\n\n\nasync def main():\n    time.sleep(1)\n\n\nasync def both():\n    await asyncio.gather(main(), main())\n"


def _env(tmp_path: Path, lang: str = "en") -> dict[str, str]:
    return user_env(tmp_path, lang)


def test_a_pyw_script_in_a_folder_is_checked(tmp_path: Path) -> None:
    """A folder holding only a Windows GUI script (`gui.pyw`) read "no Python files found"
    (exit 2); named alone it was checked. Found in folders now, as pre-commit's python type."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "gui.pyw").write_text(BLOCKING, encoding="utf-8")
    (tmp_path / "app" / "notes.txt").write_text("time.sleep(1) in async def\n", encoding="utf-8")
    result = run_advisor("scan", "app", "--format", "json", cwd=tmp_path, env=_env(tmp_path))
    assert result.code == 1, result
    data = json.loads(result.out)
    assert [(f["path"], f["line"], f["code"]) for f in data["findings"]] == [
        ("app/gui.pyw", 6, "ADV101")
    ]
    assert data["files"] == 1  # the text file is not Python and is not counted


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "advisor: error: --exclude 'app\\*': a backslash matches no path (advisor matches "
            "paths with / on every system); write --exclude 'app/*'",
        ),
        (
            "zh-TW",
            "advisor: error: --exclude 'app\\*'：反斜線不會符合任何路徑（advisor 在每個系統上都以 / "
            "比對路徑）；請寫成 --exclude 'app/*'",
        ),
    ],
)
def test_a_backslash_exclude_flag_is_refused_like_the_config_key(
    tmp_path: Path, lang: str, said: str
) -> None:
    """`--exclude 'app\\*'` silently excluded nothing, while the same glob in [tool.advisor]
    was refused: refused the same way (exit 2, one line, the fix quoted for the shell)."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.py").write_text(BLOCKING, encoding="utf-8")
    result = run_advisor("scan", ".", "--exclude", "app\\*", cwd=tmp_path, env=_env(tmp_path, lang))
    assert result.code == 2, result
    assert result.out == ""
    assert result.err.strip() == said
    # Negative: the glob with / excludes the folder, and nothing is left to report.
    fixed = run_advisor("scan", ".", "--exclude", "app/*", cwd=tmp_path, env=_env(tmp_path, lang))
    assert fixed.code == 2, fixed  # nothing left to check is exit 2, said as such
    assert "ADV101" not in fixed.out


@pytest.mark.parametrize(
    ("option", "lang", "said"),
    [
        ("--explain", "en", "unknown option --explain: `advisor explain ADV101` explains a rule"),
        ("--fix", "en", "unknown option --fix: scan changes no file; `advisor convert FILE`"),
        ("--fix", "zh-TW", "不認得的選項 --fix：scan 不會修改任何檔案；`advisor convert FILE`"),
    ],
)
def test_an_option_from_another_tool_is_answered_with_what_advisor_offers(
    tmp_path: Path, option: str, lang: str, said: str
) -> None:
    """`advisor scan --recommend --explain` suggested "did you mean --lang?"."""
    (tmp_path / "a.py").write_text("print(1)\n", encoding="utf-8")
    result = run_advisor("scan", ".", option, cwd=tmp_path, env=_env(tmp_path, lang))
    assert result.code == 2, result
    assert said in result.err
    assert "--lang" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_jobs_caps_the_worker_processes_and_keeps_the_findings(tmp_path: Path) -> None:
    """There was no way to cap the processes a scan starts (one per core of the machine, not
    of the process). `--jobs 1` scans in one process with the same findings; a bad value is
    one line, exit 2."""
    for i in range(40):
        (tmp_path / f"m{i}.py").write_text(BLOCKING + "\n" * i, encoding="utf-8")
    runs = [
        run_advisor("scan", ".", "--format", "json", *extra, cwd=tmp_path, env=_env(tmp_path))
        for extra in ((), ("--jobs", "1"), ("-j", "2"))
    ]
    assert [run.code for run in runs] == [1, 1, 1], runs
    found = [json.loads(run.out)["findings"] for run in runs]
    assert len(found[0]) == 40
    assert found[0] == found[1] == found[2]
    for bad in ("0", "abc", "-3"):
        refused = run_advisor("scan", ".", f"--jobs={bad}", cwd=tmp_path, env=_env(tmp_path))
        assert refused.code == 2, refused
        assert refused.err.startswith(f"advisor: error: --jobs {bad} is not a number of processes")
        assert len(refused.err.strip().splitlines()) == 1


def test_scan_and_recommend_number_a_notebook_cell_the_same_way(tmp_path: Path) -> None:
    """`scan` said `cell 5` (markdown counted, as Jupyter and ruff) where `scan --recommend`
    said `cell 4` (code cells only) for the same line: both count every cell now."""
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Crawl\n"]},
        {
            "cell_type": "code",
            "metadata": {},
            "source": ["import asyncio\n", "import httpx\n"],
            "outputs": [],
            "execution_count": None,
        },
        {"cell_type": "markdown", "metadata": {}, "source": ["Fetch them all\n"]},
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": ["async def get(client, url):\n", "    return await client.get(url)\n"],
        },
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": [
                "async with httpx.AsyncClient() as client:\n",
                "    pages = await asyncio.gather(*(get(client, u) for u in ['a', 'b']))\n",
                "asyncio.run(get(None, 'c'))\n",
            ],
        },
    ]
    notebook = {
        "cells": cells,
        "metadata": {"kernelspec": {"language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "crawl.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    scan = run_advisor("scan", "crawl.ipynb", "--format", "json", cwd=tmp_path, env=_env(tmp_path))
    run_line = next(f for f in json.loads(scan.out)["findings"] if f["code"] == "ADV104")
    assert (run_line["cell"], run_line["line"]) == (5, 3)
    recommend = run_advisor(
        "scan", ".", "--recommend", "--format", "json", cwd=tmp_path, env=_env(tmp_path)
    )
    cited = [
        (e["cell"], e["line"])
        for answer in json.loads(recommend.out)["evidence"].values()
        for e in answer["evidence"]
        if e["file"] == "crawl.ipynb"
    ]
    assert cited, recommend.out
    # Every cited place is a code cell at its place in the notebook: 2, 4 or 5, never 1 or 3.
    assert {cell for cell, _line in cited} <= {2, 4, 5}, cited
    assert (5, 2) in cited or (5, 1) in cited, cited


def test_a_call_written_inside_to_thread_is_told_to_pass_the_function(tmp_path: Path) -> None:
    """`await asyncio.to_thread(requests.get(url))` blocks before the thread gets anything;
    ADV101's fix said "... or `await asyncio.to_thread(...)`", what the user wrote. It says to
    pass the function and its arguments; the right spelling is quiet."""
    code = (
        "import asyncio\nimport time\n\nimport requests\n\n\n"
        "async def fetch(url):\n    return await asyncio.to_thread(requests.get(url))\n\n\n"
        "async def pause():\n    loop = asyncio.get_running_loop()\n"
        "    await loop.run_in_executor(None, time.sleep(1))\n\n\n"
        "async def right(url):\n    return await asyncio.to_thread(requests.get, url)\n\n\n"
        "async def main():\n    await asyncio.gather(fetch('a'), pause(), right('b'))\n"
    )
    (tmp_path / "bot.py").write_text(code, encoding="utf-8")
    result = run_advisor("scan", "bot.py", "--format", "json", cwd=tmp_path, env=_env(tmp_path))
    assert result.code == 1, result
    found = json.loads(result.out)["findings"]
    assert [f["line"] for f in found] == [8, 13]
    for finding in found:
        assert "pass the function and its arguments, not a call's result" in finding["message"]
        assert "use an async HTTP client" not in finding["message"]
    plain = run_advisor("scan", "bot.py", cwd=tmp_path, env=_env(tmp_path, "zh-TW"))
    assert plain.out.count("分開傳入函式與它的引數") == 2, plain.out
