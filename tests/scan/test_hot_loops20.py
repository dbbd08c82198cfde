"""Three hot loops made cheaper in round 20 (docs/benchmarks.md, "Round 20"): each gives the
same answer as the plain version it replaced, written out here as the reference. The fixture
is our own: every statement kind that holds a block (``try``/``except``/``else``/``finally``,
``match``, ``with``, loops with ``else``, nested defs and classes) and calls giving
positional strings, keywords and ``**{...}``."""

from __future__ import annotations

import ast
from collections.abc import Iterator

import pytest

from advisor.lint._data import bundle
from advisor.lint.callees import tail
from advisor.lint.checks.defaults import _key, call_keys
from advisor.lint.checks.helpers import statements
from advisor.lint.triggers import Triggers

SOURCE = """
import time
def outer(a, *, wait=True):
    if a:
        time.sleep(1)
    elif wait:
        for x in range(3):
            print(x)
        else:
            pass
    try:
        run("fast", mode="x", **{"timeout": 1, "retry": 2})
    except OSError:
        handle(on_error, "quiet")
    else:
        done(callback, key="k")
    finally:
        close()
    try:
        group()
    except* ValueError:
        pass
    while a:
        break
    else:
        a = 1
    match a:
        case 1:
            one()
        case _:
            other(fn, cb=g, **opts)
    with open("f") as handle:
        async def inner():
            await go(name="n")
        class Inner:
            def m(self):
                self.x.y(z=1)
    return lambda: ask("what", why=1)
"""


def _reference_statements(
    body: list[ast.stmt],
    past: tuple[type[ast.AST], ...] = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef),
) -> Iterator[ast.stmt]:
    stack = list(body)
    while stack:
        stmt = stack.pop()
        yield stmt
        if isinstance(stmt, past):
            continue
        for field in ("body", "orelse", "finalbody"):
            stack.extend(getattr(stmt, field, ()))
        for handler in getattr(stmt, "handlers", ()):
            stack.extend(handler.body)
        for case in getattr(stmt, "cases", ()):
            stack.extend(case.body)


def _reference_call_keys(call: ast.Call) -> Iterator[str]:
    callees = {tail(call.func)}
    for arg in call.args:
        if isinstance(arg, (ast.Name, ast.Attribute)):
            callees.add(tail(arg))
        key = _key(arg)
        if key is not None:
            yield key
    names: list[str] = []
    for keyword in call.keywords:
        if keyword.arg is not None:
            names.append(keyword.arg)
        elif isinstance(keyword.value, ast.Dict):
            names.extend(k for k in map(_key, keyword.value.keys) if k is not None)
    for callee in callees - {None}:
        for name in names:
            yield f"{callee}.{name}"


@pytest.mark.parametrize(
    "past", [(), (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef), (ast.ClassDef,)]
)
def test_statements_are_the_plain_walks_in_its_order(past: tuple[type[ast.AST], ...]) -> None:
    tree = ast.parse(SOURCE)
    assert [id(s) for s in statements(tree.body, past)] == [
        id(s) for s in _reference_statements(tree.body, past)
    ]


def test_call_keys_are_the_plain_versions_keys() -> None:
    calls = [n for n in ast.walk(ast.parse(SOURCE)) if isinstance(n, ast.Call)]
    assert any(call_keys(c) for c in calls)
    for call in calls:
        assert sorted(call_keys(call)) == sorted(_reference_call_keys(call))


@pytest.mark.parametrize(
    "text",
    [
        b"import multiprocessing\nPool(4)\n",  # both words of a group
        b"from multiprocessing import Process\n",
        b"Pool = 1\n",  # one word of the group only
        b"import threading\nThread(target = f)\n",
        b"parser.set_defaults(func=main)\n",
        b"x = 1\n",
    ],
)
def test_a_groups_words_asked_longest_first_match_as_before(text: bytes) -> None:
    triggers = Triggers(bundle()["rules"])
    plain = (
        any(all(word in text for word in group) for group in triggers.groups)
        or any(word in text for word in triggers.words)
        or any(hint in text and pattern.search(text) for pattern, hint in triggers.regexes)
    )
    assert triggers(text) == plain
