"""Small questions about nodes that several check families ask.

The callee-name helpers (`tail`, `source_name`) are in `advisor.lint.names`, shared with
code inference.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from advisor.lint.names import tail

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def own_nodes(function: ast.AST) -> Iterator[ast.AST]:
    """Every node in a function's body, not descending into nested functions or classes."""
    stack: list[ast.AST] = list(getattr(function, "body", []))
    if isinstance(function, ast.Lambda):
        stack = [function.body]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _NESTED):
            continue
        stack.extend(ast.iter_child_nodes(node))


def is_loop_like(expr: ast.expr, qualified: str | None) -> bool:
    """An expression that is an event loop: named ``...loop`` or returned by a loop getter."""
    if qualified and qualified.endswith(
        ("get_event_loop()", "get_running_loop()", "new_event_loop()")
    ):
        return True
    name = tail(expr) if isinstance(expr, (ast.Name, ast.Attribute)) else None
    return bool(name) and name.lower().endswith("loop")  # type: ignore[union-attr]
