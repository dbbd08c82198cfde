"""ADV103: `await`, `async with`, `async for` whose nearest enclosing function is not async.

`ast.parse` accepts these; the compiler rejects them, so the mistake surfaces only on import.
An async generator expression (one with `await` or `async for` inside) is allowed in any
function since Python 3.7, so neither is flagged inside a generator expression.
"""

from __future__ import annotations

import ast
from typing import ClassVar

from advisor.lint.checks.base import ASYNC, Check, register


@register
class AwaitOutsideAsync(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV103",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (
        ast.Await,
        ast.AsyncWith,
        ast.AsyncFor,
        ast.ListComp,
        ast.SetComp,
        ast.DictComp,
    )
    #: ``await`` in a plain `def` is a compile error in a branch that never runs too.
    dead_code: ClassVar[bool] = True

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        frame = self.ctx.frame
        if frame.kind == ASYNC or (frame.genexp and type(node) is ast.Await):
            return
        kind = type(node)
        if kind is ast.Await:
            self.ctx.report("ADV103", node, what="await")
        elif kind is ast.AsyncWith:
            self.ctx.report("ADV103", node, what="async with")
        elif kind is ast.AsyncFor:
            self.ctx.report("ADV103", node, what="async for")
        else:
            generators = getattr(node, "generators", [])
            if any(g.is_async for g in generators):
                self.ctx.report("ADV103", node, what="async for")
