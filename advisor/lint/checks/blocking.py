"""ADV101: a blocking call inside `async def`, looked up in the data table ``blocking.yaml``.

Only calls whose nearest enclosing function is an `async def` count (a plain `def` or a lambda
nested in it may well run in a thread), and an awaited call is never a blocking call. A blocking
function passed by reference (``asyncio.to_thread(time.sleep, 1)``) is not a call, so it is
never seen here.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.checks.base import ASYNC, Check, FileContext, register
from advisor.lint.checks.helpers import own_nodes
from advisor.lint.names import source_name, tail

_OPENED = ("open().", "io.open().", "builtins.open().")


@register
class BlockingCall(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.table: dict[str, Any] = data["blocking"]["calls"]
        self.tails = data["_tails"]["blocking"]

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        if ctx.frame.kind != ASYNC or type(parent) is ast.Await:
            return
        func = node.func
        if tail(func) not in self.tails and not (
            isinstance(func, ast.Name) and self._aliased(func.id)
        ):
            return
        qualified = ctx.qualify(node.func)
        if qualified is None:
            return
        entry = self.table.get(qualified)
        if entry is None:
            return
        unless = entry.get("unless")
        if unless and (
            len(node.args) >= unless.get("positional", 99)
            or any(k.arg in unless.get("kwargs", ()) for k in node.keywords)
        ):
            return
        if qualified.startswith("socket.") and "()." in qualified and self._non_blocking(func):
            return
        if qualified.startswith(_OPENED) and self._opened_here(func):
            return
        shown = qualified if "()" not in qualified else source_name(node.func)
        ctx.report("ADV101", node, call=shown, fix=entry["fix"])

    def _opened_here(self, func: ast.expr) -> bool:
        """``f.read()`` where ``f`` was opened in this very function: the ``open()`` is the
        finding already; one handle opened elsewhere (a global log file) is its own."""
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            return False
        scope = self.ctx.scope
        return func.value.id in self.ctx.resolver.bindings(scope)

    def _non_blocking(self, func: ast.expr) -> bool:
        """``sock.setblocking(False)`` (or ``settimeout(0)``) in this function: then ``connect``
        and ``recv`` raise BlockingIOError instead of waiting (anyio's connect_unix)."""
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            return False
        frame = self.ctx.frame
        key = ("non_blocking", id(frame.node))
        names = self.ctx.memo.get(key)
        if names is None:
            names = set()
            for node in own_nodes(frame.node):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("setblocking", "settimeout")
                    and isinstance(node.func.value, ast.Name)
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and node.args[0].value in (False, 0)
                ):
                    names.add(node.func.value.id)
            self.ctx.memo[key] = names
        return func.value.id in names

    def _aliased(self, name: str) -> bool:
        """``from time import sleep as nap``: the name differs, the import does not."""
        binding = self.ctx.resolver.lookup(name, self.ctx.scope)
        return (
            binding is not None
            and binding.kind == "import"
            and binding.target.rpartition(".")[2] in self.tails
        )
