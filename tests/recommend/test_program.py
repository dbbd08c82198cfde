"""What --program (and the other answers a tree's `when:` names) changes, as a user sees it:
the installed CLI in a subprocess on every case of `cases/program.yaml`, each output format
marking the program-specific advice, and the template form named when a variant is emitted.
"""

from __future__ import annotations

import json

import pytest
import yaml

import advisor
from tests.helpers import FIXTURES, clean_env, run_advisor

CASES = yaml.safe_load((FIXTURES / "cases" / "program.yaml").read_text(encoding="utf-8"))
SERVICE = [
    "--cpu-bound", "no", "--concurrency", "20", "--shared-memory", "yes",
    "--program", "service", "--async-libs", "no", "--async-app", "no",
]  # fmt: skip


def _flags(answers: dict) -> list[str]:
    tree = advisor.load_tree()
    return [part for qid, v in answers.items() for part in (tree.questions[qid].flag, str(v))]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_program_case_through_the_installed_cli(case):
    answers = dict(case["answers"])
    if "free_threaded" not in answers and "free_threaded" in str(case.get("path")):
        answers["free_threaded"] = "no"  # the interpreter running the tests must not decide
    result = run_advisor("recommend", *_flags(answers), "--format", "json")
    if "error" in case:
        assert result.code == 2
        assert result.out == ""
        assert result.err.count("\n") == 1, result.err  # one clear line
        assert "contradicts --program notebook" in result.err
        return
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["model"], data["leaf"]) == (case["model"], case["leaf"])
    assert [s["question"] for s in data["path"]] == [q.rstrip("*") for q in case["path"]]
    if "tailored" in case:
        assert [t["because"] for t in data["tailored"]] == case["tailored"]
    for fragment in case.get("caveats", ()):
        assert any(fragment in c for c in data["caveats"]), fragment
    for fragment in case.get("no_caveats", ()):
        assert not any(fragment in c for c in data["caveats"]), fragment
    for tailored in data["tailored"]:  # what an answer added is in the lists themselves
        assert set(tailored["caveats"]) <= set(data["caveats"])
        assert all(a in data["alternatives"] for a in tailored["alternatives"])


def test_notebook_with_blocking_libraries_needs_no_async_app_answer():
    """The review's report: `--program notebook --async-libs no` stopped with "missing
    answer for --async-app"; the kernel's loop answers it, and the output says so."""
    result = run_advisor(
        "recommend", "--cpu-bound", "no", "--concurrency", "500",
        "--program", "notebook", "--async-libs", "no",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "--async-app yes  (assumed: derived)" in result.out
    assert "--program notebook: a Jupyter kernel already runs an asyncio event loop" in result.out
    assert result.out.startswith("Recommendation: asyncio+executor\n")


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_contradiction_is_one_line_in_the_users_language(lang):
    result = run_advisor(
        "recommend", "--cpu-bound", "yes", "--program", "notebook", "--async-app", "no",
        "--lang", lang,
    )  # fmt: skip
    assert result.code == 2
    assert result.err.count("\n") == 1
    expected = "矛盾：Jupyter kernel" if lang == "zh-TW" else "contradicts --program notebook"
    assert expected in result.err


@pytest.mark.parametrize(
    ("fmt", "heading", "mark"),
    [
        ("plain", "What your answers changed\n", "  - (--program service) Create the pools"),
        ("markdown", "## What your answers changed\n", "- (--program service) Create the pools"),
        ("rich", "What your answers changed", "• (--program service) Create the pools"),
    ],
)
def test_every_text_format_marks_the_program_specific_advice(fmt, heading, mark):
    result = run_advisor(
        "recommend", *SERVICE, "--format", fmt, env=clean_env(NO_COLOR="1", COLUMNS="400")
    )
    assert result.code == 0, result.err
    assert heading in result.out
    assert "--program service: the caveats and alternatives marked (--program service)" in (
        result.out
    )
    assert mark in result.out
    assert "(--program service) In a FastAPI or Starlette service" in result.out  # alternative
    assert "Guard every read-modify-write" in result.out  # the unmarked caveat stays unmarked
    assert "(--program service) Guard" not in result.out


def test_zh_tw_marks_with_full_width_parentheses():
    result = run_advisor("recommend", *SERVICE, "--lang", "zh-TW")
    assert result.code == 0, result.err
    assert "你的答案改變了什麼" in result.out
    assert "  - （--program service）池與用戶端要在啟動時建立一次" in result.out
    assert (
        "程式碼範本是 service_threads，也就是 threading 供 --program service 使用的形式"
        in result.out
    )


def test_a_script_has_nothing_to_say_about_program_kinds():
    result = run_advisor("recommend", "--cpu-bound", "no", "--concurrency", "500")
    assert result.code == 0, result.err
    assert "What your answers changed" not in result.out
    data = json.loads(
        run_advisor(
            "recommend", "--cpu-bound", "no", "--concurrency", "500", "--format", "json"
        ).out
    )
    assert data["tailored"] == []
    assert data["template"]["base"] is None


def test_the_emitted_variant_is_named_with_its_base(cli, monkeypatch):
    """When the catalog maps a program kind to a variant, the output names the form emitted
    and the leaf's own template, in every format (a stand-in variant: the mechanism, not the
    variants other parts of the project ship)."""
    from advisor import templating

    def variant(template_id: str, program: object) -> str:
        return (
            "threading_native"
            if (template_id, program) == ("threading", "service")
            else template_id
        )

    monkeypatch.setattr(templating, "variant_for", variant)
    data = json.loads(cli("recommend", *SERVICE, "--format", "json").out)
    assert (data["template"]["id"], data["template"]["base"]) == ("threading_native", "threading")
    plain = cli("recommend", *SERVICE).out
    assert (
        "  - the template is threading_native, the form of threading for --program service" in plain
    )
    markdown = cli("recommend", *SERVICE, "--format", "markdown", "--lang", "zh-TW").out
    assert (
        "- 程式碼範本是 threading_native，也就是 threading 供 --program service 使用的形式"
        in markdown
    )
