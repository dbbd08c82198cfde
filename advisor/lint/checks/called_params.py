"""ADV101: a coroutine calls a function it was handed, and its callers hand it one that blocks.

A retry or locking helper written as a coroutine (``async def _execute_with_retry(self,
operation: Callable)``) that runs ``return operation()`` on the loop runs whatever its callers
hand it there: mcp-memory-service#637, whose every database operation was a nested sync
closure (``def update_metadata(): self.conn.execute(...); self.conn.commit()``) or the bound
method ``self.conn.commit`` handed to it; the fix ran ``await asyncio.to_thread(operation)``.

Same file only: the helper is a coroutine of the module (``helper(...)``) or of the class
(``self.helper(...)``, or ``Store.helper(...)`` for a ``@staticmethod``, which has no ``self``
to skip); the argument at a call site, by position or by keyword, is a ``def`` nested in the
calling function, a lambda, or a bound method of an object whose type the resolver knows
(``self.conn.commit`` with ``self.conn = sqlite3.connect(...)``), and it blocks when its own
body makes a call of the blocking table that the table's ``unless`` does not clear
(``open("/proc/self/stat")``, ``sqlite3.connect(":memory:")`` block as little handed in as
called directly). Reported at the helper's call of its parameter, with the chain
(``_execute_with_retry -> operation = update_metadata -> conn.execute()``). Not when the helper
awaits what the parameter returns (an async callable), tests it for a coroutine
(``inspect.isawaitable``, ``iscoroutinefunction``: it handles both kinds), or hands it to a
thread itself.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import source_name
from advisor.lint.checks.base import ASYNC, LAMBDA, SYNC, Check, FileContext, register
from advisor.lint.checks.code_kinds import one_shot_kind, one_shot_quiet
from advisor.lint.checks.harmless import unless_applies
from advisor.lint.checks.helpers import own_nodes

_BOTH_KINDS = frozenset(
    {"isawaitable", "iscoroutine", "iscoroutinefunction", "isfunction", "markcoroutinefunction"}
)


def _param_calls(function: ast.AsyncFunctionDef) -> dict[str, tuple[int, ast.Call]]:
    """The parameters *function* calls bare and never awaits (``operation()``), by name:
    (position among its parameters, the first such call)."""
    args = function.args
    params = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    found: dict[str, tuple[int, ast.Call]] = {}
    awaited: set[int] = set()
    for node in own_nodes(function):
        if isinstance(node, ast.Await):
            awaited.add(id(node.value))
        elif (
            isinstance(node, (ast.Name, ast.Attribute))
            and (node.id if isinstance(node, ast.Name) else node.attr) in _BOTH_KINDS
        ):
            return {}
    for node in own_nodes(function):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in params
            and node.func.id not in found
        ):
            if id(node) in awaited:
                return {}  # an async callable: what it returns is awaited
            found[node.func.id] = (params.index(node.func.id), node)
    return found


@register
class CalledParameters(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call, ast.AsyncFunctionDef)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.table: Any = data["blocking"]["calls"]
        self.tails: frozenset[str] = data["_tails"]["blocking"]
        # helper (class or None, name) -> {param: (position, call)}
        self.helpers: dict[tuple[str | None, str], dict[str, tuple[int, ast.Call]]] = {}
        self.static: set[tuple[str | None, str]] = set()  # helpers with no `self` to skip
        self.blocks: dict[int, str] = {}  # nested def or lambda -> its first blocking call
        self.methods: dict[int, str] = {}  # `self.conn.commit` argument -> the blocking call
        self.sites: list[tuple[str | None, str, ast.Call, ast.AST]] = []
        self.defs: dict[tuple[str | None, str], ast.AsyncFunctionDef] = {}
        self.calls = data["calls"]

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        ctx = self.ctx
        if isinstance(node, ast.AsyncFunctionDef):
            calls = _param_calls(node)
            if calls:
                cls = ctx.classes[-1][0] if ctx.scope.is_class and ctx.classes else None
                self.helpers[(cls, node.name)] = calls
                self.defs[(cls, node.name)] = node
                if cls is not None and any(
                    isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list
                ):
                    self.static.add((cls, node.name))
            return
        assert isinstance(node, ast.Call)
        frame = ctx.frame
        func = node.func
        if frame.kind in (SYNC, LAMBDA) and id(frame.node) not in self.blocks:
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in self.tails:
                qualified = ctx.qualify(func)
                entry = self.table.get(qualified) if qualified is not None else None
                # `open("/proc/...")`, `sqlite3.connect(":memory:")`: the table's `unless`
                # says this call does not block, handed in or not.
                if entry is not None and not unless_applies(node, entry.get("unless"), ctx):
                    self.blocks[id(frame.node)] = f"{source_name(func)}()"
        if frame.kind != ASYNC or not (node.args or node.keywords):
            return
        owner: str | None = None
        if isinstance(func, ast.Name):
            helper = func.id
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == frame.self_name
            and frame.cls is not None
        ):
            owner, helper = frame.cls[0], func.attr
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and frame.cls is not None
            and func.value.id == frame.cls[1].name
        ):
            owner, helper = frame.cls[0], func.attr  # `Store._retry(...)`, a static method
        else:
            return
        for arg in (*node.args, *(k.value for k in node.keywords)):
            if isinstance(arg, ast.Attribute) and arg.attr in self.tails:
                qualified = ctx.qualify(arg)
                if qualified is not None and self.table.get(qualified) is not None:
                    self.methods[id(arg)] = f"{source_name(arg)}()"
        self.sites.append((owner, helper, node, frame.node))

    def finish(self) -> None:
        reported: set[int] = set()
        for owner, helper, call, caller in self.sites:
            params = self.helpers.get((owner, helper))
            if not params or self._one_shot(self.defs[(owner, helper)]):
                continue
            func = call.func
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and owner is not None
                and func.value.id == owner.rpartition(".")[2]
                and (owner, helper) not in self.static
            ):
                continue  # `Store.method(store, op)`: where `self` goes is not read here
            nested = {
                n.name: n
                for n in own_nodes(caller)
                if isinstance(n, ast.FunctionDef) and not n.decorator_list
            }
            for param, (position, inner) in params.items():
                if id(inner) in reported:
                    continue
                # `self` is not at the call site; a static method has none
                offset = 1 if owner is not None and (owner, helper) not in self.static else 0
                index = position - offset
                arg = call.args[index] if 0 <= index < len(call.args) else None
                arg = next((k.value for k in call.keywords if k.arg == param), arg)
                blocked = self._blocking(arg, nested)
                if arg is None or blocked is None:
                    continue
                reported.add(id(inner))
                handed = source_name(arg) if not isinstance(arg, ast.Lambda) else "lambda"
                chain = f"{helper} -> {param} = {handed} -> {blocked}"
                self.ctx.report("ADV101", inner, call=chain, fix="offload")

    def _one_shot(self, helper: ast.AsyncFunctionDef) -> bool:
        """A helper of a command-line program's own code or of test code, as for a direct
        call (`code_kinds.one_shot_quiet`)."""
        kind = one_shot_kind(self.ctx, helper, self.calls)
        return one_shot_quiet(kind, "offload", self.calls)

    def _blocking(self, arg: ast.expr | None, nested: dict[str, ast.FunctionDef]) -> str | None:
        if isinstance(arg, ast.Lambda):
            return self.blocks.get(id(arg))
        if isinstance(arg, ast.Name) and arg.id in nested:
            return self.blocks.get(id(nested[arg.id]))
        if isinstance(arg, ast.Attribute):
            return self.methods.get(id(arg))
        return None
