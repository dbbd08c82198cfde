"""Programs on an event loop that is not asyncio's (``data/loops.yaml``): Twisted's reactor.

Issue 19: cowrie (an SSH honeypot) and magic-wormhole-mailbox-server (autobahn websockets)
run on Twisted's reactor. advisor called Twisted "a synchronous framework without an event
loop", read ``--async-libs`` from side scripts (Munin plugins, a launcher's ``which``) and
never found the server at all: twistd starts it from a plugin module it imports by name
(``twisted/plugins/*.py``), through a service maker (``@implementer(IServiceMaker)`` with a
``makeService`` method, or ``ServiceMaker("...", "pkg.server_tap", ...)`` naming a module
whose ``makeService`` builds the service), and the console script only ``os.execvp``s
twistd. The expert's answers for such a program: ``--async-libs yes`` (its network I/O is
event-driven already, asyncio is its direct equivalent), ``--async-app no`` (the loop is not
asyncio's). The knowledge is data: which framework, what its loop is called, where its
runner finds plugins, what names a service and which method builds it.

- `advisor.evidence.reactor_plugins` (walk handlers): the service makers a plugin module
  names, kept in the graph (`Graph.service_makers`) for the main path;
- `plugin_starts`: those makers as entry points (`advisor.evidence.mainpath`);
- `reactor_of`: the reactor a framework of ``frameworks.yaml`` runs, for the reasons
  (`advisor.evidence.programs`, `advisor.evidence.aside.served`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from advisor.models import Text

if TYPE_CHECKING:
    from advisor.evidence.follow import Resolver
    from advisor.evidence.units import Entry, Graph, Unit


@lru_cache(maxsize=1)
def _reactors() -> tuple[Mapping[str, Any], ...]:
    from advisor.evidence.tables import _load

    return tuple(_load("loops.yaml")["reactors"])


def reactor_of(framework: str) -> Text | None:
    """What runs a framework's callbacks when it is an event loop that is not asyncio's
    (``Twisted`` -> "Twisted's reactor"), else None."""
    for reactor in _reactors():
        if reactor["name"] == framework:
            return Text(dict(reactor["loop"]))
    return None


@lru_cache(maxsize=256)
def plugin_reactor(path: str) -> Mapping[str, Any] | None:
    """The reactor whose runner loads the module at *path* by name, if any (a module of
    ``twisted/plugins/`` under any source root)."""
    folder = "/" + path.rsplit("/", 1)[0] if "/" in path else ""
    for reactor in _reactors():
        if folder.endswith("/" + reactor["plugins"]):
            return reactor
    return None


def plugin_starts(
    graph: Graph, resolver: Resolver, entries: list[Entry], starts: list[Unit]
) -> tuple[list[Entry], list[Unit]]:
    """The service makers of a runner's plugins (`Graph.service_makers`) as entry points
    beside the declared scripts: twistd imports the plugin and calls ``makeService``, so the
    server it builds is the program's start (cowrie's launcher script only ``execvp``s
    twistd; magic-wormhole-mailbox-server declares no script at all)."""
    from advisor.evidence.units import MODULE, Entry

    entries, starts = list(entries), list(starts)
    for file, line, target in graph.service_makers:
        reactor = plugin_reactor(file)
        module, _, attr = target.partition(":")
        unit: Unit | None = None
        if not attr:  # ``Class.makeService`` in the plugin module itself
            if (file, target.split(".")[0]) in graph.classes:
                unit = (file, target)
        elif (home := resolver.module(module)) is not None:
            found = [(f, n) for kind, f, n in resolver.symbol(home, attr) if kind == "symbol"]
            unit = found[0] if found else None
        if unit is None or reactor is None:
            continue
        new = [start for start in ((file, MODULE), unit) if start not in starts]
        if new:
            starts += new
            entries.append(Entry(file, line, "app", f"{file}:{line}", reactor["name"]))
    return entries, starts
