"""Small questions about nodes that several check families ask.

The callee-name helpers (`tail`, `source_name`) are in `advisor.lint.names`, shared with
code inference.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from advisor.lint.names import tail

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext

_SUSPENDS = (ast.Await, ast.AsyncWith, ast.AsyncFor)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_NESTED_SET = frozenset(_NESTED)


def own_nodes(function: ast.AST) -> Iterator[ast.AST]:
    """Every node in a function's body, not descending into nested functions or classes.

    Children are read through the shared walk's table of node fields (`base._child_fields`),
    several times faster than `ast.iter_child_nodes` on the hot paths that call this."""
    from advisor.lint.checks.base import _FIELDS, _child_fields

    stack: list[ast.AST] = list(getattr(function, "body", []))
    if isinstance(function, ast.Lambda):
        stack = [function.body]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        yield node
        kind = type(node)
        if kind in _NESTED_SET:
            continue
        for field in _FIELDS.get(kind) or _child_fields(kind):
            value = getattr(node, field)
            if type(value) is list:
                extend(item for item in value if item is not None)
            elif value is not None:
                push(value)


def is_loop_like(expr: ast.expr, qualified: str | None) -> bool:
    """An expression that is an event loop: named ``...loop`` or returned by a loop getter."""
    if qualified and qualified.endswith(
        ("get_event_loop()", "get_running_loop()", "new_event_loop()")
    ):
        return True
    name = tail(expr) if isinstance(expr, (ast.Name, ast.Attribute)) else None
    return bool(name) and name.lower().endswith("loop")  # type: ignore[union-attr]


def before_first_await(ctx: FileContext, function: ast.AST, line: int, col: int) -> bool:
    """Whether the code at *line*, *col* (0-based) runs before *function* first suspends: it comes before every ``await``,
    ``async with`` and ``async for`` of the body, and no loop around it suspends (its second
    turn would come after one). Until a coroutine suspends, no other task has run."""
    key = ("suspends", id(function))
    found = ctx.memo.get(key)
    if found is None:
        spans = [n for n in own_nodes(function) if isinstance(n, _SUSPENDS)]
        loops = [
            (n.lineno, n.end_lineno or n.lineno)
            for n in own_nodes(function)
            if isinstance(n, _LOOPS) and any(isinstance(i, _SUSPENDS) for i in ast.walk(n))
        ]
        first = min(((n.lineno, n.col_offset) for n in spans), default=None)
        found = ctx.memo[key] = (first, loops)
    first, loops = found
    at = (line, col)
    if first is not None and at >= first:
        return False
    return not any(start <= at[0] <= end for start, end in loops)
