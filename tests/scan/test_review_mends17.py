"""The reviewer's defects in issue 17's scan changes (2026-12-07), each through the installed
CLI on its fixture pair under ``tests/fixtures/scan``: the positive fixture's findings are
exactly its ``# expect:`` comments, the negative one's are none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, run_advisor, user_env
from tests.scan.test_rules import expectations

PAIRS = {
    "called_params": ("ADV101_called_params_kinds.py", "negative_called_params_unless.py"),
    "procfs": ("ADV101_kernel_paths_built.py", "negative_kernel_paths_built.py"),
    "loop_flag": ("ADV101_no_loop_flag.py", "negative_no_loop_flag.py"),
    "loop_else": ("ADV101_loop_else.py", "negative_loop_else.py"),
}


def _findings(tmp_path: Path, case: Path) -> set[tuple[str, int, str]]:
    result = run_advisor(
        "scan", "--format", "json", "--no-cache", str(case), env=user_env(tmp_path), cwd=tmp_path
    )
    assert result.code in (0, 1), result.err
    return {(case.name, f["line"], f["code"]) for f in json.loads(result.out)["findings"]}


@pytest.mark.parametrize("defect", sorted(PAIRS))
def test_the_positive_fixture_is_found_and_the_negative_is_not(tmp_path: Path, defect: str) -> None:
    positive, negative = (FIXTURES / "scan" / name for name in PAIRS[defect])
    expected = expectations(positive)
    assert expected
    assert _findings(tmp_path, positive) == expected
    assert _findings(tmp_path, negative) == set()
