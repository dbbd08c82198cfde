"""The main path of a project: what its entry points reach along calls and imports (issue 19,
cause 2). Pure: the walk (`advisor.evidence.reach`) fills a `Graph` (`advisor.evidence.units`),
`main_path` reads it along `advisor.evidence.follow`.

Secondary code outvoted the main workload on real applications: an optional web UI, a database
updater, a download helper for a tutorial. So evidence votes only where the program's main
entry points reach it, and what they do not reach is listed, not counted.

Which entry points are the *main* ones: the scripts the project declares
(``[project.scripts]``), else the candidates with the most telling names (``main.py``,
``app.py``, ``bot.py``, ``manage.py``...), never those named like helpers (``download_data.py``,
``scripts/update_db.py``) while something else is there. The names are data
(``data/mainpath.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from advisor.evidence.entry_names import rank
from advisor.evidence.follow import Resolver, _last_name, _Walk
from advisor.evidence.reactors import plugin_starts
from advisor.evidence.tool_suite import BESIDE_NAMED, lists_only
from advisor.evidence.units import MAIN_GUARD, MODULE, WEAK, Entry, Graph, Unit, _folder

#: Below this many commands, what one of them does is never a minority's (two commands that
#: differ are asked about: `advisor.evidence.weigh`; `advisor.evidence.aside.command_loops`).
MAJORITY_MIN = 3


class Alternatives(NamedTuple):
    """A group of alternatives of which the input chooses one (pproxy's protocols in
    ``MAPPINGS``, a package's plugins loaded by name): *name* says where they are listed
    (``pkg/proto.py: MAPPINGS``, ``pkg.plugins``), *members* holds the units each one alone
    reaches beyond the program's core, one set per alternative."""

    name: str
    line: int
    members: tuple[frozenset[Unit], ...]

    def share(self, units: Iterable[Unit]) -> int:
        """How many of the alternatives reach one of *units* on their own."""
        wanted = set(units)
        return sum(1 for member in self.members if member & wanted)

    def minority(self, unit: Unit) -> bool:
        """Whether *unit* is reached by fewer than half of the alternatives (and by some)."""
        count = self.share([unit])
        return count > 0 and 2 * count < len(self.members)


class MainPath(NamedTuple):
    """Which units run from the main entry points; *entries* are those entry points."""

    entries: tuple[Entry, ...]
    units: frozenset[Unit]
    #: Files whose module level runs (imported or started on the main path).
    files: frozenset[str]
    notebooks: frozenset[str]
    #: The units reached without entering another command's mode (`Graph.modes`): what the
    #: program does by default. What kind of program it is (a service?) is read here.
    primary: frozenset[Unit] = frozenset()
    #: Units only a minority of the plugins reach (`optional_units`, filled in only where
    #: it matters): a helper a few of a package's plugins use, not the program's workload.
    optional: frozenset[Unit] = frozenset()
    #: Steps from the nearest start to each unit reached (`_Walk.depth`).
    depth: Mapping[Unit, int] = {}
    #: The subcommands the program runs only when asked (all, when no default is declared):
    #: (command name, its function, the units only it reaches). Where their evidence
    #: leads to different answers, the answer is asked (`advisor.evidence.weigh`).
    commands: tuple[tuple[str, Unit, frozenset[Unit]], ...] = ()
    #: The modules of packages loaded by a computed name: the program's plugins.
    plugins: frozenset[str] = frozenset()
    #: Units only the other commands of a group with a declared default reach.
    secondary: frozenset[Unit] = frozenset()
    #: Groups of alternatives, one of which runs as the input chooses (`alternatives`).
    alternatives: tuple[Alternatives, ...] = ()
    #: Units reached only through a branch run when an option is on (`Graph.opt_in`).
    opt_in: frozenset[Unit] = frozenset()
    #: The commands a group gathers from other modules, as `commands` (`_group_commands`).
    groups: tuple[tuple[str, Unit, frozenset[Unit]], ...] = ()

    def reaches(self, file: str, unit: str) -> bool:
        if not file:  # project-wide evidence
            return True
        if file in self.notebooks:
            return True
        return (file, unit) in self.units and (file, unit) not in self.secondary

    def core(self, file: str, unit: str) -> bool:
        """Whether *unit* is reached by the program itself or by most of its plugins, rather
        than only by a helper a few plugins use (streamlink's browser helper for 3 of 150)."""
        return (file, unit) not in self.optional

    def by_default(self, file: str, unit: str) -> bool:
        """Whether *unit* runs when the program runs its default command."""
        return file in self.notebooks or (file, unit) in self.primary


def main_path(graph: Graph, declared: Iterable[str] = ()) -> MainPath | None:
    """What the main entry points reach; None when there is no entry point to start from (the
    project is then read as a whole, as before)."""
    resolver = Resolver(graph)
    entries, starts = _main_entries(graph, resolver, list(declared))
    if not starts:
        return None
    walk = _Walk(graph, resolver)
    for unit in starts:
        walk.reach_unit(unit)
    walk.run()
    units = frozenset(walk.units)
    primary = units
    commands: tuple[tuple[str, Unit, frozenset[Unit]], ...] = ()
    for unit, choices in graph.choices.items():
        if len(choices) > 1:  # one subcommand among several: none is the default
            graph.mode_only.setdefault(unit, set()).update(choices)
    if any(graph.mode_only.get(unit) for unit in units) or any(
        len(commands) > 1 for commands in graph.commands.values()
    ):
        default = _Walk(graph, resolver, modes=False)
        for unit in starts:
            default.reach_unit(unit)
        default.run()
        primary = frozenset(default.units)
        commands = _commands(graph, default, units)
    # A group with a declared default (datasette's `serve`) is decided from it: what only its
    # other commands reach is listed, not counted (issue 19, cause 2).
    secondary = frozenset(
        u for name, _unit, only in commands if name.startswith(SECONDARY) for u in only
    )
    commands = tuple(c for c in commands if not c[0].startswith(SECONDARY))
    commands += _scripts(graph, resolver, entries, starts)
    opt_in: frozenset[Unit] = frozenset()
    if any(graph.opt_in_only.values()):
        by_default = _Walk(graph, resolver, opt_in=False)
        for unit in starts:
            by_default.reach_unit(unit)
        by_default.run()
        opt_in = units - frozenset(by_default.units)
    groups = _group_commands(graph, resolver, starts, units)
    return MainPath(
        tuple(entries),
        units,
        frozenset(f for f, u in walk.units if u == MODULE),
        frozenset(f for f in graph.notebooks if (f, MODULE) in walk.units),
        primary,
        frozenset(),
        walk.depth,
        commands,
        frozenset(walk.plugin_modules),
        secondary - primary,
        opt_in=opt_in,
        groups=groups,
    )


def _group_commands(
    graph: Graph, resolver: Resolver, starts: list[Unit], units: frozenset[Unit]
) -> tuple[tuple[str, Unit, frozenset[Unit]], ...]:
    """The commands a group gathers from other modules (animdl's ``click.group(commands=
    {...})`` over six modules, opsdroid's ``cli.add_command(start)``), each with the units only
    it reaches beyond a walk that enters none of them; () for fewer than two. Kept apart from
    `MainPath.commands`: only whose event loop a command's is reads them
    (`advisor.evidence.aside.command_loops`)."""
    resolved: list[Unit] = []
    base = _Walk(graph, resolver, groups=False)
    for unit, targets in sorted(graph.command_groups.items()):
        if len(targets) < 2 or unit not in units:
            continue
        for target in sorted(targets):
            resolved += [f for kind, f in base.resolve(unit[0], target) if kind == "unit"]
    resolved = [u for u in dict.fromkeys(resolved) if u[1] != MODULE and u in units]
    if len(resolved) < 2:
        return ()
    graph.grouped_commands.update(resolved)
    for start in starts:
        base.reach_unit(start)
    base.run()
    out: list[tuple[str, Unit, frozenset[Unit]]] = []
    for unit in resolved:
        one = base.fork(plugins=True)
        one.reach_unit(unit)
        one.run()
        out.append(
            (graph.command_names.get(unit, unit[1]), unit, frozenset(one.units - base.units))
        )
    return tuple(out)


#: A declared script's spec when the project builds its scripts by code: declared, unread.
UNREAD_SCRIPTS = ""

#: Past this many declared scripts, they are not compared one by one (one walk each).
SCRIPTS_KEPT = 40


def _scripts(
    graph: Graph, resolver: Resolver, entries: list[Entry], starts: list[Unit]
) -> tuple[tuple[str, Unit, frozenset[Unit]], ...]:
    """Several declared scripts that start different functions are the program's commands
    too (csvkit's fourteen tools: ``csvsql`` waits on a database, ``csvstat`` computes over
    rows): each with the units only it reaches beyond what every one of them reaches."""
    scripts: dict[Unit, str] = {}
    for entry, unit in zip([e for e in entries if e.kind == "script"], starts, strict=False):
        scripts.setdefault(unit, entry.where.split(":", 1)[0].rsplit(".", 1)[-1])
    if not 1 < len(scripts) <= SCRIPTS_KEPT:
        return ()
    others = starts[len([e for e in entries if e.kind == "script"]) :]
    reached: dict[Unit, frozenset[Unit]] = {}
    for unit in scripts:
        one = _Walk(graph, resolver)
        for start in [unit, *others]:
            one.reach_unit(start)
        one.run()
        reached[unit] = frozenset(one.units)
    shared = frozenset.intersection(*reached.values())
    return tuple((name, unit, reached[unit] - shared) for unit, name in scripts.items())


#: Marks a command beside a declared default (`_commands`): listed, not compared.
SECONDARY = "\x00"


def _commands(
    graph: Graph, default: _Walk, units: frozenset[Unit]
) -> tuple[tuple[str, Unit, frozenset[Unit]], ...]:
    """Each subcommand that is not the default (click's ``@cli.command``, argparse's
    ``set_defaults(func=)``) with the units only it reaches beyond the default path."""
    found: list[tuple[str, Unit]] = []
    for file, functions in sorted(graph.commands.items()):
        if len(functions) < 2:
            continue
        defaults = graph.default_commands.get(file, set())
        for function in sorted(functions):
            name = graph.command_names.get((file, function), function)
            if name not in defaults:
                # Beside a declared default, another command is secondary (`secondary`).
                found.append((f"{SECONDARY}{name}" if defaults else name, (file, function)))
    for unit, choices in sorted(graph.choices.items()):
        if len(choices) < 2:
            continue
        for target in sorted(choices):
            for kind, found_unit in default.resolve(unit[0], target):
                if kind == "unit":
                    found.append((found_unit[1], found_unit))
    out: list[tuple[str, Unit, frozenset[Unit]]] = []
    for name, unit in found:
        if unit not in units:
            continue
        one = default.fork(plugins=True)
        one.reach_unit(unit)
        one.run()
        out.append((name, unit, frozenset(one.units - default.units)))
    return tuple(out)


def _main_entries(
    graph: Graph, resolver: Resolver, declared: list[str]
) -> tuple[list[Entry], list[Unit]]:
    """The main entry points and the units they start at."""

    entries, starts = _declared(graph, resolver, [s for s in declared if s[:1] != BESIDE_NAMED])
    beside = [s[1:] for s in declared if s[:1] == BESIDE_NAMED]
    if beside:  # a script named like the project that only lists the others (`tool_suite`)
        files = set(graph.script_files)
        more, further = _declared(graph, resolver, beside)
        if lists_only(graph, resolver, starts, further):
            entries, starts = entries + more, starts + further
        else:
            graph.script_files = files
    entries, starts = plugin_starts(graph, resolver, entries, starts)  # twistd's plugins
    return _others(graph, declared, entries, starts)


def _declared(
    graph: Graph, resolver: Resolver, declared: list[str]
) -> tuple[list[Entry], list[Unit]]:
    """The declared scripts' entry points and the units they start at."""
    starts: list[Unit] = []
    entries: list[Entry] = []
    for spec in declared:  # "pkg.cli:main"
        if not spec:
            continue  # scripts built by code (`UNREAD_SCRIPTS`)
        if spec in graph.files:
            # A file setup.py installs as a command (`scripts=["bin/app"]`): it runs whole,
            # its main guard too (matrix-reminder-bot's, butterfly's `butterfly.server.py`).
            graph.script_files.add(spec)
            starts.append((spec, MODULE))
            entries.append(Entry(spec, 0, "script", spec))
            continue
        module, _, attr = spec.partition(":")
        # The module is named in full: glances' "glances:main" is main() in glances/__init__.py,
        # never the module glances/main.py that the dotted "glances.main" would find first.
        home = resolver.module(module) if attr else None
        if home is not None:
            found = [("module", home, ""), *resolver.symbol(home, attr)]
        else:
            found = resolver.dotted(f"{module}.{attr}" if attr else module, "")
        symbols = [(f, n) for kind, f, n in found if kind == "symbol"]
        modules = [f for kind, f, _ in found if kind == "module"]
        if symbols:
            file, name = symbols[0]
            starts.append((file, _unit_of(graph, file, name)))
            entries.append(Entry(file, 0, "script", spec))
        elif modules and not attr:
            starts.append((modules[0], MODULE))
            entries.append(Entry(modules[0], 0, "script", spec))
        elif home is not None and attr.split(".", 1)[0] in graph.objects.get(home, ()):
            # An object the module builds (tgcf's `app = typer.Typer()`, `cli = click.Group()`),
            # or an attribute of one (mopidy's `app.meta`, a cyclopts meta-app): the script
            # runs the module and the commands registered on it (`@app.command()`,
            # `@app.meta.default`, reached with the module, `_Walk.reach_unit`), never nothing
            # (issue 19).
            starts.append((home, MODULE))
            entries.append(Entry(home, 0, "script", spec))
    return entries, starts


def _others(
    graph: Graph, declared: list[str], entries: list[Entry], starts: list[Unit]
) -> tuple[list[Entry], list[Unit]]:
    """Beside the declared scripts, the other entry points: `python -m pkg`, else the
    best-named candidates."""
    # Inside a package, a main guard or module-level code is a library's helper (a worker
    # process's entry, a self-test), not the program's start: never the main path alone;
    # unless the guard reads the command line (`python -m pkg.mod ARGS`, difPy's dif.py) and
    # the project declares no scripts it builds by code (limnoria's tools in supybot.scripts).
    unread = UNREAD_SCRIPTS in declared
    packages = {f.rsplit("/", 1)[0] for f in graph.files if f.endswith("/__init__.py")}
    candidates = [
        e
        for e in graph.entries
        if not (e.kind in (WEAK, "main_guard") and e.file.rsplit("/", 1)[0] in packages)
        or e.file.rsplit("/", 1)[-1] == "__main__.py"
        or (e.kind == "main_guard" and e.file in graph.command_guards and not unread)
    ]
    if starts:  # declared scripts are the program; `python -m pkg` of their package is too
        # So is `python module.py` of a declared script's own module when its main guard
        # calls the script's function (speedtest-cli's `if __name__ == "__main__": main()`
        # beside `speedtest = "speedtest:main"`): the same program, not a side path, and its
        # guard says what kind of program it is (newcomer review 23, #18).
        starts += [
            (file, MAIN_GUARD)
            for file, unit in list(starts)
            if unit != MODULE
            and any(
                _last_name(t) == unit.rsplit(".", 1)[-1]
                for t in graph.edges.get((file, MAIN_GUARD), ())
            )
        ]
        homes = [f.rsplit("/", 1)[0] if "/" in f else "" for f, _ in starts]
        chosen = [
            e
            for e in candidates
            if e.kind == "dunder_main" and any(_within(home, _folder(e.file)) for home in homes)
        ]
    elif candidates:
        best = max(rank(e) for e in candidates)
        chosen = [e for e in candidates if rank(e) == best]
    else:
        chosen = []
    chosen = _one_per_file(chosen)
    if not starts and all(e.kind == WEAK for e in chosen):
        # Only code at module level: a script, or a snippet whose functions something else
        # calls; nothing tells its main path from the rest, so the whole of it counts.
        return [], []
    for entry in chosen:
        entries.append(entry)
        starts.append((entry.file, MODULE))
        if entry.kind != WEAK:
            starts.append((entry.file, MAIN_GUARD))
    return entries, starts


def _within(path: str, folder: str) -> bool:
    """Whether folder *path* is *folder* or inside it (by whole folder names)."""
    return not folder or path == folder or path.startswith(folder + "/")


#: Which entry point of a file to show: the one that says most.
_SAYS_MOST = ("app", "factory", "dunder_main", "main_guard", "notebook", "script", WEAK)


def _one_per_file(entries: list[Entry]) -> list[Entry]:
    best: dict[str, Entry] = {}
    for entry in entries:
        kept = best.get(entry.file)
        if kept is None or _SAYS_MOST.index(entry.kind) < _SAYS_MOST.index(kept.kind):
            best[entry.file] = entry
    return sorted(best.values(), key=lambda e: (e.file, e.line))


def _unit_of(graph: Graph, file: str, name: str) -> str:
    """``C.m`` or ``f`` (a function's attribute path, ``f.remote``, is the function)."""
    parts = name.split(".")
    if len(parts) >= 2 and (file, parts[0]) in graph.classes:
        return ".".join(parts[:2])
    return parts[0]
