"""ADV109: a thread or process pool created on every call of code that runs per request.

A pool is worth having when it outlives the work it runs: its threads (or processes) are
started once and reused. Built inside a method or a request handler and used for a fixed
handful of ``submit`` calls, it starts fresh workers for every call and tears them down again
(mem0's ``Memory.search``: a ``ThreadPoolExecutor`` per search, two tasks each, threads piling
up under load); built there and never shut down, its workers outlive every call.

Precision over recall, so only code that certainly runs again and again is read: a method of a
class that is not one of its once-in-a-life methods (`__init__`, `start`, `close`, ...), a
coroutine, and a function behind a web framework's route decorator. Not flagged: module level,
``main()`` and other plain functions (a batch job's pool), a command-line program's and test
code (one job per run), a coroutine that holds a terminal dialog (`checks.prompts`: a loop
asking ``input()`` at every turn, meross-iot's interactive sniffer: it runs at the pace of the
one person at the keyboard, once per run), a pool that leaves the function (stored on ``self``, returned, handed
to a call), and a pool whose work is a batch (``map``, or ``submit`` in a loop or a
comprehension: the pool's cost is spread over the batch).
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import source_name, tail
from advisor.lint.checks.base import ASYNC, SYNC, Check, FileContext, register
from advisor.lint.checks.code_kinds import migration_code, one_shot_kind
from advisor.lint.checks.helpers import own_nodes, repeating_nodes
from advisor.lint.checks.prompts import prompt_spans
from advisor.lint.statements import walk

_SUBMITS = frozenset({"submit", "apply_async", "apply"})
_BATCHES = frozenset({"map", "imap", "imap_unordered", "starmap", "map_async", "starmap_async"})
_SHUTS = frozenset({"shutdown", "close", "terminate", "__exit__"})
_LOOPS = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp,
          ast.GeneratorExp)  # fmt: skip


@register
class PoolPerCall(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV109",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        self.calls = calls
        self.pools = set(calls["per_call_pools"])
        self.tails = {name.rpartition(".")[2] for name in self.pools}
        self.once = set(calls["once_methods"])
        self.routes = set(calls["route_decorators"])
        self.waiting = set(calls["pools_waiting_at_shutdown"])
        #: the waiting pools whose workers are processes: started per call and joined at the
        #: block's end on the loop even when a batch was gathered first (osparc-simcore#2397)
        self.processes = self.waiting & set(calls["process_pools"])

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        frame = ctx.frame
        if frame.kind not in (SYNC, ASYNC) or ctx.main_guard:
            return
        if tail(node.func) not in self.tails or ctx.qualify(node.func) not in self.pools:
            return
        function = frame.node
        assert isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
        if not self._per_call(function) or one_shot_kind(ctx, function, self.calls):
            return
        if migration_code(ctx, function, self.calls):
            return  # schema set-up runs once, before the program serves (`create_table`)
        if prompt_spans(ctx, function):
            return  # a terminal dialog (`checks.prompts`): one person's pace, one run
        entered = (
            frame.kind == ASYNC
            and ctx.qualify(node.func) in self.processes
            and _entered(function, node)
        )
        how = _use(function, node, batch_too=entered)
        if how is None:
            return
        params = {"call": source_name(node.func), "function": function.name, "how": how}
        if (
            how == "per-call"
            and frame.kind == ASYNC
            and ctx.qualify(node.func) in self.waiting
            and _waits_at_shutdown(function, node)
        ):
            # review 23, #17: in a coroutine the pool's shutdown waits on the loop's thread
            params.update(how="stalls", where="loop")
        ctx.report("ADV109", node, **params)

    def _per_call(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        """Whether *function* runs again and again in a long-lived program."""
        if function.name in self.once:
            return False
        if isinstance(function, ast.AsyncFunctionDef):
            return True
        parent = self.ctx.scope.parent
        if parent is not None and parent.is_class:
            plain = not any(
                isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod")
                for d in function.decorator_list
            )
            return plain and bool(function.args.posonlyargs or function.args.args)
        return any(
            isinstance(d, ast.Call)
            and isinstance(d.func, ast.Attribute)
            and d.func.attr in self.routes
            for d in function.decorator_list
        )


def _use(function: ast.AST, call: ast.Call, batch_too: bool = False) -> str | None:
    """``"per-call"`` when the pool *call* creates lives in a local, is shut down and runs a
    fixed number of submitted tasks; ``"leaked"`` when it is never shut down; None when it
    leaves the function or runs a batch (with *batch_too*, a batch is per call too: a process
    pool's `with` block in a coroutine, whose end joins its processes on the loop whatever it
    ran). A loop around the pool's own `with` block makes no batch of the calls inside (a pool
    per row of a query is a pool per call); a call in a function nested in this one may run any
    number of times (a batch).

    The pool handed to ``loop.run_in_executor`` as its executor is used there, not handed
    on: the call keeps it only until the future is done (osparc-simcore#2397's
    ``with ThreadPoolExecutor() as pool: await loop.run_in_executor(pool, f, row)``)."""
    name: str | None = None
    managed = False
    for node in own_nodes(function):
        kind = type(node)
        if kind is ast.With or kind is ast.AsyncWith:
            for item in node.items:  # type: ignore[attr-defined]
                if item.context_expr is call and isinstance(item.optional_vars, ast.Name):
                    name, managed = item.optional_vars.id, True
        elif kind is ast.Assign:
            targets = node.targets  # type: ignore[attr-defined]
            if node.value is call and len(targets) == 1 and isinstance(targets[0], ast.Name):  # type: ignore[attr-defined]
                name = targets[0].id
        elif (
            kind is ast.Call
            and tail(node.func) == "run_in_executor"  # type: ignore[attr-defined]
            and node.args  # type: ignore[attr-defined]
            and node.args[0] is call  # type: ignore[attr-defined]
        ):
            return "leaked"  # `loop.run_in_executor(ThreadPoolExecutor(), f)`
    if name is None:
        return None
    block = next(
        (
            node
            for node in own_nodes(function)
            if type(node) is ast.With and any(i.context_expr is call for i in node.items)
        ),
        None,
    )
    within = {id(n) for n in walk(block)} if block is not None else None
    looped: set[int] = set()
    for node in own_nodes(function):
        if isinstance(node, _LOOPS) and (within is None or id(node) in within):
            inside = (
                repeating_nodes(node)
                if isinstance(node, (ast.For, ast.AsyncFor, ast.While))
                else walk(node)
            )
            looped.update(id(inner) for inner in inside if inner is not node)
    methods: list[ast.Attribute] = []
    for node in walk(function):
        if isinstance(node, ast.Attribute) and _is_name(node.value, name):
            methods.append(node)
    loads = [
        node
        for node in walk(function)
        if isinstance(node, ast.Name) and node.id == name and type(node.ctx) is ast.Load
    ]
    own = {id(node) for node in own_nodes(function)}
    executing = [
        node
        for node in walk(function)
        if isinstance(node, ast.Call)
        and tail(node.func) == "run_in_executor"
        and node.args
        and _is_name(node.args[0], name)
    ]
    bare = len(loads)
    if bare != len(methods) + len(executing):
        return None  # handed on, returned, stored: it may live longer than this call
    used = {method.attr for method in methods}
    if not managed and not used & _SHUTS:
        return "leaked"
    if batch_too and managed:
        return "per-call"
    submits = [method for method in methods if method.attr in _SUBMITS] + executing
    looped.update(id(m) for m in submits if id(m) not in own)  # in a nested function
    if used & _BATCHES or not submits or any(id(m) in looped for m in submits):
        return None
    return "per-call"


def _entered(function: ast.AST, call: ast.Call) -> bool:
    """Whether *call* is the context expression of a plain ``with`` of *function*'s own."""
    return any(
        isinstance(node, ast.With) and any(item.context_expr is call for item in node.items)
        for node in own_nodes(function)
    )


def _waits_at_shutdown(function: ast.AST, call: ast.Call) -> bool:
    """Whether the pool *call* creates is shut down in *function* in a way that waits for its
    tasks: the end of a plain ``with`` block, or ``shutdown()`` without ``wait=False``. In a
    coroutine that wait holds the event loop's thread, so every other task stops until the
    pool's tasks are done (red's audio cog: ``with ThreadPoolExecutor(max_workers=1)`` in
    ``async def clean_up_old_entries``)."""
    name: str | None = None
    for node in own_nodes(function):
        if isinstance(node, ast.With):
            if any(item.context_expr is call for item in node.items):
                return True
        elif isinstance(node, ast.Assign) and node.value is call:
            target = node.targets[0]
            name = target.id if isinstance(target, ast.Name) else None
    if name is None:
        return False
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "shutdown"
        and _is_name(node.func.value, name)
        and not any(
            k.arg == "wait" and isinstance(k.value, ast.Constant) and not k.value.value
            for k in node.keywords
        )
        and not (node.args and isinstance(node.args[0], ast.Constant) and not node.args[0].value)
        for node in own_nodes(function)
    )


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name
