"""A coroutine object used again after it was awaited, for ADV102 (`checks.await_missing`).

``relation = self._parse_relation(user)`` binds the coroutine object, ``if person.year !=
await relation:`` runs it once, and ``person.year = relation`` then stores the spent
coroutine object instead of its result (vutfitdiscord/rubbergod#1061). The name still holds the
coroutine after its ``await``: every later read of it is the object, not the result, and a
second ``await`` raises ``RuntimeError: cannot reuse already awaited coroutine``. The fix is to
await where the call is bound (``relation = await self._parse_relation(user)``).

The question is pure and local: one function's nodes, a name the function binds once to the
call. A read is *after* the ``await`` when it comes later in the source and the two are not in
different branches of one ``if``, ``try`` or ``match`` (an ``await`` in the ``if`` and a read in
its ``else`` never both run). Reading the coroutine's own attributes (``close()``,
``cr_frame``) is what a coroutine object is for, not a use of the result.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from advisor.lint.callees import full_name, tail
from advisor.lint.checks.await_missing_uses import _AWAITABLE_TESTS, _CORO_ATTRS, _tests_kind
from advisor.lint.checks.helpers import own_nodes

# Statements whose fields are alternatives: two nodes under different ones never both run.
_BRANCHING: tuple[type[ast.AST], ...] = (ast.If, ast.Try, ast.Match, ast.IfExp)
if hasattr(ast, "TryStar"):  # Python 3.11+
    _BRANCHING = (*_BRANCHING, ast.TryStar)
# The fields of a branching node that run one after the other, not instead of each other.
_SEQUENTIAL = frozenset({"test", "subject"})

Path = tuple[tuple[ast.AST, str], ...]


def reused_after_await(function: ast.AST, names: set[str]) -> dict[str, tuple[int, int]]:
    """For each of *names* (bound once in *function* to an un-awaited call) that is read
    after an ``await name`` on the same path, where that first such read is (line, column)."""
    awaited: dict[str, tuple[tuple[int, int], Path]] = {}
    reads: dict[str, list[tuple[tuple[int, int], Path, ast.Name]]] = {}
    skipped: set[int] = set()
    for node, path in _walk(function):
        if isinstance(node, ast.Await) and isinstance(node.value, ast.Name):
            name = node.value.id
            if name in names:
                here = (node.value.lineno, node.value.col_offset)
                if name not in awaited or here < awaited[name][0]:
                    awaited[name] = (here, path)
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.attr in _CORO_ATTRS
        ):
            skipped.add(id(node.value))
        elif isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load):
            reads.setdefault(node.id, []).append(((node.lineno, node.col_offset), path, node))
    found: dict[str, tuple[int, int]] = {}
    for name, (first, await_path) in awaited.items():
        later = [
            (where, node)
            for where, path, node in reads.get(name, ())
            if where > first
            and id(node) not in skipped
            and not _exclusive(await_path, path)
            and not _leaves(await_path, path)
        ]
        if later:
            _where, node = min(later, key=lambda item: item[0])
            found[name] = (node.lineno, node.col_offset + 1)
    return found


def _walk(function: ast.AST) -> Iterator[tuple[ast.AST, Path]]:
    """Every node of *function*'s own body (not nested defs, classes or lambdas) with the
    (ancestor, field) pairs above it."""
    stack: list[tuple[ast.AST, Path]] = [
        (child, ((function, "body"),)) for child in reversed(getattr(function, "body", []))
    ]
    while stack:
        node, path = stack.pop()
        yield node, path
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        children: list[tuple[ast.AST, Path]] = []
        for field, value in ast.iter_fields(node):
            if isinstance(value, ast.AST):
                children.append((value, (*path, (node, field))))
            elif isinstance(value, list):
                children.extend(
                    (item, (*path, (node, field))) for item in value if isinstance(item, ast.AST)
                )
        stack.extend(reversed(children))


def _exclusive(first: Path, second: Path) -> bool:
    """Whether two nodes sit in different alternative fields of one branching node."""
    for (node_a, field_a), (node_b, field_b) in zip(first, second, strict=False):
        if node_a is not node_b:
            return False
        if field_a != field_b:
            return (
                isinstance(node_a, _BRANCHING)
                and field_a not in _SEQUENTIAL
                and field_b not in _SEQUENTIAL
                and not (
                    (isinstance(node_a, ast.Try) and {field_a, field_b} & {"finalbody"})
                    or {field_a, field_b} == {"body", "orelse"}
                )
            )
    return False


def reused(
    function: ast.AST,
    names: set[str],
    memo: dict[int, dict[str, tuple[int, int]]],
    key: int,
) -> dict[str, tuple[int, int]]:
    """`reused_after_await` for the names *function* binds exactly once, asked once per
    function (*memo*, keyed by *key*): a name bound again may hold a fresh coroutine.

    The function's own nodes are the walk's kept list (`helpers.own_nodes`: the same nodes
    as `_walk`'s, less contexts and operators), and the walk with paths runs only when one of
    the names is awaited by name (``await name``): without, nothing is found. Walking every
    such function twice with paths was 5% of a cold scan of the standard library."""
    if key not in memo:
        counts: dict[str, int] = {}
        awaited: set[str] = set()
        for node in own_nodes(function):
            kind = type(node)
            if kind is ast.Name:
                if type(node.ctx) is ast.Store and node.id in names:  # type: ignore[attr-defined]
                    counts[node.id] = counts.get(node.id, 0) + 1  # type: ignore[attr-defined]
            elif kind is ast.Await and type(node.value) is ast.Name:  # type: ignore[attr-defined]
                awaited.add(node.value.id)  # type: ignore[attr-defined]
        once = {n for n in names if counts.get(n) == 1}
        memo[key] = reused_after_await(function, once) if once & awaited else {}
    return memo[key]


_EXITS = (ast.Return, ast.Raise, ast.Break, ast.Continue)


def _leaves(await_path: Path, read_path: Path) -> bool:
    """Whether the path through the ``await`` leaves before the read: the ``await`` is in a
    ``return`` or ``raise``, or the innermost block holding it ends in an exit and the read is
    outside that block (``if pending == other: return await pending`` then ``return await
    pending``)."""
    if any(isinstance(node, (ast.Return, ast.Raise)) for node, _field in await_path):
        return True
    for depth in range(len(await_path) - 1, -1, -1):
        node, field = await_path[depth]
        block = getattr(node, field, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            inside = len(read_path) > depth and read_path[depth] == (node, field)
            return isinstance(block[-1], _EXITS) and not inside
    return False


def rebound_unawaited(function: ast.AST) -> list[ast.Call]:
    """Calls a coroutine binds to a name without ``await`` where the same function binds that
    same name to the same callee's result, awaited, elsewhere (``text = await f(args)`` in one
    ``if``, ``text = f(original.text)`` in another, then the name is used the same way after
    both: telegram-translate-bot#4). The code itself says the callee returns an awaitable, and
    the name is meant to hold its result; on the un-awaited path it holds the coroutine object,
    whatever the callee is (a parameter, a library's method). Not when the two bindings are the
    two arms of one ``if`` (``if self.has_sync_callable: value = self.dependency(**kw)`` ``else:
    value = await self.dependency(**kw)``, litestar's ``Provide``: the test picks the kind on
    purpose), nor in a function that tests for a coroutine function or an awaitable, or picks
    between a sync and an async object (`await_missing_uses._tests_kind`); nor for a name the
    function awaits (``await text``), judged as any bound coroutine."""
    awaited: list[tuple[str, str, Path]] = []
    bound: list[tuple[str, ast.Call, Path]] = []
    spent: set[str] = set()
    tests: list[ast.expr] = []
    for node, path in _walk(function):
        kind = type(node)
        if kind is ast.Call and (tail(node.func) or "") in _AWAITABLE_TESTS:  # type: ignore[attr-defined]
            return []
        if kind is ast.If or kind is ast.IfExp:
            tests.append(node.test)  # type: ignore[attr-defined]
        elif kind is ast.Await and type(node.value) is ast.Name:  # type: ignore[attr-defined]
            spent.add(node.value.id)  # type: ignore[attr-defined]
        if kind is ast.Assign and len(node.targets) == 1:  # type: ignore[attr-defined]
            target, value = node.targets[0], node.value  # type: ignore[attr-defined]
        elif kind is ast.AnnAssign and node.value is not None:  # type: ignore[attr-defined]
            target, value = node.target, node.value  # type: ignore[attr-defined]
        else:
            continue
        if type(target) is not ast.Name:
            continue
        if type(value) is ast.Await and type(value.value) is ast.Call:
            awaited.append((target.id, full_name(value.value.func), path))
        elif type(value) is ast.Call and type(value.func) in (ast.Name, ast.Attribute):
            bound.append((target.id, value, path))
    found = [
        call
        for name, call, path in bound
        if name not in spent
        and any(
            name == other and full_name(call.func) == callee and not _arms(path, where)
            for other, callee, where in awaited
        )
    ]
    if found and any(_tests_kind(test) for test in tests):
        return []
    return found


def _arms(first: Path, second: Path) -> bool:
    """Whether two nodes sit in the two arms (body and ``else``) of one ``if``."""
    for (node_a, field_a), (node_b, field_b) in zip(first, second, strict=False):
        if node_a is not node_b:
            return False
        if field_a != field_b:
            return isinstance(node_a, (ast.If, ast.IfExp)) and {field_a, field_b} == {
                "body",
                "orelse",
            }
    return False


def held_across(function: ast.AST, name: str, line: int) -> bool:
    """Whether the coroutine object bound to *name* on *line* is held across another
    ``await``: on the path from the binding to the first ``await name``, the function awaits
    something else first. The held coroutine does not run meanwhile (only a task would), and
    when that other ``await`` raises, it is never awaited at all ("coroutine ... was never
    awaited"): pyasic#154 bound ``asyncio.sleep(0)`` as a no-op placeholder beside a real task
    and awaited the two one after the other. Only a name the function reads by ``await name``
    alone (no other use: handed on, it is another's to await), bound once on that line."""
    bound: tuple[tuple[int, int], Path] | None = None
    awaits: list[tuple[tuple[int, int], Path]] = []
    others: list[tuple[tuple[int, int], Path]] = []
    awaited_names: set[int] = set()
    reads = 0
    for node, path in _walk(function):
        kind = type(node)
        if kind is ast.Assign and node.lineno == line:  # type: ignore[attr-defined]
            targets = node.targets  # type: ignore[attr-defined]
            if len(targets) == 1 and type(targets[0]) is ast.Name and targets[0].id == name:
                end = (node.end_lineno or line, node.end_col_offset or 0)  # type: ignore[attr-defined]
                bound = (end, path)
        elif kind is ast.Await:
            value = node.value  # type: ignore[attr-defined]
            here = (node.lineno, node.col_offset)  # type: ignore[attr-defined]
            if type(value) is ast.Name and value.id == name:
                awaits.append((here, path))
                awaited_names.add(id(value))
            else:
                others.append((here, path))
        elif kind is ast.Name and node.id == name and type(node.ctx) is ast.Load:  # type: ignore[attr-defined]
            reads += 1
    if bound is None or not awaits or reads != len(awaited_names):
        return False
    start, bound_path = bound
    after = [(w, p) for w, p in awaits if w > start and not _exclusive(bound_path, p)]
    if not after:
        return False
    first, first_path = min(after, key=lambda item: item[0])
    return any(
        start < where < first
        and not _exclusive(path, first_path)
        and not _exclusive(path, bound_path)
        for where, path in others
    )
