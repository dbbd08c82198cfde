"""ADV101 one call away: a coroutine calls a plain `def` (in this file or another file of the
scan) that blocks.

The bugs maintainers fix are rarely ``time.sleep`` written inside the ``async def``; they are
``token = load_token()`` in a handler, where ``load_token`` opens a file three lines further down
or in another module (ruff's most requested async feature, astral-sh/ruff#7807). This family
records, while the shared walk passes, three facts per file that depend on the file alone (so
they are cached with its result):

- ``d``: every plain, undecorated, non-generator `def` that makes a blocking call (the one
  blocking table, `asyncio.run`) or calls another function of the scan, with those reasons;
- ``c``: the calls a coroutine makes, un-awaited, to a function that may be such a `def`;
- ``o``: the functions handed by reference to a thread or pool (`to_thread`, `run_in_executor`,
  `submit`, ``Thread(target=...)``): code written to run off the loop.

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
is marked ``once``, as behind a one-time guard (`helpers.once_guarded`), and a cached helper that
its module calls as it is imported is left out: it was warmed before any loop starts; so is, from
code that serves, the one-time part of a def the program's start-up code calls, ``st``: gns3-server's
``Controller.instance()`` asked for by its start-up handler, then by every route), a
helper the scan hands to a thread or pool anywhere (its authors know it blocks and run it
there), calls through objects whose type is unknown (``client.fetch()``), where guessing
costs more false alarms than it finds, and a chain through a branch of a helper that the
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
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from advisor.lint.checks import arguments
from advisor.lint.checks.abstract import abstract_methods, implementations
from advisor.lint.checks.base import ASYNC, MODULE, SYNC, Check, FileContext, register
from advisor.lint.checks.executors import Executors
from advisor.lint.checks.exits import exiting_spans
from advisor.lint.checks.helpers import (
    DEPTH,
    before_first_await,
    before_serving,
    in_spans,
    is_loop_like,
    lifecycle_name,
    once_guarded,
    one_shot_kind,
    one_shot_quiet,
    own_nodes,
    shutdown_name,
    startup_code,
    unless_applies,
)
from advisor.lint.checks.loaded import guarded_argument, parameter_of
from advisor.lint.checks.receivers import (
    annotation_class,
    constructor_calls,
    constructor_parameter,
    handed_type,
    receiver_class,
    stores_of,
)
from advisor.lint.checks.sequential import in_region
from advisor.lint.checks.sitedirs import site_root, through_aliases
from advisor.lint.checks.verdict import Verdict
from advisor.lint.checks.verdict import quiet as quiet_for
from advisor.lint.names import BUILTINS, call_values, source_name, tail

#: A callee's parameters -> what a call gives them (`arguments.bind`).
Values = dict[str, Any]
_FOREIGN = frozenset(sys.stdlib_module_names) | BUILTINS
# A helper that takes a threading lock, waits on an event or a queue usually holds it for a
# moment, to guard state shared with threads: one call away, these are not reported.
_BRIEF = frozenset({"lock", "event", "queue"})
# Loads that happen once and are cached by what they load (`sys.modules`, the zone cache).
_ONCE = frozenset({"import", "zone", "nested_run"})
#: The mark of a reason behind a one-time guard (`helpers.once_guarded`) in ``d``, and where
#: it sits: ``["x", shown, fix, guards, ONCE or "", imported parameter]`` (the tail only when
#: one of the three is there: `arguments` tests, `loaded.parameter_of`), ``["c", target,
#: guards, given, bound, ONCE]``.
ONCE = "1"
_ONCE_AT = {"x": 4, "c": 5}


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


def _once(reason: list[Any]) -> bool:
    """Whether *reason* (a blocking call ``x`` or a call ``c``) is behind a one-time guard."""
    at = _ONCE_AT[reason[0]]
    return len(reason) > at and reason[at] == ONCE


_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
#: Decorators that turn a generator into a context manager: its ``with`` binds what it yields.
_MANAGERS = frozenset({"contextlib.contextmanager", "contextlib.asynccontextmanager"})
#: The annotations of such a generator whose first argument is the yielded type.
_YIELDED = frozenset({"Iterator", "Generator", "AsyncIterator", "AsyncGenerator"})
#: Decorators that leave a method's result as it is.
_PLAIN_METHODS = frozenset({"staticmethod", "classmethod", "abc.abstractmethod"})
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
class BlockingReach(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (
        ast.Call,
        ast.For,
        ast.comprehension,
        ast.Return,
        ast.With,
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
        self.defs: dict[str, list[list[Any]]] = {}
        self.candidates: list[list[Any]] = []
        self.candidate_frames: list[ast.AST] = []
        self.offloaded: set[str] = set()
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
        self.configured: list[str] = sorted(
            {p for e in self.table.values() for p in (e.get("unless") or {}).get("configured", ())}
        )
        self.configured_tails = frozenset(p.rpartition(".")[2] for p in self.configured)
        self.last_configured: str | None = None
        # calls under `if name in sys.modules:` handing `name` on: (line, column, argument)
        self.guarded: list[list[Any]] = []
        #: constructor calls with an argument of a known type: ``[target, [types], {kw: type}]``
        self.constructed: list[list[Any]] = []
        #: the package of the folder this module puts on the import path (`sitedirs`)
        self.site_root: str | None = None

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        if type(node) is ast.Return:
            self._returns(node)
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
        name = tail(node.func)
        if name in self.executors.tails:
            self._offloaded(node)
        if name and name[:1].isupper() and (node.args or node.keywords):
            self._constructed(node)
        if node.args and (
            (name in _CONSUMERS and type(node.func) is ast.Name)
            or (name in _ENTERING and type(node.func) is ast.Attribute)
        ):
            self._iterates(node.args[0])
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
            if target is None:
                target = self._by_constructor(node.func)
                bound = True
            if (
                target is not None
                and target[0] == "q"
                and (id(node) in self.iterated or type(parent) is ast.YieldFrom)
            ):
                target = f"i:{target[2:]}"
            if target is not None:
                name = frame.qualname.rpartition(".")[2]
                found = [node.lineno, node.col_offset + 1, target, source_name(node.func), name]
                given = self._arguments(node, frame, ())
                if given is not None:
                    found.extend([given, int(bound)])
                self.candidates.append(found)
                self.candidate_frames.append(frame.node)
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
            generators = sorted(name for name in defs if self.frames[name].has_yield)
            if generators:
                facts["y"] = generators
        # Before the first await of the program's root coroutine nothing else has run
        # (`blocking.BlockingCall.finish`).
        self._property_reads(defs)
        roots = self.ctx.memo.get("root_coroutines") or set()
        calls = [
            c
            for c, f in zip(self.candidates, self.candidate_frames, strict=True)
            if id(f) not in roots or not before_first_await(self.ctx, f, c[0], c[1] - 1)
        ]
        if calls:
            facts["c"] = calls
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
        if self.offloaded:
            facts["o"] = sorted(self.offloaded)
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
        typed = self._typed_returns()
        if typed:
            facts["ra"] = typed
        abstract = abstract_methods(self.ctx.resolver)
        if abstract:
            facts["ab"] = abstract  # `abstract`: followed into the scan's implementations
        if self.site_root and facts.get("c"):
            facts["s"] = self.site_root
        by_argument = sorted(
            name
            for name, reasons in defs.items()
            if id(self.frames[name].node) in self.cached and _takes_arguments(self.frames[name])
        )
        if by_argument:
            facts["ca"] = by_argument
        if facts:
            self.ctx.memo["reach"] = facts

    def _instances(self) -> dict[str, str]:
        """``auth_manager = AuthManager()`` at module level, bound once: ``pkg.auth.auth_manager``
        -> ``pkg.auth.AuthManager``. Another module that imports the instance
        (``from pkg.auth import auth_manager``) calls ``auth_manager.verify_password(...)``, which
        its own resolver can only spell ``pkg.auth.auth_manager.verify_password``; `resolve`
        reads it as the method of the class (odysseus #73's login route, ppt-mcp #198's COM
        wrapper). Only a class-like name (capitalised) of the scan or a library outside the
        standard library counts; a factory's result (``logging.getLogger()``) is not a class."""
        ctx = self.ctx
        found: dict[str, str] = {}
        for name, binding in ctx.resolver.bindings(ctx.resolver.module_scope).items():
            if binding.kind != "value" or type(binding.node) is not ast.Call:
                continue
            func = binding.node.func
            if not (tail(func) or "")[:1].isupper():
                continue
            qualified = ctx.resolver.qualify(binding.node, ctx.resolver.module_scope)
            if not qualified or not qualified.endswith("()") or qualified.count("(") != 1:
                continue
            top = qualified.partition(".")[0]
            if top in _FOREIGN and top != self.own_top:
                continue
            found[f"{ctx.module}.{name}"] = qualified[:-2]
        return found

    def _typed_returns(self) -> dict[str, str]:
        """Each def whose return annotation names a class that may be the scan's: what a call
        of it hands back (``def get_repo() -> UserRepository``), or for a ``@contextmanager``
        what its ``with`` binds (``-> Iterator[DuckDBSession]``: mxcp #153's
        ``with self._runtime.get_connection() as session``). `resolve` reads a call on such a
        result (``session.execute_query_to_dict(...)``, ``r:``) as that class's method. A def
        behind any other decorator is left out: the decorator may hand back anything."""
        ctx = self.ctx
        module_scope = ctx.resolver.module_scope
        found: dict[str, str] = {}
        for frame in ctx.frame_of.values():
            node = frame.node
            if not isinstance(node, _DEFS) or node.returns is None:
                continue
            annotation: ast.expr = node.returns
            managed = None
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                qualified = ctx.resolver.qualify(target, module_scope)
                if qualified in _MANAGERS:
                    managed = qualified
                elif qualified not in self.transparent and qualified not in _PLAIN_METHODS:
                    break
            else:
                if managed is not None:
                    if not (
                        isinstance(annotation, ast.Subscript) and tail(annotation.value) in _YIELDED
                    ):
                        continue
                    annotation = annotation.slice
                    if isinstance(annotation, ast.Tuple) and annotation.elts:
                        annotation = annotation.elts[0]
                owner = frame.scope.parent or module_scope
                cls = annotation_class(ctx, annotation, owner)
                if cls and cls.rpartition(".")[2][:1].isupper():
                    found[frame.qualname] = cls
        return found

    def _by_return(self, func: ast.expr) -> str | None:
        """``r:<callee>:<method>`` for ``name.method()`` where *name* is a local bound once to
        a call of a function or method of the scan (``session = make()``, or ``with
        self._runtime.get_connection() as session``): `resolve` types *name* by the callee's
        return annotation (`_typed_returns`)."""
        ctx = self.ctx
        if not isinstance(func, ast.Attribute) or not isinstance(func.value, ast.Name):
            return None
        name = func.value.id
        binding = ctx.resolver.bindings(ctx.scope).get(name)
        if binding is None or binding.kind != "value" or type(binding.node) is not ast.Call:
            return None
        if stores_of(ctx, ctx.frame.node).get(name, 0) != 1:
            return None
        bound = self.last_bound
        inner = self._target(binding.node.func)
        self.last_bound = bound
        if inner is None or inner[0] != "q":
            return None
        return f"r:{inner[2:]}:{func.attr}"

    def _alternatives(self, func: ast.expr) -> str | None:
        """``a:<A.m>|<B.m>`` for ``self.<attr>.m()`` where the class's methods construct
        ``self.<attr>`` from two or more classes (``RedisCache(url)`` or ``MemoryCache()`` by
        configuration, SynapseKit #777) and nothing else (None aside): the call runs the
        method of whichever was built, and `resolve` reports it when one of them blocks."""
        ctx = self.ctx
        frame = ctx.frame
        if not (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Attribute)
            and isinstance(func.value.value, ast.Name)
            and frame.self_name
            and func.value.value.id == frame.self_name
        ):
            return None
        values = ctx.resolver.attribute_values(frame.self_name, func.value.attr, ctx.scope)
        if not values or len(values) < 2:
            return None
        classes = set()
        for value, where in values:
            if type(value) is not ast.Call or not (tail(value.func) or "")[:1].isupper():
                return None
            qualified = ctx.resolver.qualify(value, where)
            if not qualified or not qualified.endswith("()") or qualified.count("(") != 1:
                return None
            top = qualified.partition(".")[0]
            if top in _FOREIGN and top != self.own_top:
                return None
            classes.add(qualified[:-2])
        if len(classes) < 2:
            return None
        return "a:" + "|".join(f"{cls}.{func.attr}" for cls in sorted(classes))

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

    def _bases(self) -> dict[str, list[str]]:
        """The module's classes -> their bases that may be the scan's (qualified): a method a
        class inherits is looked up there (`resolve`), ``Child().save()`` reaching
        ``Base.save``."""
        resolver = self.ctx.resolver
        found: dict[str, list[str]] = {}
        for binding in resolver.bindings(resolver.module_scope).values():
            node = binding.node
            if binding.kind != "class" or not isinstance(node, ast.ClassDef) or not node.bases:
                continue
            kept = []
            for base in node.bases:
                qualified = resolver.qualify(base, resolver.module_scope)
                if qualified and "(" not in qualified:
                    top = qualified.partition(".")[0]
                    if top not in _FOREIGN or top == self.own_top:
                        kept.append(qualified)
            if kept:
                found[binding.target] = kept
                # the methods it defines itself: one that does not block still hides its
                # bases' (`resolve`'s `inherited`)
                own = sorted({m.name for m in node.body if isinstance(m, _DEFS)})
                if own:
                    self.own_methods[binding.target] = own
        return found

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

    def _in_def(self, node: ast.Call, frame: Any, parent: ast.AST | None) -> None:
        qualname = frame.qualname
        reasons = self.defs.get(qualname)
        if reasons is None:
            reasons = self.defs[qualname] = []
            self.frames[qualname] = frame
        reason = self._blocking(node)
        if reason is None:
            target = self._target(node.func)
            if target is None or target == f"q:{qualname}":
                return  # neither blocks nor leads on: whether it runs once does not matter
        # A call behind a one-time guard of this def (`helpers.once_guarded`) is marked
        # ``once``: `resolve` may find it runs once, before anything is served. Asked only
        # here, so a def none of whose calls blocks or leads on is never searched for guards.
        once = id(frame.node) in self.cached or id(node) in once_guarded(self.ctx, frame.node)
        if reason is not None:
            # One blocking call per fix is enough to name; keeping each fix lets `resolve`
            # decide as it would for the direct call (a CLI's request is quiet, its wait on a
            # thread's lock is not), whatever the order of the calls in the body. A call under
            # a test of the function's own parameters keeps that test: a caller's arguments
            # may make it dead (`arguments`). One behind a one-time guard is marked ``once``;
            # an import of a parameter keeps it, for a caller guarded by `sys.modules`
            # (`loaded`). The layout is `_X_TAIL`'s. An unguarded call of a fix stands for it
            # rather than a guarded one.
            imported = reason[3:]
            del reason[3:]
            guards = self._guards(frame)
            key = self.last_configured
            if key is not None and key in self._own_params(frame):
                # `ZoneInfo(time_zone)` on a parameter: a caller handing it the configured
                # zone (`hass.config.time_zone`) loads nothing (`arguments.dead`)
                guards = [*guards, [key, "configured", None, False, False]]
                self._record_params(frame)
            if guards or once or imported:
                reason.extend([guards, ONCE if once else "", imported])
            for known in reasons:
                if known[0] != "x" or known[2] != reason[2]:
                    continue
                if len(known) == 3:
                    return  # an unconditional call of this fix stands for every other
                if known[3] == guards:
                    if _once(known) and not once:
                        known[4] = ""
                    if known[5] != imported:
                        known[5] = []  # two imports of different names: no guard covers both
                    return
            reasons.insert(sum(r[0] == "x" for r in reasons), reason)
            return
        bound = self.last_bound
        if target is not None:
            if id(node) in self.iterated or type(parent) is ast.YieldFrom:
                target = f"i:{target[2:]}"
            edge: list[Any] = ["c", target]
            guards = self._guards(frame)
            params = self._own_params(frame)
            extra: list[Any] | None = None
            # what the arguments are matters only under a guard, or when the helper hands one
            # of its own parameters on (a cheap look first: most calls do neither)
            if guards or any(
                (isinstance(a, ast.Name) and a.id in params)
                or (isinstance(a, ast.Attribute) and a.attr in self.configured_tails)
                for a in call_values(node)
            ):
                given = self._arguments(node, frame, params)
                if guards or (given is not None and _passes_on(given)):
                    extra = [guards, given, int(bound)]
            if extra is not None or once:
                edge.extend(extra or [[], None, int(bound)])
            if once:
                edge.append(ONCE)
            if ["c", target] in reasons:
                return  # an unconditional call of the helper stands for every other
            if not once and [*edge, ONCE] in reasons:
                reasons[reasons.index([*edge, ONCE])] = edge
            elif edge not in reasons:
                reasons.append(edge)

    def _guards(self, frame: Any) -> list[Any]:
        """The conditions on *frame*'s parameters the ``if`` branches open around the current
        call state (`arguments.Guards`); a def with any records its parameters."""
        if not frame.branches or not isinstance(frame.node, ast.FunctionDef):
            return []
        key = id(frame.node)
        guards = self.guards.get(key)
        if guards is None:
            patterns = self.ctx.memo.get("compiled_patterns")
            if patterns is None:
                patterns = self.ctx.memo["compiled_patterns"] = arguments.compiled_patterns(
                    self.ctx.tree
                )
            guards = self.guards[key] = arguments.Guards(frame.node, patterns)
        found = guards.of(frame.branches)
        if found:
            self._record_params(frame)
        return found

    def _own_params(self, frame: Any) -> frozenset[str]:
        node = frame.node
        if not isinstance(node, ast.FunctionDef):
            return frozenset()
        found = self.own_params.get(id(node))  # asked for every call of the def: once each
        if found is None:
            args = node.args
            found = frozenset(a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs))
            self.own_params[id(node)] = found
        return found

    def _record_params(self, frame: Any) -> None:
        if frame.qualname in self.params:
            return
        node = frame.node
        bound = 0
        if (
            frame.cls is not None
            and frame.self_name
            and frame.qualname == (f"{frame.cls[0]}.{node.name}")
        ):
            decorators = {self.ctx.qualify(d) for d in node.decorator_list}
            bound = 2 if "classmethod" in decorators else 1
        self.params[frame.qualname] = arguments.parameters(node, bound)

    def _arguments(self, node: ast.Call, frame: Any, params: Iterable[str]) -> list[Any] | None:
        """What the call's arguments are (`arguments.call_arguments`); a def that passes its
        own parameters on records its parameters, so the caller's arguments reach through."""
        if not node.args and not node.keywords:
            return [[], {}]
        function = frame.node

        def counts() -> dict[str, int]:
            """How often the function binds each name: walked only when an argument needs it."""
            return stores_of(self.ctx, function)

        given = arguments.call_arguments(
            node,
            self.ctx.resolver,
            self.ctx.scope,
            counts,
            tuple(params),
            function,
            self.configured,
        )
        if given is not None and _passes_on(given):
            self._record_params(frame)
        return given

    def _blocking(self, node: ast.Call) -> list[Any] | None:
        """``["x", shown, fix]`` when *node* blocks by the table (or runs an event loop).
        A call the table leaves alone for a configured key, given a plain name instead, sets
        `last_configured` to that name (`_in_def` keeps it, for the callers' arguments)."""
        self.last_configured = None
        func = node.func
        name = tail(func)
        if name not in self.block_tails:
            binding = (
                self.ctx.resolver.lookup(func.id, self.ctx.scope)
                if isinstance(func, ast.Name)
                else None
            )
            if not (
                binding
                and binding.kind == "import"
                and binding.target.rpartition(".")[2] in self.tails
            ):
                return None
        if name in self.run_methods and isinstance(func, ast.Attribute):
            # `loop.run_until_complete(...)` in a helper a coroutine calls: the loop is running
            receiver = func.value
            if is_loop_like(receiver, self.ctx.qualify(receiver)):
                return ["x", f"{source_name(func)}()", "nested_run"]
        qualified = self.ctx.qualify(func)
        if qualified is None:
            return None
        if qualified in self.runners:
            if self._guarded(node):
                # the running-loop error is caught and handled (piccolo's `run_sync` then
                # runs the coroutine in a thread and waits): a blocking wait, not a crash
                return ["x", f"{qualified}()", "offload"]
            return ["x", f"{qualified}()", "nested_run"]
        entry = self.table.get(qualified)
        if entry is None:
            return None
        unless = entry.get("unless")
        if unless_applies(node, unless, self.ctx):
            return None
        if unless and unless.get("configured") and node.args and type(node.args[0]) is ast.Name:
            self.last_configured = node.args[0].id
        fix = str(entry["fix"])
        if fix in _BRIEF:
            return None
        shown = qualified if "()" not in qualified else source_name(func)
        if "loaded" in (entry.get("unless") or {}):
            # an import of a parameter: a caller guarded by `sys.modules` makes it a lookup
            return ["x", f"{shown}()", fix, *parameter_of(self.ctx, node)]
        return ["x", f"{shown}()", fix]

    def _guarded(self, node: ast.Call) -> bool:
        """Whether *node* sits in the body of a ``try`` that catches ``RuntimeError`` (or
        ``Exception``, or everything): the error a loop runner raises inside a running loop is
        expected and handled, the fallback being the author's (`_blocking`)."""
        function = self.ctx.frame.node
        key = ("guarded_runs", id(function))
        inside = self.ctx.memo.get(key)
        if inside is None:
            inside = set()
            for stmt in own_nodes(function):
                if isinstance(stmt, ast.Try) and any(
                    _catches_runtime_error(h) for h in stmt.handlers
                ):
                    for part in stmt.body:
                        inside.update(id(n) for n in ast.walk(part))
            self.ctx.memo[key] = inside
        return id(node) in inside

    # ---- calls that may reach a plain def ------------------------------------------------
    def _target(self, func: ast.expr) -> str | None:
        """``q:<qualified name>`` of a callee that may be a function of the scan, or None.

        Cheap tests first: the callee's root must be ``self`` in a method, or a module-level
        definition or import that is not the standard library's (nested functions and
        parameters are not followed)."""
        ctx = self.ctx
        frame = ctx.frame
        # Whether the call goes through an instance (`self.m()`, `store.m()` of a constructed or
        # annotated `store`): the callee's first parameter is then bound (`arguments.bind`).
        self.last_bound = True
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            root = func.value.id
            if frame.cls is not None and root == frame.self_name:
                return f"q:{frame.cls[0]}.{func.attr}"
        if isinstance(func, ast.Attribute) and type(func.value) is ast.Call:
            owner = self._super_of(func.value)
            if owner is not None:
                # `super().__init__(...)`: the first base of the scan that defines it
                # (`resolve`'s `inherited`), never the class's own method
                return f"b:{owner}:{func.attr}"
        if isinstance(func, ast.Attribute):
            owner = receiver_class(self.ctx, func.value)
            if owner is not None:
                return f"q:{owner}.{func.attr}"
        self.last_bound = False
        base = func
        while True:
            if isinstance(base, ast.Attribute):
                base = base.value
            elif isinstance(base, ast.Call):
                base = base.func
            else:
                break
        if not isinstance(base, ast.Name):
            return None if base is func else self._handle_call(func)
        root = base.id
        if frame.cls is not None and root == frame.self_name:
            instance = True  # `self.store.write()`: the attribute's class, if the class says
        else:
            instance = False
            binding = ctx.resolver.bindings(ctx.resolver.module_scope).get(root)
            if binding is None:
                # a local assigned from a call (`store = Store(path)`): resolved below
                binding = ctx.resolver.bindings(ctx.scope).get(root)
                if binding is None or binding.kind != "value" or type(binding.node) is not ast.Call:
                    return self._handle_call(func)  # `db.cursor().execute` of `db: Database`
            elif binding.kind == "import":
                top = binding.target.partition(".")[0]
                if top in _FOREIGN and top != self.own_top:
                    return None
            elif binding.kind not in ("def", "class") and type(binding.node) is not ast.Call:
                return None
        qualified = ctx.qualify(func)
        if qualified is None:
            typed = self._by_return(func) or self._alternatives(func)
            return typed if typed is not None else self._handle_call(func)
        if "()" in qualified:
            # `Request(url).get_response()`, `self.store.write()` with `self.store = Store()`:
            # the method of a class, when the class is the scan's (not a library's).
            owner, _, method = qualified.rpartition("().")
            if owner and "(" in owner and frame.kind == ASYNC and "(" not in method:
                top = owner.partition(".")[0]
                if top not in _FOREIGN or top == self.own_top:
                    return f"h:{qualified}"  # on what a def of the scan returned (`_returns`)
            if not owner or "(" in owner or "(" in method or "." in method:
                return None
            top = owner.partition(".")[0]
            if top in _FOREIGN and top != self.own_top:
                return None
            self.last_bound = True
            return f"q:{owner}.{method}"
        if instance:
            return None
        return f"q:{qualified}"

    def _by_constructor(self, func: ast.expr) -> str | None:
        """``n:<class>:<place>:<parameter>:<rest>`` for a call in a coroutine method on
        ``self.<attr>`` that the class's ``__init__`` only stores from an unannotated parameter
        (`receivers.constructor_parameter`), directly (``self.db.fetch()``) or through a local
        bound once (``curr = self.db.cursor()`` then ``curr.execute(...)``, starboard #1):
        `resolve` types the parameter by what the scan's constructor calls hand it."""
        ctx = self.ctx
        frame = ctx.frame
        if frame.cls is None or not frame.self_name or not isinstance(func, ast.Attribute):
            return None
        rest: list[str] = []
        node: ast.expr = func
        for _step in range(8):
            if isinstance(node, ast.Attribute):
                if isinstance(node.value, ast.Name) and node.value.id == frame.self_name:
                    break
                rest.append(f".{node.attr}")
                node = node.value
            elif isinstance(node, ast.Call):
                rest.append("()")
                node = node.func
            elif isinstance(node, ast.Name):
                binding = ctx.resolver.bindings(ctx.scope).get(node.id)
                if (
                    binding is None
                    or binding.kind != "value"
                    or not isinstance(binding.node, (ast.Call, ast.Attribute))
                    or stores_of(ctx, frame.node).get(node.id, 0) != 1
                ):
                    return None
                node = binding.node
            else:
                return None
        else:
            return None
        if not rest or not isinstance(node, ast.Attribute):
            return None
        place = constructor_parameter(ctx, frame.cls[1], node.attr, ctx.scope)
        if place is None:
            return None
        return f"n:{frame.cls[0]}:{place[0]}:{place[1]}:{''.join(reversed(rest))}"

    def _constructed(self, node: ast.Call) -> None:
        """Record a call of a class-like name (``Starboard(bot, db)``) with the type of each
        argument the code states (`_argument_type`), when one is known: the types a
        constructor's parameters get across the scan (`resolve`'s ``n:``). Any ``*args`` or
        ``**kwargs`` makes every place unknown."""
        if any(isinstance(a, ast.Starred) for a in node.args) or any(
            k.arg is None for k in node.keywords
        ):
            return
        positional = [self._argument_type(a) for a in node.args]
        keywords = {k.arg: self._argument_type(k.value) for k in node.keywords if k.arg}
        if not any(positional) and not any(keywords.values()):
            return
        bound = self.last_bound
        target = self._target(node.func)
        self.last_bound = bound
        if target is not None and target[0] == "q":
            self.constructed.append([target, positional, keywords])

    def _argument_type(self, value: ast.expr) -> str | None:
        """``pkg.Database()`` for an argument of a class of the scan (constructed here or
        bound once to a construction, annotated, a typed attribute), or a blocking handle of
        the table (``sqlite3.connect()``) unless its arguments make it harmless."""
        if not isinstance(value, (ast.Name, ast.Attribute, ast.Call)):
            return None
        ctx = self.ctx
        if not isinstance(value, ast.Call):
            owner = receiver_class(ctx, value)
            if owner is not None:
                return f"{owner}()"
        qualified = ctx.qualify(value)
        if not qualified or not qualified.endswith("()") or qualified.count("(") != 1:
            return None
        top = qualified.partition(".")[0]
        if top in _FOREIGN and top != self.own_top:
            if qualified[:-2] not in self.handles[0]:
                return None
            made = value
            if isinstance(value, ast.Name):
                binding = ctx.resolver.lookup(value.id, ctx.scope)
                made = binding.node if binding is not None else None  # type: ignore[assignment]
            if not isinstance(made, ast.Call) or self._harmless(made):
                return None
        return qualified

    def _super_of(self, call: ast.Call) -> str | None:
        """The class whose bases ``super()`` (or ``super(Cls, self)``) looks in, called in a
        method of that class itself (not a function nested in one)."""
        frame = self.ctx.frame
        if (
            frame.cls is None
            or type(call.func) is not ast.Name
            or call.func.id != "super"
            or call.keywords
            or frame.qualname != f"{frame.cls[0]}.{getattr(frame.node, 'name', '')}"
        ):
            return None
        if call.args:
            first = call.args[0]
            if len(call.args) != 2 or not isinstance(first, ast.Name):
                return None
            if first.id != frame.cls[1].name:
                return None  # `super(Base, self)`: skips past another class
        binding = self.ctx.resolver.lookup("super", self.ctx.scope)
        if binding is None or binding.kind != "import" or binding.target != "super":
            return None  # a name the code rebinds
        return frame.cls[0]

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

    def _harmless(self, call: ast.expr) -> bool:
        """Whether a call on the way to a returned handle is one the table's ``unless`` makes
        harmless (``sqlite3.connect(":memory:").cursor()`` opens no file)."""
        while isinstance(call, ast.Call):
            entry = self.table.get(self.ctx.qualify(call.func) or "")
            if entry and unless_applies(call, entry.get("unless"), self.ctx):
                return True
            func = call.func
            call = func.value if isinstance(func, ast.Attribute) else func
        return False

    def _handle_call(self, func: ast.expr) -> str | None:
        """``h:<qualified>`` for a call in a coroutine on what a method or helper of the scan
        returned (``pkg.Database().cursor().execute``; `resolve` looks the method's returned
        handle up), including on an annotated receiver (``db: Database``,
        ``db.cursor().execute``)."""
        if self.ctx.frame.kind != ASYNC or not isinstance(func, ast.Attribute):
            return None
        inner = func.value
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and not inner.args
            and not inner.keywords
        ):
            owner = receiver_class(self.ctx, inner.func.value)
            if owner is not None:
                return f"h:{owner}().{inner.func.attr}().{func.attr}"
        return None

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

    def _offloaded(self, node: ast.Call) -> None:
        """Record the function a thread or pool is handed: ``to_thread(f)``,
        ``loop.run_in_executor(None, f)``, ``pool.submit(f)``, ``Thread(target=f)``."""
        for arg in self.executors.handed(node, self.ctx):
            if isinstance(arg, (ast.Name, ast.Attribute)):
                target = self._target(arg) or self._by_constructor(arg)
                if target is not None:
                    self.offloaded.add(target)


_HANDLES: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _handles(table: Mapping[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    """The objects whose methods the table lists (``sqlite3.connect``,
    ``sqlite3.connect().cursor``): a def returning one returns a blocking handle; and their
    last names (``connect``, ``cursor``), a cheap test before resolving a returned call.
    Built once per table."""
    found = _HANDLES.get(id(table))
    if found is None:
        names = frozenset(name.rpartition("().")[0] for name in table if "()." in name)
        tails = frozenset(name.rpartition(".")[2] for name in names)
        found = _HANDLES[id(table)] = (names, tails)
    return found


def _passes_on(given: list[Any]) -> bool:
    """Whether recorded arguments hand on one of the caller's own parameters, or a setting
    the framework loaded (``hass.config.time_zone``: `arguments.configured_shape`)."""
    positional, keywords = given
    return any(
        v is not None and v[0] in ("=", "configured") for v in (*positional, *keywords.values())
    )


def _catches_runtime_error(handler: ast.ExceptHandler) -> bool:
    """``except:``, ``except RuntimeError``, ``except Exception`` (or a tuple holding one)."""
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(
        tail(t) in ("RuntimeError", "Exception", "BaseException")
        for t in types
        if isinstance(t, (ast.Name, ast.Attribute))
    )


def resolve(
    per_file: Iterable[tuple[str, Mapping[str, Any]]],
    decide: Verdict | None = None,
    modules: Mapping[str, str] | None = None,
) -> list[tuple[str, list[Any]]]:
    """Match every coroutine's calls against every file's blocking defs; (path, finding).

    *decide* (`once.verdict`) says what the code that runs a coroutine is when the scan only
    calls it from start-up, shut-down, command-line or test code; *modules* maps each path to
    its module. A chain is then reported when the same call written there would be."""
    results = list(per_file)
    defs: dict[str, list[list[Any]]] = {}
    offloaded: set[str] = set()
    aliases: dict[str, str] = {}
    params: dict[str, list[Any]] = {}
    bases: dict[str, list[str]] = {}
    own_methods: dict[str, list[str]] = {}
    abstract: set[str] = set()
    generators: set[str] = set()
    returns: dict[str, str] = {}
    constructed: list[list[Any]] = []
    instances: dict[str, str] = {}
    typed_returns: dict[str, str] = {}
    starts: set[str] = set()
    by_argument: set[str] = set()
    for _path, result in results:
        facts = result.get("r")
        if facts:
            instances.update(facts.get("v", {}))
            typed_returns.update(facts.get("ra", {}))
            starts.update(facts.get("st", ()))
            by_argument.update(facts.get("ca", ()))
            constructed.extend(facts.get("a", ()))
            defs.update(facts.get("d", {}))
            generators.update(facts.get("y", ()))
            returns.update(facts.get("t", {}))
            offloaded.update(facts.get("o", ()))
            params.update(facts.get("p", {}))
            bases.update(facts.get("b", {}))
            own_methods.update(facts.get("k", {}))
            abstract.update(facts.get("ab", ()))
        aliases.update((result.get("facts") or {}).get("aliases", {}))
    if not defs and not returns:
        return []
    frozen_abstract = frozenset(abstract)
    spaces = _namespaces(modules or {})

    def canonical(target: str) -> str:
        if target[0] == "b":
            # `super().m()` in class C: the first base of the scan that defines ``m``; the
            # target itself (no def) when none does, never C's own ``m``
            cls, _, method = target[2:].partition(":")
            found = inherited(f"{cls}.{method}", own=False)
            return found if found != f"{cls}.{method}" else target
        name = target[2:]
        for _hop in range(4):  # re-exports: `from .tokens import load_token` in __init__
            if name in defs or name not in aliases:
                break
            name = aliases[name]
        if spaces and name not in defs:
            name = _in_namespace(name, spaces)
        if name not in defs and instances:
            # `from pkg.auth import auth_manager` then `auth_manager.m()`: the class's method
            owner, _, method = name.rpartition(".")
            for _hop in range(4):
                if owner in instances or owner not in aliases:
                    break
                owner = aliases[owner]
            if owner in instances:
                name = f"{instances[owner]}.{method}"
        if name not in defs and f"{name}.__init__" in defs:
            name = f"{name}.__init__"  # `Store()`: the constructor's body runs now
        if name not in defs and bases:
            found = inherited(name)
            if found == name and name in bases:  # a class called: an inherited constructor
                found = inherited(f"{name}.__init__")
                if found == f"{name}.__init__":
                    found = name
            name = found
        if name not in defs:
            # a method of a re-exported class: `pkg.SourceShell.create` (`sitedirs`)
            name = through_aliases(name, aliases, defs)
        return name

    def inherited(name: str, own: bool = True) -> str:
        """``Child.save`` that ``Child`` does not define: the first base of the scan (in
        the order Python looks, a few levels up) that does. A class on the way that defines
        the method without blocking hides its bases' (``Child.__init__`` that never calls
        ``super().__init__``); *own* False starts above the class (``super().save()``)."""
        owner, _, method = name.rpartition(".")
        if own and method in own_methods.get(owner, ()):
            return name
        queue, seen = [owner], {owner}
        for _level in range(DEPTH):
            following: list[str] = []
            for cls in queue:
                for named in bases.get(cls, ()):
                    base = named
                    for _hop in range(4):  # a base imported through a package's re-export
                        if base in bases or f"{base}.{method}" in defs or base not in aliases:
                            break
                        base = aliases[base]
                    if f"{base}.{method}" in defs:
                        return f"{base}.{method}"
                    if method in own_methods.get(base, ()):
                        continue  # defined there, and it does not block
                    if base not in seen:
                        seen.add(base)
                        following.append(base)
            queue = following
        return name

    memo: dict[tuple[Any, ...], list[str] | None] = {}

    def values_of(name: str, target: str, given: list[Any] | None, bound: Any) -> Values:
        """What *name*'s parameters get from a call recorded with *given* (`arguments.bind`);
        a class called (``Store(...)``) binds its constructor's first parameter."""
        spec = params.get(name)
        if spec is None or given is None:
            return {}
        ctor = name.endswith(".__init__") and not target.endswith(".__init__")
        return arguments.bind(spec, given, bool(bound) or ctor)

    def quiet_fix(fix: str, kind: str | None, setup: bool) -> bool:
        """The direct call's decision: local I/O in setup/teardown, `one_shot_quiet`."""
        return (setup and fix in setup_fixes) or one_shot_quiet(kind, fix, calls_table)

    def chain(
        name: str,
        depth: int,
        seen: frozenset[str],
        context: tuple[str | None, bool],
        values: Values,
        *,
        once: frozenset[str] | None = None,
        guarded: bool = False,
        loaded: str | None = None,
    ) -> list[str] | None:
        """The hops from *name* to a blocking call that the calling coroutine's context
        (*context*: its kind and whether it is set-up code) does not make quiet, and that
        call's fix, or None (not blocking, quiet on every path, or too deep). Every path is
        tried, so the verdict never depends on which of a helper's blocking calls comes
        first: as a class, a chain is reported exactly when the same call written in the
        coroutine would be. *values*: what the call gives *name*'s parameters; a reason under
        a test they make false is passed over (`arguments.dead`). With *once* (the kinds of
        code that alone reach the coroutine, `once.verdict`'s ``once``), a call behind a
        one-time guard (*guarded*: a hop above was) is judged as written in that code.
        *loaded* is the argument the caller hands on under ``if name in sys.modules:``: an
        import of that parameter in *name* is a lookup (`loaded.guarded_argument`)."""
        kind, setup = context
        # a def the program's start-up calls has run its one-time part before anything
        # serves: from code that serves, what that part does is behind it (`warmed`)
        built = not setup and name in warmed
        if (name in offloaded_names and name not in generators) or name in seen or depth > DEPTH:
            return None  # a generator handed to an executor still runs on the iterating thread
        key = (
            kind,
            setup,
            name,
            repr(sorted(values.items())) if values else "",
            once,
            guarded,
            loaded,
        )
        if key in memo:
            return memo[key]
        reasons = defs.get(name, ())
        found: list[str] | None = None
        for reason in reasons:
            if reason[0] != "x" or quiet_fix(reason[2], kind, setup) or (built and _once(reason)):
                continue
            if loaded is not None and len(reason) > 5 and loaded in reason[5]:
                continue  # an import the caller's `sys.modules` guard makes a lookup
            if len(reason) > 3 and values and any(arguments.dead(g, values) for g in reason[3]):
                continue
            if once and (guarded or _once(reason)) and quiet_for(once, reason[2], calls_table):
                continue  # runs once, and only code that is not serving gets there
            found = [reason[1], reason[2]]
            break
        else:
            for reason in reasons:
                if reason[0] == "x" or (built and _once(reason)):
                    continue
                more: Values = {}
                callee = canonical(reason[1])
                if callee in generators and reason[1][0] != "i":
                    continue  # a generator's call that is not iterated runs nothing
                if len(reason) > 2:
                    if values and any(arguments.dead(g, values) for g in reason[2]):
                        continue
                    given = arguments.resolved(values, reason[3])
                    more = values_of(callee, reason[1], given, reason[4])
                below = guarded or _once(reason)
                rest = chain(
                    callee, depth + 1, seen | {name}, context, more, once=once, guarded=below
                )
                if rest is None and callee not in defs and abstract:
                    # a call through an interface: the scan's implementations (`abstract`)
                    for concrete in implementations(callee, frozen_abstract, bases, aliases, defs):
                        below_rest = chain(
                            concrete, depth + 1, seen | {name}, context, {}, once=once,
                            guarded=below,
                        )  # fmt: skip
                        if below_rest is not None:
                            owner = concrete.rpartition(".")[0].rpartition(".")[2]
                            rest = [f"{owner}.{_short(concrete)}", *below_rest]
                            break
                if rest is not None:
                    found = [_short(callee), *rest]
                    break
        if found is not None or not seen:
            memo[key] = found  # a miss below the top may only be the depth limit
        return found

    def handle_fix(name: str) -> str | None:
        """The table's fix for a call on what a def of the scan returned: ``pkg.Database()
        .cursor().execute`` with ``Database.cursor`` returning ``sqlite3.connect().cursor``
        is ``sqlite3.connect().cursor().execute``; a function's own result
        (``pkg.db.connect().execute``) likewise."""
        first, _, rest = name.partition("().")
        returned = returns.get(canonical(f"q:{first}"))
        if returned is None:
            method, found, rest = rest.partition("().")
            if not found:
                return None
            returned = returns.get(canonical(f"q:{first}.{method}"))
        if returned is None:
            return None
        entry = blocking_table.get(f"{returned}().{rest}")
        if entry is None or str(entry["fix"]) in _BRIEF:
            return None
        return str(entry["fix"])

    calls_of = constructor_calls(constructed, canonical)

    def by_constructor(target: str) -> tuple[str, str | None]:
        """``n:<class>:<place>:<parameter>:<rest>`` typed by what the scan's constructor calls
        of the class hand that parameter, when every call that states a type states the same
        one and gives the parameter: (``q:``/``h:`` target, None) for a class of the scan,
        ("", fix) for a call on a blocking handle of the table (``sqlite3.connect()``), ("",
        None) when not known."""
        typed, rest = handed_type(calls_of, target)
        if typed is None:
            return "", None
        if typed[:-2] in _handles(blocking_table)[0]:
            entry = blocking_table.get(f"{typed}{rest}")
            fix = str(entry["fix"]) if entry is not None else None
            return "", fix if fix not in _BRIEF else None
        if "()" in rest:
            return f"h:{typed}{rest}", None
        if rest.count(".") == 1:
            return f"q:{typed[:-2]}{rest}", None
        return "", None

    def by_return(target: str) -> str | None:
        """``q:<class>.<method>`` for a call on what a def of the scan returns, typed by its
        return annotation (``r:<callee>:<method>``, or ``h:<callee>().<method>``), else None."""
        if target[0] == "r":
            callee, _, method = target[2:].rpartition(":")
        elif target[0] == "q":
            # `repo = get_repo()` then `repo.find()`, read as a method of `get_repo`: a
            # function has no methods, so a call on what it returned
            if canonical(target) in defs:
                return None
            callee, _, method = target[2:].rpartition(".")
        else:
            callee, _, method = target[2:].partition("().")
            if "(" in method or "." in method or not callee or "(" in callee:
                return None
        cls = typed_returns.get(canonical(f"q:{callee}"))
        return f"q:{cls}.{method}" if cls else None

    def typed_target(written: str) -> str:
        """*written* with its receiver typed where the facts allow: of several classes built
        (``a:``), the one whose method blocks; a call on what a def returns (``r:``, ``h:``,
        or ``q:`` read as a method of a function), the returned class's method. "" when
        neither is known (an ``a:`` none of whose methods blocks, an ``r:`` untyped)."""
        if written[0] == "a":
            alternatives = written[2:].split("|")
            return next((f"q:{a}" for a in alternatives if canonical(f"q:{a}") in defs), "")
        if written[0] in "rhq" and typed_returns:
            written = by_return(written) or written
        return "" if written[0] == "r" else written

    from advisor.lint._data import bundle

    calls_table = bundle()["calls"]
    blocking_table = bundle()["blocking"]["calls"]
    offloaded_names = {
        canonical(t if t[0] != "n" else by_constructor(t)[0] or "q:") for t in offloaded
    }
    # The defs the program's start-up code calls (``st``: a start-up hook, a server's lines
    # before it serves), shut-down code aside: a lazy singleton or a cached helper there is
    # built before the first request, so a call from code that serves finds it built. A
    # cached helper that takes arguments (``ca``) is warmed for the start-up's arguments only.
    warmed = {canonical(t) for t in starts if t[:2] == "q:"} - by_argument
    handled: set[tuple[str, int]] = set()
    setup_fixes = set(calls_table["setup_fixes"])
    found_all: list[tuple[str, list[Any]]] = []
    for path, result in results:
        facts = result.get("r")
        if not facts:
            continue
        quiet = {(q[0], q[1]): q[2] for q in facts.get("q", ())}
        guarded = {(m[0], m[1]): m[2] for m in facts.get("m", ())}
        spans = (result.get("g") or {}).get("lp", ())
        module = (modules or {}).get(path, "")
        for line, col, recorded, shown, coroutine, *given in facts.get("c", ()):
            written = typed_target(recorded)
            if not written:
                continue
            target, direct = by_constructor(written) if written[0] == "n" else (written, None)
            if not target and direct is None:
                continue
            handled_call = target[2:] if target[:1] == "h" else None
            if handled_call is None and returns and target[:1] == "q":
                # `conn = connect(path)` then `conn.execute(...)`: read as a method of
                # `connect`, it is a call on what the function returned
                owner, _, method = target[2:].rpartition(".")
                if owner in returns and target[2:] not in defs:
                    handled_call = f"{owner}().{method}"
            if handled_call is not None or direct is not None:
                if direct is not None:
                    fix: str | None = direct
                else:
                    assert handled_call is not None
                    fix = handle_fix(handled_call) if returns else None
                kind = quiet.get((line, col))
                setup = kind == "s" or lifecycle_name(coroutine, calls_table)
                kind = None if kind == "s" else kind
                if fix is None or (path, line) in handled or quiet_fix(fix, kind, setup):
                    continue
                if kind is None and decide is not None and not in_spans(line, spans):
                    reached = decide(module, coroutine)
                    if reached and all(
                        quiet_fix(fix, None if k == "s" else k, setup or k == "s") for k in reached
                    ):
                        continue
                handled.add((path, line))  # `curr.execute(...).fetchall()`: one finding a line
                found_all.append((path, [line, col, "ADV101", {"call": f"{shown}()", "fix": fix}]))
                continue
            name = canonical(target)
            root = facts.get("s")
            if root and name not in defs and target[0] in "qie":
                # imported by its own name after `site.addsitedir` of this module's folder
                beside = canonical(f"{target[:2]}{root}.{target[2:]}")
                name = beside if beside in defs else name
            if (name in generators) != (target[0] in "ie") and target[0] != "i":
                continue  # a generator called, not iterated; a plain function an executor ran
            values = values_of(name, target, *given) if given else {}
            kind = quiet.get((line, col))
            setup = kind == "s" or lifecycle_name(coroutine, calls_table)
            kind = None if kind == "s" else kind
            loaded = guarded.get((line, col))
            steps = chain(name, 1, frozenset(), (kind, setup), values, loaded=loaded)
            if steps is None:
                continue
            if kind is None and decide is not None:
                # in a loop that serves or a region (`lp`): only the point verdict decides
                looped = in_spans(line, spans)
                short = coroutine.rpartition(".")[2]
                reached = decide(module, short, False, line, looped)
                if reached and all(
                    chain(
                        name,
                        1,
                        frozenset(),
                        (None if k == "s" else k, setup or k == "s"),
                        values,
                        loaded=loaded,
                    )
                    is None
                    for k in reached
                ):
                    continue
                once = decide(module, short, True, line, looped)
                if (
                    once
                    and chain(name, 1, frozenset(), (kind, setup), values, once=once, loaded=loaded)
                    is None
                ):
                    continue  # blocks only behind a one-time guard reached from start-up
            *steps, fix = steps
            hops = " -> ".join([coroutine, _short(name), *steps])
            fix = "nested_run" if fix == "nested_run" else "offload"
            if target[0] == "e":
                fix = "generator"
            found_all.append((path, [line, col, "ADV101", {"call": hops, "fix": fix}]))
    return found_all


def _namespaces(modules: Mapping[str, str]) -> dict[str, str]:
    """A module in a folder without ``__init__.py`` (a namespace package, PEP 420: a bot's
    ``database/database.py`` imported as ``database.database``) is named by the scan from its
    own folder on (``database``): each dotted path it may be imported by (its folders above,
    from any of them on) -> that name. A path two files could be, or a module of the scan's
    own, is left alone."""
    found: dict[str, str | None] = {}
    for path, module in modules.items():
        if not path.endswith(".py") or not module:
            continue
        parts = path[:-3].replace("\\", "/").split("/")
        if parts[-1] == "__init__":
            parts.pop()
        own = module.split(".")
        if parts[-len(own) :] != own or len(parts) == len(own):
            continue
        for start in range(len(parts) - len(own)):
            if not all(p.isidentifier() for p in parts[start:]):
                continue
            dotted = ".".join(parts[start:])
            found[dotted] = module if found.get(dotted, module) == module else None
    known = set(modules.values())
    return {k: v for k, v in found.items() if v is not None and k not in known}


def _in_namespace(name: str, spaces: Mapping[str, str]) -> str:
    """*name* with its longest module prefix that `_namespaces` knows renamed."""
    prefix = name
    while prefix:
        known = spaces.get(prefix)
        if known is not None:
            return known + name[len(prefix) :]
        prefix = prefix.rpartition(".")[0]
    return name


def _short(name: str) -> str:
    """``pkg.tokens.load_token`` -> ``load_token``; a constructor is shown as its class."""
    return name.removesuffix(".__init__").rpartition(".")[2]
