"""ADV110: ``await`` on the call of a plain function of the same file that returns no awaitable.

``fits = await self.nickname_fits(name)`` where ``nickname_fits`` is a plain `def` returning a
``bool`` raises ``TypeError: object bool can't be used in 'await' expression`` at every call
(Dav-Cogs#77). Reported only where the callee is known exactly and what it returns is plainly
not awaitable, since a wrong guess would be a false alarm on working code:

- the callee is ``self.m(...)`` with ``m`` a plain `def` in the body of the method's own class
  (also a static or class method), or ``f(...)`` with ``f`` a plain `def` of this module;
- it carries no other decorator (one may wrap it in a coroutine), holds no ``yield``, and its
  body is not a stub (``pass``, ``...``, a docstring, ``raise``: a hook meant to be overridden);
- no ``async def`` of the same name is written anywhere in the file, and no subclass in any
  file of the scan overrides it with anything but a plain `def` (a coroutine override makes
  the ``await`` right for that subclass's instances: changedetection.io's playwright
  ``fetcher`` overrides ``Fetcher.save_step_html`` as ``async def``, and its base class's
  ``iterate_browser_steps`` awaits ``self.save_step_html()``; review 23, defect #2). So
  ``await self.m()`` is settled after the scan, from every file's classes (`resolve`), the way
  ADV102 across files is; a module-level ``f()`` is settled in the file;
- every ``return`` hands back a value the syntax shows is no awaitable (`_plain_value`), or
  nothing (``None``, also when the function ends without ``return``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from advisor.lint.callees import source_name
from advisor.lint.checks import await_plain_overrides as overrides
from advisor.lint.checks import await_registered as registered
from advisor.lint.checks.await_missing_across import SYNC, descendants
from advisor.lint.checks.base import ASYNC, Check, FileContext, register
from advisor.lint.checks.helpers import class_members
from advisor.lint.node_fields import FIELDS as _FIELDS
from advisor.lint.node_fields import child_fields as _child_fields
from advisor.lint.statements import walk

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DISPLAYS = (
    ast.Constant, ast.JoinedStr, ast.Compare, ast.List, ast.Tuple, ast.Set, ast.Dict,
    ast.ListComp, ast.SetComp, ast.DictComp,
)  # fmt: skip
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
#: What `_returns` does not look into: nested scopes, and the leaves that hold no node.
_SKIPPED = frozenset((*_NESTED, ast.Name, ast.Constant))
_NOT_PLAIN = frozenset((ast.Yield, ast.YieldFrom, ast.Await))


@register
class AwaitPlainCall(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV110",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Await, ast.FunctionDef, ast.Call)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        #: builtins whose call returns a plain value (``len(x)``, ``str(x)``)
        self.values = frozenset(calls["plain_value_builtins"])
        self._async_names: set[str] | None = None

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        if type(node) is ast.FunctionDef:
            # a plain method that may override a coroutine its base awaits (`overrides`)
            overrides.candidate(self.ctx, node, self._returns)
            registered.registrar(self.ctx, node)  # a registry that awaits its callbacks
            return
        if type(node) is ast.Call:
            if node.args or node.keywords:  # a plain def registered by reference
                registered.registration(self.ctx, node, self._returns)
            return
        assert isinstance(node, ast.Await)
        call = node.value
        if self.ctx.frame.kind != ASYNC or type(call) is not ast.Call:
            return
        overrides.awaited_self(self.ctx, call)  # the base's side of `overrides`
        callee = self._callee(call.func)
        if callee is None or callee.name in self.async_names():
            return
        returned = self._returns(callee)
        if returned is None:
            return
        params = {"call": f"{source_name(call.func)}()", "returned": returned}
        frame = self.ctx.frame
        if isinstance(call.func, ast.Attribute) and frame.cls is not None:
            # a subclass in another file may override it as a coroutine: decided by `resolve`
            line, col = node.lineno, node.col_offset + 1
            entry = [line, col, frame.cls[0], call.func.attr, params]
            self.ctx.memo.setdefault("overridable", []).append(entry)
            return
        self.ctx.report("ADV110", node, **params)

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
        # The children in `ast.iter_child_nodes`' order, read through the shared walk's table
        # of node fields, less names and constants (they hold nothing asked for here): every
        # plain method of a class with a base comes here, 0.5 M nodes of the standard library.
        pop, push = todo.pop, todo.append
        while todo:
            node = pop()
            kind = type(node)
            if kind in _SKIPPED:
                continue
            if kind in _NOT_PLAIN:
                return None
            if kind is ast.Return and node.value is not None:  # type: ignore[attr-defined]
                if not self._plain_value(node.value):  # type: ignore[attr-defined]
                    return None
                values.append(node.value)  # type: ignore[attr-defined]
            for field in _FIELDS.get(kind) or _child_fields(kind):
                value = getattr(node, field)
                if type(value) is list:
                    for item in value:
                        if item is not None:
                            push(item)
                elif value is not None:
                    push(value)
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


def resolve(views: Iterable[tuple[str, Mapping[str, Any]]]) -> list[tuple[str, list[Any]]]:
    """The deferred ADV110 findings (``ov``: line, column, class, method, message params) no
    subclass of the scan overrides with anything but a plain `def`, at any depth, found
    through every file's classes and bases (ADV102's facts, which every file holding an
    ``async def`` has) and the packages' re-exports; and the plain overrides of a coroutine
    method a base awaits (``po``, `await_plain_overrides`)."""
    views = list(views)
    if not any(result.get("ov") or result.get("po") or result.get("rk") for _p, result in views):
        return []
    found = registered.resolve(views)  # a plain def registered where callbacks are awaited
    if not any(result.get("ov") or result.get("po") for _path, result in views):
        return found
    classes: dict[str, Mapping[str, Any]] = {}
    aliases: dict[str, str] = {}
    for _path, result in views:
        facts = result.get("facts") or {}
        classes.update(facts.get("classes", {}))
        aliases.update(facts.get("aliases", {}))

    def exported(name: str) -> str:
        for _hop in range(4):  # a class imported through a package's re-export
            if name in classes or name not in aliases or aliases[name] == name:
                break
            name = aliases[name]
        return name

    found += overrides.resolve(views, classes, exported)
    if not any(result.get("ov") for _path, result in views):
        return found
    children: dict[str, list[str]] = {}
    for cls, entry in classes.items():
        for base in entry.get("bases", ()):
            if base is not None:
                children.setdefault(exported(base), []).append(cls)
    tops = {cls.partition(".")[0] for cls in classes}

    def unseen_above(cls: str) -> bool:
        """Whether *cls* derives, at some depth, from a class of the scanned packages that no
        file's facts describe: a file with no ``async`` in it is never parsed (`passes`), so
        ``class QuietFetcher(Fetcher): ...`` between a base and its coroutine override is
        not seen, and may link them."""
        seen: set[str] = set()
        todo = [cls]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            for written in classes[name].get("bases", ()):
                if written is None:
                    continue
                base = exported(written)
                if base in classes:
                    todo.append(base)
                elif base.partition(".")[0] in tops:
                    return True
        return False

    for path, result in views:
        for line, col, cls, method, params in result.get("ov", ()):
            if _overridden(classes, children, cls, method):
                continue
            if any(
                entry["methods"].get(method, SYNC) != SYNC and unseen_above(other)
                for other, entry in classes.items()
                if other != cls
            ):
                continue
            found.append((path, [line, col, "ADV110", params]))
    return found


def _overridden(
    classes: Mapping[str, Mapping[str, Any]],
    children: Mapping[str, list[str]],
    cls: str,
    method: str,
) -> bool:
    """Whether a subclass of *cls* (any depth) defines *method* as anything but a plain def."""
    for child in descendants(children, cls):
        kind = classes[child]["methods"].get(method)
        if kind is not None and kind != SYNC:  # a coroutine, async generator, decorated
            return True
    return False
