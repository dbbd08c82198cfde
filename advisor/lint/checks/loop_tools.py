"""For `base.py`'s walk, plain functions a framework calls on its own event loop: FastMCP's tools.

FastMCP before 3.0, and the mcp SDK's FastMCP of 1.x, call a plain ``def`` registered as a tool,
resource or prompt inline on the server's loop (awaiting the result only when it is
awaitable), so ``time.sleep``, ``httpx.post`` or a pandas materialisation in it stalls every
other client exactly as in an ``async def`` (kumo-rfm-mcp#32's ``mcp.tool(...)(materialize_graph)``,
hive 567d230's ``@mcp.tool() def exa_search``). The walk gives such a function a coroutine's
frame (`registered`), so ADV101 reports its own blocking calls and follows its calls one hop and
more away, as for a coroutine; it stays a plain function for everything that asks what the
``def`` is (ADV102's coroutine tables read the node, not the frame).

The registrations are a table (calls.yaml ``loop_tools``), named as the receiver's type spells
them: a module-level ``mcp = FastMCP(...)`` or a parameter annotated ``FastMCP``
(``register_tools(mcp: FastMCP)``), either as a decorator (``@mcp.tool``, ``@mcp.tool(...)``)
or as the registering call ``mcp.tool(...)(f)`` anywhere in the same file, ``f`` a function of
that file named bare. Not followed: a FastMCP instance imported from another module (its type is
the other module's), a function registered from another file, a ``lambda``, and an ``async
def`` (already a coroutine).
"""

from __future__ import annotations

import ast
from typing import Any, Protocol

from advisor.lint.names import Resolver

_KEY = "loop_tools"


class FileContext(Protocol):
    """What this module reads of `base.FileContext` (which imports it: no circle)."""

    text: str | None
    memo: dict[Any, Any]
    resolver: Resolver
    tree: ast.Module

    def qualify(self, expr: ast.AST) -> str | None: ...


def _table(ctx: FileContext) -> dict[str, Any] | None:
    from advisor.lint._data import bundle

    table: dict[str, Any] | None = bundle()["calls"].get(_KEY)
    if not table:
        return None
    text = ctx.text
    if text is not None and not any(word in text for word in table["words"]):
        return None
    return table


def _registrar(ctx: FileContext, expr: ast.expr, names: frozenset[str]) -> bool:
    """``mcp.tool`` or ``mcp.tool(...)`` whose receiver resolves to a registrar of the table."""
    if isinstance(expr, ast.Call):
        expr = expr.func
    if not isinstance(expr, ast.Attribute):
        return False
    return ctx.qualify(expr) in names


def registered(ctx: FileContext, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the framework of the table calls this plain ``def`` on its loop: decorated by a
    registrar (read in the scope around the ``def``, where the walk stands when it asks), or
    handed by name to a registering call of the file (`_handed`)."""
    memo = ctx.memo.get(_KEY)
    if memo is None:
        table = _table(ctx)
        memo = ctx.memo[_KEY] = (
            (frozenset(table["registrars"]), _handed(ctx, frozenset(table["registrars"])))
            if table
            else (frozenset(), frozenset())
        )
    names, handed = memo
    if not names:
        return False
    if node.name in handed:
        return True
    return any(_registrar(ctx, d, names) for d in node.decorator_list)


def _handed(ctx: FileContext, names: frozenset[str]) -> frozenset[str]:
    """The functions the file hands by name to a registering call, ``mcp.tool(...)(f)``. The
    receiver is typed where the call stands: a name of the module, or a parameter of the
    function around it annotated with the framework's class (the annotation is read in the
    module's scope)."""
    found: set[str] = set()
    resolver = ctx.resolver
    module = resolver.module_scope
    todo: list[tuple[ast.AST, ast.arguments | None]] = [(ctx.tree, None)]
    while todo:
        node, args = todo.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                todo.append((child, child.args))
                continue
            todo.append((child, args))
            if not (
                isinstance(child, ast.Call)
                and len(child.args) == 1
                and isinstance(child.args[0], ast.Name)
                and isinstance(child.func, ast.Call)
                and isinstance(child.func.func, ast.Attribute)
            ):
                continue
            method = child.func.func
            receiver = method.value
            typed: str | None = None
            if isinstance(receiver, ast.Name) and args is not None:
                annotation = _annotation(args, receiver.id)
                if annotation is not None:
                    owner = resolver.qualify(annotation, module)
                    typed = f"{owner}().{method.attr}" if owner else None
            if typed is None:
                typed = resolver.qualify(method, module)
            if typed in names:
                found.add(child.args[0].id)
    return frozenset(found)


def _annotation(args: ast.arguments, name: str) -> ast.expr | None:
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        if arg.arg == name:
            return arg.annotation
    return None
