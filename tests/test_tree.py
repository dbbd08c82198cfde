"""The tree loader: the shipped tree is valid, and every kind of broken tree is reported with its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.errors import TreeError
from advisor.models import LANGS, MODELS, Decision, Leaf
from advisor.tree import default_tree_path, load_tree, validate

TREES = Path(__file__).parent / "fixtures" / "trees"
ROOT = Path(__file__).resolve().parent.parent


def test_shipped_tree_is_valid():
    assert validate() == []


def test_shipped_tree_is_the_repository_root_file():
    assert default_tree_path().read_bytes() == (ROOT / "decision_tree.yaml").read_bytes()


def test_every_leaf_names_a_known_model_and_every_model_is_reachable():
    tree = load_tree()
    leaves = [n for n in tree.nodes.values() if isinstance(n, Leaf)]
    assert {leaf.model for leaf in leaves} == set(MODELS)


def test_question_flags_match_the_documented_table():
    tree = load_tree()
    table = {q.flag: (q.kind, q.default) for q in tree.questions.values()}
    assert table == {
        "--cpu-bound": ("yesno", None),
        "--multi-machine": ("yesno", False),
        "--free-threaded": ("yesno", "auto"),
        "--cpu-heavy-steps": ("yesno", False),
        "--concurrency": ("integer", None),
        "--shared-memory": ("yesno", None),
        "--async-libs": ("yesno", None),
        "--async-app": ("yesno", None),
    }
    assert tree.questions["concurrency"].minimum == 1


def test_seed_order_and_threshold():
    """CPU branch: machines, then free-threading. I/O branch: CPU steps, then the seed's order, > 100."""
    tree = load_tree()

    def chain(start: str) -> list[str]:
        order, node = [], tree.nodes[start]
        while isinstance(node, Decision):
            order.append(node.question)
            # follow the branch that does not end in a leaf
            node = next(
                (
                    tree.nodes[b.target]
                    for b in node.branches
                    if isinstance(tree.nodes[b.target], Decision)
                ),
                None,
            )
        return order

    first = tree.nodes[tree.start]
    assert isinstance(first, Decision)
    assert first.question == "cpu_bound"
    cpu = next(tree.nodes[b.target] for b in first.branches if b.condition.value is True)
    io = next(tree.nodes[b.target] for b in first.branches if b.condition.value is False)
    assert chain(cpu.id) == ["multi_machine", "free_threaded"]
    assert chain(io.id) == [
        "cpu_heavy_steps",
        "concurrency",
        "shared_memory",
        "async_libs",
        "async_app",
    ]
    scale = tree.nodes["io_scale"]
    assert scale.branches[0].condition.op == "gt"
    assert scale.branches[0].condition.value == 100


def test_every_text_in_the_shipped_tree_has_every_language():
    tree = load_tree()
    texts = []
    for q in tree.questions.values():
        texts += [q.prompt, q.help]
    for node in tree.nodes.values():
        if isinstance(node, Leaf):
            texts += [
                node.title,
                node.justification,
                *node.caveats,
                *(a.why for a in node.alternatives),
            ]
        else:
            texts += [b.why for b in node.branches]
    for model in tree.models.values():
        texts += [
            model.name,
            model.summary,
            *(p.title for p in model.pitfalls),
            *(p.detail for p in model.pitfalls),
        ]
    for text in texts:
        for lang in LANGS:
            assert text.get(lang).strip(), text
    # zh-TW texts really are Chinese, not copies of the English
    assert all(
        re.search(r"[\u4e00-\u9fff]", t.get("zh-TW"))
        for t in texts
        if t is not None and t.get("en") != t.get("zh-TW")
    )


def invalid_trees() -> list[pytest.param]:
    params = []
    for path in sorted(TREES.glob("invalid_*.yaml")):
        header = path.read_text(encoding="utf-8").splitlines()[:2]
        expect = header[0].split("expect: ", 1)[1]
        line = int(header[1].split("line: ", 1)[1].split()[0])
        params.append(pytest.param(path, expect, line, id=path.stem))
    return params


@pytest.mark.parametrize(("path", "expect", "line"), invalid_trees())
def test_invalid_tree_is_reported_with_file_and_line(path, expect, line):
    problems = validate(path)
    matching = [p for p in problems if expect in p.message]
    assert matching, problems
    assert matching[0].line == line
    assert matching[0].source == str(path)
    assert str(matching[0]).startswith(f"{path}:{line}: ")
    with pytest.raises(TreeError) as info:
        load_tree(path)
    assert info.value.exit_code == 2
    assert "\n" not in str(info.value)


def test_valid_custom_tree_loads():
    tree = load_tree(TREES / "valid_custom.yaml")
    assert tree.question_by_flag("--team-size") is not None


def test_edited_tree_is_reloaded(tmp_path):
    path = tmp_path / "tree.yaml"
    text = (TREES / "valid_custom.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert load_tree(path).questions["team_size"].maximum == 1000
    path.write_text(text.replace("maximum: 1000", "maximum: 999"), encoding="utf-8")
    import os

    os.utime(path, ns=(1, 10**18))  # a different mtime, even on coarse clocks
    assert load_tree(path).questions["team_size"].maximum == 999
