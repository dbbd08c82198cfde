"""ADV108: a process pool or process created at module level without the main guard.

Module level means outside every function (class bodies run on import too); the guard is an
enclosing ``if __name__ == "__main__":``. A function of the same file that starts processes and
is called at module level without the guard is the same bug one call away (``run()`` on the
last line of a script whose ``run`` opens a pool): reported at that call, with the chain. Code
inside functions is otherwise left alone: whether they are called on import is a question for
a call graph, and a false alarm costs more than a miss.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.checks.helpers import own_nodes
from advisor.lint.names import Scope, tail

DEPTH = 3


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
        if len(ctx.frames) != 1 or ctx.main_guard:
            return
        if tail(node.func) not in self.tails:
            if isinstance(node.func, ast.Name) and ctx.scope is ctx.resolver.module_scope:
                chain = self._starts(node.func.id, ctx.resolver.module_scope, DEPTH, set())
                if chain:
                    ctx.report("ADV108", node, call=" -> ".join(chain))
            return
        qualified = ctx.qualify(node.func)
        if qualified is not None and qualified in self.starters:
            ctx.report("ADV108", node, call=qualified)

    def _starts(self, name: str, scope: Scope, depth: int, seen: set[int]) -> list[str] | None:
        """``[name, ..., starter]`` when the plain function *name* of this file starts
        processes itself or through the functions of this file it calls."""
        resolver = self.ctx.resolver
        binding = resolver.lookup(name, scope)
        function = binding.node if binding is not None and binding.kind == "def" else None
        if not isinstance(function, ast.FunctionDef) or function.decorator_list:
            return None
        if id(function) in seen or depth == 0:
            return None
        seen.add(id(function))
        inner = Scope(function, resolver.module_scope, function.name)
        calls = [n for n in own_nodes(function) if isinstance(n, ast.Call)]
        for call in calls:
            if tail(call.func) in self.tails:
                qualified = resolver.qualify(call.func, inner)
                if qualified in self.starters:
                    return [name, f"{qualified}()"]
        for call in calls:
            if isinstance(call.func, ast.Name):
                rest = self._starts(call.func.id, inner, depth - 1, seen)
                if rest:
                    return [name, *rest]
        return None
