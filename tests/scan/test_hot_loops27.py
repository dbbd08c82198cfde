"""The walks made cheaper in round 27 (docs/benchmarks.md, "Round 27"): each gives the same
answer as the plain version it replaced, written out here as the reference, on this project's
own scanner modules (real files, thousands of nodes of every kind) and on a fixture of our own
with the shapes each walk tells apart: a plain method returning a value, ``None``, an awaitable,
or yielding; stores through a class, ``cls`` and an instance; a file that reads none of the
classes and imports `checks.confined` looks for, and one that hands them on."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from advisor.lint.analyse import _ready
from advisor.lint.attributes import _stores_through
from advisor.lint.checks import REGISTRY, FileContext, confined, walk
from advisor.lint.checks.await_plain import AwaitPlainCall
from advisor.lint.statements import walk as statements_walk

LINT = Path(__file__).resolve().parents[2] / "advisor" / "lint"
FILES = (
    sorted(LINT.rglob("*.py"), key=lambda p: p.stat().st_size)[-6:] + sorted(LINT.rglob("*.py"))[:4]
)

SHAPES = """
import asyncio
import plugin
from plugin import Widget

class Base:
    async def fetch(self):
        return 1

class Store(Base):
    LIMIT = 3

    def fetch(self):
        return {"a": 1}

    def count(self):
        if self.items:
            return len(self.items)
        return 0

    def nothing(self):
        self.done = True

    def later(self):
        return asyncio.sleep(1)

    def rows(self):
        yield 1

    def inner(self):
        def helper():
            return asyncio.sleep(0)
        return helper is None

    async def serve(self):
        await self.count()
        await self.later()

    @classmethod
    def make(cls):
        cls.LIMIT = 4
        return cls()


def run():
    Store.LIMIT = 5
    del Store.cache
    w = Widget()
    plugin.register(Store)
    return w


if __name__ == "__main__":
    run()
"""

PLAIN = """
class Quiet:
    def run(self):
        return 1

def main():
    return [1, 2]

if __name__ == "__main__":
    main()
"""


def _trees() -> list[tuple[str, ast.Module]]:
    found = [
        (p.read_text(encoding="utf-8"), ast.parse(p.read_text(encoding="utf-8"))) for p in FILES
    ]
    return [*found, (SHAPES, ast.parse(SHAPES)), (PLAIN, ast.parse(PLAIN))]


def _plain_returns(check: AwaitPlainCall, function: ast.FunctionDef) -> str | None:
    """Round 25's `AwaitPlainCall._returns`: its walk through `ast.iter_child_nodes`."""
    body = [
        s
        for s in function.body
        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    ]
    if not body or all(isinstance(s, (ast.Pass, ast.Raise)) for s in body):
        return None
    if isinstance(body[-1], ast.Raise):
        return None
    values: list[ast.expr] = []
    todo: list[ast.AST] = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, (ast.Yield, ast.YieldFrom, ast.Await)):
            return None
        if isinstance(node, ast.Return) and node.value is not None:
            if not check._plain_value(node.value):
                return None
            values.append(node.value)
        todo.extend(ast.iter_child_nodes(node))
    if not values:
        return "None"
    from advisor.lint.checks.await_plain import _kind

    return _kind(min(values, key=lambda v: (v.lineno, v.col_offset)))


def _plain_stores_through(module: ast.AST) -> dict[str, set[str]]:
    """Round 25's table of the attributes stored through a plain name (`statements.walk`)."""
    through: dict[str, set[str]] = {}
    for node in statements_walk(module):
        if (
            type(node) is ast.Attribute
            and type(node.ctx) is not ast.Load
            and type(node.value) is ast.Name
        ):
            through.setdefault(node.value.id, set()).add(node.attr)
    return through


def _walked(text: str, tree: ast.Module) -> FileContext:
    """*tree* walked by every family, as `analyse` walks a parsed file."""
    ctx = FileContext("m.py", "m", False, tree, text)
    data = _ready()
    walk(ctx, [family(ctx, data) for family in REGISTRY])
    return ctx


@pytest.mark.parametrize(("text", "tree"), _trees())
def test_returns_is_the_plain_walk(text: str, tree: ast.Module) -> None:
    ctx = FileContext("m.py", "m", False, tree, text)
    check = AwaitPlainCall(ctx, _ready())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            assert check._returns(node) == _plain_returns(check, node)


@pytest.mark.parametrize(("text", "tree"), _trees())
def test_stores_through_is_the_plain_walk(text: str, tree: ast.Module) -> None:
    assert _stores_through(tree) == _plain_stores_through(tree)


def test_stores_through_of_the_shapes() -> None:
    assert _stores_through(ast.parse(SHAPES)) == {
        "Store": {"LIMIT", "cache"},
        "cls": {"LIMIT"},
        "self": {"done"},
    }


def _every_name(ctx: FileContext) -> dict[str, str]:
    """`confined.facts`' names before round 27: every class and import of the module."""
    bindings = ctx.resolver.bindings(ctx.resolver.module_scope)
    return {
        n: b.target
        for n, b in bindings.items()
        if b.kind in ("class", "import")
        and b.target.partition(".")[0] not in sys.stdlib_module_names
    }


@pytest.mark.parametrize(("text", "tree"), _trees())
def test_confinement_reads_only_loaded_names_with_the_same_answer(text: str, tree: Any) -> None:
    ctx = _walked(text, tree)
    plain = confined.confinement(tree, "m", _every_name(ctx))
    found = confined.facts(ctx)
    assert (found or {"k": [], "e": []}) == plain


def test_confinement_of_the_shapes_and_of_a_file_that_reads_none() -> None:
    ctx = _walked(SHAPES, ast.parse(SHAPES))
    assert confined.facts(ctx) == {"k": ["m.Base"], "e": ["m.Store", "plugin.Widget"]}
    quiet = _walked(PLAIN, ast.parse(PLAIN))
    assert confined.facts(quiet) == {"k": ["m.Quiet"], "e": []}


def test_a_scan_reports_the_plain_return_awaited(tmp_path: Path) -> None:
    """The CLI on the fixture: ADV110 at ``await self.count()`` (every return of ``count`` is
    plainly an int), none at ``await self.later()`` (it returns ``asyncio.sleep(1)``): what
    the `_returns` walk decides, as the user sees it."""
    (tmp_path / "store.py").write_text(SHAPES, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "advisor", "scan", str(tmp_path), "--no-cache", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in run.stderr
    found = [(f["line"], f["code"]) for f in json.loads(run.stdout)["findings"]]
    line = SHAPES.splitlines().index("        await self.count()") + 1
    assert (line, "ADV110") in found
    assert (line + 1, "ADV110") not in found
