"""Evidence the main path sets aside once it is known (issue 19, cause 2): what runs only in a
mode of the program or behind an event loop run as a bridge, what only a minority of a group of
alternatives reaches, apps the default command never builds; and the served app's own vote.

Steps of `advisor.evidence.conclude.apply_main_path` and `finish`, apart from the
recording they read and write through the `Gatherer` they are handed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.evidence.mainpath import MAJORITY_MIN, MainPath
from advisor.evidence.observed import Location
from advisor.evidence.reactors import reactor_of
from advisor.evidence.tables import Tables, listing
from advisor.evidence.units import SERVER, App
from advisor.inference import Evidence
from advisor.models import Text

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: What one alternative among many (a protocol, a backend, a plugin) says only of itself:
#: what it computes and the libraries it waits on (`set_alternatives_aside`).
_ALTERNATIVE_QUESTIONS = frozenset({"cpu_bound", "cpu_heavy_steps", "native_code", "async_libs"})


def modes_only(g: Gatherer, path: MainPath) -> frozenset[tuple[str, str]]:
    """Units the program reaches only inside a mode (`advisor.evidence.units.Graph.
    modes`): an ``if`` its start runs another server in and returns before its own work,
    or one branch of a chain of modes (radicale's ``if configuration.get("server",
    "type") == "hypercorn": serve_hypercorn(...); return`` before its default threaded
    WSGI server). Whether the program runs an event loop is read from what it runs by
    default (issue 19, cause 2), as what kind of program it is already is; subcommands
    are compared apart (`advisor.evidence.weigh`), so their units are not these."""
    if path.primary == path.units:
        return frozenset()
    commands = {u for _name, _unit, only in path.commands for u in only}
    return frozenset(path.units - path.primary - commands - path.secondary)


def command_loops(g: Gatherer, path: MainPath) -> None:
    """An event loop only a minority of the program's subcommands run (animdl's ``update``,
    one of six, runs pip through asyncio subprocesses on a loop it makes and closes) is that
    command's own business, not how the program's work runs (issue 19, held-back set 21):
    its places no longer answer ``--async-app``, as a mode's do not. Only among at least
    `advisor.evidence.mainpath.MAJORITY_MIN` commands, only when every place with async code is
    owned by those commands (a loop the commands share, or one the default path runs, is the
    program's), and only when a command without a loop reaches more code of its own than
    they do together (animdl's ``download``, 66 units, against ``update``'s 4). The commands are those a group gathers from other modules
    (`MainPath.groups`), else the subcommands of one module (`MainPath.commands`)."""
    commands = path.groups or path.commands
    if len(commands) < MAJORITY_MIN:
        return
    places = [(w.file, w.line, w.cell) for w in g.async_at]
    places += [(e.file, e.line, e.cell) for e in g.evidence if e.question == "async_app" and e.file]
    if not places:
        return
    units = {(file, g.graph.unit_at(file, line, cell)) for file, line, cell in places}
    running: set[str] = set()
    for unit in units:
        owners = {name for name, _function, only in commands if unit in only}
        if not owners:
            return  # shared code, or the default path, runs it
        running |= owners
    if 2 * len(running) >= len(commands):
        return
    # ... and one that runs none does more of its own than they do together: the loop's
    # commands are not the program's main workload (opsdroid's `start`, beside `logs` and
    # `version`, is).
    size = {name: len(only) for name, _function, only in commands}
    largest = max((n for name, n in size.items() if name not in running), default=0)
    if sum(size[name] for name in running) >= largest:
        return
    g.command_loops = frozenset(units)
    g.loop_commands = (tuple(sorted(running)), len(commands))


def set_bridges_aside(g: Gatherer) -> None:
    """An event loop whose result a function returns, many calls away from the program's
    start (``bridge_depth`` in ``data/mainpath.yaml``), runs one coroutine for its
    synchronous caller (streamlink's ``ProcessOutput.run``: ``return
    trio.run(self.arun)``, to read ffmpeg's version): the program around it does not
    run an event loop (issue 19, cause 2). Its coroutines are the bridge's too."""
    from advisor.evidence.side_paths import bridged
    from advisor.evidence.units import names

    path = g.main_path
    if path is None:
        return
    deep = int(names()["bridge_depth"])
    bridges = set()
    for where in g.loop_starts:
        unit = (where.file, g.graph.unit_at(where.file, where.line, where.cell))
        if path.depth.get(unit, 0) > deep:
            bridges.add(unit)
    g.bridged = bridged(g.graph, path, bridges)
    _optional(g)


def _optional(g: Gatherer) -> None:
    """What only a minority of the plugins reach (`advisor.evidence.mainpath.
    optional_units`), worked out only when an event loop or async code is on the path
    beyond the bridges: it is one walk per plugin, and only ``async_app`` reads it."""
    from advisor.evidence.side_paths import optional_units

    path = g.main_path
    if path is None or not path.plugins:
        return
    async_app = [e for e in g.evidence if e.question == "async_app" and e.file]
    if any(g.on_workload(w) for w in g.async_at) or any(g.on_workload(e) for e in async_app):
        g.main_path = path._replace(optional=optional_units(g.graph, path))


def set_alternatives_aside(g: Gatherer) -> None:
    """Evidence that only a minority of a group of alternatives reaches is listed, not
    counted, for what the program computes and waits on (issue 19, cause 2): pproxy's
    websocket unmasking is one protocol of the nineteen its ``MAPPINGS`` table offers
    (``MAPPINGS.get(name)``, as the command line chooses), tgcf's OCR one plugin of six.
    What most of the alternatives do (each plugin calling the same library) still counts.
    Said once per group, at the first such place."""
    from advisor.evidence.side_paths import alternatives

    path = g.main_path
    if path is None:
        return
    groups = alternatives(g.graph, path)
    if not groups:
        return
    g.main_path = path._replace(alternatives=groups)
    units: dict[tuple[object, ...], set[tuple[str, str]]] = {}
    for item in g.evidence:
        key = (item.question, item.value, item.signal)
        units.setdefault(key, set()).add(
            (item.file, g.graph.unit_at(item.file, item.line, item.cell))
        )
    kept: list[Evidence] = []
    aside: set[tuple[str, str]] = set()
    said: set[str] = set()
    for item in g.evidence:
        unit = (item.file, g.graph.unit_at(item.file, item.line, item.cell))
        group = next((g for g in groups if g.minority(unit)), None)
        if item.question not in _ALTERNATIVE_QUESTIONS or not item.file or group is None:
            kept.append(item)
            continue
        key = (item.question, item.value, item.signal)
        if 2 * group.share(units[key]) >= len(group.members):
            kept.append(item)  # most alternatives do it: the program's work
            continue
        aside.add(unit)
        g.off_path.add((item.file, unit[1], str(item.question)))
        if group.name not in said:
            said.add(group.name)
            reason = g.t.reason(
                "alternative_aside",
                function=unit[1],
                count=str(group.share([unit])),
                total=str(len(group.members)),
                table=group.name,
            )
            g.emit(
                None,
                None,
                "medium",
                Location(item.file, item.line, item.cell),
                reason,
                signal=f"alternatives:{group.name}",
            )
    g.evidence = kept
    # Loops of a worker that only one alternative reaches are set aside too (`finish`).
    g.aside = frozenset(u for g in groups for member in g.members for u in member if g.minority(u))


def without_absent_apps(g: Gatherer, evidence: list[Evidence], path: MainPath) -> list[Evidence]:
    """``program=service`` (or gui) only when the app is on the main path: an import of
    Flask on the path, with its app built off it (an optional web UI), is no service; nor
    is an app another command of the program builds (``spotdl web``), in a mode its
    default command returns before or one branch of a chain of modes (glances' web
    server, `advisor.evidence.units.Graph.modes`), or in one subcommand among several
    (``mkdocs serve``, `advisor.evidence.units.Graph.commands`)."""
    apps = apps_on(g, path)
    kinds = {app.kind for app in apps}
    parts = _gui_parts(g.t, apps)
    evidence = [e for e in evidence if not (e.signal == "server" and (e.file, e.line) in parts)]
    dropped = {
        e.signal
        for e in evidence
        if e.question == "program"
        and e.value in {"service", "gui"}
        and (SERVER if e.signal == "server" else e.value) not in kinds
    }
    if not dropped:
        return evidence
    return [
        e for e in evidence if not (e.signal in dropped and e.question in {"program", "async_app"})
    ]


def apps_on(g: Gatherer, path: MainPath) -> list[App]:
    """The framework apps the default command builds, and the project's classes built on a
    framework's server or window that it uses. An app built only behind an option that is
    off by default (ffmpeg-quality-metrics' ``if cli_args.gui:`` Dash dashboard, shown after
    the metrics are printed) is the user's choice, not what the program is (issue 19)."""
    found = [
        app
        for app in g.graph.apps
        if path.by_default(app.file, app.unit) and (app.file, app.unit) not in path.opt_in
    ]
    for (file, cls), app in g.graph.app_classes.items():
        methods = g.graph.classes[(file, cls)].methods
        if any(path.by_default(file, f"{cls}.{m}") for m in methods):
            found.append(app)
    return found


def served(g: Gatherer, path: MainPath) -> None:
    """An app on the main path that serves clients (``serves`` in ``data/frameworks.yaml``)
    waits on them: every request or message waits on its client and on the backends its
    handlers call, whatever those are (issue 19: httpbin's Flask views call nothing advisor
    recognises, and it asked ``--cpu-bound``). A framework that runs its handlers
    synchronously (WSGI: Flask, Django, Bottle) is a blocking library on the hot path
    itself. Said once per framework, at the app."""
    t = g.t
    seen: set[str] = set()
    classes = g.graph.app_classes  # said at an app object built, before a class
    apps = sorted(apps_on(g, path), key=lambda a: ((a.file, a.unit) in classes, a.file, a.line))
    parts = _gui_parts(t, apps)
    for app in apps:
        if (app.file, app.line) in parts:
            continue
        framework = t.frameworks.lookup(app.framework)
        name = str(framework["name"]) if framework is not None else ""
        blocking = t.blocking_servers.get(name)
        if framework is None and app.kind == SERVER:
            # A server object of any library or project module started to serve
            # (``DNSServer(...).start_thread()``, `Tables.server_call`): its class names it.
            name, blocking = _server_object(t, app.framework)
        elif name not in t.serves:
            continue
        if not name or name in seen:
            continue
        seen.add(name)
        where = Location(app.file, app.line, None)
        reason = t.reason("served_app", name=name)
        g.emit("cpu_bound", False, "medium", where, reason, signal=name)
        if (loop := reactor_of(name)) is not None:  # Twisted: event-driven I/O already
            g.emit(
                "async_libs",
                True,
                "medium",
                where,
                t.reason("reactor_served", loop=loop),
                signal=name,
            )
        if blocking:
            counterparts = listing(blocking)
            reason = t.reason("served_blocking", name=name, counterparts=counterparts)
            g.emit("async_libs", False, "medium", where, reason, signal=name)


def _gui_parts(t: Tables, apps: list[App]) -> set[tuple[str, int]]:
    """The server objects a GUI program starts (gridplayer's local stream proxy, a
    ``ThreadingHTTPServer`` subclass served in a ``QThread``): parts of the window's program,
    not the program itself. Empty without a GUI app on the path."""
    if not any(app.kind == "gui" for app in apps):
        return set()
    return {
        (app.file, app.line)
        for app in apps
        if app.kind == SERVER
        and t.frameworks.lookup(app.framework) is None
        and _server_object(t, app.framework)[0]
    }


def _server_object(t: Tables, qualname: str) -> tuple[str, tuple[str, ...]]:
    """``dnslib.server.DNSServer.start_thread`` -> the class, and the async servers to switch
    to when it serves synchronously (no event loop's module defines it: its ``serve_forever``
    and ``start_thread`` hold a thread, as socketserver's do); ``("", ())`` for a method of
    the server calls' own (``loop.run_forever``)."""
    owner = qualname.rpartition(".")[0]
    if not owner or qualname.rpartition(".")[2] not in t.server_object_methods:
        return "", ()
    if owner.split(".", 1)[0] in {e.split(".", 1)[0] for e in t.event_loops}:
        return owner, ()
    return owner, t.server_object_counterparts


def no_event_loop(g: Gatherer) -> Text:
    """Why no event loop runs the program's work: none anywhere, or the async code there
    is was set aside (streamlink, issue 19): an event loop a helper runs for its
    synchronous caller deep in the work (a bridge), a helper only a minority of the
    plugins use, or code the entry points do not reach. Said of the first such place."""
    t, path = g.t, g.main_path
    if not g.async_at or path is None:
        return t.reason("no_event_loop", count=str(g.files))
    kinds: dict[str, list[Location]] = {}
    for place in sorted(g.async_at, key=lambda w: (w.file, w.cell or 0, w.line)):
        unit = g.graph.unit_at(place.file, place.line, place.cell)
        if (place.file, unit) in g.bridged:
            kinds.setdefault("bridge", []).append(place)
        elif (place.file, unit) in g.in_modes:
            kinds.setdefault("mode", []).append(place)
        elif (place.file, unit) in g.command_loops:
            kinds.setdefault("command", []).append(place)
        elif path.reaches(place.file, unit):
            kinds.setdefault("plugins", []).append(place)
        else:
            kinds.setdefault("off_path", []).append(place)
    why = next(k for k in ("bridge", "mode", "command", "plugins", "off_path") if k in kinds)
    first = kinds[why][0]
    count = str(len({(w.file, w.line) for w in g.async_at}))
    where = f"{first.file}:{first.line}"
    if why == "command":
        names, total = g.loop_commands
        return t.reason(
            "event_loop_set_aside_command",
            where=where,
            count=count,
            commands=listing(names),
            share=str(len(names)),
            total=str(total),
        )
    return t.reason(f"event_loop_set_aside_{why}", where=where, count=count)
