"""A time zone loaded by a key the program loaded before (`reloaded_key`): the blocking
table's ``unless: reloaded`` for ``zoneinfo.ZoneInfo`` and ``pytz.timezone``.

Both loaders cache per key: only the first load of a key reads the tz database from disk,
a later one with the same key returns the cached zone. So where the code itself shows that
every key a load can see was loaded before it was stored, the later load is the cache's and
the first one, where the key came in, is the finding (starlette-admin 1.0.3's
``TimezoneMiddleware`` validates the cookie's zone with ``ZoneInfo`` and stores it in a
context variable; the fields' ``ZoneInfo(get_timezone())`` then reads it back in the same
request). Decided within one file, from the module's own code:

- the key is ``VAR.get()`` of a module-level ``ContextVar`` whose name is private
  (``_current_timezone``: no other module stores into it), or a call of a function of the
  module whose body only returns that;
- every ``VAR.set(value)`` in the module stores what a validator of the module returned
  (the call in place, or a local bound once to it), and there is at least one;
- a validator is a function of the module that loads its own first parameter with the same
  loader (``ZoneInfo(timezone)``, in a ``try`` or not) and returns only that parameter or
  its fallback (another parameter, or a constant) — the fallback is the one constant key
  returned when the load failed, loaded on its own first use only.

A key read from request data and loaded there (the validation itself), a variable any other
store reaches, or a public one another module may set, stays reported.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.lint.checks.helpers import own_nodes
from advisor.lint.statements import walk

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext

_CONTEXT_VARS = frozenset({"contextvars.ContextVar"})


def reloaded_key(ctx: FileContext, node: ast.Call) -> bool:
    """Whether *node* (a zone load) reads its key from a store of keys loaded before."""
    key = node.args[0] if node.args else None
    if key is None:
        return False
    loader = ctx.qualify(node.func)
    if loader is None:
        return False
    memo_key = ("reloaded_zone_stores", loader)
    stores = ctx.memo.get(memo_key)
    if stores is None:
        stores = ctx.memo[memo_key] = _stores(ctx, loader)
    variable = _read_variable(ctx.tree, key)
    return variable is not None and variable in stores


def _read_variable(module: ast.Module, key: ast.expr) -> str | None:
    """``VAR`` for a key written ``VAR.get()`` or ``helper()``, a module function returning
    ``VAR.get()`` and nothing else."""
    variable = _got(key)
    if variable is not None:
        return variable
    if not (isinstance(key, ast.Call) and isinstance(key.func, ast.Name) and not key.args):
        return None
    for stmt in module.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == key.func.id:
            body = [s for s in stmt.body if not _docstring(s)]
            if len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value:
                return _got(body[0].value)
    return None


def _got(expr: ast.expr) -> str | None:
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "get"
        and isinstance(expr.func.value, ast.Name)
        and not expr.args
    ):
        return expr.func.value.id
    return None


def _docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)


def _stores(ctx: FileContext, loader: str) -> frozenset[str]:
    """The module's private context variables every store of which is a validated key."""
    module = ctx.tree
    functions = {s.name: s for s in module.body if isinstance(s, ast.FunctionDef)}
    variables = {
        target.id
        for stmt in module.body
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and isinstance(stmt.value, ast.Call)
        for target in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
        if isinstance(target, ast.Name)
        and target.id.startswith("_")
        and ctx.qualify(stmt.value.func) in _CONTEXT_VARS
    }
    if not variables:
        return frozenset()
    validators = {name for name, function in functions.items() if _validates(ctx, function, loader)}
    stored: dict[str, bool] = {}
    checked: set[int] = set()
    for function in functions.values():
        for call in own_nodes(function):
            name = _set_of(call, variables)
            if name is not None:
                assert isinstance(call, ast.Call)
                checked.add(id(call))
                ok = len(call.args) == 1 and _validated(function, call.args[0], validators)
                stored[name] = stored.get(name, True) and ok
    # a store anywhere else (module level, a class, a nested function) is not followed
    for call in walk(module):
        name = _set_of(call, variables)
        if name is not None and id(call) not in checked:
            stored[name] = False
    return frozenset(name for name, ok in stored.items() if ok)


def _set_of(node: ast.AST, variables: set[str]) -> str | None:
    """``VAR`` for a call ``VAR.set(...)`` of one of *variables*."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "set"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in variables
    ):
        return node.func.value.id
    return None


def _validates(ctx: FileContext, function: ast.FunctionDef, loader: str) -> bool:
    """*function* loads its first parameter with *loader* and returns only it or a
    fallback (another parameter, a constant)."""
    params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    if not params:
        return False
    first = params[0]
    loads = returns = False
    for node in own_nodes(function):
        if (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == first
            and ctx.qualify(node.func) == loader
        ):
            loads = True
        elif isinstance(node, ast.Return):
            value = node.value
            if not (
                (isinstance(value, ast.Name) and value.id in params)
                or (isinstance(value, ast.Constant) and isinstance(value.value, str))
            ):
                return False
            returns = True
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign) and any(
            isinstance(t, ast.Name) and t.id in params
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
        ):
            return False  # a parameter rebound: not the key that was loaded
    return loads and returns


def _validated(function: ast.FunctionDef, value: ast.expr, validators: set[str]) -> bool:
    """*value* is a validator's call, or a local *function* binds once to one."""
    if isinstance(value, ast.Call):
        return isinstance(value.func, ast.Name) and value.func.id in validators
    if not isinstance(value, ast.Name):
        return False
    bound = [
        node.value
        for node in own_nodes(function)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == value.id for t in node.targets)
    ]
    return len(bound) == 1 and _validated(function, bound[0], validators)
