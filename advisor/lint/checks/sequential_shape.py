"""What one function's own body starts, for the point verdict (`checks.sequential`): the
calls it hands to concurrent work, the regions that run beside tasks (a task group's block, a
background connection's), and whether its work outlives the statement that starts it
(`Shape`); the names this file hands to concurrent work (`runs_concurrently`), and whether a
line runs beside a task group's tasks (`in_region`, asked by ADV101 directly and one call
away).

Split from `sequential.py` (behaviour unchanged): the shape is asked of a function while the
walk passes and by other families (`blocking`, `reach`, `once`); the plumbing both it and
`sequential_life` read a function with (`_memoised`, `_words`, `_bound_names`) lives here.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from advisor.lint.callees import call_values, tail
from advisor.lint.checks.base import ASYNC, FileContext
from advisor.lint.checks.helpers import class_members, own_nodes
from advisor.lint.statements import walk


class Shape(NamedTuple):
    """What one function's own body starts: the ids of the calls it hands to concurrent work,
    the line spans of its regions that run beside tasks, and whether work it starts outlives
    the statement that starts it."""

    handed: frozenset[int]
    regions: tuple[tuple[int, int], ...]
    leaks: bool


_EMPTY = Shape(frozenset(), (), False)


def vocabulary(calls: dict[str, Any]) -> frozenset[str]:
    """The last names of the calls that can make a function leak or hand work on: a function
    without one of them has the empty shape, and costs no walk."""
    return frozenset(
        (
            *calls["task_spawners"],
            *calls["concurrent_joins"],
            *calls["loop_callbacks"],
            *calls["background_calls"],
            *(n.rpartition(".")[2] for n in calls["background_connections"]),
            *calls["task_groups"],
            "start",
        )
    )


_T = TypeVar("_T")


def _memoised(
    ctx: FileContext,
    function: ast.AST,
    calls: dict[str, Any],
    *,
    kind: str,
    empty: _T,
    compute: Callable[[FileContext, ast.AST, dict[str, Any]], _T],
) -> _T:
    """*compute* for *function*, once per file; *empty* for a function with no call or block
    of `vocabulary` in it (nothing to walk, nothing starts work)."""
    if id(function) not in ctx.memo.get("noted", ()) or isinstance(function, ast.Lambda):
        return empty
    key = (kind, id(function))
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = compute(ctx, function, calls)
    return found


def _words(calls: dict[str, Any]) -> tuple[frozenset[str], ...]:
    """The ``calls`` tables a function's shape and life are read with: spawners, joins, waits
    (joins and single waits), loop callbacks, background calls and connections, task groups."""
    joins = frozenset(calls["concurrent_joins"])
    return (
        frozenset(calls["task_spawners"]),
        joins,
        joins | frozenset(calls["task_waits"]),
        frozenset(calls["loop_callbacks"]),
        frozenset(calls["background_calls"]),
        frozenset(calls["background_connections"]),
        frozenset(calls["task_groups"]),
    )


def shape(ctx: FileContext, function: ast.AST, calls: dict[str, Any]) -> Shape:
    """The `Shape` of *function* (or of the module's own statements), computed once per file."""
    return _memoised(ctx, function, calls, kind="shape", empty=_EMPTY, compute=_shape)


def _shape(ctx: FileContext, function: ast.AST, calls: dict[str, Any]) -> Shape:
    spawners, joins, waits, callbacks, background, connections, groups = _words(calls)
    nodes = list(own_nodes(function))
    handed: set[int] = set()
    joined_names: set[str] = set()
    joined_calls: set[int] = set()
    group_names: set[str] = set()
    regions: list[tuple[int, int]] = []
    leaks = False
    spawns: list[ast.Call] = []
    for node in nodes:
        if isinstance(node, ast.AsyncWith):
            for item in node.items:
                expr = item.context_expr
                if not isinstance(expr, ast.Call):
                    continue
                opened = tail(expr.func)
                if opened in groups:
                    if isinstance(item.optional_vars, ast.Name):
                        group_names.add(item.optional_vars.id)
                elif opened in background or _connection(ctx, expr, connections):
                    leaks = True
                else:
                    continue
                regions.append((node.body[0].lineno, node.end_lineno or node.lineno))
            continue
        if isinstance(node, ast.Await) and isinstance(node.value, ast.Name):
            joined_names.add(node.value.id)
            continue
        if not isinstance(node, ast.Call):
            continue
        name = tail(node.func)
        if name in joins or name in spawners:
            for arg in call_values(node):
                handed.update(id(n) for n in walk(arg) if isinstance(n, ast.Call))
        if name in waits or name in joins:
            for arg in call_values(node):
                for inner in walk(arg):
                    if isinstance(inner, ast.Name):
                        joined_names.add(inner.id)
                    elif isinstance(inner, ast.Call):
                        joined_calls.add(id(inner))
        if name in spawners:
            spawns.append(node)
        elif name in callbacks or name in background or _connection(ctx, node, connections):
            leaks = True
    for node in nodes:
        if _client_start(ctx, function, node):
            leaks = True  # a client's start(): its reader and heartbeat tasks run on after it
    if spawns and not leaks:
        bound = _bound_names(nodes, {id(s) for s in spawns})
        for spawn in spawns:
            receiver = spawn.func.value if isinstance(spawn.func, ast.Attribute) else None
            if isinstance(receiver, ast.Name) and receiver.id in group_names:
                continue  # a task group's task: joined when its block ends
            if id(spawn) in joined_calls:
                continue
            names = bound.get(id(spawn), set())
            if names and names <= joined_names:
                continue
            leaks = True
            break
    return Shape(frozenset(handed), tuple(regions), leaks)


def _client_start(ctx: FileContext, function: ast.AST, node: ast.AST) -> bool:
    """Whether *node* awaits a client's ``.start()`` (aiokafka's producer, a bot), whose
    reader and heartbeat tasks run on after it returns. Not the object's own ``start``
    coroutine written in the same class (``await self.start()``, jupyterhub's
    ``launch_instance_async``): the scan reads that body, and what it leaves running is
    decided from it (`Points.live`, through the call to it), not from its name."""
    if not (
        isinstance(node, ast.Await)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and node.value.func.attr == "start"
    ):
        return False
    frame = ctx.frame_of.get(id(function))
    receiver = node.value.func.value
    if (
        frame is None
        or frame.cls is None
        or not isinstance(receiver, ast.Name)
        or receiver.id != frame.self_name
    ):
        return True
    return not any(
        isinstance(item, ast.AsyncFunctionDef)
        for item in class_members(ctx, frame.cls[1]).get("start", ())
    )


def _connection(ctx: FileContext, node: ast.Call, connections: frozenset[str]) -> bool:
    """``websockets.connect(uri)``: a connection that keeps a task of its own on the loop
    (keepalive pings, a reader) while it is open (``background_connections``, qualified:
    ``connect`` alone is also aiosqlite's, which keeps a thread, not a task)."""
    name = tail(node.func)
    if name is None or name not in _tails(connections):
        return False
    return ctx.qualify(node.func) in connections


_TAILS: dict[frozenset[str], frozenset[str]] = {}


def _tails(names: frozenset[str]) -> frozenset[str]:
    """The last words of qualified *names*, computed once per table."""
    found = _TAILS.get(names)
    if found is None:
        found = _TAILS[names] = frozenset(n.rpartition(".")[2] for n in names)
    return found


def _bound_names(nodes: list[ast.AST], spawn_ids: set[int]) -> dict[int, set[str]]:
    """The names each spawned task is kept in: ``t = create_task(...)``, ``tasks = [create_task(
    ...) for ...]``, ``tasks.append(create_task(...))``, ``tasks[key] = create_task(...)``."""
    bound: dict[int, set[str]] = {}
    for node in nodes:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            names = {
                t.id if isinstance(t, ast.Name) else _root(t)
                for t in targets
                if isinstance(t, (ast.Name, ast.Subscript, ast.Attribute))
            }
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("append", "add")
            and node.args
        ):
            value = node.args[0]
            names = {_root(node.func.value)}
        else:
            continue
        if value is None:
            continue
        for inner in walk(value):
            if id(inner) in spawn_ids:
                bound.setdefault(id(inner), set()).update(n for n in names if n)
    return bound


def _root(node: ast.expr) -> str:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def runs_concurrently(ctx: FileContext, function: ast.AST, calls: dict[str, Any]) -> bool:
    """Whether this file hands coroutine *function* to a spawner or a join, or awaits it in a
    region (`shape`): it then runs beside other work, whatever its module is."""
    name = getattr(function, "name", None)
    if not isinstance(function, ast.AsyncFunctionDef) or not name:
        return False
    return name in concurrent_names(ctx, calls)


def concurrent_names(ctx: FileContext, calls: dict[str, Any]) -> frozenset[str]:
    """The last names of the callees this file hands to concurrent work or calls in a region."""
    key = ("concurrent_names",)
    found = ctx.memo.get(key)
    if found is None:
        names: set[str] = set()
        for frame in ctx.frame_of.values():
            if frame.kind != ASYNC:
                continue
            form = shape(ctx, frame.node, calls)
            if not form.handed and not form.regions:
                continue
            for node in own_nodes(frame.node):
                if not isinstance(node, ast.Call):
                    continue
                if id(node) in form.handed or any(
                    start <= node.lineno <= end for start, end in form.regions
                ):
                    callee = _own_callee(node.func, frame.self_name)
                    if callee:
                        names.add(callee)
        found = ctx.memo[key] = frozenset(names)
    return frozenset(found)


def _own_callee(func: ast.expr, self_name: str | None) -> str | None:
    """``fetch`` of ``fetch(url)`` or ``self.fetch(url)``: a call that can reach a function
    of this file by its name (``tg.cancel_scope.cancel()`` cannot reach a command ``cancel``)."""
    if isinstance(func, ast.Name):
        return func.id
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and self_name
        and func.value.id == self_name
    ):
        return func.attr
    return None


def in_region(ctx: FileContext, function: ast.AST, line: int, calls: dict[str, Any]) -> bool:
    """Whether *line* of *function* runs beside a task group's tasks or a background
    connection's task (`shape`'s regions)."""
    return any(start <= line <= end for start, end in shape(ctx, function, calls).regions)
