"""The scan's name resolver memoises `qualify` and walks statements only for its tables: the
speed work of issue 17 must not change a single answer (docs/benchmarks.md, "Winning back the
cold run")."""

from __future__ import annotations

import ast
import textwrap

from advisor.lint.names import Resolver, Scope, _statements

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
    assert _assignments(_statements(tree)) == _assignments(ast.walk(tree))  # type: ignore[arg-type]


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
