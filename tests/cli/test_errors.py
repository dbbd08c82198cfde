"""A mistake is one line on stderr and exit 2, in the user's language; a traceback only with
--debug, which keeps the exit code."""

from __future__ import annotations

import pytest
import yaml

from tests.helpers import FIXTURES, run_advisor

TREES = FIXTURES / "trees"


def error_cases() -> list[pytest.param]:
    cases = yaml.safe_load((FIXTURES / "cli_errors.yaml").read_text(encoding="utf-8"))
    return [pytest.param(c["args"], c["expect"], id=" ".join(c["args"])[:60]) for c in cases]


@pytest.mark.parametrize(("args", "expect"), error_cases())
def test_bad_input_is_one_line_and_exit_2(cli, args, expect):
    args = [a.replace("TREES", str(TREES)) for a in args]
    result = cli(*args)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) >= 1
    if args[0] == "validate":
        assert any(expect in line for line in lines)
    else:
        assert len(lines) == 1
        assert lines[0].startswith("advisor: error: ")
        assert expect in lines[0]
    assert "Traceback" not in result.err


def test_subprocess_bad_input_has_no_traceback():
    result = run_advisor("recommend", "--concurrency", "abc", "--cpu-bound", "no")
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err


def test_debug_shows_the_traceback():
    result = run_advisor("--debug", "recommend", "--cpu-bound", "maybe")
    assert "Traceback" in result.err
    assert "InvalidAnswerError" in result.err


def test_debug_keeps_the_exit_code():
    result = run_advisor("--debug", "recommend", "--cpu-bound", "maybe")
    assert result.code == 2
    assert "Traceback" in result.err
    assert result.err.rstrip().endswith("answer yes or no (also y/n, true/false, 1/0, 是/否)")


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["recommend", "--cpu-bound", "maybe"], "--cpu-bound 的值 'maybe' 無效：請回答 yes 或 no"),
        (
            ["recommend", "--cpu-bound", "no", "--concurrency", "abc"],
            "請輸入 1 到 10000000 之間的整數",
        ),
        (["recommend", "--cpu-bound", "no", "--concurrency", "0"], "--concurrency 0 超出範圍"),
        (["recommend"], "缺少 --cpu-bound（工作是 CPU 密集"),
        (
            ["explain", "gevent"],
            "不認得的模型或規則 'gevent'；explain 接受模型或主題（threading, asyncio",
        ),
    ],
)
def test_errors_in_traditional_chinese(cli, args, expect):
    result = cli(*args, "--lang", "zh-TW")
    assert result.code == 2
    assert result.err.startswith("advisor: error: ")
    assert expect in result.err
    assert len(result.err.splitlines()) == 1


def test_errors_follow_the_locale_and_existing_file_is_named(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    target = tmp_path / "x.py"
    target.write_text("mine\n", encoding="utf-8")
    result = cli("recommend", "--cpu-bound", "yes", "--emit", str(target))
    assert result.err == f"advisor: error: {target} 已經存在；請換一個檔名，或加上 --force 覆寫\n"


def test_a_bad_lang_keeps_errors_in_english(cli):
    result = cli("recommend", "--lang", "klingon", "--cpu-bound", "yes")
    assert (
        result.err == "advisor: error: unknown language 'klingon': use --lang en or --lang zh-TW\n"
    )
