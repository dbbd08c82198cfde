"""The main path of a project: what its entry points reach along calls and imports (issue 19,
cause 2). Pure: the walk (`advisor.evidence.reach`) fills a `Graph`, `main_path` reads it.

Secondary code outvoted the main workload on real applications: an optional web UI, a database
updater, a download helper for a tutorial. So evidence votes only where the program's main
entry points reach it, and what they do not reach is listed, not counted.

The graph's nodes are *units*: a file's module level (which runs when the file is imported),
a function, a method (``C.m``); a nested function belongs to the function that runs it. Edges
are what a unit's code names: imports, calls and functions handed over by reference
(``Thread(target=work)``, ``command=self.on_click``), resolved by qualified name, never by a
bare name's spelling alone. A method is followed only when its receiver's type is known
(``self``, a local made by a project class, ``self.db = Db()``); a method called on something
of unknown type reaches that method only in classes the path already uses. A class whose base
is outside the project (a ``Thread``, a request handler, a Qt widget) is called back by that
base, so all its methods run once it does; so are functions registered by a decorator
(``@app.get``) once their module runs. Names written as text (``uvicorn.run("app:app")``,
Django's ``ROOT_URLCONF``) count as imports when they name a project module.

Which entry points are the *main* ones: the scripts the project declares
(``[project.scripts]``), else the candidates with the most telling names (``main.py``,
``app.py``, ``bot.py``, ``manage.py``...), never those named like helpers (``download_data.py``,
``scripts/update_db.py``) while something else is there. The names are data
(``data/mainpath.yaml``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, NamedTuple

#: An edge named only in a branch run when an option is on (`Graph.edge`, `Graph.opt_in`).
OPT_IN = "opt_in"
#: Both: a mode's branch that only an option turns on (`if render_offline: ... elif ...`).
MODE_OPT_IN = "mode+opt_in"
#: The module level of a file (the walk's name for it, `advisor.evidence.walk.MODULE`).
MODULE = "<module>"
#: An entry point that is only code at module level (`advisor.evidence.gather.WEAK_ENTRY`).
WEAK = "module_code"
#: The body of a file's ``if __name__ == "__main__":``: it runs only when the file is the program.
MAIN_GUARD = "<main>"
#: The lambdas of a module-level table (``COLUMNS = {"sha256": lambda p: ...}``): each runs only
#: when the input picks its key, never where it is written (`advisor.evidence.reach.table`).
TABLE_LAMBDA = "<table lambda>"

#: A target is a tuple, its first item the kind:
#:   ("sym", ref, rest)   a symbol: ref is "path::name" (defined in the file) or a dotted name;
#:                        rest an attribute path after it ("" or "m" or "remote")
#:   ("self", path, cls, method)           self.method() inside class *cls*
#:   ("attr", path, cls, attribute, method) self.attribute.method()
#:   ("meth", method)     a method of an object of unknown type
#:   ("mod", dotted)      an import of a module (or of a name in it)
#:   ("str", text)        a module named in text: "pkg.mod", "pkg.mod:app"
Target = tuple[str, ...]
Unit = tuple[str, str]
#: An integer passed along: ("int", 8), or ("param", file, unit, name) to follow further.
Value = tuple[object, ...]


class Entry(NamedTuple):
    """A place the program may start. *kind*: ``main_guard``, ``dunder_main``, ``notebook``,
    ``app`` (*name*: the framework), ``module_code``, ``script`` (*name*: the declared script);
    *where*: ``file:line`` (``file:cell N:line``), or the script's ``module:function``."""

    file: str
    line: int
    kind: str
    where: str
    name: str = ""


class App(NamedTuple):
    """Where a framework's app is built (``app = Flask(__name__)``), or a project class built
    on a framework's server or window (*unit* is then the class): *framework* is the name
    the frameworks table knows it by (``flask.Flask``), to ask what serving it implies."""

    file: str
    unit: str
    line: int
    kind: str
    framework: str


class ClassInfo(NamedTuple):
    bases: list[Target]
    methods: set[str]
    registered: set[str]


class Graph:
    """What the walk records for reachability, per file; resolved only at the end."""

    def __init__(self) -> None:
        self.files: set[str] = set()
        self.notebooks: set[str] = set()
        self.edges: dict[Unit, set[Target]] = {}
        #: Per file: (first line, last line, unit) of each function and method.
        self.spans: dict[str, list[tuple[int, int, str]]] = {}
        #: Per file: (first line, last line) of its main guard.
        self.guards: dict[str, list[tuple[int, int]]] = {}
        self.functions: dict[str, set[str]] = {}
        #: Per file: names its module level binds to a call's result (``app = typer.Typer()``).
        self.objects: dict[str, set[str]] = {}
        #: Command-line options' integer defaults, project-wide (``--jobs``, default 1, in
        #: commandline.py; ``args.jobs`` read in another module): option name -> default.
        self.options: dict[str, int] = {}
        self.classes: dict[Unit, ClassInfo] = {}
        #: Per file: what its imports bind (relative imports resolved): name -> dotted.
        self.aliases: dict[str, dict[str, str]] = {}
        #: Per file: the modules it star-imports (``from utils import *``).
        self.stars: dict[str, list[str]] = {}
        #: Per file, per class: attributes set to an instance (``self.db = Db()``) -> target.
        self.attribute_types: dict[tuple[str, str, str], Target] = {}
        #: Functions a decorator registers with a framework (``@app.get``): run once their
        #: module runs (file, function or ``C.m``).
        self.registered: set[Unit] = set()
        #: Per function or method: (parameter names, integer defaults, is a method).
        self.params: dict[Unit, tuple[list[str], dict[str, int], bool]] = {}
        #: ``self.workers = workers`` (or ``= 8``): (file, class, attribute) -> where from.
        self.attribute_values: dict[tuple[str, str, str], list[Value]] = {}
        #: Calls of project code with the integers they pass:
        #: (caller unit, target, positional values, keyword values).
        self.call_args: list[tuple[Unit, Target, list[Value | None], dict[str, Value]]] = []
        self.entries: list[Entry] = []
        #: Files setup.py installs as commands (``scripts=[...]``): they run as ``__main__``.
        self.script_files: set[str] = set()
        #: Files inside a package whose main guard parses the command line (difPy's
        #: ``dif.py``): ``python -m pkg.mod`` is a program's start, not a library's helper.
        self.command_guards: set[str] = set()
        #: Per function: (first line, last line) of its modes, an ``if`` that runs another
        #: command and returns before the function's own work (``if args.command == "web":
        #: web(); return``): spotdl's web UI beside its downloads (issue 19, cause 2).
        self.modes: dict[Unit, list[tuple[int, int]]] = {}
        #: Per unit: targets it names only inside its modes.
        self.mode_only: dict[Unit, set[Target]] = {}
        #: Per function: (first line, last line) of its branches run only when an option is
        #: on (`advisor.evidence.optin`), and the edges named only there.
        self.opt_in: dict[Unit, list[tuple[int, int]]] = {}
        self.opt_in_only: dict[Unit, set[Target]] = {}
        #: Per file: the functions a command-line group registers as its subcommands
        #: (``@cli.command("serve")``, `names` ``subcommand_decorators``).
        self.commands: dict[str, set[str]] = {}
        #: Per file: the commands a group runs when none is named (datasette's
        #: ``@click.group(cls=DefaultGroup, default="serve")``), by command name; and each
        #: command's name (``@cli.command(name="serve")``, else the function's).
        self.default_commands: dict[str, set[str]] = {}
        self.command_names: dict[Unit, str] = {}
        #: Per unit: the functions it hands to argparse subparsers
        #: (``serve_parser.set_defaults(func=serve)``, `names` ``subcommand_calls``).
        self.choices: dict[Unit, set[Target]] = {}
        #: Project classes built on a framework's class: (file, class) -> where and what.
        self.app_classes: dict[Unit, App] = {}
        #: Where a framework's app object is built (`App`).
        self.apps: list[App] = []
        #: Files that read the terminal as a console does (`advisor.evidence.reach.console`):
        #: ``import readline``, ``code.interact``, a ``cmd.Cmd``, ``input()`` in a loop.
        self.consoles: set[str] = set()
        #: Tables of alternatives by name (pproxy's ``MAPPINGS = dict(http=HTTP, ws=WS, ...)``):
        #: (file, name) -> (the unit that builds it, the targets of its values).
        self.tables: dict[tuple[str, str], tuple[Unit, list[Target], int]] = {}
        #: Names of tables looked up by a computed key (``MAPPINGS.get(name)``,
        #: ``BACKENDS[kind]``): which of their values runs, only the input says.
        self.lookups: set[str] = set()
        #: Per table of alternatives, its string keys -> targets (``{"cheroot": _run_cheroot,
        #: ...}``), the settings its lookups read by table name (``config["server"]``), and the
        #: string defaults the project writes per setting: the alternative run by default
        #: (`advisor.evidence.defaults`).
        self.table_keys: dict[tuple[str, str], dict[str, Target]] = {}
        self.lookup_settings: dict[str, set[str]] = {}
        self.string_defaults: dict[str, set[str]] = {}
        #: Packages whose every module a loader lists and loads (sopel's ``find_spec(
        #: "sopel.builtins")``): all their plugins run, none is chosen (`alternatives`).
        self.listed: set[str] = set()
        #: Per function (file, line, column): whether it lists a folder
        #: (`advisor.evidence.reach._lists_folder`).
        self.lists_folder: dict[tuple[str, int, int], bool] = {}

    def edge(self, unit: Unit, target: Target, *, mode: bool | str = False) -> None:
        """*mode*: True when named only inside a mode of the unit (`modes`): the program's
        other commands, not what it does by default; `OPT_IN` inside a branch run only when
        an option is on (`opt_in`); `MODE_OPT_IN` both."""
        known = self.edges.setdefault(unit, set())
        in_mode = mode is True or mode == MODE_OPT_IN
        in_opt_in = mode in (OPT_IN, MODE_OPT_IN)
        for inside, only in ((in_mode, self.mode_only), (in_opt_in, self.opt_in_only)):
            if inside and target not in known:
                only.setdefault(unit, set()).add(target)
            elif not inside and unit in only:
                only[unit].discard(target)
        known.add(target)

    def unit_at(self, file: str, line: int) -> str:
        """The unit holding *line* of *file*: a function, a method, the main guard, or the
        module level."""
        for start, end, unit in self.spans.get(file, ()):
            if start <= line <= end:
                return unit
        for start, end in self.guards.get(file, ()):
            if start <= line <= end:
                return MAIN_GUARD
        return MODULE


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


@lru_cache(maxsize=1)
def names() -> Mapping[str, Any]:
    """``data/mainpath.yaml``: the names that tell a main entry point from a helper."""
    from advisor.evidence.tables import _load

    data = _load("mainpath.yaml")
    assert isinstance(data, dict)
    return data


def module_names(path: str) -> list[str]:
    """The dotted names *path* may be imported by: every tail of its folders
    (``src/app/utils.py``: ``utils``, ``app.utils``, ``src.app.utils``); a package's
    ``__init__.py`` is the package."""
    parts = path[: -len(".py")].split("/") if path.endswith(".py") else []
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return [".".join(parts[i:]) for i in range(len(parts))]


def _stem_words(path: str) -> tuple[str, list[str], list[str]]:
    name = path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0].lower()
    folders = [p.lower() for p in path.split("/")[:-1]]
    words = stem.replace("-", "_").split("_")
    return stem, words, folders


def rank(entry: Entry) -> int:
    """2: named like the program's start (``main.py``, ``app.py``, ``__main__.py``); 0: named
    like a helper (``download_data.py``, ``scripts/update_db.py``); 1: anything else."""
    data = names()
    stem, words, folders = _stem_words(entry.file)
    if any(f in data["helper_folders"] for f in folders):
        return 0
    if any(w in data["helper_words"] for w in words):
        return 0
    if stem in data["main_names"] or entry.kind == "dunder_main":
        return 2
    return 1


class Resolver:
    """Targets -> units, through the project's module index and each file's imports."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.modules: dict[str, list[str]] = {}
        for path in sorted(graph.files):
            for name in module_names(path):
                self.modules.setdefault(name, []).append(path)
        self._packages = {p.rsplit("/", 1)[0] for p in graph.files if p.endswith("/__init__.py")}

    def module(self, dotted: str, near: str = "") -> str | None:
        """The file of module *dotted*, the one nearest *near* when several match."""
        found = self.modules.get(dotted)
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        here = near.split("/")[:-1]

        def closeness(path: str) -> tuple[int, int]:
            there = path.split("/")[:-1]
            common = 0
            for a, b in zip(here, there, strict=False):
                if a != b:
                    break
                common += 1
            return (-common, len(path))

        return min(found, key=closeness)

    def parents(self, path: str) -> list[str]:
        """The ``__init__.py`` of each package around *path*: importing it runs them."""
        out: list[str] = []
        folders = path.split("/")[:-1]
        while folders:
            init = "/".join(folders) + "/__init__.py"
            if init != path and "/".join(folders) in self._packages:
                out.append(init)
            folders.pop()
        return out

    def dotted(self, dotted: str, near: str, depth: int = 0) -> list[tuple[str, str, str]]:
        """A dotted name -> [(kind, file, name)]: ("module", file, ""), ("symbol", file, name
        with its attribute path)."""
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            path = self.module(".".join(parts[:end]), near)
            if path is None:
                continue
            out = [("module", path, "")]
            rest = parts[end:]
            if rest:
                out += self.symbol(path, ".".join(rest), depth)
            return out
        return []

    def symbol(self, path: str, name: str, depth: int = 0) -> list[tuple[str, str, str]]:
        """*name* (``f``, ``C``, ``C.m``, ``f.remote``) as *path* defines or re-exports it."""
        head = name.split(".", 1)[0]
        if head in self.g.functions.get(path, ()) or (path, head) in self.g.classes:
            return [("symbol", path, name)]
        alias = self.g.aliases.get(path, {}).get(head)
        if alias is not None and depth < 8:
            rest = name[len(head) :]
            return self.dotted(alias + rest, path, depth + 1)
        for star in self.g.stars.get(path, ()) if depth < 8 else ():
            found = [f for f in self.dotted(f"{star}.{name}", path, depth + 1) if f[0] == "symbol"]
            if found:
                return found
        return []


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
    )


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


#: The kind of app a server call makes (`Graph.apps`): it keeps only its own evidence
#: (``asyncio.start_server``), never a framework's an optional mode imports (glances' FastAPI).
SERVER = "server"

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


def _main_entries(
    graph: Graph, resolver: Resolver, declared: list[str]
) -> tuple[list[Entry], list[Unit]]:
    """The main entry points and the units they start at."""
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
        elif home is not None and attr in graph.objects.get(home, ()):
            # An object the module builds (tgcf's `app = typer.Typer()`, `cli = click.Group()`):
            # the script runs the module and the commands registered on it (`@app.command()`,
            # reached with the module, `_Walk.reach_unit`), never nothing (issue 19).
            starts.append((home, MODULE))
            entries.append(Entry(home, 0, "script", spec))
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


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _within(path: str, folder: str) -> bool:
    """Whether folder *path* is *folder* or inside it (by whole folder names)."""
    return not folder or path == folder or path.startswith(folder + "/")


def dev_tooling(path: str, packages: Iterable[str]) -> bool:
    """Whether a file outside every package (*packages*: folders with an ``__init__.py``) is
    a repository's development tooling: in a ``tools/`` or ``requirements/`` folder, or in a
    helper folder and named like a helper (``scripts/release.py``; ``data/mainpath.yaml``).
    Its main guard does not make a project that ships a package an application (issue 19,
    cause 8: aiohttp's and SQLAlchemy's code generators)."""
    if _folder(path) in set(packages):
        return False
    data = names()
    stem, words, folders = _stem_words(path)
    # By whole words of the folder's name too: attrs' typing-examples/, a docs_src/.
    words_of_folders = {w for f in folders for w in f.replace("-", "_").split("_")}
    if set(folders) & set(data["dev_folders"]) or words_of_folders & set(data["usage_folders"]):
        return True
    if stem.replace("-", "_") in data["usage_files"]:
        return True  # structlog's show_off.py beside src/structlog: a demo, not the program
    return any(f in data["helper_folders"] for f in folders) and any(
        w in data["helper_words"] for w in words
    )


def delegates(graph: Graph, file: str) -> bool:
    """Whether a package's ``__main__.py`` hands over to the program: it calls a function or
    method of another project module named like a start (``main``, ``cli``, ``run``,
    ``command_line_runner``; ``data/mainpath.yaml``). A ``__main__.py`` that builds the
    package's own objects and prints them (rich's demo) does not: with no script declared,
    that package is a library (issue 19, cause 8)."""
    if any(app[0] == file for app in graph.apps):
        return True  # it builds or runs a framework's app: `python -m app` serves
    words = set(names()["start_words"])
    walk = _Walk(graph, _resolver(graph))
    for unit in [u for u in graph.edges if u[0] == file]:
        for target in sorted(graph.edges[unit]):
            if target[0] not in {"sym", "attr"}:
                continue
            for kind, (path, name) in walk.resolve(file, target):
                if kind != "unit" or path == file or name in (MODULE, MAIN_GUARD):
                    continue
                last = name.rsplit(".", 1)[-1].lower()
                if words & set(last.strip("_").split("_")):
                    return True
    return False


#: Which entry point of a file to show: the one that says most.
_SAYS_MOST = ("app", "dunder_main", "main_guard", "notebook", "script", WEAK)


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


#: Bases of a class that never call its methods back.
_PLAIN_BASES = frozenset(
    {"object", "Exception", "BaseException", "ValueError", "RuntimeError", "KeyError", "dict",
     "list", "str", "int", "tuple", "set", "abc.ABC", "typing.NamedTuple", "typing.Generic",
     "typing.Protocol", "enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag"}
)  # fmt: skip


class _Walk:
    """A worklist over units; classes are reached with their methods as the path learns them."""

    def __init__(
        self,
        graph: Graph,
        resolver: Resolver,
        *,
        modes: bool = True,
        plugins: bool = True,
        opt_in: bool = True,
    ) -> None:
        self.g = graph
        self.r = resolver
        #: Whether to enter the program's other commands (`Graph.modes`).
        self.modes = modes
        #: Whether to enter branches run only when an option is on (`Graph.opt_in`).
        self.opt_in = opt_in
        #: Whether to load the modules of a package loaded by a computed name (its plugins).
        self.load_plugins = plugins
        #: The modules of packages loaded by a computed name (`optional_units`).
        self.plugin_modules: set[str] = set()
        self.units: set[Unit] = set()
        self.classes: set[Unit] = set()
        #: Classes all of whose methods run (an outside base calls them back).
        self.callback_classes: set[Unit] = set()
        self.unknown_methods: set[str] = set()
        #: Breadth first, so that `depth` is the fewest steps from a start.
        self.todo: deque[Unit] = deque()
        #: Steps from the nearest start (calls, imports, references) to each unit reached.
        self.depth: dict[Unit, int] = {}
        self._step = 0
        #: Units whose own code is not followed (`bridged`).
        self.stop: frozenset[Unit] = frozenset()
        #: (unit, target) edges not followed: a table's alternatives (`alternatives`).
        self.skip_edges: set[tuple[Unit, Target]] = set()
        self.registered: dict[str, list[str]] = {}
        for file, unit in graph.registered:
            self.registered.setdefault(file, []).append(unit)

    def fork(self, *, plugins: bool = False) -> _Walk:
        """A walk that already holds what this one reached (it must have run)."""
        other = _Walk(self.g, self.r, modes=self.modes, plugins=plugins)
        other.units = set(self.units)
        other.classes = set(self.classes)
        other.callback_classes = set(self.callback_classes)
        other.unknown_methods = set(self.unknown_methods)
        other.depth = dict(self.depth)
        return other

    def run(self) -> None:
        while self.todo:
            unit = self.todo.popleft()
            if unit in self.stop:
                continue
            self._step = self.depth.get(unit, 0) + 1
            skipped = set() if self.modes else self.g.mode_only.get(unit, set())
            if not self.opt_in:
                skipped = skipped | self.g.opt_in_only.get(unit, set())
            for target in self.g.edges.get(unit, ()):
                if target not in skipped and (unit, target) not in self.skip_edges:
                    self.follow(unit[0], target)

    def reach_unit(self, unit: Unit) -> None:
        if unit in self.units:
            return
        self.units.add(unit)
        self.depth[unit] = self._step
        self.todo.append(unit)
        file, name = unit
        if name in (MODULE, MAIN_GUARD):
            if name == MODULE and file in self.g.script_files:
                self.reach_unit((file, MAIN_GUARD))  # a command file runs as __main__
            if name == MODULE:
                for parent in self.r.parents(file):
                    self.reach_unit((parent, MODULE))
                commands = self.g.commands.get(file, set())
                for registered in self.registered.get(file, ()):
                    if "." in registered:
                        continue
                    if (
                        not self.modes
                        and len(commands) > 1
                        and registered in commands
                        and self.g.command_names.get((file, registered))
                        not in self.g.default_commands.get(file, set())
                    ):
                        continue  # one subcommand among several: not the default's
                    self.reach_unit((file, registered))
            return
        self.reach_unit((file, MODULE))
        if "." in name:
            self.reach_class((file, name.split(".", 1)[0]))

    def reach_class(self, cls: Unit) -> None:
        if cls in self.classes or cls not in self.g.classes:
            return
        self.classes.add(cls)
        file, name = cls
        self.reach_unit((file, MODULE))
        info = self.g.classes[cls]
        callback = False
        for base in info.bases:
            found = self.resolve(file, base)
            classes = [u for kind, u in found if kind == "class"]
            for base_cls in classes:
                self.reach_class(base_cls)
            if not classes and not (base[0] == "sym" and base[1] in _PLAIN_BASES):
                callback = True
        if callback:
            self.callback_classes.add(cls)
        for nested in [c for c in self.g.classes if c[0] == file and c[1].startswith(name + ".")]:
            self.reach_class(nested)  # a class in a class: used through it
        for method in info.methods:
            if (
                callback
                or method in info.registered
                or (method.startswith("__") and method.endswith("__"))
                or method in self.unknown_methods
            ):
                self.reach_unit((file, f"{name}.{method}"))

    def method(self, cls: Unit, method: str, depth: int = 0) -> None:
        """*method* of *cls*, or of the first project base that defines it."""
        info = self.g.classes.get(cls)
        if info is None or depth > 8:
            return
        self.reach_class(cls)
        if method in info.methods:
            self.reach_unit((cls[0], f"{cls[1]}.{method}"))
            return
        for base in info.bases:
            for kind, unit in self.resolve(cls[0], base):
                if kind == "class":
                    self.method(unit, method, depth + 1)

    def follow(self, file: str, target: Target) -> None:
        kind = target[0]
        if kind == "meth":
            name = target[1]
            if name not in self.unknown_methods:
                self.unknown_methods.add(name)
                for cls in list(self.classes):
                    if name in self.g.classes[cls].methods:
                        self.reach_unit((cls[0], f"{cls[1]}.{name}"))
            return
        if kind == "self":
            _, path, owner, method = target
            self.method((path, owner), method)
            self.unknown_methods.add(method)  # a subclass may define it
            for reached in list(self.classes):
                if method in self.g.classes[reached].methods:
                    self.reach_unit((reached[0], f"{reached[1]}.{method}"))
            return
        if kind == "attr":
            _, path, owner, attribute, method = target
            typed = self.g.attribute_types.get((path, owner, attribute))
            if typed is not None:
                self.follow(path, ("sym", typed[1], f"{typed[2]}.{method}".strip(".")))
            else:
                self.follow(path, ("meth", method))
            return
        for found_kind, unit in self.resolve(file, target):
            if found_kind == "class":
                self.reach_class(unit)
            else:
                self.reach_unit(unit)

    def plugins(self, files: Iterable[str]) -> None:
        """Modules loaded by name (a bot's extensions, an app path): the loader calls their
        functions and classes (``setup(bot)``), which nothing in the project names."""
        for path in files:
            for function in self.g.functions.get(path, ()):
                self.reach_unit((path, function))
            for cls in [c for c in self.g.classes if c[0] == path and "." not in c[1]]:
                self.reach_class(cls)

    def resolve(self, file: str, target: Target) -> list[tuple[str, Unit]]:
        """A target -> [("unit", unit) | ("class", (file, name))]."""
        kind = target[0]
        found: list[tuple[str, str, str]] = []
        if kind == "sym":
            ref, rest = target[1], target[2]
            if "::" in ref:
                path, name = ref.split("::", 1)
                found = self.r.symbol(path, f"{name}.{rest}" if rest else name)
            else:
                found = self.r.dotted(f"{ref}.{rest}" if rest else ref, file)
        elif kind == "mod":
            found = self.r.dotted(target[1], file)
            found = found[:1] + [f for f in found[1:] if f[0] == "module"]
        elif kind == "str":
            text = target[1].replace(":", ".")
            found = self.r.dotted(text, file)
            for _, path, _ in found[:1]:
                # A Django app ("shop", "polls.apps.PollsConfig"): its modules by convention.
                folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
                if f"{folder}__init__.py" in self.g.files:
                    for module in names()["convention_modules"]:
                        if f"{folder}{module}.py" in self.g.files:
                            found.append(("module", f"{folder}{module}.py", ""))
            self.plugins(f for k, f, _ in found if k == "module")
        elif kind == "package":  # f"cogs.{name}": every module of the package
            prefix = target[1] + "."
            modules = {
                self.r.module(name, file)
                for name in self.r.modules
                if name.startswith(prefix) and "." not in name[len(prefix) :]
            }
            loaded = sorted(m for m in modules if m)
            self.plugin_modules.update(loaded)
            if not self.load_plugins:
                return []
            found = [("module", m, "") for m in loaded]
            self.plugins(loaded)
        out: list[tuple[str, Unit]] = []
        for found_kind, path, name in found:
            if found_kind == "module":
                out.append(("unit", (path, MODULE)))
                continue
            parts = name.split(".")
            if (path, parts[0]) in self.g.classes:
                if len(parts) >= 2 and parts[1] in self.g.classes[(path, parts[0])].methods:
                    out.append(("unit", (path, f"{parts[0]}.{parts[1]}")))
                elif len(parts) >= 2:
                    self.method((path, parts[0]), parts[1])
                out.append(("class", (path, parts[0])))
            elif parts[0] in self.g.functions.get(path, ()):
                out.append(("unit", (path, parts[0])))
        return out


def parameter_values(
    graph: Graph, source: tuple[str, ...], path: MainPath | None, depth: int = 0
) -> list[int]:
    """The integers a parameter (``("param", file, unit, name)``) or an attribute set from one
    (``("self", file, class, attribute)``) takes: what the calls on the main path pass (every
    call without one), through parameters passed on in turn, else the default."""
    if depth > 6:
        return []
    if source[0] == "self":
        _, file, cls, attribute = source
        out: list[int] = []
        for item in graph.attribute_values.get((file, cls, attribute), ()):
            out += _value(graph, item, path, depth)
        return out
    _, file, unit, name = source
    params = graph.params.get((file, unit))
    if params is None:
        return []
    names_, defaults, method = params
    last = unit.rsplit(".", 1)[-1]
    called = unit.split(".")[0] if last == "__init__" else last
    resolver = _resolver(graph)
    out = []
    for caller, target, positional, keywords in graph.call_args:
        if _last_name(target) != called:
            continue
        if path is not None and caller not in path.units and caller[0] not in path.notebooks:
            continue
        if (file, unit) not in _units_of(graph, resolver, caller[0], target):
            continue
        value = keywords.get(name)
        if value is None and name in names_:
            index = names_.index(name) - (1 if method else 0)
            if 0 <= index < len(positional):
                value = positional[index]
        if value is not None:
            out += _value(graph, value, path, depth)
    if not out and name in defaults:
        out.append(defaults[name])
    return out


def _value(graph: Graph, value: Value, path: MainPath | None, depth: int) -> list[int]:
    if value[0] == "int" and isinstance(value[1], int):
        return [value[1]]
    if value[0] == "option":
        found = graph.options.get(str(value[1]))
        return [] if found is None else [found]
    return parameter_values(graph, tuple(str(v) for v in value), path, depth + 1)


def _resolver(graph: Graph) -> Resolver:
    cached = getattr(graph, "_resolver", None)
    if cached is None:
        cached = Resolver(graph)
        graph._resolver = cached  # type: ignore[attr-defined]
    return cached


def _last_name(target: Target) -> str:
    if target[0] == "sym":
        text = target[2] or target[1].split("::")[-1]
        return text.rsplit(".", 1)[-1]
    return target[-1]


def _units_of(graph: Graph, resolver: Resolver, file: str, target: Target) -> list[Unit]:
    """The functions or methods a call's target names (a class: its ``__init__``)."""
    if target[0] == "self":
        return [(target[1], f"{target[2]}.{target[3]}")]
    if target[0] == "attr":
        typed = graph.attribute_types.get((target[1], target[2], target[3]))
        if typed is None:
            return []
        target = ("sym", typed[1], ".".join(p for p in (typed[2], target[4]) if p))
    if target[0] != "sym":
        return []
    ref, rest = target[1], target[2]
    if "::" in ref:
        path, name = ref.split("::", 1)
        found = resolver.symbol(path, f"{name}.{rest}" if rest else name)
    else:
        found = resolver.dotted(f"{ref}.{rest}" if rest else ref, file)
    out: list[Unit] = []
    for kind, path, name in found:
        if kind != "symbol":
            continue
        parts = name.split(".")
        if (path, parts[0]) in graph.classes:
            out.append((path, f"{parts[0]}.{parts[1] if len(parts) > 1 else '__init__'}"))
        else:
            out.append((path, parts[0]))
    return out
