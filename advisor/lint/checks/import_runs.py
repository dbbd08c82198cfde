"""ADV104 at import time: a module of a package that runs an event loop while it is imported.

``all_shipList = asyncio.run(get_all_shipList())`` at module level of a plugin module
(HikariBot#23): the module is part of a package (it imports its siblings relatively, so it is
never a script run by path) and runs when something imports it. A framework that loads plugins
from its running loop (NoneBot), an async test or a notebook imports it with a loop running, and
``asyncio.run`` raises ``cannot be called from a running event loop``. Left alone: a call under
``if __name__ == "__main__":``, inside a function, a package's ``__main__`` module (run with
``python -m``, as a program), and a module that defines no coroutine of its own (a synchronous
module's importers need not run a loop).
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import tail
from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.statements import walk


@register
class ImportTimeRuns(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV104",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)
    module_level_only: ClassVar[bool] = True

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.runners = frozenset(data["calls"]["loop_runners"])
        self.tails = frozenset(n.rpartition(".")[2] for n in self.runners)
        self.imported: bool | None = None

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        if len(ctx.frames) != 1 or ctx.main_guard or tail(node.func) not in self.tails:
            return
        qualified = ctx.qualify(node.func)
        if qualified is None or qualified not in self.runners:
            return
        if self.imported is None:
            self.imported = _imported_module(ctx)
        if self.imported:
            ctx.report("ADV104", node, call=qualified, where="import")


def _imported_module(ctx: FileContext) -> bool:
    """Whether the module is only ever imported, by async code: it imports a sibling relatively
    at module level (a file run by path cannot), it is not its package's ``__main__``, and it
    defines coroutines itself, so whoever imports it runs them on a loop."""
    if ctx.module.rpartition(".")[2] == "__main__":
        return False
    tree = ctx.tree
    if not any(type(s) is ast.ImportFrom and s.level > 0 for s in tree.body):
        return False
    return any(type(n) is ast.AsyncFunctionDef for n in walk(tree))
