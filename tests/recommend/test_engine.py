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
    if "error" in case:
        with pytest.raises(UsageError) as info:
            engine.recommend(tree, answers, facts=facts)
        assert info.value.key == case["error"]
        return
    rec = engine.recommend(tree, answers, facts=facts)
    assert rec.model == case["model"]
    assert rec.leaf == case["leaf"]
    expected = [(q.rstrip("*"), q.endswith("*")) for q in case["path"]]
    assert [(s.question, s.assumed) for s in rec.path] == expected
    assert [u.question for u in rec.unused] == case.get("unused", [])
    for qid, value in (case.get("context") or {}).items():
        assert rec.template.context[qid] == value
    if "tailored" in case:
        assert [t.because for t in rec.tailored] == case["tailored"]
    for fragment in case.get("caveats", ()):
        assert any(fragment in c for c in rec.caveats), fragment
    for fragment in case.get("no_caveats", ()):
        assert not any(fragment in c for c in rec.caveats), fragment
    if "alternatives" in case:
        assert [a.model for a in rec.alternatives] == case["alternatives"]


@pytest.mark.parametrize("name", [None, "seed"])
def test_every_leaf_is_covered_by_a_case(name):
    """The case files walk every leaf of both shipped trees at least once."""
    covered = {
        c.values[0]["leaf"]
        for c in load_cases()
        if c.values[0].get("tree") == name and "leaf" in c.values[0]
    }
    tree = load_tree(name)
    leaves = {nid for nid, node in tree.nodes.items() if hasattr(node, "model")}
    assert leaves == covered


def test_missing_answer_names_the_question_and_what_may_follow(tree):
    with pytest.raises(MissingAnswersError) as info:
        engine.recommend(
            tree, from_mapping(tree, {"cpu_bound": "no", "concurrency": 20}, Source.FLAG)
        )
    assert info.value.flags == ("--shared-memory",)
    assert [q.flag for q in info.value.maybe] == []  # --async-libs no, --async-app derived
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
        tree,
        from_mapping(
            tree, {"cpu_bound": "no", "concurrency": 777, "async_libs": "yes"}, Source.FLAG
        ),
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


# --- guards and derived answers: the engine's pure logic on a small hand-built tree ---------


def _mini_tree():
    """Two questions, one leaf: a derived answer and guarded caveats, nothing else."""
    from advisor.models import (
        AlternativeSpec,
        Branch,
        CaveatSpec,
        Choice,
        Condition,
        Decision,
        Derivation,
        Guard,
        Leaf,
        Question,
        Text,
        Tree,
    )

    kind = Question(
        "kind",
        "--kind",
        "choice",
        Text.plain("kind?"),
        Text.plain(""),
        default="a",
        choices=(Choice("a", Text.plain("a")), Choice("b", Text.plain("b"))),
    )
    flag = Question(
        "flag",
        "--flag",
        "yesno",
        Text.plain("flag?"),
        Text.plain(""),
        derive=(
            Derivation(
                Guard((("kind", (Condition("equals", "b"),)),)), True, Text.plain("b"), True
            ),
            Derivation(Guard((("kind", (Condition("equals", "a"),)),)), False, Text.plain("a")),
        ),
    )
    on_b = Guard((("kind", (Condition("equals", "b"),)),))
    leaf = Leaf(
        "end",
        "threading",
        Text.plain("t"),
        Text.plain("j"),
        (AlternativeSpec("asyncio", Text.plain("alt b"), on_b),),
        (CaveatSpec(Text.plain("always")), CaveatSpec(Text.plain("only b"), on_b)),
        "threading",
    )
    start = Decision("start", "kind", (Branch(Condition("otherwise"), "ask", Text.plain("w")),))
    ask = Decision("ask", "flag", (Branch(Condition("otherwise"), "end", Text.plain("w")),))
    return Tree(
        "start",
        {"kind": kind, "flag": flag},
        {"start": start, "ask": ask, "end": leaf},
        load_tree().models,
    )


def test_guard_needs_every_question_and_any_of_its_answers():
    from advisor.models import Condition, Guard

    guard = Guard(
        (("p", (Condition("equals", "x"), Condition("equals", "y"))), ("n", (Condition("gt", 5),)))
    )
    assert guard.matches({"p": "y", "n": 6})
    assert not guard.matches({"p": "z", "n": 6})
    assert not guard.matches({"p": "x"})  # unanswered fails: no advice on a guess
    assert Guard().matches({})


def test_a_derived_answer_is_assumed_with_its_reason():
    tree = _mini_tree()
    rec = engine.recommend(tree, {"kind": Answer("b", Source.FLAG)})
    step = rec.path[-1]
    assert (step.answer, step.source, step.assumed) == (True, "derived", True)
    assert step.evidence == "--kind b: b"
    assert rec.caveats == ("always", "only b")
    assert [(t.because, t.caveats, [a.model for a in t.alternatives]) for t in rec.tailored] == [
        ("--kind b", ("only b",), ["asyncio"])
    ]


def test_a_guard_that_fails_hides_its_caveat_and_alternative():
    rec = engine.recommend(_mini_tree(), {})
    assert rec.caveats == ("always",)
    assert rec.alternatives == ()
    assert rec.tailored == ()
    assert rec.path[-1].answer is False  # kind defaults to a, which derives no


def test_a_fixed_derivation_refuses_a_contrary_answer_a_person_gave():
    tree = _mini_tree()
    with pytest.raises(UsageError) as info:
        engine.recommend(
            tree, {"kind": Answer("b", Source.FLAG), "flag": Answer(False, Source.FLAG)}
        )
    assert info.value.key == "derived_conflict"
    assert "--flag no contradicts --kind b" in str(info.value)


def test_a_fixed_derivation_overrides_an_inferred_answer():
    tree = _mini_tree()
    answers = {"kind": Answer("b", Source.FLAG), "flag": Answer(False, Source.INFERRED)}
    assert engine.recommend(tree, answers).path[-1].source == "derived"


def test_a_derivation_that_is_not_fixed_yields_to_a_given_answer():
    tree = _mini_tree()
    rec = engine.recommend(tree, {"flag": Answer(True, Source.FLAG)})
    assert (rec.path[-1].answer, rec.path[-1].source) == (True, "flag")


def test_ask_skips_a_fixed_derivation_and_offers_a_free_one_as_the_default():
    tree = _mini_tree()
    assert engine.next_question(tree, {"kind": Answer("b", Source.PROMPT)}) is None
    offered = engine.next_question(tree, {"kind": Answer("a", Source.PROMPT)})
    assert offered is not None
    assert (offered.id, offered.default) == ("flag", False)


def test_an_answer_used_only_by_a_guard_is_not_reported_unused(tree):
    answers = from_mapping(
        tree, {"cpu_bound": "no", "concurrency": 5000, "async_libs": "yes"}, Source.FLAG
    )
    rec = engine.recommend(tree, answers)
    assert rec.unused == ()
    assert [t.because for t in rec.tailored] == ["--concurrency 5000"]
