"""The branches of a plain def that run only when no event loop runs in its thread, for ADV101
one call away (`reach_reasons.Reasons._in_def` leaves the calls there out of the chains).

Library code that must work with and without a loop asks first: ``try:
asyncio.get_running_loop() except RuntimeError: loop.run_until_complete(...)``, ``if
loop.is_running(): create_task(...) else: run_until_complete(...)``, ``if
asyncio._get_running_loop() is None: asyncio.run(...)``, a flag ``running = loop.is_running()``
tested later (mcp-agent's ``Logger._emit_event``, behind every ``logger.debug``; nodriver's
``Browser.stop``), or a flag the probe's ``try`` sets (``try: asyncio.get_running_loop();
running = True except RuntimeError: running = False`` ... ``if not running:``): set to ``True``
after the probe in the ``try`` body (or its ``else``), it is set only where a loop runs. A chain starts in a coroutine, so the answer there is yes: the branch taken
without a loop cannot run, and a chain through it is not one. The branch taken with a loop
stays (it blocks there), and so does a test on anything else than the current loop (``if
self.loop.is_running()``: an attribute may hold another thread's loop).

How code asks is the table of `calls.yaml` (``loop_probes``, ``loop_probes_or_none``,
``loop_probe_raisers``, ``loop_probe_errors``); deciding is pure, memoised per def.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from advisor.lint._data import bundle
from advisor.lint.callees import tail
from advisor.lint.checks.helpers import caught_names, own_nodes, statements
from advisor.lint.statements import walk

#: How a test reads when a loop runs: True (taken), False (not taken), None (cannot say).
State = bool | None


@lru_cache(maxsize=1)
def _table() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    calls = bundle()["calls"]
    return (
        frozenset(calls["loop_probes"]),
        frozenset(calls["loop_probes_or_none"]),
        frozenset(calls["loop_probe_raisers"]),
        frozenset(calls["loop_probe_errors"]),
    )


def no_loop_nodes(ctx: Any, function: ast.AST) -> frozenset[int]:
    """The ids of the nodes of *function* (its own body) that run only without a running loop."""
    key = ("no_loop", id(function))
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _Decider(ctx, function).dead()
    return found  # type: ignore[no-any-return]


class _Decider:
    """One def's tests of the running loop, read once."""

    def __init__(self, ctx: Any, function: ast.AST, depth: int = 0) -> None:
        self.ctx = ctx
        self.function = function
        self.depth = depth
        self.nodes = list(own_nodes(function))
        self.probes, self.or_none, self.raisers, self.errors = _table()
        self.handlers: set[int] = set()  # ids of the nodes under a no-loop ``except``
        self.fallbacks: set[int] = set()  # ids of the nodes under any ``except``
        self.confirmed: set[int] = set()  # ids of `True` set after a probe that did not raise
        self.assigned: dict[str, list[ast.Assign]] = {}
        self.resolving: set[str] = set()  # names being followed, against cycles
        self._stores: Counter[str] | None = None  # name -> its stores, counted once

    def dead(self) -> frozenset[int]:
        if not any(isinstance(n, ast.Call) for n in self.nodes):
            return frozenset()
        out: set[int] = set()
        for node in self.nodes:
            if isinstance(node, ast.Try):
                asks = self._asks_in_try(node)
                for handler in node.handlers:
                    ids = _ids(handler.body)
                    self.fallbacks |= ids
                    if asks and self._catches(handler, len(node.body)):
                        self.handlers |= ids
                        out |= ids
                        self._confirm(node)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    self.assigned.setdefault(target.id, []).append(node)
        for node in self.nodes:
            if isinstance(node, (ast.If, ast.IfExp, ast.While)):
                state = self._state(node.test)
                if state is True and not isinstance(node, ast.While):
                    out |= _ids(_as_list(node.orelse))
                    out |= self._after_exit(node)
                elif state is False:
                    out |= _ids(_as_list(node.body))
        return frozenset(out)

    def _after_exit(self, node: ast.AST) -> set[int]:
        """``if loop.is_running(): ...; return`` then the no-loop code: the statements after an
        ``if`` taken with a loop whose body always leaves."""
        if not isinstance(node, ast.If) or node.orelse or not _leaves(node.body):
            return set()
        for holder in [self.function, *self.nodes]:
            for field in ("body", "orelse", "finalbody"):
                block = getattr(holder, field, None)
                if isinstance(block, list) and node in block:
                    return _ids(block[block.index(node) + 1 :])
        return set()

    # -- how a def asks ------------------------------------------------------------------
    def _qualified(self, call: ast.Call) -> str:
        return self.ctx.qualify(call.func) or ""

    def _asks_in_try(self, node: ast.Try) -> bool:
        """A ``try`` whose body calls what raises without a running loop."""
        calls = [n for s in node.body for n in walk(s) if isinstance(n, ast.Call)]
        return any(self._qualified(c) in self.raisers for c in calls)

    def _confirm(self, node: ast.Try) -> None:
        """The ``True`` a flag is set to in the ``try`` body after the probe, or in its
        ``else``: reached only when the probe did not raise, so with a running loop."""
        probe = next(
            (
                i
                for i, statement in enumerate(node.body)
                if any(
                    isinstance(n, ast.Call) and self._qualified(n) in self.raisers
                    for n in walk(statement)
                )
            ),
            None,
        )
        if probe is None:
            return
        for statement in [*node.body[probe + 1 :], *node.orelse]:
            if (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and isinstance(statement.value, ast.Constant)
                and statement.value.value is True
            ):
                self.confirmed.add(id(statement.value))

    def _catches(self, handler: ast.ExceptHandler, statements: int) -> bool:
        """The handler catches the probe's error: by name, or (``except:``, ``except
        Exception``) around a body of one statement, whose other failures are unlikely."""
        if handler.type is None:
            return statements == 1
        names = caught_names(handler)
        if names & self.errors:
            return True
        return statements == 1 and bool(names & {"Exception", "BaseException"})

    def _current_loop(self, expr: ast.AST) -> bool:
        """*expr* is the thread's loop: a probe's result, a local only ever bound to one (or
        to something else only where no loop runs), or a call of a def of this file that
        returns one."""
        if isinstance(expr, ast.Call):
            if self._qualified(expr) in self.probes:
                return True
            return self._returns_loop(expr.func)
        if isinstance(expr, ast.Name):
            return self._only_bound(expr.id, self._current_loop)
        return False

    def _only_bound(self, name: str, test: Any, skipped: set[int] | None = None) -> bool:
        """Every binding of *name* passes *test*, but those in *skipped* (a no-loop
        ``except``, by default); one does."""
        bound = self.assigned.get(name)
        if not bound or name in self.resolving or not self._only_assigned(name, len(bound)):
            return False  # unbound, or bound from itself (``a = b; b = a``): cannot say
        skip = self.handlers if skipped is None else skipped
        live = [a for a in bound if id(a) not in skip]
        self.resolving.add(name)
        try:
            return bool(live) and all(test(a.value) for a in live)
        finally:
            self.resolving.discard(name)

    def _only_assigned(self, name: str, count: int) -> bool:
        """*name* is bound only by the *count* plain assignments (no loop, ``with``, augment).
        The stores are counted once per def: counted again for each test, a generated def of
        thousands of ``if x:`` lines took a minute."""
        if self._stores is None:
            self._stores = Counter(
                n.id for n in self.nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
            )
        return self._stores[name] == count

    def _returns_loop(self, func: ast.expr) -> bool:
        """A def of this file named like *func* (``self._ensure_loop``, ``get_loop``), the only
        one so named, whose every return outside its no-loop branches is the current loop."""
        if self.depth > 0:
            return False
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if func.value.id not in ("self", "cls"):
                return False
            name = func.attr
        elif isinstance(func, ast.Name):
            name = func.id
        else:
            return False
        defs = _defs(self.ctx).get(name, [])
        if len(defs) != 1 or defs[0] is self.function:
            return False
        inner = _Decider(self.ctx, defs[0], self.depth + 1)
        dead = inner.dead()
        returns = [n for n in inner.nodes if isinstance(n, ast.Return) and id(n) not in dead]
        return bool(returns) and all(
            r.value is not None and inner._current_loop(r.value) for r in returns
        )

    # -- what a test reads ---------------------------------------------------------------
    def _state(self, test: ast.expr) -> State:
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            inner = self._state(test.operand)
            return None if inner is None else not inner
        if isinstance(test, ast.BoolOp):
            states = [self._state(v) for v in test.values]
            if isinstance(test.op, ast.And):
                return False if False in states else (True if all(states) else None)
            return True if True in states else (False if all(s is False for s in states) else None)
        if isinstance(test, ast.Call):
            func = test.func
            if isinstance(func, ast.Attribute) and func.attr == "is_running" and not test.args:
                return True if self._current_loop(func.value) else None
            return None
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            if _is_none(test.comparators[0]) and self._loop_or_none(test.left):
                if isinstance(test.ops[0], ast.Is):
                    return False
                if isinstance(test.ops[0], ast.IsNot):
                    return True
            return None
        # a flag bound to ``loop.is_running()`` (its fallback in an ``except``, for a loop
        # without is_running, as Temporal's: an asyncio loop has it), or the current loop
        # itself: truthy
        if isinstance(test, ast.Name) and (
            self._only_bound(test.id, self._flag, self.fallbacks) or self._current_loop(test)
        ):
            return True
        return None

    def _flag(self, value: ast.expr) -> bool:
        if id(value) in self.confirmed:
            return True  # `running = True` after the probe, in its `try`
        return (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "is_running"
            and self._current_loop(value.func.value)
        )

    def _loop_or_none(self, expr: ast.expr) -> bool:
        """The running loop or None: a call named like ``_get_running_loop``, or a local bound
        to one, or to None only in a no-loop ``except``."""
        if isinstance(expr, ast.Call):
            return tail(expr.func) in self.or_none or self._current_loop(expr)
        if isinstance(expr, ast.Name):
            return self._only_bound(expr.id, self._loop_or_none)
        return False


def _defs(ctx: Any) -> dict[str, list[ast.FunctionDef]]:
    """The plain defs of the file by name, listed once per file (`_returns_loop` asks for
    each call it follows): a def is a statement, so the statements alone are searched, not
    every expression (a walk of the whole file for each file that asked was a sixteenth of a
    cold scan of the standard library)."""
    key = ("loop_branches", "defs")
    found = ctx.memo.get(key)
    if found is None:
        named: dict[str, list[ast.FunctionDef]] = {}
        for node in statements(ctx.tree.body, ()):
            if isinstance(node, ast.FunctionDef):
                named.setdefault(node.name, []).append(node)
        found = ctx.memo[key] = named
    return found  # type: ignore[no-any-return]


def _leaves(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], (ast.Return, ast.Raise, ast.Continue, ast.Break))


def _is_none(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is None


def _as_list(part: Any) -> list[ast.AST]:
    return part if isinstance(part, list) else [part]


def _ids(statements: Iterable[ast.AST]) -> set[int]:
    return {id(n) for s in statements for n in walk(s)}
