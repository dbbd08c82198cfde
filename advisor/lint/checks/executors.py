"""The function a call hands to a thread or a pool to run, by reference.

``asyncio.to_thread(f, ...)``, ``loop.run_in_executor(None, f, ...)``, ``pool.submit(f)``,
Home Assistant's ``hass.async_add_executor_job(f, ...)``, starlette's
``run_in_threadpool(f, ...)``, ``Thread(target=f)``, each also as ``functools.partial(f, ...)``.
Two families ask the same question of the same calls: ADV102 (a coroutine function handed
there only has its coroutine object created in the thread, and it never runs) and ADV101 one
call away (a helper the code hands there is written to run off the loop: not a finding where a
coroutine calls it). Both read the answer here, from the one table (``calls.yaml``:
``executor_methods``, ``to_thread``, ``thread_starters``, ``thread_keywords``), so a framework's
executor helper is a line of data, never a second list in code.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

from advisor.lint.callees import tail
from advisor.lint.checks.base import FileContext


class Executors:
    """The executor calls of ``calls.yaml``, compiled once per check."""

    def __init__(self, calls: Mapping[str, Any]) -> None:
        #: a method, matched by its last name on any receiver -> where the function is
        self.methods: dict[str, int] = dict(calls["executor_methods"])
        #: functions that take the function first (``asyncio.to_thread``)
        self.functions = frozenset(calls["to_thread"])
        #: thread constructors that take it as a keyword (``Thread(target=f)``)
        self.starters = frozenset(calls["thread_starters"])
        self.keywords = frozenset(calls["thread_keywords"])
        self.wrappers = frozenset(name.rpartition(".")[2] for name in calls["entry_wrappers"])
        #: the last names worth a look (the byte-cheap first test of `handed`)
        self.tails = frozenset(
            {*self.methods, *(n.rpartition(".")[2] for n in (*self.functions, *self.starters))}
        )

    def handed(self, call: ast.Call, ctx: FileContext) -> list[ast.expr]:
        """The functions *call* runs in a thread or pool (unwrapped from ``partial``), as
        written; empty when *call* is no executor call of the table."""
        name = tail(call.func)
        if name not in self.tails:
            return []
        refs: list[ast.expr]
        if name in self.methods and type(call.func) is ast.Attribute:
            at = self.methods[name]
            refs = call.args[at : at + 1]
        else:
            qualified = ctx.qualify(call.func) or ""
            if qualified in self.functions or (
                # `anyio.to_thread.run_sync` through an alias the resolver cannot follow
                name == "run_sync"
                and type(call.func) is ast.Attribute
                and tail(call.func.value) == "to_thread"
            ):
                refs = call.args[:1]
            elif qualified in self.starters:
                refs = [k.value for k in call.keywords if k.arg in self.keywords]
            else:
                return []
        return [self.unwrapped(ref) for ref in refs if type(ref) is not ast.Starred]

    def unwrapped(self, ref: ast.expr) -> ast.expr:
        """*f* of ``functools.partial(f, ...)`` (``entry_wrappers``), or *ref* itself."""
        if type(ref) is ast.Call and tail(ref.func) in self.wrappers and ref.args:
            return ref.args[0]
        return ref
