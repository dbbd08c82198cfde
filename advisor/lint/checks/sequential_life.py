"""When the work one function's own statements start is alive, for the point verdict
(`checks.sequential`): a task from its spawn until it is joined (awaited, handed to a join or
wait, awaited item by item, cancelled), a task group's or background connection's block,
callbacks, servers and unjoined tasks to the end (`Life`, `life`).

Split from `sequential.py` (behaviour unchanged): following a task to its join is one job,
noting each file's facts (`sequential.ProgramShape`) another; what a function starts is
`sequential_shape`.
"""

from __future__ import annotations

import ast
from typing import Any, NamedTuple

from advisor.lint.callees import call_values, tail
from advisor.lint.checks.base import FileContext
from advisor.lint.checks.helpers import own_nodes, repeating_span
from advisor.lint.checks.sequential_shape import (
    _bound_names,
    _client_start,
    _connection,
    _memoised,
    _root,
    _words,
)
from advisor.lint.statements import walk


class Life(NamedTuple):
    """When the work one function's own statements start is alive (`checks.sequential`'s
    point verdict): the line spans where a task it started is not yet joined, a task group's
    or background connection's block, or work that outlives it (from where it starts to the
    function's end); whether work outlives it (*leaks*); the coroutine calls handed to a
    spawner whose task the function awaits before it suspends again (the call's id -> the
    line of that await: the same as awaiting the call there); and whether an async generator
    yields while such work is alive (its consumer's loop body then runs beside it)."""

    spans: tuple[tuple[int, int], ...]
    leaks: bool
    awaited: dict[int, int]
    yields_alive: bool


_NO_LIFE = Life((), False, {}, False)


_LOOPS = (ast.For, ast.AsyncFor, ast.While)


_SUSPENDS = (ast.Await, ast.AsyncFor, ast.AsyncWith, ast.Yield, ast.YieldFrom)


def life(ctx: FileContext, function: ast.AST, calls: dict[str, Any]) -> Life:
    """The `Life` of *function* (or the module's own statements), computed once per file."""
    return _memoised(ctx, function, calls, kind="life", empty=_NO_LIFE, compute=_life)


def _life(ctx: FileContext, function: ast.AST, calls: dict[str, Any]) -> Life:
    spawners, _joins, waits, callbacks, background, connections, groups = _words(calls)
    nodes = sorted(
        (n for n in own_nodes(function) if hasattr(n, "lineno")),
        key=lambda n: (n.lineno, n.col_offset),  # type: ignore[attr-defined]
    )
    end = getattr(function, "end_lineno", None) or max(
        (getattr(n, "end_lineno", 0) or 0 for n in nodes), default=0
    )
    loops = [repeating_span(n) for n in nodes if isinstance(n, _LOOPS)]

    def since(line: int, until: int | None = None) -> int:
        """Where work started at *line* is first alive: the start of the outermost loop
        around it (the tasks of earlier turns), unless that loop also holds *until*."""
        first = line
        for start, stop in loops:
            if start <= line <= stop and not (until is not None and start <= until <= stop):
                first = min(first, start)
        return first

    spans: list[tuple[int, int]] = []
    leaks = False
    group_names: set[str] = set()
    in_with: set[int] = set()
    for node in nodes:
        if not isinstance(node, ast.AsyncWith):
            continue
        for item in node.items:
            expr = item.context_expr
            if not isinstance(expr, ast.Call):
                continue
            in_with.add(id(expr))
            opened = tail(expr.func)
            if opened in groups:
                if isinstance(item.optional_vars, ast.Name):
                    group_names.add(item.optional_vars.id)
            elif not (opened in background or _connection(ctx, expr, connections)):
                continue
            spans.append((node.body[0].lineno, node.end_lineno or node.lineno))
    joined_calls: set[int] = set()
    spawns: list[ast.Call] = []
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        name = tail(node.func)
        if name in waits:
            for arg in call_values(node):
                joined_calls.update(id(n) for n in walk(arg) if isinstance(n, ast.Call))
        if name in spawners:
            receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
            if not (isinstance(receiver, ast.Name) and receiver.id in group_names):
                spawns.append(node)  # a task group's task: its block is the span
        elif id(node) in in_with:
            continue
        elif name in callbacks or name in background or _connection(ctx, node, connections):
            spans.append((since(node.lineno), end))
            leaks = True
    for node in nodes:
        if _client_start(ctx, function, node):
            spans.append((since(node.lineno), end))  # a client's reader and heartbeat tasks
            leaks = True
    awaited: dict[int, int] = {}
    if spawns:
        held = _held(nodes, {id(s) for s in spawns})
        for spawn in spawns:
            if id(spawn) in joined_calls:
                continue  # `await gather(create_task(f()))`: over when the statement ends
            names = held.get(id(spawn), set())
            join = _join(nodes, names, spawn.lineno, waits) if names else None
            if join is None:
                spans.append((since(spawn.lineno), end))
                leaks = True
                continue
            line, direct = join
            first = since(spawn.lineno, line)
            if (
                direct
                and first == spawn.lineno
                and spawn.args
                and isinstance(spawn.args[0], ast.Call)
                and not _suspends_between(nodes, spawn, line)
            ):
                # `t = create_task(f()); ...; await t` with no suspension between: nothing
                # runs beside f, the same as `await f()` at the join
                awaited[id(spawn.args[0])] = line
                continue
            spans.append((first, line))
    yields_alive = bool(spans) and any(
        isinstance(n, (ast.Yield, ast.YieldFrom)) and any(s <= n.lineno <= e for s, e in spans)
        for n in nodes
    )
    return Life(tuple(spans), leaks, awaited, yields_alive)


def _held(nodes: list[ast.AST], spawn_ids: set[int]) -> dict[int, set[str]]:
    """The names each spawned task is kept in (`_bound_names`), and the names those are
    kept in in turn (``futures.append((site, future))``, ``tasks = [t1, t2]``)."""
    bound = _bound_names(nodes, spawn_ids)
    for _round in range(2):
        holders: dict[str, set[str]] = {}
        for node in nodes:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                value = node.value
                into = {_root(t) for t in targets if not isinstance(t, ast.Tuple)}
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "add", "extend")
                and node.args
            ):
                value = node.args[0]
                into = {_root(node.func.value)}
            else:
                continue
            if value is None:
                continue
            for inner in walk(value):
                if isinstance(inner, ast.Name):
                    holders.setdefault(inner.id, set()).update(n for n in into if n)
        grew = False
        for kept in bound.values():
            more = set().union(*(holders.get(n, set()) for n in kept)) - kept
            if more:
                kept.update(more)
                grew = True
        if not grew:
            break
    return bound


def _join(
    nodes: list[ast.AST], held: set[str], after: int, waits: frozenset[str]
) -> tuple[int, bool] | None:
    """The line of the first statement after line *after* that joins a task kept in one of
    *held*, and whether it awaits the task itself (``await t``): an ``await`` of the name, a
    join or wait over it (``gather(*tasks)``, ``wait(tasks)``, ``wait_for(t, 5)``), a ``for``
    over it that awaits each item, the end of a ``for`` over ``as_completed(tasks)`` (its body
    runs while the others are pending), or its cancellation (``t.cancel()``: what a cancelled
    task still does is unwinding nobody waits for), also of the tasks a ``wait`` that returns
    early left pending (``done, pending = await wait(tasks, return_when=FIRST_COMPLETED)``
    joins nothing by itself). Cancelled once a queue's ``join()`` has returned, a worker pool
    is over at that ``join()``: its queue is drained and its workers wait idle on ``get()``."""
    names = set(held)
    loops = {id(n.iter): n for n in nodes if isinstance(n, (ast.For, ast.AsyncFor))}
    results: dict[int, set[str]] = {}
    for node in nodes:
        if isinstance(node, ast.Assign):
            value = node.value.value if isinstance(node.value, ast.Await) else node.value
            results[id(value)] = {
                n.id for t in node.targets for n in walk(t) if isinstance(n, ast.Name)
            }
    drained: int | None = None
    for node in nodes:
        line = getattr(node, "lineno", 0)
        if line <= after:
            continue
        if isinstance(node, ast.Await):
            value = node.value
            if isinstance(value, ast.Name) and value.id in names:
                return line, True
            if (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Attribute)
                and value.func.attr == "join"
                and not value.args
                and drained is None
            ):
                drained = line
            continue
        if isinstance(node, ast.Call):
            name = tail(node.func)
            if name in waits and any(
                isinstance(n, ast.Name) and n.id in names
                for arg in call_values(node)
                for n in walk(arg)
            ):
                if name == "as_completed":
                    loop = loops.get(id(node))
                    if loop is not None:
                        return loop.end_lineno or line, False
                    continue  # iterated elsewhere: no line where every task is done
                if name == "wait" and _early(node):
                    names |= results.get(id(node), set())  # `pending` holds them now
                    continue
                return line, False
            if (
                isinstance(node.func, ast.Attribute)
                and node.func.attr == "cancel"
                and _root(node.func.value) in names
            ):
                return (line if drained is None else drained), False
            continue
        if isinstance(node, (ast.For, ast.AsyncFor)) and _iterated(node.iter) in names:
            items = {n.id for n in walk(node.target) if isinstance(n, ast.Name)}
            for inner in walk(node):
                if (
                    isinstance(inner, ast.Await)
                    and isinstance(inner.value, ast.Name)
                    and inner.value.id in items
                ) or (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Attribute)
                    and inner.func.attr == "cancel"
                    and _root(inner.func.value) in items
                ):
                    return (node.end_lineno or line if drained is None else drained), False
    return None


def _early(node: ast.Call) -> bool:
    """``wait(tasks, timeout=5)`` or ``wait(tasks, return_when=FIRST_COMPLETED)``: it may
    return while some of the tasks still run."""
    for keyword in node.keywords:
        value = keyword.value
        if keyword.arg == "timeout" and not (
            isinstance(value, ast.Constant) and value.value is None
        ):
            return True
        if keyword.arg == "return_when" and tail(value) != "ALL_COMPLETED":
            return True
    return False


def _suspends_between(nodes: list[ast.AST], spawn: ast.Call, line: int) -> bool:
    """Whether the function may suspend after *spawn* and before the await on *line*."""
    start = (spawn.end_lineno or spawn.lineno, spawn.end_col_offset or 0)
    for node in nodes:
        if not isinstance(node, _SUSPENDS):
            continue
        here = (node.lineno, node.col_offset)
        if start < here and node.lineno < line:
            return True
    return False


def _iterated(node: ast.expr) -> str:
    """The name a ``for`` walks: ``tasks`` of ``tasks``, ``tasks.values()``, ``list(tasks)``."""
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and not node.args:
            return _root(node.func.value)
        if isinstance(node.func, ast.Name) and len(node.args) == 1:
            return _root(node.args[0])
        return ""
    return _root(node)
