"""An asyncio loop on a helper thread is that thread's component, not the program's model.

Issue 19: devpi-server serves its Pyramid app on waitress threads; an ``AsyncioLoopThread``
runs ``asyncio.new_event_loop().run_forever()`` on a thread of its own, and the request
threads hand it the background mirror fetches with ``asyncio.run_coroutine_threadsafe``.
advisor read the ``httpx.AsyncClient`` those coroutines use as "the program is async", and
the request threads' blocking ``httpx.Client`` as "switchable" to it: asyncio+executor,
where the expert's model is threads. A program that hands coroutines to a loop that way
(``handoffs`` in ``data/loops.yaml``) and never runs one itself (no ``asyncio.run``, no
``run_until_complete(coro)`` on the main path, no async framework) runs its own work on
threads: the async libraries are that loop's, listed, not counted, and switch nothing; the
loop's start says no more than that.

`record` is the walk's handler; `set_aside` runs once the main path is known, before the
switch to async counterparts (`advisor.evidence.switch`) is decided.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from advisor.evidence.observed import Location
from advisor.evidence.walk import Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: The signals of an event loop started (`advisor.evidence.programs.event_loop`).
_LOOP_SIGNALS = frozenset({"event-loop"})


@lru_cache(maxsize=1)
def _table() -> Mapping[str, Any]:
    from advisor.evidence.tables import _load

    table: Mapping[str, Any] = _load("loops.yaml")["helper_loops"]
    return table


@register(ast.Call)
def record(r: Reader, node: ast.Call) -> None:
    """Coroutines handed to another thread's loop, and coroutines run by the code itself."""
    table = _table()
    method = node.func.attr if isinstance(node.func, ast.Attribute) else None
    if r.callee is not None and r.callee in table["handoffs"]:
        r.g.graph.loop_handoffs.append((r.source.path, node.lineno, r.callee))
    elif r.callee in table["runners"] or (method in table["runner_methods"] and node.args):
        r.g.graph.loop_runs.append((r.source.path, node.lineno))


def set_aside(g: Gatherer) -> None:
    """In a program whose threads only hand coroutines to a helper thread's loop, the async
    library calls and the loop's start are context, and the async libraries switch nothing
    (their calls leave `Gatherer.io_calls`)."""
    graph = g.graph
    handoffs = [h for h in graph.loop_handoffs if g.on_path(Location(h[0], h[1], None))]
    if not handoffs or any(g.on_path(Location(f, n, None)) for f, n in graph.loop_runs):
        return
    if any(
        e.question == "async_app" and e.value is True and e.signal not in _LOOP_SIGNALS
        for e in g.evidence
    ):
        return  # an async framework runs the program's work on its loop
    file, line, name = handoffs[0]
    where = f"{file}:{line}"
    libraries = {str(lib["name"]) for _w, _q, lib in g.io_calls if lib["async"]}
    kept = []
    for item in g.evidence:
        aside = (
            item.question == "async_libs" and item.value is True and item.signal in libraries
        ) or (item.question == "async_app" and item.value is True and item.signal in _LOOP_SIGNALS)
        if not aside:
            kept.append(item)
            continue
        reason = g.t.reason("helper_loop", reason=item.reason, handoff=name, where=where)
        g.context.append(item._replace(question=None, value=None, reason=reason))
    g.evidence = kept
    g.io_calls = [call for call in g.io_calls if not call[2]["async"]]
    reason = g.t.reason("helper_loop_threads", handoff=name)
    g.emit("async_app", False, "medium", Location(file, line, None), reason, signal="helper-loop")
