"""ADV101 one call away: a coroutine calls a plain `def` (in this file or another file of the
scan) that blocks.

The bugs maintainers fix are rarely ``time.sleep`` written inside the ``async def``; they are
``token = load_token()`` in a handler, where ``load_token`` opens a file three lines further down
or in another module (ruff's most requested async feature, astral-sh/ruff#7807). This family
records, while the shared walk passes, two facts per file that depend on the file alone (so
they are cached with its result):

- ``d``: every plain, undecorated, non-generator `def` that makes a blocking call (the one
  blocking table, `asyncio.run`) or calls another function of the scan, with those reasons;
- ``c``: the calls a coroutine makes, un-awaited, to a function that may be such a `def`.

A function handed by reference to a thread or pool (`to_thread`, `run_in_executor`, `submit`,
``Thread(target=...)``) is not called there, so that hand-over is no edge; its direct calls
from coroutines elsewhere are (fixing one call site and forgetting another is the bug).

`resolve` joins the facts of every file after the scan (no second parse) and reports ADV101 at
the call in the coroutine, with the chain (``handler -> load_token -> open()``), up to `DEPTH`
calls deep. A generator's body runs when its call is iterated (``for x in gen()``,
``list(gen())``): such a call is an edge like a plain call (``i:``), and a generator handed to an
executor and iterated by the coroutine (``for m in await to_thread(gen, ...)``) is reported at
that call (``e:``: the executor only created it). A call on the blocking handle a def of the scan
returns (``Database.cursor()`` returning ``self.conn.cursor()`` of a ``sqlite3.connect``) is typed
through the def's return (``t``, ``h:``). What it does not report, on purpose: a generator whose
call is not iterated (calling it runs nothing), a decorated helper (the decorator may offload it
or turn it into anything; a cache decorator, ``functools.cache``/``lru_cache``/
``cached_property``, is followed instead: its body runs on the first call, so every reason in it
is marked ``once``, as behind a one-time guard (`once_guards`), and a cached helper that
its module calls as it is imported is left out: it was warmed before any loop starts; so is, from
code that serves, the one-time part of a def the program's start-up code calls, ``st``: gns3-server's
``Controller.instance()`` asked for by its start-up handler, then by every route), calls through objects whose type is unknown
(``client.fetch()``), where guessing costs more false alarms than it finds, and a chain through a branch of a helper that the
call's arguments make dead (``Docker(url="ssh://...")`` never reaches the ``if url is None``
branch that reads a config file): each blocking call and each call to another helper keeps
the tests of the helper's parameters open around it, each call keeps what its arguments are,
and `resolve` passes over a reason whose test the call makes false (`arguments`).

Receivers are resolved by class, never by a method's bare name: ``self.m()`` is the method
of the class the code is in, ``self.store.m()`` and ``store.m()`` the method of the class
the code constructs there (``Store(...)``) or annotates (`checks.receivers`), and a receiver of
another class, or of no class the code states, reaches nothing (two classes of the scan with a
``write`` each are never taken for one another). ``super().m()`` in a method of class C is
``b:C:m``: the first base of the scan that defines ``m`` (`resolve`'s ``inherited``), in any
module; a class on the way that defines ``m`` itself without blocking (``k``: the methods each
class with bases of the scan defines) hides its bases' ``m``, so ``Child()`` whose own
``__init__`` never calls ``super().__init__`` does not reach the base's constructor.

The family is four modules: this one records the facts while the walk passes;
`reach_targets` names the def a call may reach, `reach_reasons` records what a plain def
blocks on or leads to, and `reach_chains` holds `resolve`.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any, ClassVar

from advisor.lint.callees import source_name, tail
from advisor.lint.checks import arguments, defaults, generic_attributes, reach_properties
from advisor.lint.checks.abstract import abstract_methods, protocol_members
from advisor.lint.checks.base import ASYNC, MODULE, SYNC, Check, FileContext, register
from advisor.lint.checks.called_values import called_value, consumed
from advisor.lint.checks.code_kinds import (
    before_serving,
    one_shot_kind,
    shutdown_name,
    startup_code,
)
from advisor.lint.checks.executors import Executors
from advisor.lint.checks.exits import exiting_spans
from advisor.lint.checks.fields import field_facts, receiver_construction
from advisor.lint.checks.helpers import before_first_await, in_spans, own_nodes
from advisor.lint.checks.loaded import guarded_argument
from advisor.lint.checks.reach_reasons import Reasons
from advisor.lint.checks.reach_targets import _handles
from advisor.lint.checks.repeated import no_parameters, placements
from advisor.lint.checks.sequential_shape import in_region
from advisor.lint.checks.sitedirs import site_root

# Loads that happen once and are cached by what they load (`sys.modules`, the zone cache).
_ONCE = frozenset({"import", "zone", "nested_run"})


def _takes_arguments(frame: Any) -> bool:
    """Whether a cached def's runs depend on what it is given: a parameter besides the
    object's own (``self`` of a ``cached_property``), so a start-up call warms only its own
    arguments (`resolve`'s *warmed*)."""
    arguments = getattr(frame.node, "args", None)
    if arguments is None:
        return False
    names = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    if frame.self_name is not None and names and names[0].arg == frame.self_name:
        names = names[1:]
    return bool(names or arguments.vararg or arguments.kwarg)


#: The last words of the calls that put a folder on the import path (`sitedirs.site_root`).
_PATH_ADDERS = frozenset({"addsitedir", "insert", "append"})


#: Builtins (and ``str.join``) that iterate the iterable they are given, to its end or until
#: they have an answer: a generator's call handed to one runs its body now.
_CONSUMERS = frozenset(
    {"list", "tuple", "set", "frozenset", "sorted", "dict", "sum", "min", "max", "any", "all",
     "next", "enumerate", "zip"}
)  # fmt: skip


#: Methods that run what they are given now: ``",".join(gen())`` iterates a generator, and
#: ``ExitStack().enter_context(cm())`` enters a generator-based context manager.
_ENTERING = frozenset({"join", "enter_context"})


@register
class BlockingReach(Reasons, Check):
    """The walk's side of ADV101 one call away: it records each file's facts (``d``, ``c``,
    ``o`` and the rest, `finish`); which def of the scan a call names is `reach_targets`,
    what a plain def blocks on or leads to is `reach_reasons`, and the join after the scan
    is `reach_chains`."""

    codes: ClassVar[tuple[str, ...]] = ("ADV101",)

    node_types: ClassVar[tuple[type[ast.AST], ...]] = (
        ast.Call,
        ast.For,
        ast.comprehension,
        ast.Return,
        ast.With,
        ast.Subscript,
        ast.Dict,
    )

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        #: Calls whose result is iterated here (`for x in gen()`, `list(gen())`): a
        #: generator's body runs now, as a plain function's does (by node id).
        self.iterated: set[int] = set()
        self.table: dict[str, Any] = data["blocking"]["calls"]
        self.handles = _handles(self.table)
        #: qualname -> the blocking handle a plain def returns (``sqlite3.connect().cursor``),
        #: None when its returns disagree (`_returns`).
        self.returns: dict[str, str | None] = {}
        self.tails = data["_tails"]["blocking"]
        self.callables: frozenset[str] = data["_tails"]["callables"]
        calls = data["calls"]
        # asyncio.run, anyio.run, trio.run: each starts a loop, which fails inside a running one
        self.runners = set(calls["loop_runners"]) | set(calls["program_runners"])
        self.block_tails = (
            self.tails
            | {n.rpartition(".")[2] for n in self.runners}
            | set(calls["loop_run_methods"])
        )
        self.run_methods = frozenset(calls["loop_run_methods"])
        self.properties: set[str] = set()
        self.transparent = set(calls["transparent_decorators"])
        self.caches = frozenset(calls["cache_decorators"])
        self.contexts = frozenset(calls["context_decorators"])
        #: the plain defs behind a cache decorator (by id): their body runs on the first call
        self.cached: set[int] = set()
        #: the classes with bases of the scan -> the methods they define (`_bases`)
        self.own_methods: dict[str, list[str]] = {}
        #: the names the module calls as it is imported (outside a main guard)
        self.imported_calls: set[str] = set()
        #: the calls that run a function in a thread or pool (`checks.executors`)
        self.executors = Executors(calls)
        #: calls.yaml `function_callers`: calls that run a function value now (`called_values`)
        self.callers = calls["function_callers"]
        #: a coroutine's calls that reach a def through a function value: ``[line, col, how]``
        self.vias: list[list[Any]] = []
        #: qualname -> the callees a plain def reaches through a function value -> how
        self.via_edges: dict[str, dict[str, str]] = {}
        self.defs: dict[str, list[list[Any]]] = {}
        #: qualname -> the first place of each of its reasons (`hop_places`)
        self.places: dict[str, dict[str, list[int]]] = {}
        self.candidates: list[list[Any]] = []
        self.candidate_frames: list[ast.AST] = []
        self.plain: dict[int, bool] = {}
        self.frames: dict[str, Any] = {}
        self.own_top = ctx.module.partition(".")[0]
        #: Per function (by id): its `arguments.Guards`, and how often it binds each name.
        self.guards: dict[int, arguments.Guards] = {}
        #: Per def (by id; the tree outlives the walk): its own parameters' names.
        self.own_params: dict[int, frozenset[str]] = {}
        #: qualname -> `arguments.parameters` of a def whose reasons hang on its arguments.
        self.params: dict[str, list[Any]] = {}
        self.last_bound = False
        #: the table's settings the framework loads at start-up (``unless: configured``), and
        #: the parameter a blocking call of the def last took as such a key (`_blocking`)
        self.configured, self.configured_tails = _configured(self.table)
        self.last_configured: str | None = None
        # calls under `if name in sys.modules:` handing `name` on: (line, column, argument)
        self.guarded: list[list[Any]] = []
        #: constructor calls with an argument of a known type: ``[target, [types], {kw: type}]``
        self.constructed: list[list[Any]] = []
        #: the package of the folder this module puts on the import path (`sitedirs`)
        self.site_root: str | None = None
        #: calls on a receiver built here with known arguments: ``[line, col, class, given]``
        self.receivers: list[list[Any]] = []
        #: what the file's calls may give by keyword, and the string keys it names
        #: (`defaults.closed`: a keyword-only default no call overrides)
        self.keys: set[str] = set()

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        if type(node) is ast.Return:
            self._returns(node)
            return
        if type(node) is ast.Subscript:
            key = defaults.subscript_key(node)
            if key is not None:
                self.keys.add(key)
            return
        if type(node) is ast.Dict:
            self.keys.update(defaults.dict_keys(node))
            return
        if isinstance(node, ast.With):
            # entering a generator-based context manager runs its body up to `yield` now
            for item in node.items:
                if type(item.context_expr) is ast.Call:
                    self.iterated.add(id(item.context_expr))
            return
        if type(node) is not ast.Call:
            self._iterates(node.iter)  # type: ignore[attr-defined]
            return
        assert isinstance(node, ast.Call)
        frame = self.ctx.frame
        if node.keywords or node.args:
            self.keys.update(defaults.call_keys(node))
        name = tail(node.func)
        if name and name[:1].isupper() and (node.args or node.keywords):
            self._constructed(node)
        if node.args and (
            (name in _CONSUMERS and type(node.func) is ast.Name)
            or (name in _ENTERING and type(node.func) is ast.Attribute)
        ):
            self._iterates(node.args[0])
        if id(node) in self.iterated and type(node.func) is ast.Name:
            for value in consumed(node, self.callers, self.ctx):  # `list(filter(f, map(g, xs)))`
                self._iterates(value)
        if frame.kind == SYNC:
            if self._plain(frame.node):
                self._in_def(node, frame, parent)
        elif frame.kind == MODULE:
            if type(node.func) is ast.Name and not self.ctx.main_guard:
                self.imported_calls.add(node.func.id)
            elif name in _PATH_ADDERS:
                self.site_root = site_root(self.ctx, node) or self.site_root
        elif frame.kind == ASYNC and type(parent) is not ast.Await:
            target = self._target(node.func)
            bound = self.last_bound
            if target is None or self._stored_callable(node.func):
                # `self.db.fetch()`, or `self._check()` of a callback `__init__` stored
                target = self._by_constructor(node.func) or target
                bound = True
            via: str | None = None
            if target is None:
                # `list(map(self._fix, xs))`: a function value the call runs now
                runs = called_value(self.ctx, node, self.iterated, self.callers)
                if runs is not None:
                    target = self._target(runs[0])
                    bound, via = self.last_bound, runs[1]
                else:
                    # `self.coordinator.set_value()`: typed by a generic base's argument
                    target, bound = generic_attributes.target(self.ctx, node.func), True
            if (
                target is not None
                and via is None
                and target[0] == "q"
                and (id(node) in self.iterated or type(parent) is ast.YieldFrom)
            ):
                target = f"i:{target[2:]}"
            if target is not None:
                name = frame.qualname.rpartition(".")[2]
                found = [node.lineno, node.col_offset + 1, target, source_name(node.func), name]
                if via is not None:
                    # what it is handed is not what the caller's call is given
                    self.vias.append([node.lineno, node.col_offset + 1, via])
                    given = None
                else:
                    given = self._arguments(node, frame, ())
                if given is not None:
                    found.extend([given, int(bound)])
                self.candidates.append(found)
                self.candidate_frames.append(frame.node)
                built = receiver_construction(self.ctx, node)
                if built is not None:
                    self.receivers.append([node.lineno, node.col_offset + 1, *built])
                handed = guarded_argument(self.ctx, node)
                if handed is not None:
                    self.guarded.append([node.lineno, node.col_offset + 1, handed])

    def finish(self) -> None:
        """Keep the facts (`analyse` stores them as the result's ``r``). A generator's body
        runs only when iterated: its name is kept in ``y`` (once the walk has seen its
        ``yield``), and `resolve` follows it only from a call that iterates it (``i:``)."""
        facts: dict[str, Any] = {}
        defs = {
            name: reasons
            for name, reasons in self.defs.items()
            if reasons and not self._warmed(name)
        }
        if defs:
            facts["d"] = defs
            facts["dl"] = {n: self.places[n] for n in defs if n in self.places}
            generators = sorted(name for name in defs if self.frames[name].has_yield)
            if generators:
                facts["y"] = generators
            vias = {n: e for n, e in self.via_edges.items() if n in defs}
            if vias:
                facts["fv"] = vias
        # Before the first await of the program's root coroutine nothing else has run
        # (`blocking.BlockingCall.finish`).
        self._property_reads(defs)
        reach_properties.record(self, defs, _ONCE)  # a property one module away
        roots = self.ctx.memo.get("root_coroutines") or set()
        calls = [
            c
            for c, f in zip(self.candidates, self.candidate_frames, strict=True)
            if id(f) not in roots or not before_first_await(self.ctx, f, c[0], c[1] - 1)
        ]
        if calls:
            facts["c"] = calls
            tools = self.ctx.memo.get("loop_tool_spans")
            if tools:
                facts["tl"] = tools  # FastMCP's plain tools: "where" they block (`loop_tools`)
            if self.vias:
                facts["cv"] = self.vias  # `map(f)` shown in the chain (`called_values`)
            placed = placements(self.candidates, self.candidate_frames)  # `checks.repeated`
            if placed:
                facts["dp"] = placed
            # Calls from a command-line program's own code or from test code: local setup I/O
            # one call away is quiet there, as in the coroutine itself
            # (`blocking.BlockingCall.finish`).
            table = self.data["calls"]
            quiet = []
            warms: set[str] = set()
            for c, f in zip(self.candidates, self.candidate_frames, strict=True):
                kind = one_shot_kind(self.ctx, f, table)
                if kind == "cli" and in_region(self.ctx, f, c[0], table):
                    continue  # beside a task group's tasks (`checks.sequential`)
                if kind is None and in_spans(c[0], exiting_spans(self.ctx, f)):
                    kind = "cli"  # a branch that ends the program (`checks.exits`)
                elif kind is None and (
                    startup_code(self.ctx, f, table) or before_serving(self.ctx, f, c[0], table)
                ):
                    kind = "s"  # a start-up hook by its decorator, or a server's start-up
                    if not shutdown_name(getattr(f, "name", ""), table):
                        warms.add(c[2])
                if kind is not None:
                    quiet.append([c[0], c[1], kind])
            if quiet:
                facts["q"] = quiet
            if warms:
                facts["st"] = sorted(warms)
            if self.guarded:
                facts["m"] = self.guarded
        if self.constructed:
            facts["a"] = self.constructed
        returns = {name: handle for name, handle in self.returns.items() if handle}
        if returns:
            facts["t"] = returns
        params = {name: spec for name, spec in self.params.items() if name in defs}
        if params:
            facts["p"] = params
        bases = self._bases()
        if bases:
            facts["b"] = bases
        if self.own_methods:
            facts["k"] = self.own_methods
        instances = self._instances()
        if instances:
            facts["v"] = instances
        clients = self._client_objects()
        if clients:
            facts["vc"] = clients
        generic = generic_attributes.record(self.ctx)
        if generic:
            facts["ga"] = generic  # `self.coordinator` of `CoordinatorEntity[MyCoordinator]`
        typed = self._typed_returns()
        if typed:
            facts["ra"] = typed
        abstract = abstract_methods(self.ctx.resolver)
        if abstract:
            facts["ab"] = abstract  # `abstract`: followed into the scan's implementations
            facts["ap"] = protocol_members(self.ctx.resolver)  # implemented by shape too
        if self.site_root and facts.get("c"):
            facts["s"] = self.site_root
        if self.keys:
            facts["kw"] = sorted(self.keys)
        spreaders = defaults.spreaders(self.ctx.frame_of.values())
        if spreaders:
            facts["kx"] = spreaders
        by_argument = sorted(
            name
            for name, reasons in defs.items()
            if id(self.frames[name].node) in self.cached and _takes_arguments(self.frames[name])
        )
        if by_argument:
            facts["ca"] = by_argument
        bare = sorted(n for n in defs if no_parameters(self.frames[n].node))
        if bare:
            facts["np"] = bare  # `checks.repeated`: a guarded def's value is one per process
        if self.receivers and facts.get("c"):
            facts["rf"] = self.receivers
        facts.update(field_facts(self.ctx))  # `fields`: what instances' fields are built with
        if facts:
            self.ctx.memo["reach"] = facts

    def _warmed(self, qualname: str) -> bool:
        """A cached helper its own module calls as it is imported (``_CONTEXT =
        get_ssl_context()``, or Home Assistant's loop over every cipher list and ALPN setting
        that pre-warms ``_client_context``): its runs are over before any loop starts, and
        later calls return what they stored. A module calls a cached function at import for
        nothing else; one warmed for some arguments only would still load the others on
        first use, which this does not tell apart (a call at import is taken as the author's
        warming)."""
        node = self.frames[qualname].node
        if id(node) not in self.cached or node.name not in self.imported_calls:
            return False
        binding = self.ctx.resolver.bindings(self.ctx.resolver.module_scope).get(node.name)
        return binding is not None and binding.node is node

    def _property_reads(self, defs: Mapping[str, list[list[str]]]) -> None:
        """``self.settings`` in a coroutine, where ``settings`` is a ``@property`` of the same
        class (in this file) whose body blocks: reading it runs the body now. Only looked for
        when this file has such a property, so most files pay nothing."""
        # Only a property whose own body blocks on I/O: deeper chains behind an attribute read
        # are mostly lazy, cached set-up (a backend imported on first use, a client built once),
        # and imports and zone loads in a property are exactly that.
        wanted = {
            name
            for name in self.properties
            if any(r[0] == "x" and r[2] not in _ONCE for r in defs.get(name, ()))
        }
        if not wanted:
            return
        by_class: dict[str, set[str]] = {}
        for name in wanted:
            owner, _, attr = name.rpartition(".")
            by_class.setdefault(owner, set()).add(attr)
        for frame in self.ctx.frame_of.values():
            if frame.kind != ASYNC or frame.cls is None or not frame.self_name:
                continue
            attrs = by_class.get(frame.cls[0])
            if not attrs:
                continue
            coroutine = frame.qualname.rpartition(".")[2]
            for node in own_nodes(frame.node):
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.ctx, ast.Load)
                    and node.attr in attrs
                    and isinstance(node.value, ast.Name)
                    and node.value.id == frame.self_name
                ):
                    target = f"q:{frame.cls[0]}.{node.attr}"
                    line, col = node.lineno, node.col_offset + 1
                    self.candidates.append([line, col, target, source_name(node), coroutine])
                    self.candidate_frames.append(frame.node)

    # ---- plain defs ----------------------------------------------------------------------
    def _plain(self, function: ast.AST) -> bool:
        """Undecorated (or transparently decorated): calling it runs its body now."""
        key = id(function)
        known = self.plain.get(key)
        if known is None:
            known = True
            for decorator in getattr(function, "decorator_list", ()):
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                qualified = self.ctx.qualify(target)
                if qualified in {"property", "functools.cached_property"}:
                    # reading `self.name` runs the body now, like a call (see `_property_reads`)
                    self.properties.add(self.ctx.frame_of[key].qualname)
                if qualified in self.caches:
                    # the first call runs the body, later ones return what it returned: as
                    # behind a one-time guard (`_in_def` marks every reason ``once``)
                    self.cached.add(key)
                    continue
                if qualified in self.contexts:
                    # a generator: its body runs when the call is entered (``with cm():``),
                    # which `visit` marks as it marks a generator's iterated call (``i:``)
                    continue
                if qualified == "property":
                    continue
                if qualified not in self.transparent:
                    known = False
                    break
            self.plain[key] = known
        return known

    def _returns(self, node: ast.Return) -> None:
        """A plain def (a method of a wrapper class, a helper) that returns a blocking handle
        the table knows: ``return self.conn.cursor()`` where ``self.conn = sqlite3.connect(...)``
        (starboard #1's ``Database.cursor``), ``return sqlite3.connect(path)``, ``return
        self.conn``. Kept in ``t`` when every return of the def that is not ``None`` agrees;
        `resolve` types ``db.cursor().execute(...)`` in a coroutine with it (``h:``)."""
        frame = self.ctx.frame
        value = node.value
        if (
            frame.kind != SYNC
            or value is None
            or (isinstance(value, ast.Constant) and value.value is None)
            or not self._plain(frame.node)
        ):
            return
        handle: str | None = None
        if isinstance(value, ast.Call):
            func = value.func
            if isinstance(func, ast.Attribute) and func.attr not in self.handles[1]:
                return  # cheap first: no table handle ends with this method's name
            qualified = self.ctx.qualify(value.func)
            if qualified in self.handles[0] and not self._harmless(value):
                handle = qualified
        elif isinstance(value, (ast.Name, ast.Attribute)):
            qualified = self.ctx.qualify(value)
            if qualified and qualified.endswith("()") and qualified[:-2] in self.handles[0]:
                handle = qualified[:-2]
        name = frame.qualname
        if name in self.returns and self.returns[name] != handle:
            handle = None
        self.returns[name] = handle

    def _stored_callable(self, func: ast.expr) -> bool:
        """``self.<attr>(...)`` where the class defines no method ``attr``: a value stored on
        the instance, maybe a callback its constructor was handed (`_by_constructor`)."""
        frame = self.ctx.frame
        return (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and frame.cls is not None
            and func.value.id == frame.self_name
            and not any(
                isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name == func.attr
                for m in frame.cls[1].body
            )
        )

    def _iterates(self, value: ast.expr) -> None:
        """*value* is iterated here. A call: its result is (`visit` marks it ``i:``). In a
        coroutine, ``await`` of a call handing a function to an executor (``for m in await
        hass.async_add_executor_job(possible_matches, ...)``, tuya-local #2584): the executor
        only ran the call; if the function is a generator, the executor created it and its body
        runs here, on the loop, as the coroutine iterates it (``e:``: `resolve` counts a
        generator only; a plain function ran in the executor)."""
        if type(value) is ast.Call:
            self.iterated.add(id(value))
            return
        frame = self.ctx.frame
        if frame.kind != ASYNC or type(value) is not ast.Await or type(value.value) is not ast.Call:
            return
        call = value.value
        handed = self._handed(call)
        if handed is None:
            return
        target = self._target(handed)
        if target is None:
            return
        name = frame.qualname.rpartition(".")[2]
        line, col = call.lineno, call.col_offset + 1
        self.candidates.append([line, col, f"e:{target[2:]}", source_name(handed), name])
        self.candidate_frames.append(frame.node)

    def _handed(self, call: ast.Call) -> ast.expr | None:
        """The function an executor call runs (`checks.executors`): ``to_thread(f, ...)``,
        ``run_sync(f)``, ``loop.run_in_executor(pool, f, ...)``,
        ``hass.async_add_executor_job(f, ...)`` (also ``partial(f, ...)``), when it is named."""
        for arg in self.executors.handed(call, self.ctx):
            if isinstance(arg, (ast.Name, ast.Attribute)):
                return arg
        return None


#: `_configured`'s answer, for the table it was taken from (kept with it: the same table
#: serves every file of a run).
_CONFIGURED: list[Any] = []


def _configured(table: Any) -> tuple[list[str], frozenset[str]]:
    """The table's settings the framework loads at start-up (``unless: configured``), and
    their last names: read from every entry of the table, once per table rather than once
    per file (half a millisecond each, the largest part of setting up a file's checks)."""
    if not _CONFIGURED or _CONFIGURED[0] is not table:
        found = sorted(
            {p for e in table.values() for p in (e.get("unless") or {}).get("configured", ())}
        )
        _CONFIGURED[:] = [table, found, frozenset(p.rpartition(".")[2] for p in found)]
    return list(_CONFIGURED[1]), _CONFIGURED[2]
