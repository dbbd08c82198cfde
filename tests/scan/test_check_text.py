"""`lint.analyse.check_text`: the linter on text held in memory (what convert verifies with)
gives what `advisor scan` gives on the same text written to a file."""

from __future__ import annotations

from pathlib import Path

import pytest

import advisor
from advisor.lint.analyse import check_text

TEXT = """import asyncio
import subprocess
import time

from worker import fetch


async def handler():
    time.sleep(1)
    subprocess.getoutput("ls")  # noqa: ADV101
    s = "é"; time.sleep(2)
    ping()
    fetch()
    await asyncio.sleep(0)


async def ping():
    await asyncio.sleep(0)


def main():
    asyncio.run(ping())
"""


def summary(findings: list[advisor.Finding]) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.col, f.code, dict(f.params)["call"]) for f in findings]


def test_same_findings_as_scan(tmp_path: Path) -> None:
    program = tmp_path / "program.py"
    program.write_text(TEXT, encoding="utf-8")
    scanned = advisor.scan(
        [program], select=["ADV101", "ADV102"], config=False, cache=False, jobs=1
    )
    found = check_text(str(program), TEXT)
    assert found == [f._replace(path=str(program), relpath=str(program)) for f in scanned.findings]
    # the noqa'd call is dropped; the column after "é" counts characters, not bytes
    assert summary(found) == [
        (9, 5, "ADV101", "time.sleep"),
        (11, 14, "ADV101", "time.sleep"),
        (12, 5, "ADV102", "ping"),
    ]


def test_coroutines_of_other_files_are_named_by_the_caller() -> None:
    found = check_text("program.py", TEXT, extra_coroutines=["worker.fetch"])
    assert ("ADV102", "fetch") in [(f.code, dict(f.params)["call"]) for f in found]


def test_select_limits_the_rules() -> None:
    assert {f.code for f in check_text("program.py", TEXT, select=["ADV102"])} == {"ADV102"}


def test_text_that_is_not_python_raises() -> None:
    with pytest.raises(SyntaxError):
        check_text("program.py", "async def broken(:\n")
