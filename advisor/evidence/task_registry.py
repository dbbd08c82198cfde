"""A container that keeps the program's own tasks is not shared memory.

ADV106 tells a user to keep each task (``background_tasks.add(task)``, then
``task.add_done_callback(background_tasks.discard)``): the event loop holds tasks only
weakly. A user who followed that advice saw ``scan --recommend`` answer ``--shared-memory
yes`` ("the route runs concurrently and modifies module-level background_tasks") and
recommend the shared-state template instead (newcomer review 21, 5). Such a set is changed
only where a task is made, on the running loop's one thread, and by the tasks' done
callbacks, which that loop runs: nothing else can touch it meanwhile.
"""

from __future__ import annotations

import ast

from advisor.evidence.scopes import Function
from advisor.lint.callees import tail


def keeps_a_task(function: Function, call: ast.Call, makers: frozenset[str]) -> bool:
    """Whether *call* (``tasks.add(x)``, ``tasks.append(x)``) puts a task made on the running
    loop into its container: *x* is ``asyncio.create_task(...)`` (any maker of *makers*) written
    in place, or a name *function* binds to one."""
    if len(call.args) != 1 or call.keywords:
        return False
    item = call.args[0]
    if type(item) is ast.Call:
        return tail(item.func) in makers
    if type(item) is not ast.Name:
        return False
    bound: list[ast.expr | None] = []
    for node in ast.walk(function):
        if type(node) is ast.Assign:
            targets: list[ast.expr] = node.targets
        elif type(node) in (ast.AnnAssign, ast.NamedExpr):
            targets = [node.target]  # type: ignore[attr-defined]
        else:
            continue
        if any(type(target) is ast.Name and target.id == item.id for target in targets):
            bound.append(node.value)  # type: ignore[attr-defined]
    return bool(bound) and all(
        type(value) is ast.Call and tail(value.func) in makers for value in bound
    )
