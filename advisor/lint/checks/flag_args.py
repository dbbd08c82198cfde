"""Option flags that make a call return at once, for the blocking table's ``flags``.

``os.waitpid(pid, os.WNOHANG)`` (mlserver's worker registry reaping exited children) asks the
kernel for a child's status and returns ``(0, 0)`` at once when none has exited: with
``WNOHANG`` the call never waits. The flag is read from the argument the table names (by
position or keyword); it counts when the code spells it there, alone or or-ed with others
(``os.WNOHANG | os.WUNTRACED``). A flag held in a variable or a parameter may be 0 and keeps the
call blocking, as does the call without the argument.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

from advisor.lint.callees import source_name

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext


def flagged(node: ast.Call, flags: dict[str, Any], ctx: FileContext | None) -> bool:
    """Whether the argument at ``flags["position"]`` (or keyword ``flags["keyword"]``) spells
    one of ``flags["names"]`` (fully qualified, ``os.WNOHANG``), alone or in a ``|``."""
    given: ast.expr | None = None
    position = flags.get("position")
    if position is not None and len(node.args) > position:
        given = node.args[position]
    for keyword in node.keywords:
        if keyword.arg is not None and keyword.arg == flags.get("keyword"):
            given = keyword.value
    names = frozenset(flags.get("names", ()))
    return given is not None and _spells(given, names, ctx)


def _spells(expr: ast.expr, names: frozenset[str], ctx: FileContext | None) -> bool:
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitOr):
        return _spells(expr.left, names, ctx) or _spells(expr.right, names, ctx)
    if not isinstance(expr, (ast.Name, ast.Attribute)):
        return False
    qualified = ctx.qualify(expr) if ctx is not None else source_name(expr)
    return qualified in names
