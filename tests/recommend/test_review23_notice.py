"""Newcomer review 23, 9: `scan --recommend --format rich` in an 80-column terminal.

- The stderr notice ("advisor: the code does not answer --concurrency, but every answer leads
  to threading: ...", said when there is no keyboard to ask) was one 245-character line,
  broken mid-word by the terminal: on a terminal it is now wrapped to its width under
  "advisor: "; piped, it stays one line.
- The evidence panel's title was cut at the panel's edge ("(left out 1 test, example,
  documen─╮"): the title says how many files were read, what was left out opens the panel.

Our own reproduction in ``tests/fixtures/review23/notice`` (after speedtest-cli), run by the
installed CLI in a pty as a user at a terminal, and piped.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, finish, run_advisor, spawn, user_env

PROJECT = FIXTURES / "review23" / "notice"
NOTICE = {
    "en": "advisor: the code does not answer --concurrency, but every answer leads to threading",
    "zh-TW": "advisor: 程式碼沒有回答 --concurrency，但每一種答案都會得到 threading",
}
LEFT_OUT = {"en": "(left out 1 test, example, documentation", "zh-TW": "（略過 1 個測試、範例"}
TITLE = {
    "en": "Evidence from your code (1 file(s) read)",
    "zh-TW": "來自你的程式碼的證據（讀了 1 個檔案）",
}


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_at_a_terminal_the_notice_and_the_evidence_title_fit(tmp_path: Path, lang: str) -> None:
    shutil.copytree(PROJECT, tmp_path / "notice")
    locale = "zh_TW.UTF-8" if lang == "zh-TW" else "C.UTF-8"
    args = (
        "scan",
        "notice",
        "--recommend",
        "--program",
        "script",
        "--format",
        "rich",
        "--lang",
        lang,
    )
    # No keyboard to ask (stdin from /dev/null, as in a script), the screen a terminal.
    child = spawn(*args, lang=locale, tmp_path=tmp_path, columns=80, redirect="< /dev/null")
    code, shown = finish(child)
    assert code == 0, shown
    lines = shown.replace("\r", "").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(NOTICE[lang][:20]))
    notice = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith(" " * len("advisor: ")) or not line.strip():
            break
        notice.append(line)
    assert len(notice) > 1, shown
    assert all(_cells(line) <= 80 for line in notice), notice
    assert " ".join(line.strip() for line in notice).startswith(NOTICE[lang]), notice
    title = next(i for i, line in enumerate(lines) if TITLE[lang] in line)
    assert lines[title].rstrip().endswith("╮")
    assert LEFT_OUT[lang] in lines[title + 1], lines[title : title + 3]


def test_piped_the_notice_stays_one_line(tmp_path: Path) -> None:
    shutil.copytree(PROJECT, tmp_path / "notice")
    env = user_env(tmp_path, "en", COLUMNS="80")
    result = run_advisor("scan", "notice", "--recommend", env=env, cwd=tmp_path, timeout=300)
    assert result.code == 0, result.err
    assert [line for line in result.err.splitlines() if line.startswith(NOTICE["en"])]
    assert len(result.err.splitlines()[0]) > 200
