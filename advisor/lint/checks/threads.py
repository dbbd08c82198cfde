"""ADV107: CPU-heavy pure-Python work handed to a thread.

Flagged only when the target is a function defined in the same file whose body is a hot loop of
pure computation: a loop doing arithmetic, and no call outside a small list of builtins, pure
standard modules (`math`, `itertools`, ...) and container methods. Any other call — a socket
read, a queue get, `asyncio.run` — may wait on I/O or run an event loop, and then threads are
the right tool, so the target is left alone. Precision over recall: a linter that cries wolf
about threads gets switched off.

One module away too: a target imported from another module of the scan (``to_thread(checksum,
data)`` with ``from pkg.crunch import checksum``), or a target of this file that is pure but
for calls of such functions (a wrapper, a method, a closure), is kept as a candidate (``w``:
the call and the functions of other modules it needs); each file
names its own hot module-level functions (``z``), and `resolve` reports a candidate after the
scan when every function it needs is hot. An imported function the scan does not judge hot
(not parsed, I/O, a loop without arithmetic) is never guessed at.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from advisor.lint.bindings import BUILTINS, Scope
from advisor.lint.callees import source_name, tail
from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.checks.helpers import class_members, own_nodes, repeating_nodes

_FOREIGN = frozenset(sys.stdlib_module_names) | BUILTINS

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
        #: targets that are hot if the functions of other modules they call are (`resolve`)
        self.waiting: list[list[Any]] = []

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
            self.ctx.report("ADV107", node, target=source_name(self._unwrapped(target)))
            return
        outside = self._outside(function) if function is not None else self._imported(target)
        if outside:
            shown = source_name(self._unwrapped(target))  # `crunch`, not `functools.partial()`
            self.waiting.append([node.lineno, node.col_offset + 1, shown, outside])

    def finish(self) -> None:
        """Keep the candidates one module away and this module's hot functions (`resolve`)."""
        hot = self._hot_functions()
        facts: dict[str, Any] = {}
        if self.waiting:
            facts["w"] = self.waiting
        if hot:
            facts["z"] = hot
        if facts:
            self.ctx.memo["cpu"] = facts

    def _hot_functions(self) -> list[str]:
        """This module's undecorated module-level functions that are hot (`_hot`): the ones a
        thread target of another module may call."""
        resolver = self.ctx.resolver
        found = []
        for name, binding in resolver.bindings(resolver.module_scope).items():
            node = binding.node
            if (
                binding.kind == "def"
                and isinstance(node, ast.FunctionDef)
                and not node.decorator_list
                and binding.target == f"{self.ctx.module}.{name}"
                and self._hot(node, set())
            ):
                found.append(binding.target)
        return sorted(found)

    def _imported(self, target: ast.expr) -> list[str] | None:
        """``[pkg.crunch.checksum]`` for a target that names a function imported from a module
        that may be the scan's (also through ``functools.partial``)."""
        target = self._unwrapped(target)
        if not isinstance(target, (ast.Name, ast.Attribute)):
            return None
        qualified = self._foreign_function(target)
        return [qualified] if qualified else None

    def _foreign_function(self, func: ast.expr) -> str | None:
        """The qualified name of an imported function of a module that may be the scan's
        (not the standard library's, not a pure module's): ``crunch.checksum``."""
        if isinstance(func, ast.Name):
            binding = self.ctx.resolver.lookup(func.id, self.ctx.scope)
            if binding is None or binding.kind != "import":
                return None
            qualified = binding.target
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            qualified = self.ctx.qualify(func) or ""
        else:
            return None
        top = qualified.partition(".")[0]
        if (
            "." not in qualified
            or "(" in qualified
            or (top in _FOREIGN and top != self.ctx.module.partition(".")[0])
            or top in self.pure_modules
        ):
            return None
        return qualified

    def _outside(self, function: ast.FunctionDef) -> list[str] | None:
        """The functions of other modules *function* calls, when every other call it makes is
        pure and it does not wait: its heat is theirs (or its own loop's)."""
        scope = _function_scope(self.ctx, function)
        found: list[str] = []
        for node in own_nodes(function):
            if isinstance(node, _WAITING):
                return None
            if not isinstance(node, ast.Call) or self._pure_call(node, scope, {id(function)}):
                continue
            if isinstance(node.func, ast.Name):
                binding = self.ctx.resolver.lookup(node.func.id, scope)
                qualified = binding.target if binding and binding.kind == "import" else None
                top = (qualified or "").partition(".")[0]
                if not qualified or "." not in qualified or top in _FOREIGN:
                    return None
            elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
                qualified = self.ctx.resolver.qualify(node.func, scope)
                top = (qualified or "").partition(".")[0]
                if not qualified or "(" in qualified or top in _FOREIGN:
                    return None
            else:
                return None
            found.append(qualified)
        return sorted(set(found)) or None

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

    def _unwrapped(self, target: ast.expr) -> ast.expr:
        """The function a target names through ``functools.partial(f, ...)``, or the target."""
        if (
            isinstance(target, ast.Call)
            and target.args
            and self.ctx.qualify(target.func) == "functools.partial"
        ):
            return target.args[0]
        return target

    def _function(self, target: ast.expr) -> ast.FunctionDef | None:
        """The plain `def` the target names, when it is defined in this file."""
        ctx = self.ctx
        target = self._unwrapped(target)
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
            for stmt in class_members(ctx, frame.cls[1]).get(target.attr, ()):
                if isinstance(stmt, ast.FunctionDef):
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
            for inner in repeating_nodes(node):
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


def resolve(per_file: Iterable[tuple[str, Mapping[str, Any]]]) -> list[tuple[str, list[Any]]]:
    """ADV107 one module away: (path, finding) for each candidate (``w``) whose functions of
    other modules are all hot there (``z``, through a package's re-exports)."""
    results = list(per_file)
    hot: set[str] = set()
    aliases: dict[str, str] = {}
    for _path, result in results:
        facts = result.get("r") or {}
        hot.update(facts.get("z", ()))
        aliases.update((result.get("facts") or {}).get("aliases", {}))
    if not hot:
        return []

    def is_hot(name: str) -> bool:
        for _hop in range(4):
            if name in hot or name not in aliases:
                break
            name = aliases[name]
        return name in hot

    found: list[tuple[str, list[Any]]] = []
    for path, result in results:
        for line, col, shown, needed in (result.get("r") or {}).get("w", ()):
            if needed and all(is_hot(name) for name in needed):
                found.append((path, [line, col, "ADV107", {"target": shown}]))
    return found
