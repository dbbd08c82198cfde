"""ADV110 on a plain ``def`` that overrides a coroutine method its base class awaits.

vocode's ``EventsManager`` (one module) declares ``async def handle_event`` and its loop
``start()``, run as a task, does ``await self.handle_event(event)`` for each queued event. The
transcript manager, a subclass in another module, overrode it with a plain ``def
handle_event``: on that manager's instances the base's ``await`` gets ``None`` and raises
``TypeError: object NoneType can't be used in 'await' expression``; the events task dies and its
queue is no longer drained (vocode-core#408, fixed by making the override ``async def``). The
base's await looks right in its file and the override looks right in its own; only the two
together are the bug. It is the mirror of `await_overrides` (an ``async def`` overriding a
plain method the base calls bare, ADV102).

Per file, in `await_plain`'s walk: each ``await self.m(...)`` in a method of a class is kept as a
fact (``sa``: the class, the method, the line, the calling method), unless the calling method
asks whether its callee is a coroutine function or its result awaitable
(``inspect.iscoroutinefunction``, ``isawaitable``: it takes either kind on purpose); and each
plain method of a class with a base, carrying no decorator but ``staticmethod`` or
``classmethod``, whose every ``return`` is plainly no awaitable (`await_plain`'s test: literals,
comparisons, builtins' results, nothing) is a candidate (``po``). After the scan (`resolve`): a
candidate is reported, at its ``def``, when the nearest definition of the method above its class
is an ``async def`` of the scan and a class above awaits ``self.m(...)`` in a method the
candidate's class still inherits from there (`await_overrides._overridden`, the same test as for
the mirror). Not reported: an override of a plain or decorated base method, of a library's class
the scan does not hold, a body that is a stub or ends in ``raise`` (a hook that refuses), one
returning anything else (a call, a name, an attribute: it may hand back a coroutine, a future or
a task, which the base's ``await`` takes), and a base whose every ``await self.m()`` sits in a
method the subclass overrides too.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from advisor.lint.checks.await_overrides import _overridden
from advisor.lint.checks.base import FileContext
from advisor.lint.checks.helpers import own_nodes

CORO = 1  # `await_missing_across.CORO`: a coroutine method in the facts

#: Names a method reads when it takes a coroutine function and a plain one on purpose.
_KIND_TESTS = frozenset(
    {"iscoroutinefunction", "iscoroutine", "isawaitable", "isasyncgenfunction", "isfuture"}
)


def awaited_self(ctx: FileContext, call: ast.Call) -> None:
    """Keep ``await self.m(...)`` in a method of a class (``sa`` facts: class, method, line,
    the calling method of the class), unless that method tests what kind its callee is."""
    frame = ctx.frame
    func = call.func
    if (
        frame.cls is None
        or not isinstance(func, ast.Attribute)
        or not isinstance(func.value, ast.Name)
        or func.value.id != frame.self_name
    ):
        return
    cls = frame.cls[0]
    caller = None
    for outer in ctx.frames:  # the method of the class the await is in, closures included
        if outer.qualname.rpartition(".")[0] == cls:
            caller = outer
            break
    if caller is None or _tests_kind(ctx, caller.node):
        return
    name = getattr(caller.node, "name", "")
    ctx.facts.setdefault("sa", []).append([cls, func.attr, call.lineno, name])


def _tests_kind(ctx: FileContext, function: ast.AST) -> bool:
    """Whether *function* reads ``iscoroutinefunction``, ``isawaitable`` or a kin (kept per
    function for the file's walk)."""
    key = ("kind_tests", id(function))
    kept = ctx.memo.get(key)
    if kept is None or kept[0] is not function:
        found = any(
            (type(n) is ast.Attribute and n.attr in _KIND_TESTS)
            or (type(n) is ast.Name and n.id in _KIND_TESTS)
            for n in own_nodes(function)
        )
        kept = ctx.memo[key] = (function, found)
    return bool(kept[1])


def candidate(
    ctx: FileContext, node: ast.FunctionDef, returns: Callable[[ast.FunctionDef], str | None]
) -> None:
    """Keep *node*, a plain method of a class with a base, when *returns* (`await_plain`'s
    test) finds every ``return`` plainly no awaitable (``po``: line, column, class, method,
    what it returns)."""
    scope = ctx.scope
    if not scope.is_class or not ctx.classes:
        return
    cls_qual, cls_node = ctx.classes[-1]
    if cls_qual != scope.qualname or not cls_node.bases:
        return
    if any(not (isinstance(d, ast.Name) and d.id in {"staticmethod", "classmethod"})
           for d in node.decorator_list):  # fmt: skip
        return
    returned = returns(node)
    if returned is None:
        return
    entry = [node.lineno, node.col_offset + 1, cls_qual, node.name, returned]
    ctx.memo.setdefault("plain_overrides", []).append(entry)


def resolve(
    views: Iterable[tuple[str, Mapping[str, Any]]],
    classes: Mapping[str, Mapping[str, Any]],
    exported: Callable[[str], str],
) -> list[tuple[str, list[Any]]]:
    """The ``po`` candidates of *views* whose base class awaits the method they override as
    a coroutine: ADV110 at the override's ``def``, naming the base's await."""
    awaited: dict[tuple[str, str], list[tuple[str, int, str]]] = {}
    for path, result in views:
        for cls, method, line, caller in (result.get("facts") or {}).get("sa", ()):
            awaited.setdefault((cls, method), []).append((path, line, caller))
    if not awaited:
        return []
    found: list[tuple[str, list[Any]]] = []
    for path, result in views:
        for line, col, cls, method, returned in result.get("po", ()):
            entry = classes.get(cls)
            if entry is None or entry["methods"].get(method) != 0:  # SYNC: one plain def
                continue
            by = _awaited_above(classes, exported, awaited, cls, method)
            if by is None:
                continue
            base, caller, at, call_line = by
            params = {
                "how": "overridden",
                "where": "overridden",
                "call": f"{cls.rpartition('.')[2]}.{method}",
                "base": f"{base.rpartition('.')[2]}.{method}",
                "caller": f"{base.rpartition('.')[2]}.{caller}",
                "at": f"{at}:{call_line}",
                "returned": returned,
            }
            found.append((path, [line, col, "ADV110", params]))
    return found


def _awaited_above(
    classes: Mapping[str, Mapping[str, Any]],
    exported: Callable[[str], str],
    awaited: Mapping[tuple[str, str], list[tuple[str, int, str]]],
    cls: str,
    method: str,
) -> tuple[str, str, str, int] | None:
    """(the class that awaits it, its calling method, its file, the line) when the nearest
    definition of *method* above *cls* is a coroutine of the scan and a class above awaits
    ``self.method(...)`` in a method *cls* still inherits from there; else None."""
    nearest: int | None = None
    seen = {cls}
    todo = list(classes[cls]["bases"])
    ancestors: list[str] = []
    while todo:
        written = todo.pop(0)
        if written is None:
            return None  # a base no name resolves: it may define anything
        name = exported(written)
        if name in seen:
            continue
        seen.add(name)
        entry = classes.get(name)
        if entry is None:
            if nearest is None:
                return None  # a library's class may define the method: not the scan's to say
            continue
        ancestors.append(name)
        if nearest is None and method in entry["methods"]:
            nearest = int(entry["methods"][method])
            if nearest != CORO:
                return None  # the base's own method is plain or decorated
        todo.extend(entry["bases"])
    if nearest != CORO:
        return None
    for name in ancestors:
        for at, line, caller in awaited.get((name, method), ()):
            if caller == method:
                continue  # the base's own method, which the override replaces
            if caller == "__init__" or not _overridden(classes, exported, cls, name, caller):
                return name, caller, at, line
    return None
