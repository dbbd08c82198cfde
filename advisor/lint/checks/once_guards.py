"""Code behind a one-time guard the function itself keeps (`once_guarded`): a flag
tested then set, a lazy load cached on the object or a module global, a lazy singleton on
the method's own class. What runs there runs at most once per process, so ADV101 one call
away and the call graph (`checks.reach`, `checks.once`) may find it runs before anything is
served.

Split from `helpers.py` (behaviour unchanged): reading a guard's state (`Place`) through
tests, assignments and ``hasattr`` is one job of its own.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING

from advisor.lint.checks.helpers import own_nodes

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext


def once_guarded(ctx: FileContext, function: ast.AST) -> frozenset[int]:
    """The ids of the nodes of *function*'s own body that run at most once per process,
    behind a one-time guard the function itself keeps (`checks.once`):

    - a flag tested, then set ``True`` in the same function: ``if self._done: return`` and
      later ``self._done = True`` (procrastinate's ``App.perform_import_paths``), or
      ``if not self._done:`` around a body that sets it;
    - a lazy load cached on the object or a module global: ``if self._x is None:`` (or
      ``if not hasattr(self, "x")``, ``if _X is None:`` with ``global _X``) around a body that
      assigns it;
    - a lazy singleton kept on the method's own class, named: ``if not hasattr(Controller,
      "_instance") or Controller._instance is None: Controller._instance = Controller()`` in
      a static ``Controller.instance()`` (gns3-server's ``Controller`` and ``Config``); tests
      joined by ``or`` guard when each of them reads the same place.

    Only what the guarded branch itself holds counts (what runs after ``if ...: return`` at
    the top level of the body, or inside the ``if``): a guard that a caller keeps elsewhere,
    or a flag set by another function, says nothing about this code. A function decorated
    with ``functools.cache``/``lru_cache``/``cached_property`` runs once per argument (or per
    object) too: `checks.reach` marks every reason in its body ``once``, the same mark."""
    key = ("once_guarded", id(function))
    found: frozenset[int] | None = ctx.memo.get(key)
    if found is None:
        # kept frozen: asked for every call of a plain def, a copy each time was not free
        frame = ctx.frame_of.get(id(function))
        owner = frame.cls[1].name if frame is not None and frame.cls is not None else None
        found = ctx.memo[key] = frozenset(_once_guarded(function, owner))
    return found


#: Where a guard keeps its state: ``("self", "_x")`` for ``self._x``, ``("", "_X")`` for a name.
Place = tuple[str, str]


def _place(node: ast.expr) -> Place | None:
    """``self._x`` or a plain name: a place a guard can keep its state in."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id, node.attr
    if isinstance(node, ast.Name):
        return "", node.id
    return None


def none_compared(test: ast.expr) -> ast.expr | None:
    """What ``X is None`` or ``X is not None`` compares (``X``), or None for any other test."""
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], (ast.Is, ast.IsNot))
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    ):
        return test.left
    return None


def _cached_target(test: ast.expr) -> tuple[Place, bool] | None:
    """What a guard's test reads, and whether its true branch is the first run: ``X is None``,
    ``not hasattr(self, "x")``, ``not X`` (first run), ``X``, ``X is not None`` (done); tests
    joined by ``or`` that all read one place and all mean the first run (``not hasattr(C,
    "_x") or C._x is None``) are that place's first run."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        reads = [_cached_target(value) for value in test.values]
        first_reads = {read[0] for read in reads if read is not None and read[1]}
        if len(first_reads) == 1 and all(read is not None and read[1] for read in reads):
            return first_reads.pop(), True
        return None
    negated = False
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        negated, test = True, test.operand
    compared = none_compared(test)
    if compared is not None:
        assert isinstance(test, ast.Compare)
        place = _place(compared)
        first = isinstance(test.ops[0], ast.Is) != negated
        return (place, first) if place else None
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id == "hasattr"
        and len(test.args) == 2
        and isinstance(test.args[0], ast.Name)
        and isinstance(test.args[1], ast.Constant)
        and isinstance(test.args[1].value, str)
    ):
        return (test.args[0].id, test.args[1].value), negated
    place = _place(test)
    return (place, negated) if place else None


def _assigns(nodes: list[ast.AST], target: Place) -> bool:
    """Whether *nodes* store a value into the place *target*: ``self._x = load()``,
    ``self._done = True``; not ``None``, ``False`` or another falsy constant, which would
    open the guard again."""
    for node in nodes:
        if isinstance(node, ast.Assign):
            places, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            places, value = [node.target], node.value
        else:
            continue
        if isinstance(value, ast.Constant) and not value.value:
            continue
        if any(_place(place) == target for place in places):
            return True
    return False


def _within(statements: list[ast.stmt]) -> Iterator[ast.AST]:
    """*statements* and every node in them, nested functions and classes left out."""
    yield from own_nodes(ast.Module(body=statements, type_ignores=[]))


def _once_guarded(function: ast.AST, cls: str | None = None) -> set[int]:
    guarded: set[int] = set()
    body: list[ast.stmt] = list(getattr(function, "body", []))
    if isinstance(function, ast.Lambda):
        return guarded
    # State kept across calls: an attribute of the object the method belongs to (``self``,
    # ``cls``: its first parameter), or a module global the function declares. A parameter or
    # local (`if docker_host is None: docker_host = ...`, aiodocker's `Docker.__init__`) and
    # an attribute of a request or another argument may be new on every call. The class the
    # method belongs to, named (*cls*: ``Controller._instance``), is shared like ``cls``.
    arguments = getattr(function, "args", None)
    positional = [*arguments.posonlyargs, *arguments.args] if arguments is not None else []
    owner = positional[0].arg if positional else None
    shared = {name for node in body if isinstance(node, ast.Global) for name in node.names}
    for index, statement in enumerate(body):
        if not isinstance(statement, ast.If):
            continue
        read = _cached_target(statement.test)
        if read is None:
            continue
        target, first = read
        if not (target[0] and target[0] in (owner, cls)) and not (
            not target[0] and target[1] in shared
        ):
            continue
        if first:
            # `if self._x is None: self._x = load()`, `if not self._done: ...; self._done = True`
            inside = list(_within(statement.body))
            if _assigns(inside, target):
                guarded.update(id(n) for n in inside)
        elif statement.body and isinstance(statement.body[-1], ast.Return) and not statement.orelse:
            # `if self._done: return` ... `self._done = True` later in the body
            after = list(_within(body[index + 1 :]))
            if _assigns(after, target):
                guarded.update(id(n) for n in after)
    return guarded
