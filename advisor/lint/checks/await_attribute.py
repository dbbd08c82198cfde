"""ADV102 on a coroutine stored in a private attribute that nothing awaits: ``self._payload =
self.decode(msg)`` in a coroutine, where no code of the module awaits ``_payload``, hands it to a
call, returns it from a plain function or keeps it in a literal; it only reads it as the result
(tests it, formats it, copies it into another such attribute).

Inspired by mqtt_vacuum_camera#135: the async ``hypfer_handle_errors`` stored
``self.async_decode_mqtt_payload(msg)`` (an async staticmethod every sibling handler awaited)
without ``await`` and copied the coroutine object into the vacuum's error. A coroutine kept in an
attribute to be awaited later (``self._task = self.run()``, then ``await self._task`` or
``create_task(self._task)`` in another method) is consumed, so the store is no finding; a
public attribute may be consumed by code of another module, so only a private one
(``_name``, not a dunder) is judged, over the whole module. Whether the call is a coroutine at
all is decided as for every other candidate (`await_missing`, `await_missing_across`).
"""

from __future__ import annotations

import ast
from typing import Any

from advisor.lint._data import bundle
from advisor.lint.checks.base import ASYNC, FileContext

_LITERALS = (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.Starred)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def stored_unawaited(ctx: FileContext, target: ast.expr, value: ast.expr) -> bool:
    """Whether ``target = value`` stores a call's result in ``self._name`` inside a method
    coroutine, with ``_name`` consumed nowhere in the module (`_consumed`)."""
    frame = ctx.frame
    if not (
        frame.kind == ASYNC
        and frame.cls is not None
        and isinstance(value, ast.Call)
        and isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == frame.self_name
        and target.attr.startswith("_")
        and not target.attr.startswith("__")
    ):
        return False
    key = ("attribute_reads",)
    reads = ctx.memo.get(key)
    if reads is None:
        reads = ctx.memo[key] = _reads(ctx.tree)
    plain = frozenset(bundle()["calls"]["plain_value_builtins"])
    return not _consumed(reads, target.attr, plain, set())


def _reads(tree: ast.Module) -> dict[str, list[tuple[ast.AST, bool]]]:
    """Every read of an attribute by its name: (the node holding the read, whether the
    function it is in is a coroutine)."""
    found: dict[str, list[tuple[ast.AST, bool]]] = {}
    todo: list[tuple[ast.AST, bool]] = [(tree, False)]
    while todo:
        node, in_async = todo.pop()
        for child in ast.iter_child_nodes(node):
            inner = isinstance(child, ast.AsyncFunctionDef) or (
                in_async and not isinstance(child, _FUNCTIONS)
            )
            if isinstance(child, ast.Attribute) and isinstance(child.ctx, ast.Load):
                found.setdefault(child.attr, []).append((node, in_async))
            todo.append((child, inner))
    return found


def _consumed(
    reads: dict[str, list[tuple[ast.AST, bool]]], attr: str, plain: frozenset[str], seen: set[str]
) -> bool:
    """Whether some read of *attr* may run or hand on the coroutine it holds."""
    if attr in seen:
        return False
    seen.add(attr)
    for holder, in_async in reads.get(attr, ()):
        if _consumes(holder, attr, in_async, plain=plain, reads=reads, seen=seen):
            return True
    return False


def _consumes(
    holder: ast.AST,
    attr: str,
    in_async: bool,
    *,
    plain: frozenset[str],
    reads: dict[str, list[tuple[ast.AST, bool]]],
    seen: set[str],
) -> bool:
    if isinstance(holder, (ast.Await, ast.Yield, ast.YieldFrom, *_LITERALS)):
        return True
    if isinstance(holder, ast.Return):
        return not in_async  # a coroutine returning it hands its caller the coroutine object
    if isinstance(holder, ast.keyword):
        return True
    if isinstance(holder, ast.Call):
        if _is_read(holder.func, attr):
            return False  # `self._payload()`: called, not handed on
        func = holder.func
        return not (isinstance(func, ast.Name) and func.id in plain)
    if isinstance(holder, (ast.Assign, ast.AnnAssign)):
        targets: list[Any] = holder.targets if isinstance(holder, ast.Assign) else [holder.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr.startswith("_")
                and not target.attr.startswith("__")
            ):
                if _consumed(reads, target.attr, plain, seen):
                    return True
            elif not _is_read(target, attr):
                return True  # a local or an item: followed no further
        return False
    return False


def _is_read(node: ast.AST, attr: str) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == attr
