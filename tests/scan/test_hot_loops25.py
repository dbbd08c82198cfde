"""The hot paths made cheaper in round 25 (docs/benchmarks.md, "Round 25"): each gives the
same answer as the plain version it replaced, written out here as the reference, on this
project's own scanner modules (real files, thousands of nodes of every kind) and on a fixture
of our own with the shapes `checks.confined` tells apart (a class handed on, kept in a local
only used as a receiver, stored in an attribute, named in an annotation, an ``isinstance``
and an ``except``; ``self`` returned and ``self.__class__``; ``global`` and ``nonlocal``)."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

import pytest

from advisor.lint.checks import confined
from advisor.lint.node_fields import child_fields as _child_fields

LINT = Path(__file__).resolve().parents[2] / "advisor" / "lint"
FILES = (
    sorted(LINT.rglob("*.py"), key=lambda p: p.stat().st_size)[-6:] + sorted(LINT.rglob("*.py"))[:4]
)

SHAPES = """
import plugin
from plugin import Widget as W

class Job:
    def run(self):
        return self
    def again(self):
        return self.__class__()

class Kept:
    async def run(self):
        pass

class Gone(Kept):
    def hand(self, sink):
        sink.put(self)

def main(sink):
    global TOTAL
    job = Kept()
    job.run()
    other = Kept()
    sink.put(other)
    Kept().run()
    sink.put(Gone)
    kinds = [W, plugin.Thing]
    x: Kept = make()
    if isinstance(x, Kept) or type(x) is Job:
        pass
    try:
        pass
    except plugin.Error:
        pass
    Kept.count = 1
    def inner():
        nonlocal job
        return job
    return lambda: Job()

if __name__ == "__main__":
    main(None)
"""


def _plain_handed_names(function: ast.AST) -> frozenset[str]:
    """Round 23's `_handed_names`: `ast.walk` and `ast.iter_child_nodes`."""
    found: set[str] = set()
    for node in ast.walk(function):
        kind = type(node)
        if kind is ast.Global or kind is ast.Nonlocal:
            found.update(node.names)  # type: ignore[attr-defined]
            continue
        if kind is ast.Attribute:
            value = node.value  # type: ignore[attr-defined]
            if type(value) is ast.Name and node.attr == "__class__":  # type: ignore[attr-defined]
                found.add(value.id)
            continue
        for child in ast.iter_child_nodes(node):
            if type(child) is ast.Name and type(child.ctx) is ast.Load:
                found.add(child.id)
    return frozenset(found)


def _names(tree: ast.Module) -> Mapping[str, str]:
    """Every class and import of *tree* as `confined.facts` maps them (name -> dotted)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            names[node.name] = f"m.{node.name}"
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names[(alias.asname or alias.name).partition(".")[0]] = f"x.{alias.name}"
    return names


def _trees() -> list[ast.Module]:
    return [ast.parse(p.read_text(encoding="utf-8")) for p in FILES] + [ast.parse(SHAPES)]


@pytest.mark.parametrize("tree", _trees())
def test_handed_names_is_the_plain_walk(tree: ast.Module) -> None:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            assert confined._handed_names(node) == _plain_handed_names(node)


@pytest.mark.parametrize("tree", _trees())
def test_children_hold_every_child_that_may_hold_a_name(tree: ast.Module) -> None:
    """`ast.iter_child_nodes` less what holds no name: contexts, operators, an import's aliases."""
    for node in ast.walk(tree):
        plain = [
            c
            for c in ast.iter_child_nodes(node)
            if not isinstance(c, (ast.expr_context, ast.operator, ast.boolop, ast.unaryop))
            and not isinstance(c, (ast.cmpop, ast.alias))
        ]
        assert _children(node) == plain


def _children(node: ast.AST) -> list[ast.AST]:
    """The children the walks of `checks.confined` read (round 27: in place, through the
    shared walk's table of node fields; round 25 built this list per node)."""
    found: list[ast.AST] = []
    for field in _child_fields(type(node)):
        value = getattr(node, field)
        for item in value if type(value) is list else [value]:
            if item is not None:
                found.append(item)
    return found


def test_confinement_of_the_shapes() -> None:
    """What the fixture's walk finds, written out: the kept classes and the escaped names."""
    tree = ast.parse(SHAPES)
    found = confined.confinement(tree, "m", _names(tree))
    assert found == {
        "k": ["m.Kept"],
        "e": ["m.Gone", "m.Job", "m.Kept", "x.Widget", "x.plugin.Thing"],
    }
