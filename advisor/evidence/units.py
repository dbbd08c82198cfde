"""The graph the walk records for the main path (`advisor.evidence.reach` fills it,
`advisor.evidence.mainpath` reads it): units, the targets their code names, entry points, apps,
classes; and the names that tell a main entry point from a helper (``data/mainpath.yaml``).

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
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

#: An edge named only in a branch run when an option is on (`Graph.edge`, `Graph.opt_in`).
OPT_IN = "opt_in"

#: Both: a mode's branch that only an option turns on (`if render_offline: ... elif ...`).
MODE_OPT_IN = "mode+opt_in"

#: A notebook's cells each count their lines from 1: the graph's spans and guards hold a
#: cell's line as ``cell * CELL_LINES + line``, so a function of one cell is never found at
#: the same line of another (review 25 #12: a blocking call in cell 8 said to be in cell 4's
#: coroutine). Files that are not notebooks keep their lines as they are.
CELL_LINES = 1_000_000


def cell_line(line: int, cell: int | None) -> int:
    """*line* as the graph's spans hold it (`CELL_LINES`)."""
    return line if cell is None else cell * CELL_LINES + line


def line_cell(line: int) -> tuple[int, int | None]:
    """A line the graph holds (`cell_line`) as a cell's line and its cell (None outside
    notebooks)."""
    return (line, None) if line < CELL_LINES else (line % CELL_LINES, line // CELL_LINES)


#: The module level of a file (the walk's name for it, `advisor.evidence.walk.MODULE`).
MODULE = "<module>"

#: An entry point that is only code at module level (`advisor.evidence.gather.WEAK_ENTRY`).
WEAK = "module_code"

#: The body of a file's ``if __name__ == "__main__":``: it runs only when the file is the program.
MAIN_GUARD = "<main>"

#: The lambdas of a module-level table (``COLUMNS = {"sha256": lambda p: ...}``): each runs only
#: when the input picks its key, never where it is written (`advisor.evidence.reach_modules.table`).
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
    ``app`` (*name*: the framework), ``factory`` (*name*: the factory an app is built by,
    `advisor.evidence.app_factory`), ``module_code``, ``script`` (*name*: the declared script);
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
        #: (unit, target) of each call, not a reference (`advisor.evidence.called_edges`).
        self.called: set[tuple[Unit, Target]] = set()
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
        #: Functions a decorator registers on an object imported from another module
        #: (``@app.task`` with ``from reports.celery_app import app``), and those registered
        #: on whichever app runs (Celery's ``@shared_task``, `names` ``shared_registrars``):
        #: run once the app's module does (newcomer review 25 #3), (target, unit).
        self.registered_on: list[tuple[Target, Unit]] = []
        #: Per function or method: (parameter names, integer defaults, is a method).
        self.params: dict[Unit, tuple[list[str], dict[str, int], bool]] = {}
        #: ``self.workers = workers`` (or ``= 8``): (file, class, attribute) -> where from.
        self.attribute_values: dict[tuple[str, str, str], list[Value]] = {}
        #: Calls of project code with the integers they pass:
        #: (caller unit, target, positional values, keyword values).
        self.call_args: list[tuple[Unit, Target, list[Value | None], dict[str, Value]]] = []
        self.entries: list[Entry] = []
        #: A framework runner's plugins (twistd's): (file, line, ``Class.method`` in that
        #: file, or ``module:function``) of what it calls (`advisor.evidence.reactors`).
        self.service_makers: list[tuple[str, int, str]] = []
        #: Coroutines handed to another thread's loop (``run_coroutine_threadsafe``): (file,
        #: line, callee); and coroutines the code runs itself (``asyncio.run``, ...): (file,
        #: line) (`advisor.evidence.helper_loops`).
        self.loop_handoffs: list[tuple[str, int, str]] = []
        self.loop_runs: list[tuple[str, int]] = []
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
        #: Per unit: the commands it gathers into a group from other modules
        #: (``cli.add_command(cmd)``, ``click.group(commands=table)``; `names` ``group_calls``,
        #: ``group_tables``).
        self.command_groups: dict[Unit, set[Target]] = {}
        #: Those commands' functions, resolved by `advisor.evidence.mainpath.main_path`: a
        #: walk without groups (`_Walk.groups`) does not enter them where their own module
        #: registers them either.
        self.grouped_commands: set[Unit] = set()
        #: Module-level names bound once to a call (``parse = Parser()``): (file, name) -> the
        #: target called, None where the name is bound twice. Another module's
        #: ``parse.method(...)`` reaches the class's method (`advisor.evidence.follow`).
        self.instances: dict[tuple[str, str], Target | None] = {}
        #: Functions that return an object they build (devpi-server's ``xom_from_config``:
        #: ``return XOM(config)``): unit -> the target built, None where two differ. A local
        #: bound to their call is that object (``xom.main()`` is ``XOM.main``).
        self.returns: dict[Unit, Target | None] = {}
        #: Project classes built on a framework's class: (file, class) -> where and what.
        self.app_classes: dict[Unit, App] = {}
        #: Where a framework's app object is built (`App`).
        self.apps: list[App] = []
        #: Files that read the terminal as a console does (`advisor.evidence.reach_modules.console`):
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
        #: (`advisor.evidence.reach_calls._lists_folder`).
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

    def unit_at(self, file: str, line: int, cell: int | None) -> str:
        """The unit holding *line* of *file* (of its *cell* in a notebook): a function, a
        method, the main guard, or the module level."""
        line = cell_line(line, cell)
        for start, end, unit in self.spans.get(file, ()):
            if start <= line <= end:
                return unit
        for start, end in self.guards.get(file, ()):
            if start <= line <= end:
                return MAIN_GUARD
        return MODULE


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


#: The kind of app a server call makes (`Graph.apps`): it keeps only its own evidence
#: (``asyncio.start_server``), never a framework's an optional mode imports (glances' FastAPI).
SERVER = "server"


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""
