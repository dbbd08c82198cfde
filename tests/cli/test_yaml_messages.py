"""YAML-level problems speak the user's language: advisor's own words about a file that is
not valid YAML, an unsafe tag or a duplicate key are said in zh-TW under ``--lang zh-TW``,
in an answers file and in a tree file alike; the YAML parser's own detail may stay English.
English output stays exactly what it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

# file text, the English message, its zh-TW counterpart
CASES = {
    "invalid": (
        "io_bound: [yes\nshared_memory: no\n",
        "2: not valid YAML: did not find expected ',' or ']'",
        "2: 不是有效的 YAML：did not find expected ',' or ']'",
    ),
    "unsafe_tag": (
        "io_bound: !!python/object/apply:os.system [echo pwned]\n",
        "1: unsafe or unknown tag 'tag:yaml.org,2002:python/object/apply:os.system'; "
        "only plain YAML (mappings, lists, strings, numbers, booleans) is allowed",
        "1: 不安全或不認得的標籤 'tag:yaml.org,2002:python/object/apply:os.system'；"
        "只接受一般的 YAML（對應表、清單、字串、數字、布林值）",
    ),
    "duplicate": (
        "io_bound: yes\nio_bound: no\n",
        "2: duplicate key 'io_bound' (first at line 1)",
        "2: 重複的鍵 'io_bound'（第一次出現在第 1 行）",
    ),
}


def _file(tmp_path: Path, case: str) -> str:
    path = tmp_path / f"{case}.yaml"
    path.write_text(CASES[case][0], encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_answers_file_in_both_languages(cli, tmp_path, case):
    path = _file(tmp_path, case)
    _, english, chinese = CASES[case]
    en = cli("recommend", "--answers", path)
    zh = cli("recommend", "--answers", path, "--lang", "zh-TW")
    assert (en.code, zh.code) == (2, 2)
    assert en.err == f"advisor: error: {path}:{english}; fix the answers file\n"
    assert zh.err == f"advisor: error: {path}:{chinese}；請修正答案檔\n"


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_tree_file_in_validate_in_both_languages(cli, tmp_path, case):
    path = _file(tmp_path, case)
    _, english, chinese = CASES[case]
    en = cli("validate", path)
    zh = cli("validate", path, "--lang", "zh-TW")
    assert (en.code, zh.code) == (2, 2)
    assert en.err.splitlines()[0] == f"{path}:{english}"
    assert zh.err.splitlines()[0] == f"{path}:{chinese}"
    assert len(en.err.splitlines()) == len(zh.err.splitlines()) == 2  # the problem, the count


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_tree_file_given_to_recommend_in_both_languages(cli, tmp_path, case):
    path = _file(tmp_path, case)
    _, english, chinese = CASES[case]
    en = cli("recommend", "--tree", path)
    zh = cli("recommend", "--tree", path, "--lang", "zh-TW")
    assert (en.code, zh.code) == (2, 2)
    assert en.err == f"advisor: error: invalid decision tree: {path}:{english}\n"
    assert zh.err == f"advisor: error: 決策樹無效：{path}:{chinese}\n"


def test_no_english_sentence_of_advisor_is_left_in_zh_tw(cli, tmp_path):
    """Only the parser's quoted detail may stay English; advisor's own words may not."""
    for case in CASES:
        path = _file(tmp_path, case)
        for argv in (["recommend", "--answers", path], ["validate", path]):
            err = cli(*argv, "--lang", "zh-TW").err
            for english in ("not valid YAML", "unsafe or unknown", "duplicate key", "only plain"):
                assert english not in err, (case, argv)
