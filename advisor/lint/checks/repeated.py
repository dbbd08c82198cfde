"""ADV101 one call away: a once-only helper reached again in the same coroutine, after a call
that has already run it.

A function of no parameters whose blocking work sits behind a one-time guard (a module global
tested and filled, ``global _CACHE; if _CACHE is None: _CACHE = detect()``, or a
``functools.cache``) does that work on its first call in the process only: every later call
returns what the first stored. When a coroutine calls it on a line that runs before a later
call on every path (the statement itself, not a branch or a short-circuit of it, earlier in a
block that holds the later one), the later call, direct or through other helpers
(mmrelay's ``_configure_e2ee``: ``caps = get_matrix_capabilities()``, then
``format_e2ee_unavailable_message(caps)``, which calls ``get_matrix_capabilities()`` again),
finds the guard closed: the first call is the finding, the later ones are cache hits.

Not made quiet: a helper that takes arguments (a cache per argument: the later call may ask
for another key) or a method (a guard per object: the later call may go through another
object), a helper with any path that blocks outside a guard, a later call the earlier one
does not reach on every path (an earlier call in a branch, in a ``try`` whose handler holds the
later one, or inside ``a or f()``), and a later chain that reaches the blocking call another
way than through the helper's own chain.

Two parts: `dominance` records, while the walk passes, where each recorded call of a
coroutine stands (``dp`` in `checks.reach`'s facts, cached with them); `repeats` picks, in
`checks.reach_chains.resolve`, the findings an earlier call has already paid for.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

#: Statements whose value, when it is the call itself, runs the call whenever the statement
#: runs (no branch, no short-circuit in between).
_STRAIGHT = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return)
#: Expressions that evaluate every child whenever they are evaluated (no ``and``/``or``, no
#: conditional expression, no comprehension or lambda, whose parts may not run).
_EVERY_CHILD = (
    ast.Call, ast.Attribute, ast.Subscript, ast.BinOp, ast.UnaryOp, ast.Tuple, ast.List,
    ast.Dict, ast.Set, ast.Starred, ast.JoinedStr, ast.FormattedValue, ast.Await, ast.keyword,
)  # fmt: skip
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def dominance(function: ast.AST, calls: Sequence[tuple[int, int]]) -> list[list[Any]]:
    """``[line, col, path, straight]`` for each of *calls* (line, 1-based col) found in
    *function*: *path* is where its statement stands, ``[i1, field1, i2, field2, ..., ik]``
    (the index in each block from the function's body down, and the block the next level is
    in), and *straight* whether the call is the statement's own value. Empty when fewer than
    two calls are asked for: nothing can run before another."""
    if len(calls) < 2:
        return []
    found: list[list[Any]] = []
    _walk(getattr(function, "body", []), [], set(calls), found)
    return found


def _walk(
    body: Sequence[ast.stmt], prefix: list[Any], wanted: set[tuple[int, int]], found: list[Any]
) -> None:
    """`dominance`'s walk of one block (a plain function, not a closure calling itself: that
    would be a reference cycle kept until a full collection)."""
    for index, statement in enumerate(body):
        here = [*prefix, index]
        for node in _own_nodes(statement):
            if type(node) is ast.Call and (node.lineno, node.col_offset + 1) in wanted:
                value = statement.value if isinstance(statement, _STRAIGHT) else None
                straight = value is not None and _always(value, node)
                found.append([node.lineno, node.col_offset + 1, here, int(straight)])
        for field in _BLOCKS:
            block = getattr(statement, field, None)
            if not isinstance(block, list) or not block:
                continue
            if field in {"handlers", "cases"}:
                for n, inner in enumerate(block):
                    _walk(getattr(inner, "body", []), [*here, f"{field}{n}"], wanted, found)
            else:
                _walk(block, [*here, field], wanted, found)


def no_parameters(function: ast.AST) -> bool:
    """A def that takes nothing, not even ``self`` or ``*args``: what it caches behind its
    guard is one value for the process, whoever calls it (a method's guard is per object,
    a cache of a function with parameters per argument)."""
    args = getattr(function, "args", None)
    return args is not None and not (
        args.posonlyargs or args.args or args.kwonlyargs or args.vararg or args.kwarg
    )


def placements(calls: Sequence[Sequence[Any]], frames: Sequence[ast.AST]) -> list[list[Any]]:
    """`dominance` for every coroutine with two recorded calls or more (*calls*, `checks.reach`'s
    candidates, each ``[line, col, ...]``, and the function each stands in, *frames*), each
    ``[line, col, path, straight]`` with the path rooted at the function's own line."""
    by_frame: dict[int, tuple[ast.AST, list[tuple[int, int]]]] = {}
    for call, frame in zip(calls, frames, strict=True):
        by_frame.setdefault(id(frame), (frame, []))[1].append((call[0], call[1]))
    placed: list[list[Any]] = []
    for frame, spots in by_frame.values():
        root = getattr(frame, "lineno", 0)
        for line, col, path, straight in dominance(frame, spots):
            placed.append([line, col, [root, *path], straight])
    return placed


def _always(value: ast.AST | None, call: ast.Call) -> bool:
    """Whether evaluating *value* always evaluates *call* (the call itself, or inside parts
    that are all evaluated: ``settings()["base"]``, ``f(g())``, ``a + g()``)."""
    if value is call:
        return True
    if not isinstance(value, _EVERY_CHILD):
        return False
    return any(_always(child, call) for child in ast.iter_child_nodes(value))


def _own_nodes(statement: ast.stmt) -> Iterable[ast.AST]:
    """The nodes of *statement* outside its nested blocks and nested functions."""
    stack: list[ast.AST] = []
    for field, value in ast.iter_fields(statement):
        if field in _BLOCKS:
            continue
        if isinstance(value, ast.AST):
            stack.append(value)
        elif isinstance(value, list):
            stack.extend(v for v in value if isinstance(v, ast.AST))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def runs_before(earlier: Sequence[Any], later: Sequence[Any]) -> bool:
    """Whether the statement at path *earlier* runs before the one at *later* on every path:
    both in the same block, *earlier*'s statement first, *later* in a later statement of that
    block or in a block nested in one."""
    *outer, index = earlier
    if len(later) <= len(outer) or list(later[: len(outer)]) != outer:
        return False
    return isinstance(later[len(outer)], int) and later[len(outer)] > index


class Reached(NamedTuple):
    """A chain finding as `repeats` weighs it: where its call's statement stands and whether
    the call is that statement's value (`dominance`), the coroutine it stands in, its hops
    after the coroutine (``[callee, ..., call()]``), and whether its callee is a once-only
    helper of no parameters (`checks.reach_chains.resolve` decides)."""

    path: Sequence[Any]
    straight: bool
    where: str
    hops: Sequence[str]
    once: bool


def repeats(found: Sequence[Reached]) -> set[int]:
    """The indices of *found* that an earlier call of the same coroutine makes cache hits: a
    once-only helper called as a statement's value, earlier in a block that holds the later
    call, whose whole chain ends the later one's."""
    dropped: set[int] = set()
    for i, later in enumerate(found):
        for j, first in enumerate(found):
            if i == j or not (first.once and first.straight) or first.where != later.where:
                continue
            tail = list(first.hops)
            if list(later.hops[-len(tail) :]) == tail and runs_before(first.path, later.path):
                dropped.add(i)
                break
    return dropped
