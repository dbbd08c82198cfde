"""The futures idioms of issue 18 as a user meets them: the installed CLI in a subprocess
converts a program that waits on its futures (wait with FIRST_EXCEPTION, a `while not_done`
loop) and one that reads a dict of futures in completion order, says so in both languages,
and the written programs print what the originals printed (peak in flight included)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import FIXTURES, run_advisor

CASES = FIXTURES / "convert"


def _run(path: Path) -> str:
    proc = subprocess.run(
        [sys.executable, str(path)],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_wait_and_completion_order_converted_through_the_cli(tmp_path: Path) -> None:
    shutil.copy(CASES / "futures_wait" / "before.py", tmp_path / "waits.py")
    shutil.copy(CASES / "futures_flags2_dict" / "before.py", tmp_path / "flags.py")
    originals = {name: _run(tmp_path / name) for name in ("waits.py", "flags.py")}
    english = run_advisor(
        "convert", "waits.py", "flags.py", "--target-version", "3.11", cwd=tmp_path
    )
    assert english.code == 0, english.err
    assert "waits.py:37: ADV203 wait() -> await a helper around asyncio.wait" in english.err
    assert "flags.py:42: ADV203 as_completed() -> async for over the tasks themselves" in (
        english.err
    )
    chinese = run_advisor(
        "convert", "--lang", "zh-TW", "flags.py", "--target-version", "3.11", cwd=tmp_path
    )
    assert "as_completed() -> 以 async for 依完成順序走訪任務本身" in chinese.err
    write = run_advisor(
        "convert", "waits.py", "flags.py", "--write", "--target-version", "3.11", cwd=tmp_path
    )
    assert write.code == 0, write.err
    assert "async def wait_tasks(" in (tmp_path / "waits.py").read_text(encoding="utf-8")
    for name, printed in originals.items():
        assert _run(tmp_path / name) == printed
    assert "peak in flight: 4" in originals["waits.py"]
    assert "peak in flight: 2" in originals["flags.py"]
