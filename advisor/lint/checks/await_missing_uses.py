"""What the code does with a coroutine object it did not await, for ADV102
(`checks.await_missing`): kept in a mapping a callback returns (`_kept_items`), handed to a
join (`_joins_values`), awaited in a sibling branch (`_awaited_elsewhere`), tested for truth
or compared with a constant (`_truth_tested`), put in a literal a coroutine returns
(`_returned_literals`), or used as the result it stands for (`_misused`: ``len(rows)``,
``rows["id"]``).

Split from `await_missing.py` (behaviour unchanged): these are pure questions about the nodes
of one function, asked once the walk has found an un-awaited call.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import Any

from advisor.lint.callees import call_values, full_name, tail
from advisor.lint.checks.base import Frame
from advisor.lint.checks.helpers import own_nodes
from advisor.lint.checks.once_guards import none_compared
from advisor.lint.statements import walk

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
    for node in walk(tree):
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
            and any(isinstance(n, ast.Await) for b in node.body for n in walk(b))
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
    for node in walk(test):
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
    tests: list[ast.expr] = []
    picks = False
    for node in own_nodes(function):
        kind = type(node)
        if type(node) is ast.Call and tail(node.func) in _AWAITABLE_TESTS:
            picks = True  # `if iscoroutinefunction(cb): await cb() else: cb()`: both on purpose
            continue
        if kind is ast.If or kind is ast.IfExp:
            tests.append(node.test)  # type: ignore[attr-defined]
        call = getattr(node, "value", None)
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            continue
        if kind is ast.Await:
            awaited.add(full_name(call.func))
        elif kind is ast.Expr:
            dropped.append(call)
    found = [call for call in dropped if full_name(call.func) in awaited]
    # A test that picks the kind makes both spellings deliberate. It is asked last, and
    # only when there is something to drop: most coroutines have no such call, and walking
    # every `if` test of every coroutine was a share of a cold scan of its own.
    if found and (picks or any(_tests_kind(test) for test in tests)):
        return []
    return found


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


#: What a coroutine object is an instance of: ``isinstance(c, Awaitable)`` asks on purpose. Any
#: name holding one of the words (``asyncio.Future``, ``CoroutineType``) is taken the same way.
_CORO_TYPES = frozenset({"object", "Any", "Hashable"})
_CORO_WORDS = ("await", "coro", "future", "task", "generator")


def _instance_tested(call: ast.Call, named: Any) -> str | None:
    """The name ``isinstance(name, T)`` tests, when *named* knows it and no class of *T* is one
    a coroutine object is an instance of: the test is then always false (rocq-agent-toolkit#286:
    ``r = self.run_step()``, then ``if isinstance(r, rdm_api.Err):`` never sees the error)."""
    if not (
        type(call.func) is ast.Name
        and call.func.id == "isinstance"
        and len(call.args) == 2
        and not call.keywords
    ):
        return None
    hit: str | None = named(call.args[0])
    if hit is None:
        return None
    kinds = call.args[1].elts if type(call.args[1]) is ast.Tuple else [call.args[1]]
    for kind in kinds:
        word = tail(kind)
        if type(kind) not in (ast.Name, ast.Attribute) or not word:
            return None  # a call, a starred tuple: the classes are not written here
        low = word.lower()
        if word in _CORO_TYPES or any(w in low for w in _CORO_WORDS):
            return None
    return hit


def _misused(function: ast.AST, names: set[str], routes: frozenset[str]) -> set[str]:
    """Which of *names* (coroutine objects, if the callee is a coroutine function) are only
    used as if they were the result: attributes or items read, iterated, tested for truth or
    against None (``if allowed:``, ``x and y``, ``bool(x)``, ``x is None``), measured or
    converted by a builtin (``len(rows)``, ``list(rows)``: `_CONSUMERS`), or put in a literal a
    route returns (``return {"stats": stats}``: a response body), or returned by a coroutine
    (``messages = super().respond(...)`` then ``return messages``: the caller's ``await`` gets
    the coroutine, as with ``return respond()``, lumen#1223); never awaited, passed on,
    returned by a plain def or stored. One walk of the function for all of them."""
    bad: set[str] = set()
    good: set[str] = set()
    coroutine = type(function) is ast.AsyncFunctionDef
    returned = _returned_literals(function, routes)
    # `messages = super().respond(messages)`: the argument is the name's old value (a
    # parameter), read before the coroutine is bound to it; handing that on is no use of it.
    earlier = {
        id(n)
        for node in own_nodes(function)
        if type(node) is ast.Assign
        and len(node.targets) == 1
        and type(node.targets[0]) is ast.Name
        and node.targets[0].id in names
        and type(node.value) is ast.Call
        for n in walk(node.value)
        if type(n) is ast.Name and n.id == node.targets[0].id
    }

    def named(node: ast.AST | None) -> str | None:
        if isinstance(node, ast.Starred):
            node = node.value
        if isinstance(node, ast.Name) and node.id in names and id(node) not in earlier:
            return node.id
        return None

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
                (bad if coroutine and kind is ast.Return else good).add(hit)
        elif kind is ast.Call:
            assert isinstance(node, ast.Call)
            if (hit := _instance_tested(node, named)) is not None:
                bad.add(hit)  # `isinstance(r, Err)`: never true of a coroutine object
                continue
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
