"""A process pool mapping the program's work: ``cpu_bound`` (issue 19, sigal).

A process pool built somewhere in a program says little on its own (pools also isolate a
crash, or hash a folder once at start-up), so its constructor is weak evidence
(`advisor.evidence.cpu.process_pool`). What says more is *what* the pool runs: a
``pool.imap_unordered(worker, photos)`` whose ``worker`` goes on to resize every photo hands
each item of the work to a process because that work computes. So a map over a process pool
(``map``, ``imap``, ``imap_unordered``, ``starmap`` ..., `data/concurrency.yaml` ``pool_maps``)
is a strong vote for ``--cpu-bound yes`` when the function it maps reaches a step the code
already shows computing (a heavy native call, a hot loop); a map over a function that only
reads files or hashes them in chunks (bdfr's optional start-up pass) stays the constructor's
weak vote. Read in the walk (the pools and the maps, per file), decided once the main path is
known (`decide`, called by `advisor.evidence.weigh.infer` before the project-wide
evidence of `Gatherer.finish`).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.evidence.gather import PoolMap
from advisor.evidence.walk import Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: The signal of the vote: one map is one piece of evidence, whatever else the pool does.
PROCESS_MAP = "process-map"


def _is_process_pool(r: Reader, value: ast.expr | None) -> bool:
    if not isinstance(value, ast.Call):
        return False
    name = r.names.qualname(value.func)
    existing = r.t.existing.lookup(name, exact=True) if name else None
    return existing is not None and existing.get("pool") == "process"


@register(ast.Assign)
def pool_bound(r: Reader, node: ast.Assign) -> None:
    """``self.pool = multiprocessing.Pool(...)``, ``pool = ProcessPoolExecutor()``."""
    if _is_process_pool(r, node.value):
        for target in node.targets:
            if isinstance(target, (ast.Name, ast.Attribute)):
                r.g.process_pools.add((r.source.path, ast.unparse(target)))


@register(ast.With)
def pool_entered(r: Reader, node: ast.With) -> None:
    """``with Pool(4) as pool:``."""
    for item in node.items:
        if _is_process_pool(r, item.context_expr) and item.optional_vars is not None:
            r.g.process_pools.add((r.source.path, ast.unparse(item.optional_vars)))


@register(ast.Call)
def pool_map(r: Reader, node: ast.Call) -> None:
    """``pool.imap_unordered(worker, items)``, also ``Pool(4).map(f, xs)`` and a mapped
    ``functools.partial(f, ...)``."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in r.t.pool_maps and node.args):
        return
    mapped: ast.expr = node.args[0]
    if (
        isinstance(mapped, ast.Call)
        and mapped.args
        and (r.names.qualname(mapped.func) == "functools.partial")
    ):
        mapped = mapped.args[0]
    if not isinstance(mapped, (ast.Name, ast.Attribute)):
        return
    receiver = "<pool>" if _is_process_pool(r, func.value) else ast.unparse(func.value)
    r.g.pool_maps.append(PoolMap(r.at(node), receiver, func.attr, ast.unparse(mapped)))


def decide(g: Gatherer) -> None:
    """A strong vote for each map over a process pool, on the main path, of a function that
    reaches a computing step: which step, and where, is said."""
    from advisor.evidence.mainpath import _resolver, _Walk

    computing = [
        e
        for e in g.evidence
        if e.question == "cpu_bound"
        and e.value is True
        and e.file
        and e.signal not in {"process-pool", PROCESS_MAP}
    ]
    if not computing:
        return
    for item in g.pool_maps:
        file = item.where.file
        if item.receiver != "<pool>" and (file, item.receiver) not in g.process_pools:
            continue
        if not g.on_path(item.where):
            continue
        starts = _units_named(g, file, item.where.line, item.function)
        if not starts:
            continue
        walk = _Walk(g.graph, _resolver(g.graph))
        for unit in starts:
            walk.reach_unit(unit)
        walk.run()
        found = next(
            (e for e in computing if (e.file, g.graph.unit_at(e.file, e.line)) in walk.units),
            None,
        )
        if found is None:
            continue
        reason = g.t.reason(
            "process_map",
            method=item.method,
            function=item.function,
            step=f"{found.file}:{found.line}",
        )
        g.emit("cpu_bound", True, "high", item.where, reason, signal=PROCESS_MAP)


def _units_named(g: Gatherer, file: str, line: int, function: str) -> list[tuple[str, str]]:
    """The project function or method *function* names where it is mapped: a function of
    the same file or one it imports, ``self.m`` in the mapping method's class."""
    from advisor.evidence.mainpath import _resolver

    graph = g.graph
    if function.startswith("self."):
        caller = graph.unit_at(file, line)
        owner = caller.rsplit(".", 1)[0] if "." in caller else ""
        name = f"{owner}.{function[5:]}"
        return [(file, name)] if owner and (file, owner) in graph.classes else []
    if "." in function:
        return []
    if function in graph.functions.get(file, ()):
        return [(file, function)]
    dotted = graph.aliases.get(file, {}).get(function)
    if dotted is None:
        return []
    found = _resolver(graph).dotted(dotted, file)
    return [(path, name) for kind, path, name in found if kind == "symbol"]
