"""A method of a handle whose state the function itself shows, so the call cannot wait:
a query on a SQLite connection made in memory (`memory_handle`), and a wait on a process
the function has just seen exit (`exited_process`). Asked by ADV101 directly and one call
away (`checks.reach_reasons`), beside the table's ``unless`` (`harmless.unless_applies`),
which reads one call's own arguments only."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext


def state_shown(ctx: FileContext, node: ast.Call, qualified: str, table: dict[str, Any]) -> bool:
    """Whether *node*, a method of a handle (``x().method`` in the table's names), cannot wait
    by what the function shows of that handle: made in memory, or a process seen to exit."""
    return "()." in qualified and (
        memory_handle(ctx, node, table) or exited_process(ctx, node, qualified)
    )


def memory_handle(ctx: FileContext, node: ast.Call, table: dict[str, Any]) -> bool:
    """A method of a handle whose making call opens nothing by the table's ``first_arg``:
    ``conn.execute(...)`` (also ``conn.cursor().execute``, ``cur.execute`` after
    ``cur = conn.cursor()``) where the function bound ``conn`` once to
    ``sqlite3.connect(":memory:")``, directly or by ``with ... as conn`` (qdrant-client's
    thread-safety probe): the database lives in the process's memory, so its queries touch
    no file. A connection to a path, a name bound twice, or a handle from elsewhere stays
    reported."""
    func = node.func
    if not isinstance(func, ast.Attribute):
        return False
    expr: ast.expr = func.value
    for _ in range(4):  # a handle a few steps from its making call
        if isinstance(expr, ast.Name):
            binding = ctx.resolver.lookup(expr.id, ctx.scope)
            if binding is None or binding.kind != "value" or not isinstance(binding.node, ast.Call):
                return False
            expr = binding.node
        if not isinstance(expr, ast.Call):
            return False
        entry = table.get(ctx.qualify(expr.func) or "")
        if entry is not None and entry.get("kind") == "handle":
            first = expr.args[0] if expr.args else None
            allowed = (entry.get("unless") or {}).get("first_arg", ())
            return isinstance(first, ast.Constant) and first.value in allowed
        if not isinstance(expr.func, ast.Attribute):
            return False
        expr = expr.func.value
    return False


#: The waits on a process that return at once once it has exited.
_PROCESS_WAITS = frozenset({"subprocess.Popen().wait", "subprocess.Popen().communicate"})


def exited_process(ctx: FileContext, node: ast.Call, qualified: str) -> bool:
    """``proc.communicate()`` or ``proc.wait()`` under ``if proc.poll() is not None:`` (or
    ``proc.returncode is not None``) on the same receiver, in the same function: the process
    has exited, so the wait returns its status and reads what is left in the pipes at once
    (crawl4ai's start-up check reads a browser's output after `poll()` found it dead). A wait
    outside such a branch, or under a test of another process, stays reported."""
    if qualified not in _PROCESS_WAITS or not isinstance(node.func, ast.Attribute):
        return False
    receiver = ast.dump(node.func.value)
    return any(_exited(test, holds, receiver) for test, holds in ctx.frame.branches)


def _exited(test: ast.expr, holds: bool, receiver: str) -> bool:
    """*test* evaluating to *holds* says the process *receiver* has exited."""
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        holds, test = not holds, test.operand
    if isinstance(test, ast.BoolOp):
        # `a and b` true: both are; `a or b` false: neither is
        if isinstance(test.op, ast.And) == holds:
            return any(_exited(value, holds, receiver) for value in test.values)
        return False
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    right = test.comparators[0]
    if not (isinstance(right, ast.Constant) and right.value is None):
        return False
    op = test.ops[0]
    if not isinstance(op, ast.Is | ast.IsNot):
        return False
    status = test.left
    if isinstance(status, ast.Call) and not status.args and not status.keywords:
        status = status.func
        if not (isinstance(status, ast.Attribute) and status.attr == "poll"):
            return False
    elif not (isinstance(status, ast.Attribute) and status.attr == "returncode"):
        return False
    # `status is not None` holds, or `status is None` fails: the process has a status
    return ast.dump(status.value) == receiver and holds == isinstance(op, ast.IsNot)
