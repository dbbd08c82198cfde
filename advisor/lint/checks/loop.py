"""ADV104-ADV106: event-loop misuse — running a loop inside one, the deprecated loop getter,
and tasks nobody keeps.

A dropped task is only flagged for `asyncio.create_task`/`ensure_future` and a loop's
`create_task`: a `TaskGroup` (or a nursery) keeps its tasks, so `tg.create_task(...)` on its own
line is correct and must stay silent. "A loop" is an object named ``...loop`` or one returned by
``get_running_loop()``/``get_event_loop()``/``new_event_loop()``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any, ClassVar

from advisor.lint.callees import source_name, tail
from advisor.lint.checks.base import ASYNC, MODULE, SYNC, Check, FileContext, Frame, register
from advisor.lint.checks.helpers import is_loop_like, own_nodes
from advisor.lint.statements import walk


@register
class LoopMisuse(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV104", "ADV105")
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        self.runners = set(calls["loop_runners"])
        self.run_methods = set(calls["loop_run_methods"])
        self.getters = set(calls["get_event_loop"])
        self.tails = {n.rpartition(".")[2] for n in (*self.runners, *self.getters)}

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        if ctx.frame.kind != ASYNC:
            return
        name = tail(node.func)
        func = node.func
        if name in self.run_methods and isinstance(func, ast.Attribute):
            if is_loop_like(func.value, ctx.qualify(func.value)):
                ctx.report("ADV104", node, call=source_name(func), where="coroutine")
            return
        if name not in self.tails:
            return
        qualified = ctx.qualify(func)
        if qualified is None:
            return
        if qualified in self.runners:
            ctx.report("ADV104", node, call=qualified, where="coroutine")
        elif qualified in self.getters:
            ctx.report("ADV105", node)


@register
class DroppedTask(Check):
    """A task nobody keeps: the call on a line of its own (or as the element of a list or set
    comprehension written as a statement), or bound to a local name the
    function (and any function nested in it) never reads again (``task = create_task(...)``
    and nothing else: the name is the only reference, and it dies with the frame), or reads
    only to name it or add a done callback (`_only_task_methods`)."""

    codes: ClassVar[tuple[str, ...]] = ("ADV106",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Expr, ast.Assign, ast.Return)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        self.creators = set(calls["task_creators"])
        self.methods = set(calls["loop_task_methods"])
        self.tails = {n.rpartition(".")[2] for n in self.creators} | self.methods
        self.combinators = frozenset(calls["future_combinators"])
        self.combinator_tails = {n.rpartition(".")[2] for n in self.combinators}
        self.reactors = frozenset(calls["reactor_runs"])
        self.executor_methods = frozenset(calls["executor_futures"])
        self.bound: list[tuple[Frame, str, ast.Call, str]] = []

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        if type(node) is ast.Return:
            self._returned(node)
            return
        if type(node) is ast.Assign:
            assert isinstance(node, ast.Assign)
            target = node.targets[0]
            if (
                len(node.targets) == 1
                and isinstance(target, ast.Name)
                and isinstance(node.value, ast.Call)
                and self.ctx.frame.kind != MODULE
            ):
                shown = self._task(node.value)
                if shown is not None:
                    self.bound.append((self.ctx.frame, target.id, node.value, shown))
            return
        assert isinstance(node, ast.Expr)
        call = node.value
        if isinstance(call, (ast.ListComp, ast.SetComp)):
            # `[asyncio.create_task(m.ack()) for m in msgs]` as a statement: the list is the
            # only reference to every task, and it is thrown away at once (interactEM #61).
            call = call.elt
        if not isinstance(call, ast.Call):
            return
        if call is node.value and self._dropped_future(call):
            return
        shown = self._task(call)
        if shown is not None and not self._at_exit(self.ctx.frame):
            self.ctx.report("ADV106", call, call=shown)

    def _dropped_future(self, call: ast.Call) -> bool:
        """``asyncio.gather(*tasks)`` (or ``asyncio.shield(coro)``) as a statement of its own in
        a coroutine: what it is given runs as tasks, but the one future that joins them is
        thrown away, so nothing waits for them and their exceptions are only logged when the
        future is collected (mmpy-bot's handler tasks). Only the bare statement: a future
        bound to a name, returned or handed on may be awaited later; a plain ``def`` cannot
        await it, and no fix fits one line there. Reported as ADV106 and True; False for any
        other call."""
        if self.ctx.frame.kind != ASYNC:
            return False
        if tail(call.func) in self.executor_methods and self._executor_future(call):
            return True
        if tail(call.func) not in self.combinator_tails and type(call.func) is not ast.Name:
            return False  # a bare name may be an alias (`from asyncio import gather as join`)
        qualified = self.ctx.qualify(call.func)
        if qualified is None or qualified not in self.combinators:
            return False
        self.ctx.report("ADV106", call, call=qualified, how="gathered", where="gathered")
        return True

    def _executor_future(self, call: ast.Call) -> bool:
        """``loop.run_in_executor(pool, f, ...)`` as a statement of its own in a coroutine
        (calls.yaml ``executor_futures``): the function runs in the executor, but the future
        that carries its result and its exception is thrown away, so the coroutine goes on
        before the work is done and an error in it is never raised (pylabrobot#500's USB
        ``write``, whose device write then raced the next command). Only asyncio's method
        with an executor and a function given: a method of that name the scanned file
        defines itself may be anything."""
        func = call.func
        if not isinstance(func, ast.Attribute) or len(call.args) < 2 or self._defines(func.attr):
            return False
        self.ctx.report("ADV106", call, call=source_name(func), how="executor", where="gathered")
        return True

    def _defines(self, name: str) -> bool:
        """Whether the file defines a function or method called *name*."""
        found = self.ctx.memo.get(("defines", name))
        if found is None:
            found = self.ctx.memo[("defines", name)] = any(
                type(n) in (ast.FunctionDef, ast.AsyncFunctionDef) and n.name == name  # type: ignore[attr-defined]
                for n in walk(self.ctx.tree)
            )
        return bool(found)

    def _at_exit(self, frame: Frame) -> bool:
        """A plain function the file registers with `atexit` (``@atexit.register`` or
        ``atexit.register(f)`` at module level): it runs at interpreter exit, when no loop runs
        any more, so a task it creates never runs whether kept or not (bilibili-api's session
        clean-up, ``loop.create_task(clean())`` when the loop is still open). Keeping it
        changes nothing; a task dropped in a signal handler or any other callback is
        reported."""
        function = frame.node
        if frame.kind != SYNC or not isinstance(function, ast.FunctionDef):
            return False
        qualify = self.ctx.qualify
        if any(qualify(d) == "atexit.register" for d in function.decorator_list):
            return True
        return any(
            isinstance(s, ast.Expr)
            and isinstance(s.value, ast.Call)
            and qualify(s.value.func) == "atexit.register"
            and s.value.args
            and isinstance(s.value.args[0], ast.Name)
            and s.value.args[0].id == function.name
            for s in self.ctx.tree.body
        )

    def finish(self) -> None:
        for frame, name, call, shown in self.bound:
            if name in _declared_outside(frame.node):
                continue
            if name in frame.loads and not _only_task_methods(frame.node, name):
                continue
            if frame.kind != ASYNC and _runs_loop_after(
                frame.node, call.lineno, self._reactor_run(frame)
            ):
                continue
            self.ctx.report("ADV106", call, call=shown)

    def _reactor_run(self, frame: Frame) -> Callable[[ast.Call], bool]:
        """Whether a call runs an event loop's reactor on this thread until it stops
        (``calls.yaml`` ``reactor_runs``: Twisted's ``reactor.run()``, which scrapy's
        ``CrawlerProcess`` calls after scheduling its join task), named in *frame*'s scope
        (a function's own ``from twisted.internet import reactor``)."""
        resolver = self.ctx.resolver
        reactors = self.reactors
        return lambda call: resolver.qualify(call.func, frame.scope) in reactors

    def _returned(self, node: ast.Return) -> None:
        """A plain function that returns a task nobody else keeps (aiohomekit's
        ``async_create_task(coro)``: ``task = asyncio.create_task(coro)``, a done callback that
        logs, ``return task``): its qualified name goes into the file's ``facts["tasks"]``, and
        a caller that drops the result drops the task (ADV106 at the caller, decided with
        ADV102's candidates: `await_missing`). A helper that also stores the task (a set, an
        attribute, any other call it is handed to) returns a kept task."""
        ctx = self.ctx
        frame = ctx.frame
        value = node.value
        if frame.kind != SYNC or not isinstance(frame.node, ast.FunctionDef) or value is None:
            return
        if any(
            ctx.qualify(d.func if isinstance(d, ast.Call) else d) not in _TRANSPARENT
            for d in frame.node.decorator_list
        ):
            return  # a decorator may keep the result or turn it into anything
        if isinstance(value, ast.Call):
            returned = self._task(value) is not None
        elif isinstance(value, ast.Name):
            returned = any(
                f is frame and name == value.id for f, name, _call, _shown in self.bound
            ) and _only_returned(frame.node, value.id)
        else:
            returned = False
        if returned:
            tasks = ctx.facts.setdefault("tasks", [])
            if frame.qualname not in tasks:
                tasks.append(frame.qualname)

    def _task(self, call: ast.Call) -> str | None:
        """The call as shown when it certainly creates a task, else None."""
        name = tail(call.func)
        if name not in self.tails:
            return None
        ctx = self.ctx
        qualified = ctx.qualify(call.func)
        if qualified is not None and qualified in self.creators:
            # ensure_future(existing_future) returns that future, no new task: only a call
            # written in place (a coroutine being created) is certainly a task nobody keeps.
            given = call.args[0] if call.args else _keyword(call, "coro_or_future")
            if qualified.endswith("ensure_future") and not isinstance(given, ast.Call):
                return None
            return qualified
        if (
            name in self.methods
            and isinstance(call.func, ast.Attribute)
            and is_loop_like(call.func.value, ctx.qualify(call.func.value))
        ):
            return source_name(call.func)
        return None


#: A loop's own methods that run it on this thread until it stops (``loop.run_forever()``).
_RUNS_LOOP = ("run_forever", "run_until_complete")


def _runs_loop_after(
    function: ast.AST, line: int, reactor_run: Callable[[ast.Call], bool] | None = None
) -> bool:
    """A plain function that, after *line*, runs the loop itself (``_ = loop.create_task(
    broker.start())`` then ``loop.run_forever()``, amqtt's broker script; or a reactor that
    runs it, *reactor_run*: scrapy's ``join_task = loop.create_task(self.join())`` then
    ``reactor.run()``): the frame, and the local that holds the task, live as long as the
    loop runs, so the task is kept for all of it. A function that schedules a task and
    returns leaves it to the garbage collector."""
    return any(
        isinstance(node, ast.Call)
        and node.lineno > line
        and (
            (
                isinstance(node.func, ast.Attribute)
                and node.func.attr in _RUNS_LOOP
                and is_loop_like(node.func.value, None)
            )
            or (reactor_run is not None and reactor_run(node))
        )
        for node in own_nodes(function)
    )


#: What a helper may do with the task it returns and still leave it unkept.
_TASK_METHODS = frozenset({"add_done_callback", "set_name", "get_name"})
_TRANSPARENT = frozenset({"staticmethod", "classmethod", "typing.override"})


def _only_returned(function: ast.FunctionDef, name: str) -> bool:
    """Whether *function* (nested functions included) reads *name* only to return it or to call
    one of `_TASK_METHODS` on it: anything else (``self._tasks.add(task)``, a closure that
    keeps it, ``tasks.append(task)``) keeps the task."""
    allowed: set[int] = set()
    loads: list[ast.Name] = []
    for node in walk(function):
        if (isinstance(node, ast.Return) and isinstance(node.value, ast.Name)) or (
            isinstance(node, ast.Attribute)
            and node.attr in _TASK_METHODS
            and isinstance(node.value, ast.Name)
        ):
            allowed.add(id(node.value))
        elif isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            loads.append(node)
    return all(id(load) in allowed for load in loads)


def _only_task_methods(function: ast.AST, name: str) -> bool:
    """Whether *function* (nested functions included) reads *name* only to call one of
    `_TASK_METHODS` on it (``task.set_name("poll")``, ``task.add_done_callback(log)``): neither
    keeps the task, as for a helper's returned task (`_only_returned`); a done callback lives
    on the task itself."""
    allowed: set[int] = set()
    loads: list[ast.Name] = []
    for node in walk(function):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in _TASK_METHODS
            and isinstance(node.value, ast.Name)
            and node.value.id == name
        ):
            allowed.add(id(node.value))
        elif isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            loads.append(node)
    return bool(loads) and all(id(load) in allowed for load in loads)


def _declared_outside(function: ast.AST) -> set[str]:
    """Names a ``global`` or ``nonlocal`` statement of *function* binds in another scope: a
    task stored there is kept (and read) elsewhere (CPython's test_runners ``lo_task``)."""
    return {
        name
        for node in own_nodes(function)
        if isinstance(node, (ast.Global, ast.Nonlocal))
        for name in node.names
    }


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    """The value *call* passes as keyword *name* (``ensure_future(coro_or_future=...)``)."""
    return next((k.value for k in call.keywords if k.arg == name), None)
