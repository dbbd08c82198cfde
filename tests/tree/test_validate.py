"""`advisor validate`: the shipped tree and a custom one pass; a broken one is reported with
its file and line, one problem a line, and a count at the end."""

from __future__ import annotations

from tests.helpers import FIXTURES

TREES = FIXTURES / "trees"


def test_validate_shipped_and_custom(cli):
    ok = cli("validate")
    assert ok.code == 0
    assert "OK (10 questions, 41 nodes, 19 leaves)" in ok.out
    custom = cli("validate", str(TREES / "valid_custom.yaml"))
    assert custom.code == 0
    bad = cli("validate", str(TREES / "invalid_unknown_question.yaml"))
    assert bad.code == 2
    lines = bad.err.splitlines()
    assert lines[0].startswith(f"{TREES / 'invalid_unknown_question.yaml'}:13: ")
    assert lines[-1].endswith("2 problem(s); fix them and run `advisor validate` again")


def test_validate_says_why_a_file_cannot_be_read_in_the_chosen_language(cli, tmp_path):
    """`advisor validate missing.yaml --lang zh-TW` said "cannot read decision tree ...: file
    not found" in English, though `recommend --tree missing.yaml --lang zh-TW` says it in Chinese."""
    missing = tmp_path / "missing.yaml"
    result = cli("validate", str(missing), "--lang", "zh-TW")
    assert result.code == 2
    first = result.err.splitlines()[0]
    assert first == f"{missing}: 無法讀取決策樹 {missing}：找不到檔案；請檢查路徑"
    english = cli("validate", str(missing))
    assert english.err.splitlines()[0] == (
        f"{missing}: cannot read decision tree {missing}: file not found; check the path"
    )
