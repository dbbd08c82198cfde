"""A validated `Tree` as plain JSON data and back, for the on-disk cache.

The cache holds data, never pickles, so a warm run rebuilds the NamedTuples
from JSON here instead of importing PyYAML and validating again. The data is
what the validator already accepted; `from_data` trusts its shape no more
than that: any mismatch raises, and the loader treats it as a cache miss.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
    ModelInfo,
    Node,
    PitfallSpec,
    Question,
    Text,
    Tree,
)

#: Part of the cache key: bump when the layout below changes.
LAYOUT = "tree-data-2"


class LayoutError(ValueError):
    """Cached data that does not have the layout `to_data` writes."""


def to_data(tree: Tree) -> dict[str, Any]:
    """JSON-ready data holding everything in *tree* except its source path."""
    return {
        "start": tree.start,
        "questions": [_question(q) for q in tree.questions.values()],
        "nodes": [_node(n) for n in tree.nodes.values()],
        "models": [_model(m) for m in tree.models.values()],
    }


def from_data(data: Any, source: str) -> Tree:
    """The `Tree` that `to_data` described; `LayoutError` when *data* is not such a description."""
    try:
        questions = [_to_question(q) for q in data["questions"]]
        nodes = [_to_node(n) for n in data["nodes"]]
        models = [_to_model(m) for m in data["models"]]
        tree = Tree(
            start=_str(data["start"]),
            questions={q.id: q for q in questions},
            nodes={n.id: n for n in nodes},
            models={m.id: m for m in models},
            source=source,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LayoutError(f"not a cached tree: {exc}") from exc
    if tree.start not in tree.nodes:
        raise LayoutError("not a cached tree: start names no node")
    return tree


def _text(text: Text) -> dict[str, str]:
    return dict(text.values)


def _to_text(data: Any) -> Text:
    if not isinstance(data, Mapping) or not all(isinstance(v, str) for v in data.values()):
        raise LayoutError("a text must map languages to strings")
    return Text(dict(data))


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise LayoutError(f"expected a string, got {type(value).__name__}")
    return value


def _optional_int(value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise LayoutError("expected an integer")


def _value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    raise LayoutError("an answer value is a boolean, an integer or a string")


def _question(q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "flag": q.flag,
        "kind": q.kind,
        "prompt": _text(q.prompt),
        "help": _text(q.help),
        "default": q.default,
        "minimum": q.minimum,
        "maximum": q.maximum,
        "choices": [[c.value, _text(c.label)] for c in q.choices],
        "detect": q.detect,
        "line": q.line,
        "derive": [[_guard(d.when), _value(d.value), _text(d.why), d.fixed] for d in q.derive],
    }


def _guard(guard: Guard) -> list[Any]:
    return [[qid, [[c.op, c.value] for c in conds]] for qid, conds in guard.tests]


def _to_guard(data: Any) -> Guard:
    tests = []
    for qid, conds in data:
        conditions = []
        for op, value in conds:
            if op not in ("equals", "gt", "ge", "lt", "le", "otherwise"):
                raise LayoutError(f"unknown condition {op!r}")
            conditions.append(Condition(op, _value(value)))
        tests.append((_str(qid), tuple(conditions)))
    return Guard(tuple(tests))


def _to_question(d: Mapping[str, Any]) -> Question:
    kind = d["kind"]
    if kind not in ("yesno", "integer", "choice"):
        raise LayoutError(f"unknown question kind {kind!r}")
    detect = d["detect"]
    return Question(
        id=_str(d["id"]),
        flag=_str(d["flag"]),
        kind=kind,
        prompt=_to_text(d["prompt"]),
        help=_to_text(d["help"]),
        default=_value(d["default"]),
        minimum=_optional_int(d["minimum"]),
        maximum=_optional_int(d["maximum"]),
        choices=tuple(Choice(_str(value), _to_text(label)) for value, label in d["choices"]),
        detect=None if detect is None else _str(detect),
        line=int(d["line"]),
        derive=tuple(
            Derivation(_to_guard(g), _value(v), _to_text(w), bool(f)) for g, v, w, f in d["derive"]
        ),
    )


def _node(node: Node) -> dict[str, Any]:
    if isinstance(node, Decision):
        return {
            "id": node.id,
            "question": node.question,
            "branches": [
                {
                    "op": b.condition.op,
                    "value": b.condition.value,
                    "target": b.target,
                    "why": _text(b.why),
                    "line": b.line,
                }
                for b in node.branches
            ],
            "line": node.line,
        }
    return {
        "id": node.id,
        "model": node.model,
        "title": _text(node.title),
        "justification": _text(node.justification),
        "alternatives": [[a.model, _text(a.why), _guard(a.when)] for a in node.alternatives],
        "caveats": [[_text(c.text), _guard(c.when)] for c in node.caveats],
        "template": node.template,
        "line": node.line,
    }


def _to_node(d: Mapping[str, Any]) -> Node:
    if "question" in d:
        branches = []
        for b in d["branches"]:
            op = b["op"]
            if op not in ("equals", "gt", "ge", "lt", "le", "otherwise"):
                raise LayoutError(f"unknown condition {op!r}")
            branches.append(
                Branch(
                    Condition(op, _value(b["value"])),
                    _str(b["target"]),
                    _to_text(b["why"]),
                    int(b["line"]),
                )
            )
        return Decision(
            id=_str(d["id"]),
            question=_str(d["question"]),
            branches=tuple(branches),
            line=int(d["line"]),
        )
    return Leaf(
        id=_str(d["id"]),
        model=_str(d["model"]),
        title=_to_text(d["title"]),
        justification=_to_text(d["justification"]),
        alternatives=tuple(
            AlternativeSpec(_str(m), _to_text(w), _to_guard(g)) for m, w, g in d["alternatives"]
        ),
        caveats=tuple(CaveatSpec(_to_text(c), _to_guard(g)) for c, g in d["caveats"]),
        template=_str(d["template"]),
        line=int(d["line"]),
    )


def _model(m: ModelInfo) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": _text(m.name),
        "summary": _text(m.summary),
        "pitfalls": [
            {
                "id": p.id,
                "title": _text(p.title),
                "detail": _text(p.detail),
                "wrong": None if p.wrong is None else _text(p.wrong),
                "right": None if p.right is None else _text(p.right),
                "rule": p.rule,
            }
            for p in m.pitfalls
        ],
    }


def _to_model(d: Mapping[str, Any]) -> ModelInfo:
    return ModelInfo(
        id=_str(d["id"]),
        name=_to_text(d["name"]),
        summary=_to_text(d["summary"]),
        pitfalls=tuple(
            PitfallSpec(
                id=_str(p["id"]),
                title=_to_text(p["title"]),
                detail=_to_text(p["detail"]),
                wrong=None if p["wrong"] is None else _to_text(p["wrong"]),
                right=None if p["right"] is None else _to_text(p["right"]),
                rule=None if p["rule"] is None else _str(p["rule"]),
            )
            for p in d["pitfalls"]
        ),
    )
