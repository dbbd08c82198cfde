"""Issue 19, the classes of branch f-apps16 (docs/recommend-real-world.md), from the thirteenth
held-back apps set's misses (now a development set) and the answers most often disagreeing
across the apps manifests: our own minimal reproductions in ``tests/fixtures/recommend_apps16``,
through the installed CLI in a subprocess, each beside its other side where it has one.

- ``cad_editor`` (after cq-editor): a Qt app whose Render action execs the user's CadQuery
  script is CPU-bound: the CAD kernel's vote outweighs "a desktop app waits on its user" and
  the update check's wait. Other side ``cell_sheet`` (after pyspread): a Qt spreadsheet that
  evaluates its cells with NumPy at hand waits on its user (``--cpu-bound no``), and each
  evaluation of the user's code is a heavy step (``--cpu-heavy-steps yes``).
- ``site_fetcher`` (after comic-dl): an ``if``/``elif`` chain on the URL's domain picks one of
  four site modules; one of them unscrambles its pages with Pillow: one option's step, so
  ``--cpu-heavy-steps no``. Other side: the same downloader with that site alone (no chain)
  has the heavy step. Its declared console script reads argparse and serves nothing:
  ``--program script`` (medium), where a main guard alone says it weakly.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy, run_advisor

CASES = FIXTURES / "recommend_apps16"


def scan(name: str, tmp_path: Path, *flags: str) -> tuple[int, dict[str, Any]]:
    result = recommend_in_copy(CASES / name, tmp_path, *flags)
    return result.code, json.loads(result.out) if result.out.strip() else {}


def test_a_gui_driving_a_cad_kernel_is_cpu_bound(tmp_path: Path) -> None:
    code, data = scan("cad_editor", tmp_path)
    assert code == 0, data
    cpu = data["evidence"]["cpu_bound"]
    assert cpu["answer"] is True, cpu
    assert data["model"] == "multiprocessing", data["leaf"]


def test_a_gui_evaluating_user_cells_waits_with_heavy_steps(tmp_path: Path) -> None:
    code, data = scan("cell_sheet", tmp_path, "--concurrency", "1", "--async-libs", "no")
    assert code == 0, data
    evidence = data["evidence"]
    assert evidence["cpu_bound"]["answer"] is False, evidence["cpu_bound"]
    assert evidence["cpu_heavy_steps"]["answer"] is True, evidence["cpu_heavy_steps"]
    assert data["model"] == "threading", data["leaf"]


def test_one_sites_heavy_step_in_a_dispatch_chain_is_not_the_programs(tmp_path: Path) -> None:
    code, data = scan("site_fetcher", tmp_path)
    assert code == 0, data
    heavy = data["evidence"]["cpu_heavy_steps"]
    assert heavy["answer"] is False, heavy
    assert data["leaf"] == "threading_blocking", data["leaf"]
    program = data["evidence"]["program"]
    assert program["answer"] == "script", program  # a declared console script with argparse
    assert program["confidence"] == "medium", program


def test_the_same_step_without_the_chain_is_the_programs(tmp_path: Path) -> None:
    root = tmp_path / "site_fetcher"
    shutil.copytree(CASES / "site_fetcher", root)
    main = root / "sitefetch" / "__main__.py"
    text = main.read_text(encoding="utf-8")
    start, end = text.index("    domain = "), text.index("def main()")
    main.write_text(text[:start] + "    scrambled.Scrambled(url)\n\n\n" + text[end:], "utf-8")
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    data = json.loads(result.out) if result.out.strip() else {}
    heavy = data["evidence"]["cpu_heavy_steps"]
    assert heavy["answer"] is True, heavy
