"""For ADV101 one call away (`reach.py`, `reach_reasons.py`): the function a call runs now
although the code names it only as a value.

``self._all = list(map(self._fix_alarm_date_time, self._n_dict.items()))`` runs
``_fix_alarm_date_time`` once per item, in the caller's thread, as surely as a loop calling it
would (alexa_media_player#2277: the mapped helper loaded a time zone with ``pytz.timezone``
on Home Assistant's event loop). A chain that stops at calls written by name misses it. The
callers are a table (calls.yaml ``function_callers``): builtins and library functions that call
what they are handed at once (``sorted(xs, key=f)``, ``functools.reduce(f, xs)``), and lazy ones
(``map``, ``filter``) that do so only when their result is iterated where it is made
(``list(map(f, xs))``, ``for x in map(f, xs)``, ``",".join(map(f, xs))``); a lazy one whose
result is returned or stored runs its function wherever that is iterated, which this does not
follow. Also a partial called in place (``functools.partial(f, a)()``) and a local bound once to
a function value (``fix = self._fix`` then ``fix(x)`` or ``[fix(x) for x in xs]``, a partial
too).

Not an edge, on purpose: a function handed to a thread or pool (``run_in_executor(None, f)``,
``pool.map(f, xs)``, ``partial(f, a)`` handed on): it runs elsewhere (`checks.executors`), and
only the callers the table names are read; a lambda or a nested def handed over (not followed
as a call either); a method of a pool or executor named like a builtin (``executor.map``): a
table entry is a qualified name, and only the methods it lists (``list.sort``'s ``key=``) are
read by their name.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Mapping
from typing import Any

from advisor.lint.checks.base import FileContext
from advisor.lint.checks.receivers import stores_of

#: The qualified names of ``functools.partial``: called in place, it calls its function now.
_PARTIALS = frozenset({"functools.partial"})


def called_value(
    ctx: FileContext, node: ast.Call, iterated: Collection[int], table: Mapping[str, Any]
) -> tuple[ast.expr, str] | None:
    """(the function value *node* runs now, how it is shown: ``map``, ``sorted``, ``partial``,
    "" for a local bound to it), or None. *iterated*: the calls whose result is iterated where
    they are made (`reach.BlockingReach.iterated`); *table*: calls.yaml ``function_callers``."""
    func = node.func
    if isinstance(func, ast.Call):
        handed = _partial(ctx, func)
        return (handed, "partial") if handed is not None else None
    if isinstance(func, ast.Name):
        found = _local_value(ctx, func)
        if found is not None:
            return found
    if isinstance(func, ast.Attribute):
        entry = table["methods"].get(func.attr)
    else:
        entry = table["functions"].get(ctx.qualify(func) or "")
    if entry is None:
        return None
    if entry.get("lazy") and id(node) not in iterated:
        return None  # `map(f, xs)` handed on or returned: it runs where it is iterated
    for place in entry.get("args", ()):
        if place < len(node.args) and _reference(node.args[place]):
            return node.args[place], _shown(func)
    for keyword in node.keywords:
        if keyword.arg in entry.get("keywords", ()) and _reference(keyword.value):
            return keyword.value, _shown(func)
    return None


def consumed(node: ast.Call, table: Mapping[str, Any], ctx: FileContext) -> list[ast.expr]:
    """The iterables a lazy caller iterated where it is made passes on to be iterated as
    well (``list(filter(f, map(g, xs)))``: ``map`` runs as ``filter`` is iterated)."""
    func = node.func
    if not isinstance(func, ast.Name):
        return []
    entry = table["functions"].get(ctx.qualify(func) or "")
    if entry is None or not entry.get("lazy"):
        return []
    handed = set(entry.get("args", ()))
    return [a for i, a in enumerate(node.args) if i not in handed]


def _partial(ctx: FileContext, call: ast.Call) -> ast.expr | None:
    """The function of ``functools.partial(f, ...)`` when it is named (not a lambda)."""
    if not call.args or ctx.qualify(call.func) not in _PARTIALS:
        return None
    first = call.args[0]
    return first if _reference(first) else None


def _local_value(ctx: FileContext, name: ast.Name) -> tuple[ast.expr, str] | None:
    """``fix = self._fix`` (or ``= partial(self._fix, a)``), bound once in the function, then
    ``fix(x)``: the method the local holds (looked up through Python's scoping, so a
    comprehension's call finds the function's local)."""
    binding = ctx.resolver.lookup(name.id, ctx.scope)
    if binding is None or binding.kind != "value":
        return None
    value = binding.node
    if isinstance(value, ast.Call):
        handed = _partial(ctx, value)
        if handed is None:
            return None
        found: tuple[ast.expr, str] = (handed, "partial")
    elif isinstance(value, ast.Attribute) and _reference(value):
        found = (value, "")
    else:
        return None
    if stores_of(ctx, ctx.frame.node).get(name.id, 0) != 1:
        return None  # bound again: which function it holds depends on the path
    return found


def _reference(value: ast.expr) -> bool:
    """A function named by value: ``f``, ``self._fix``, ``mod.helper`` (not a call's result,
    not a lambda)."""
    while isinstance(value, ast.Attribute):
        value = value.value
    return isinstance(value, ast.Name)


def _shown(func: ast.expr) -> str:
    """``map``, ``sorted``, ``reduce``, ``sort``: the caller's own name, for the chain."""
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""
