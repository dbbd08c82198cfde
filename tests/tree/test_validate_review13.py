"""`advisor validate` as a hostile new user met it (review 13): through the installed CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_advisor


@pytest.mark.parametrize(
    ("lang", "more"),
    [("en", "... and 3954 more problem(s) not shown"), ("zh-TW", "……另有 3954 個問題沒有顯示")],
)
def test_a_huge_broken_file_prints_a_bounded_report(tmp_path: Path, lang: str, more: str) -> None:
    """Two thousand bad question ids printed four thousand lines; now the first fifty, a
    line saying how many more, and the count."""
    lines = ["questions:", *(f"  Q{i}: 5" for i in range(2000)), "nodes: 3"]
    (tmp_path / "huge.yaml").write_text("\n".join(lines) + "\n")
    result = run_advisor("validate", "huge.yaml", "--lang", lang, cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    shown = result.err.splitlines()
    assert len(shown) == 52, shown[-3:]
    assert shown[-2].startswith(more), shown[-2]
    assert "4004" in shown[-1]
