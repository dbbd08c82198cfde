"""The newcomer review's `scan` defects that a re-check found still open (#36/#45 reasons
in zh-TW, #51 and a per-file-ignores message), driven through the installed CLI.

Fixtures are minimal files written here, in the shapes the review names.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_advisor

BLOCKING = "import time\n\n\nasync def f():\n    time.sleep(1)\n"


def test_a_wrongly_typed_setting_is_named_once_with_its_fix(tmp_path: Path) -> None:
    """`per-file-ignores = "x"` was said in Chinese as "must be a list of strings", behind a
    stray "per-file-ignores: " prefix; `[tool] advisor = 5` named no fix (#51)."""
    (tmp_path / "x.py").write_text(BLOCKING)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.advisor]\nper-file-ignores = "x"\n')
    for lang, words in (("en", "must be a table of glob"), ("zh-TW", "的表格")):
        result = run_advisor("scan", "--lang", lang, cwd=tmp_path)
        assert result.code == 2
        assert result.err.count("\n") == 1, result.err
        assert result.err.startswith(f"advisor: error: {pyproject}: ")
        assert words in result.err
        assert "[tool.advisor.per-file-ignores]" in result.err
    pyproject.write_text("[tool]\nadvisor = 5\n")
    result = run_advisor("scan", "--lang", "zh-TW", cwd=tmp_path)
    assert result.code == 2
    assert "必須是表格" in result.err
    assert "請寫一行 [tool.advisor] 標頭" in result.err


def test_unreadable_notebooks_are_explained_in_the_users_language(tmp_path: Path) -> None:
    """#36/#45: the reason a notebook is skipped was English inside a Chinese line."""
    notebooks = {
        "r.ipynb": {
            "cells": [{"cell_type": "code", "source": "x <- 1"}],
            "metadata": {"kernelspec": {"name": "ir", "language": "R"}},
        },
        "odd.ipynb": {"cells": [{"cell_type": "code", "source": [1, 2]}]},
        "prose.ipynb": {"cells": [{"cell_type": "markdown", "source": "# notes"}]},
    }
    for name, notebook in notebooks.items():
        (tmp_path / name).write_text(json.dumps(notebook))
    (tmp_path / "main.py").write_text(
        "import threading\n\n\ndef work():\n    pass\n\n\nif __name__ == '__main__':\n"
        "    t = threading.Thread(target=work)\n    t.start()\n    t.join()\n"
    )
    result = run_advisor(
        "scan", "--recommend", "--lang", "zh-TW", "--format", "json", "--cpu-bound", "no",
        "--concurrency", "5", "--shared-memory", "no", "--async-libs", "no",
        "--async-app", "no", "--program", "script", "--cpu-heavy-steps", "no", ".",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(result.out)
    skipped = {item["path"]: item["reason"] for item in data["scanned"]["skipped"]}
    # The context line joined with an ASCII colon beside Chinese (newcomer re-check).
    assert [c["reason"] for c in data["context"]] == ["已經使用 threading.Thread：執行緒"]
    assert skipped == {
        "odd.ipynb": "無法讀取：不是筆記本（程式碼儲存格 1 的內容不是文字）",
        "prose.ipynb": "筆記本裡沒有 Python 程式碼儲存格",
        "r.ipynb": "無法讀取：這是 R 的筆記本，不是 Python",
    }
