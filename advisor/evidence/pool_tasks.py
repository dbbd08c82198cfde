"""What a thread pool runs, for whether its size answers ``--concurrency`` (issue 19, apps set
23's review).

A thread pool's ``max_workers`` answers "how many operations are waiting at once" because its
threads usually wait on I/O. Two pools do not say that:

- **A pool that computes**: a notebook maps ``crunch`` (nested arithmetic loops) over a
  ``ThreadPoolExecutor(max_workers=4)`` while its I/O is an ``asyncio.gather`` over 20 URLs;
  advisor sized the template for 4 requests in flight. Every call handed to the pool is a
  function whose loops compute in Python (`Gatherer.hot_functions`, `Gatherer.loop_work`
  without native calls): its size is a number of cores, context as a process pool's is. A
  pool whose calls run native code that releases the GIL (zlib per block) is the threading
  model's own pool, and its size still answers.
- **A pool for one background call**: thonny's ``run_with_waiting_dialog`` makes a
  ``ThreadPool(processes=1)``, hands it one ``apply_async(action)`` and shows a dialog until
  it is done; advisor answered ``--concurrency 1 (high)`` for an IDE that starts threads in
  many places. A pool handed one call, once, outside any loop and with no map, runs that call
  beside the caller; its size bounds nothing the program does at once.

Walk time (`record`): the name a pool's constructor is bound to in its scope (``with ... as
pool``, ``pool = ...``) and what that scope hands it. Finish time (`decide`): the bounds of
such pools become context. How a pool is handed calls is data (``pool_tasks`` in
``data/concurrency.yaml``).
"""

from __future__ import annotations

import ast
from functools import cache
from typing import TYPE_CHECKING, Any

from advisor.evidence.observed import Location
from advisor.evidence.walk import MODULE, Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

_LOOPS = (
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.ListComp,
    ast.SetComp,
    ast.GeneratorExp,
    ast.DictComp,
)


@register(ast.Call)
def record(r: Reader, node: ast.Call) -> None:
    """A pool whose size bounds I/O (``bounds`` with ``io: true``): what its scope hands it."""
    qualname = r.callee
    bound = r.t.bounds.lookup(qualname, exact=True) if qualname else None
    if bound is None or not bound.get("io"):
        return
    scope: ast.AST = r.functions[-1] if r.functions else r.tree
    name = _bound_to(scope, node)
    if name is None:
        return
    tasks: list[tuple[str, bool]] = []
    _handed(scope, name, 0, tasks, _table())
    if tasks:
        r.g.pool_tasks[(r.source.path, node.lineno)] = tasks


def _bound_to(scope: ast.AST, node: ast.Call) -> str | None:
    """The plain name ``with X(...) as pool`` or ``pool = X(...)`` binds *node* to."""
    for item in ast.walk(scope):
        if isinstance(item, (ast.With, ast.AsyncWith)):
            for w in item.items:
                if w.context_expr is node and isinstance(w.optional_vars, ast.Name):
                    return w.optional_vars.id
        elif (
            isinstance(item, ast.Assign)
            and item.value is node
            and len(item.targets) == 1
            and isinstance(item.targets[0], ast.Name)
        ):
            return item.targets[0].id
    return None


def _handed(
    node: ast.AST, pool: str, depth: int, out: list[tuple[str, bool]], table: dict[str, Any]
) -> None:
    """The functions *node* hands to *pool*, and whether each is handed more than once (in a
    loop or a comprehension, or through a map)."""
    if isinstance(node, ast.Call):
        func, args = node.func, node.args
        target: ast.expr | None = None
        many = depth > 0
        if isinstance(func, ast.Attribute) and _is(func.value, pool) and args:
            if func.attr in table["submit"]:
                target = args[0]
            elif func.attr in table["maps"]:
                target, many = args[0], True
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in table["executor"]
            and len(args) > 1
            and _is(args[0], pool)
        ):
            target = args[1]
        if target is not None:
            out.append((_name(target), many))
    inner = depth + (1 if isinstance(node, _LOOPS) else 0)
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            _handed(child, pool, inner, out, table)


def _is(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _name(node: ast.expr) -> str:
    """``crunch``, ``self.crunch``, ``partial(crunch, x)``: the function's last name."""
    if isinstance(node, ast.Call) and node.args:
        node = node.args[0]
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def decide(g: Gatherer) -> None:
    """The bounds of pools that compute, or that run one background call, become context."""
    if not g.pool_tasks:
        return
    hot = g.hot_functions | {name for name, work in g.loop_work.items() if not work.native}
    kept = []
    for item in g.evidence:
        tasks = g.pool_tasks.get((item.file, item.line)) if item.file else None
        if item.question != "concurrency" or not tasks:
            kept.append(item)
            continue
        names = sorted({n for n, _ in tasks})
        if all(n and n in hot and n != MODULE for n, _ in tasks):
            reason = g.t.reason("pool_computes", bound=item.reason, functions=", ".join(names))
        elif len(tasks) == 1 and not tasks[0][1]:
            reason = g.t.reason("pool_one_call", bound=item.reason, function=names[0] or "?")
        else:
            kept.append(item)
            continue
        where = Location(item.file, item.line, item.cell)
        g.emit(None, None, item.confidence, where, reason, signal=f"pool-task:{item.signal}")
    g.evidence = kept


@cache
def _table() -> dict[str, Any]:
    from advisor.evidence.tables import _load

    return dict(_load("concurrency.yaml")["pool_tasks"])
