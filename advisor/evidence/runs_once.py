"""Code that runs once, not as a step of the program's tasks: computation at the module level
of a package's module, blocking calls only a package's import runs, and blocking calls in a
coroutine that runs once as the program starts or stops (issue 19): context, not a vote.

Steps of `advisor.evidence.conclude.apply_main_path`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.evidence.observed import Location
from advisor.evidence.tables import BLOCKS_LOOP
from advisor.inference import Evidence

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: Units followed up their callers to tell code run only at a package's import
#: (`at_import_only`): output and time stay bounded.
_IMPORT_WALK = 200


def _package_module(g: Gatherer, file: str) -> bool:
    """A module of a package (not its ``__main__.py``): its module level runs on import."""
    if "/" not in file or file in g.graph.notebooks:
        return False
    folder, name = file.rsplit("/", 1)
    return name != "__main__.py" and f"{folder}/__init__.py" in g.graph.files


def at_import_only(g: Gatherer) -> None:
    """A blocking call that runs only while a package module is imported (in functions
    only its module level calls: tgcf's configuration read from MongoDB once by
    ``CONFIG = read_config()``) runs once, before any task waits: it is
    context, not a vote on ``--async-libs`` (issue 19), as a blocking call made once
    beside the start of the event loop is."""
    from advisor.evidence.called_edges import is_called
    from advisor.evidence.follow import _last_name, _resolver, _Walk
    from advisor.evidence.units import MODULE

    votes = [e for e in g.evidence if e.question == "async_libs" and e.value is False]
    if not votes:
        return
    graph, path = g.graph, g.main_path
    wanted = {g.unit_of(Location(e.file, e.line, e.cell)) for e in votes}
    callers: dict[tuple[str, str], set[tuple[str, str]]] = {}
    walk = _Walk(graph, _resolver(graph))
    seen: set[tuple[str, str]] = set()
    todo = [u for u in wanted if u[1] != MODULE]
    while todo and len(seen) < _IMPORT_WALK:
        unit = todo.pop()
        if unit in seen:
            continue
        seen.add(unit)
        last = unit[1].rsplit(".", 1)[-1]
        found: set[tuple[str, str]] = set()
        for caller, targets in graph.edges.items():
            if path is not None and not path.reaches(*caller):
                continue  # a caller the program never runs (an optional web UI's page)
            for target in targets:
                if _last_name(target) != last or not is_called(graph, caller, target):
                    continue  # another name, or one only handed over (urls.py's views)
                if target[0] == "meth":
                    found.add(("", ""))  # called on an object of unknown type
                elif target[0] == "self":
                    if (target[1], f"{target[2]}.{target[3]}") == unit:
                        found.add(caller)
                elif any(k == "unit" and u == unit for k, u in walk.resolve(caller[0], target)):
                    found.add(caller)
        callers[unit] = found
        todo += [c for c in found if c[1] != MODULE and c[0]]
    once = {u for u in seen if callers.get(u)}
    changed = True
    while changed:
        changed = False
        for unit in list(once):
            outside = [
                c
                for c in callers[unit]
                if c != unit and c not in once and not (c[1] == MODULE and _package_module(g, c[0]))
            ]
            if outside:
                once.discard(unit)
                changed = True
    kept: list[Evidence] = []
    for item in g.evidence:
        unit = g.unit_of(Location(item.file, item.line, item.cell))
        # A function only the import runs; the module level itself is left alone: its
        # first calls may be all a file's evidence keeps of a library it uses later too.
        at_import = unit in once
        if item in votes and item.signal != BLOCKS_LOOP and at_import:
            module = item.file.removesuffix(".py").replace("/", ".")
            function = unit[1] if unit[1] != MODULE else module
            reason = g.t.reason(
                "sync_at_import", name=item.signal, module=module, function=function
            )
            g.emit(
                None,
                None,
                item.confidence,
                Location(item.file, item.line, item.cell),
                reason,
                signal=item.signal,
            )
            continue
        kept.append(item)
    g.evidence = kept


def at_startup(g: Gatherer) -> None:
    """A blocking call in a coroutine that runs once, as the program starts or stops (the
    coroutine its event loop is started with, or one only that coroutine awaits, outside
    their loops: `advisor.evidence.startup`), blocks no task's work: context, not a vote
    on ``--async-libs`` (issue 19: heisenbridge's registration file read and written,
    and its identd socket bound, against a bridge that is async end to end)."""
    from advisor.evidence.startup import once_units

    places = {(w.file, w.line) for w in g.blocking_once}
    if not places:
        return
    reached = None if g.main_path is None else g.main_path.units
    candidates = {g.unit_of(w) for w in g.blocking_once}
    units = once_units(g.graph, g.loop_mains, g.called_in_loop, candidates, reached)
    # Or in a coroutine a scheduler runs once a day or an hour (`advisor.evidence.rare_tasks`).
    rare = once_units(g.graph, g.loop_mains | g.rare_tasks, g.called_in_loop, candidates, reached)
    rare -= units
    units |= rare
    if not units:
        return
    kept: list[Evidence] = []
    for item in g.evidence:
        where = Location(item.file, item.line, item.cell)
        unit = g.unit_of(where)
        if (
            item.question == "async_libs"
            and item.value is False
            and (item.file, item.line) in places
            and unit in units
        ):
            if item.signal != BLOCKS_LOOP:
                said = "sync_in_rare_task" if unit in rare else "sync_at_startup"
                reason = g.t.reason(said, name=item.signal, function=unit[1])
                g.emit(None, None, item.confidence, where, reason, signal=item.signal)
            continue
        kept.append(item)
    g.evidence = kept


def at_import(g: Gatherer, item: Evidence) -> bool:
    """Computation at the module level of a package's module (not its ``__main__.py``):
    it runs once, when the module is imported (a table built, a stub image decompressed),
    not as a step of the program's tasks (issue 19, cause 1)."""
    from advisor.evidence.units import MODULE

    if not (item.question in {"cpu_bound", "cpu_heavy_steps"} and item.value is True):
        return False
    if item.signal == "process-pool":  # a worker class defined there, not work done
        return False
    if not item.file or item.file in g.graph.notebooks or "/" not in item.file:
        return False
    folder, name = item.file.rsplit("/", 1)
    return (
        name != "__main__.py"
        and f"{folder}/__init__.py" in g.graph.files
        and g.graph.unit_at(item.file, item.line, item.cell) == MODULE
    )
