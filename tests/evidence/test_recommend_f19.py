"""Issue 19, a class from the committed apps manifests (branch f-apps19): our own minimal
reproductions in ``tests/fixtures/recommend_cli_f19``, through the installed CLI in a
subprocess, checking what the user reads.

- ``player_lookup`` (after streamlink's player lookup): ``path / exe`` in nested loops over
  folders and executable names joins paths; it is no computing step, so a downloader is not
  "CPU-heavy" for it.
- ``segment_scaler`` (the negative): the same shape dividing numbers (``pixel / scale``) is
  still a computing step among the I/O.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_f19"


def _scan(name: str, tmp_path: Path) -> dict[str, Any]:
    result = recommend_in_copy(CASES / name, tmp_path)
    data: dict[str, Any] = json.loads(result.out)
    return data


def test_a_path_join_in_nested_loops_is_no_computing_step(tmp_path: Path) -> None:
    data = _scan("player_lookup", tmp_path)
    heavy = data["evidence"]["cpu_heavy_steps"]
    assert heavy["answer"] is False, heavy
    assert not any("find_player" in e["reason"] for e in heavy["evidence"]), heavy
    assert data["model"] == "threading", data


def test_nested_loops_dividing_numbers_still_compute(tmp_path: Path) -> None:
    data = _scan("segment_scaler", tmp_path)
    heavy = data["evidence"]["cpu_heavy_steps"]
    assert heavy["answer"] is True, heavy
    assert any("rescale" in e["reason"] for e in heavy["evidence"]), heavy
