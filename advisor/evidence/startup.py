"""Blocking calls that run once, at the start or the end of an asyncio program (issue 19).

A blocking call inside an ``async def`` stops every task while it waits, so it is a strong
vote for ``--async-libs no`` (`advisor.evidence.libraries`). Not when the coroutine runs once,
as the program starts or stops: the coroutine the event loop is started with
(``asyncio.run(async_main())``), or one that only such a coroutine awaits, never in a loop,
making the call outside its own loops. There it reads a configuration file, binds a listening
socket or writes a registration once, which is what heisenbridge's start-up and its ``reset``
and ``generate`` commands do beside a workload that is async end to end. The linter reads code
that runs once the same way (`advisor.lint.checks.once`); this module only needs the call
graph the main path already has, by name, as `advisor.evidence.runs_once.at_import_only` does.
"""

from __future__ import annotations

from collections.abc import Collection

from advisor.evidence.follow import _last_name
from advisor.evidence.units import Graph, Unit


def once_units(
    graph: Graph,
    mains: Collection[str],
    in_loops: Collection[str],
    candidates: Collection[Unit],
    reached: Collection[Unit] | None = None,
) -> frozenset[Unit]:
    """Of *candidates* (coroutines with a blocking call outside their loops), those that run
    once: named like a coroutine an event loop is started with or a scheduler runs rarely
    (*mains*: `advisor.evidence.rare_tasks`), or awaited only by such coroutines, directly or
    through coroutines that are (cyclomonitor's daily task awaits ``update_db``, which awaits
    the ``sqlite3`` import). Callers off the main path (*reached*, when known) are left out: an
    uncalled ``init_db`` runs nothing. A name called in a loop anywhere (*in_loops*), or one no
    code calls by name (a handler a framework calls), is not once: it may run per task."""
    if not mains:
        return frozenset()
    callers: dict[str, set[str]] = {}
    for caller, targets in graph.edges.items():
        if reached is not None and caller not in reached:
            continue
        for target in targets:
            last = _last_name(target)
            if last:
                callers.setdefault(last, set()).add(caller[1].rsplit(".", 1)[-1])
    known = set(mains)
    for _ in range(ONCE_DEPTH):  # names awaited only by names that run once, run once too
        more = {
            name
            for name, by in callers.items()
            if name not in known and name not in in_loops and by and by <= known
        }
        if not more:
            break
        known |= more
    once: set[Unit] = set()
    for unit in candidates:
        last = unit[1].rsplit(".", 1)[-1]
        if last in in_loops:
            continue
        if last in known:
            once.add(unit)
    return frozenset(once)


#: How many calls deep a coroutine that runs once hands that on (daily task -> update ->
#: import): deeper, the chain is read as per task.
ONCE_DEPTH = 3
