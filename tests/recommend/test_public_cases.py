"""The issue's public table, through the installed CLI (a subprocess, as a user runs it)
and the library, plus `--tree seed` on every command and unused answers in every format
(in-process, through `cli`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

import advisor
from tests.helpers import FIXTURES, run_advisor

PUBLIC = yaml.safe_load((FIXTURES / "cases" / "public.yaml").read_text(encoding="utf-8"))
GIL_BUILD = getattr(sys, "_is_gil_enabled", lambda: True)()


def flags(case: dict) -> list[str]:
    tree = advisor.load_tree(case.get("tree"))
    args = ["--tree", case["tree"]] if "tree" in case else []
    for qid, value in case["answers"].items():
        args += [tree.questions[qid].flag, str(value)]
    return args


def _skip_unless_gil(case: dict) -> None:
    if (case.get("facts") or {}).get("free_threading") is False and not GIL_BUILD:
        pytest.skip("the case is about a GIL build; this interpreter is free-threaded")


@pytest.mark.parametrize("case", PUBLIC, ids=[c["name"] for c in PUBLIC])
def test_public_case_through_the_installed_cli(case):
    _skip_unless_gil(case)
    result = run_advisor("recommend", *flags(case), "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["model"], data["leaf"]) == (case["model"], case["leaf"])
    expected = [(q.rstrip("*"), q.endswith("*")) for q in case["path"]]
    assert [(s["question"], s["assumed"]) for s in data["path"]] == expected
    assert [u["question"] for u in data["unused"]] == case.get("unused", [])


@pytest.mark.parametrize("case", PUBLIC, ids=[c["name"] for c in PUBLIC])
def test_public_case_through_the_library(case):
    _skip_unless_gil(case)
    tree = advisor.load_tree(case.get("tree"))
    rec = advisor.recommend(tree, **case["answers"])
    assert (rec.model, rec.leaf) == (case["model"], case["leaf"])
    assert [u.question for u in rec.unused] == case.get("unused", [])


def _json(cli, *args: str) -> dict:
    result = cli("recommend", *args, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_blocking_library_at_500_gets_a_pool_sized_to_500(cli):
    args = ["--cpu-bound", "no", "--concurrency", "500", "--async-libs", "no"]
    threads = _json(cli, *args, "--async-app", "no")
    assert threads["model"] == "threading"
    assert "CONCURRENCY: int = 500\n" in threads["template"]["code"]
    assert "ThreadPoolExecutor(max_workers=MAX_WORKERS" in threads["template"]["code"]
    executor = _json(cli, *args, "--async-app", "yes")
    assert executor["template"]["id"] == "asyncio_threads"
    assert "CONCURRENCY: int = 500\n" in executor["template"]["code"]
    assert "pool = ThreadPoolExecutor(max_workers=MAX_WORKERS" in executor["template"]["code"]


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_shared_state_with_async_libraries_says_why_it_differs(cli, lang):
    args = ["--cpu-bound", "no", "--concurrency", "20", "--shared-memory", "yes"]
    data = _json(cli, *args, "--async-libs", "yes", "--lang", lang)
    assert data["model"] == "asyncio"
    marker, figure = ("The chapter's flowchart says threading", "2.25×")
    if lang == "zh-TW":
        marker, figure = ("教學章節流程圖在這裡建議 threading", "2.25 倍")
    assert marker in data["justification"]
    assert figure in data["justification"]


# --- unused answers: reported in every format ------------------------------------------

UNUSED_ARGS = ["--cpu-bound", "no", "--concurrency", "500", "--shared-memory", "yes"]


@pytest.mark.parametrize(
    ("fmt", "expect"),
    [
        ("plain", "  - --shared-memory yes: not asked on this path"),
        ("markdown", "## Answers not used\n\n- --shared-memory yes: not asked on this path"),
        ("rich", "• --shared-memory yes: not asked on this path"),
    ],
)
def test_unused_answers_are_shown(cli, fmt, expect):
    env_args = ["recommend", *UNUSED_ARGS, "--format", fmt]
    result = cli(*env_args)
    assert result.code == 0, result.err
    assert expect in result.out


def test_unused_answers_in_json_and_chinese(cli):
    data = _json(cli, *UNUSED_ARGS)
    assert data["unused"] == [
        {"question": "shared_memory", "flag": "--shared-memory", "answer": True, "source": "flag"}
    ]
    zh = cli("recommend", *UNUSED_ARGS, "--lang", "zh-TW", "--format", "plain")
    assert "未使用的答案\n  - --shared-memory 是：這條路徑沒有問到它" in zh.out


def test_no_unused_section_when_every_answer_was_used(cli):
    result = cli("recommend", "--cpu-bound", "no", "--concurrency", "500")
    assert "Answers not used" not in result.out


# --- the chapter's tree on every command ------------------------------------------------


def test_seed_tree_on_every_command(cli, tmp_path: Path):
    rec = _json(cli, "--tree", "seed", "--cpu-bound", "no", "--concurrency", "500")
    assert (rec["model"], rec["leaf"]) == ("asyncio", "asyncio_many")
    assert [s["question"] for s in rec["path"]] == ["cpu_bound", "concurrency"]
    # The default tree's questions are not flags of the chapter's tree.
    refused = cli("recommend", "--tree", "seed", "--cpu-bound", "yes", "--native-code", "no")
    assert refused.code == 2
    assert "--native-code" in refused.err
    tree = cli("tree", "--tree", "seed", "--format", "plain")
    assert tree.code == 0
    assert "[yes] → multiprocessing (the chapter): CPU-bound work" in tree.out
    valid = cli("validate", "seed")
    assert valid.code == 0, valid.err
    assert "OK (5 questions, 11 nodes, 6 leaves)" in valid.out
    answers = tmp_path / "answers.yaml"
    answers.write_text("cpu_bound: yes\n", encoding="utf-8")
    asked = cli("ask", "--tree", "seed", "--answers", str(answers), "--format", "json")
    assert asked.code == 0, asked.err
    assert json.loads(asked.out)["model"] == "multiprocessing"
    assert "--tree seed" in asked.err  # the repeat command names the tree


def test_library_loads_the_seed_tree_by_name():
    seed = advisor.load_tree("seed")
    assert set(seed.questions) == {
        "cpu_bound",
        "concurrency",
        "shared_memory",
        "async_libs",
        "async_app",
    }
    assert advisor.recommend(seed, cpu_bound=True).model == "multiprocessing"


@pytest.mark.parametrize(("lang", "words"), [("en", "running advisor"), ("zh-TW", "執行 advisor")])
def test_free_threaded_auto_help_names_the_interpreter_it_checks(cli, lang, words):
    result = cli("recommend", "--help", "--lang", lang)
    assert result.code == 0
    help_text = " ".join(result.out.split())
    assert words in help_text
    assert "python3.14t -m advisor" in help_text
