"""A cluster engine offered as an option is not the program's machine (issue 19: img2dataset).

`advisor.evidence.programs` votes ``--multi-machine yes`` at an import of Ray, Spark or Dask:
a cluster engine already in use. img2dataset imports Ray inside ``try: ... except
ModuleNotFoundError`` and Spark inside the function that starts a session, for its ``ray`` and
``pyspark`` distributors, while its default distributor maps the shards over a local
``multiprocessing`` pool. An engine every import of which is optional (under a ``try`` that
catches ``ImportError`` or ``ModuleNotFoundError``) or lazy (inside a function) is a choice the
user makes; when the main path also runs a local process pool, that pool is the default and the
program runs on one machine: the engine's votes become context and the pool votes
``--multi-machine no`` (medium). Without a local pool the votes stand (a Dask script that
imports ``distributed`` inside its ``main`` uses it).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.evidence.observed import Location
from advisor.evidence.tables import listing
from advisor.evidence.walk import Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: Context signal of an optional or lazy import of a cluster engine (by the engine's name).
OPTIONAL = "optional-engine:"
#: What a ``try`` catches when its body imports an optional dependency.
_MISSING = frozenset({"ImportError", "ModuleNotFoundError"})
#: ``cpu_bound`` signals of a local process pool (`advisor.evidence.cpu.process_pool`).
_LOCAL_POOLS = frozenset({"process-pool", "process-map"})


def _names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.module and not node.level:
        return [f"{node.module}.{a.name}" for a in node.names]
    return []


def _note(r: Reader, node: ast.Import | ast.ImportFrom, why: str) -> None:
    for name in _names(node):
        cluster = r.t.cluster.lookup(name)
        if cluster is not None:
            reason = r.t.reason(why, name=str(cluster["name"]))
            r.g.emit(None, None, "medium", r.at(node), reason, signal=OPTIONAL + cluster["name"])
            return


@register(ast.Import, ast.ImportFrom)
def lazy_import(r: Reader, node: ast.Import | ast.ImportFrom) -> None:
    """An engine imported inside a function: loaded only when that function runs."""
    if r.functions:
        _note(r, node, "engine_lazy")


@register(ast.Try)
def optional_import(r: Reader, node: ast.Try) -> None:
    """An engine imported under ``try`` whose handler catches its absence."""
    caught: set[str] = set()
    for handler in node.handlers:
        kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        caught |= {k.id for k in kinds if isinstance(k, ast.Name)}
    if not caught & _MISSING or r.functions:
        return  # inside a function, `lazy_import` has said it already
    for stmt in node.body:
        for inner in ast.walk(stmt):
            if isinstance(inner, (ast.Import, ast.ImportFrom)):
                _note(r, inner, "engine_optional")


def decide(g: Gatherer) -> None:
    """Engines whose every ``--multi-machine yes`` vote is at an optional or lazy import,
    beside a local process pool on the main path: the pool is the default, one machine."""
    path = g.main_path
    if path is None:
        return
    optional = {
        (c.file, c.line, c.signal[len(OPTIONAL) :])
        for c in g.context
        if c.question is None and c.signal.startswith(OPTIONAL)
    }
    votes = [e for e in g.evidence if e.question == "multi_machine" and e.value is True]
    engines = {e.signal for e in votes}
    chosen = {
        name
        for name in engines
        if all((e.file, e.line, name) in optional for e in votes if e.signal == name)
    }
    pools = sorted(
        (
            e
            for e in g.evidence
            if e.question == "cpu_bound" and e.signal in _LOCAL_POOLS and e.file in path.files
        ),
        key=lambda e: (e.file, e.cell or 0, e.line),
    )
    if not chosen or chosen != engines or not pools:
        return
    kept = []
    for e in g.evidence:
        if e.question == "multi_machine" and e.signal in chosen:
            g.context.append(e._replace(question=None, value=None))
            continue
        kept.append(e)
    g.evidence = kept
    reason = g.t.reason("engine_chosen", engines=listing(sorted(chosen)))
    where = Location(pools[0].file, pools[0].line, pools[0].cell)
    g.emit("multi_machine", False, "medium", where, reason, signal="local-pool-default")
