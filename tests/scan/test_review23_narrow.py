"""Newcomer review 23, 8, 10 and 11: the rich scan report in a narrow terminal.

- 8: the ``blocks at:`` line was never wrapped (82 columns in 80; 74-82 in 40, English and
  zh-TW), nor a long dotted name in a message (`concurrent.futures.ThreadPoolExecutor`, 57
  columns in 40). A path now breaks after "/", a dotted name after ".". Run from inside a
  repository's subfolder, the line also named the hop from the repository's root, not as the
  user wrote the scanned folder.
- 10: the summary lines broke only at spaces: in zh-TW "其中 30 " stood alone, a line started
  with "：", "（共掃描 10 " was split from "個檔案）"; English lines ended in a space. And the
  zh-TW fix line read "修正：請改用：" (two colons).
- 11: a notebook's `cell 4:6:11  ADV104` findings ran 3 columns past a 40-column terminal.

Our own reproduction in ``tests/fixtures/review23/narrow`` (after Red-DiscordBot's downloader
cog, and an async notebook), scanned by the installed CLI from the folder above it, at 40 and
80 columns, in both languages; every line is measured in terminal cells.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import pytest

from advisor.render.wrapping import NO_LINE_START
from tests.helpers import FIXTURES, run_advisor, user_env

HERE = FIXTURES / "review23"
HOP = "narrow/redlike/cogs/downloader_and_installer_cog/json_mixins_reader.py:8"


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _report(tmp_path: Path, columns: int, lang: str) -> list[str]:
    env = user_env(tmp_path, lang, COLUMNS=str(columns), NO_COLOR="1")
    result = run_advisor("scan", "narrow", "--format", "rich", env=env, cwd=HERE, timeout=300)
    assert result.code == 1, result.err
    return result.out.splitlines()


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("columns", [40, 80])
def test_every_line_fits_the_terminal(tmp_path: Path, columns: int, lang: str) -> None:
    lines = _report(tmp_path, columns, lang)
    too_wide = [line for line in lines if _cells(line) > columns]
    assert not too_wide, "\n".join(lines)
    assert not [line for line in lines if line.endswith(" ")], "\n".join(lines)
    assert any("cell 3:5:11" in line for line in lines)  # the notebook's findings are there


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("columns", [40, 80])
def test_blocks_at_names_the_hop_as_the_user_wrote_the_folder(
    tmp_path: Path, columns: int, lang: str
) -> None:
    lines = _report(tmp_path, columns, lang)
    label = "blocks at: " if lang == "en" else "阻塞於："
    start = next(i for i, line in enumerate(lines) if label in line)
    at = lines[start].index(label) + len(label)
    place, indent = lines[start][at:], _cells(lines[start][:at])  # continued under the path
    for line in lines[start + 1 :]:
        if not line.startswith(" " * indent) or line[indent] == " ":
            break
        place += line[indent:]
    assert place == HOP, "\n".join(lines)
    # A dotted name breaks after a "." where it must, never inside a word.
    assert not any(re.search(r"ThreadPoolExecu$|concurrent\.futu$", line) for line in lines)


@pytest.mark.parametrize("columns", [40, 80])
def test_zh_tw_summary_breaks_where_chinese_may(tmp_path: Path, columns: int) -> None:
    lines = _report(tmp_path, columns, "zh-TW")
    summary = lines[next(i for i, line in enumerate(lines) if "發現" in line) :]
    assert summary[0].startswith("在 2 個檔案中發現 5 個問題")
    for line, after in itertools.pairwise(summary):
        assert after[:1] not in NO_LINE_START, "\n".join(summary)
        # a number stays with the measure word after it ("8 個檔案")
        assert not (re.search(r"\d$", line) and re.match(r"[\u4e00-\u9fff]", after)), summary
    text = "".join(lines)
    assert "修正：請改用 `await" in text
    assert "修正：請改用：" not in text
