"""Pure-Python computation in code: nested loops doing multiplicative arithmetic.

A loop that holds another loop computing products, quotients, powers or remainders, and
never waits on I/O, is the kind of work that holds the GIL: a CPU-bound hint. Additions
alone are left out on purpose: ``i + 1`` and ``count += 1`` are the bookkeeping of every
loop over data, computing or not; so is arithmetic in an index (``mask[i % 4]``), which
addresses an item rather than computing a value, and a remainder tested to act every n-th
item (``if count % 100 == 0:``).

The inner loop must count (issue 19, cause 1): a ``while`` on a computed condition, a loop
over ``range(...)``, or a loop whose own items are operands of the arithmetic (``a * b``
for ``a, b in zip(row, col)``). A loop over records converting a field
(``post["date"] * 1000``, ``ower.weight * amount``, ``w * 60`` for a few window sizes) is the
bookkeeping of a program handling data, not computation: real applications showed it in
paging loops, balance sheets and diagnostics.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

from advisor.evidence.path_join import joins_paths
from advisor.evidence.scopes import LOOPS, SCOPES, is_text
from advisor.evidence.tables import tables

_NOTHING = (False, False, False)
_ARITHMETIC = (ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult)


def is_arithmetic(node: ast.AST, strings: frozenset[str] = frozenset()) -> bool:
    """A product, quotient, power or remainder on numbers (`"%s" % x` is formatting, and
    `n * pad` repeats a string when *pad* is visibly text: `_textual`)."""
    if joins_paths(node):
        return False  # `path / exe`: pathlib joins, it does not divide
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


def hot_loop(
    scope: ast.AST, waits: Callable[[ast.AST], bool], small: frozenset[str] = frozenset()
) -> ast.AST | None:
    """The first loop of *scope* that holds another loop doing arithmetic and never waits.

    One post-order pass (iterative: deep code must not hit the recursion limit)
    computes per node whether its subtree does arithmetic (A), holds a loop
    whose subtree does arithmetic (AL), and waits on I/O (W).
    """
    facts: dict[int, tuple[bool, bool, bool]] = {}
    strings = text_names(scope)
    small = small | small_names(scope)
    indexes = index_names(scope)
    #: Nodes holding a layout loop with arithmetic, up to the next loop.
    arranged: set[int] = set()
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
        # Arithmetic in an index addresses an item, it computes no value: a per-byte loop
        # unmasking a websocket frame (`data[i] ^ mask[i % 4]`: pproxy) copies and XORs bytes
        # as they arrive, while `a[i * n + k] * b[k]` still multiplies (issue 19).
        index = node.slice if isinstance(node, ast.Subscript) else None
        # So is arithmetic giving a name used only as an index: linear probing in a hash
        # table, ``i = (i + 1) % size`` while ``slots[i]`` is taken (limnoria's cdb writer).
        if isinstance(node, ast.Assign) and _addresses(node.targets, indexes):
            index = node.value
        arith = (is_arithmetic(node, strings) and not _addresses([node], indexes)) or any(
            k[0] for c, k in zip(children, kids, strict=True) if c is not index
        )
        if arith and _pacing(node):
            arith = False  # `if count % 100 == 0:` every hundredth item: bookkeeping
        waiting = waits(node) or any(k[2] for k in kids)
        in_loop = any(k[1] for k in kids)
        laid_out = any(id(c) in arranged for c in children)
        if laid_out and isinstance(node, ast.For) and _big_range(node.iter):
            in_loop = True  # a million steps of a few items each: the size is written out
        if isinstance(node, (ast.For, ast.While)) and in_loop and not waiting:
            hot.append(node)
        if isinstance(node, LOOPS) and arith and layout(node, small):
            arith = False  # offsets and separators: what holds it does not compute by it
            arranged.add(id(node))
        elif laid_out and not isinstance(node, LOOPS):
            arranged.add(id(node))
        in_loop = in_loop or (isinstance(node, LOOPS) and arith and counts(node, strings))
        facts[id(node)] = (arith, in_loop, waiting)
    return min(hot, key=lambda n: getattr(n, "lineno", 0)) if hot else None


def _pacing(node: ast.AST) -> bool:
    """``block_count % 100 == 0``: a counter's remainder by a number written in the code,
    compared with one, decides to do something every hundredth item (let the GUI repaint,
    log progress, commit a batch); it computes nothing (issue 19: git-cola's syntax
    highlighter calls ``processEvents()`` every 100 blocks). ``n % d == 0`` by a variable (a
    trial division) and arithmetic beside it still count."""
    if not isinstance(node, ast.Compare):
        return False
    left = node.left
    return (
        isinstance(left, ast.BinOp)
        and isinstance(left.op, ast.Mod)
        and isinstance(left.left, (ast.Name, ast.Attribute))
        and _whole(left.right)
        and all(_whole(c) for c in node.comparators)
    )


def _whole(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int


def index_names(scope: ast.AST) -> frozenset[str]:
    """Local names *scope* assigns and reads only inside subscripts' indexes (``slots[i]``) or
    to compute their own next value (``i = (i + 1) % size``): positions, whose arithmetic finds
    where an item goes, not a value (issue 19: linear probing in limnoria's cdb writer)."""
    nodes = _local_walk(scope)
    indexed: set[int] = set()
    #: Assignments to plain names: their targets, and the ids of the names their values read.
    updates: list[tuple[set[str], set[int]]] = []
    candidates: set[str] = set()
    fixed: set[str] = set()  # declared global or nonlocal: not the function's own
    for node in nodes:
        if isinstance(node, ast.Subscript):
            indexed.update(id(n) for n in ast.walk(node.slice))
        elif isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if names and len(names) == len(targets):
                candidates |= names
                updates.append((names, {id(n) for n in ast.walk(node.value)}))
        elif isinstance(node, (ast.Nonlocal, ast.Global)):
            fixed.update(node.names)
    candidates -= fixed
    loads = [n for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
    loads = [n for n in loads if n.id in candidates and id(n) not in indexed]
    while True:  # a name read to compute anything but positions is a value
        feeding = set().union(*(ids for names, ids in updates if names <= candidates))
        used = {n.id for n in loads if id(n) not in feeding}
        if not used & candidates:
            return frozenset(candidates)
        candidates -= used


def _addresses(targets: Sequence[ast.AST], indexes: frozenset[str]) -> bool:
    """Whether an assignment's targets (or an augmented assignment) are all index names."""
    names = [t.target if isinstance(t, ast.AugAssign) else t for t in targets]
    return bool(indexes) and all(isinstance(n, ast.Name) and n.id in indexes for n in names)


#: A loop over at most this many items written in the code (``range(16)``, eight offsets) is
#: layout, not computation (`layout`).
LAYOUT_ITEMS = 32


def small_names(scope: ast.AST) -> frozenset[str]:
    """Names *scope* binds to a few items written out: a list or tuple literal of at most
    `LAYOUT_ITEMS` items, or a whole number up to it (``offsets = [(1, 0), (-1, 0), ...]``,
    ``columns = 16``)."""
    names: set[str] = set()
    for node in _local_walk(scope):
        if isinstance(node, ast.Assign) and _small(node.value, frozenset()):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return frozenset(names)


#: A ``range`` written with a bound at least this large (``range(10**6)``) is evidence of size.
BIG_RANGE = 10_000


def _big_range(node: ast.expr) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return False
    if node.func.id != "range" or not node.args:
        return False
    bound = node.args[1] if len(node.args) >= 2 else node.args[0]
    value = _written(bound)
    return value is not None and value >= BIG_RANGE


def _written(node: ast.expr) -> int | None:
    """A whole number written out (``1_000_000``, ``10**6``, ``1000 * 1000``), capped so that
    no exponent written in the scanned code is ever computed in full."""
    if isinstance(node, ast.Constant):
        return node.value if type(node.value) is int else None
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Pow))):
        return None
    left, right = _written(node.left), _written(node.right)
    if left is None or right is None or left > BIG_RANGE or right > BIG_RANGE:
        return None
    if isinstance(node.op, ast.Pow):
        return left**right if right <= 8 else None
    return left * right


def _small(node: ast.expr, small: frozenset[str]) -> bool:
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return len(node.elts) <= LAYOUT_ITEMS and not any(
            isinstance(e, ast.Starred) for e in node.elts
        )
    if isinstance(node, ast.Constant):
        return type(node.value) is int and 0 <= node.value <= LAYOUT_ITEMS
    return isinstance(node, ast.Name) and node.id in small


def layout(loop: ast.AST, small: frozenset[str] = frozenset()) -> bool:
    """A loop whose bound is written in the code and small: ``for i in range(0, 16)`` laying
    out a hex dump's columns (git-cola), ``[(x * k, y * k) for x, y in offsets]`` over eight
    offsets drawing a border (vcsi). Its arithmetic computes offsets, separators and
    coordinates; what makes a loop hot is a bound that comes from the data (issue 19)."""
    if isinstance(loop, ast.For):
        iters = [loop.iter]
    elif isinstance(loop, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        iters = [g.iter for g in loop.generators]
    else:
        return False
    if not all(_small_iterable(i, small) for i in iters):
        return False
    # Arithmetic on what a call returns (`x += rng.gauss(0, 1) ** 2`, ten draws per step of
    # a Monte Carlo walk) computes, however few the items.
    for node in _local_walk(loop):
        if isinstance(node, ast.BinOp) and is_arithmetic(node):
            sides = [node.left, node.right]
        elif isinstance(node, ast.AugAssign) and is_arithmetic(node):
            sides = [node.value]
        else:
            continue
        if any(isinstance(n, ast.Call) for side in sides for n in ast.walk(side)):
            return False
    return True


def _small_iterable(node: ast.expr, small: frozenset[str]) -> bool:
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"range", "enumerate", "reversed"}
    ):
        if node.func.id == "range":
            bound = node.args[1] if len(node.args) >= 2 else node.args[0] if node.args else None
            return bound is not None and _small(bound, small)
        return bool(node.args) and _small_iterable(node.args[0], small)
    return _small(node, small)


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
