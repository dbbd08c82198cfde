"""Computation in the code: ``cpu_bound`` and ``cpu_heavy_steps``.

Nested loops doing arithmetic with no I/O inside (`advisor.evidence.loops`) are pure-Python
computing, which holds the GIL: CPU-bound, not native code, and a heavy step. A process pool
already in use says the author found the work CPU-bound (weakly: pools are also used to
isolate). Libraries add their own CPU evidence where they are read
(`advisor.evidence.libraries`).
"""

from __future__ import annotations

import ast
from functools import cache

from advisor.evidence.loops import hot_loop, small_names
from advisor.evidence.observed import LoopWork
from advisor.evidence.scopes import LOOPS, Function, walk_local
from advisor.evidence.walk import MODULE, Reader, register

#: All hot loops are one signal when answers are weighed: forty functions with nested loops
#: are not forty times the evidence of one blocking library.
HOT_LOOPS = "python-loops"


@register(ast.Module)
def module_loops(r: Reader, node: ast.Module) -> None:
    r.small = small_names(node)
    if sum(isinstance(n, LOOPS) for n in walk_local(node)) >= 2:
        _hot_loops(r, node, MODULE)


@register(ast.FunctionDef, ast.AsyncFunctionDef)
def function_loops(r: Reader, node: Function) -> None:
    """Counted by the walk that finds the function's names: under two loops, none nests."""
    if r.info is not None and r.info.loops >= 2:
        _hot_loops(r, node, node.name)


@register(ast.Call)
def loop_call(r: Reader, node: ast.Call) -> None:
    """A math, random or native call inside a loop of a plain function: computation if the
    function runs concurrently and never waits (`advisor.evidence.conclude.finish`:
    a Ray task annealing in pure Python, a pool worker compressing blocks)."""
    if not (r.loop_depth and r.functions and r.callee):
        return
    function = r.functions[-1]
    if isinstance(function, ast.AsyncFunctionDef) or function.name in r.g.loop_work:
        return
    qualname = r.callee
    if qualname.split(".", 1)[0] in r.t.math_modules:
        r.g.loop_work[function.name] = LoopWork(r.at(node), qualname, native=False)
    elif r.t.native.lookup(qualname) is not None:
        r.g.loop_work[function.name] = LoopWork(r.at(node), qualname, native=True)


@register(ast.Call)
def pause(r: Reader, node: ast.Call) -> None:
    """A function that sleeps or waits on an event paces its loops: they do not compute
    (issue 19: a ping thread's ``while not stop.wait(2)``)."""
    method = node.func.attr if isinstance(node.func, ast.Attribute) else None
    if r.functions and r.t.pauses(r.callee, method):
        r.g.waiting.add(r.function)
        r.g.waits_beyond_files.add(r.function)


@register(ast.FunctionDef)
def remote_task(r: Reader, node: ast.FunctionDef) -> None:
    """``@ray.remote``: the function runs as a task, concurrently with its other calls."""
    for deco in node.decorator_list:
        func = deco.func if isinstance(deco, ast.Call) else deco
        if r.names.qualname(func) in r.t.remote_decorators:
            r.g.worker(node.name, r.at(node))


@register(ast.Call)
def process_pool(r: Reader, node: ast.Call) -> None:
    """A process pool already in use: its author found the work CPU-bound (weak evidence)."""
    qualname = r.callee
    existing = r.t.existing.lookup(qualname, exact=True) if qualname else None
    if qualname and existing is not None and existing.get("pool") == "process":
        target = next((k.value for k in node.keywords if k.arg == "target"), None)
        body = _module_function(r, target) if isinstance(target, ast.Name) else None
        if body is not None and _isolated(r, node, qualname, body):
            return
        reason = r.t.reason("process_pool", name=qualname)
        r.g.emit("cpu_bound", True, "low", r.at(node), reason, signal="process-pool")


@register(ast.ClassDef)
def process_class(r: Reader, node: ast.ClassDef) -> None:
    """``class Worker(multiprocessing.Process)``, or a context's ``Process``: worker processes,
    like a pool (cutadapt's ``WorkerProcess(mpctx_Process)``)."""
    for base in node.bases:
        qualname = r.names.qualname(base)
        existing = r.t.existing.lookup(qualname, exact=True) if qualname else None
        if qualname and existing is not None and existing.get("pool") == "process":
            run = next(
                (f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "run"), None
            )
            if run is not None and _isolated(r, node, qualname, run):
                return
            reason = r.t.reason("process_pool", name=qualname)
            r.g.emit("cpu_bound", True, "low", r.at(node), reason, signal="process-pool")
            return


def _module_function(r: Reader, name: ast.Name) -> ast.FunctionDef | None:
    """The function of this module named *name* (a ``Process(target=...)``)."""
    return next(
        (f for f in r.tree.body if isinstance(f, ast.FunctionDef) and f.name == name.id), None
    )


def _isolated(r: Reader, node: ast.AST, qualname: str, body: ast.FunctionDef) -> bool:
    """Whether the child process's code (*body*: a ``Process`` subclass's ``run``, or its
    ``target``) starts a framework's event loop (``isolated_loops`` in ``data/loops.yaml``;
    issue 19, webcomix runs Scrapy's ``CrawlerProcess`` in a child, since a Twisted reactor
    starts once per process). That child isolates the loop: said as context, no vote."""
    for call in ast.walk(body):
        if isinstance(call, ast.Call):
            loop = r.names.qualname(call.func)
            if loop is not None and loop in _isolated_loops():
                reason = r.t.reason("process_isolates", name=qualname, loop=loop)
                r.g.emit(None, None, "medium", r.at(node), reason, signal="process-isolates")
                return True
    return False


@cache
def _isolated_loops() -> frozenset[str]:
    from advisor.evidence.tables import _load

    return frozenset(_load("loops.yaml")["isolated_loops"])


def _hot_loops(r: Reader, scope: ast.AST, name: str) -> None:
    """Nested loops doing arithmetic, with no I/O or await inside: pure-Python computing."""
    hot = hot_loop(scope, r.waits, r.small)
    if hot is None:
        return
    t, where = r.t, r.at(hot)
    r.g.hot_functions.add(name)
    reason = t.reason("hot_loop", function=name)
    r.g.emit("cpu_bound", True, "high", where, reason, signal=HOT_LOOPS)
    reason = t.reason("python_bytecode", function=name)
    r.g.emit("native_code", False, "medium", where, reason, signal=HOT_LOOPS)
    step = t.reason("heavy_step", what=t.kind("hot_loop"), function=name)
    r.g.emit("cpu_heavy_steps", True, "medium", where, step, signal=HOT_LOOPS)


@register(ast.Call)
def pairwise(r: Reader, node: ast.Call) -> None:
    """``pool.map(compare, combinations(items, 2))``: every pair of items handed to a worker
    (issue 19: difPy's duplicate search). The work grows with the square of the items, in
    Python around whatever small calls the worker makes, so it holds the GIL: CPU-bound, not
    native code. One heavy native call per item elsewhere (a Pillow resize of each image) is
    linear and outweighed (`conclude.finish`). Read from the pair generator's name, through a
    local bound to it (``pairs = list(combinations(ids, 2))``)."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in _PAIR_SPAWNERS and len(node.args) > 1):
        return
    worker = node.args[0]
    name = worker.attr if isinstance(worker, ast.Attribute) else getattr(worker, "id", "")
    if not name or not _pairs(r, node.args[1], 0):
        return
    r.g.pairwise.add(name)
    where = r.at(node)
    reason = r.t.reason("pairwise", function=name)
    r.g.emit("cpu_bound", True, "high", where, reason, signal="pairwise")
    reason = r.t.reason("pairwise_python", function=name)
    r.g.emit("native_code", False, "high", where, reason, signal="pairwise")


#: Pool methods that hand each item of an iterable to a worker.
_PAIR_SPAWNERS = frozenset({"map", "imap", "imap_unordered", "starmap", "map_async"})
#: Generators of every pair (or every ordered pair) of a collection.
_PAIR_MAKERS = frozenset({"itertools.combinations", "itertools.permutations"})


def _pairs(r: Reader, node: ast.expr, depth: int) -> bool:
    if isinstance(node, ast.Name) and depth < 3:
        value = r.local_values.get(node.id)
        return value is not None and _pairs(r, value, depth + 1)
    if not isinstance(node, ast.Call):
        return False
    if r.names.qualname(node.func) in _PAIR_MAKERS:
        return len(node.args) < 2 or (
            isinstance(node.args[1], ast.Constant) and node.args[1].value == 2
        )
    wrapper = node.func.id if isinstance(node.func, ast.Name) else ""
    return wrapper in {"list", "tuple"} and len(node.args) == 1 and _pairs(r, node.args[0], depth)
