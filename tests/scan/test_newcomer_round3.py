"""Variants of the newcomer review's defects that a third re-check found (issue 17): a file the
user can fix named by what it is, a configuration Windows editors write read as written, and
Chinese output punctuated as Chinese. Driven through the installed CLI on files written here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import clean_env, run_advisor

BLOCKING = "import time\n\n\nasync def f():\n    time.sleep(1)\n"
PROGRAM = (
    "import asyncio\n\n\nasync def main():\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n"
)


@pytest.mark.parametrize(("lang", "words"), [("en", "UTF-16 text"), ("zh-TW", "UTF-16")])
def test_scan_recommend_names_utf16_source_and_its_fix(
    tmp_path: Path, lang: str, words: str
) -> None:
    """`scan` called a UTF-16 file (PowerShell's `>`) UTF-16; `scan --recommend` called the
    same file "binary data, not Python source", which names no fix."""
    (tmp_path / "app.py").write_bytes(PROGRAM.encode("utf-16"))
    result = run_advisor("scan", "--recommend", ".", "--lang", lang, cwd=tmp_path)
    assert result.code == 2
    assert words in result.err
    assert "binary" not in result.err
    assert "二進位" not in result.err
    assert "UTF-8" in result.err
    assert "Traceback" not in result.err


def test_a_pyproject_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a byte-order mark; tomllib then said "Invalid statement (at
    line 1, column 1)" of a file that looks fine in every editor, and the scan stopped."""
    (tmp_path / "app.py").write_text(BLOCKING)
    (tmp_path / "pyproject.toml").write_bytes(
        '\ufeff[tool.advisor]\nignore = ["ADV101"]\n'.encode()
    )
    result = run_advisor("scan", ".", cwd=tmp_path)
    assert (result.code, result.out) == (0, "")  # the setting in the file was honoured
    assert "TOML" not in result.err


_CJK = "[\u3400-\u4dbf\u4e00-\u9fff]"
#: ASCII , : ; ? ( touching Chinese prose, or an ASCII colon before it across a space.
_HALF_WIDTH = re.compile(rf"{_CJK}[,:;?(]|[,:;?(]{_CJK}|\w[,:;?] +{_CJK}")


@pytest.mark.parametrize(
    "answers",
    [
        ("--cpu-bound", "no", "--concurrency", "500"),
        ("--cpu-bound", "yes"),
    ],
)
def test_recommendation_prose_in_zh_tw_is_punctuated_in_full_width(
    answers: tuple[str, ...],
) -> None:
    """The data files were checked (tests/meta/test_zh_typography.py), but the renderer
    wrapped "假設：預設值" in ASCII parentheses and joined an alternative, a pitfall or a
    derived answer to its text with ": ". The printed page is what the reader sees: every
    line of it outside code (backticks, the template) is checked."""
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "recommend", *answers, "--lang", "zh-TW"],
        capture_output=True, text=True, env=clean_env(), timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    page = proc.stdout.split("\n範本")[0]  # the template that follows is Python code
    prose = re.sub(r"`[^`]*`", "", page)
    bad = [line.strip() for line in prose.splitlines() if _HALF_WIDTH.search(line)]
    assert bad == []
    assert "（假設：" in page
