"""Which coroutine function a call names, for ADV102 (`checks.await_missing`): ``s:`` a
method of the caller's own class, ``b:`` the bases' method through ``super()``, ``q:`` a
qualified name (also a receiver the code annotates, `checks.receivers`), ``p:`` a method on an
unannotated parameter matched by its name, ``n:`` a method on what the class's constructor is
handed, ``k:`` a callable the code annotates as returning a coroutine (`checks.await_callables`,
settled in the file); and the candidate the walk records for it (line, column, how, target, where).

Split from `await_missing.py` (behaviour unchanged): naming the callee is one job, deciding
whether the call's result is awaited another. Callees rooted in the standard library (but
asyncio) are not recorded: it keeps the cached per-file results small.
"""

from __future__ import annotations

import ast
import sys
from typing import Any

from advisor.lint.bindings import BUILTINS
from advisor.lint.callees import source_name
from advisor.lint.checks.await_callables import coroutine_callable
from advisor.lint.checks.await_callbacks import CALLED_BACK, PREDICATE, Callers, predicate_def
from advisor.lint.checks.await_framework import record as framework_record
from advisor.lint.checks.base import ASYNC, FileContext, Frame
from advisor.lint.checks.receivers import (
    constructor_parameter,
    receiver_class,
)

# Callees rooted here cannot be the scan's coroutines (unless the scan is of that package);
# not recording them keeps the cached per-file results small.
_FOREIGN = (frozenset(sys.stdlib_module_names) | BUILTINS) - {"asyncio"}


class Targets:
    """The callee-naming half of `await_missing.MissingAwait` (its base): every method reads
    the family's state through *self*, which `MissingAwait.__init__` sets up."""

    ctx: FileContext
    executors: Callers
    named: dict[int, set[str]]
    aliases: dict[tuple[int, str], ast.expr | None]
    #: what calling a wrapper of calls.yaml `coroutine_wrappers` returns (``asgiref.sync.
    #: sync_to_async()``): a coroutine function, as the wrapper's result is qualified
    wrappers: frozenset[str]

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
        tornado's ``IOLoop.run_sync`` runs coroutines and is no such call); and
        ``future.add_done_callback(fetch)``, ``loop.call_soon(fetch)``, ``atexit.register(fetch)``
        and the other callers that call it synchronously (`checks.await_callbacks`)."""
        for ref, how in self.executors.handed_how(node, self.ctx):
            if isinstance(ref, (ast.Name, ast.Attribute)):
                at = predicate_def(self.ctx, ref) if how == PREDICATE else None
                if how == CALLED_BACK and node.lineno <= ref.lineno <= (node.end_lineno or 0):
                    at = ref  # the argument handed over: the line its fix changes (sydent#552)
                record = self._record_func(ref, at or node, how)
                if record is not None:
                    if how == PREDICATE:
                        record[5] = PREDICATE  # make it a plain `def`
                    self.ctx.candidates.append(record)

    def _record_func(self, func: ast.expr, at: ast.AST, how: str) -> list[Any] | None:
        ctx = self.ctx
        frame = ctx.frame
        if type(func) is ast.Name:
            func = self.aliases.get((id(frame), func.id)) or func
        if type(func) in (ast.Name, ast.Attribute) and coroutine_callable(ctx, func):
            target = f"k:{source_name(func)}"  # typed `Callable[..., Awaitable[T]]`: a coroutine
        elif (
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
        elif type(func) is ast.Call:
            # `sync_to_async(f)(...)`, `asyncify(f)(...)`: a wrapper of calls.yaml
            # `coroutine_wrappers` made in place; the call of what it returns is a coroutine
            # (pulpcore#1640's `sync_to_async(AlternateContentSource.objects.exists)()`)
            qualified = ctx.qualify(func)
            if qualified is None or qualified not in self.wrappers:
                return None  # `foo()()`: what `foo` returns is unknown
            target = f"q:{qualified}"
            # shown as written, with the function it wraps: `sync_to_async(exists)`
            handed = source_name(func.args[0]) if func.args else ""
            func = ast.Name(id=f"{source_name(func.func)}({handed})")
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
                    or framework_record(ctx, func, at, how)  # `self.coordinator.set_data()`
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
        receiver = func.value
        owner = receiver_class(self.ctx, receiver, _FOREIGN)
        if owner is None and isinstance(receiver, ast.Attribute):
            # `self._connection.http.get_channel()`: an attribute of an annotated receiver,
            # typed when its class has a `@property` of that name annotated with a class
            # (`receivers.factory_returns`, read in any module: defectio#44)
            inner = receiver_class(self.ctx, receiver.value, _FOREIGN)
            if inner is not None:
                owner = f"{inner}().{receiver.attr}"
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


def _root_name(func: ast.expr) -> str | None:
    while isinstance(func, ast.Attribute):
        func = func.value
    return func.id if isinstance(func, ast.Name) else None


def _item_root(func: ast.expr) -> bool:
    """``app["tracer"].close``: a method called on an item of a mapping, by a constant key."""
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Subscript) and isinstance(func.slice, (ast.Constant, ast.Name))


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
