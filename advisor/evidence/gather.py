"""The evidence of one inference run, gathered across files, and what only the whole project
says: shared state written by functions that run concurrently, and no event loop anywhere.

`advisor.evidence.visitor` reads each file into a `Gatherer`; `advisor.evidence.weigh` weighs what
it holds. Recording is bounded (`PER_SIGNAL`), so output stays small however large the input.
"""

from __future__ import annotations

import sys
from typing import Any, NamedTuple

from advisor.evidence.mainpath import SERVER, App, Entry, Graph, MainPath
from advisor.evidence.scopes import Module
from advisor.evidence.tables import BLOCKS_LOOP, Tables, listing, tables
from advisor.inference import Evidence
from advisor.models import AnswerValue, Text

#: The signal of pure-Python work over every item of the input (`Gatherer._input_work`).
INPUT_WORK = "input-work"

#: Questions any of whose evidence says the program waits on something (`_computes_only`);
#: an event loop (``async_app`` yes) waits too.
_WAITING = frozenset({"async_libs", "cpu_bound"})

#: Questions answered from what the program runs by default: a heavy step behind an option that
#: is off by default is listed, not counted (`Gatherer._by_default`).
_BY_DEFAULT = frozenset({"cpu_heavy_steps", "native_code"})

#: Module-level code: an entry point only when the file has nothing more telling.
WEAK_ENTRY = "module-level code"

#: An entry point's description -> its kind (`advisor.evidence.mainpath.Entry`); anything
#: else is "<framework> app".
_ENTRY_KINDS = {
    "main guard": "main_guard",
    "__main__.py": "dunder_main",
    "notebook": "notebook",
    WEAK_ENTRY: "module_code",
}

#: Units followed up their callers to tell code run only at a package's import (`Gatherer.
#: _at_import_only`): output and time stay bounded.
_IMPORT_WALK = 200

#: What one alternative among many (a protocol, a backend, a plugin) says only of itself:
#: what it computes and the libraries it waits on (`Gatherer._alternatives`).
_ALTERNATIVE_QUESTIONS = frozenset({"cpu_bound", "cpu_heavy_steps", "native_code", "async_libs"})

#: At most this many pieces of evidence per question, value and signal: output stays
#: bounded however many times a project calls requests.get.
PER_SIGNAL = 3


class Location(NamedTuple):
    """Where evidence was seen: a file's line, or a notebook cell's line (*cell* from 1)."""

    file: str
    line: int
    cell: int | None


class Write(NamedTuple):
    """A write to shared state (module level or ``self.``) inside *function*; only counted
    when the function turns out to run concurrently, which the whole project decides."""

    function: str
    target: str
    locked: bool
    where: Location
    #: What is written: "" (worked out from *target*: module level, ``self.``, handed), or
    #: "class" (a class-level container every instance shares: ``AuthTable._auth``), or
    #: "imported" (a name imported from a project module, shared if that module binds a
    #: container to it: webssh's ``clients``).
    kind: str = ""


class LoopWork(NamedTuple):
    """A math, random or native call in a loop of a function (`advisor.evidence.cpu`):
    computation, if the function runs concurrently and never waits on I/O."""

    where: Location
    call: str
    native: bool


class InputWork(NamedTuple):
    """Python work over the input (`advisor.evidence.records`): a tree parsed (``tree``) or a
    loop computing on each record of a record source (``records``), or running a regular
    expression on each line of a text (``lines``), or a source file tokenized (``tokens``),
    in *function*; *looped*:
    the call itself sits in a loop."""

    where: Location
    function: str
    kind: str
    call: str
    looped: bool


class PoolMap(NamedTuple):
    """``receiver.method(function, inputs)``: *receiver* as written (``self.pool``, or
    ``<pool>`` for a pool built in place), *function* what is mapped (``worker``,
    ``self.resize``); decided by `advisor.evidence.pool_maps.decide`."""

    where: Location
    receiver: str
    method: str
    function: str


class PendingBound(NamedTuple):
    """A pool's bound that comes from a parameter (``ThreadPoolExecutor(workers)``) or an
    attribute set from one (``self.workers``): its value is what the main path passes in."""

    where: Location
    name: str
    arg: str
    io: bool
    #: ("param", file, unit, name), ("self", file, class, attribute) or ("setting", name)
    source: tuple[str, ...]
    #: The value where it is used, when it says one (a default, a click option's default).
    fallback: int | None = None


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
        self._workers: dict[str, Location | None] = {}
        self.defs: dict[str, Location] = {}
        self.calls: dict[str, set[str]] = {}
        #: Functions that are not methods: what a bare-name call can reach.
        self.plain_defs: set[str] = set()
        self.writes: list[Write] = []
        self.async_seen = False
        #: Where an event loop was seen to run (an ``async def``, ``asyncio.run``...): with a
        #: main path, only those on it say the program is async.
        self.async_at: list[Location] = []
        #: Where the program starts (`advisor.inference.Inference.entry_points`).
        self.entry_points: list[str] = []
        #: Units, calls and imports for the main path (`advisor.evidence.reach`).
        self.graph = Graph()
        #: What a local (or module-level) name holds, where the code says: for `reach`.
        self.local_types: dict[tuple[str, int, str], tuple[str, ...]] = {}
        #: The main path once resolved (`apply_main_path`); None: the whole project counts.
        self.main_path: MainPath | None = None
        #: (file, unit, question) of evidence the main path does not reach.
        self.off_path: set[tuple[str, str, str]] = set()
        #: The evidence the main path does not reach, kept to be read whole (`_computes_only`).
        self.unreached: list[Evidence] = []
        #: Function name -> a computing call in a loop of it (`advisor.evidence.cpu`).
        self.loop_work: dict[str, LoopWork] = {}
        #: Functions that call an I/O library: their loops wait, they do not compute.
        self.waiting: set[str] = set()
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
        #: Event loops whose result a function returns: the program's own loop near its
        #: start, a bridge for the caller deep in its work (`_bridges`).
        self.loop_starts: list[Location] = []
        #: Files whose module level starts the event loop (`libraries.top_level_loop`).
        self.top_loops: set[str] = set()
        #: Units reached only through such a bridge: their coroutines are the bridge's.
        self.bridged: frozenset[tuple[str, str]] = frozenset()
        #: Units reached only inside a mode of the program (`_modes_only`): what it runs when
        #: its configuration or options ask for another server or loop, not by default.
        self.in_modes: frozenset[tuple[str, str]] = frozenset()
        #: Units only a minority of a group of alternatives reaches (one protocol, backend or
        #: plugin among many: `_alternatives`): their work is not the program's.
        self.aside: frozenset[tuple[str, str]] = frozenset()
        #: Bounds whose value is passed in: resolved along the calls (`_pending_bounds`).
        self.pending_bounds: list[PendingBound] = []
        #: Settings' defaults the code writes (``config.POOLSIZE = 10``): name -> values.
        self.settings: dict[str, set[int]] = {}
        #: Settings a package's configuration file sets (`sources.config_defaults`): read in
        #: lower case too (``c.max_connections``), where code-written ones are upper case.
        self.file_settings: set[str] = set()
        #: Names of functions and methods called in a loop: they run once per item.
        self.called_in_loop: set[str] = set()
        #: Names of the functions and methods each function calls (``self._format(src)``):
        #: what a function called once per item calls runs once per item too (`_per_item`).
        self.calls_any: dict[str, set[str]] = {}
        #: (file, line) of calls that wait on a child process (`advisor.evidence.pool_maps.
        #: _side_children`).
        self.child_waits: set[tuple[str, int]] = set()
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
        #: Locks taken inside a function (``with self._lock:``): (function, lock, where).
        self.locks_taken: list[tuple[str, str, Location]] = []
        #: Path stems of project modules imported in place of a standard one
        #: (``uploadserver/cgi``, `advisor.evidence.reach.stand_in`), and the files they are
        #: once every file is read (`copies`).
        self.stand_ins: set[str] = set()
        self._copies: frozenset[str] = frozenset()
        #: Blocking calls in an ``async def`` outside its loops, and the names of the
        #: coroutines event loops are started with: what runs once (`_at_startup`).
        self.blocking_once: list[Location] = []
        self.loop_mains: set[str] = set()
        #: The function (innermost, by name) of each I/O library call and heavy native call,
        #: by (file, line): what runs on the request path (`_request_work`).
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
        self.pool_maps: list[PoolMap] = []

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
    ) -> None:
        # Capped per file here, and again per signal once the main path is known
        # (`apply_main_path`): secondary files read first must not crowd out the main ones.
        if where.file and self._internal(question, value, signal) and self.vendored(where.file):
            return
        key = (question, value, signal, where.file)
        if self._counts.get(key, 0) >= PER_SIGNAL:
            return
        self._counts[key] = self._counts.get(key, 0) + 1
        item = Evidence(
            question, value, confidence, where.file, where.line, reason, signal, where.cell
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

    def _no_heavy_step(self) -> None:
        """Evidence can say "no" to ``cpu_heavy_steps`` (issue 19): the code waits on known
        I/O libraries and nothing anywhere computes heavily (no hot loop, no heavy native
        call), so its steps between the waits are light. Said at the first I/O call."""
        if any(e.question == "cpu_heavy_steps" and e.value for e in self.evidence):
            return
        io = [e for e in self.evidence if e.question == "async_libs"]
        if not io:
            return
        first = min(io, key=lambda e: (e.file, e.cell or 0, e.line))
        # Library names only: the "blocks the loop" vote is a second signal of one of them.
        names = sorted({e.signal for e in io if e.signal != BLOCKS_LOOP})
        reason = self.t.reason("no_heavy_step", libraries=listing(names[:4]))
        where = Location(first.file, first.line, first.cell)
        self.emit("cpu_heavy_steps", False, "medium", where, reason, signal="no-heavy-step")

    def _computes_only(self) -> None:
        """A program whose main path waits on nothing while it calls numeric libraries
        computes (issue 19: cholera-risk's Monte Carlo model draws and combines NumPy arrays,
        and reads, writes and calls nothing else; bengine's particle steps, which log each
        state to a file): there is nothing else for its time to go to. Only with a main path,
        no evidence of waiting on it but the weakest (a file ``open()``, low: no socket,
        child process, I/O library or served app), and every library its modules import recognised,
        so that an I/O library advisor does not know cannot be what the program waits on
        (issue 19, cause 4). Said at the first numeric call."""
        path = self.main_path
        if path is None:
            return
        # The modules the path imports, whole: a method reached through an object whose type
        # is not known (a particle's ``update``) is theirs, and so is its waiting.
        read = [*self.evidence, *(e for e in self.unreached if e.file in path.files)]
        if any(
            (e.question in _WAITING and e.confidence != "low")
            or (e.question == "async_app" and e.value)
            for e in read
        ):
            return
        numeric = [
            c
            for c in self.context
            if c.question is None
            and c.signal in self.t.numeric_libraries
            and c.file in path.files
            and not self.t.is_vendored(c.file)
        ]
        if not numeric or self._unknown_imports(path):
            return
        first = min(numeric, key=lambda c: (c.file, c.cell or 0, c.line))
        names = listing(sorted({c.signal for c in numeric}))
        reason = self.t.reason("computes_only", libraries=names)
        where = Location(first.file, first.line, first.cell)
        self.emit("cpu_bound", True, "medium", where, reason, signal="computes-only")

    def _unknown_imports(self, path: MainPath) -> list[str]:
        """Libraries the modules on the main path import that no table knows (neither the
        standard library nor the project's own packages)."""
        from advisor.evidence.mainpath import module_names

        project = {n.split(".", 1)[0] for f in self.graph.files for n in module_names(f)}
        t, unknown = self.t, []
        for file in sorted(path.files):
            for dotted in self.graph.aliases.get(file, {}).values():
                top = dotted.split(".", 1)[0]
                if top in sys.stdlib_module_names or top in project or top in t.quiet_libraries:
                    continue
                if not (
                    t.native.lookup(dotted)
                    or t.libraries.lookup(dotted)
                    or t.frameworks.lookup(dotted)
                ):
                    unknown.append(dotted)
        return unknown

    def saw_async(self, where: Location) -> None:
        """An event loop runs here (weighed against the main path, if there is one)."""
        self.async_seen = True
        self.async_at.append(where)

    def _concurrent_loops(self, concurrent: set[str]) -> None:
        """Loops of math, random or native calls in functions that run concurrently and never
        wait (issue 19): a Ray task annealing in pure Python, a pool worker hashing in a loop."""
        t = self.t
        for name in sorted(concurrent):
            work = self.loop_work.get(name)
            if work is None or name in self.waiting or not self.on_path(work.where):
                continue
            if (
                work.where.file,
                self.graph.unit_at(work.where.file, work.where.line),
            ) in self.aside:
                continue
            if work.native:
                reason = t.reason("concurrent_native_loop", function=name, what=work.call)
                self.emit("cpu_bound", True, "high", work.where, reason, signal="loop-work")
                # A native call in the loop of a worker is heavy: it answers --native-code,
                # which a light call alone no longer does.
                library = (t.native.lookup(work.call) or {}).get("name", work.call)
                reason = t.reason("native_call", name=work.call, library=library)
                self.emit("native_code", True, "medium", work.where, reason, signal="loop-work")
            else:
                reason = t.reason("concurrent_loop", function=name, what=work.call)
                self.emit("cpu_bound", True, "high", work.where, reason, signal="loop-work")
                reason = t.reason("python_bytecode", function=name)
                self.emit("native_code", False, "medium", work.where, reason, signal="loop-work")
            step = t.reason("heavy_step", what=work.call, function=name)
            self.emit("cpu_heavy_steps", True, "medium", work.where, step, signal="loop-work")

    def _request_work(self, concurrent: set[str]) -> None:
        """A served app whose request handlers (or the functions they call by name) make a
        heavy native call computes on every request (issue 19: libretranslate translates with
        Argos Translate on CTranslate2 in its Flask request threads). Then the served-app vote
        ("each request waits on its client") does not hold, and I/O made outside the request
        path (a database connected while the app is built, a cache client for an optional
        backend) is set-up, not what a request waits on: both are listed, not counted, on
        ``--cpu-bound``, and the heavy call on the request path is high evidence. Nothing
        changes for a service whose handlers compute nothing heavy."""
        path = self.main_path
        if path is None or not self._apps_on(path):
            return

        def function(e: Evidence) -> str | None:
            return self.function_at.get((e.file, e.line))

        heavy = [
            e
            for e in self.evidence
            if e.question == "native_code" and e.value is True and function(e) in concurrent
        ]
        if not heavy:
            return
        places = {(e.file, e.line) for e in heavy}
        first = min(heavy, key=lambda e: (e.file, e.cell or 0, e.line))
        work = f"{function(first)}: {first.signal}"
        kept: list[Evidence] = []
        for item in self.evidence:
            if item.question == "cpu_bound" and item.file:
                if item.value is True and (item.file, item.line) in places:
                    kept.append(item._replace(confidence="high"))
                    continue
                called_in = function(item)
                if item.value is False and called_in not in concurrent:
                    where = Location(item.file, item.line, item.cell)
                    if called_in is None:  # the served-app vote, at the app
                        reason = self.t.reason("served_computes", name=item.signal, work=work)
                    else:
                        reason = self.t.reason(
                            "request_setup", name=item.signal, function=called_in, work=work
                        )
                    self.emit(None, None, item.confidence, where, reason, signal=item.signal)
                    continue
            kept.append(item)
        self.evidence = kept

    def _input_work(self) -> None:
        """Pure-Python work over every item of the input (issue 19: vulture walks every
        file's tree with a NodeVisitor; NanoFilt scores every read it parses): computation,
        when it is on the main path, repeats over the input (in a loop, or in a function a
        loop calls) and its function waits on nothing. A tree counts only when a Python visitor
        class exists to go over it; a configuration parsed once is no vote either way."""
        t = self.t
        walkers = [(w, name) for w, name in self.tree_walkers if self.on_path(w)]
        path = self.main_path
        served = path is not None and bool(self._apps_on(path))
        waits = any(
            e.question in _WAITING and e.value is False and e.confidence != "low"
            for e in self.evidence
        )
        per_item = self._per_item()
        for item in self.input_work:
            if not self._by_default(item.where):
                continue  # off the path, or only behind an option that is off by default
            if item.kind == "library":
                if self._unit_of(item.where) in self.aside:
                    continue  # one alternative's work among many (one protocol, one backend)
                if served:
                    # A bot's command or a GUI's help page converting one document on request
                    # (red-discordbot's data statement, thonny's help) is incidental.
                    continue
                # One call goes over the whole document or table: it needs no loop, and
                # reading that input first is part of the same run.
                reason = t.reason("library_work", call=item.call, function=item.function)
                what = t.kind("library_work")
            elif item.function in self.waiting or not (
                item.looped
                or item.function in self.called_in_loop
                or (item.kind == "tokens" and item.function in per_item)
            ):
                continue
            elif item.kind == "tree":
                if not walkers:
                    continue
                # The visitor of the parse's own file when there is one (vulture's Vulture).
                walker = min(walkers, key=lambda w: w[0].file != item.where.file)[1]
                reason = t.reason("tree_walk", call=item.call, walker=walker)
                what = t.kind("tree_walk")
            elif item.kind == "tokens":
                if served or waits:
                    continue  # a server's or a crawler's tokens are small next to its waiting
                reason = t.reason("token_work", call=item.call, function=item.function)
                what = t.kind("token_work")
            elif item.kind == "lines":
                if served or waits:
                    # A request's lines, or a page the program downloaded (a crawler's links
                    # per line): small next to the waiting; a text tool over local files
                    # (codespell) waits on nothing stronger than `open()`.
                    continue
                reason = t.reason("line_work", call=item.call, function=item.function)
                what = t.kind("record_work")
            else:
                reason = t.reason("record_work", call=item.call, function=item.function)
                what = t.kind("record_work")
            self.emit("cpu_bound", True, "medium", item.where, reason, signal=INPUT_WORK)
            reason = t.reason("python_bytecode", function=item.function)
            self.emit("native_code", False, "medium", item.where, reason, signal=INPUT_WORK)
            step = t.reason("heavy_step", what=what, function=item.function)
            self.emit("cpu_heavy_steps", True, "medium", item.where, step, signal=INPUT_WORK)

    def _per_item(self) -> set[str]:
        """Functions called by a function that is called in a loop: one call away, they run
        once per item too (docformatter's loop over files calls ``_do_format_file``, which
        calls ``_do_format_code``, which tokenizes the file). By name, so one step only."""
        return {
            callee for caller in self.called_in_loop for callee in self.calls_any.get(caller, ())
        }

    def entry(self, where: Location, what: str) -> None:
        """A place the program starts: kept once per file, so a library stays recognisable."""
        cell = f":cell {where.cell}" if where.cell is not None else ""
        shown = f"{where.file}{cell}:{where.line} ({what})"
        kind = _ENTRY_KINDS.get(what, "app")
        name = what.removesuffix(" app") if kind == "app" else ""
        self.graph.entries.append(
            Entry(where.file, where.line, kind, shown.rsplit(" (", 1)[0], name)
        )
        same = [i for i, e in enumerate(self.entry_points) if e.split(":", 1)[0] == where.file]
        if not same:
            self.entry_points.append(shown)
        elif self.entry_points[same[0]].endswith(f"({WEAK_ENTRY})") and what != WEAK_ENTRY:
            self.entry_points[same[0]] = shown  # an app or a main guard says more
        elif self.entry_points[same[0]].endswith("(main guard)") and kind == "app":
            # `app = Flask(...)` above `if __name__ == "__main__": app.run()` (httpbin's
            # core.py): the app is the program, in a package too, where a main guard alone
            # is a helper's.
            self.entry_points[same[0]] = shown

    def worker(self, name: str, where: Location | None = None) -> None:
        self._workers.setdefault(name, where)

    def on_path(self, where: Location | Evidence) -> bool:
        """Whether code at *where* runs on the main path (always, without one)."""
        path = self.main_path
        if path is None or not where.file:
            return True
        return path.reaches(where.file, self.graph.unit_at(where.file, where.line))

    def on_workload(self, where: Location | Evidence) -> bool:
        """Whether code at *where* is on the main path and not a helper only a few of the
        program's plugins use (`advisor.evidence.mainpath.optional_units`)."""
        path = self.main_path
        if path is None or not where.file:
            return True
        unit = self.graph.unit_at(where.file, where.line)
        return (
            path.reaches(where.file, unit)
            and path.core(where.file, unit)
            and (where.file, unit) not in self.bridged
            and (where.file, unit) not in self.in_modes
        )

    def _by_default(self, where: Location | Evidence) -> bool:
        """On the main path and not only behind an option that is off by default
        (`advisor.evidence.optin`): a heavy step the user must turn on (streamrip's cover
        downscale, ``embed_max_width = -1``) is not the program's (issue 19, class 2)."""
        if not where.file:
            return True
        path = self.main_path
        if not self.on_path(where) or path is None:
            return self.on_path(where)
        return (where.file, self.graph.unit_at(where.file, where.line)) not in path.opt_in

    def _modes_only(self, path: MainPath) -> frozenset[tuple[str, str]]:
        """Units the program reaches only inside a mode (`advisor.evidence.mainpath.Graph.
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

    def _bridges(self) -> None:
        """An event loop whose result a function returns, many calls away from the program's
        start (``bridge_depth`` in ``data/mainpath.yaml``), runs one coroutine for its
        synchronous caller (streamlink's ``ProcessOutput.run``: ``return
        trio.run(self.arun)``, to read ffmpeg's version): the program around it does not
        run an event loop (issue 19, cause 2). Its coroutines are the bridge's too."""
        from advisor.evidence.mainpath import bridged, names

        path = self.main_path
        if path is None:
            return
        deep = int(names()["bridge_depth"])
        bridges = set()
        for where in self.loop_starts:
            unit = (where.file, self.graph.unit_at(where.file, where.line))
            if path.depth.get(unit, 0) > deep:
                bridges.add(unit)
        self.bridged = bridged(self.graph, path, bridges)
        self._optional()

    def _optional(self) -> None:
        """What only a minority of the plugins reach (`advisor.evidence.mainpath.
        optional_units`), worked out only when an event loop or async code is on the path
        beyond the bridges: it is one walk per plugin, and only ``async_app`` reads it."""
        from advisor.evidence.mainpath import optional_units

        path = self.main_path
        if path is None or not path.plugins:
            return
        async_app = [e for e in self.evidence if e.question == "async_app" and e.file]
        if any(self.on_workload(w) for w in self.async_at) or any(
            self.on_workload(e) for e in async_app
        ):
            self.main_path = path._replace(optional=optional_units(self.graph, path))

    def apply_main_path(self, declared: list[str]) -> None:
        """Evidence votes only where the main entry points reach (issue 19, cause 2); what
        they do not reach is remembered in `off_path`, to be listed, not counted. Without an
        entry point the whole project counts, as it always did."""
        from advisor.evidence.defaults import default_modes
        from advisor.evidence.mainpath import main_path

        self.copies()
        self.evidence = [e for e in self.evidence if not self._at_import(e)]
        default_modes(self.graph)  # the alternatives the default configuration does not pick
        self.main_path = path = main_path(self.graph, declared)
        self._pending_bounds()
        if path is None:
            self._recap()
            return
        self._bridges()
        self.in_modes = self._modes_only(path)
        self._alternatives()
        self._at_import_only()
        self._at_startup()
        kept: list[Evidence] = []
        for item in self.evidence:
            # An event loop a few plugins' helper runs (streamlink's trio-based browser
            # helper) does not make the program async (issue 19, cause 2).
            on = self.on_workload if item.question == "async_app" else self.on_path
            if item.question in _BY_DEFAULT:
                on = self._by_default
            elif item.question == "cpu_bound" and item.value is False:
                # A wait only an option that is off by default runs (isort's `git ls-files`
                # under `if self.skip_gitignore:`) is not what the default run waits on: it
                # must not cancel the main path's process pool (issue 19, held-back set 9).
                on = self._by_default
            # A pool only another mode runs (a server the configuration can pick instead of
            # the default one) bounds nothing the program runs by default (issue 19).
            moded = (
                item.question == "concurrency"
                and self._unit_of(Location(item.file, item.line, item.cell)) in self.in_modes
            )
            if on(item) and not moded:
                kept.append(item)
            else:
                unit = self.graph.unit_at(item.file, item.line)
                self.off_path.add((item.file, unit, str(item.question)))
                self.unreached.append(item)
        # A process pool the main path itself runs is the author's choice for the main work,
        # not a helper's (issue 19: black's reformat_many): it weighs as much as a blocking
        # library does.
        kept = [e._replace(confidence="medium") if e.signal == "process-pool" else e for e in kept]
        self.evidence = self._without_absent_apps(kept, path)
        self._served(path)
        self.context = [c for c in self.context if self.on_path(c)]
        self.async_seen = any(self.on_workload(w) for w in self.async_at)
        self.writes = [w for w in self.writes if self.on_path(w.where)]
        self._workers = {
            name: where
            for name, where in self._workers.items()
            if where is None or self.on_path(where)
        }
        self._recap()

    def _package_module(self, file: str) -> bool:
        """A module of a package (not its ``__main__.py``): its module level runs on import."""
        if "/" not in file or file in self.graph.notebooks:
            return False
        folder, name = file.rsplit("/", 1)
        return name != "__main__.py" and f"{folder}/__init__.py" in self.graph.files

    def _at_import_only(self) -> None:
        """A blocking call that runs only while a package module is imported (in functions
        only its module level calls: tgcf's configuration read from MongoDB once by
        ``CONFIG = read_config()``) runs once, before any task waits: it is
        context, not a vote on ``--async-libs`` (issue 19), as a blocking call made once
        beside the start of the event loop is."""
        from advisor.evidence.mainpath import MODULE, _last_name, _resolver, _Walk

        votes = [e for e in self.evidence if e.question == "async_libs" and e.value is False]
        if not votes:
            return
        graph, path = self.graph, self.main_path
        wanted = {self._unit_of(Location(e.file, e.line, e.cell)) for e in votes}
        callers: dict[tuple[str, str], set[tuple[str, str]]] = {}
        walk = _Walk(graph, _resolver(graph))
        seen: set[tuple[str, str]] = set()
        todo = [u for u in wanted if u[1] != MODULE]
        while todo and len(seen) < _IMPORT_WALK:
            unit = todo.pop()
            if unit in seen:
                continue
            seen.add(unit)
            last = unit[1].rsplit(".", 1)[-1]
            found: set[tuple[str, str]] = set()
            for caller, targets in graph.edges.items():
                if path is not None and not path.reaches(*caller):
                    continue  # a caller the program never runs (an optional web UI's page)
                for target in targets:
                    if _last_name(target) != last:
                        continue
                    if target[0] == "meth":
                        found.add(("", ""))  # called on an object of unknown type
                    elif target[0] == "self":
                        if (target[1], f"{target[2]}.{target[3]}") == unit:
                            found.add(caller)
                    elif any(k == "unit" and u == unit for k, u in walk.resolve(caller[0], target)):
                        found.add(caller)
            callers[unit] = found
            todo += [c for c in found if c[1] != MODULE and c[0]]
        once = {u for u in seen if callers.get(u)}
        changed = True
        while changed:
            changed = False
            for unit in list(once):
                outside = [
                    c
                    for c in callers[unit]
                    if c != unit
                    and c not in once
                    and not (c[1] == MODULE and self._package_module(c[0]))
                ]
                if outside:
                    once.discard(unit)
                    changed = True
        kept: list[Evidence] = []
        for item in self.evidence:
            unit = self._unit_of(Location(item.file, item.line, item.cell))
            # A function only the import runs; the module level itself is left alone: its
            # first calls may be all a file's evidence keeps of a library it uses later too.
            at_import = unit in once
            if item in votes and item.signal != BLOCKS_LOOP and at_import:
                module = item.file.removesuffix(".py").replace("/", ".")
                function = unit[1] if unit[1] != MODULE else module
                reason = self.t.reason(
                    "sync_at_import", name=item.signal, module=module, function=function
                )
                self.emit(
                    None,
                    None,
                    item.confidence,
                    Location(item.file, item.line, item.cell),
                    reason,
                    signal=item.signal,
                )
                continue
            kept.append(item)
        self.evidence = kept

    def _at_startup(self) -> None:
        """A blocking call in a coroutine that runs once, as the program starts or stops (the
        coroutine its event loop is started with, or one only that coroutine awaits, outside
        their loops: `advisor.evidence.startup`), blocks no task's work: context, not a vote
        on ``--async-libs`` (issue 19: heisenbridge's registration file read and written,
        and its identd socket bound, against a bridge that is async end to end)."""
        from advisor.evidence.startup import once_units

        places = {(w.file, w.line) for w in self.blocking_once}
        if not places:
            return
        units = once_units(
            self.graph,
            self.loop_mains,
            self.called_in_loop,
            {self._unit_of(w) for w in self.blocking_once},
        )
        if not units:
            return
        kept: list[Evidence] = []
        for item in self.evidence:
            where = Location(item.file, item.line, item.cell)
            unit = self._unit_of(where)
            if (
                item.question == "async_libs"
                and item.value is False
                and (item.file, item.line) in places
                and unit in units
            ):
                if item.signal != BLOCKS_LOOP:
                    reason = self.t.reason("sync_at_startup", name=item.signal, function=unit[1])
                    self.emit(None, None, item.confidence, where, reason, signal=item.signal)
                continue
            kept.append(item)
        self.evidence = kept

    def _alternatives(self) -> None:
        """Evidence that only a minority of a group of alternatives reaches is listed, not
        counted, for what the program computes and waits on (issue 19, cause 2): pproxy's
        websocket unmasking is one protocol of the nineteen its ``MAPPINGS`` table offers
        (``MAPPINGS.get(name)``, as the command line chooses), tgcf's OCR one plugin of six.
        What most of the alternatives do (each plugin calling the same library) still counts.
        Said once per group, at the first such place."""
        from advisor.evidence.mainpath import alternatives

        path = self.main_path
        if path is None:
            return
        groups = alternatives(self.graph, path)
        if not groups:
            return
        self.main_path = path._replace(alternatives=groups)
        units: dict[tuple[object, ...], set[tuple[str, str]]] = {}
        for item in self.evidence:
            key = (item.question, item.value, item.signal)
            units.setdefault(key, set()).add((item.file, self.graph.unit_at(item.file, item.line)))
        kept: list[Evidence] = []
        aside: set[tuple[str, str]] = set()
        said: set[str] = set()
        for item in self.evidence:
            unit = (item.file, self.graph.unit_at(item.file, item.line))
            group = next((g for g in groups if g.minority(unit)), None)
            if item.question not in _ALTERNATIVE_QUESTIONS or not item.file or group is None:
                kept.append(item)
                continue
            key = (item.question, item.value, item.signal)
            if 2 * group.share(units[key]) >= len(group.members):
                kept.append(item)  # most alternatives do it: the program's work
                continue
            aside.add(unit)
            self.off_path.add((item.file, unit[1], str(item.question)))
            if group.name not in said:
                said.add(group.name)
                reason = self.t.reason(
                    "alternative_aside",
                    function=unit[1],
                    count=str(group.share([unit])),
                    total=str(len(group.members)),
                    table=group.name,
                )
                self.emit(
                    None,
                    None,
                    "medium",
                    Location(item.file, item.line, item.cell),
                    reason,
                    signal=f"alternatives:{group.name}",
                )
        self.evidence = kept
        # Loops of a worker that only one alternative reaches are set aside too (`finish`).
        self.aside = frozenset(
            u for g in groups for member in g.members for u in member if g.minority(u)
        )

    def _chained_workers(self) -> None:
        """``Thread(target=self.signal.emit)``: the method of what the attribute holds, a
        worker only when the class sets it to a project class (``self.db = Db()``); a Qt
        signal's ``emit`` is Qt's, never every project method named ``emit`` (issue 19:
        picard's log handler was taken for a thread's target)."""
        from advisor.evidence.mainpath import _resolver, _Walk

        if not self.chained_workers:
            return
        walk = _Walk(self.graph, _resolver(self.graph))
        for file, cls, attribute, method in self.chained_workers:
            made = self.graph.attribute_types.get((file, cls, attribute))
            if made is not None and any(k == "class" for k, _ in walk.resolve(file, made)):
                self.worker(method)

    def _infrastructure(self, where: Location) -> bool:
        """Whether *where* is in a method of a class that is the program's infrastructure (a
        logging handler, a task counter on a condition variable): its lock guards the log or
        the count, not state the tasks work on (issue 19, picard)."""
        unit = self.graph.unit_at(where.file, where.line)
        return "." in unit and (where.file, unit.rsplit(".", 1)[0]) in self.infrastructure

    def _unowned(self, write: Write) -> bool:
        """Whether *write* changes state no single object owns: a class-level or imported
        container, or a module-level one written in a method (not ``self.x``, nor what a
        handler is handed). A plain function's writes are the bare-name closure's, which
        knows what a one-time block calls (`finish`)."""
        if write.kind:
            return True
        return "." not in write.target and "." in self._unit_of(write.where)[1]

    def _unit_of(self, where: Location) -> tuple[str, str]:
        return (where.file, self.graph.unit_at(where.file, where.line))

    def _concurrent_units(self, concurrent: set[str]) -> frozenset[tuple[str, str]]:
        """The functions and methods that run concurrently, followed along calls through
        methods too (issue 19, cause 3): from each worker (a thread's target, a task, a
        handler) and each method of a class built on a framework's request handler
        (webssh's tornado handlers), what it calls on the main path, methods of objects of
        unknown type included where the path uses their class (pproxy's
        ``authtable.set_authed(user)``). Only writes to state no single object owns
        (class-level and module-level containers) are counted from these."""
        from advisor.evidence.mainpath import _resolver, _Walk

        graph, path = self.graph, self.main_path
        starts: set[tuple[str, str]] = set()
        for name in concurrent:
            for file, functions in graph.functions.items():
                if name in functions:
                    starts.add((file, name))
            for (file, cls), info in graph.classes.items():
                if name in info.methods:
                    starts.add((file, f"{cls}.{name}"))
        for file, cls in self.handler_classes:
            handler = graph.classes.get((file, cls))
            if handler is not None:
                starts.update((file, f"{cls}.{m}") for m in handler.methods)
        if path is not None:
            starts = {u for u in starts if path.reaches(*u)}
        if not starts:
            return frozenset()
        walk = _Walk(graph, _resolver(graph))
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

    def _imported_container(self, write: Write) -> bool:
        """Whether the name *write* changes is a container the project module it is imported
        from binds at its module level (webssh's ``from webssh.worker import clients``)."""
        from advisor.evidence.mainpath import _resolver

        file = write.where.file
        dotted = self.graph.aliases.get(file, {}).get(write.target)
        if dotted is None or "." not in dotted:
            return False
        module, name = dotted.rsplit(".", 1)
        home = _resolver(self.graph).module(module, file)
        found = self.modules.get(home) if home else None
        return found is not None and name in found.containers

    def _at_import(self, item: Evidence) -> bool:
        """Computation at the module level of a package's module (not its ``__main__.py``):
        it runs once, when the module is imported (a table built, a stub image decompressed),
        not as a step of the program's tasks (issue 19, cause 1)."""
        from advisor.evidence.mainpath import MODULE

        if not (item.question in {"cpu_bound", "cpu_heavy_steps"} and item.value is True):
            return False
        if item.signal == "process-pool":  # a worker class defined there, not work done
            return False
        if not item.file or item.file in self.graph.notebooks or "/" not in item.file:
            return False
        folder, name = item.file.rsplit("/", 1)
        return (
            name != "__main__.py"
            and f"{folder}/__init__.py" in self.graph.files
            and self.graph.unit_at(item.file, item.line) == MODULE
        )

    def _pending_bounds(self) -> None:
        """Bounds passed in as arguments: the values the calls on the main path pass (all calls
        without one), else the parameter's default (issue 19, cause 5)."""
        from advisor.evidence.mainpath import parameter_values

        for pending in self.pending_bounds:
            if not self.on_path(pending.where):
                continue
            if pending.source[0] == "setting":
                # One default written for the setting, or none taken: two defaults are two
                # configurations, and which one runs is not in the code.
                written = self.settings.get(pending.source[1], set())
                values = list(written) if len(written) == 1 else []
            else:
                values = parameter_values(self.graph, pending.source, self.main_path)
            if not values and pending.fallback is not None:
                values = [pending.fallback]
            for value in sorted(v for v in values if v >= 1)[-1:]:
                self.bound(pending.where, pending.name, pending.arg, io=pending.io, value=value)

    def bound(self, where: Location, name: str, arg: str, *, io: bool, value: int) -> None:
        """A bound written for the concurrency the code has (``max_workers=8``): an answer
        to ``concurrency`` when it bounds I/O, context when it bounds CPU workers."""
        reason = self.t.reason("bound", name=name, arg=arg, value=str(value))
        question = "concurrency" if io else None
        answer = value if question else None
        self.emit(question, answer, "high", where, reason, signal=f"{name}={value}")

    def _without_absent_apps(self, evidence: list[Evidence], path: MainPath) -> list[Evidence]:
        """``program=service`` (or gui) only when the app is on the main path: an import of
        Flask on the path, with its app built off it (an optional web UI), is no service; nor
        is an app another command of the program builds (``spotdl web``), in a mode its
        default command returns before or one branch of a chain of modes (glances' web
        server, `advisor.evidence.mainpath.Graph.modes`), or in one subcommand among several
        (``mkdocs serve``, `advisor.evidence.mainpath.Graph.commands`)."""
        kinds = {app.kind for app in self._apps_on(path)}
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
            e
            for e in evidence
            if not (e.signal in dropped and e.question in {"program", "async_app"})
        ]

    def _apps_on(self, path: MainPath) -> list[App]:
        """The framework apps the default command builds, and the project's classes built on a
        framework's server or window that it uses."""
        found = [app for app in self.graph.apps if path.by_default(app.file, app.unit)]
        for (file, cls), app in self.graph.app_classes.items():
            methods = self.graph.classes[(file, cls)].methods
            if any(path.by_default(file, f"{cls}.{m}") for m in methods):
                found.append(app)
        return found

    def _served(self, path: MainPath) -> None:
        """An app on the main path that serves clients (``serves`` in ``data/frameworks.yaml``)
        waits on them: every request or message waits on its client and on the backends its
        handlers call, whatever those are (issue 19: httpbin's Flask views call nothing advisor
        recognises, and it asked ``--cpu-bound``). A framework that runs its handlers
        synchronously (WSGI: Flask, Django, Bottle) is a blocking library on the hot path
        itself. Said once per framework, at the app."""
        t = self.t
        seen: set[str] = set()
        classes = self.graph.app_classes  # said at an app object built, before a class
        apps = sorted(
            self._apps_on(path), key=lambda a: ((a.file, a.unit) in classes, a.file, a.line)
        )
        for app in apps:
            framework = t.frameworks.lookup(app.framework)
            name = str(framework["name"]) if framework is not None else ""
            if name not in t.serves or name in seen:
                continue
            seen.add(name)
            where = Location(app.file, app.line, None)
            reason = t.reason("served_app", name=name)
            self.emit("cpu_bound", False, "medium", where, reason, signal=name)
            if name in t.blocking_servers:
                counterparts = listing(t.blocking_servers[name])
                reason = t.reason("served_blocking", name=name, counterparts=counterparts)
                self.emit("async_libs", False, "medium", where, reason, signal=name)

    def _recap(self) -> None:
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

    def _no_event_loop(self) -> Text:
        """Why no event loop runs the program's work: none anywhere, or the async code there
        is was set aside (streamlink, issue 19): an event loop a helper runs for its
        synchronous caller deep in the work (a bridge), a helper only a minority of the
        plugins use, or code the entry points do not reach. Said of the first such place."""
        t, path = self.t, self.main_path
        if not self.async_at or path is None:
            return t.reason("no_event_loop", count=str(self.files))
        kinds: dict[str, list[Location]] = {}
        for place in sorted(self.async_at, key=lambda w: (w.file, w.cell or 0, w.line)):
            unit = self.graph.unit_at(place.file, place.line)
            if (place.file, unit) in self.bridged:
                kinds.setdefault("bridge", []).append(place)
            elif (place.file, unit) in self.in_modes:
                kinds.setdefault("mode", []).append(place)
            elif path.reaches(place.file, unit):
                kinds.setdefault("plugins", []).append(place)
            else:
                kinds.setdefault("off_path", []).append(place)
        why = next(k for k in ("bridge", "mode", "plugins", "off_path") if k in kinds)
        first = kinds[why][0]
        count = str(len({(w.file, w.line) for w in self.async_at}))
        where = f"{first.file}:{first.line}"
        return t.reason(f"event_loop_set_aside_{why}", where=where, count=count)

    def _per_item_native(self) -> None:
        """Beside a worker handed every pair of items, a heavy native call outside it (one
        Pillow resize per image) is linear work next to quadratic Python: its "native code"
        vote drops to low, so the pairwise search answers ``native_code`` (issue 19, difPy)."""
        if not self.pairwise:
            return
        for i, item in enumerate(self.evidence):
            if item.question != "native_code" or item.value is not True or not item.file:
                continue
            unit = self.graph.unit_at(item.file, item.line)
            if unit.rsplit(".", 1)[-1] not in self.pairwise:
                self.evidence[i] = item._replace(confidence="low")

    def finish(self) -> None:
        """Project-wide evidence: shared state written by concurrent functions, no event loop."""
        t = self.t
        self._per_item_native()
        from advisor.evidence.switch import switchable

        self.evidence = switchable(self.evidence, self.io_calls, self.on_path, t)
        if self.files and not self.async_seen:
            reason = self._no_event_loop()
            self.emit(
                "async_app", False, "medium", Location("", 0, None), reason, signal="no-event-loop"
            )
        self._chained_workers()
        concurrent = set(self._workers)
        stack = list(concurrent)
        while stack:  # what a worker calls runs concurrently too (by bare name: functions only)
            for callee in self.calls.get(stack.pop(), ()):
                if callee not in concurrent and callee in self.plain_defs:
                    concurrent.add(callee)
                    stack.append(callee)
        self._concurrent_loops(concurrent)
        self._request_work(concurrent)
        self._input_work()
        self._computes_only()
        self._no_heavy_step()
        if not self._workers:
            return
        # An object's one background thread writing its own attributes hands a result or an
        # error to the owner: not state that tasks share (issue 19, cause 3).
        alone = {name for name, kinds in self.spawned_alone.items() if kinds == {True}}
        units = self._concurrent_units(concurrent)
        writes = [
            w
            for w in self.writes
            if (w.function in concurrent or (self._unowned(w) and self._unit_of(w.where) in units))
            and not self.vendored(w.where.file)
            and not (w.function in alone and w.target.startswith("self."))
            and (w.kind != "imported" or self._imported_container(w))
            and not self._infrastructure(w.where)
        ]
        for w in writes:
            reason_key = "shared_locked" if w.locked else "shared_write"
            if w.kind == "class":  # a class-level container: every instance's
                reason_key += "_class"
            elif w.target.startswith("self."):  # an instance's attribute, not module-level (#23)
                reason_key += "_attribute"
            elif "." in w.target:  # `bot.memory`: the object every handler is handed
                reason_key += "_handed"
            reason = t.reason(reason_key, function=w.function, target=w.target)
            confidence = "high" if w.locked else "medium"
            self.emit(
                "shared_memory",
                True,
                confidence,
                w.where,
                reason,
                signal=f"{w.function}:{w.target}",
            )
        # A lock is evidence of its own only where nothing written under it already is.
        written = {self._unit_of(w.where) for w in writes}
        taken = [
            (function, lock, where)
            for function, lock, where in self.locks_taken
            if (function in concurrent or self._unit_of(where) in units)
            and function not in alone  # an object's one thread, handing results over
            and self._unit_of(where) not in written
            and not self.vendored(where.file)
            and not self._infrastructure(where)
        ]
        for function, lock, where in taken:
            # A lock the concurrent code takes guards what it shares (errbot's commands on a
            # thread pool reading the bot's registries under `self._gbl`, an RLock).
            reason = t.reason("shared_lock_taken", function=function, lock=lock)
            self.emit("shared_memory", True, "medium", where, reason, signal=f"lock:{lock}")
        if not writes and not taken:
            known = sorted(n for n in self._workers if n in self.defs)
            if known:
                where = self.defs[known[0]]
                reason = t.reason("no_shared_write", functions=listing(known[:4]))
                self.emit("shared_memory", False, "medium", where, reason, signal="workers")
