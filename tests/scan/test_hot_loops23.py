"""The hot paths made cheaper in round 23 (docs/benchmarks.md, "Round 23"): each gives the
same answer as the plain version it replaced, written out here as the reference, on this
project's own scanner modules (real files, thousands of nodes of every kind) and on a fixture
of our own with the class shapes the per-class lists must keep apart (a name defined twice,
a plain ``def`` beside an ``async def`` of the same name, an annotation, a method and an
attribute of one name)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from advisor.lint import bindings
from advisor.lint.bindings import FUNCTIONS, BindingTables, Scope
from advisor.lint.checks import FileContext
from advisor.lint.checks.arguments import stores
from advisor.lint.checks.helpers import class_members, own_nodes
from advisor.lint.statements import walk

LINT = Path(__file__).resolve().parents[2] / "advisor" / "lint"
#: Real files of every size: the largest scanner modules and a few small ones.
FILES = (
    sorted(LINT.rglob("*.py"), key=lambda p: p.stat().st_size)[-6:] + sorted(LINT.rglob("*.py"))[:4]
)

CLASSES = """
class Store:
    client: Client
    name: str = "s"
    def load(self):
        return 1
    async def load(self):
        return 2
    def save(self): ...
    def save(self, x): ...
    async def close(self): ...
    attr = 1
    client.x: int = 2
    @staticmethod
    def make(): ...
"""


def _trees() -> list[ast.Module]:
    return [ast.parse(p.read_text(encoding="utf-8")) for p in FILES] + [ast.parse(CLASSES)]


@pytest.mark.parametrize("tree", _trees())
def test_walk_is_ast_walk(tree: ast.Module) -> None:
    """The same nodes in the same order, from the module and from each def."""
    assert list(walk(tree)) == list(ast.walk(tree))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            assert list(walk(node)) == list(ast.walk(node))


def _plain_stores(function: ast.AST) -> dict[str, int]:
    """`arguments.stores` as it was: every own node that is not a nested def or class."""
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
    counts: dict[str, int] = {}
    for node in own_nodes(function):
        if isinstance(node, nested):
            continue
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            counts[node.id] = counts.get(node.id, 0) + 1
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                counts[name] = counts.get(name, 0) + 2
    return counts


def _plain_own_nodes(function: ast.AST) -> Iterator[ast.AST]:
    """`helpers.own_nodes` as a plain walk: last pushed first, not into nested defs or classes,
    each node's children in field order (`ast.iter_child_nodes`)."""
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
    stack = [function.body] if isinstance(function, ast.Lambda) else list(function.body)  # type: ignore[attr-defined]
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, nested):
            stack.extend(
                child
                for child in ast.iter_child_nodes(node)
                if not isinstance(
                    child, (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)
                )
                and not (isinstance(node, (ast.Import, ast.ImportFrom)))
            )


@pytest.mark.parametrize("tree", _trees())
def test_stores_and_own_nodes(tree: ast.Module) -> None:
    """`stores` counts what the plain loop counted; `own_nodes` lists, in order, what a
    generator walking the body anew yields (kept or not)."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            assert stores(node) == _plain_stores(node)
            assert list(own_nodes(node)) == list(_plain_own_nodes(node))


@pytest.mark.parametrize("tree", _trees())
def test_class_members_keep_body_order(tree: ast.Module) -> None:
    """For every name of every class: the statements a search of the body in order finds
    (a plain name's annotation, a def or async def of that name), in that order."""
    ctx = FileContext("m.py", "m", False, tree, None)
    try:
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            members = class_members(ctx, cls)
            names = {getattr(s, "name", None) for s in cls.body} | {
                s.target.id
                for s in cls.body
                if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
            }
            for name in names - {None}:
                searched = [
                    s
                    for s in cls.body
                    if (isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == name)
                    or (
                        isinstance(s, ast.AnnAssign)
                        and isinstance(s.target, ast.Name)
                        and s.target.id == name
                    )
                ]
                assert members.get(name, []) == searched
            assert class_members(ctx, cls) is members  # listed once per class
    finally:
        ctx.release()


def test_class_members_fixture() -> None:
    """The fixture's shapes, spelled out: both ``load``s in order, both ``save``s, the
    annotation, nothing for a plain assignment or an attribute's annotation."""
    tree = ast.parse(CLASSES)
    ctx = FileContext("m.py", "m", False, tree, None)
    try:
        members = class_members(ctx, tree.body[0])  # type: ignore[arg-type]
        kinds = {name: [type(s).__name__ for s in found] for name, found in members.items()}
        assert kinds == {
            "client": ["AnnAssign"],
            "name": ["AnnAssign"],
            "load": ["FunctionDef", "AsyncFunctionDef"],
            "save": ["FunctionDef", "FunctionDef"],
            "close": ["AsyncFunctionDef"],
            "make": ["FunctionDef"],
        }
    finally:
        ctx.release()


@pytest.mark.parametrize("tree", _trees())
def test_binding_tables_unchanged(tree: ast.Module, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every scope's table is the one the full chain of statement types builds: with the
    statements that bind nothing passed over first (`bindings._BINDS_NOTHING`) and with that
    shortcut emptied (each statement then goes down the whole chain, as before), the same
    names, kinds, targets and nodes, and the same annotations and star imports."""

    def tables_of(module: ast.Module) -> list[Any]:
        class Tables(BindingTables):
            def __init__(self) -> None:
                self.module, self.is_package = "pkg.m", False
                self.module_scope = Scope(module, None, "pkg.m")
                self._qualified = {}

        tables = Tables()
        found = []
        for node in ast.walk(module):
            if isinstance(node, (ast.Module, *FUNCTIONS, ast.Lambda, ast.ClassDef)):
                scope = (
                    tables.module_scope
                    if node is module
                    else Scope(
                        node,
                        tables.module_scope,
                        "pkg.m.s",
                        is_class=isinstance(node, ast.ClassDef),
                    )
                )
                table = tables.bindings(scope)
                found.append(
                    (
                        {n: (b.kind, b.target, id(b.node)) for n, b in table.items()},
                        {n: id(a) for n, a in (scope.annotated or {}).items()},
                        scope.star,
                        sorted(scope.globals),
                    )
                )
        return found

    shortcut = tables_of(tree)
    monkeypatch.setattr(bindings, "_BINDS_NOTHING", frozenset())
    assert tables_of(tree) == shortcut
