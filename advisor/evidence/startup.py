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
    graph: Graph, mains: Collection[str], in_loops: Collection[str], candidates: Collection[Unit]
) -> frozenset[Unit]:
    """Of *candidates* (coroutines with a blocking call outside their loops), those that run
    once: named like a coroutine an event loop is started with (*mains*), or awaited only by
    such a coroutine. A name called in a loop anywhere (*in_loops*), or one no code calls by
    name (a handler a framework calls), is not once: it may run per task."""
    if not mains:
        return frozenset()
    callers: dict[str, set[str]] = {}
    wanted = {unit[1].rsplit(".", 1)[-1] for unit in candidates}
    for caller, targets in graph.edges.items():
        for target in targets:
            last = _last_name(target)
            if last in wanted:
                callers.setdefault(last, set()).add(caller[1].rsplit(".", 1)[-1])
    once: set[Unit] = set()
    for unit in candidates:
        last = unit[1].rsplit(".", 1)[-1]
        if last in in_loops:
            continue
        if last in mains or (callers.get(last) and callers[last] <= set(mains)):
            once.add(unit)
    return frozenset(once)
