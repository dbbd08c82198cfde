"""ADV102: a coroutine function called without `await`.

Whether a callee is a coroutine function is often decided in another file, so this family works
in two steps. While a file is walked it records *facts* (the coroutine functions and classes the
file defines) and *candidates* (calls whose result is discarded, assigned and never read, or
tested as a condition, with the callee's qualified name). `resolve` then matches the candidates of
every file against the facts of every file and asyncio's own coroutines. Per-file results depend
on the file alone, so they can be cached by content; only the cheap matching runs every time.

An `async def` counts as a coroutine function only when calling it certainly returns a
coroutine: no `yield` (that makes an async generator) and no decorator outside a short list of
transparent ones (a decorator may turn it into anything).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TypeGuard

from advisor.lint.callees import full_name, source_name, tail
from advisor.lint.checks.await_attribute import stored_unawaited
from advisor.lint.checks.await_callbacks import Callers
from advisor.lint.checks.await_missing_across import (
    _DROPPED,
    CORO,
    OTHER,
    SYNC,
    _abstract,
    _base_method_kind,
    _mark_implementation,
    _method_kind,
)
from advisor.lint.checks.await_missing_targets import _FOREIGN, Targets, _is_name
from advisor.lint.checks.await_missing_uses import (
    _LITERALS,
    _awaited_elsewhere,
    _constant_compared,
    _joins_values,
    _kept_items,
    _literal_items,
    _misused,
    _route,
)
from advisor.lint.checks.await_overrides import candidates as override_candidates
from advisor.lint.checks.await_overrides import dropped_calls
from advisor.lint.checks.await_queued import (
    PLAIN,
    PUTS,
    Queues,
    file_queues,
    queue_key,
    queue_puts,
)
from advisor.lint.checks.await_reused import held_across, rebound_unawaited, reused
from advisor.lint.checks.await_waited import WAITS, imported_roots, waited_calls
from advisor.lint.checks.base import ASYNC, MODULE, Check, FileContext, Frame, register
from advisor.lint.checks.helpers import own_nodes
from advisor.lint.checks.library_bases import library_coroutine_name, unsubscripted
from advisor.lint.checks.once_guards import none_compared
from advisor.lint.checks.receivers import (
    factory_returns,
)

# Builtins that look at a value and hand nothing on: a coroutine object given to one is
# inspected, never awaited (`hasattr(probe(), "__await__")`); `bool()` is a truth test.
_INSPECTORS = frozenset({"bool", "hasattr", "getattr", "isinstance", "callable"})


@register
class MissingAwait(Targets, Check):
    """The walk's side of ADV102: it records each file's facts and candidates (`finish`);
    which coroutine function a call names is `await_missing_targets`, what the code does
    with a coroutine object is `await_missing_uses`, and the join after the scan is
    `await_missing_across`."""

    codes: ClassVar[tuple[str, ...]] = ("ADV102",)

    node_types: ClassVar[tuple[type[ast.AST], ...]] = (
        ast.Expr,
        ast.Assign,
        ast.If,
        ast.While,
        ast.IfExp,
        ast.Assert,
        ast.comprehension,
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.With,
        ast.AsyncWith,
        ast.Return,
        ast.Call,
        ast.FormattedValue,
    )

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.transparent = set(data["calls"]["transparent_decorators"])
        # Calls that hand a function to a thread or pool (`checks.executors`): given a
        # coroutine function, the thread only creates the coroutine object, un-run.
        self.executors = Callers(data["calls"])  # and callback callers: `await_callbacks`
        self.wrappers = frozenset(n for n in data["calls"]["asyncio_coroutines"] if n[-2:] == "()")
        self.coroutined: set[int] = set()  # plain defs a wrapper decorates (`_wrapped`)
        self.routes = frozenset(data["calls"]["route_decorators"])
        calls = data["calls"]
        self.joins = frozenset(
            (*calls["concurrent_joins"], *calls["task_waits"], *calls["task_spawners"])
        )
        self.joined: dict[tuple[int, str], bool] = {}
        self.pending: list[tuple[Frame, str, list[Any]]] = []
        # `info["x"] = check()` into a local mapping: kept until the file is read, then
        # dropped when the function returns that mapping and is a callback (`_callback_results`)
        self.items: list[tuple[Frame, str, list[Any]]] = []
        self.siblings: list[ast.Call] = []  # `_awaited_elsewhere`
        self.rebound: list[ast.Call] = []  # `await_reused.rebound_unawaited`
        self.queues: Queues | None = None  # the file's queues, read at its first `put` (`_queued`)
        self.dropped: set[int] = set()  # calls seen as statements (dead branches are not)
        self.spawners = frozenset(data["calls"]["task_spawners"])  # a dropped task: ADV106
        # `json.dumps(fetch())`, `print(x)`: what a serialiser is handed is written out as it is
        self.serialisers = frozenset(data["calls"]["value_serialisers"])
        self.serialiser_tails = frozenset(name.rpartition(".")[2] for name in self.serialisers)
        self.serialiser_tails |= _renamed(ctx.tree, self.serialisers)  # `print as rprint`
        # per function: names handed to a serialiser or stored as a record's field
        # (`msg["fieldNames"] = field_names`): a coroutine there is used as if it were the result
        self.as_values: set[tuple[int, str]] = set()
        self.named: dict[int, set[str]] = {}  # per frame: nested defs and call-assigned names
        # per frame: `check = allow`, a local bound once to a function (None: bound again)
        self.aliases: dict[tuple[int, str], ast.expr | None] = {}
        self.defined: list[
            tuple[ast.FunctionDef | ast.AsyncFunctionDef, str | None, str, bool]
        ] = []

    def finish(self) -> None:
        """Decide what this file alone can decide; keep the rest for `resolve`.

        Assigned coroutines are known unused only once the whole function has been read.
        Calls to functions and methods of this file are settled here, so the cached per-file
        result carries only the candidates that depend on other files.
        """
        ctx = self.ctx
        self._record_definitions()
        ctx.candidates.extend(_kept_items(ctx.tree, self.items))
        records = ctx.candidates + [r for frame, name, r in self.pending if name not in frame.loads]
        facts = ctx.facts
        local_sync = f"q:{ctx.module}."
        returns = facts.get("returns", {})
        local_coros = {f"q:{name}" for name in facts["coros"]}
        wanted: dict[int, set[str]] = {}
        for frame, name, record in self.pending:
            target = record[3]
            if name in frame.loads and not (
                # a plain function of this very file: it returns its result, nothing to check
                # (a method of the object a call returns, `get_mound().get_stats`, may be one)
                target.startswith(local_sync)
                and target not in local_coros
                and "()." not in target
                and not _local_method(facts["classes"], target[2:])
            ):
                wanted.setdefault(id(frame.node), set()).add(name)
        misused: dict[int, set[str]] = {}
        spent_at: dict[int, dict[str, tuple[int, int]]] = {}
        for frame, name, record in self.pending:
            key = id(frame.node)
            if name in wanted.get(key, ()):
                if key not in misused:
                    misused[key] = _misused(frame.node, wanted[key], self.routes)
                if name in misused[key] or (
                    (key, name) in self.as_values and not _awaited_name(frame.node, name)
                ):
                    records.append([*record[:2], "used", *record[3:]])
                elif name in (spent := reused(frame.node, wanted[key], spent_at, key)):
                    records.append([*spent[name], "reused", *record[3:5], "spent"])
                elif frame.kind == ASYNC and held_across(frame.node, name, record[0]):
                    # awaited only after another await: never awaited if that one raises
                    records.append([*record[:2], "held", *record[3:5], "held"])
        records.sort(key=lambda r: (r[0], r[1]))
        local = {f"q:{name}" for name in facts["coros"]}
        classes = facts["classes"]
        # `self.m()` thrown away where `m` is plain: a subclass's `async def m` drops it
        # (`await_overrides`), and this file's coroutine methods that may override one
        dropped = dropped_calls(
            records, lambda c, m: _method_kind(classes, c, m, set()), ctx.frame_of.values()
        )
        if dropped:
            facts["sd"] = dropped
        overrides = override_candidates(self.defined, classes, _FOREIGN)
        prefix = f"q:{ctx.module}."
        kept: list[list[Any]] = []
        for record in records:
            line, col, how, target, func, where = record
            if target.startswith("s:"):
                _, cls, method = target.split(":", 2)
                kind = _method_kind(classes, cls, method, set())
                if kind is None and not _open_bases(classes, cls, set()):
                    continue  # every base is known or foreign: the method is not a coroutine
            elif target.startswith("b:"):
                _, cls, method = target.split(":", 2)
                kind = _base_method_kind(classes, cls, method)
                if kind is None and not _open_bases(classes, cls, set()):
                    continue
            elif "()." in target:
                cls, _, method = target[2:].rpartition("().")
                cls = returns.get(cls, cls)  # `get_mound()` annotated `-> Mound`
                if "()" in cls:
                    if cls.endswith(")") or "(" in cls.partition("().")[2]:
                        continue
                    kept.append(record)  # `State().http`: a property of another module
                    continue
                kind = _method_kind(classes, cls, method, set())
                if kind is None and not _open_bases(classes, cls, set()):
                    continue
            elif target.startswith("k:"):
                kind = CORO  # annotated `Callable[..., Awaitable[T]]` (`await_callables`)
            elif target.startswith(prefix) or target in local:
                kind = CORO if target in local or _local_method(classes, target[2:]) else SYNC
            else:
                kept.append(record)
                continue
            if kind == SYNC and how in _DROPPED and _task_helper(target, facts.get("tasks", ())):
                ctx.findings.append([line, col, "ADV106", {"call": source_name(func)}])
                continue
            if kind == CORO and _abstract(classes, target):
                kept.append(record)  # other files' subclasses may all yield (`resolve`)
            elif kind == CORO:
                params = {"call": source_name(func), "how": how, "where": where}
                ctx.findings.append([line, col, "ADV102", params])
            elif kind is None:
                kept.append(record)
        reported = {(f[0], f[1]) for f in ctx.findings if f[2] == "ADV102"}
        for call in self.siblings:
            line, col = call.lineno, call.col_offset + 1
            callee = tail(call.func)
            if (
                id(call) not in self.dropped
                or callee in self.spawners
                or callee in self.executors.runs_anyway
            ):
                continue  # a task or an executor's future runs whether awaited or not
            if (line, col) not in reported:
                reported.add((line, col))
                params = {"call": source_name(call.func), "how": "discarded", "where": "async"}
                ctx.findings.append([line, col, "ADV102", params])
        for call in self.rebound:
            line, col = call.lineno, call.col_offset + 1
            callee = tail(call.func)
            if (
                (line, col) in reported
                or callee in self.spawners
                or callee in self.executors.runs_anyway
            ):
                continue
            reported.add((line, col))
            params = {"call": source_name(call.func), "how": "used", "where": "async"}
            ctx.findings.append([line, col, "ADV102", params])
        kept = [r for r in kept if (r[0], r[1]) not in reported]
        for record in kept:
            record[4] = source_name(record[4])  # JSON-able: the callee as written
        ctx.candidates[:] = kept + overrides  # an override's `shown` is written already
        # Every class's short name, kept or not: a parameter is known by its name only when
        # one class of the whole scan has it (`_by_parameter`).
        if classes:
            facts["class_names"] = sorted(n.rpartition(".")[2].lower() for n in classes)
        # Other files only need classes that have coroutine methods or may inherit some.
        calling = {d[0] for d in dropped}  # a base calling its plain method bare: kept
        for name in [
            n for n, e in classes.items() if not _worth_keeping(classes, n, e) and n not in calling
        ]:
            del classes[name]

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        kind = type(node)
        if kind is ast.Expr:
            value = node.value  # type: ignore[attr-defined]
            if type(value) is ast.Call:
                self.dropped.add(id(value))
                self._candidate(value, "discarded")
        elif kind is ast.Call:
            assert isinstance(node, ast.Call)
            if tail(node.func) in self.executors.tails:
                self._threaded(node)
            elif type(node.func) is ast.Attribute and node.func.attr in PUTS:
                self._queued(node)
            elif type(node.func) is ast.Name and node.func.id in _INSPECTORS and node.args:
                self._inspected(node)
            if tail(node.func) in self.serialiser_tails and node.args:
                self._serialised(node)
            elif tail(node.func) == "wait" and node.args:
                self._waited(node)
        elif kind is ast.Return:
            value = node.value  # type: ignore[attr-defined]
            if self.ctx.frame.kind == ASYNC:
                if type(value) is ast.Call:
                    self._candidate(value, "returned")
                elif type(value) in _LITERALS and _route(self.ctx.frame.node, self.routes):
                    # `return {"stats": mound.get_stats(w)}` from a route: the framework
                    # serialises the response, it never awaits what the literal holds
                    for item in _literal_items(value):
                        if type(item) is ast.Call:
                            self._candidate(item, "returned_inside")
        elif kind is ast.Assign:
            self._assigned(node)  # type: ignore[arg-type]
        elif kind is ast.FormattedValue:
            value = node.value  # type: ignore[attr-defined]
            if type(value) is ast.Call:
                # `f"{hashid(path)}:..."`: the text holds the coroutine's repr, never its result
                self._candidate(value, "formatted")
            elif type(value) is ast.Name:
                # `f"got {r}"`: the same through a name, judged with its other uses (`finish`)
                self.as_values.add((id(self.ctx.frame.node), value.id))
        elif kind is ast.comprehension:
            for test in node.ifs:  # type: ignore[attr-defined]
                self._condition(test)
        elif kind in (ast.If, ast.While, ast.IfExp, ast.Assert):
            self._condition(node.test)  # type: ignore[attr-defined]
        elif kind is ast.ClassDef:
            self._class(node)  # type: ignore[arg-type]
        elif kind is ast.With or kind is ast.AsyncWith:
            for item in node.items:  # type: ignore[attr-defined]
                if isinstance(item.optional_vars, ast.Name):
                    self._locals(self.ctx.frame).add(item.optional_vars.id)
        else:
            self._function(node)  # type: ignore[arg-type]

    def _queued(self, node: ast.Call) -> None:
        """``task_queue.put(client.tree.sync())`` where every consumer of the queue in the
        file uses its items as records (`await_queued`): reported here when the file itself
        awaits that call elsewhere, else left to the join as a candidate."""
        put = queue_puts(node)
        if put is None:
            return
        queues = self.queues
        if queues is None:
            queues = self.queues = file_queues(self.ctx.tree, self.joins)
        receiver, call = put
        if tail(call.func) in self.joins:
            return  # `q.put(create_task(...))`: a task runs whether its taker awaits it or not
        cls = self.ctx.frame.cls
        if queues.kinds.get(queue_key(receiver, cls[1].name if cls else None)) != PLAIN:
            return
        if full_name(call.func) in queues.awaitables:
            where = "async" if self.ctx.frame.kind == ASYNC else "sync"
            params = {"call": source_name(call.func), "how": "queued", "where": where}
            self.ctx.report("ADV102", call, **params)
        else:
            self._candidate(call, "queued")

    # ---- facts ---------------------------------------------------------------------------
    def _class(self, node: ast.ClassDef) -> None:
        ctx = self.ctx
        qualname = _inner(ctx, node.name)
        bases = [ctx.qualify(unsubscripted(base)) for base in node.bases]
        ctx.facts["classes"][qualname] = {"bases": bases, "methods": {}}

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """Record the definition; whether it is a coroutine function is settled in `finish`,
        once the walk has seen whether its body yields."""
        ctx = self.ctx
        scope = ctx.scope
        owner = scope.qualname if scope.is_class else None
        self.defined.append((node, owner, _inner(ctx, node.name), self._decorated(node)))
        if not scope.is_class:
            self._locals(ctx.frame).add(node.name)
        if isinstance(node, ast.AsyncFunctionDef):
            self.siblings.extend(_awaited_elsewhere(node))
            self.rebound.extend(rebound_unawaited(node))  # `x = f()` beside `x = await f()`

    def _decorated(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        """Whether a decorator outside the transparent list may have changed what it returns."""
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if self.ctx.qualify(target) in self.transparent:
                continue
            if type(node) is ast.FunctionDef and self._wrapped(node, decorator):
                continue
            if type(node) is ast.AsyncFunctionDef and self._keeps_coroutine(decorator):
                continue
            return True
        return False

    def _wrapped(self, node: ast.FunctionDef, decorator: ast.expr) -> bool:
        """``@sync_to_async`` (or ``@sync_to_async(thread_sensitive=False)``,
        ``@database_sync_to_async``) on a plain `def`, the outermost decorator of all but
        transparent ones: a wrapper of calls.yaml ``coroutine_wrappers`` (the
        ``asyncio_coroutines`` entries ending in ``()``), so the name is a coroutine function
        and a call of it without ``await`` never runs the body (recorded in `coroutined`)."""
        if decorator is not node.decorator_list[0]:
            return False
        if isinstance(decorator, ast.Call):
            if decorator.args:
                return False  # `@sync_to_async(other)`: not the decorator form
            qualified = self.ctx.qualify(decorator)
        else:
            named = self.ctx.qualify(decorator)
            qualified = f"{named}()" if named else None
        if qualified not in self.wrappers:
            return False
        self.coroutined.add(id(node))
        return True

    def _keeps_coroutine(self, decorator: ast.expr) -> bool:
        """``@logged`` where ``logged`` is a plain `def` of this file whose every ``return``
        hands back an ``async def`` wrapper it defines (``@functools.wraps(func) async def
        wrapper(...): return await func(...)``): the decorated coroutine function is still
        one, and a call of it without ``await`` never runs. A decorator factory (``@retry(3)``),
        one imported from elsewhere, or one that may return anything else decides nothing."""
        if type(decorator) is not ast.Name:
            return False
        binding = self.ctx.resolver.lookup(decorator.id, self.ctx.scope)
        node = binding.node if binding is not None and binding.kind == "def" else None
        if type(node) is not ast.FunctionDef:
            return False
        wrappers = {
            s.name
            for s in node.body
            if type(s) is ast.AsyncFunctionDef
            and not any(type(n) in (ast.Yield, ast.YieldFrom) for n in own_nodes(s))
        }
        returns = [n for n in own_nodes(node) if type(n) is ast.Return]
        return bool(wrappers and returns) and all(
            type(r.value) is ast.Name and r.value.id in wrappers for r in returns
        )

    def _record_definitions(self) -> None:
        ctx = self.ctx
        for node, owner, qualname, decorated in self.defined:
            generator = False
            if decorated:
                kind = OTHER
            elif id(node) in self.coroutined:
                kind = CORO  # `@sync_to_async def fetch(...)`: a coroutine function
            elif not isinstance(node, ast.AsyncFunctionDef):
                kind = SYNC
            else:
                frame = ctx.frame_of.get(id(node))
                # an async generator is iterated with `async for`, never awaited
                generator = frame is not None and frame.has_yield
                kind = OTHER if frame is None or frame.has_yield else CORO
            if owner is not None:
                entry = ctx.facts["classes"].get(owner)
                if entry is not None:
                    methods = entry["methods"]
                    twice = node.name in methods
                    methods[node.name] = OTHER if twice else kind
                    _mark_implementation(entry, node, kind, generator=generator and not twice)
            elif kind == CORO:
                ctx.facts["coros"].append(qualname)
        returns = factory_returns(ctx)
        if returns:
            ctx.facts["returns"] = returns

    # ---- candidates ----------------------------------------------------------------------
    def _condition(self, test: ast.expr) -> None:
        while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            test = test.operand
        if isinstance(test, ast.BoolOp):
            for value in test.values:
                self._condition(value)
        elif isinstance(test, ast.Call):
            self._candidate(test, "condition")
        elif isinstance(compared := none_compared(test), ast.Call):
            self._candidate(compared, "compared")  # a coroutine object is never None
        elif isinstance(compared := _constant_compared(test), ast.Call):
            self._candidate(compared, "equated")  # nor equal to any constant

    def _inspected(self, node: ast.Call) -> None:
        """``bool(check and check(user))``, ``hasattr(probe(), "__await__")``: the builtin (not
        a name the code rebinds) reads the coroutine object and drops it."""
        assert isinstance(node.func, ast.Name)
        binding = self.ctx.resolver.lookup(node.func.id, self.ctx.scope)
        if binding is None or binding.kind != "import" or binding.target != node.func.id:
            return  # rebound by the code (or hidden behind a star import)
        first = node.args[0]
        if node.func.id == "bool":
            self._condition(first)
        elif type(first) is ast.Call:
            self._candidate(first, "inspected")

    def _serialised(self, node: ast.Call) -> None:
        """``json.dumps(fetch())``, ``str(check())``, ``print(x)`` (calls.yaml
        ``value_serialisers``, the name as the code resolves it, not one it rebinds): the
        coroutine object is written out or refused, never run. A call handed over directly is a
        candidate; a name is judged with the function's other uses of it (`finish`)."""
        if self.ctx.qualify(node.func) not in self.serialisers:
            return
        for value in node.args:
            if type(value) is ast.Call:
                self._candidate(value, "serialised")
            elif type(value) is ast.Name:
                self.as_values.add((id(self.ctx.frame.node), value.id))

    def _waited(self, node: ast.Call) -> None:
        """``asyncio.wait([fetch(a), fetch(b)])``, or a local list of coroutines handed to it
        (`await_waited`): a coroutine there raises ``TypeError`` since Python 3.11 and never
        runs. A library's coroutine method known by name is reported here; any other call is
        a candidate, judged like every other coroutine call."""
        ctx = self.ctx
        if ctx.qualify(node.func) not in WAITS:
            return
        imported = ctx.memo.get("imported_roots")
        if imported is None:
            imported = ctx.memo["imported_roots"] = imported_roots(ctx.tree)
        # A list built beforehand (`tasks.append(self.api.heartbeat(...))`, `tasks = [...]`)
        # is reported where it is handed over, the line that raises (fansMedalHelper#91): one
        # finding per `wait`, naming a coroutine of it (`pipeline._one_per_place`)
        built = type(node.args[0]) is ast.Name
        for call in waited_calls(node, ctx.frame.node):
            func = call.func
            if isinstance(func, ast.Attribute) and library_coroutine_name(func.attr, imported):
                params = {"call": source_name(call.func), "how": "waited", "where": "wait"}
                ctx.report("ADV102", node if built else call, **params)
            elif (record := self._record(call, "waited")) is not None:
                record[5] = "wait"  # make tasks of them, or gather them
                if built:
                    record[0], record[1] = node.lineno, node.col_offset + 1
                ctx.candidates.append(record)

    def _assigned(self, node: ast.Assign) -> None:
        ctx = self.ctx
        if ctx.frame.kind == MODULE or len(node.targets) != 1:
            return
        target, value = node.targets[0], node.value
        if isinstance(target, ast.Name):
            key = (id(ctx.frame), target.id)
            if isinstance(value, (ast.Name, ast.Attribute)) and key not in self.aliases:
                self.aliases[key] = value  # `check = allow`: a call of `check` calls `allow`
            else:
                self.aliases[key] = None
        if isinstance(value, ast.Call) and stored_unawaited(ctx, target, value):
            self._candidate(value, "attribute")  # `self._payload = self.decode(msg)`
            return
        if _record_target(target) and isinstance(value, ast.Call):
            # `self.cache[key] = self.fetch(key)`: state holding a coroutine object; and
            # `reply["body"] = read_body()`: a record's field. A local dict of coroutines keyed
            # by a variable (`jobs[name] = fetch(name)`) is usually gathered later: not this,
            # nor one keyed by constants whose values the function joins (`_joined`).
            if not (
                isinstance(target.value, ast.Name) and self._joined(ctx.frame, target.value.id)
            ):
                record = self._record(value, "stored")
                if record is not None and isinstance(target.value, ast.Name):
                    self.items.append((ctx.frame, target.value.id, record))
                elif record is not None:
                    ctx.candidates.append(record)
            return
        if (
            _record_target(target)
            and isinstance(value, ast.Name)
            and not (
                isinstance(target.value, ast.Name) and self._joined(ctx.frame, target.value.id)
            )
        ):
            # `msg["fieldNames"] = field_names`: the same record's field as above, through a
            # name (bystro#93); judged in `finish` when the name holds a coroutine object
            self.as_values.add((id(ctx.frame.node), value.id))
            return
        if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, ast.Call):
            # `results, cursor = self._run_query(data)`: a coroutine object is not iterable,
            # so unpacking it always raises `TypeError` (aiogcd#20).
            self._candidate(value, "unpacked")
            return
        if not (isinstance(target, ast.Name) and isinstance(value, ast.Call)):
            return
        record = self._record(value, "assigned")
        if record is not None:
            self.pending.append((ctx.frame, target.id, record))
        self._locals(ctx.frame).add(target.id)  # `client = Client()`: `client.m()` may resolve

    def _joined(self, frame: Frame, name: str) -> bool:
        """Whether *frame*'s function hands the values of its local mapping *name* to a join
        (``calls.yaml`` ``concurrent_joins``, ``task_waits``, ``task_spawners``) or awaits
        them: ``gather(*jobs.values())``, ``[wait_for(c, t) for c in jobs.values()]`` then
        gathered, ``for c in jobs.values(): await c`` (crawl4ai's domain mapper collects
        ``tasks["sitemap"] = self._scan_sitemaps(...)`` per source, then gathers them with a
        timeout each). The coroutines are run there: storing them is no missing ``await``."""
        key = (id(frame.node), name)
        found = self.joined.get(key)
        if found is None:
            found = self.joined[key] = _joins_values(frame.node, name, self.joins)
        return found


def _renamed(tree: ast.Module, serialisers: frozenset[str]) -> frozenset[str]:
    """The names a module-level import gives a serialiser under another name (``from rich
    import print as rprint``): a call of ``rprint`` is gated like one of ``print``."""
    return frozenset(
        alias.asname
        for node in tree.body
        if type(node) is ast.ImportFrom and node.module and not node.level
        for alias in node.names
        if alias.asname and f"{node.module}.{alias.name}" in serialisers
    )


def _record_target(target: ast.expr) -> TypeGuard[ast.Subscript]:
    """Whether an assignment to *target* stores a value as a field of a record that outlives
    the statement: an item of an attribute (``self.cache[key] = ...``, state of the object) or
    of any mapping under a literal ``str`` key (``reply["body"] = ...``, a record's field). A
    local mapping keyed by a variable (``jobs[name] = ...``) is a collection, usually joined."""
    return isinstance(target, ast.Subscript) and (
        isinstance(target.value, ast.Attribute)
        or (isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str))
    )


def _awaited_name(function: ast.AST, name: str) -> bool:
    """Whether *function* awaits *name* anywhere (``await x``): a coroutine awaited on some
    path is judged by `reused`, not taken for one that is only written out or stored."""
    return any(
        type(node) is ast.Await and type(node.value) is ast.Name and node.value.id == name
        for node in own_nodes(function)
    )


def _task_helper(target: str, tasks: Iterable[str]) -> bool:
    """Whether *target* (``q:pkg.utils.spawn``, ``s:pkg.Cls:spawn``) is a plain function that
    returns a task nobody keeps (`loop.DroppedTask._returned`)."""
    if target.startswith("s:"):
        _, cls, method = target.split(":", 2)
        name = f"{cls}.{method}"
    elif target.startswith("q:") and "()" not in target:
        name = target[2:]
    else:
        return False
    return name in tasks


def _worth_keeping(
    classes: Mapping[str, Mapping[str, Any]],
    name: str,
    entry: Mapping[str, Any],
    seen: frozenset[str] = frozenset(),
) -> bool:
    """Whether *name* or a base may define a coroutine method. *seen* stops at a class met
    again: a class may name itself as a base (``class ValueError(AppError, ValueError)``
    shadows the builtin it derives from), or two may name each other."""
    if CORO in entry["methods"].values():
        return True
    seen = seen | {name}
    return any(
        base is not None and base not in classes and base.partition(".")[0] not in _FOREIGN
        for base in entry["bases"]
    ) or any(
        base in classes and base not in seen and _worth_keeping(classes, base, classes[base], seen)
        for base in entry["bases"]
        if base
    )


def _local_method(classes: Mapping[str, Mapping[str, Any]], qualname: str) -> bool:
    cls, _, method = qualname.rpartition(".")
    entry = classes.get(cls)
    return entry is not None and entry["methods"].get(method) == CORO


def _open_bases(classes: Mapping[str, Mapping[str, Any]], cls: str, seen: set[str]) -> bool:
    """Whether some base class of *cls* may be defined in another scanned file."""
    if cls in seen:
        return False
    seen.add(cls)
    entry = classes.get(cls)
    if entry is None:
        return cls.partition(".")[0] not in _FOREIGN
    return any(base is not None and _open_bases(classes, base, seen) for base in entry["bases"])


def _inner(ctx: FileContext, name: str) -> str:
    scope = ctx.scope
    if scope.parent is None or scope.is_class:
        return f"{scope.qualname}.{name}"
    return f"{scope.qualname}.<locals>.{name}"


def _is_starred(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Starred) and _is_name(node.value, name)
