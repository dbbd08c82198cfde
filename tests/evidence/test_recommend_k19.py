"""Issue 19, a class from the fifteenth held-back set (apps_heldout15, branch k-apps19): our
own minimal reproductions in ``tests/fixtures/recommend_cli_k19``, through the installed CLI in
a subprocess, checking what the user reads.

- ``tool_suite`` (after deeptools): of a suite's console scripts, the one named like the
  project only prints the list of the others; the work (a process pool over per-read Python
  loops) is in the others, so every declared script is an entry point of the main path and
  ``--cpu-bound`` is answered, where it stopped with exit 2.
- ``named_with_webui`` (after tgcf): the script named like the project runs the work in
  another module, so the optional web UI's script beside it stays off the main path.
- ``file_scripts`` (after fastcov): a file installed as a command named like the project is
  the whole program in one file, never a tool list: the other script stays off the main path.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, run_advisor

CASES = FIXTURES / "recommend_cli_k19"


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(CASES / name, target)
    return target


def _scan(name: str, tmp_path: Path) -> dict[str, Any]:
    root = copy(name, tmp_path)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def test_a_tool_list_named_like_the_project_does_not_hide_the_suite(tmp_path: Path) -> None:
    data = _scan("tool_suite", tmp_path)
    assert data["model"] == "multiprocessing", data
    cpu = data["evidence"]["cpu_bound"]
    assert (cpu["answer"], cpu["status"]) == (True, "used"), cpu
    assert any(e["file"] == "seqtools/chunks.py" for e in cpu["evidence"]), cpu
    starts = [e["where"] for e in data["main_path"]["entry_points"]]
    assert starts == [
        "seqtools.list_tools:main",
        "seqtools.countbins:main",
        "seqtools.binstats:main",
    ]


def test_a_named_script_that_works_keeps_the_web_ui_off_the_main_path(tmp_path: Path) -> None:
    data = _scan("named_with_webui", tmp_path)
    assert data["model"] == "threading", data
    path = data["main_path"]
    assert [e["where"] for e in path["entry_points"]] == ["pricewatch.cli:main"]
    off = [e["where"] for e in path["not_on_main_path"]]
    assert off == ["pricewatch/web.py"]


def test_a_file_script_named_like_the_project_is_no_tool_list(tmp_path: Path) -> None:
    data = _scan("file_scripts", tmp_path)
    assert data["model"] == "multiprocessing", data
    path = data["main_path"]
    assert [e["where"] for e in path["entry_points"]] == ["bin/covtool"]
    assert [e["where"] for e in path["not_on_main_path"]] == ["bin/covtool_summary"]
