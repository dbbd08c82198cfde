"""The engine against the case files: answers in, model and path out."""

from __future__ import annotations

import pytest
import yaml

from advisor import engine
from advisor.answers import from_mapping
from advisor.errors import MissingAnswersError, UsageError
from advisor.models import Answer, Fact, Source
from advisor.tree import load_tree
from tests.helpers import FIXTURES

CASES_DIR = FIXTURES / "cases"


def load_cases() -> list[pytest.param]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return params


@pytest.fixture(scope="module")
def tree():
    return load_tree()


def case_tree(case: dict):
    """The tree a case runs on: the default, or the chapter's flowchart (`tree: seed`)."""
    return load_tree(case["tree"]) if "tree" in case else load_tree()


@pytest.mark.parametrize("case", load_cases())
def test_case(case):
    tree = case_tree(case)
    answers = from_mapping(tree, case["answers"], Source.FLAG)
    facts = {
        name: Fact(value, f"test fact {name}") for name, value in (case.get("facts") or {}).items()
    }
    rec = engine.recommend(tree, answers, facts=facts)
    assert rec.model == case["model"]
    assert rec.leaf == case["leaf"]
    expected = [(q.rstrip("*"), q.endswith("*")) for q in case["path"]]
    assert [(s.question, s.assumed) for s in rec.path] == expected
    assert [u.question for u in rec.unused] == case.get("unused", [])
    for qid, value in (case.get("context") or {}).items():
        assert rec.template.context[qid] == value


@pytest.mark.parametrize("name", [None, "seed"])
def test_every_leaf_is_covered_by_a_case(name):
    """The case files walk every leaf of both shipped trees at least once."""
    covered = {c.values[0]["leaf"] for c in load_cases() if c.values[0].get("tree") == name}
    tree = load_tree(name)
    leaves = {nid for nid, node in tree.nodes.items() if hasattr(node, "model")}
    assert leaves == covered


def test_missing_answer_names_the_question_and_what_may_follow(tree):
    with pytest.raises(MissingAnswersError) as info:
        engine.recommend(
            tree, from_mapping(tree, {"cpu_bound": "no", "concurrency": 20}, Source.FLAG)
        )
    assert info.value.flags == ("--shared-memory",)
    assert [q.flag for q in info.value.maybe] == []  # --async-libs defaults to yes
    assert "--shared-memory" in str(info.value)
    assert info.value.exit_code == 2


def test_nothing_answered_needs_cpu_bound_first(tree):
    with pytest.raises(MissingAnswersError) as info:
        engine.recommend(tree, {})
    assert info.value.flags == ("--cpu-bound",)


def test_answers_keep_their_source_and_evidence(tree):
    answers = {
        "cpu_bound": Answer(False, Source.INFERRED, "app.py:3 imports aiohttp"),
        "concurrency": Answer(300, Source.FILE, "answers.yaml:2"),
    }
    rec = engine.recommend(tree, answers)
    steps = {s.question: s for s in rec.path}
    assert steps["cpu_bound"].source == "inferred"
    assert steps["cpu_bound"].assumed is True
    assert steps["cpu_bound"].evidence == "app.py:3 imports aiohttp"
    assert steps["concurrency"].source == "file"
    assert steps["concurrency"].assumed is False
    assert steps["cpu_heavy_steps"].source == "default"


def test_auto_without_a_fact_is_a_usage_error(tree):
    with pytest.raises(UsageError, match="--free-threaded yes or no"):
        engine.recommend(tree, {"cpu_bound": Answer(True)}, facts={})


def test_detected_fact_carries_its_evidence(tree):
    facts = {"free_threading": Fact(True, "sys._is_gil_enabled() is False")}
    rec = engine.recommend(tree, {"cpu_bound": Answer(True)}, facts=facts)
    step = rec.path[-1]
    assert (step.question, step.answer, step.source) == ("free_threaded", True, "detected")
    assert step.evidence == "sys._is_gil_enabled() is False"


def test_template_context_holds_the_answers(tree):
    rec = engine.recommend(
        tree, from_mapping(tree, {"cpu_bound": "no", "concurrency": 777}, Source.FLAG)
    )
    assert rec.template.id == "asyncio"
    assert rec.template.context["concurrency"] == 777


def test_command_line_repeats_only_given_answers(tree):
    rec = engine.recommend(
        tree, from_mapping(tree, {"cpu_bound": "no", "concurrency": 500}, Source.FLAG)
    )
    assert engine.command_line(rec) == "advisor recommend --cpu-bound no --concurrency 500"


def test_unknown_question_is_rejected(tree):
    with pytest.raises(UsageError, match="unknown question 'threads'"):
        engine.recommend(tree, {"threads": Answer(True)})


def test_texts_follow_the_language(tree):
    answers = from_mapping(tree, {"cpu_bound": "yes", "free_threaded": "no"}, Source.FLAG)
    en = engine.recommend(tree, answers, lang="en")
    zh = engine.recommend(tree, answers, lang="zh-TW")
    assert en.model == zh.model
    assert "行程池" in zh.title
    assert "process pool" in en.title
    assert zh.path[0].prompt.startswith("工作是 CPU 密集")


def test_explicit_auto_is_kept_for_the_repeat_command(tree):
    answers = from_mapping(tree, {"cpu_bound": "yes", "free_threaded": "auto"}, Source.FLAG)
    rec = engine.recommend(tree, answers, facts={"free_threading": Fact(False, "GIL on")})
    step = rec.path[-1]
    assert (step.answer, step.given, step.source) == (False, "auto", "detected")
    assert engine.command_line(rec) == "advisor recommend --cpu-bound yes --free-threaded auto"
    assert engine.command_line(rec, lang="zh-TW", tree="my tree.yaml") == (
        "advisor recommend --tree 'my tree.yaml' --lang zh-TW --cpu-bound yes --free-threaded auto"
    )
