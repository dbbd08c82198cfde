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

from advisor.lint.bindings import Scope
from advisor.lint.callees import tail
from advisor.lint.checks import processes_across
from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.checks.helpers import may_name, own_nodes

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
        #: False when no name of the file can be a starter: then no chain of its defs can
        #: end in one, and none is followed (every def of every file ADV108 read was
        #: followed three calls deep for the other files' scripts)
        self.able = may_name(ctx, self.starters)
        #: `_plain_methods` by class (the entry holds the class, so its id is not reused)
        self.methods: dict[int, tuple[ast.ClassDef, dict[str, ast.FunctionDef | None]]] = {}

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        if len(ctx.frames) != 1 or ctx.main_guard:
            return
        if tail(node.func) not in self.tails:
            if ctx.scope is not ctx.resolver.module_scope or not self.able:
                return
            chain = None
            if isinstance(node.func, ast.Name):
                chain = self._starts(node.func.id, ctx.resolver.module_scope, DEPTH, set())
            elif isinstance(node.func, ast.Attribute):
                chain = self._method_starts(node.func)
            if chain:
                ctx.report("ADV108", node, call=" -> ".join(chain))
            return
        qualified = ctx.qualify(node.func)
        if qualified is not None and qualified in self.starters:
            ctx.report("ADV108", node, call=qualified)

    def finish(self) -> None:
        """Keep this module's starters for other files' scripts (`processes_across`)."""
        found = processes_across.starters(self, DEPTH) if self.able else None
        if found:
            self.ctx.memo["procs"] = found

    def _starts(self, name: str, scope: Scope, depth: int, seen: set[int]) -> list[str] | None:
        """``[name, ..., starter]`` when the plain function *name* of this file starts
        processes itself or through the functions of this file it calls."""
        binding = self.ctx.resolver.lookup(name, scope)
        function = binding.node if binding is not None and binding.kind == "def" else None
        return self._body_starts(name, function, None, depth, seen)

    def _method_starts(self, func: ast.Attribute) -> list[str] | None:
        """``runner.run()`` or ``Runner(...).run()`` at module level, where ``runner = Runner(...)``
        (once, at module level) and ``Runner`` is a class of this file whose plain method
        ``run`` starts processes, itself or through ``self.`` methods and functions of this
        file (GoogleHosts' ``m = Main(...); m.run()``)."""
        resolver = self.ctx.resolver
        made: ast.AST | None = func.value
        if isinstance(made, ast.Name):
            binding = resolver.lookup(made.id, resolver.module_scope)
            made = binding.node if binding is not None and binding.kind == "value" else None
        if not isinstance(made, ast.Call) or not isinstance(made.func, ast.Name):
            return None
        binding = resolver.lookup(made.func.id, resolver.module_scope)
        cls = binding.node if binding is not None and binding.kind == "class" else None
        if not isinstance(cls, ast.ClassDef):
            return None
        method = self._method(cls, func.attr)
        label = f"{cls.name}.{func.attr}"
        return self._body_starts(label, method, cls, DEPTH, set())

    def _body_starts(
        self, name: str, function: ast.AST | None, cls: ast.ClassDef | None, depth: int,
        seen: set[int],
    ) -> list[str] | None:  # fmt: skip
        """`_starts` for one function node; *cls* is its class when it is a method (then
        ``self.other()`` follows the class's own plain methods)."""
        if not isinstance(function, ast.FunctionDef) or function.decorator_list:
            return None
        if id(function) in seen or depth == 0:
            return None
        seen.add(id(function))
        resolver = self.ctx.resolver
        inner = Scope(function, resolver.module_scope, function.name)
        calls = [n for n in own_nodes(function) if isinstance(n, ast.Call)]
        for call in calls:
            if tail(call.func) in self.tails:
                qualified = resolver.qualify(call.func, inner)
                if qualified in self.starters:
                    return [name, f"{qualified}()"]
        me = function.args.args[0].arg if cls is not None and function.args.args else None
        for call in calls:
            rest = None
            if isinstance(call.func, ast.Name):
                rest = self._starts(call.func.id, inner, depth - 1, seen)
            elif (
                cls is not None
                and isinstance(call.func, ast.Attribute)
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == me
            ):
                method = self._method(cls, call.func.attr)
                label = f"{cls.name}.{call.func.attr}"
                rest = self._body_starts(label, method, cls, depth - 1, seen)
            if rest:
                return [name, *rest]
        return None

    def _method(self, cls: ast.ClassDef, name: str) -> ast.FunctionDef | None:
        """`_plain_methods` of *cls*, listed once per class: every ``self.m()`` of every
        method asked again, reading the class body from its first line each time."""
        kept = self.methods.get(id(cls))
        if kept is None or kept[0] is not cls:
            kept = self.methods[id(cls)] = (cls, _plain_methods(cls))
        return kept[1].get(name)


def _plain_methods(cls: ast.ClassDef) -> dict[str, ast.FunctionDef | None]:
    """Each plain method *cls*'s own body defines, by name (the last one wins, as in Python;
    an ``async def`` after it hides it)."""
    found: dict[str, ast.FunctionDef | None] = {}
    for item in cls.body:
        if isinstance(item, ast.FunctionDef):
            found[item.name] = item
        elif isinstance(item, ast.AsyncFunctionDef):
            found[item.name] = None
    return found
