"""Newcomer review 25 (18), the zh-TW glitches a reader saw, driven through the CLI: a stray
space where a placeholder's Chinese value met the template's Chinese ("請改用 非同步的"),
`錯誤:` with a half-width colon, full-width colons inside code, and `scan --help --lang
zh-TW` breaking `[project.scripts]` and `--tree` across lines."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from tests.helpers import clean_env, run_advisor


def _cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


def test_a_chinese_fix_follows_its_verb_without_a_space(tmp_path: Path) -> None:
    (tmp_path / "z.py").write_text(
        "import requests\n\n\nasync def f():\n    return requests.get('https://x', timeout=5)\n",
        encoding="utf-8",
    )
    zh = run_advisor("scan", "z.py", "--format", "plain", "--lang", "zh-TW", cwd=tmp_path)
    assert zh.code == 1, zh.err
    assert "請改用非同步的 HTTP 用戶端" in zh.out
    en = run_advisor("scan", "z.py", "--format", "plain", cwd=tmp_path)
    assert "; use an async HTTP client" in en.out
    # A Latin value keeps its space: 請改用 `await asyncio.sleep(...)`
    (tmp_path / "s.py").write_text(
        "import time\n\n\nasync def f():\n    time.sleep(1)\n", encoding="utf-8"
    )
    sleep = run_advisor("scan", "s.py", "--format", "plain", "--lang", "zh-TW", cwd=tmp_path)
    assert "請改用 `await asyncio.sleep(...)`" in sleep.out


def test_labels_take_the_full_width_colon_and_code_keeps_ascii() -> None:
    guide = run_advisor("explain", "asyncio", "--format", "plain", "--lang", "zh-TW")
    assert guide.code == 0, guide.err
    assert "錯誤：" in guide.out
    assert "錯誤:" not in guide.out
    assert "`except BaseException:`（或單獨的 `except:`、`except CancelledError:`）" in guide.out
    assert "except：" not in guide.out


def test_chinese_help_wraps_by_cells_and_keeps_tokens_whole() -> None:
    for columns in (60, 80, 100):
        result = run_advisor(
            "scan", "--help", "--lang", "zh-TW", env=clean_env(COLUMNS=str(columns))
        )
        assert result.code == 0, result.err
        # The options, their help and the exit-code table after them (the usage line holds
        # whole options, as argparse writes it).
        text = result.out[result.out.index("  -h, --help") :]
        assert "[project.scripts]" in text
        assert not re.search(r"projec\n|\n *t\.scripts\]|--\n|-\n *tree", text), columns
        wide = [
            line for line in text.splitlines() if _cells(line) > columns and " " in line.strip()
        ]
        assert not wide, (columns, wide[:2])
