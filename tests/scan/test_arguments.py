"""What a call's arguments decide in the callee (`checks.arguments`): the pure parts, one fact
each. The rule's behaviour end to end is the fixture ADV101_arguments."""

from __future__ import annotations

import ast

import pytest

from advisor.lint.checks.arguments import (
    Guards,
    bind,
    compiled_patterns,
    conditions,
    dead,
    literal_shape,
    parameters,
)


def test(source: str) -> ast.expr:
    node = ast.parse(source, mode="eval").body
    assert isinstance(node, ast.expr)
    return node


test.__test__ = False  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("source", "holds", "expected"),
    [
        ("url is None", True, [["url", "none", None, True]]),
        ("url is not None", True, [["url", "none", None, False]]),
        ("not url", True, [["url", "truth", None, False]]),
        ("callable(kwargs)", False, [["kwargs", "callable", None, False]]),
        ("isinstance(x, (str, bytes))", True, [["x", "isinstance", ["bytes", "str"], True]]),
        ('mode == "fast"', True, [["mode", "eq", "fast", True]]),
        ("a is None and b", True, [["a", "none", None, True], ["b", "truth", None, True]]),
        ("a is None and b", False, []),  # either may be the false one
        ("a or b", False, [["a", "truth", None, False], ["b", "truth", None, False]]),
        ("a or b", True, []),
        ('url.startswith(("unix://", "npipe://"))', True,
         [["url", "startswith", ["unix://", "npipe://"], True]]),
        ("isinstance(fp, io.IOBase)", False, [["fp", "isinstance", ["io.IOBase"], False]]),
        ("isinstance(fp, a.b.C)", True, []),  # a deeper path: says nothing
        ("self.pool.kwargs is None", True, []),  # not a name: says nothing
        ("f(x)", True, []),
    ],
)  # fmt: skip
def test_conditions(source: str, holds: bool, expected: list[list[object]]) -> None:
    assert conditions(test(source), holds) == expected


def guards_at(source: str, line: int) -> list[list[object]]:
    """The conditions on the parameters open at *line* of the function in *source*."""
    tree = ast.parse(source)
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    branches: list[tuple[ast.expr, bool]] = []
    for node in ast.walk(function):
        if isinstance(node, ast.If):
            for holds, stmts in ((True, node.body), (False, node.orelse)):
                if stmts and stmts[0].lineno <= line <= (stmts[-1].end_lineno or 0):
                    branches.append((node.test, holds))
    return Guards(function, compiled_patterns(tree)).of(branches)


ALIASED = """def init(url=None):
    host = url
    endpoint = None
    if host is None:
        endpoint = lookup()
        host = endpoint
    if host is None:
        read()
    if endpoint is not None:
        tls()
"""


def test_an_alias_rebound_only_where_it_was_none_decides_for_values_not_none() -> None:
    assert guards_at(ALIASED, 5) == [["url", "none", None, True, False]]
    assert guards_at(ALIASED, 8) == [["url", "none", None, True, True]]
    # `endpoint` is None unless the first branch ran: its conditions hold there.
    assert guards_at(ALIASED, 10) == [["url", "none", None, True, False]]


def test_a_name_rebound_before_the_test_or_in_its_loop_decides_nothing() -> None:
    rebound = "def f(url=None):\n    url = url or 'x'\n    if url is None:\n        read()\n"
    assert guards_at(rebound, 4) == []
    looped = (
        "def f(url=None):\n    for _ in range(3):\n        if url is None:\n"
        "            read()\n        url = None\n"
    )
    assert guards_at(looped, 4) == []


def spec(source: str) -> list[object]:
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    return parameters(function, 1 if source.startswith("def __init__") else 0)


def test_bind_defaults_keywords_and_the_instance_parameter() -> None:
    init = spec("def __init__(self, url=None, *, tls=None): pass")
    given = [[], {"url": ["str", True, "ssh://h"]}]
    assert bind(init, given, bound=True) == {
        "url": ["str", True, "ssh://h"],
        "tls": ["NoneType", False],
    }
    assert bind(init, [[["str", True, "x"]], {}], bound=True)["url"] == ["str", True, "x"]
    assert bind(init, None, bound=True) == {}  # *args / **kwargs: nothing sure
    assert bind(spec("def f(a): pass"), [[None, None], {}], bound=False) == {}


@pytest.mark.parametrize(
    ("condition", "shape", "is_dead"),
    [
        (["url", "none", None, True, False], ["str", True, "ssh://h"], True),
        (["url", "none", None, True, False], ["NoneType", False], False),
        (["url", "none", None, True, True], ["NoneType", False], False),  # may be rebound
        (["url", "none", None, True, False], ["str+", None], True),  # annotated `str`
        (["url", "truth", None, True, False], ["str+", None], False),
        (["kw", "callable", None, True, False], ["dict", True], True),
        (["kw", "callable", None, True, False], ["function", True], False),
        (["x", "isinstance", ["Mapping"], True, False], ["dict", True], False),  # an ABC
        (["x", "isinstance", ["str"], True, False], ["int", True, 3], True),
        (["m", "eq", "fast", True, False], ["str", True, "slow"], True),
        (["u", "re.search", "^(tcp|http)://", True, False], ["str", True, "ssh://h"], True),
        (["u", "startswith", ["unix://"], False, False], ["str", True, "unix:///s"], True),
        # an in-memory buffer is an `io.IOBase`, never a path or a str
        (["fp", "isinstance", ["io.IOBase"], False, False], ["io.BytesIO", True], True),
        (["fp", "isinstance", ["IOBase"], True, False], ["io.BytesIO", True], False),
        (["fp", "isinstance", ["str"], True, False], ["io.StringIO", True], True),
        (["fp", "isinstance", ["io.TextIOBase"], True, False], ["io.BytesIO", True], True),
        (["fp", "isinstance", ["os.PathLike"], True, False], ["io.BytesIO", True], False),
        (["fp", "none", None, True, False], ["io.BytesIO", True], True),
        # a configured setting handed to a load the table leaves alone for one
        (["tz", "configured", None, False, False], ["configured", None], True),
        (["tz", "configured", None, False, False], ["str", True, "Europe/Berlin"], False),
        (["tz", "none", None, True, False], ["configured", None], False),  # may be None
        (["tz", "truth", None, False, False], ["configured", None], False),
    ],
)
def test_dead(condition: list[object], shape: list[object], is_dead: bool) -> None:
    assert dead(condition, {str(condition[0]): shape}) is is_dead


def test_literal_shapes() -> None:
    assert literal_shape(test("None")) == ["NoneType", False]
    assert literal_shape(test("{}")) == ["dict", False]
    assert literal_shape(test("{**a}")) == ["dict", None]
    assert literal_shape(test("lambda: 1")) == ["function", True]
    assert literal_shape(test("f()")) is None
