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
import sys
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from advisor.lint.checks.base import ASYNC, MODULE, Check, FileContext, Frame, register
from advisor.lint.checks.executors import Executors
from advisor.lint.checks.helpers import none_compared, own_nodes
from advisor.lint.checks.receivers import (
    constructor_calls,
    constructor_parameter,
    factory_returns,
    handed_type,
    receiver_class,
)
from advisor.lint.names import BUILTINS, call_values, source_name, tail

CORO, SYNC, OTHER = 1, 0, -1
# Callees rooted here cannot be the scan's coroutines (unless the scan is of that package);
# not recording them keeps the cached per-file results small.
_FOREIGN = (frozenset(sys.stdlib_module_names) | BUILTINS) - {"asyncio"}
# Builtins that look at a value and hand nothing on: a coroutine object given to one is
# inspected, never awaited (`hasattr(probe(), "__await__")`); `bool()` is a truth test.
_INSPECTORS = frozenset({"bool", "hasattr", "getattr", "isinstance", "callable"})
# Builtins that read a value's size, number or items: given a coroutine object each raises
# `TypeError` (`rows = fetch(); len(rows)`), so a name only handed to one is used as the result.
_CONSUMERS = frozenset({"len", "int", "float", "sorted", "list", "tuple", "set", "frozenset",
                        "dict", "sum", "min", "max", "enumerate", "zip"})  # fmt: skip
# What may be done with a coroutine object: awaiting it, or these (anything else is a misuse).
# Literals whose items are data: a coroutine object put in one a coroutine returns is
# handed to the caller unawaited.
_LITERALS = (ast.List, ast.Tuple, ast.Set, ast.Dict)
_CORO_ATTRS = frozenset({"send", "throw", "close", "cr_frame", "cr_running", "cr_code",
                         "cr_await", "cr_origin", "cr_suspended", "__await__"})  # fmt: skip


@register
class MissingAwait(Check):
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
        self.executors = Executors(data["calls"])
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
        self.dropped: set[int] = set()  # calls seen as statements (dead branches are not)
        self.spawners = frozenset(data["calls"]["task_spawners"])  # a dropped task: ADV106
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
        for frame, name, record in self.pending:
            key = id(frame.node)
            if name in wanted.get(key, ()):
                if key not in misused:
                    misused[key] = _misused(frame.node, wanted[key], self.routes)
                if name in misused[key]:
                    records.append([*record[:2], "used", *record[3:]])
        records.sort(key=lambda r: (r[0], r[1]))
        local = {f"q:{name}" for name in facts["coros"]}
        classes = facts["classes"]
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
                    continue
                kind = _method_kind(classes, cls, method, set())
                if kind is None and not _open_bases(classes, cls, set()):
                    continue
            elif target.startswith(prefix) or target in local:
                kind = CORO if target in local or _local_method(classes, target[2:]) else SYNC
            else:
                kept.append(record)
                continue
            if kind == SYNC and how in _DROPPED and _task_helper(target, facts.get("tasks", ())):
                ctx.findings.append([line, col, "ADV106", {"call": source_name(func)}])
                continue
            if kind == CORO:
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
                or callee in self.executors.tails
            ):
                continue  # a task or an executor's future runs whether awaited or not
            if (line, col) not in reported:
                reported.add((line, col))
                params = {"call": source_name(call.func), "how": "discarded", "where": "async"}
                ctx.findings.append([line, col, "ADV102", params])
        kept = [r for r in kept if (r[0], r[1]) not in reported]
        for record in kept:
            record[4] = source_name(record[4])  # JSON-able: the callee as written
        ctx.candidates[:] = kept
        # Every class's short name, kept or not: a parameter is known by its name only when
        # one class of the whole scan has it (`_by_parameter`).
        if classes:
            facts["class_names"] = sorted(n.rpartition(".")[2].lower() for n in classes)
        # Other files only need classes that have coroutine methods or may inherit some.
        for name in [n for n, e in classes.items() if not _worth_keeping(classes, n, e)]:
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
            elif type(node.func) is ast.Name and node.func.id in _INSPECTORS and node.args:
                self._inspected(node)
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

    # ---- facts ---------------------------------------------------------------------------
    def _class(self, node: ast.ClassDef) -> None:
        ctx = self.ctx
        qualname = _inner(ctx, node.name)
        bases = [ctx.qualify(base) for base in node.bases]
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

    def _decorated(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        """Whether a decorator outside the transparent list may have changed what it returns."""
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if self.ctx.qualify(target) in self.transparent:
                continue
            if type(node) is ast.AsyncFunctionDef and self._keeps_coroutine(decorator):
                continue
            return True
        return False

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
            if decorated:
                kind = OTHER
            elif not isinstance(node, ast.AsyncFunctionDef):
                kind = SYNC
            else:
                frame = ctx.frame_of.get(id(node))
                # an async generator is iterated with `async for`, never awaited
                kind = OTHER if frame is None or frame.has_yield else CORO
            if owner is not None:
                entry = ctx.facts["classes"].get(owner)
                if entry is not None:
                    methods = entry["methods"]
                    methods[node.name] = OTHER if node.name in methods else kind
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
        if (
            isinstance(target, ast.Subscript)
            and isinstance(value, ast.Call)
            and (
                isinstance(target.value, ast.Attribute)
                or (isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str))
            )
        ):
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

    def _candidate(self, call: ast.Call, how: str) -> None:
        record = self._record(call, how)
        if record is not None:
            self.ctx.candidates.append(record)

    def _record(self, call: ast.Call, how: str) -> list[Any] | None:
        return self._record_func(call.func, call, how)

    def _threaded(self, node: ast.Call) -> None:
        """``asyncio.to_thread(fetch)``, ``loop.run_in_executor(None, fetch)``,
        ``pool.submit(fetch)``, ``hass.async_add_executor_job(fetch)``, ``Thread(target=fetch)``
        (also ``partial(fetch, ...)``) with ``fetch`` an ``async def`` (`checks.executors`;
        tornado's ``IOLoop.run_sync`` runs coroutines and is no such call)."""
        for ref in self.executors.handed(node, self.ctx):
            if isinstance(ref, (ast.Name, ast.Attribute)):
                record = self._record_func(ref, node, "threaded")
                if record is not None:
                    self.ctx.candidates.append(record)

    def _record_func(self, func: ast.expr, at: ast.AST, how: str) -> list[Any] | None:
        ctx = self.ctx
        frame = ctx.frame
        if type(func) is ast.Name:
            func = self.aliases.get((id(frame), func.id)) or func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and frame.cls is not None
            and func.value.id == frame.self_name
        ):
            target = f"s:{frame.cls[0]}:{func.attr}"
        elif (
            isinstance(func, ast.Attribute)
            and frame.cls is not None
            and isinstance(func.value, ast.Call)
            and isinstance(func.value.func, ast.Name)
            and func.value.func.id == "super"
            and _plain_super(func.value, frame.cls[1].name, frame.self_name)
        ):
            target = f"b:{frame.cls[0]}:{func.attr}"  # the bases' method, not the class's own
        else:
            root_name = _root_name(func)
            if root_name is None and not _item_root(func):
                return None  # `foo().bar()`: the type is unknown
            if (
                root_name is not None
                and root_name != frame.self_name
                and not self._may_resolve(root_name)
            ):
                return self._annotated(func, at, how) or self._by_parameter(func, at, how)
            # `app["tracer"].close()`: known when the file stores one kind of object there
            # `self.session.close()`: known when the class assigns `self.session` one object
            qualified = ctx.qualify(func)
            if qualified is None:
                return (
                    self._annotated(func, at, how)
                    or self._by_parameter(func, at, how)
                    or self._by_constructor(func, at, how)
                )
            root = qualified.partition(".")[0].partition("(")[0]
            if root in _FOREIGN and root != ctx.module.partition(".")[0]:
                return None  # the standard library's own functions: only asyncio's are listed
            target = f"q:{qualified}"
        where = "async" if frame.kind == ASYNC else "sync"
        line, col = getattr(at, "lineno", 1), getattr(at, "col_offset", 0) + 1
        return [line, col, how, target, func, where]

    def _annotated(self, func: ast.expr, at: ast.AST, how: str) -> list[Any] | None:
        """``db.is_empty(...)`` where the code annotates ``db`` (a parameter, a local, or
        ``self.db`` through the class: `receivers`) with a class that may be the scan's:
        `resolve` looks the method up in that class and its bases (diracx#594)."""
        if not isinstance(func, ast.Attribute):
            return None
        owner = receiver_class(self.ctx, func.value, _FOREIGN)
        if owner is None:
            return None
        where = "async" if self.ctx.frame.kind == ASYNC else "sync"
        line, col = getattr(at, "lineno", 1), getattr(at, "col_offset", 0) + 1
        return [line, col, how, f"q:{owner}().{func.attr}", func, where]

    def _by_parameter(self, func: ast.expr, at: ast.AST, how: str) -> list[Any] | None:
        """``tracer.close()`` or ``app[key].close()`` where ``tracer`` (or the one value the
        file stores under ``app[key]``) is an unannotated parameter: its type is only known by
        its name. `resolve` matches the name with the scan's classes (``tracer`` -> ``Tracer``)
        and counts the call only when exactly one class of the scan has that name and its
        method is a coroutine function (aiozipkin #35: ``setup(app, tracer)`` stores the
        tracer, the cleanup closure calls ``app[key].close()``)."""
        if not isinstance(func, ast.Attribute):
            return None
        ctx = self.ctx
        receiver, scope = func.value, ctx.scope
        if isinstance(receiver, ast.Subscript):
            stored = ctx.resolver.stored(receiver, scope)
            if not stored or len(stored) != 1:
                return None
            receiver, scope = stored[0]
        if not isinstance(receiver, ast.Name) or not ctx.resolver.parameter(receiver.id, scope):
            return None
        where = "async" if ctx.frame.kind == ASYNC else "sync"
        line, col = getattr(at, "lineno", 1), getattr(at, "col_offset", 0) + 1
        return [line, col, how, f"p:{receiver.id}:{func.attr}", func, where]

    def _by_constructor(self, func: ast.expr, at: ast.AST, how: str) -> list[Any] | None:
        """``self.tracer.close()`` where the class's ``__init__`` stores ``tracer`` from an
        unannotated parameter of its own (`receivers.constructor_parameter`): `resolve` types
        it by what the scan's constructor calls hand it, as ADV101 does (`checks.reach`)."""
        frame = self.ctx.frame
        receiver = func.value if isinstance(func, ast.Attribute) else None
        if (
            frame.cls is None
            or not isinstance(receiver, ast.Attribute)
            or not isinstance(receiver.value, ast.Name)
            or receiver.value.id != frame.self_name
        ):
            return None
        place = constructor_parameter(self.ctx, frame.cls[1], receiver.attr, self.ctx.scope)
        if place is None:
            return None
        assert isinstance(func, ast.Attribute)
        where = "async" if frame.kind == ASYNC else "sync"
        line, col = getattr(at, "lineno", 1), getattr(at, "col_offset", 0) + 1
        target = f"n:{frame.cls[0]}:{place[0]}:{place[1]}:.{func.attr}"
        return [line, col, how, target, func, where]

    def _locals(self, frame: Frame) -> set[str]:
        return self.named.setdefault(id(frame), set())

    def _may_resolve(self, name: str) -> bool:
        """A cheap test before the full lookup, which builds a function's binding table: the
        callee's root must be a name this code defined, imported, or assigned from a call."""
        for frame in self.ctx.frames[1:]:
            if name in self.named.get(id(frame), ()):
                return True
        binding = self.ctx.resolver.bindings(self.ctx.resolver.module_scope).get(name)
        if binding is None:
            return False  # a parameter, a local, a builtin: not a coroutine we can know
        if binding.kind == "import":
            root = binding.target.partition(".")[0]
            return root not in _FOREIGN or root == self.ctx.module.partition(".")[0]
        return binding.kind in ("def", "class") or isinstance(binding.node, ast.Call)


def _kept_items(tree: ast.Module, items: list[tuple[Frame, str, list[Any]]]) -> Iterable[list[Any]]:
    """The coroutines stored into a local mapping that stay candidates: all but those of a
    function that returns the mapping and that the file hands on by reference, a callback
    (Home Assistant's ``register.async_register_info(system_health_info)``: the info dict's
    coroutine values, ``async_check_can_reach_url(...)``, are awaited by the integration that
    calls it back). Whoever calls a callback consumes its result by a contract the file does
    not show, and a framework that takes coroutines in a result awaits them; a function the
    code calls itself and whose result it hands on (aiobotocore's ``_do_get_response``, whose
    ``response_dict`` item was never awaited) stays reported."""
    if not items:
        return []
    handed: set[str] | None = None
    kept: list[list[Any]] = []
    for frame, name, record in items:
        node = frame.node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _returns(node, name):
            if handed is None:
                handed = _handed_on(tree)
            if node.name in handed:
                continue
        kept.append(record)
    return kept


def _returns(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    """Whether *function* itself ends with ``return name`` somewhere."""
    return any(
        isinstance(node, ast.Return) and isinstance(node.value, ast.Name) and node.value.id == name
        for node in own_nodes(function)
    )


def _handed_on(tree: ast.Module) -> set[str]:
    """The names the file passes as an argument of a call (``register(info)``,
    ``hub.add(self.info)``): functions handed over by reference, to be called back."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for arg in (*node.args, *(k.value for k in node.keywords)):
                if isinstance(arg, ast.Name):
                    found.add(arg.id)
                elif isinstance(arg, ast.Attribute):
                    found.add(arg.attr)
    return found


def _values_of(node: ast.AST | None, name: str) -> bool:
    """``name.values()`` or ``name.items()``: the coroutines a mapping holds."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("values", "items")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == name
    )


def _joins_values(function: ast.AST, name: str, joins: frozenset[str]) -> bool:
    """`MissingAwait._joined` for one function, read from its own nodes."""
    for node in own_nodes(function):
        if isinstance(node, ast.Call) and tail(node.func) in joins:
            for arg in node.args:
                if _values_of(arg.value if isinstance(arg, ast.Starred) else arg, name):
                    return True
        elif isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            handed = isinstance(node.elt, ast.Await) or (
                isinstance(node.elt, ast.Call) and tail(node.elt.func) in joins
            )
            if handed and any(_values_of(g.iter, name) for g in node.generators):
                return True
        elif (
            isinstance(node, (ast.For, ast.AsyncFor))
            and _values_of(node.iter, name)
            and any(isinstance(n, ast.Await) for b in node.body for n in ast.walk(b))
        ):
            return True
    return False


#: Tests that tell a coroutine function (or an awaitable) from a plain callable: a function
#: that makes one awaits the callee in one branch and calls it in the other on purpose.
_AWAITABLE_TESTS = frozenset({"iscoroutinefunction", "isawaitable", "iscoroutine",
                              "isasyncgenfunction", "is_async_callable"})  # fmt: skip


def _tests_kind(test: ast.expr) -> bool:
    """A test that picks between a sync and an async object: ``isinstance(child,
    AsyncTransaction)``, ``if self.isasync:`` (prefect's flows and transactions, matrix-nio's
    file providers call one kind with ``await`` and the other without, on purpose)."""
    for node in ast.walk(test):
        if isinstance(node, ast.Call) and tail(node.func) in ("isinstance", "issubclass", "type"):
            return True
        word = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
        if isinstance(word, str) and any(k in word.lower() for k in ("async", "coro", "await")):
            return True
    return False


def _awaited_elsewhere(function: ast.AsyncFunctionDef) -> list[ast.Call]:
    """Method calls thrown away as a statement in *function* whose callee, written the same
    way, the same function awaits elsewhere (py-cord's ``ctx.send_followup(...)`` awaited in two
    branches and not in the third, VirtualGM#156): the code itself says the callee returns an
    awaitable, even when it is a library's method the scan cannot see."""
    awaited: set[str] = set()
    dropped: list[ast.Call] = []
    for node in own_nodes(function):
        if type(node) is ast.Call and tail(node.func) in _AWAITABLE_TESTS:
            return []  # `if iscoroutinefunction(cb): await cb() else: cb()`: both on purpose
        if type(node) in (ast.If, ast.IfExp) and _tests_kind(node.test):  # type: ignore[attr-defined]
            return []
        call = getattr(node, "value", None)
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            continue
        if isinstance(node, ast.Await):
            awaited.add(source_name(call.func))
        elif isinstance(node, ast.Expr):
            dropped.append(call)
    return [call for call in dropped if source_name(call.func) in awaited]


def _root_name(func: ast.expr) -> str | None:
    while isinstance(func, ast.Attribute):
        func = func.value
    return func.id if isinstance(func, ast.Name) else None


def _item_root(func: ast.expr) -> bool:
    """``app["tracer"].close``: a method called on an item of a mapping, by a constant key."""
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Subscript) and isinstance(func.slice, (ast.Constant, ast.Name))


def _inner(ctx: FileContext, name: str) -> str:
    scope = ctx.scope
    if scope.parent is None or scope.is_class:
        return f"{scope.qualname}.{name}"
    return f"{scope.qualname}.<locals>.{name}"


def resolve(
    per_file: Iterable[tuple[str, Mapping[str, Any]]], asyncio_coroutines: Iterable[str]
) -> list[tuple[str, list[Any]]]:
    """Match every file's candidates against every file's facts; returns (path, finding)."""
    results = list(per_file)
    coros: set[str] = {f"q:{name}" for name in asyncio_coroutines}
    classes: dict[str, Mapping[str, Any]] = {}
    aliases: dict[str, str] = {}
    tasks: set[str] = set()
    returns: dict[str, str] = {}
    for _path, result in results:
        facts = result.get("facts") or {}
        aliases.update(facts.get("aliases", {}))
        returns.update(facts.get("returns", {}))
        tasks.update(facts.get("tasks", ()))
        coros.update(f"q:{name}" for name in facts.get("coros", ()))
        classes.update(facts.get("classes", {}))
        for cls, entry in facts.get("classes", {}).items():
            for method, kind in entry["methods"].items():
                if kind == CORO:
                    coros.add(f"q:{cls}.{method}")
    by_name: dict[str, list[str]] = {}
    for cls in classes:
        by_name.setdefault(cls.rpartition(".")[2].lower(), []).append(cls)
    name_counts: dict[str, int] = {}
    for _path, result in results:
        for name in (result.get("facts") or {}).get("class_names", ()):
            name_counts[name] = name_counts.get(name, 0) + 1

    def exported(name: str) -> str:
        for _hop in range(4):  # a class imported through a package's re-export
            if name in classes or name not in aliases or aliases[name] == name:
                break
            name = aliases[name]
        return name

    calls_of = constructor_calls(
        (a for _p, r in results for a in (r.get("r") or {}).get("a", ())),
        lambda target: exported(target[2:]),
    )
    found: list[tuple[str, list[Any]]] = []
    for path, result in results:
        for line, col, how, target, shown, where in result.get("c", ()):
            if target.startswith("p:"):
                _, param, method = target.split(":", 2)
                wanted = param.replace("_", "").lower()
                named = by_name.get(wanted, [])
                hit = (
                    name_counts.get(wanted) == 1
                    and len(named) == 1
                    and _method_kind(classes, named[0], method, set()) == CORO
                )
            elif target.startswith("s:"):
                _, cls, method = target.split(":", 2)
                hit = _method_kind(classes, cls, method, set()) == CORO
            elif target.startswith("n:"):
                # typed by the scan's constructor calls (`receivers.handed_type`)
                typed, rest = handed_type(calls_of, target)
                hit = (
                    typed is not None
                    and "(" not in typed[:-2]
                    and _method_kind(classes, exported(typed[:-2]), rest[1:], set()) == CORO
                )
            elif target.startswith("b:"):
                _, cls, method = target.split(":", 2)
                hit = _base_method_kind(classes, cls, method) == CORO
            elif "()." in target:
                cls, _, method = target[2:].rpartition("().")
                cls = returns.get(exported(cls), cls)  # a factory annotated `-> Mound`
                for _hop in range(4):  # a class imported through a package's re-export
                    if cls in classes or cls not in aliases or aliases[cls] == cls:
                        break
                    cls = aliases[cls]
                hit = target in coros or (
                    "()" not in cls and _method_kind(classes, cls, method, set()) == CORO
                )
            else:
                hit = target in coros
                name = target[2:]
                for _hop in range(4):  # re-exports: `from .client import fetch` in __init__
                    if hit or name in tasks or name not in aliases:
                        break
                    name = aliases[name]
                    hit = f"q:{name}" in coros
                if not hit and how in _DROPPED and name in tasks:
                    # another module's helper returned a task nobody keeps (aiohomekit #324)
                    found.append((path, [line, col, "ADV106", {"call": shown}]))
                    continue
            if hit:
                params = {"call": shown, "how": how, "where": where}
                found.append((path, [line, col, "ADV102", params]))
    return found


#: How a candidate's result was thrown away: a task a helper returns is then dropped (ADV106).
_DROPPED = frozenset({"discarded", "assigned"})


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
    classes: Mapping[str, Mapping[str, Any]], name: str, entry: Mapping[str, Any]
) -> bool:
    if CORO in entry["methods"].values():
        return True
    return any(
        base is not None and base not in classes and base.partition(".")[0] not in _FOREIGN
        for base in entry["bases"]
    ) or any(
        base in classes and _worth_keeping(classes, base, classes[base])
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


def _base_method_kind(
    classes: Mapping[str, Mapping[str, Any]], cls: str, method: str
) -> int | None:
    """The kind of ``super().method`` in *cls*: looked up in its bases, in order."""
    entry = classes.get(cls)
    if entry is None:
        return None
    for base in entry["bases"]:
        if base is None:
            return None
        kind = _method_kind(classes, base, method, {cls})
        if kind is not None or base not in classes:
            return kind
    return None


def _truth_tested(test: ast.expr, names: set[str]) -> set[str]:
    """The *names* a test reads for truth or against None. A truth test of a coroutine object is
    always true (asks #185: ``allow = self._protect(url)`` then ``if allow:``), and one never is
    None. A module-level function, not a closure calling itself: that would be a reference
    cycle per file walked (`tests/scan/test_speed_invariants.py`)."""
    found: set[str] = set()
    todo = [test]
    while todo:
        test = todo.pop()
        while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            test = test.operand
        if isinstance(test, ast.BoolOp):
            todo.extend(test.values)
        elif (compared := none_compared(test) or _constant_compared(test)) is not None:
            todo.append(compared)
        else:
            node = test.value if isinstance(test, ast.Starred) else test
            if isinstance(node, ast.Name) and node.id in names:
                found.add(node.id)
    return found


def _constant_compared(test: ast.expr) -> ast.expr | None:
    """What ``X == True``, ``X != 0``, ``"ok" == X`` compares with a constant (``X``), or None
    for any other test. A coroutine object equals no constant: ``bot_auth = judge(bot, ev)``
    then ``if bot_auth == True:`` is always false (GWYOG-Hoshino-plugins#27)."""
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], (ast.Eq, ast.NotEq))
    ):
        return None
    left, right = test.left, test.comparators[0]
    if isinstance(right, ast.Constant) and not isinstance(left, ast.Constant):
        return left
    if isinstance(left, ast.Constant) and not isinstance(right, ast.Constant):
        return right
    return None


def _values(literal: ast.AST) -> list[ast.expr]:
    """The items of a list, tuple or set literal, the values of a dict literal."""
    if isinstance(literal, ast.Dict):
        return literal.values
    if isinstance(literal, (ast.List, ast.Tuple, ast.Set)):
        return literal.elts
    return []


def _literal_items(value: ast.expr) -> list[ast.expr]:
    """The items of a list, tuple or set literal and the values of a dict literal, through
    nested literals: what a `return` of the literal hands back as data."""
    items: list[ast.expr] = []
    todo = [value]
    while todo:
        for item in _values(todo.pop()):
            (todo if type(item) in _LITERALS else items).append(item)
    return items


def _route(function: ast.AST, routes: frozenset[str]) -> bool:
    """A coroutine behind a web framework's route decorator (``@router.get(...)``,
    ``@app.route(...)``): what it returns is serialised into the response."""
    return isinstance(function, ast.AsyncFunctionDef) and any(
        isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr in routes
        for d in function.decorator_list
    )


def _returned_literals(function: ast.AST, routes: frozenset[str]) -> set[int]:
    """The literals (by id) a route's coroutine returns, nested ones too: a coroutine object
    in one reaches the response as data, never awaited. Elsewhere a returned literal may be
    handed to code that awaits its values (Home Assistant's system-health callbacks return
    ``{"can_reach_server": async_check_can_reach_url(...)}`` for the framework to await)."""
    if not _route(function, routes):
        return set()
    found: set[int] = set()
    for node in own_nodes(function):
        if isinstance(node, ast.Return) and type(node.value) in _LITERALS:
            todo: list[ast.AST] = [node.value]  # type: ignore[list-item]
            while todo:
                literal = todo.pop()
                found.add(id(literal))
                todo.extend(v for v in _values(literal) if type(v) in _LITERALS)
    return found


def _misused(function: ast.AST, names: set[str], routes: frozenset[str]) -> set[str]:
    """Which of *names* (coroutine objects, if the callee is a coroutine function) are only
    used as if they were the result: attributes or items read, iterated, tested for truth or
    against None (``if allowed:``, ``x and y``, ``bool(x)``, ``x is None``), measured or
    converted by a builtin (``len(rows)``, ``list(rows)``: `_CONSUMERS`), or put in a literal a
    route returns (``return {"stats": stats}``: a response body); never awaited, passed on,
    returned or stored. One walk of the function for all of them."""
    bad: set[str] = set()
    good: set[str] = set()
    returned = _returned_literals(function, routes)

    def named(node: ast.AST | None) -> str | None:
        if isinstance(node, ast.Starred):
            node = node.value
        return node.id if isinstance(node, ast.Name) and node.id in names else None

    def tested(test: ast.expr) -> None:
        bad.update(_truth_tested(test, names))

    for node in own_nodes(function):
        kind = type(node)
        if kind is ast.Name:
            continue
        if kind in (ast.If, ast.While, ast.IfExp, ast.Assert):
            tested(node.test)  # type: ignore[attr-defined]
        elif kind is ast.comprehension:
            for test in node.ifs:  # type: ignore[attr-defined]
                tested(test)
        elif kind is ast.BoolOp:
            for value in node.values[:-1]:  # type: ignore[attr-defined]
                tested(value)  # the last operand is the value, not a test
        elif kind is ast.UnaryOp and isinstance(node.op, ast.Not):  # type: ignore[attr-defined]
            tested(node.operand)  # type: ignore[attr-defined]
        elif kind is ast.Compare:
            tested(node)  # type: ignore[arg-type]
        if (
            kind is ast.Call
            and isinstance(node.func, ast.Name)  # type: ignore[attr-defined]
            and node.func.id == "bool"  # type: ignore[attr-defined]
            and len(node.args) == 1  # type: ignore[attr-defined]
        ):
            tested(node.args[0])  # type: ignore[attr-defined]
            continue
        if (
            kind is ast.Call
            and isinstance(node.func, ast.Name)  # type: ignore[attr-defined]
            and node.func.id in _CONSUMERS  # type: ignore[attr-defined]
            and not node.keywords  # type: ignore[attr-defined]
        ):
            bad.update(filter(None, map(named, node.args)))  # type: ignore[attr-defined]
            continue
        if kind in (ast.Await, ast.Return, ast.Yield, ast.Assign, ast.AnnAssign):
            hit = named(node.value)  # type: ignore[attr-defined]
            if hit:
                good.add(hit)
        elif kind is ast.Call:
            assert isinstance(node, ast.Call)
            for value in call_values(node):
                hit = named(value)
                if hit:
                    good.add(hit)
        elif kind in _LITERALS:
            (bad if id(node) in returned else good).update(filter(None, map(named, _values(node))))
        elif kind is ast.Attribute:
            assert isinstance(node, ast.Attribute)
            hit = named(node.value)
            if hit and node.attr not in _CORO_ATTRS:
                bad.add(hit)
        elif kind is ast.Subscript or kind is ast.For:
            hit = named(node.value if kind is ast.Subscript else node.iter)  # type: ignore[attr-defined]
            if hit:
                bad.add(hit)
    return bad - good


def _plain_super(call: ast.Call, cls: str, self_name: str | None) -> bool:
    """``super()``, or ``super(Cls, self)`` naming the class the method is in (the spelling
    from before Python 3): both look the method up in the class's bases."""
    if not call.args and not call.keywords:
        return True
    return (
        len(call.args) == 2
        and not call.keywords
        and _is_name(call.args[0], cls)
        and self_name is not None
        and _is_name(call.args[1], self_name)
    )


def _is_name(node: ast.AST | None, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _is_starred(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Starred) and _is_name(node.value, name)


def _method_kind(
    classes: Mapping[str, Mapping[str, Any]], cls: str, method: str, seen: set[str]
) -> int | None:
    """The kind of *method* looked up along the scanned base classes; None when unknown."""
    if cls in seen:
        return None
    seen.add(cls)
    entry = classes.get(cls)
    if entry is None:
        return None
    methods = entry["methods"]
    if method in methods:
        return int(methods[method])
    for base in entry["bases"]:
        if base is None:
            return None  # an unresolvable base may define it
        kind = _method_kind(classes, base, method, seen)
        if kind is not None or base not in classes:
            return kind
    return None
