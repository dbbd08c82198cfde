"""ADV108: a process pool or process created at module level without the main guard.

Module level means outside every function (class bodies run on import too); the guard is an
enclosing ``if __name__ == "__main__":``. Code inside functions is left alone: whether they are
called on import is a question for a call graph, and a false alarm costs more than a miss.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.names import tail


@register
class UnguardedProcesses(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV108",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)
    module_level_only: ClassVar[bool] = True

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.starters = set(data["calls"]["process_starters"])
        self.tails = {name.rpartition(".")[2] for name in self.starters}

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        if len(ctx.frames) != 1 or ctx.main_guard or tail(node.func) not in self.tails:
            return
        qualified = ctx.qualify(node.func)
        if qualified is not None and qualified in self.starters:
            ctx.report("ADV108", node, call=qualified)
