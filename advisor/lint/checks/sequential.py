"""ADV101 where nothing else is alive on the loop: decided per call, not per program.

A blocking call stalls the *other* work of an event loop: the tasks it runs beside the
caller, the callbacks it has scheduled, the keepalive of a connection it holds open. Where
none is alive, the call delays only the program, which waits for it either way. That is a
property of a point in the code, not of a program: maigret's CLI ``main`` awaits a search that
runs hundreds of site checks at once through a pool of worker tasks, then writes the reports
with nothing else on the loop, then starts the next search; its ``--submit`` dialog, awaited
alone, prompts with ``input()`` between requests made one at a time; its web front end runs
each job on a loop made for that job. The check each worker runs shares the loop with the
other workers: a blocking call there is a real stall. twscrape's maintainer scripts await one
fixture at a time; piccolo's ``migrations`` commands await one step after another.

What is alive where, per function (`life`, from the function's own statements):

- a task from its spawn (``create_task``, ``ensure_future`` ...) until it is joined: awaited
  (``await t``), handed to a join or wait (``gather(*tasks)``, ``wait(tasks)``,
  ``wait_for(t, 5)``), awaited item by item in a ``for`` over the list that keeps it
  (``for site, f in tasks: await f``; the names a task is kept in follow ``append``,
  ``add`` and assignment, `_held`), or cancelled (what a cancelled task still does is
  unwinding nobody waits for; a pool cancelled once its queue's ``join()`` has returned is
  over at that ``join()``: its workers wait idle on ``get()``, `_join`). The body of a
  ``for`` over ``as_completed(tasks)`` runs while the others are pending (joined at the
  loop's end); a ``wait`` with a ``timeout`` or ``return_when`` joins nothing by itself
  (the tasks it leaves pending are joined when cancelled or awaited). A task never joined
  is alive to the end of the function, and the function *leaks*;
- a task the function awaits before it suspends again (``t = ensure_future(f()); ...;
  await t`` with no ``await`` between): nothing runs beside it, so it is no span at all, and
  ``f()`` counts as awaited at the join (maigret's ``search_task``, kept only so a signal
  handler can cancel it);
- the body of ``async with`` a task group (``asyncio.TaskGroup()``, anyio's
  ``create_task_group()``, trio's ``open_nursery()``) or of a connection that keeps a task of
  its own (``calls.yaml`` ``background_connections``, ``background_calls`` opened with
  ``async with``): alive while the block runs, over when it ends;
- a loop callback (``call_soon``, ``call_later`` ...), a server or framework run
  (``start_server``, ``serve``, ``run_app`` ...), such a connection outside ``async with``,
  an awaited client ``.start()`` (aiokafka's producer, a bot): alive to the end, a leak;
- work started inside a loop is alive from the loop's first line (earlier turns' tasks);
- an async generator that yields while its own work is alive makes the body of an ``async
  for`` over it a span of its consumer (maigret's ``executor.run`` yields results while
  its workers run).

`ProgramShape` stores these per file (``pt``): the spans and leaks of the functions that
have any, every call a coroutine makes (callee's last name, the qualified callee when the
code names it, line, how: awaited where it stands, or otherwise), the coroutines a runner
starts from plain code, the ``async for`` loops over a call, and the names handed on by
reference. `Points` joins them after the scan: a function leaks when its own work does or
when it calls (by name) one that leaks, and from that call on (from the loop's start when
the call is in a loop) work is alive in it. A coroutine runs *alone* when every call to it
the scan shows awaits it where it stands at a point where the caller has nothing alive, in
a caller that runs alone, up to a runner's call from plain code (``asyncio.run(main())``,
``anyio.run(main)``, ``loop.run_until_complete(job())``, also on a loop a thread makes
for one job) at a point where that code has started nothing. A blocking call on a line of
such a coroutine where nothing is alive gets `once.verdict`'s ``p`` verdict: quiet as in a
command-line program's own code (`helpers.one_shot_quiet`: waits on threads and nested
runs stay reported). Loops that serve do not matter here (`blocking` defers the calls in
them with a mark; `reach` asks with the line): a ``while`` loop in code that runs alone
serves nobody else.

What stays reported, on purpose: a coroutine handed to a spawner or a join and not awaited
at once (the other downloads of a ``gather``, maigret's per-site check run by its workers),
even in a command-line module (a command-line module's coroutine handed on in its own file
is not ``cli`` either, `runs_concurrently`); a call in a task group's or background
connection's body; a call while a task the function started is alive, and a coroutine
awaited then, with all it calls; what follows a call to a function that leaks; a coroutine
no code of the scan calls (a library's public method, a handler a framework dispatches), one
a decorator registers (``h``), one handed on by reference anywhere (matched by last name:
a data attribute that shares a coroutine's name keeps it reported), one also called another
way (kept, returned, handed to ``async for``, or handed to a spawner or join by plain code:
``loop.create_task(refresh())`` in a callback), one of another top-level package than the
program that runs it (an example awaiting a library's coroutine says nothing of its other
users), a name the scan defines twice called through an object, chains deeper than
`ALONE_DEPTH`, and plain functions that call a leaking helper across files (followed within
a file only). A function kept in a table (``handlers = {"a": on_a}``) and awaited alone
elsewhere is not seen as handed on: only call arguments are read for references.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, NamedTuple, TypeVar

from advisor.lint.checks.base import ASYNC, MODULE, SYNC, Check, FileContext, register
from advisor.lint.checks.helpers import (
    named_target,
    own_nodes,
    runner_entry,
    runs_program,
    test_code,
)
from advisor.lint.checks.rooted import roots
from advisor.lint.names import BUILTINS, call_values, tail


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
                handed.update(id(n) for n in ast.walk(arg) if isinstance(n, ast.Call))
        if name in waits or name in joins:
            for arg in call_values(node):
                for inner in ast.walk(arg):
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
        isinstance(item, ast.AsyncFunctionDef) and item.name == "start"
        for item in frame.cls[1].body
    )


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
    loops = [(n.lineno, n.end_lineno or n.lineno) for n in nodes if isinstance(n, _LOOPS)]

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
                joined_calls.update(id(n) for n in ast.walk(arg) if isinstance(n, ast.Call))
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
            for inner in ast.walk(value):
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
                n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)
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
                for n in ast.walk(arg)
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
            items = {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
            for inner in ast.walk(node):
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
        for inner in ast.walk(value):
            if id(inner) in spawn_ids:
                bound.setdefault(id(inner), set()).update(n for n in names if n)
    return bound


def _iterated(node: ast.expr) -> str:
    """The name a ``for`` walks: ``tasks`` of ``tasks``, ``tasks.values()``, ``list(tasks)``."""
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and not node.args:
            return _root(node.func.value)
        if isinstance(node.func, ast.Name) and len(node.args) == 1:
            return _root(node.args[0])
        return ""
    return _root(node)


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


@register
class ProgramShape(Check):
    """Notes what the point verdict needs of a file (``pt``, `points`): the functions whose
    own work is alive somewhere (`life`), every call a coroutine makes and how (awaited,
    otherwise), the coroutines a runner starts, the ``async for`` loops over a call, and the
    names handed on by reference."""

    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (
        ast.Call,
        ast.AsyncWith,
        ast.AsyncFor,
        ast.For,
        ast.While,
    )

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.calls: dict[str, Any] = data["calls"]
        self.words = vocabulary(self.calls)
        #: the functions (and the module) that make a call of `vocabulary`, by frame node id
        self.noted: dict[int, Any] = {}
        #: the callees' last names of each plain function, by its qualified name
        self.plain: dict[str, set[str]] = {}
        #: every call a coroutine makes, and a runner's entry: (the node's id, the callee's
        #: last name, the qualified callee when the code names it, line, frame, `AWAITED`...)
        self.sites: list[tuple[int, str, str, int, Any, str]] = []
        #: the loops of each function, by frame node id: work started in one is alive
        #: from the loop's first line (`_since`)
        self.loops: dict[int, list[tuple[int, int]]] = {}
        #: ``async for`` over a call: the callee's last name, the qualified callee, the
        #: caller, the first line of the body and the last
        self.iterated: list[list[Any]] = []
        #: names handed on by reference (``start_server(handle)``, ``add_handler(self.on)``)
        self.refs: set[str] = set()
        self.runners = frozenset(self.calls["program_runners"])
        self.run_methods = frozenset(self.calls["loop_run_methods"])
        self.runner_tails = {n.rpartition(".")[2] for n in self.runners} | self.run_methods
        self.wrappers = frozenset(self.calls["entry_wrappers"])
        self.waits = frozenset(self.calls["task_waits"])
        self.handing = frozenset(
            (*self.calls["task_spawners"], *self.calls["concurrent_joins"], *self.waits)
        )
        # `helpers.one_shot_kind` asks through the file's memo (helpers import nothing here)
        ctx.memo["runs_concurrently"] = lambda function: runs_concurrently(
            ctx, function, self.calls
        )

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        frame = self.ctx.frame
        if type(node) is not ast.Call:
            self._block(node, frame)  # calls first: nearly every node this family sees
            return
        assert isinstance(node, ast.Call)
        name = tail(node.func)
        if name in self.words:
            self._note(frame)
        if frame.kind == SYNC and name:
            called = self.plain.get(frame.qualname)
            if called is None:  # not `setdefault(..., set())`: a set built for every call
                called = self.plain[frame.qualname] = set()
            called.add(name)
        in_runner = False  # whether the parent runs a program (plain code only), asked once
        if frame.kind == ASYNC:
            form = AWAITED if type(parent) is ast.Await else OTHER
            if (
                type(parent) is ast.Call
                and tail(parent.func) in self.waits
                and parent.args
                and parent.args[0] is node
            ):
                form = AWAITED  # `await wait_for(f(), 5)`: the caller waits on f alone
            self._site(node, node.func, frame, form)
        elif in_runner := self._runner(parent):
            if self._entry(parent) is None:
                self._site(node, node.func, frame, RUN)
        elif type(parent) in _INSIDE or (
            type(parent) is ast.Call and tail(parent.func) in self.handing
        ):
            # plain code handing a coroutine on (`loop.create_task(f())` in a callback,
            # `run_until_complete(gather(*[f(x) for x in xs]))`): a way into it, not alone
            self._site(node, node.func, frame, OTHER)
        # the program's entry, by reference (`anyio.run(main)`, `run_sync(partial(self.main,
        # argv))`), seen from the runner's call or from the `partial` inside it
        entry = self._entry(node) if frame.kind != ASYNC else None
        if entry is not None:
            self._site(entry, entry, frame, RUN)
        elif in_runner:
            entry = self._entry(parent)
        for given in call_values(node):
            arg = given.value if isinstance(given, ast.Starred) else given
            if arg is entry:
                continue
            if isinstance(arg, ast.Attribute) and isinstance(arg.ctx, ast.Load):
                self.refs.add(arg.attr)
            elif isinstance(arg, ast.Name):
                binding = self.ctx.resolver.bindings(self.ctx.resolver.module_scope).get(arg.id)
                if binding is not None and binding.kind in ("def", "import"):
                    self.refs.add(_callee(self.ctx, arg) or arg.id)

    def _block(self, node: ast.AST, frame: Any) -> None:
        """An ``async with`` (noted) or a loop (its lines kept, an ``async for`` over a call
        recorded)."""
        if isinstance(node, ast.AsyncWith):
            self._note(frame)
            return
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            self.loops.setdefault(id(frame.node), []).append(
                (node.lineno, node.end_lineno or node.lineno)
            )
            if (
                isinstance(node, ast.AsyncFor)
                and isinstance(node.iter, ast.Call)
                and frame.kind == ASYNC
                and node.body
            ):
                callee = _callee(self.ctx, node.iter.func)
                if callee:
                    self.iterated.append(
                        [
                            callee,
                            _target(self.ctx, node.iter.func, frame),
                            frame.qualname,
                            node.body[0].lineno,
                            node.end_lineno or node.lineno,
                        ]
                    )
            return

    def _site(self, node: ast.expr, func: ast.expr, frame: Any, form: str) -> None:
        callee = _callee(self.ctx, func)
        if callee:
            target = _target(self.ctx, func, frame)
            if not target and _super_call(func):
                target = SUPER  # a base's method, whichever: never the caller itself
            self.sites.append((id(node), callee, target, node.lineno, frame, form))

    def _runner(self, node: ast.AST | None) -> bool:
        """``asyncio.run(...)``, ``anyio.run(...)``, ``loop.run_until_complete(...)``."""
        return runs_program(self.ctx, node, self.runners, self.run_methods, self.runner_tails)

    def _entry(self, node: ast.AST | None) -> ast.expr | None:
        """The entry a runner call is given by reference (`helpers.runner_entry`): a
        function of the scan (a bound method, or a module's own or imported function)."""
        if not isinstance(node, ast.Call) or not self._runner(node):
            return None
        entry = runner_entry(self.ctx, node, self.wrappers)
        if isinstance(entry, ast.Name):
            binding = self.ctx.resolver.bindings(self.ctx.resolver.module_scope).get(entry.id)
            if binding is None or binding.kind not in ("def", "import"):
                return None
        return entry

    def _note(self, frame: Any) -> None:
        if id(frame.node) not in self.noted:
            self.noted[id(frame.node)] = frame
            self.ctx.memo.setdefault("noted", set()).add(id(frame.node))

    def finish(self) -> None:
        """Keep ``pt`` (`analyse` stores it in the result's ``g``) for `points`."""
        ctx = self.ctx
        functions: dict[str, list[Any]] = {}
        leaking: set[str] = set()
        awaited: dict[int, int] = {}
        for frame in self.noted.values():
            alive = life(ctx, frame.node, self.calls)
            awaited.update(alive.awaited)
            if not alive.spans:
                continue
            qualname = ctx.module if frame.kind == MODULE else frame.qualname
            functions[qualname] = [[list(s) for s in alive.spans], int(alive.leaks)]
            if alive.yields_alive:
                functions[qualname].append(1)
            if alive.leaks:
                leaking.add(qualname)
        grew = bool(leaking)
        while grew:  # a plain function of this file that calls one that leaks leaks too
            grew = False
            names = {q.rpartition(".")[2] for q in leaking}
            for qualname, callees in self.plain.items():
                if qualname not in leaking and callees & names:
                    leaking.add(qualname)
                    functions.setdefault(qualname, [[], 1])[1] = 1
                    grew = True
        tested = int(test_code(ctx, self.calls))
        sites: list[list[Any]] = []
        for node_id, callee, target, line, frame, form in self.sites:
            first = _since(self.loops.get(id(frame.node), ()), line)
            at, how = (awaited[node_id], AWAITED) if node_id in awaited else (line, form)
            caller = ctx.module if frame.kind == MODULE else frame.qualname
            sites.append([callee, target, caller, at, TESTED if tested else how, first])
        points: dict[str, Any] = {}
        if functions:
            points["f"] = functions
        if sites:
            points["c"] = sites
        if self.iterated:
            points["af"] = self.iterated
        if self.refs:
            points["hr"] = sorted(self.refs)
        if tested and (functions or sites):
            points["tm"] = ctx.module  # test code: no base class of the library's (`Points`)
        if any(site[5] == RUN for site in self.sites):
            points["rn"] = 1  # a program runner's entry: the scan has programs to judge
        if points:
            ctx.memo["points"] = points


#: A call's parent when plain code builds an argument of a call out of it (a list of
#: coroutines for ``gather``, a keyword): recorded as a way into a coroutine, not awaited.
_INSIDE = frozenset((ast.Starred, ast.List, ast.Tuple, ast.ListComp, ast.GeneratorExp, ast.keyword))

#: How a coroutine is called (`ProgramShape`'s ``pt``): awaited where it stands (``await
#: f()``, ``await wait_for(f(), 5)``, a task awaited before the caller suspends again), any
#: other way (handed to a spawner or a join, kept, returned), by test code, or started by a
#: program runner from plain code (``asyncio.run(f())``).
AWAITED, OTHER, TESTED, RUN = "a", "o", "t", "r"


#: Marks a target named through an imported module (``spiderdal.main()``): kept when it is a
#: function of the scan, matched by last name otherwise (`Points._unknown_targets`).
THROUGH = "~"

#: The target of ``super().m()`` when no base of the scan defines ``m`` (jupyterhub's
#: ``JupyterHub.initialize`` calls traitlets' ``Application.initialize``): some base's method,
#: matched by name like a call through an object, but never the calling method itself.
SUPER = "^"


def _super_call(func: ast.expr) -> bool:
    """``super().m`` or ``super(Cls, self).m``."""
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "super"
    )


def _since(loops: Any, line: int) -> int:
    """The first line of the outermost loop around *line* (or *line*)."""
    first = line
    for start, stop in loops:
        if start <= line <= stop:
            first = min(first, start)
    return first


def _callee(ctx: FileContext, func: ast.expr) -> str | None:
    """The callee's last name, through an import alias (as `once.CallGraph` reads it)."""
    if isinstance(func, ast.Name):
        binding = ctx.resolver.lookup(func.id, ctx.scope)
        if binding is not None and binding.kind == "import":
            if binding.target == func.id and func.id in BUILTINS:
                return None
            return binding.target.rpartition(".")[2]
        return None if func.id in BUILTINS and binding is None else func.id
    return tail(func) if isinstance(func, ast.Attribute) else None


def _target(ctx: FileContext, func: ast.expr, frame: Any) -> str:
    """The qualified name of the function a call reaches, when the code names it (a
    module-level function, an import, a method of the caller's own class, a function of an
    imported module: ``spiderdal.main()`` after ``from ghunt.modules import spiderdal``, one
    of the many ``main`` coroutines of a CLI's modules), else ``""``. A name that turns out
    to be no function of the scan (a library's, a re-export) is matched by its last name
    again (`Points`)."""
    named = named_target(ctx, func, frame)
    if named is not None:
        return named
    root = func
    while isinstance(root, ast.Attribute):
        root = root.value
    if isinstance(func, ast.Attribute) and isinstance(root, ast.Name):
        binding = ctx.resolver.lookup(root.id, ctx.scope)
        if binding is not None and binding.kind == "import":
            through = ctx.qualify(func) or ""
            return f"{THROUGH}{through}" if through and "(" not in through else ""
    return ""


#: How many callers up `points` follows a coroutine's calls (as `helpers.DEPTH` for the
#: start-up verdict): a deeper chain stays reported.
ALONE_DEPTH = 8


class Points:
    """The point verdict over the whole scan (`points`): ``alone(module, name, line)``."""

    def __init__(self, views: Iterable[tuple[str, Mapping[str, Any]]]) -> None:
        #: the functions whose own work is alive somewhere: spans, leaks, yields while alive
        self.functions: dict[str, list[Any]] = {}
        #: every recorded call by the callee's last name: (target, caller, line, form, first)
        self.calls_to: dict[str, list[tuple[str, str, int, str, int]]] = {}
        #: every recorded call by the caller: (callee's last name, target, line, first)
        self.calls_from: dict[str, list[tuple[str, str, int, int]]] = {}
        #: ``async for`` over a call, by the caller: (callee, target, first line, last line)
        self.iterated: dict[str, list[tuple[str, str, int, int]]] = {}
        #: names handed on by reference or registered with a framework by a decorator
        self.handed: set[str] = set()
        #: the coroutines and methods of the scan by last name
        self.defined: dict[str, set[str]] = {}
        self.memo: dict[tuple[str, str], bool] = {}
        #: the test modules (``"pkg.tests.mocking."``): a test double subclassing a library
        #: class (jupyterhub's ``MockHub``) is never what the library's ``super()`` reaches
        self.tested: set[str] = set()
        views = list(views)
        #: the coroutines a runner decorator starts (`rooted`), and the decorated ones whose
        #: decorator is none (handed to a framework, as ``h``)
        self.roots, self.unrooted = roots(views)
        if not self.roots and not any(
            ((r.get("g") or {}).get("pt") or {}).get("rn") for _p, r in views
        ):
            # no program runner in the scan: no coroutine runs alone, nothing to gather
            self.leaking: set[str] = set()
            self.leaking_names: set[str] = set()
            return
        for _path, result in views:
            facts = result.get("facts")
            if facts:
                for qualname in facts.get("coros", ()):
                    self.defined.setdefault(qualname.rpartition(".")[2], set()).add(qualname)
                for owner, entry in facts.get("classes", {}).items():
                    for method in entry.get("methods", ()):
                        self.defined.setdefault(method, set()).add(f"{owner}.{method}")
            graph = result.get("g")
            if not graph:
                continue
            self.handed.update(graph.get("h", ()))
            points = graph.get("pt")
            if not points:
                continue
            self.functions.update(points.get("f", {}))
            if points.get("tm"):
                self.tested.add(f"{points['tm']}.")
            self.handed.update(points.get("hr", ()))
            for callee, target, caller, line, form, first in points.get("c", ()):
                self.calls_to.setdefault(callee, []).append((target, caller, line, form, first))
                if form != RUN:  # the runner's loop ends with the program: nothing outlives it
                    self.calls_from.setdefault(caller, []).append((callee, target, line, first))
            for callee, target, caller, start, end in points.get("af", ()):
                self.iterated.setdefault(caller, []).append((callee, target, start, end))
        self.handed.update(self.unrooted)
        for root in self.roots:
            # the runner decorator's wrapper starts it as `asyncio.run(main())` starts `main`
            # (its decorator keeps it out of the facts' coroutines: ADV102's question)
            self.defined.setdefault(root.name, set()).add(root.qualname)
            self.calls_to.setdefault(root.name, []).append(
                (root.qualname, root.decorator, root.line, RUN, root.line)
            )
        self._unknown_targets()
        self.leaking = self._leaking()
        self.leaking_names = {q.rpartition(".")[2] for q in self.leaking}

    def _unknown_targets(self) -> None:
        """A function named through an imported module (`THROUGH`) that is no function of the
        scan (a library's ``aiosqlite.connect``, a name a package's ``__init__`` re-exports)
        says nothing of which function it reaches: matched by its last name, as a call
        through an object is."""
        known = {q for qs in self.defined.values() for q in qs}
        known.update(self.functions, self.calls_from)

        def named(target: str) -> str:
            if not target.startswith(THROUGH):
                return target
            return target[1:] if target[1:] in known else ""

        for name, sites in self.calls_to.items():
            self.calls_to[name] = [(named(t), c, ln, f, fi) for t, c, ln, f, fi in sites]
        for caller, calls in self.calls_from.items():
            self.calls_from[caller] = [(n, named(t), ln, fi) for n, t, ln, fi in calls]
        for caller, loops in self.iterated.items():
            self.iterated[caller] = [(n, named(t), a, b) for n, t, a, b in loops]

    def _leaking(self) -> set[str]:
        """The functions whose work outlives them: their own (`life`), or a call (in any
        form) to one that leaks, matched by the qualified callee when the code names it, by
        last name otherwise."""
        leaking = {q for q, entry in self.functions.items() if entry[1]}
        todo = list(leaking)
        while todo:
            done = todo.pop()
            name = done.rpartition(".")[2]
            for target, caller, _line, form, _first in self.calls_to.get(name, ()):
                if form == RUN:
                    continue  # the runner's loop ends with the program: nothing outlives it
                if target == SUPER:  # never the caller itself, nor a test double
                    reaches = self._base_of(done, caller)
                else:
                    reaches = not target or target == done
                if caller not in leaking and reaches:
                    leaking.add(caller)
                    todo.append(caller)
        return leaking

    def _base_of(self, method: str, caller: str) -> bool:
        """Whether *method* may be what ``super().m()`` in *caller* reaches: a base's method,
        so neither *caller* itself nor one of a test module's classes (a test double
        derives from the library's class, never the other way round)."""
        return method != caller and not method.startswith(tuple(self.tested))

    def _reaches_leak(self, callee: str, target: str, caller: str = "") -> bool:
        if target == SUPER:  # some base's method of that name, never the caller itself
            return any(
                q.rpartition(".")[2] == callee and self._base_of(q, caller) for q in self.leaking
            )
        if target:
            return target in self.leaking
        return callee in self.leaking_names

    def live(self, qualname: str, line: int) -> bool:
        """Whether work *qualname* itself started (or a callee of it started and left
        running) is alive at *line*."""
        entry = self.functions.get(qualname)
        if entry and any(start <= line <= end for start, end in entry[0]):
            return True
        for callee, target, at, first in self.calls_from.get(qualname, ()):
            # alive after the call, and from the loop's start when the call is in a loop
            if (line > at or (first < at and line >= first)) and self._reaches_leak(
                callee, target, qualname
            ):
                return True
        for callee, target, start, end in self.iterated.get(qualname, ()):
            if start <= line <= end and self._yields_alive(callee, target):
                return True
        return False

    def _yields_alive(self, callee: str, target: str) -> bool:
        found = (target,) if target else self.defined.get(callee, ())
        return any(len(self.functions.get(q, ())) > 2 for q in found)

    def alone(
        self, qualname: str, top: str = "", depth: int = 1, seen: frozenset[str] = frozenset()
    ) -> bool:
        """Whether every way into coroutine *qualname* the scan shows runs it with nothing
        else alive on its loop: awaited where it stands at a point of its caller where no
        work is alive, by a caller that runs alone, up to a program runner's call from plain
        code at a point where that code started nothing. The program must be one of *top*,
        the judged coroutine's own top-level package: an example program awaiting a
        library's coroutine says nothing of the library's other users."""
        top = top or qualname.partition(".")[0]
        key = (qualname, top)
        if key in self.memo:
            return self.memo[key]
        name = qualname.rpartition(".")[2]
        sites = self.calls_to.get(name)
        result = False
        circled = False
        if sites and name not in self.handed:
            unique = self.defined.get(name) == {qualname}
            reached = False
            result = True
            for target, caller, line, form, _first in sites:
                if target == SUPER and caller == qualname:
                    continue  # `super().initialize()` in `initialize`: a base's, not itself
                if (target and target not in (qualname, SUPER)) or form == TESTED:
                    continue  # another function of that name, or test code
                if form not in (AWAITED, RUN) or (target in ("", SUPER) and not unique):
                    result = False  # handed on or kept; or `x.fetch()` of several `fetch`
                    break
                if self.live(caller, line):
                    result = False
                    break
                if form == RUN:
                    if caller.partition(".")[0] != top:
                        result = False  # another package's program says nothing of its users
                        break
                    reached = True
                    continue
                if caller in seen or caller == qualname:
                    circled = True
                    continue
                if depth >= ALONE_DEPTH or not self.alone(
                    caller, top, depth + 1, seen | {qualname}
                ):
                    result = False
                    break
                reached = True
            result = result and reached
        if not circled:
            self.memo[key] = result
        return result

    def at(self, qualname: str, line: int) -> bool:
        """Whether a blocking call on *line* of coroutine *qualname* stalls nobody: the
        coroutine runs alone (`alone`) and nothing it started is alive there."""
        return self.alone(qualname) and not self.live(qualname, line)


def points(views: Iterable[tuple[str, Mapping[str, Any]]]) -> Points:
    """The point verdict over the facts of every file (`ProgramShape`'s ``pt``)."""
    return Points(views)
