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
calls deep. What it does not report, on purpose: a helper that is a generator (calling it runs
nothing), a decorated one (the decorator may cache it, offload it or turn it into anything), a
helper the scan hands to a thread or pool anywhere (its authors know it blocks and run it
there), and calls through objects whose type is unknown (``client.fetch()``), where guessing
costs more false alarms than it finds.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from advisor.lint.checks.base import ASYNC, SYNC, Check, FileContext, register
from advisor.lint.checks.helpers import (
    before_first_await,
    in_spans,
    is_loop_like,
    lifecycle_name,
    one_shot_kind,
    one_shot_quiet,
    own_nodes,
    startup_code,
    unless_applies,
)
from advisor.lint.checks.loaded import guarded_argument, parameter_of
from advisor.lint.names import BUILTINS, source_name, tail

#: Calls followed from the coroutine: handler -> a -> b -> c -> open() is four.
DEPTH = 4
_FOREIGN = frozenset(sys.stdlib_module_names) | BUILTINS
# A helper that takes a threading lock, waits on an event or a queue usually holds it for a
# moment, to guard state shared with threads: one call away, these are not reported.
_BRIEF = frozenset({"lock", "event", "queue"})
# Loads that happen once and are cached by what they load (`sys.modules`, the zone cache).
_ONCE = frozenset({"import", "zone", "nested_run"})
_OFFLOAD_METHODS = ("run_in_executor", "submit", "map", "apply_async", "imap", "starmap")


@register
class BlockingReach(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.table: dict[str, Any] = data["blocking"]["calls"]
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
        self.offloaders = {*calls["to_thread"], *calls["thread_starters"]}
        self.offload_tails = {n.rpartition(".")[2] for n in self.offloaders}
        self.offload_tails.update(_OFFLOAD_METHODS)
        self.defs: dict[str, list[list[str]]] = {}
        self.candidates: list[list[Any]] = []
        self.candidate_frames: list[ast.AST] = []
        self.offloaded: set[str] = set()
        self.plain: dict[int, bool] = {}
        self.frames: dict[str, Any] = {}
        self.own_top = ctx.module.partition(".")[0]
        # calls under `if name in sys.modules:` handing `name` on: (line, column, argument)
        self.guarded: list[list[Any]] = []

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        frame = self.ctx.frame
        if tail(node.func) in self.offload_tails:
            self._offloaded(node)
        if frame.kind == SYNC:
            if self._plain(frame.node):
                self._in_def(node, frame)
        elif frame.kind == ASYNC and type(parent) is not ast.Await:
            target = self._target(node.func)
            if target is not None:
                name = frame.qualname.rpartition(".")[2]
                self.candidates.append(
                    [node.lineno, node.col_offset + 1, target, source_name(node.func), name]
                )
                self.candidate_frames.append(frame.node)
                handed = guarded_argument(self.ctx, node)
                if handed is not None:
                    self.guarded.append([node.lineno, node.col_offset + 1, handed])

    def finish(self) -> None:
        """Keep the facts (`analyse` stores them as the result's ``r``). A generator's body
        runs only when iterated, so calling one blocks nothing: dropped here, once the walk
        has seen its ``yield``."""
        facts: dict[str, Any] = {}
        defs = {
            name: reasons
            for name, reasons in self.defs.items()
            if reasons and not self.frames[name].has_yield
        }
        if defs:
            facts["d"] = defs
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
            for c, f in zip(self.candidates, self.candidate_frames, strict=True):
                kind = one_shot_kind(self.ctx, f, table)
                if kind is None and startup_code(self.ctx, f, table):
                    kind = "s"  # a start-up hook by its decorator: the name alone may not say
                if kind is not None:
                    quiet.append([c[0], c[1], kind])
            if quiet:
                facts["q"] = quiet
            if self.guarded:
                facts["m"] = self.guarded
        if self.offloaded:
            facts["o"] = sorted(self.offloaded)
        if facts:
            self.ctx.memo["reach"] = facts

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
                if qualified == "property":
                    # reading `self.name` runs the body now, like a call (see `_property_reads`)
                    self.properties.add(self.ctx.frame_of[key].qualname)
                    continue
                if qualified not in self.transparent:
                    known = False
                    break
            self.plain[key] = known
        return known

    def _in_def(self, node: ast.Call, frame: Any) -> None:
        qualname = frame.qualname
        reasons = self.defs.get(qualname)
        if reasons is None:
            reasons = self.defs[qualname] = []
            self.frames[qualname] = frame
        reason = self._blocking(node)
        if reason is not None:
            # One blocking call per fix is enough to name; keeping each fix lets `resolve`
            # decide as it would for the direct call (a CLI's request is quiet, its wait on a
            # thread's lock is not), whatever the order of the calls in the body.
            same = next((r for r in reasons if r[0] == "x" and r[2] == reason[2]), None)
            if same is None:
                reasons.insert(sum(r[0] == "x" for r in reasons), reason)
            elif same[3:] != reason[3:]:
                del same[3:]  # two imports of different names: no caller's guard covers both
            return
        target = self._target(node.func)
        if target is not None and target != f"q:{qualname}":
            edge = ["c", target]
            if edge not in reasons:
                reasons.append(edge)

    def _blocking(self, node: ast.Call) -> list[str] | None:
        """``["x", shown, fix]`` when *node* blocks by the table (or runs an event loop)."""
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
        if unless_applies(node, entry.get("unless"), self.ctx):
            return None
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
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            root = func.value.id
            if frame.cls is not None and root == frame.self_name:
                return f"q:{frame.cls[0]}.{func.attr}"
        base = func
        while True:
            if isinstance(base, ast.Attribute):
                base = base.value
            elif isinstance(base, ast.Call):
                base = base.func
            else:
                break
        if not isinstance(base, ast.Name):
            return None
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
                    return None
            elif binding.kind == "import":
                top = binding.target.partition(".")[0]
                if top in _FOREIGN and top != self.own_top:
                    return None
            elif binding.kind not in ("def", "class") and type(binding.node) is not ast.Call:
                return None
        qualified = ctx.qualify(func)
        if qualified is None:
            return None
        if "()" in qualified:
            # `Request(url).get_response()`, `self.store.write()` with `self.store = Store()`:
            # the method of a class, when the class is the scan's (not a library's).
            owner, _, method = qualified.rpartition("().")
            if not owner or "(" in owner or "(" in method or "." in method:
                return None
            top = owner.partition(".")[0]
            if top in _FOREIGN and top != self.own_top:
                return None
            return f"q:{owner}.{method}"
        if instance:
            return None
        return f"q:{qualified}"

    def _offloaded(self, node: ast.Call) -> None:
        """Record the function a thread or pool is handed: ``to_thread(f)``,
        ``loop.run_in_executor(None, f)``, ``pool.submit(f)``, ``Thread(target=f)``."""
        name = tail(node.func)
        args = list(node.args)
        if name == "run_in_executor":
            args = args[1:2]
        elif name in _OFFLOAD_METHODS:
            args = args[:1]
        else:
            qualified = self.ctx.qualify(node.func)
            if qualified is None or qualified not in self.offloaders:
                return
            args = args[:1] if qualified.endswith("to_thread") or "run_sync" in qualified else []
            args += [k.value for k in node.keywords if k.arg in ("target", "function")]
        for given in args:
            arg = _partial_of(given) or given
            if isinstance(arg, (ast.Name, ast.Attribute)):
                target = self._target(arg)
                if target is not None:
                    self.offloaded.add(target)


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


def _partial_of(node: ast.expr) -> ast.expr | None:
    """*f* of ``functools.partial(f, ...)``: the function handed on."""
    if isinstance(node, ast.Call) and tail(node.func) == "partial" and node.args:
        return node.args[0]
    return None


def resolve(
    per_file: Iterable[tuple[str, Mapping[str, Any]]],
    decide: Callable[[str, str], frozenset[str] | None] | None = None,
    modules: Mapping[str, str] | None = None,
) -> list[tuple[str, list[Any]]]:
    """Match every coroutine's calls against every file's blocking defs; (path, finding).

    *decide* (`once.verdict`) says what the code that runs a coroutine is when the scan only
    calls it from start-up, shut-down, command-line or test code; *modules* maps each path to
    its module. A chain is then reported when the same call written there would be."""
    results = list(per_file)
    defs: dict[str, list[list[str]]] = {}
    offloaded: set[str] = set()
    aliases: dict[str, str] = {}
    for _path, result in results:
        facts = result.get("r")
        if facts:
            defs.update(facts.get("d", {}))
            offloaded.update(facts.get("o", ()))
        aliases.update((result.get("facts") or {}).get("aliases", {}))
    if not defs:
        return []

    def canonical(target: str) -> str:
        name = target[2:]
        for _hop in range(4):  # re-exports: `from .tokens import load_token` in __init__
            if name in defs or name not in aliases:
                break
            name = aliases[name]
        if name not in defs and f"{name}.__init__" in defs:
            name = f"{name}.__init__"  # `Store()`: the constructor's body runs now
        return name

    memo: dict[tuple[str | None, bool, str, str | None], list[str] | None] = {}

    def quiet_fix(fix: str, kind: str | None, setup: bool) -> bool:
        """The direct call's decision: local I/O in setup/teardown, `one_shot_quiet`."""
        return (setup and fix in setup_fixes) or one_shot_quiet(kind, fix, calls_table)

    def chain(
        name: str,
        depth: int,
        seen: frozenset[str],
        kind: str | None,
        setup: bool,
        *,
        loaded: str | None = None,
    ) -> list[str] | None:
        """The hops from *name* to a blocking call that the calling coroutine's context
        (*kind*, *setup*) does not make quiet, and that call's fix, or None (not blocking,
        quiet on every path, or too deep). Every path is tried, so the verdict never depends
        on which of a helper's blocking calls comes first: as a class, a chain is reported
        exactly when the same call written in the coroutine would be. *loaded* is the argument
        the caller hands on under ``if name in sys.modules:``: an import of that parameter
        in *name* is a lookup (`loaded.guarded_argument`)."""
        if name in offloaded_names or name in seen or depth > DEPTH:
            return None
        key = (kind, setup, name, loaded)
        if key in memo:
            return memo[key]
        reasons = defs.get(name, ())
        found: list[str] | None = None
        for reason in reasons:
            if loaded is not None and reason[0] == "x" and loaded in reason[3:]:
                continue
            if reason[0] == "x" and not quiet_fix(reason[2], kind, setup):
                found = [reason[1], reason[2]]
                break
        else:
            for reason in reasons:
                if reason[0] == "x":
                    continue
                callee = canonical(reason[1])
                rest = chain(callee, depth + 1, seen | {name}, kind, setup)
                if rest is not None:
                    found = [_short(callee), *rest]
                    break
        if found is not None or not seen:
            memo[key] = found  # a miss below the top may only be the depth limit
        return found

    offloaded_names = {canonical(t) for t in offloaded}
    from advisor.lint._data import bundle

    calls_table = bundle()["calls"]
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
        for line, col, target, _shown, coroutine in facts.get("c", ()):
            name = canonical(target)
            kind = quiet.get((line, col))
            setup = kind == "s" or lifecycle_name(coroutine, calls_table)
            kind = None if kind == "s" else kind
            loaded = guarded.get((line, col))
            steps = chain(name, 1, frozenset(), kind, setup, loaded=loaded)
            if steps is None:
                continue
            if kind is None and decide is not None and not in_spans(line, spans):
                reached = decide(module, coroutine)
                if reached and all(
                    chain(
                        name,
                        1,
                        frozenset(),
                        None if k == "s" else k,
                        setup or k == "s",
                        loaded=loaded,
                    )
                    is None
                    for k in reached
                ):
                    continue
            *steps, fix = steps
            hops = " -> ".join([coroutine, _short(name), *steps])
            fix = "nested_run" if fix == "nested_run" else "offload"
            found_all.append((path, [line, col, "ADV101", {"call": hops, "fix": fix}]))
    return found_all


def _short(name: str) -> str:
    """``pkg.tokens.load_token`` -> ``load_token``; a constructor is shown as its class."""
    return name.removesuffix(".__init__").rpartition(".")[2]
