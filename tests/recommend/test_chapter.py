"""The default tree against the chapter's flowchart (`--tree seed`), over every answer set.

Both trees are walked for every combination of answers (each integer question at
the edges of its branches). Wherever the default tree gives another model than
the chapter for the same answers, the leaf it reaches must say so in its
justification, in both languages, with a measured figure; a leaf that always
agrees with the chapter must not claim otherwise.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest

from advisor import engine
from advisor.errors import UsageError
from advisor.models import Answer, AnswerValue, Leaf, Source, Tree
from advisor.tree import load_tree

#: What a justification says when its model is not the chapter's, and a figure.
MARKERS = {
    "en": ("The chapter's flowchart", re.compile(r"\d(\.\d+)?×")),
    "zh-TW": ("教學章節流程圖", re.compile(r"\d(\.\d+)? 倍")),
}


def _values(tree: Tree, qid: str) -> list[AnswerValue]:
    question = tree.questions[qid]
    if question.kind == "yesno":
        return [True, False]
    if question.kind == "choice":
        return [c.value for c in question.choices]
    return [1, 20, 100, 101, 300, 500, 5000]


def answer_sets(tree: Tree) -> Iterator[dict[str, AnswerValue]]:
    ids = list(tree.questions)
    for combo in itertools.product(*(_values(tree, qid) for qid in ids)):
        yield dict(zip(ids, combo, strict=True))


def _walk(tree: Tree, answers: dict[str, AnswerValue]) -> Leaf:
    given = {qid: Answer(v, Source.API) for qid, v in answers.items() if qid in tree.questions}
    leaf, _ = engine.walk(tree, given)
    return leaf


def comparison() -> dict[str, set[str]]:
    """Default leaf id -> the models the chapter gives for the answer sets reaching it.

    Answer sets that contradict themselves (`--program notebook --async-app no`: a kernel
    runs an asyncio loop) are refused by the default tree and left out: no user reaches a
    leaf with them.
    """
    default, seed = load_tree(), load_tree("seed")
    chapter: dict[str, set[str]] = {}
    for answers in answer_sets(default):
        try:
            leaf = _walk(default, answers)
        except UsageError as exc:
            if exc.key != "derived_conflict":
                raise
            continue
        chapter.setdefault(leaf.id, set()).add(_walk(seed, answers).model)
    return chapter


CHAPTER = comparison()
DEFAULT = load_tree()


def test_every_leaf_is_reached_by_some_answer_set():
    leaves = {nid for nid, node in DEFAULT.nodes.items() if isinstance(node, Leaf)}
    assert set(CHAPTER) == leaves


@pytest.mark.parametrize("leaf_id", sorted(CHAPTER))
@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_leaf_says_where_it_differs_from_the_chapter(leaf_id, lang):
    leaf = DEFAULT.nodes[leaf_id]
    assert isinstance(leaf, Leaf)
    text = leaf.justification.get(lang)
    marker, figure = MARKERS[lang]
    differs = CHAPTER[leaf_id] != {leaf.model}
    if differs:
        assert marker in text, f"{leaf_id} gives {leaf.model}, the chapter {CHAPTER[leaf_id]}"
        assert figure.search(text), f"{leaf_id}: no measured figure in its {lang} justification"
        for model in CHAPTER[leaf_id] - {leaf.model}:
            assert model.split("+")[0] in text, f"{leaf_id} should name the chapter's {model}"
    else:
        assert marker not in text, f"{leaf_id} agrees with the chapter but says it differs"


def test_the_differing_leaves_are_the_documented_ones():
    """The list the README gives; a tree change that alters it must update the docs too."""
    differing = {nid for nid, models in CHAPTER.items() if models != {DEFAULT.nodes[nid].model}}
    assert differing == {
        "distributed_cluster",
        "threading_native",
        "threading_free_threaded",
        "asyncio_process_pool",
        "asyncio_executor_many",
        "threading_many",
        "asyncio_shared",
        "asyncio_executor_shared",
        "asyncio_native_steps",
        "asyncio_free_threaded_steps",
        "threading_native_steps",
        "threading_free_threaded_steps",
        "threading_process_pool",
    }


@pytest.mark.parametrize("name", [None, "seed"])
def test_every_question_can_change_the_model_the_template_or_the_advice(name):
    """A question is asked only where its answer matters: the branches of every decision
    differ in where they lead or in what they say (the advice shown on the path)."""
    from advisor.models import Decision

    tree = load_tree(name)
    for node in tree.nodes.values():
        if isinstance(node, Decision):
            outcomes = {(b.target, b.why.get("en"), b.why.get("zh-TW")) for b in node.branches}
            assert len(outcomes) == len(node.branches), node.id
