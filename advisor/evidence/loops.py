"""Pure-Python computation in code: nested loops doing multiplicative arithmetic.

A loop that holds another loop computing products, quotients, powers or remainders, and
never waits on I/O, is the kind of work that holds the GIL: a CPU-bound hint. Additions
alone are left out on purpose: ``i + 1`` and ``count += 1`` are the bookkeeping of every
loop over data, computing or not.

The inner loop must count (issue 19, cause 1): a ``while`` on a computed condition, a loop
over ``range(...)``, or a loop whose own items are operands of the arithmetic (``a * b``
for ``a, b in zip(row, col)``). A loop over records converting a field
(``post["date"] * 1000``, ``ower.weight * amount``, ``w * 60`` for a few window sizes) is the
bookkeeping of a program handling data, not computation: real applications showed it in
paging loops, balance sheets and diagnostics.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from advisor.evidence.scopes import LOOPS, SCOPES, is_text
from advisor.evidence.tables import tables

_NOTHING = (False, False, False)
_ARITHMETIC = (ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult)


def is_arithmetic(node: ast.AST, strings: frozenset[str] = frozenset()) -> bool:
    """A product, quotient, power or remainder on numbers (`"%s" % x` is formatting, and
    `n * pad` repeats a string when *pad* is visibly text: `_textual`)."""
    if isinstance(node, ast.AugAssign):
        return isinstance(node.op, _ARITHMETIC) and not (
            is_text(node.value) or _textual(node.target, strings) or _textual(node.value, strings)
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, _ARITHMETIC):
        return not (
            is_text(node.left)
            or is_text(node.right)
            or _textual(node.left, strings)
            or _textual(node.right, strings)
        )
    return False


def _textual(node: ast.AST, strings: frozenset[str]) -> bool:
    """An operand that is visibly a string: a name the scope binds to text (*strings*), or
    a name or attribute named like text (``row.paddingchar``, data/work.yaml
    ``text_suffixes``). Types are not inferred further: what cannot be told counts."""
    if isinstance(node, ast.Name):
        name = node.id
        if name in strings:
            return True
    elif isinstance(node, ast.Attribute):
        name = node.attr
    else:
        return False
    return name.lower().endswith(tables().text_suffixes)


def text_names(scope: ast.AST) -> frozenset[str]:
    """Names *scope* binds to text: a string literal, an f-string, ``str(...)``, a string
    method's result (``"-".join(...)``), or a parameter annotated ``str``."""
    names: set[str] = set()
    args = getattr(scope, "args", None)
    if isinstance(args, ast.arguments):
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            if isinstance(arg.annotation, ast.Name) and arg.annotation.id == "str":
                names.add(arg.arg)
    for node in _local_walk(scope):
        if isinstance(node, ast.Assign) and _is_text_value(node.value):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return frozenset(names)


def _is_text_value(value: ast.expr) -> bool:
    if is_text(value):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Name) and func.id == "str":
            return True
        return isinstance(func, ast.Attribute) and is_text(func.value)
    return False


def hot_loop(scope: ast.AST, waits: Callable[[ast.AST], bool]) -> ast.AST | None:
    """The first loop of *scope* that holds another loop doing arithmetic and never waits.

    One post-order pass (iterative: deep code must not hit the recursion limit)
    computes per node whether its subtree does arithmetic (A), holds a loop
    whose subtree does arithmetic (AL), and waits on I/O (W).
    """
    facts: dict[int, tuple[bool, bool, bool]] = {}
    strings = text_names(scope)
    hot: list[ast.AST] = []
    stack: list[tuple[ast.AST, bool]] = [(scope, False)]
    while stack:
        node, done = stack.pop()
        inner = node is not scope and isinstance(node, SCOPES)
        children = [] if inner else list(ast.iter_child_nodes(node))
        if not done:
            stack.append((node, True))
            stack.extend((child, False) for child in children)
            continue
        kids = [facts.get(id(c), _NOTHING) for c in children]
        arith = is_arithmetic(node, strings) or any(k[0] for k in kids)
        waiting = waits(node) or any(k[2] for k in kids)
        in_loop = any(k[1] for k in kids)
        if isinstance(node, (ast.For, ast.While)) and in_loop and not waiting:
            hot.append(node)
        in_loop = in_loop or (isinstance(node, LOOPS) and arith and counts(node, strings))
        facts[id(node)] = (arith, in_loop, waiting)
    return min(hot, key=lambda n: getattr(n, "lineno", 0)) if hot else None


#: Calls whose result is a run of numbers: a loop over them counts.
_NUMBERS = frozenset({"range", "enumerate", "reversed", "zip"})


def counts(loop: ast.AST, strings: frozenset[str] = frozenset()) -> bool:
    """Whether *loop* iterates numbers (``while`` on a computed condition, ``range``) or
    does arithmetic on its own items: the loops of computation, not of bookkeeping."""
    if isinstance(loop, ast.While):
        return not isinstance(loop.test, ast.Constant)
    if isinstance(loop, ast.For):
        iters, targets = [loop.iter], [loop.target]
    elif isinstance(loop, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        iters = [g.iter for g in loop.generators]
        targets = [g.target for g in loop.generators]
    else:
        return False
    if any(_over_range(i) for i in iters):
        return True
    items = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return any(_item_arithmetic(n, items, strings) for n in _local_walk(loop))


def _over_range(node: ast.expr) -> bool:
    """``range(n)``, ``enumerate(range(n))``, ``zip(range(n), ...)``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return False
    if node.func.id == "range":
        return True
    return node.func.id in _NUMBERS and any(_over_range(a) for a in node.args)


def _item_arithmetic(node: ast.AST, items: set[str], strings: frozenset[str]) -> bool:
    """Arithmetic between two values, one of them a loop item (``a * b``, ``acc += x * w``);
    a product with a constant (``w * 60``) converts a unit, it does not compute."""
    if isinstance(node, ast.AugAssign) and is_arithmetic(node, strings):
        pair = [node.target, node.value]
    elif isinstance(node, ast.BinOp) and is_arithmetic(node, strings):
        pair = [node.left, node.right]
    else:
        return False
    if any(isinstance(side, ast.Constant) for side in pair):
        return False
    return any(isinstance(side, ast.Name) and side.id in items for side in pair)


def _local_walk(node: ast.AST) -> list[ast.AST]:
    """*node*'s subtree without nested functions, lambdas and classes."""
    out: list[ast.AST] = []
    stack = [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(c for c in ast.iter_child_nodes(current) if not isinstance(c, SCOPES))
    return out
