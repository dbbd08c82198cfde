"""Shared state written by functions that run concurrently, which only the whole project
says (issue 19, cause 3): the workers and what they call, the methods of a framework's request
handlers, the writes and locks taken there; "no shared write" when there are workers and none.

A step of `advisor.evidence.conclude.finish`, once the main path is known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.evidence import closure_state, dotted_state, lock_roles, worker_units
from advisor.evidence.observed import Location, Write
from advisor.evidence.tables import listing

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer
    from advisor.evidence.units import Unit


def chained_workers(g: Gatherer) -> None:
    """``Thread(target=self.signal.emit)``: the method of what the attribute holds, a
    worker only when the class sets it to a project class (``self.db = Db()``); a Qt
    signal's ``emit`` is Qt's, never every project method named ``emit`` (issue 19:
    picard's log handler was taken for a thread's target)."""
    from advisor.evidence.follow import _resolver, _Walk

    if not g.chained_workers:
        return
    walk = _Walk(g.graph, _resolver(g.graph))
    for file, cls, attribute, method in g.chained_workers:
        made = g.graph.attribute_types.get((file, cls, attribute))
        if made is not None and any(k == "class" for k, _ in walk.resolve(file, made)):
            g.worker(method)


def _infrastructure(g: Gatherer, where: Location) -> bool:
    """Whether *where* is in a method of a class that is the program's infrastructure (a
    logging handler, a task counter on a condition variable): its lock guards the log or
    the count, not state the tasks work on (issue 19, picard)."""
    unit = g.graph.unit_at(where.file, where.line, where.cell)
    return "." in unit and (where.file, unit.rsplit(".", 1)[0]) in g.infrastructure


def _unowned(g: Gatherer, write: Write) -> bool:
    """Whether *write* changes state no single object owns: a class-level or imported
    container, or a module-level one written in a method (not ``self.x``, nor what a
    handler is handed). A plain function's writes are the bare-name closure's, which
    knows what a one-time block calls (`finish`)."""
    if write.kind:
        return True
    return "." not in write.target and "." in g.unit_of(write.where)[1]


def _concurrent_units(g: Gatherer, concurrent: set[str]) -> frozenset[tuple[str, str]]:
    """The functions and methods that run concurrently, followed along calls through
    methods too (issue 19, cause 3): from each worker (a thread's target, a task, a
    handler) and each method of a class built on a framework's request handler
    (webssh's tornado handlers), what it calls on the main path, methods of objects of
    unknown type included where the path uses their class (pproxy's
    ``authtable.set_authed(user)``). Only writes to state no single object owns
    (class-level and module-level containers) are counted from these."""
    from advisor.evidence.follow import _resolver, _Walk

    graph, path = g.graph, g.main_path
    starts = worker_units.starts(g, concurrent)  # each worker itself, not its bare name
    for file, cls in g.handler_classes:
        handler = graph.classes.get((file, cls))
        if handler is not None:
            starts.update((file, f"{cls}.{m}") for m in handler.methods)
    if path is not None:
        starts = {u for u in starts if path.reaches(*u)}
    if not starts:
        return frozenset()
    walk = _Walk(graph, _resolver(graph))
    walk.stop = worker_units.import_time(graph)  # a module's top level runs once, at import
    used = path.units if path is not None else {(f, u) for f, u in graph.edges}
    walk.classes = {
        c
        for c in graph.classes
        if any((c[0], f"{c[1]}.{m}") in used for m in graph.classes[c].methods)
    }
    for unit in sorted(starts):
        walk.reach_unit(unit)
    walk.run()
    return frozenset(walk.units)


def _worker_classes(g: Gatherer, concurrent: set[str]) -> set[tuple[str, str]]:
    """The classes whose methods run concurrently (a bound method handed to a server as its
    per-connection handler: modbus-proxy's ``asyncio.start_server(self.handle_client, ...)``),
    with the classes they are built on, in the project: (file, class). Not an object's one
    background thread (left out of *concurrent* by the caller): what it changes on ``self``
    is handed to the owner, in the methods it calls as in its own (supysonic's jukebox), nor
    a thread started once per object (earwigbot's ``Thread(target=component.loop)``, one
    reader per IRC connection), also left out by the caller: one call at a time."""
    graph = g.graph
    found: set[tuple[str, str]] = set()
    for file, unit in worker_units.starts(g, concurrent):
        if "." in unit:
            found.add((file, unit.rsplit(".", 1)[0]))
    pending = list(found)
    while pending:
        info = graph.classes.get(pending.pop())
        for base in info.bases if info is not None else ():
            named = str(base[2] if base[0] == "sym" and len(base) > 2 and base[2] else base[1])
            name = named.rsplit("::", 1)[-1].rsplit(".", 1)[-1]
            for key in graph.classes:
                if key[1] == name and key not in found:
                    found.add(key)
                    pending.append(key)
    return found


def _same_self(
    g: Gatherer, write: Write, units: frozenset[tuple[str, str]], selves: set[tuple[str, str]]
) -> bool:
    """``self.writer = ...`` in a method a concurrent method of the same object reaches
    (modbus-proxy's ``handle_client`` -> ``write_read`` -> ``connect`` -> ``open``; apps set
    24): every concurrent call goes through that one object, so what its callees change
    on ``self`` is shared as much as what the handler changes itself (newcomer review 23's
    instance state, one call deeper)."""
    if not write.target.startswith("self.") or write.kind:
        return False
    file, unit = g.unit_of(write.where)
    if not ((file, unit) in units and "." in unit and (file, unit.rsplit(".", 1)[0]) in selves):
        return False
    # Written under a lock that paces one socket's sends or starts and stops the object
    # (`lock_roles`: an IRC connection's `_send` stamping `self._last_send`): that lock's
    # own bookkeeping, not memory the concurrent calls work on.
    locks = [(f, lock, at) for f, lock, at in g.locks_taken if g.unit_of(at) == (file, unit)]
    return not (
        write.locked
        and locks
        and not any(lock_roles.guards_memory(g, f, lock, at) for f, lock, at in locks)
    )


def _imported_container(g: Gatherer, write: Write) -> bool:
    """Whether the name *write* changes is a container the project module it is imported
    from binds at its module level (webssh's ``from webssh.worker import clients``)."""
    from advisor.evidence.follow import _resolver

    file = write.where.file
    dotted = g.graph.aliases.get(file, {}).get(write.target)
    if dotted is None or "." not in dotted:
        return False
    module, name = dotted.rsplit(".", 1)
    home = _resolver(g.graph).module(module, file)
    found = g.modules.get(home) if home else None
    return found is not None and name in found.containers


def held_writes(g: Gatherer) -> list[tuple[Write, str]]:
    """Writes every event on one loop shares (issue 19: oobabot's ``on_message`` calls
    ``self.response_stats.log_request_arrived()``, which counts into ``self.`` of the one
    statistics object the bot holds): a client whose one instance receives every event
    (`data/concurrency.yaml` ``event_clients``) holds one object per attribute, so what a
    method of that object writes when an event method of the client calls it through the
    attribute is state all events share, on one thread. Only the method called directly
    (``self.attr.method()``), on the main path; the attribute's class from its constructor,
    else every class on the path defining the method. The writes paired with the client."""
    path = g.main_path
    graph = g.graph
    found: list[tuple[Write, str]] = []
    seen: set[Write] = set()
    for file, cls, base in sorted(g.event_clients):
        info = graph.classes.get((file, cls))
        if info is None:
            continue
        called: set[tuple[str, str]] = set()
        for method in info.methods:
            unit = (file, f"{cls}.{method}")
            if method == "__init__" or (path is not None and not path.reaches(*unit)):
                continue
            for target in graph.edges.get(unit, ()):
                if target[0] == "attr" and target[2] == cls:
                    called.update(_held_units(g, file, cls, str(target[3]), str(target[4])))
        for w in g.writes:
            if w.target.startswith("self.") and g.unit_of(w.where) in called and w not in seen:
                seen.add(w)
                found.append((w, base))
    return found


def _held_units(g: Gatherer, file: str, cls: str, attribute: str, method: str) -> set[Unit]:
    """The methods ``self.attribute.method()`` in class *cls* can run: the constructed
    class's, or those of every other class on the main path defining *method*."""
    from advisor.evidence.follow import _resolver, _Walk

    graph, path = g.graph, g.main_path
    typed = graph.attribute_types.get((file, cls, attribute))
    if typed is not None:
        walk = _Walk(graph, _resolver(graph))
        classes = [u for k, u in walk.resolve(file, typed) if k == "class"]
    else:
        classes = [c for c, info in graph.classes.items() if method in info.methods]
    units = {
        (c[0], f"{c[1]}.{method}")
        for c in classes
        if c != (file, cls) and method in graph.classes[c].methods  # held, not the client
    }
    return {u for u in units if path is None or path.reaches(*u)}


def shared_writes(g: Gatherer, concurrent: set[str]) -> None:
    """``shared_memory`` evidence: writes and locks in *concurrent* functions (and in what
    they reach, for state no single object owns), or "no" at the first known worker."""
    t = g.t
    # An object's one background thread writing its own attributes hands a result or an
    # error to the owner: not state that tasks share (issue 19, cause 3).
    alone = {name for name, kinds in g.spawned_alone.items() if kinds == {True}}
    units = _concurrent_units(g, concurrent)
    single = {name for name, kinds in g.spawned_once.items() if kinds == {True}}
    selves = _worker_classes(g, concurrent - alone - single)
    held = dict(held_writes(g))
    writes = [
        w
        for w in g.writes
        if (
            w in held
            or worker_units.runs_concurrently(g, concurrent, w.function, w.where)
            or (_unowned(g, w) and g.unit_of(w.where) in units)
            or _same_self(g, w, units, selves)
        )
        and not g.vendored(w.where.file)
        and not (w.function in alone and w.target.startswith("self."))
        and (w.kind != "imported" or _imported_container(g, w))
        and (w.kind != dotted_state.DOTTED or dotted_state.is_container(g, w))
        and closure_state.shared(g, w)
        and not _infrastructure(g, w.where)
        and not lock_roles.flag_only(g, w)  # a running flag, the thread's own life
    ]
    for w in writes:
        reason_key = "shared_locked" if w.locked else "shared_write"
        if w.kind in {"class", "class_value", closure_state.CLOSURE, closure_state.BOUND}:
            reason_key += f"_{w.kind}"
        elif w in held:  # an object the one event client holds
            reason_key += "_held"
        elif w.target.startswith("self."):  # an instance's attribute, not module-level (#23)
            reason_key += "_attribute"
        elif "." in w.target and w.kind != dotted_state.DOTTED:  # `bot.memory`, handed
            reason_key += "_handed"
        client = str(held.get(w, ""))
        reason = t.reason(reason_key, function=w.function, target=w.target, client=client)
        confidence = "high" if w.locked else "medium"
        g.emit(
            "shared_memory",
            True,
            confidence,
            w.where,
            reason,
            signal=f"{w.function}:{w.target}",
        )
    # A lock is evidence of its own only where nothing written under it already is.
    written = {g.unit_of(w.where) for w in writes}
    taken = [
        (function, lock, where)
        for function, lock, where in g.locks_taken
        if (
            worker_units.runs_concurrently(g, concurrent, function, where)
            or g.unit_of(where) in units
        )
        and function not in alone  # an object's one thread, handing results over
        and g.unit_of(where) not in written
        and not g.vendored(where.file)
        and not _infrastructure(g, where)
        and lock_roles.guards_memory(g, function, lock, where)  # not start/stop's, nor one socket's
    ]
    for function, lock, where in taken:
        # A lock the concurrent code takes guards what it shares (errbot's commands on a
        # thread pool reading the bot's registries under `self._gbl`, an RLock).
        reason = t.reason("shared_lock_taken", function=function, lock=lock)
        g.emit("shared_memory", True, "medium", where, reason, signal=f"lock:{lock}")
    if not writes and not taken:
        # Only the workers the main path runs say what it shares: spotdl's web API handlers,
        # a command the report lists as not on the main path, answered "no" for its
        # downloader (newcomer review 25 #14).
        known = sorted(n for n in g.workers if n in g.defs and g.on_path(g.defs[n]))
        if known:
            where = g.defs[known[0]]
            reason = t.reason("no_shared_write", functions=listing(known[:4]))
            g.emit("shared_memory", False, "medium", where, reason, signal="workers")
