"""ADV101 in a program that runs one thing at a time: nothing else is on its loop to stall.

A blocking call stalls the *other* work of an event loop: the tasks it runs beside the
caller, the callbacks it has scheduled, the keepalive of a connection it holds open. A program
whose entry coroutine (the one ``asyncio.run``, ``anyio.run``, ``trio.run`` or
``run_until_complete`` starts) awaits one thing after another has none: twscrape's maintainer
script awaits one fixture at a time and writes each to a file; its ``twscrape add_accounts``
command reads the accounts file once before any request. Such a call delays the program itself,
which waits for it either way. The same call stalls something as soon as anything else is on
the loop: falcon's tutorial client prompts with ``input()`` while a ``websockets.connect``
connection is open (the library's keepalive task needs the loop, the server closes the
connection), twscrape's ``download_media`` example writes each file inside an
``asyncio.gather`` of the other downloads.

This family decides from the code, per function (`shape`):

- *handed* calls: a coroutine called as an argument of a spawner or of a join over several
  (``create_task(f())``, ``gather(*[f(u) for u in urls])``, ``as_completed``, ``wait``): it runs
  beside its siblings, and what it blocks stalls them;
- *regions*: the body of ``async with`` a task group (``asyncio.TaskGroup()``, anyio's
  ``create_task_group()``, trio's ``open_nursery()``) or a connection that owns a background task
  (``calls.yaml`` ``background_connections``): code there runs beside those tasks;
- *leaks*: work that outlives the statement that starts it: a task not joined in the same
  function (not awaited, not handed to ``gather``/``wait``/``as_completed``, not a task group's),
  a loop callback (``call_soon``, ``call_later`` ...), a server or framework run
  (``start_server``, ``serve``, ``run_app`` ...), a background connection, an awaited
  ``.start()`` of a client (aiokafka's producer, a bot). Structured work (an awaited ``gather``,
  a task group's block) is over when its statement ends: what follows it is sequential again.

`ProgramShape` stores the last names of the functions of a file that leak (``lk``, with the
plain functions of the same file that call one); the call graph (`checks.once`) marks the
call a runner makes (``r``) and takes handed calls and calls in regions for code that serves.
`once.verdict` then calls a program *sequential* when nothing its entry reaches, by the last
names of the calls the scan records, leaks; a coroutine every call of which comes, awaited and
outside regions and serving loops, from a sequential program or code only such a program
runs, is that program's code: its blocking calls are quiet, as in a command-line program's
own code (`helpers.one_shot_quiet`; waits on threads and nested runs stay reported).

What stays reported, on purpose: a coroutine handed to a spawner or a join (the other
downloads of the ``gather``), a call in a task group's or background connection's body,
anything in a program some reached function of which leaks (matched by last name across the
scan, so a name shared with a leaking function keeps the program reported), a program whose
entry the runner is handed by a name the scan does not define, and chains a plain function
makes across files to a leaking helper (followed within a file only). A command-line module's
coroutine handed to a spawner or join in its own file is reported too, though its module is
command-line code (twscrape's ``update-gql-ops.py`` writes each fetched bundle inside the
``gather`` of ten downloads).
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar, NamedTuple

from advisor.lint.checks.base import ASYNC, MODULE, SYNC, Check, FileContext, register
from advisor.lint.checks.helpers import own_nodes
from advisor.lint.names import tail


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


def shape(ctx: FileContext, function: ast.AST, calls: dict[str, Any]) -> Shape:
    """The `Shape` of *function* (or of the module's own statements), computed once per file."""
    if id(function) not in ctx.memo.get("noted", ()) or isinstance(function, ast.Lambda):
        return _EMPTY  # no call or block of `vocabulary` in it: nothing to walk
    key = ("shape", id(function))
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _shape(ctx, function, calls)
    return found


def _shape(ctx: FileContext, function: ast.AST, calls: dict[str, Any]) -> Shape:
    spawners = frozenset(calls["task_spawners"])
    joins = frozenset(calls["concurrent_joins"])
    waits = joins | frozenset(calls["task_waits"])
    callbacks = frozenset(calls["loop_callbacks"])
    background = frozenset(calls["background_calls"])
    connections = frozenset(calls["background_connections"])
    groups = frozenset(calls["task_groups"])
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
            for arg in (*node.args, *(k.value for k in node.keywords)):
                handed.update(id(n) for n in ast.walk(arg) if isinstance(n, ast.Call))
        if name in waits or name in joins:
            for arg in (*node.args, *(k.value for k in node.keywords)):
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
        if (
            isinstance(node, ast.Await)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr == "start"
        ):
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
    """Notes the functions of a file whose work outlives them (``lk``), for `once.verdict`."""

    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call, ast.AsyncWith)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.calls: dict[str, Any] = data["calls"]
        self.words = vocabulary(self.calls)
        #: the functions (and the module) that make a call of `vocabulary`, by frame node id
        self.noted: dict[int, Any] = {}
        #: the callees' last names of each plain function, by its qualified name
        self.plain: dict[str, set[str]] = {}
        # `helpers.one_shot_kind` asks through the file's memo (helpers import nothing here)
        ctx.memo["runs_concurrently"] = lambda function: runs_concurrently(
            ctx, function, self.calls
        )

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        frame = self.ctx.frame
        if isinstance(node, ast.AsyncWith):
            self._note(frame)
            return
        assert isinstance(node, ast.Call)
        name = tail(node.func)
        if name in self.words:
            self._note(frame)
        if frame.kind == SYNC and name:
            self.plain.setdefault(frame.qualname, set()).add(name)

    def _note(self, frame: Any) -> None:
        if id(frame.node) not in self.noted:
            self.noted[id(frame.node)] = frame
            self.ctx.memo.setdefault("noted", set()).add(id(frame.node))

    def finish(self) -> None:
        """Keep ``lk`` (`analyse` stores it in the result's ``g``): the qualified names of
        the functions that leak, and of the plain functions of this file that call one."""
        leaking: set[str] = set()
        for frame in self.noted.values():
            if frame.kind == MODULE:
                continue  # the runner's call decides (`once.CallGraph`)
            if shape(self.ctx, frame.node, self.calls).leaks:
                leaking.add(frame.qualname)
        grew = bool(leaking)
        while grew:
            grew = False
            names = {q.rpartition(".")[2] for q in leaking}
            for qualname, callees in self.plain.items():
                if qualname not in leaking and callees & names:
                    leaking.add(qualname)
                    grew = True
        if leaking:
            self.ctx.memo["leaks"] = sorted(leaking)
