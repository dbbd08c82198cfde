"""ADV107: CPU-heavy pure-Python work handed to a thread.

Flagged only when the target is a function defined in the same file whose body is a hot loop of
pure computation: a loop doing arithmetic, and no call outside a small list of builtins, pure
standard modules (`math`, `itertools`, ...) and container methods. Any other call — a socket
read, a queue get, `asyncio.run` — may wait on I/O or run an event loop, and then threads are
the right tool, so the target is left alone. Precision over recall: a linter that cries wolf
about threads gets switched off.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.checks.helpers import own_nodes
from advisor.lint.names import Scope, source_name, tail

_ARITHMETIC = (
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow,
    ast.LShift, ast.RShift, ast.BitXor, ast.BitAnd, ast.BitOr, ast.MatMult,
)  # fmt: skip
_WAITING = (ast.With, ast.AsyncWith, ast.Await, ast.Yield, ast.YieldFrom, ast.AsyncFor)


@register
class CpuWorkInThreads(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV107",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        self.starters = set(calls["thread_starters"])
        self.pools = {f"{name}()" for name in calls["thread_pools"]}
        self.to_thread = set(calls["to_thread"])
        self.pure_calls = set(calls["pure_calls"])
        self.pure_modules = set(calls["pure_modules"])
        self.pure_methods = set(calls["pure_methods"])
        self.tails = {n.rpartition(".")[2] for n in (*self.starters, *self.to_thread)}
        self.tails.update(("submit", "map", "run_in_executor", "apply_async", "imap"))

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        name = tail(node.func)
        if name not in self.tails:
            return
        target = self._target(node, name)
        if target is None:
            return
        function = self._function(target)
        if function is not None and self._hot(function, set()):
            self.ctx.report("ADV107", node, target=source_name(target))

    def _target(self, node: ast.Call, name: str | None) -> ast.expr | None:
        ctx = self.ctx
        func = node.func
        if name in ("submit", "map", "apply_async", "imap", "run_in_executor"):
            if not isinstance(func, ast.Attribute):
                return None
            if name == "run_in_executor":
                if len(node.args) < 2:
                    return None
                executor = node.args[0]
                default = isinstance(executor, ast.Constant) and executor.value is None
                if not default and ctx.qualify(executor) not in self.pools:
                    return None
                return node.args[1]
            if ctx.qualify(func.value) not in self.pools or not node.args:
                return None
            return node.args[0]
        qualified = ctx.qualify(func)
        if qualified in self.to_thread:
            return node.args[0] if node.args else None
        if qualified in self.starters:
            for keyword in node.keywords:
                if keyword.arg in ("target", "function"):
                    return keyword.value
            position = 1
            return node.args[position] if len(node.args) > position else None
        return None

    def _function(self, target: ast.expr) -> ast.FunctionDef | None:
        """The plain `def` the target names, when it is defined in this file."""
        ctx = self.ctx
        if (
            isinstance(target, ast.Call)
            and target.args
            and ctx.qualify(target.func) == "functools.partial"
        ):
            target = target.args[0]
        if isinstance(target, ast.Name):
            binding = ctx.resolver.lookup(target.id, ctx.scope)
            node = binding.node if binding is not None and binding.kind == "def" else None
            return node if isinstance(node, ast.FunctionDef) else None
        frame = ctx.frame
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and frame.cls is not None
            and target.value.id == frame.self_name
        ):
            for stmt in frame.cls[1].body:
                if isinstance(stmt, ast.FunctionDef) and stmt.name == target.attr:
                    return stmt if not stmt.decorator_list else None
        return None

    def _hot(self, function: ast.FunctionDef, seen: set[int]) -> bool:
        """A loop doing arithmetic, and nothing that may wait (memoised per function)."""
        key = ("hot", id(function))
        memo = self.ctx.memo
        if key in memo:
            return bool(memo[key])
        seen.add(id(function))
        memo[key] = False  # recursion guard
        verdict = self._pure(function, seen) and (
            _arithmetic_loop(function) or self._calls_hot(function, seen)
        )
        memo[key] = verdict
        return verdict

    def _calls_hot(self, function: ast.FunctionDef, seen: set[int]) -> bool:
        """CPU work one call away: the target only calls a hot function of this file (a
        module function, a closure, or a method through ``self``), ``worker -> crunch``."""
        for node in own_nodes(function):
            if not isinstance(node, ast.Call):
                continue
            callee = self._callee(node.func, function)
            if callee is not None and id(callee) not in seen and self._hot(callee, seen):
                return True
        return False

    def _callee(self, func: ast.expr, within: ast.FunctionDef) -> ast.FunctionDef | None:
        if isinstance(func, ast.Name):
            binding = self.ctx.resolver.lookup(func.id, _function_scope(self.ctx, within))
            node = binding.node if binding is not None and binding.kind == "def" else None
            return node if isinstance(node, ast.FunctionDef) else None
        return self._function(func)

    def _pure(self, function: ast.FunctionDef, seen: set[int]) -> bool:
        scope = _function_scope(self.ctx, function)
        for node in own_nodes(function):
            if isinstance(node, _WAITING):
                return False
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(node, ast.Call) and not self._pure_call(node, scope, seen):
                return False
        return True

    def _pure_call(self, call: ast.Call, scope: Scope, seen: set[int]) -> bool:
        resolver = self.ctx.resolver
        func = call.func
        if isinstance(func, ast.Name):
            binding = resolver.lookup(func.id, scope)
            if binding is None:
                return False
            if binding.kind == "import":
                if binding.target in self.pure_calls:
                    return True
                return binding.target.partition(".")[0] in self.pure_modules
            node = binding.node
            if binding.kind == "def" and isinstance(node, ast.FunctionDef):
                return id(node) not in seen and self._pure(node, seen | {id(node)})
            return False
        if isinstance(func, ast.Attribute):
            method = self._function(func)  # `self.score(...)`: a method of the same class
            if method is not None:
                return id(method) not in seen and self._pure(method, seen | {id(method)})
            qualified = resolver.qualify(func, scope)
            if qualified is not None and "()" not in qualified:
                return qualified.partition(".")[0] in self.pure_modules
            return func.attr in self.pure_methods
        return False


def _arithmetic_loop(function: ast.FunctionDef) -> bool:
    for node in own_nodes(function):
        if isinstance(node, (ast.For, ast.While)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.AugAssign) or (
                    isinstance(inner, ast.BinOp) and isinstance(inner.op, _ARITHMETIC)
                ):
                    return True
    return False


def _function_scope(ctx: FileContext, function: ast.FunctionDef) -> Scope:
    """A scope for a function found by name (its parent: the module, good enough for lookups)."""
    key = ("scope", id(function))
    scope = ctx.memo.get(key)
    if scope is None:
        scope = ctx.memo[key] = Scope(function, ctx.resolver.module_scope, function.name)
    assert isinstance(scope, Scope)
    return scope
