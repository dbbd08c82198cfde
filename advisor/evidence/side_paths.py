"""Units beside the program's own work, on the main path but not what the program is (issue 19,
cause 2): what an event loop run as a bridge deep in the work reaches, what only a minority of
a package's plugins reach, and groups of alternatives of which the input chooses one; and the
places off the main path, listed in the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from advisor.evidence.follow import _resolver, _Walk
from advisor.evidence.mainpath import Alternatives, MainPath
from advisor.evidence.units import MAIN_GUARD, MODULE, Graph, Unit, _folder

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer


def bridged(graph: Graph, path: MainPath, bridges: Iterable[Unit]) -> frozenset[Unit]:
    """Units reached only through *bridges*: functions deep in the program's work that run
    an event loop for their caller and return (``return trio.run(self.arun)``). The
    coroutines they run are theirs, not a loop the program runs around its work."""
    stop = frozenset(bridges)
    if not stop:
        return frozenset()
    walk = _Walk(graph, _resolver(graph))
    walk.stop = stop
    for unit in path.units:
        if path.depth.get(unit) == 0:
            walk.reach_unit(unit)
    walk.run()
    return frozenset(path.units - walk.units) | stop


#: A table of at least this many project classes, looked up by a computed key, holds
#: alternatives: one of them runs, as the input chooses (`alternatives`).
ALTERNATIVES_MIN = 3

#: Past this many plugin modules, which units only a few of them reach is not worked out
#: (one walk per plugin); none is then optional.
PLUGINS_KEPT = 400


def _plugin_alone(core: _Walk, module: str) -> frozenset[Unit]:
    """What one plugin module reaches beyond the program's core; nothing when the program
    imports it itself (it is then part of the core)."""
    if (module, MODULE) in core.units:
        return frozenset()
    one = core.fork()
    one.plugins([module])
    one.reach_unit((module, MODULE))
    one.run()
    return frozenset(one.units - core.units)


def optional_units(graph: Graph, path: MainPath) -> frozenset[Unit]:
    """Units that only a minority of the plugins reach (issue 19, cause 2): modules a
    package loads by a computed name (``importlib.import_module(f"pkg.plugins.{name}")``)
    are each one of many optional plugins. What the program reaches without them (its core)
    and what most plugins reach is its workload; a helper that a few plugins call
    (streamlink's trio-based browser helper) is not what the program is. One walk per
    plugin: worked out only where it can change an answer (`advisor.evidence.aside._optional`)."""
    plugins = sorted(path.plugins)
    if len(plugins) < 2 or len(plugins) > PLUGINS_KEPT:
        return frozenset()
    core = _Walk(graph, _resolver(graph), plugins=False)
    for unit in [u for u in path.units if path.depth.get(u) == 0]:
        core.reach_unit(unit)
    core.run()
    counts: dict[Unit, int] = {}
    for module in plugins:
        for unit in _plugin_alone(core, module):
            counts[unit] = counts.get(unit, 0) + 1
    return frozenset(u for u, n in counts.items() if 2 * n < len(plugins))


def alternatives(graph: Graph, path: MainPath) -> tuple[Alternatives, ...]:
    """The groups of alternatives on the main path, of which the input chooses one (issue
    19, cause 2): a table of at least three project classes looked up by a computed key
    (pproxy's ``MAPPINGS = dict(http=HTTP, ws=WS, ...)``, ``MAPPINGS.get(name)``: a
    protocol, a backend, a driver per option), and the modules of a package loaded by a
    computed name (a bot's plugins). What one of them alone reaches is one option among many,
    not the program's workload: tgcf's OCR plugin, pproxy's websocket unmasking. One walk
    per alternative, past the program's core (what it reaches without any of them)."""
    resolver = _resolver(graph)
    core = _Walk(graph, resolver, plugins=False)
    tables: list[tuple[str, int, list[Unit]]] = []
    for (file, name), (unit, targets, line) in sorted(graph.tables.items()):
        if name not in graph.lookups or unit not in path.units:
            continue
        classes = sorted(
            {found for t in targets for kind, found in core.resolve(file, t) if kind == "class"}
        )
        if len(classes) >= ALTERNATIVES_MIN:
            core.skip_edges.update((unit, t) for t in targets)
            tables.append((f"{file}: {name}", line, classes))
    # Plugins a loader finds by listing their folder all load; those named by the input
    # (``import_module("pkg.plugins." + name)`` for each one configured) are chosen.
    # A group is a subpackage's modules (tgcf/plugins/): a lazy import of any module of the
    # project's top package (``import_module("yt_dlp." + name)``) is no plugin system.
    listed = {_folder(f) for f in (resolver.module(p) for p in graph.listed) if f}
    folders: dict[str, list[str]] = {}
    for plugin in sorted(path.plugins):
        folder = _folder(plugin)
        if folder not in listed and f"{_folder(folder)}/__init__.py" in graph.files:
            folders.setdefault(folder, []).append(plugin)
    if not tables and not folders:
        return ()
    for unit in [u for u in path.units if path.depth.get(u) == 0]:
        core.reach_unit(unit)
    core.run()
    groups: list[Alternatives] = []
    for name, line, classes in tables:
        members = []
        for cls in classes[:PLUGINS_KEPT]:
            one = core.fork()
            one.skip_edges = core.skip_edges
            one.reach_class(cls)
            one.run()
            members.append(frozenset(one.units - core.units))
        groups.append(Alternatives(name, line, tuple(members)))
    for folder, plugins in sorted(folders.items()):
        members = []
        for module in plugins[:PLUGINS_KEPT]:
            if (module, MODULE) not in core.units:
                members.append(_plugin_alone(core, module))
        if len(members) >= ALTERNATIVES_MIN:
            groups.append(Alternatives(folder, 0, tuple(members)))
    return tuple(groups)


def off_path_places(gatherer: Gatherer) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(where, questions) of the evidence the main path does not reach: a whole file when
    nothing in it runs, else ``file: function``; sorted, bounded (`weigh.infer`'s
    ``off_path``)."""
    path = gatherer.main_path
    if path is None:
        return ()
    found: dict[str, set[str]] = {}
    for file, unit, question in gatherer.off_path:
        if file not in path.files or unit == MODULE:
            where = file
        elif unit == MAIN_GUARD:
            where = f"{file}: if __name__ == '__main__'"
        else:
            where = f"{file}: {unit}()"
        found.setdefault(where, set()).add(question)
    return tuple((w, tuple(sorted(q))) for w, q in sorted(found.items()))[:OFF_PATH_KEPT]


#: Places off the main path kept in the result: output stays bounded.
OFF_PATH_KEPT = 50
