"""What a hostile new user met on main (review 2026-12-06, r-newcomer pass): each test drives
the installed CLI in a subprocess, the way the user ran it, and checks the line they read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import run_advisor


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc")
def test_a_file_that_cannot_be_written_is_named_with_a_full_width_colon(tmp_path: Path) -> None:
    """`--emit /proc/x.py --lang zh-TW` printed "無法寫入 /proc/x.py:No such file ..."
    with an ASCII colon glued between the path and the reason."""
    result = run_advisor(
        "recommend", "--cpu-bound", "no", "--concurrency", "500",
        "--emit", "/proc/advisor-newcomer.py", "--lang", "zh-TW", cwd=tmp_path,
    )  # fmt: skip
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("advisor: error: 無法寫入 /proc/advisor-newcomer.py："), lines[0]
    assert "請選擇可以寫入的資料夾" in lines[0]
    assert "Traceback" not in result.err
