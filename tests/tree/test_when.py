"""The tree format's `when:` (advice for some answers only) and `derive:` (answers that
follow from earlier ones): a custom tree that uses both, through the CLI, the cache and the
checker that reports every mistake with its line."""

from __future__ import annotations

import json

import pytest

from advisor import yamlio
from advisor.errors import TreeError
from advisor.tree import load_tree
from advisor.tree.parsing import parse
from advisor.tree.plain import from_data, to_data
from tests.helpers import FIXTURES, run_advisor

WHEN_TREE = FIXTURES / "trees" / "valid_when.yaml"


def _problems(data) -> list[str]:
    try:
        parse(data, "t.yaml")
    except TreeError as exc:
        return [p.message for p in exc.problems]
    return []


def test_the_cache_keeps_guards_and_derivations():
    tree = load_tree(WHEN_TREE)
    assert from_data(json.loads(json.dumps(to_data(tree))), tree.source) == tree


def test_a_custom_tree_derives_and_tailors_through_the_installed_cli():
    result = run_advisor(
        "recommend", "--tree", str(WHEN_TREE), "--runtime", "kernel", "--format", "json"
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["model"] == "asyncio"
    assert data["path"][1]["source"] == "derived"
    assert data["caveats"] == ["Await main() in a cell."]
    assert data["tailored"] == [
        {
            "because": "--runtime kernel",
            "caveats": ["Await main() in a cell."],
            "alternatives": [{"model": "threading", "why": "Threads also work in a kernel."}],
        }
    ]
    wide = run_advisor("recommend", "--tree", str(WHEN_TREE), "--has-loop", "no", "--width", "500")
    assert wide.code == 0, wide.err
    assert "  - (--width 500) Many at once need a bigger pool." in wide.out
    narrow = run_advisor("recommend", "--tree", str(WHEN_TREE), "--has-loop", "no")
    assert "bigger pool" not in narrow.out  # the default width, 10, is not above 100


BAD = [
    ("nodes.threads.caveats.1.when", {"nope": 1}, "'when' names unknown question 'nope'"),
    ("nodes.threads.caveats.1.when", {"runtime": "gpu"}, "'when: gpu' is not a possible answer"),
    ("nodes.threads.caveats.1.when", {"runtime": {"gt": 3}}, "numeric test gt on choice question"),
    ("nodes.threads.caveats.1.when", "kernel", "'when' must be a mapping"),
    ("questions.has_loop.derive.0.answer", "maybe", "answer 'maybe' is not a valid answer"),
    ("questions.has_loop.derive.0.when", {"has_loop": True}, "a rule cannot depend on 'has_loop'"),
    ("questions.has_loop.derive.0.fixed", "always", "fixed must be true or false"),
    ("questions.has_loop.derive.0.when", {}, "each rule needs 'when: {question: answer}'"),
]


def _set(data, dotted: str, value) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data[int(part)] if isinstance(data, list) else data[part]
    if isinstance(value, dict):
        located = yamlio.LocatedDict(value)
        located.line, located.key_lines = 1, {}
        value = located
    data[last] = value


@pytest.mark.parametrize(("where", "value", "message"), BAD, ids=[b[2] for b in BAD])
def test_a_mistake_in_when_or_derive_is_reported(where, value, message):
    data = yamlio.load_path(WHEN_TREE)
    _set(data, where, value)
    problems = _problems(data)
    assert any(message in p for p in problems), problems


def test_a_derive_rule_may_not_lean_on_another_derived_question():
    data = yamlio.load_path(WHEN_TREE)
    width = data["questions"]["width"]
    rule = yamlio.LocatedDict(
        {
            "when": yamlio.LocatedDict({"has_loop": True}),
            "answer": 5,
            "why": {"en": "x", "zh-TW": "x"},
        }
    )
    rule.line, rule.key_lines, rule["when"].line, rule["when"].key_lines = 1, {}, 1, {}
    width["derive"] = [rule]
    assert any("a rule cannot depend on 'has_loop'" in p for p in _problems(data))


def test_a_typo_in_a_derive_rule_is_named():
    data = yamlio.load_path(WHEN_TREE)
    data["questions"]["has_loop"]["derive"][0]["fxed"] = True
    assert any("unknown key 'fxed'; did you mean 'fixed'?" in p for p in _problems(data))
