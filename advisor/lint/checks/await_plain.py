"""ADV110: ``await`` on the call of a plain function of the same file that returns no awaitable.

``fits = await self.nickname_fits(name)`` where ``nickname_fits`` is a plain `def` returning a
``bool`` raises ``TypeError: object bool can't be used in 'await' expression`` at every call
(Dav-Cogs#77). Reported only where the callee is known exactly and what it returns is plainly
not awaitable, since a wrong guess would be a false alarm on working code:

- the callee is ``self.m(...)`` with ``m`` a plain `def` in the body of the method's own class
  (also a static or class method), or ``f(...)`` with ``f`` a plain `def` of this module;
- it carries no other decorator (one may wrap it in a coroutine), holds no ``yield``, and its
  body is not a stub (``pass``, ``...``, a docstring, ``raise``: a hook meant to be overridden);
- no ``async def`` of the same name is written anywhere in the file (a subclass's coroutine
  override would make the ``await`` right for its instances);
- every ``return`` hands back a value the syntax shows is no awaitable (`_plain_value`), or
  nothing (``None``, also when the function ends without ``return``).
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import source_name
from advisor.lint.checks.base import ASYNC, Check, FileContext, register
from advisor.lint.checks.helpers import class_members
from advisor.lint.statements import walk

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DISPLAYS = (
    ast.Constant, ast.JoinedStr, ast.Compare, ast.List, ast.Tuple, ast.Set, ast.Dict,
    ast.ListComp, ast.SetComp, ast.DictComp,
)  # fmt: skip
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


@register
class AwaitPlainCall(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV110",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Await,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        #: builtins whose call returns a plain value (``len(x)``, ``str(x)``)
        self.values = frozenset(calls["plain_value_builtins"])
        self._async_names: set[str] | None = None

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Await)
        call = node.value
        if self.ctx.frame.kind != ASYNC or type(call) is not ast.Call:
            return
        callee = self._callee(call.func)
        if callee is None or callee.name in self.async_names():
            return
        returned = self._returns(callee)
        if returned is None:
            return
        self.ctx.report("ADV110", node, call=f"{source_name(call.func)}()", returned=returned)

    def async_names(self) -> set[str]:
        """Every ``async def``'s name in the file (built on first need)."""
        if self._async_names is None:
            self._async_names = {
                n.name for n in walk(self.ctx.tree) if type(n) is ast.AsyncFunctionDef
            }
        return self._async_names

    def _callee(self, func: ast.expr) -> ast.FunctionDef | None:
        """The plain `def` *func* names exactly: a method of the frame's own class called on
        its instance, or a module-level function of this file; None otherwise."""
        ctx = self.ctx
        frame = ctx.frame
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if frame.cls is None or func.value.id != frame.self_name:
                return None
            members = class_members(ctx, frame.cls[1]).get(func.attr, ())
            named = [n for n in members if isinstance(n, _DEFS)]
            if len(named) != 1 or not isinstance(named[0], ast.FunctionDef):
                return None
            allowed = {"staticmethod", "classmethod"}
            found = named[0]
        elif isinstance(func, ast.Name):
            binding = ctx.resolver.lookup(func.id, ctx.scope)
            if binding is None or binding.kind != "def":
                return None
            node = binding.node
            if not isinstance(node, ast.FunctionDef) or node not in ctx.tree.body:
                return None
            allowed = set()
            found = node
        else:
            return None
        for decorator in found.decorator_list:
            if not (isinstance(decorator, ast.Name) and decorator.id in allowed):
                return None
        return found

    def _returns(self, function: ast.FunctionDef) -> str | None:
        """What *function* returns when every return is plainly no awaitable (``None`` or the
        first value's source), None when one may be or the body is a stub."""
        body = [
            s
            for s in function.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        ]
        if not body or all(isinstance(s, (ast.Pass, ast.Raise)) for s in body):
            return None  # a stub: a hook meant to be overridden
        if isinstance(body[-1], ast.Raise):
            return None
        values: list[ast.expr] = []
        todo: list[ast.AST] = list(body)
        while todo:
            node = todo.pop()
            if isinstance(node, _NESTED):
                continue
            if isinstance(node, (ast.Yield, ast.YieldFrom, ast.Await)):
                return None
            if isinstance(node, ast.Return) and node.value is not None:
                if not self._plain_value(node.value):
                    return None
                values.append(node.value)
            todo.extend(ast.iter_child_nodes(node))
        if not values:
            return "None"
        return _kind(min(values, key=lambda v: (v.lineno, v.col_offset)))

    def _plain_value(self, value: ast.expr) -> bool:
        """Whether *value* is, by its syntax, no awaitable: a literal, a comparison, ``not``,
        an f-string, a display or comprehension, a conditional of two such values, a call of a builtin that returns a plain
        value (`plain_value_builtins`), and ``and``/``or``/arithmetic of those."""
        if isinstance(value, _DISPLAYS):
            return True
        if isinstance(value, ast.UnaryOp):
            return isinstance(value.op, ast.Not) or self._plain_value(value.operand)
        if isinstance(value, ast.BoolOp):
            return all(self._plain_value(v) for v in value.values)
        if isinstance(value, ast.BinOp):
            return self._plain_value(value.left) and self._plain_value(value.right)
        if isinstance(value, ast.IfExp):
            return self._plain_value(value.body) and self._plain_value(value.orelse)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            binding = self.ctx.resolver.lookup(value.func.id, self.ctx.scope)
            return (
                value.func.id in self.values
                and binding is not None
                and binding.kind == "import"
                and binding.target == value.func.id
            )
        return False


def _kind(value: ast.expr) -> str:
    """How the message names a returned value: ``a bool`` for a comparison, else its type."""
    if isinstance(value, (ast.Compare, ast.BoolOp)) or (
        isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not)
    ):
        return "bool"
    if isinstance(value, ast.Constant):
        return type(value.value).__name__
    if isinstance(value, ast.JoinedStr):
        return "str"
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return f"{value.func.id}(...)"
    return type(value).__name__.lower().removesuffix("comp")
