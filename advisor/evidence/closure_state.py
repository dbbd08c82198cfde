"""State of an enclosing function that the closures it runs concurrently change (newcomer
review 23, 3).

speedtest-cli's ``Speedtest.download`` binds ``in_flight = {'threads': 0}``, then starts a
``producer`` thread that does ``in_flight['threads'] += 1`` and a ``consumer`` thread that does
``in_flight['threads'] -= 1``, without a lock: a lost-update race. Only module-level containers
and ``self.`` were counted, so the scan said the concurrent functions "share no state they
change".

While reading (`written`): inside a nested function, a write through a name the function does
not bind itself (or declares ``nonlocal``) but a function around it binds is a write to that
closure's state (``in_flight[...] = ``, ``finished.append(x)``, ``stats.count += 1``,
``nonlocal count; count += 1``). Once every file is read (`shared`): it counts when its
function may run beside itself (a pool's task, threads started in a loop), or when another
concurrent function changes the same variable of the same enclosing call. One thread started
once that fills a result its starter reads after ``join()`` hands a value over; it shares
nothing.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.evidence.scopes import function_info, walk_local

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer
    from advisor.evidence.observed import Location, Write
    from advisor.evidence.walk import Reader

#: The kind of `Write` this module records (`advisor.evidence.observed.Write.kind`).
CLOSURE = "closure"


def written(r: Reader, node: ast.expr) -> tuple[str, str] | None:
    """The closure variable *node* (a name, or the root of an attribute or item chain)
    changes inside a nested function, with its kind; the enclosing function's ``def`` is
    kept for `shared` (`Gatherer.closure_owners`)."""
    chain: list[str] = []
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute):
            chain.append(node.attr)
        node = node.value
    if not (isinstance(node, ast.Name) and len(r.functions) >= 2):
        return None
    name = node.id
    inner = r.functions[-1]
    if name in r.names.local and name not in _nonlocals(inner):
        return None
    for outer in reversed(r.functions[:-1]):
        if name in function_info(outer).local:
            target = ".".join([name, *reversed(chain)])
            r.g.closure_owners[(r.at(node), target)] = r.at(outer)
            return target, CLOSURE
    return None


def _nonlocals(fn: ast.AST) -> set[str]:
    return {n for node in walk_local(fn) if isinstance(node, ast.Nonlocal) for n in node.names}


def shared(g: Gatherer, write: Write, concurrent: set[str]) -> bool:
    """Whether the closure *write* changes state that concurrent calls share (any other
    write is left to the other checks)."""
    from advisor.evidence.worker_units import runs_concurrently

    if write.kind != CLOSURE:
        return True
    if g.spawned_once.get(write.function) != {True}:  # a pool's task, threads in a loop
        return True
    owner = _owner(g, write)
    root = write.target.split(".", 1)[0]
    return any(
        w.kind == CLOSURE
        and w.function != write.function
        and w.target.split(".", 1)[0] == root
        and _owner(g, w) == owner
        and runs_concurrently(g, concurrent, w.function, w.where)
        for w in g.writes
    )


def _owner(g: Gatherer, write: Write) -> Location | None:
    return g.closure_owners.get((write.where, write.target))
