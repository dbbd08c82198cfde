"""ADV101: a blocking call inside `async def`, looked up in the data table ``blocking.yaml``.

Only calls whose nearest enclosing function is an `async def` count (a plain `def` or a lambda
nested in it may well run in a thread), and an awaited call is never a blocking call. A blocking
function passed by reference (``asyncio.to_thread(time.sleep, 1)``) is not a call, so it is
never seen here.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.bindings import Scope
from advisor.lint.callees import bound_blocking, source_name, tail

# Imported for its registration too: `sequential.ProgramShape` must see each node before
# `BlockingCall` does (it notes the functions `in_region` reads, and `runs_concurrently`).
from advisor.lint.checks import sequential  # noqa: F401
from advisor.lint.checks.base import ASYNC, Check, FileContext, register
from advisor.lint.checks.code_kinds import (
    before_serving,
    one_shot_kind,
    one_shot_quiet,
    startup_code,
)
from advisor.lint.checks.executors import Executors
from advisor.lint.checks.exits import exiting_spans
from advisor.lint.checks.handle_state import state_shown
from advisor.lint.checks.harmless import unless_applies
from advisor.lint.checks.helpers import (
    before_first_await,
    class_members,
    in_spans,
    own_nodes,
    serving_loops,
)
from advisor.lint.checks.loop_decorators import loop_decorator
from advisor.lint.checks.offload_results import offload_fix
from advisor.lint.checks.once_guards import once_guarded
from advisor.lint.checks.sequential_shape import in_region

_OPENED = ("open().", "io.open().", "builtins.open().")


def _unbounded(value: ast.expr) -> bool:
    """``Queue()``, ``Queue(0)``, ``Queue(maxsize=0)``: a queue without a bound, whose
    ``put()`` never waits."""
    if not isinstance(value, ast.Call):
        return False
    given = [*value.args, *(k.value for k in value.keywords if k.arg == "maxsize")]
    if len(value.args) + len(value.keywords) != len(given):
        return False
    return all(isinstance(a, ast.Constant) and a.value in (0, None) for a in given)


def _set_non_blocking(function: ast.AST) -> dict[str, Any]:
    """Where *function* sets a socket non-blocking: the local names (anywhere in its body),
    the attribute receivers (``ast.dump`` and position), and the positions of what may undo
    an attribute's: a store to an attribute (by its dump) and every ``await``."""
    names: set[str] = set()
    attributes: list[tuple[str, tuple[int, int]]] = []
    changes: list[tuple[str, tuple[int, int]]] = []
    for node in own_nodes(function):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("setblocking", "settimeout")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value in (False, 0)
        ):
            receiver = node.func.value
            if isinstance(receiver, ast.Name):
                names.add(receiver.id)
            elif isinstance(receiver, ast.Attribute):
                attributes.append((ast.dump(receiver), (node.lineno, node.col_offset)))
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            store = ast.Attribute(value=node.value, attr=node.attr, ctx=ast.Load())
            changes.append((ast.dump(store), (node.lineno, node.col_offset)))
        elif isinstance(node, (ast.Await, ast.AsyncFor, ast.AsyncWith)):
            changes.append(("await", (node.lineno, node.col_offset)))
    return {"names": names, "attributes": attributes, "changes": changes}


def _named_host(node: ast.Call) -> bool:
    """``connect(("example.com", 80))``, ``sendto(data, ("example.com", 53))``: the socket
    module resolves a host name written there with a blocking DNS query before the socket's
    own non-blocking call, whatever the socket's mode."""
    import ipaddress

    name = tail(node.func)
    if name in ("connect", "connect_ex"):
        address = node.args[0] if node.args else None
    elif name == "sendto":
        address = node.args[-1] if len(node.args) >= 2 else None
    else:
        return False
    if not (isinstance(address, ast.Tuple) and address.elts):
        return False
    host = address.elts[0]
    if not (isinstance(host, ast.Constant) and isinstance(host.value, str) and host.value):
        return False
    try:
        ipaddress.ip_address(host.value)
    except ValueError:
        return True
    return False


@register
class BlockingCall(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call, ast.With)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.table: dict[str, Any] = data["blocking"]["calls"]
        self.locks = {f"{name}()" for name in data["calls"]["thread_locks"]}
        self.context_managers = frozenset(data["calls"]["context_managers"])
        self.tails = data["_tails"]["blocking"]
        self.callables: frozenset[str] = data["_tails"]["callables"]
        calls = data["calls"]
        self.runners = set(calls["program_runners"])
        self.runner_tails = {n.rpartition(".")[2] for n in self.runners} | set(
            calls["loop_run_methods"]
        )
        self.setup_fixes = frozenset(calls["setup_fixes"])
        #: decorators that make a plain `def` a coroutine the loop runs (`loop_decorators`)
        self.loop_decorators = frozenset(calls["loop_coroutine_decorators"])
        self.calls = calls
        self.found: list[tuple[Any, ast.Call, str, str]] = []
        self.said: dict[int, str] = {}  # a fix said other than the table's (`offload_results`)
        self.executors = Executors(calls)
        self.started: list[ast.AST] = []

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        if type(node) is ast.With:
            self._held_across_await(node)
            return
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        func = node.func
        name = tail(func)
        if name in self.runner_tails and node.args:
            self._runs(node, name)
        if type(parent) is ast.Await or (
            ctx.frame.kind != ASYNC and loop_decorator(ctx, ctx.frame, self.loop_decorators) is None
        ):
            return
        if name not in self.tails and not (
            type(func) is ast.Name
            and bound_blocking(ctx.resolver.lookup(func.id, ctx.scope), self.tails, self.callables)
        ):
            return
        qualified = ctx.qualify(node.func)
        if qualified is None:
            return
        entry = self.table.get(qualified)
        if entry is None and node.args and "(" not in qualified:
            # `Path.open(path)`: an instance method called on its class, the instance first,
            # runs what `path.open()` runs (chirp#12's `Path.open(str(module_dir) + "/x.json")`)
            owner, _, method = qualified.rpartition(".")
            if owner.rpartition(".")[2][:1].isupper():
                entry = self.table.get(f"{owner}().{method}")
        if entry is None:
            return
        if unless_applies(node, entry.get("unless"), ctx):
            return
        if state_shown(ctx, node, qualified, self.table):
            return
        if (
            qualified.startswith("socket.")
            and "()." in qualified
            and self._non_blocking(node)
            and not _named_host(node)
        ):
            return
        if qualified.startswith(_OPENED) and self._opened_here(func):
            return
        if entry["fix"] == "lock" and self._fresh_lock(func):
            return
        if entry["fix"] == "queue" and self._queue_ready(func):
            return
        shown = qualified if "()" not in qualified else source_name(node.func)
        self.said.update(offload_fix(node, parent, ctx, self.executors))  # `to_thread(f(...))`
        self.found.append((ctx.frame, node, shown, str(entry["fix"])))

    def finish(self) -> None:
        """Report, except where the call cannot stall anyone (the rule's doc): before the first
        ``await`` of the coroutine a runner starts as the whole program, and local I/O in a
        resource's setup or teardown, local I/O in test code, and in a command-line program's own
        code all but waits on threads and a nested run (`one_shot_quiet`).

        What the rest of the scan may still make quiet (a coroutine only start-up code or a
        command-line program calls, `checks.once`) is noted as ``deferred``: the call's line,
        name, fix and coroutine, marked when inside a loop that serves (`helpers.serving_loops`),
        where only the point verdict (`checks.sequential`) can make it quiet."""
        roots = {id(f) for f in self.started if isinstance(f, ast.AsyncFunctionDef)}
        self.ctx.memo["root_coroutines"] = roots
        deferred: list[list[Any]] = []
        loud = self.calls["cli_loud_fixes"]
        for frame, node, shown, fix in self.found:
            if id(frame.node) in roots and before_first_await(
                self.ctx, frame.node, node.lineno, node.col_offset
            ):
                continue
            if fix in self.setup_fixes and (
                startup_code(self.ctx, frame.node, self.calls)
                or before_serving(self.ctx, frame.node, node.lineno, self.calls)
            ):
                continue
            beside = in_region(self.ctx, frame.node, node.lineno, self.calls)
            kind = one_shot_kind(self.ctx, frame.node, self.calls)
            if beside and kind == "cli":
                kind = None  # beside a task group's tasks (`checks.sequential`)
            if kind is None and in_spans(node.lineno, exiting_spans(self.ctx, frame.node)):
                kind = "cli"  # a branch that ends the program (`checks.exits`)
            if one_shot_quiet(kind, fix, self.calls):
                continue
            params = {"call": shown, "fix": self.said.get(id(node), fix)}
            decorator = loop_decorator(self.ctx, frame, self.loop_decorators)
            if decorator is not None:  # a plain `def` the decorator makes a coroutine
                params.update(where="decorated", decorator=decorator)
            self.ctx.report("ADV101", node, **params)
            if fix not in loud and not beside:
                entry: list[Any] = [node.lineno, shown, fix, frame.qualname]
                guarded = id(node) in once_guarded(self.ctx, frame.node)
                if in_spans(node.lineno, serving_loops(self.ctx, frame.node)):
                    # in a loop that serves: only the point verdict (`checks.sequential`)
                    entry.extend((int(guarded), 1))
                elif guarded:
                    entry.append(1)  # behind a one-time guard (`checks.once`)
                deferred.append(entry)
        if deferred:
            self.ctx.memo.setdefault("deferred", []).extend(deferred)  # tls_connect too

    def _held_across_await(self, node: ast.With) -> None:
        """``with self._lock:`` (a `threading` lock) around an ``await`` in a coroutine: the
        task suspends holding the lock; the next task that enters blocks the loop's thread on
        it, so the holder never resumes to release it. Without an ``await`` inside, the lock
        is held for a moment between suspensions and nothing else on the loop can want it:
        not reported (see the rule's doc)."""
        ctx = self.ctx
        if ctx.frame.kind != ASYNC:
            return
        for item in node.items:
            expr = item.context_expr
            if type(expr) in (ast.Name, ast.Attribute):
                if ctx.qualify(expr) not in self.locks:
                    continue
                shown = f"with {source_name(expr)}"
            elif type(expr) is ast.Call:
                held = self._context_lock(expr)
                if held is not None:
                    shown = f"with {source_name(expr.func)}() -> with {held}"
                elif self._passed_lock(expr):
                    shown = f"with {source_name(expr.func)}({source_name(expr.args[0])})"
                else:
                    continue
            else:
                continue
            if any(type(n) is ast.Await for n in own_nodes(node)):
                self.found.append((ctx.frame, node, shown, "lock_await"))  # type: ignore[arg-type]
            return

    def _context_lock(self, expr: ast.Call) -> str | None:
        """``with self.locked():`` where ``locked`` is a ``@contextmanager`` method of the same
        class that yields inside ``with self._lock:`` (a `threading` lock): the caller's block
        runs holding that lock, as if it wrote the ``with`` itself. The lock as written there,
        or None. Only the class's own method (what ``self.`` names for certain) is read."""
        frame = self.ctx.frame
        func = expr.func
        if (
            frame.cls is None
            or expr.args
            or expr.keywords
            or type(func) is not ast.Attribute
            or type(func.value) is not ast.Name
            or func.value.id != frame.self_name
        ):
            return None
        cls = frame.cls[1]
        method = None
        for statement in class_members(self.ctx, cls).get(func.attr, ()):
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                method = statement  # the last definition wins, as at run time
        if type(method) is not ast.FunctionDef:
            return None
        outer: Scope | None = self.ctx.scope
        while outer is not None and outer.node is not cls:
            outer = outer.parent
        if outer is None:
            return None
        resolver = self.ctx.resolver
        if not any(
            resolver.qualify(d, outer) in self.context_managers for d in method.decorator_list
        ):
            return None
        inner = Scope(method, outer, f"{outer.qualname}.{method.name}")
        for node in own_nodes(method):
            if type(node) is not ast.With:
                continue
            if not any(type(n) in (ast.Yield, ast.YieldFrom) for n in own_nodes(node)):
                continue
            for item in node.items:
                held = item.context_expr
                if type(held) in (ast.Name, ast.Attribute) and (
                    resolver.qualify(held, inner) in self.locks
                ):
                    return source_name(held)
        return None

    def _passed_lock(self, expr: ast.Call) -> bool:
        """``with CrossSync.rm_aio(self._lock):``: a helper whose one argument is a `threading`
        lock, entered as the context manager. A helper that returns what it is given (a
        code-generation marker, a type cast) leaves the lock itself entered: held across an
        ``await`` like ``with self._lock:``. Not when the helper is known to return something
        else: `contextlib`'s (``nullcontext(lock)`` never acquires it) or a def of this file
        with a ``return`` of anything but its parameter, or none (python-spanner#1520)."""
        if len(expr.args) != 1 or expr.keywords:
            return False
        arg = expr.args[0]
        ctx = self.ctx
        if type(arg) not in (ast.Name, ast.Attribute) or ctx.qualify(arg) not in self.locks:
            return False
        helper = ctx.qualify(expr.func)
        if helper is not None and helper.partition(".")[0] in self.calls["wrapper_modules"]:
            return False
        if type(expr.func) is not ast.Name:
            return True
        binding = ctx.resolver.lookup(expr.func.id, ctx.scope)
        if binding is None or binding.kind != "def":
            return binding is None or binding.kind == "import"
        node = binding.node
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            return False
        param = node.args.args[0].arg
        returns = [n for n in own_nodes(node) if type(n) is ast.Return]
        return bool(returns) and all(
            type(r.value) is ast.Name and r.value.id == param for r in returns
        )

    def _runs(self, node: ast.Call, name: str | None) -> None:
        """``asyncio.run(main())``, ``anyio.run(main)``, ``loop.run_until_complete(main())``:
        note the coroutine function a runner starts."""
        arg = node.args[0]
        target = arg.func if isinstance(arg, ast.Call) else arg
        if not isinstance(target, ast.Name):
            return
        if name == "run_until_complete" or self.ctx.qualify(node.func) in self.runners:
            binding = self.ctx.resolver.lookup(target.id, self.ctx.scope)
            if binding is not None and binding.kind == "def" and binding.node is not None:
                self.started.append(binding.node)

    def _queue_ready(self, func: ast.expr) -> bool:
        """A `queue.Queue` call that cannot wait: ``put()`` on a queue every construction of
        which has no bound (``Queue()``, ``maxsize=0``: aiortc's decoder queue, litestar's
        test session), and ``get()`` the coroutine guards with the same queue's ``empty()``
        (inside ``while not q.empty():`` or ``if not q.empty():``, or after
        ``while q.empty(): await sleep(0)``: pyatv's set-up queue, which only it consumes)."""
        if not isinstance(func, ast.Attribute):
            return False
        receiver = func.value
        if func.attr == "put":
            values = self.ctx.resolver.assigned(receiver, self.ctx.scope)
            return bool(values) and all(_unbounded(value) for value in values or ())
        if func.attr != "get":
            return False
        shown = ast.dump(receiver)
        line = func.lineno
        for node in own_nodes(self.ctx.frame.node):
            if not isinstance(node, (ast.While, ast.If)):
                continue
            test = node.test
            negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
            probe = test.operand if isinstance(test, ast.UnaryOp) else test
            if not (
                isinstance(probe, ast.Call)
                and isinstance(probe.func, ast.Attribute)
                and probe.func.attr == "empty"
                and ast.dump(probe.func.value) == shown
            ):
                continue
            body = (node.body[0].lineno, node.body[-1].end_lineno or node.body[-1].lineno)
            if negated and body[0] <= line <= body[1]:
                return True
            if not negated and isinstance(node, ast.While) and (node.end_lineno or 0) < line:
                return True
        return False

    def _fresh_lock(self, func: ast.expr) -> bool:
        """``lock = threading.Lock()`` in this function and ``lock.acquire()`` its first use:
        nobody else can hold a lock nobody else has seen, so the acquire returns at once."""
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            return False
        name = func.value.id
        binding = self.ctx.resolver.bindings(self.ctx.scope).get(name)
        if binding is None or binding.kind != "value" or binding.node is None:
            return False
        created = getattr(binding.node, "lineno", 0)
        first = min(
            (
                (node.lineno, node.col_offset)
                for node in own_nodes(self.ctx.frame.node)
                if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)
            ),
            default=None,
        )
        return (
            first is not None
            and created <= first[0]
            and first
            == (
                func.value.lineno,
                func.value.col_offset,
            )
        )

    def _opened_here(self, func: ast.expr) -> bool:
        """``f.read()`` where ``f`` was opened in this very function: the ``open()`` is the
        finding already; one handle opened elsewhere (a global log file) is its own."""
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            return False
        scope = self.ctx.scope
        return func.value.id in self.ctx.resolver.bindings(scope)

    def _non_blocking(self, node: ast.Call) -> bool:
        """``sock.setblocking(False)`` (or ``settimeout(0)``) in this function: then ``connect``
        and ``recv`` raise BlockingIOError instead of waiting (anyio's connect_unix). A socket
        kept on an object (``self.socket``, discord-py-interactions' voice gateway) must be
        set so earlier in the function, with neither a new value for that attribute nor an
        ``await`` (another task may replace it) between that line and this call."""
        func = node.func
        if not isinstance(func, ast.Attribute):
            return False
        receiver = func.value
        if not isinstance(receiver, (ast.Name, ast.Attribute)):
            return False
        frame = self.ctx.frame
        key = ("non_blocking", id(frame.node))
        found = self.ctx.memo.get(key)
        if found is None:
            found = self.ctx.memo[key] = _set_non_blocking(frame.node)
        if isinstance(receiver, ast.Name):
            return receiver.id in found["names"]
        shown = ast.dump(receiver)
        line = (node.lineno, node.col_offset)
        since = [where for name, where in found["attributes"] if name == shown and where < line]
        if not since:
            return False
        start = max(since)
        return not any(
            start < where < line and name in (shown, "await") for name, where in found["changes"]
        )
