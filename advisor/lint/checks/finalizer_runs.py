"""ADV104 in a finalizer: ``loop.run_until_complete(...)`` (or ``asyncio.run``) in the
``__del__`` of a class that has coroutine methods.

Such an object is made and used by async code, so the garbage collector may well finalize it
while that code's loop is running on this thread, and then the call raises ``This event loop is
already running`` (``asyncio.run``: ``cannot be called from a running event loop``), inside a
finalizer, where the error is only printed and the resource is never closed. Inspired by
aiocryptopay#1: the client remembered ``asyncio.get_event_loop()`` at construction and closed its
aiohttp session from ``__del__`` with ``run_until_complete``; the fix gave it an async
``close()`` the application awaits on shutdown. A class with no coroutine method is left alone
(a synchronous wrapper that owns a private loop of its own may run it there), as is a
``__del__`` that only schedules the close (``loop.create_task(...)``), and a call inside a
``try`` that catches ``RuntimeError`` (calls.yaml ``loop_probe_errors``): the code handles the
running loop on purpose (xknx's ``__del__`` logs "Could not close loop").
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import source_name, tail
from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.checks.helpers import caught_names, is_loop_like
from advisor.lint.statements import walk


@register
class FinalizerRuns(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV104",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        self.runners = frozenset(calls["loop_runners"])
        self.run_methods = frozenset(calls["loop_run_methods"])
        self.errors = frozenset(calls["loop_probe_errors"])

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        frame = ctx.frame
        function = frame.node
        if (
            frame.cls is None
            or not isinstance(function, ast.FunctionDef)
            or function.name != "__del__"
        ):
            return
        func = node.func
        name = tail(func)
        if name in self.run_methods and isinstance(func, ast.Attribute):
            if not is_loop_like(func.value, ctx.qualify(func.value)):
                return
            shown = source_name(func)
        else:
            qualified = ctx.qualify(func)
            if qualified is None or qualified not in self.runners:
                return
            shown = qualified
        if _has_coroutines(frame.cls[1]) and not _handled(function, node, self.errors):
            ctx.report("ADV104", node, call=shown, where="finalizer")


def _has_coroutines(cls: ast.ClassDef) -> bool:
    return any(isinstance(n, ast.AsyncFunctionDef) for n in cls.body)


def _handled(function: ast.FunctionDef, call: ast.Call, errors: frozenset[str]) -> bool:
    """Whether *call* sits in the body of a ``try`` with a handler naming one of *errors*."""
    for node in walk(function):
        if not isinstance(node, ast.Try):
            continue
        caught = {name for handler in node.handlers for name in caught_names(handler)}
        if caught & errors and any(
            inner is call for statement in node.body for inner in walk(statement)
        ):
            return True
    return False
