"""The evidence of one inference run, gathered across files: recorded while each file is read,
capped per signal, and what each place says about the main path once it is known.

`advisor.evidence.visitor` reads each file into a `Gatherer`; `advisor.evidence.conclude` adds
what only the whole project says (`apply_main_path`, then `finish`); `advisor.evidence.weigh`
weighs what it holds. Recording is bounded (`PER_SIGNAL`), so output stays small however large
the input.
"""

from __future__ import annotations

from typing import Any

from advisor.evidence.mainpath import MainPath
from advisor.evidence.observed import (
    INPUT_WORK,
    InputWork,
    Location,
    LoopWork,
    PendingBound,
    PoolMap,
    Write,
)
from advisor.evidence.scopes import Module
from advisor.evidence.tables import Tables, tables
from advisor.evidence.units import Entry, Graph
from advisor.inference import Evidence
from advisor.models import AnswerValue, Text

#: Module-level code: an entry point only when the file has nothing more telling.
WEAK_ENTRY = "module-level code"
#: An app built by a factory called at module level (`advisor.evidence.app_factory`).
FACTORY_ENTRY = "app factory"

#: An entry point's description -> its kind (`advisor.evidence.units.Entry`); anything
#: else is "<framework> app".
_ENTRY_KINDS = {
    "main guard": "main_guard",
    "__main__.py": "dunder_main",
    "notebook": "notebook",
    WEAK_ENTRY: "module_code",
    FACTORY_ENTRY: "factory",
}

#: The entry kinds that serve an app: built here, or by a factory called here.
_APPS = frozenset({"app", "factory"})

#: At most this many pieces of evidence per question, value and signal: output stays
#: bounded however many times a project calls requests.get.
PER_SIGNAL = 3


class Gatherer:
    """Collects evidence over all the files of one scan; `finish` adds project-wide evidence."""

    def __init__(self, table: Tables | None = None) -> None:
        self.t = table or tables()
        self.evidence: list[Evidence] = []
        self.context: list[Evidence] = []
        self.files = 0
        self._counts: dict[tuple[object, ...], int] = {}
        #: Per file (per notebook): what its module level binds, shared by its cells.
        self.modules: dict[str, Module] = {}
        self.workers: dict[str, Location | None] = {}
        #: Every place each worker was found: a decorated ``def`` (its unit), or None (by name).
        self.worker_sites: dict[str, set[Location | None]] = {}
        #: Endless loops that sleep between rounds (`advisor.evidence.polling`): (function, sleep).
        self.polling: list[tuple[str, Location]] = []
        self.defs: dict[str, Location] = {}
        self.calls: dict[str, set[str]] = {}
        #: Functions that are not methods: what a bare-name call can reach.
        self.plain_defs: set[str] = set()
        self.writes: list[Write] = []
        self.async_seen = False
        #: Where an event loop was seen to run (an ``async def``, ``asyncio.run``...): with a
        #: main path, only those on it say the program is async.
        self.async_at: list[Location] = []
        #: Classes only a framework's newer generation has, as imported
        #: (`advisor.evidence.generations`).
        self.marks: set[str] = set()
        #: Where the program starts (`advisor.inference.Inference.entry_points`).
        self.entry_points: list[str] = []
        #: Units, calls and imports for the main path (`advisor.evidence.reach`).
        self.graph = Graph()
        #: What a local (or module-level) name holds, where the code says: for `reach`.
        self.local_types: dict[tuple[str, int, str], tuple[str, ...]] = {}
        #: The main path once resolved (`advisor.evidence.conclude.apply_main_path`); None:
        #: the whole project counts.
        self.main_path: MainPath | None = None
        #: (file, unit, question) of evidence the main path does not reach.
        self.off_path: set[tuple[str, str, str]] = set()
        #: The evidence the main path does not reach, kept to be read whole
        #: (`computation.computes_only`).
        self.unreached: list[Evidence] = []
        #: Function name -> a computing call in a loop of it (`advisor.evidence.cpu`).
        self.loop_work: dict[str, LoopWork] = {}
        #: Options whose help says they bound what runs at once, and whether they bound I/O
        #: (`advisor.evidence.option_limits`).
        self.option_limits: list[tuple[Any, bool]] = []
        #: Functions (or `MODULE`) whose nested loops compute (`advisor.evidence.cpu`).
        self.hot_functions: set[str] = set()
        #: (file, line) of a thread pool's constructor -> the calls handed to it in the
        #: scope that binds it: (function, handed more than once) (`advisor.evidence.pool_tasks`).
        self.pool_tasks: dict[tuple[str, int], list[tuple[str, bool]]] = {}
        #: Functions that call an I/O library: their loops wait, they do not compute.
        self.waiting: set[str] = set()
        #: Of those, the ones that wait on more than a local file they read (a library that
        #: is not ``open()``, a sleep): a parse of what a function reads is no wait
        #: (`computation.input_work`).
        self.waits_beyond_files: set[str] = set()
        #: Calls of the library table's libraries: (where, qualified name, entry), for
        #: `advisor.evidence.switch.switchable`.
        self.io_calls: list[tuple[Location, str, Any]] = []
        #: Per file: module-level names bound to a compiled regular expression
        #: (`advisor.evidence.records.compiled_patterns`).
        self.patterns: dict[str, set[str]] = {}
        #: Workers handed every pair of items (`advisor.evidence.cpu.pairwise`).
        self.pairwise: set[str] = set()
        #: Worker -> for each place it is spawned, whether as its object's one background
        #: thread (``Thread(target=self.listen)`` outside a loop; `advisor.evidence.shared_state`).
        self.spawned_alone: dict[str, set[bool]] = {}
        #: Per worker name: whether each place that hands it over starts one thread or process
        #: outside every loop (``Thread(target=component.loop)``): one call at a time on that
        #: object, whose callees change nothing another call sees (`shared_writes._same_self`).
        self.spawned_once: dict[str, set[bool]] = {}
        #: A function's ``def`` -> the names it hands over to run concurrently -> for each
        #: place, whether as one thread or task started once (`advisor.evidence.closure_state`).
        self.closure_spawns: dict[Location, dict[str, set[bool]]] = {}
        #: (where, target) of a write to a closure's variable -> the enclosing ``def``
        #: (`advisor.evidence.closure_state`).
        self.closure_owners: dict[tuple[Location, str], Location] = {}
        #: Event loops whose result a function returns: the program's own loop near its
        #: start, a bridge for the caller deep in its work (`aside.set_bridges_aside`).
        self.loop_starts: list[Location] = []
        #: Files whose module level starts the event loop (`libraries.top_level_loop`).
        self.top_loops: set[str] = set()
        #: Units reached only through such a bridge: their coroutines are the bridge's.
        self.bridged: frozenset[tuple[str, str]] = frozenset()
        #: Units reached only inside a mode of the program (`aside.modes_only`): what it runs when
        #: its configuration or options ask for another server or loop, not by default.
        self.in_modes: frozenset[tuple[str, str]] = frozenset()
        #: Units whose event loop only a minority of the subcommands run
        #: (`aside.command_loops`): that command's own, not the program's.
        self.command_loops: frozenset[tuple[str, str]] = frozenset()
        #: Those commands, by name, and how many subcommands there are.
        self.loop_commands: tuple[tuple[str, ...], int] = ((), 0)
        #: Units only a minority of a group of alternatives reaches (one protocol, backend or
        #: plugin among many: `aside.set_alternatives_aside`): their work is not the program's.
        self.aside: frozenset[tuple[str, str]] = frozenset()
        #: Bounds whose value is passed in: resolved along the calls
        #: (`advisor.evidence.conclude`).
        self.pending_bounds: list[PendingBound] = []
        #: Settings' defaults the code writes (``config.POOLSIZE = 10``): name -> values.
        self.settings: dict[str, set[int]] = {}
        #: Settings a package's configuration file sets (`sources.config_defaults`): read in
        #: lower case too (``c.max_connections``), where code-written ones are upper case.
        self.file_settings: set[str] = set()
        #: Names of functions and methods called in a loop: they run once per item.
        self.called_in_loop: set[str] = set()
        #: Names of the functions and methods each function calls (``self._format(src)``):
        #: what a function called once per item calls runs once per item too (`computation`).
        self.calls_any: dict[str, set[str]] = {}
        #: (file, line) of calls that wait on a child process (`advisor.evidence.pool_maps.
        #: _side_children`).
        self.child_waits: set[tuple[str, int]] = set()
        #: Per function read, the child processes it starts and lets go or feeds in a loop
        #: (`advisor.evidence.started_children`), by call position.
        #: Classes whose ``__call__`` the command-line parser runs for one option
        #: (`advisor.evidence.option_actions`), as (file, class).
        self.option_actions: set[tuple[str, str]] = set()
        #: The compiled extension modules the project's build declares
        #: (`advisor.evidence.own_extensions`), by dotted name.
        self.own_extensions: frozenset[str] = frozenset()
        self.child_starts: dict[tuple[object, ...], dict[tuple[int, int], str]] = {}
        #: Trees parsed and records computed on (`advisor.evidence.records`), and the Python
        #: visitor classes that go over trees: decided in `finish`.
        self.input_work: list[InputWork] = []
        self.tree_walkers: list[tuple[Location, str]] = []
        #: (file, class, attribute) of containers a class body binds (``_auth = {}``): one
        #: object every instance of the class shares.
        self.class_containers: set[tuple[str, str, str]] = set()
        #: (file, class) of classes built on a framework's request handler: a call of each
        #: method per request (`data/concurrency.yaml` ``handler_bases``).
        self.handler_classes: set[tuple[str, str]] = set()
        #: (file, class, base) of classes built on a client one instance of which receives
        #: every event on one loop (`data/concurrency.yaml` ``event_clients``).
        self.event_clients: set[tuple[str, str, str]] = set()
        #: Locks taken inside a function (``with self._lock:``): (function, lock, where).
        self.locks_taken: list[tuple[str, str, Location]] = []
        #: Path stems of project modules imported in place of a standard one
        #: (``uploadserver/cgi``, `advisor.evidence.reach_modules.stand_in`), and the files they are
        #: once every file is read (`copies`).
        self.stand_ins: set[str] = set()
        self._copies: frozenset[str] = frozenset()
        #: Blocking calls in an ``async def`` outside its loops, and the names of the
        #: coroutines event loops are started with: what runs once (`runs_once.at_startup`).
        self.blocking_once: list[Location] = []
        self.loop_mains: set[str] = set()
        #: Coroutines a scheduler runs once a day or an hour (`advisor.evidence.rare_tasks`).
        self.rare_tasks: set[str] = set()
        #: Django's ``get_asgi_application()`` calls and its ``async def`` views, with their
        #: names (`advisor.evidence.django_asgi`).
        self.django_asgi: list[Location] = []
        self.django_async_views: list[tuple[Location, str]] = []
        #: Calls in synchronous functions that start an event loop, with the names each
        #: such function calls (`before_start`).
        self.loop_starters: list[tuple[Location, frozenset[str]]] = []
        self.coroutine_units: set[tuple[str, str]] = set()
        self.coroutine_calls: dict[tuple[str, str], frozenset[str]] = {}
        #: Per coroutine: the names it calls in its retry loops (`startup_chain.retry_names`).
        self.retry_calls: dict[tuple[str, str], frozenset[str]] = {}
        #: The function (innermost, by name) of each I/O library call and heavy native call,
        #: by (file, line): what runs on the request path (`computation.request_work`).
        self.function_at: dict[tuple[str, int], str] = {}
        #: Names bound to a process pool, per file, and the maps over pools
        #: (`advisor.evidence.pool_maps`).
        self.process_pools: set[tuple[str, str]] = set()
        #: Workers named through an attribute (``target=self.signal.emit``): (file, class,
        #: attribute, method), a worker only when the class sets the attribute to a project
        #: class (`finish`); and classes that are the program's infrastructure (a logging
        #: handler, a task counter on a condition variable; `advisor.evidence.shared_state`).
        self.chained_workers: list[tuple[str, str, str, str]] = []
        self.infrastructure: set[tuple[str, str]] = set()
        #: Writes of True/False to ``self.`` (a running flag) and locks' roles (`lock_roles`).
        self.flag_writes: set[Location] = set()
        #: Files written for Cython, and whether each releases the GIL (`compiled`).
        self.compiled: dict[str, bool] = {}
        #: Thread classes by name, and bounds of loops starting a class not yet known to be
        #: one, kept aside until every file is read (`thread_loops`).
        self.thread_classes: set[str] = set()
        self.thread_loop_starts: list[tuple[str, list[PendingBound], list[Evidence]]] = []
        self.pool_maps: list[PoolMap] = []
        #: Project functions that yield a process pool (a ``@contextmanager`` picking one), the
        #: names bound by ``with helper(...) as pool`` per file, and the functions (by bare name)
        #: the maps over process pools call (`advisor.evidence.pool_maps`, `advisor.evidence.gil_native`).
        self.pool_factories: set[str] = set()
        self.pool_helpers: dict[tuple[str, str], str] = {}
        self.mapped_work: set[str] = set()
        #: Children a process pool's mapped function waits on, the pool computing nothing
        #: itself (`pool_maps.children_beside_work`): (file, line).
        self.pool_children: set[tuple[str, int]] = set()
        #: Names handed by position to a call, by the callee's last name: (file, index, name).
        self.passed_names: dict[str, set[tuple[str, int, str]]] = {}
        #: Project functions returning a native library's object (name -> constructor), and
        #: method calls on what a project function returned (`advisor.evidence.made_objects`).
        self.native_makers: dict[str, str] = {}
        self.made_calls: list[tuple[Location, str, str, str]] = []
        #: Top-level functions and classes of readiness files that run a multiplexer
        #: (``pkg.net.runonce``), the files making sockets elsewhere with what they call, and
        #: their socket calls: (file, line) -> (library, is a name lookup) (`handed`).
        self.readiness_loops: set[str] = set()
        self.socket_files: dict[str, set[str]] = {}
        self.socket_calls: dict[tuple[str, int], tuple[str, bool]] = {}
        #: Flags off by default that the project's argparse parsers declare, in any module
        #: (`optin.project_off_options`), for a module that tests them without declaring any.
        self.project_off_options: frozenset[str] = frozenset()
        #: Dispatch chains (`advisor.evidence.dispatch`): per chain, what each branch calls.
        self.dispatches: list[tuple[frozenset[str], ...]] = []

    # -- recording ------------------------------------------------------------------------

    def emit(
        self,
        question: str | None,
        value: AnswerValue | None,
        confidence: str,
        where: Location,
        reason: Text,
        *,
        signal: str,
        existing: bool = False,
    ) -> None:
        # Capped per file here, and again per signal once the main path is known
        # (`advisor.evidence.conclude.apply_main_path`): secondary files read first must not
        # crowd out the main ones.
        if where.file and self._internal(question, value, signal) and self.vendored(where.file):
            return
        key = (question, value, signal, where.file)
        if self._counts.get(key, 0) >= PER_SIGNAL:
            return
        self._counts[key] = self._counts.get(key, 0) + 1
        item = Evidence(
            question,
            value,
            confidence,
            where.file,
            where.line,
            reason,
            signal,
            where.cell,
            existing,
        )
        (self.context if question is None else self.evidence).append(item)

    def vendored(self, file: str) -> bool:
        """Code copied from another project: in a vendored folder (`Tables.is_vendored`), or a
        copy of a standard-library module (`copies`)."""
        return self.t.is_vendored(file) or file in self._copies

    def copies(self) -> None:
        """The files of the project modules imported in place of a standard one (a module
        ``uploadserver/cgi.py``, or a package's folder); what they said about computation and
        shared state while being read is dropped, as a vendored folder's is (issue 19)."""
        stems = self.stand_ins
        if not stems:
            return
        self._copies = frozenset(
            f
            for f in self.modules
            for stem in stems
            if f[: -len(".py")] == stem
            or f[: -len(".py")].endswith("/" + stem)
            or f.startswith(stem + "/")
            or f"/{stem}/" in f
        )
        self.evidence = [
            e
            for e in self.evidence
            if not (e.file in self._copies and self._internal(e.question, e.value, str(e.signal)))
        ]

    @staticmethod
    def _internal(question: str | None, value: AnswerValue | None, signal: str) -> bool:
        """Evidence about what code computes or shares, which vendored code only says about
        itself: its loops, its heavy calls, the caches it fills (issue 19)."""
        if question in {"cpu_heavy_steps", "shared_memory"}:
            return value is True  # "no" is the whole project's conclusion, cited at a line
        return signal in {"python-loops", "loop-work", "process-pool", INPUT_WORK} or (
            question in {"cpu_bound", "native_code"} and value is True
        )

    def saw_async(self, where: Location) -> None:
        """An event loop runs here (weighed against the main path, if there is one)."""
        self.async_seen = True
        self.async_at.append(where)

    def entry(self, where: Location, what: str, name: str = "") -> None:
        """A place the program starts: kept once per file, so a library stays recognisable.
        *name*: the factory's, for an app a factory builds."""
        cell = f":cell {where.cell}" if where.cell is not None else ""
        shown = f"{where.file}{cell}:{where.line} ({what})"
        kind = _ENTRY_KINDS.get(what, "app")
        name = what.removesuffix(" app") if kind == "app" else name
        self.graph.entries.append(
            Entry(where.file, where.line, kind, shown.rsplit(" (", 1)[0], name)
        )
        same = [i for i, e in enumerate(self.entry_points) if e.split(":", 1)[0] == where.file]
        if not same:
            self.entry_points.append(shown)
        elif self.entry_points[same[0]].endswith(f"({WEAK_ENTRY})") and what != WEAK_ENTRY:
            self.entry_points[same[0]] = shown  # an app or a main guard says more
        elif self.entry_points[same[0]].endswith("(main guard)") and kind in _APPS:
            # `app = Flask(...)` above `if __name__ == "__main__": app.run()` (httpbin's
            # core.py): the app is the program, in a package too, where a main guard alone
            # is a helper's.
            self.entry_points[same[0]] = shown

    def worker(self, name: str, where: Location | None = None) -> None:
        self.workers.setdefault(name, where)
        self.worker_sites.setdefault(name, set()).add(where)

    def on_path(self, where: Location | Evidence) -> bool:
        """Whether code at *where* runs on the main path (always, without one)."""
        path = self.main_path
        if path is None or not where.file:
            return True
        return path.reaches(where.file, self.graph.unit_at(where.file, where.line, where.cell))

    def on_workload(self, where: Location | Evidence) -> bool:
        """Whether code at *where* is on the main path and not a helper only a few of the
        program's plugins use (`advisor.evidence.side_paths.optional_units`)."""
        path = self.main_path
        if path is None or not where.file:
            return True
        unit = self.graph.unit_at(where.file, where.line, where.cell)
        return (
            path.reaches(where.file, unit)
            and path.core(where.file, unit)
            and (where.file, unit) not in self.bridged
            and (where.file, unit) not in self.in_modes
            and (where.file, unit) not in self.command_loops
        )

    def by_default(self, where: Location | Evidence) -> bool:
        """On the main path and not only behind an option that is off by default
        (`advisor.evidence.optin`): a heavy step the user must turn on (streamrip's cover
        downscale, ``embed_max_width = -1``) is not the program's (issue 19, class 2)."""
        if not where.file:
            return True
        path = self.main_path
        if not self.on_path(where) or path is None:
            return self.on_path(where)
        return (
            where.file,
            self.graph.unit_at(where.file, where.line, where.cell),
        ) not in path.opt_in

    def unit_of(self, where: Location) -> tuple[str, str]:
        return (where.file, self.graph.unit_at(where.file, where.line, where.cell))

    def bound(self, where: Location, name: str, arg: str, *, io: bool, value: int) -> None:
        """A bound written for the concurrency the code has (``max_workers=8``): an answer
        to ``concurrency`` when it bounds I/O, context when it bounds CPU workers."""
        said = "bound_loop" if arg == "range" else "bound"  # N threads a loop starts
        reason = self.t.reason(said, name=name, arg=arg, value=str(value))
        question = "concurrency" if io else None
        answer = value if question else None
        self.emit(question, answer, "high", where, reason, signal=f"{name}={value}")

    def recap(self) -> None:
        """At most `PER_SIGNAL` pieces of evidence per question, value and signal, first
        seen first (they were capped per file while reading)."""
        counts: dict[tuple[object, ...], int] = {}
        for name in ("evidence", "context"):
            kept = []
            for item in getattr(self, name):
                key = (item.question, item.value, item.signal)
                if counts.get(key, 0) < PER_SIGNAL:
                    counts[key] = counts.get(key, 0) + 1
                    kept.append(item)
            setattr(self, name, kept)
        self._counts = {}
