"""Newcomer review 23, 16 and 18: what the user reads, through the installed CLI.

- 16: "Recommendation: asyncio+executor" over "Template (service_threads)" read as if the tool
  had switched to threads: the heading names the model the template is written for.
- 18: ADV104 in a notebook cell that never awaits said "inside a coroutine"; the SARIF note
  "270 of them held no word..." had no "them"; the markdown path table's header was
  "| # | ? | | → |"; `advisor validate` on a file holding `foo: bar` said "version must be 1,
  got empty" and "start names unknown node empty".

Our own fixtures in ``tests/fixtures/review23``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, run_advisor, user_env

HERE = FIXTURES / "review23"
#: A FastAPI-like service calling a blocking library from `async def`: asyncio+executor.
EXECUTOR = ["--cpu-bound", "no", "--program", "service", "--concurrency", "100"]
EXECUTOR += ["--cpu-heavy-steps", "no", "--shared-memory", "no", "--async-libs", "no"]
EXECUTOR += ["--async-app", "yes"]


@pytest.mark.parametrize(
    ("lang", "fmt", "heading"),
    [
        ("en", "plain", "Template (service_threads, for asyncio+executor)"),
        ("zh-TW", "plain", "程式碼範本（service_threads，用於 asyncio+executor）"),
        ("en", "markdown", "## Template (`service_threads`, for `asyncio+executor`)"),
    ],
)
def test_the_template_heading_names_the_model(lang: str, fmt: str, heading: str) -> None:
    result = run_advisor("recommend", *EXECUTOR, "--format", fmt, "--lang", lang, timeout=300)
    assert result.code == 0, result.err
    assert heading in result.out.splitlines(), result.out[-3000:]


def test_a_template_named_as_its_model_says_it_once() -> None:
    answers = [*EXECUTOR[:2], "--program", "script", *EXECUTOR[4:-1], "no"]
    result = run_advisor("recommend", *answers, "--format", "plain", timeout=300)
    assert result.code == 0, result.err
    assert "Template (threading)" in result.out.splitlines()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "`asyncio.run` in a notebook cell fails because the kernel's event loop"),
        ("zh-TW", "`asyncio.run` 在筆記本儲存格裡呼叫會失敗"),
    ],
)
def test_adv104_in_a_cell_names_the_cell(tmp_path: Path, lang: str, words: str) -> None:
    env = user_env(tmp_path, lang)
    result = run_advisor(
        "scan", "narrow/prices.ipynb", "--format", "plain", env=env, cwd=HERE, timeout=300
    )
    adv104 = [line for line in result.out.splitlines() if "ADV104" in line]
    assert adv104, result.out
    assert all(words in line for line in adv104), result.out
    assert not any("coroutine fails" in line or "協程裡呼叫" in line for line in adv104)


def test_the_sarif_note_names_what_it_counts(tmp_path: Path) -> None:
    env = user_env(tmp_path, "en")
    result = run_advisor("scan", "narrow", "--format", "sarif", env=env, cwd=HERE, timeout=300)
    run = json.loads(result.out)["runs"][0]
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any(n.startswith("2 of the 8 file(s) scanned held no word") for n in notes), notes
    assert not any("of them" in n for n in notes), notes


@pytest.mark.parametrize(
    ("lang", "header"),
    [("en", "| # | Question | Answer | Because |"), ("zh-TW", "| # | 問題 | 答案 | 原因 |")],
)
def test_the_markdown_path_table_says_what_its_columns_hold(lang: str, header: str) -> None:
    result = run_advisor(
        "recommend", *EXECUTOR, "--format", "markdown", "--lang", lang, timeout=300
    )
    assert header in result.out.splitlines()
    assert "| # | ? | | → |" not in result.out


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "the tree file has no 'version'"), ("zh-TW", "樹狀檔案 缺少 'version'")],
)
def test_validate_says_a_missing_key_is_missing(tmp_path: Path, lang: str, said: str) -> None:
    (tmp_path / "my_tree.yaml").write_text("foo: bar\n", encoding="utf-8")
    result = run_advisor("validate", "my_tree.yaml", "--lang", lang, cwd=tmp_path, timeout=300)
    assert result.code == 2, result
    assert f"my_tree.yaml:1: {said}" in result.err.splitlines(), result.err
    assert "empty" not in result.err, result.err
    assert "空值" not in result.err, result.err
