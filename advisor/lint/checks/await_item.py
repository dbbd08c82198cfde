"""ADV102: ``await f()[key]``, which awaits the item, not the call.

``await`` binds looser than a subscript, so ``await self.middleware.call("x")["path"]`` is
``await (self.middleware.call("x")["path"])``: the call's result is subscripted first. When the
call returns a coroutine, that raises ``TypeError: 'coroutine' object is not subscriptable``
and the coroutine is never awaited (truenas/middleware#2461: ``(await ...)["path"]`` was
meant). Reported whatever the callee, since no callee makes the shape right in practice: of
about a hundred thousand ``await`` expressions in the 256 packages of advisor's corpora, none
awaits an item of a call's result (a sync call returning a mapping of awaitables would be the
one working use); also an item of an item (``await self.get_chat_history(bot=bot)["data"][bot]``,
poe-api-wrapper#168). ``await f().attr`` is not reported: a call returning an object with an
awaitable attribute is a working API (aiocoap's ``await ctx.request(msg).response``).
Nor is an item of a builtin's result (``await list(cache.values())[0]``, kr8s's ``api()``): a
builtin never returns a coroutine, so the list holds the awaitables and the item is awaited
right; a name the module binds itself (a def, an import) is no builtin and stays reported.
"""

from __future__ import annotations

import ast
from typing import ClassVar

from advisor.lint.bindings import BUILTINS
from advisor.lint.callees import source_name
from advisor.lint.checks.base import Check, register


@register
class AwaitItem(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV102",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Await,)

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Await)
        item = node.value
        if type(item) is not ast.Subscript:
            return
        call = item.value
        while type(call) is ast.Subscript:  # `await f()["data"][bot]`: items of items (poe#168)
            call = call.value
        if type(call) is not ast.Call:
            return
        if type(call.func) is ast.Name and self._builtin(call.func.id):
            return
        self.ctx.report(
            "ADV102", node, call=source_name(call.func), how="subscripted", where="item"
        )

    def _builtin(self, name: str) -> bool:
        """Whether *name* read here is Python's builtin (not rebound by the module)."""
        binding = self.ctx.resolver.lookup(name, self.ctx.scope)
        return (
            binding is not None
            and binding.kind == "import"
            and binding.target == name
            and name in BUILTINS
        )
