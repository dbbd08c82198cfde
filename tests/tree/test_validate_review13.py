"""`advisor validate` as a hostile new user met it (review 13): through the installed CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, run_advisor


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


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("name", ["broken_parts.yaml", "broken_graph.yaml"])
def test_every_problem_is_said_in_zh_tw(name: str) -> None:
    """`--lang zh-TW` translated the count line and left every problem in English; the
    checker's texts now have a catalogue (texts/problems.zh-TW.yaml)."""
    path = FIXTURES / "validate" / name
    en = run_advisor("validate", str(path))
    zh = run_advisor("validate", str(path), "--lang", "zh-TW")
    assert en.code == zh.code == 2
    en_lines, zh_lines = en.err.splitlines(), zh.err.splitlines()
    assert len(en_lines) == len(zh_lines) > 15
    english = [line for line in zh_lines if not CJK.search(line.partition(": ")[2] or line)]
    assert english == [], english
    # the same places, in the same order
    assert [line.split(": ")[0] for line in en_lines[:-1]] == [
        line.split(": ")[0] for line in zh_lines[:-1]
    ]


@pytest.mark.parametrize(("lang", "english"), [("en", True), ("zh-TW", False)])
def test_recommend_with_a_broken_tree_says_its_problem_in_the_users_language(
    tmp_path: Path, lang: str, english: bool
) -> None:
    """`recommend --tree` named the tree's first problem in English under `--lang zh-TW`,
    where `advisor validate` said it in Chinese (review 13): both now say the same words."""
    (tmp_path / "tree.yaml").write_text("questions: {}\nstart: nope\n", encoding="utf-8")
    validated = run_advisor("validate", "tree.yaml", "--lang", lang, cwd=tmp_path)
    first_problem = validated.err.splitlines()[0]  # problems go to stderr
    # The file lacks `version`, said as such (newcomer review 23, 18), not "must be 1, got empty".
    assert first_problem.startswith("tree.yaml:1: ")
    result = run_advisor(
        "recommend", "--tree", "tree.yaml", "--cpu-bound", "no", "--lang", lang, cwd=tmp_path
    )
    assert result.code == 2
    assert result.out == ""
    said = result.err.splitlines()[-1]
    assert said.startswith("advisor: error: "), said
    assert first_problem in said
    assert ("has no 'version'" in said) is english
