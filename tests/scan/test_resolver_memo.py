"""The scan's name resolver memoises `qualify` and walks statements only for its tables: the
speed work of issue 17 must not change a single answer (docs/benchmarks.md, "Winning back the
cold run")."""

from __future__ import annotations

import ast
import textwrap

from advisor.lint.bindings import Scope
from advisor.lint.names import Resolver
from advisor.lint.statements import statements

SOURCE = textwrap.dedent(
    """
    import requests
    import sqlite3

    class Client:
        def __init__(self):
            self.session = requests.Session()
            self.pair, other = 1, 2
            if True:
                try:
                    self.db = sqlite3.connect("x")
                except OSError:
                    def inner():
                        self.late = requests.Session()

        async def fetch(self):
            app["db"] = sqlite3.connect("y")
            return self.session.get("u"), app["db"].execute("q")
    """
)


def _assignments(node: ast.AST) -> list[ast.AST]:
    kinds = (ast.Assign, ast.AnnAssign, ast.AugAssign)
    return [n for n in node if isinstance(n, kinds)]  # type: ignore[attr-defined]


def test_statements_meet_the_assignments_ast_walk_meets_in_its_order() -> None:
    tree = ast.parse(SOURCE)
    assert _assignments(statements(tree)) == _assignments(ast.walk(tree))  # type: ignore[arg-type]


def test_qualify_is_memoised_and_answers_the_same() -> None:
    tree = ast.parse(SOURCE)
    fresh = Resolver("m", False, tree)
    memoised = Resolver("m", False, tree)
    method = tree.body[2].body[1]  # type: ignore[attr-defined]
    calls = [n for n in ast.walk(method) if isinstance(n, ast.Call)]

    cls = Scope(tree.body[2], memoised.module_scope, "m.Client", is_class=True)
    scope = Scope(method, cls, "m.Client.fetch")
    first = [memoised.qualify(call.func, scope) for call in calls]
    again = [memoised.qualify(call.func, scope) for call in calls]
    assert first == again
    assert "requests.Session().get" in first
    assert "sqlite3.connect().execute" in first
    plain_cls = Scope(tree.body[2], fresh.module_scope, "m.Client", is_class=True)
    plain = Scope(method, plain_cls, "m.Client.fetch")
    fresh._qualified = None  # no memo at all
    assert [fresh.qualify(call.func, plain) for call in calls] == first


def test_a_global_statement_turns_the_memo_off() -> None:
    tree = ast.parse("import time\ndef f():\n    global time\n    time.sleep(1)\n")
    resolver = Resolver("m", False, tree)

    scope = Scope(tree.body[1], resolver.module_scope, "m.f")
    call = tree.body[1].body[1].value  # type: ignore[attr-defined]
    resolver.qualify(call.func, scope)
    assert resolver._qualified is None


RECEIVERS = textwrap.dedent(
    """
    import asyncio
    from app.client import Client

    class Store:
        client: Client

        async def run(self, other: Client):
            self.client.fetch()
            self.client.fetch()
            other.fetch()
            other.fetch()
            other.close()
    """
)


def _receivers(memo: bool) -> tuple[list[str | None], int]:
    """Every ``x.m()`` receiver's class in RECEIVERS' coroutine, and how many times the
    statements were read for one (`receivers._receiver_class`)."""
    from advisor.lint.bindings import Scope
    from advisor.lint.checks import FileContext, receivers

    tree = ast.parse(RECEIVERS)
    ctx = FileContext("m.py", "m", False, tree)
    if not memo:
        ctx.resolver._qualified = None
    cls_node = tree.body[2]
    assert isinstance(cls_node, ast.ClassDef)
    method = cls_node.body[1]
    from advisor.lint.checks.base import ASYNC, Frame

    cls_scope = Scope(cls_node, ctx.resolver.module_scope, "m.Store", is_class=True)
    ctx.scope = Scope(method, cls_scope, "m.Store.run")
    ctx.frame = Frame(ASYNC, method, ctx.scope, ("m.Store", cls_node), "self")
    computed = 0
    original = receivers._receiver_class

    def counted(*args: object) -> str | None:
        nonlocal computed
        computed += 1
        return original(*args)  # type: ignore[arg-type]

    receivers._receiver_class = counted  # type: ignore[assignment]
    try:
        calls = [n for n in ast.walk(method) if isinstance(n, ast.Call)]
        found = [receivers.receiver_class(ctx, call.func.value) for call in calls]  # type: ignore[attr-defined]
    finally:
        receivers._receiver_class = original
    return found, computed


def test_a_receiver_class_is_read_once_per_function_and_answers_the_same() -> None:
    memoised, computed = _receivers(memo=True)
    plain, every = _receivers(memo=False)
    assert memoised == plain
    assert memoised.count("app.client.Client") == 5
    assert (computed, every) == (2, 5)  # `self.client` once, `other` once
