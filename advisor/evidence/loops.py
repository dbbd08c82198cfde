"""Pure-Python computation in code: nested loops doing multiplicative arithmetic.

A loop that holds another loop computing products, quotients, powers or remainders, and
never waits on I/O, is the kind of work that holds the GIL: a CPU-bound hint. Additions
alone are left out on purpose: ``i + 1`` and ``count += 1`` are the bookkeeping of every
loop over data, computing or not.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from advisor.evidence.scopes import LOOPS, SCOPES, is_text

_NOTHING = (False, False, False)
_ARITHMETIC = (ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult)


def is_arithmetic(node: ast.AST) -> bool:
    """A product, quotient, power or remainder on numbers (`"%s" % x` is formatting)."""
    if isinstance(node, ast.AugAssign):
        return isinstance(node.op, _ARITHMETIC) and not is_text(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, _ARITHMETIC):
        return not (is_text(node.left) or is_text(node.right))
    return False


def hot_loop(scope: ast.AST, waits: Callable[[ast.AST], bool]) -> ast.AST | None:
    """The first loop of *scope* that holds another loop doing arithmetic and never waits.

    One post-order pass (iterative: deep code must not hit the recursion limit)
    computes per node whether its subtree does arithmetic (A), holds a loop
    whose subtree does arithmetic (AL), and waits on I/O (W).
    """
    facts: dict[int, tuple[bool, bool, bool]] = {}
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
        arith = is_arithmetic(node) or any(k[0] for k in kids)
        waiting = waits(node) or any(k[2] for k in kids)
        in_loop = any(k[1] for k in kids)
        if isinstance(node, (ast.For, ast.While)) and in_loop and not waiting:
            hot.append(node)
        in_loop = in_loop or (isinstance(node, LOOPS) and arith)
        facts[id(node)] = (arith, in_loop, waiting)
    return min(hot, key=lambda n: getattr(n, "lineno", 0)) if hot else None
