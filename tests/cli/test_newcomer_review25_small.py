"""Newcomer review 25 (21), three small ones, driven as the reviewer did: a ruff-style `!`
negation in per-file-ignores, `profile --recommend` exiting 0 while answers were still
needed, and `scan --format xml` offering `markdown`, which is refused without --recommend."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import clean_env, run_advisor

BLOCKING = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"


def test_a_negated_per_file_ignore_covers_the_files_it_does_not_match(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "a.py").write_text(BLOCKING, encoding="utf-8")
    (tmp_path / "app" / "b.py").write_text(BLOCKING, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.advisor.per-file-ignores]\n"!app/b.py" = ["ADV101"]\n', encoding="utf-8"
    )
    result = run_advisor("scan", ".", "--format", "plain", cwd=tmp_path)
    assert result.code == 1, result.err
    assert "app/b.py:5:5: ADV101" in result.out
    assert "app/a.py" not in result.out


@pytest.mark.parametrize(("program", "code"), [("pass", 2), ("raise SystemExit(3)", 3)])
def test_profile_recommend_with_answers_still_needed_exits_2(
    tmp_path: Path, program: str, code: int
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--recommend", "--cpu-bound", "no",
         "--", sys.executable, "-c", program],
        capture_output=True, text=True, env=clean_env(), cwd=tmp_path, timeout=120,
        stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    # No recommendation: 2, as `scan --recommend`; a program that failed keeps its own code.
    assert proc.returncode == code, proc.stderr
    assert "advisor profile --recommend" in proc.stderr.strip().splitlines()[-1]


def test_an_invalid_format_lists_only_the_formats_of_the_mode(tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text(BLOCKING, encoding="utf-8")
    plain = run_advisor("scan", "--format", "xml", ".", cwd=tmp_path)
    assert plain.code == 2
    assert "'sarif'" in plain.err
    assert "markdown" not in plain.err
    recommend = run_advisor("scan", "--recommend", "--format", "xml", ".", cwd=tmp_path)
    assert recommend.code == 2
    assert "'markdown'" in recommend.err
    # markdown without --recommend is still refused with its reason, not as unknown
    refused = run_advisor("scan", "--format", "markdown", ".", cwd=tmp_path)
    assert refused.code == 2
    assert "add --recommend" in refused.err
