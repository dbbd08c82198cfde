"""Which functions run concurrently, resolved to the function itself, not to its bare name
(issue 19, cause 3).

A worker found at its ``def`` (a request or event handler its decorator registers, a
``@ray.remote`` task) is that one function: a method of another class that shares its name
(aho's ``meta`` command and the ``meta`` property setters of its database entities) does not
run concurrently because of it. A function a worker calls by a bare name is a function, never
a method of the same name. A worker handed over by name only (``Thread(target=self.fetch)``)
may be any function or method of that name, as before. And code at a module's top level runs
once, when the module is first imported: a handler that uses a module's name does not run
that module's import-time code (alerta-server's ``create_app``, whose plugin ``register``
calls set class attributes once at start-up), so walks from the workers do not enter it.

Steps of `advisor.evidence.shared_writes.shared_writes`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.evidence.units import MAIN_GUARD, MODULE

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer
    from advisor.evidence.observed import Location
    from advisor.evidence.units import Graph, Unit


def _own(name: str, unit: Unit) -> bool:
    """Whether *unit* is the function or method *name* itself (not one it is nested in)."""
    return unit[1].rsplit(".", 1)[-1] == name


def runs_concurrently(g: Gatherer, concurrent: set[str], function: str, where: Location) -> bool:
    """Whether the code of *function* at *where* is one of the *concurrent* functions."""
    if function not in concurrent:
        return False
    unit = g.unit_of(where)
    sites = g.worker_sites.get(function)
    if sites is None:  # called by a bare name from a worker: a function, not a method
        return "." not in unit[1] or not _own(function, unit)
    if None in sites:  # handed over by name: whichever function or method has it
        return True
    # Found at its `def`: that function (a nested handler's unit is its outer function's).
    return any(site is not None and g.unit_of(site) == unit for site in sites)


def starts(g: Gatherer, concurrent: set[str]) -> set[Unit]:
    """The units the *concurrent* functions are, as `runs_concurrently` resolves them."""
    graph = g.graph
    found: set[Unit] = set()
    for name in concurrent:
        sites = g.worker_sites.get(name)
        if sites is not None and None not in sites:
            found.update(
                unit
                for unit in (g.unit_of(site) for site in sites if site is not None)
                if _own(name, unit)
            )
            continue
        for file, functions in graph.functions.items():
            if name in functions:
                found.add((file, name))
        if sites is None:
            continue  # a bare call reaches a function, never a method
        for (file, cls), info in graph.classes.items():
            if name in info.methods:
                found.add((file, f"{cls}.{name}"))
    return found


def import_time(graph: Graph) -> frozenset[Unit]:
    """Each module's top level and main guard: run once, never by a worker."""
    return frozenset((file, unit) for file in graph.files for unit in (MODULE, MAIN_GUARD))
