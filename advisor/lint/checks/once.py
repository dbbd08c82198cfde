"""ADV101 in code that runs once: a coroutine that only start-up, shut-down or command-line
code calls.

A blocking call in ``initialize()`` runs before the program serves; one in a helper coroutine
that only ``initialize()`` awaits runs then too, in another file as often as not
(python-telegram-bot's ``PicklePersistence.get_user_data``, loaded once from
``Application.initialize``; red-discordbot's ``create_backup``, awaited only by its
``redbot-setup`` command). The function's name says nothing there; the calls to it do. This
family records, per file, who calls what (``u``: a callee's last name -> the calling
function and what it is) and the spans of the loops that serve (``lp``), and `verdict` joins
them after the scan:

- a caller is start-up or shut-down code by its own look (`code_kinds.lifecycle`), a
  command-line program's or test code (`code_kinds.one_shot_kind`, or a module a console script
  the project declares runs, `script_modules`), or, failing that, code whose own callers all
  are (up to `helpers.DEPTH` calls up);
- a call inside a ``while`` or ``async for`` loop that suspends runs while the program
  serves, and so does a function handed over by reference (a callback, a handler), a call
  from a lambda, a coroutine a decorator registers with a framework (a route, a command), and
  what a start-up method calls when that method is itself called from a loop that serves (a
  node restarted on failure): any one of these makes the callee's verdict "serving";
- a coroutine handed to ``create_task`` and its kin runs beside what the program serves;
  ``__aenter__``, ``__aexit__``, ``close`` and ``aclose`` are entered per use (a client's
  ``async with`` in a handler), so what they call is decided by their own callers;
- a public coroutine that only the project's command-line code or tests call may still be
  called by the project's users from code that serves: only a private one (``_name``, or in a
  ``_private`` module) gets the command-line or test verdict that way;
- a public coroutine the project's own start-up code awaits is start-up code even when its
  command-line code awaits it too (streamrip's ``Client.get_session``, from every client's
  ``login`` and from the ``rip`` prompter): users call it from code that serves no more often
  than any other start-up coroutine;
- a ``while`` loop in command-line or test code is the program's own (a log-in prompt asked
  again), not a loop that serves;
- callees are matched by their last name across the scan (``self.persistence.get_user_data()``
  has no type to follow): one call by that name from serving code anywhere keeps every
  coroutine of that name reported, unless the call names its class (``self.close()``,
  ``super().close()``, a receiver the resolver knows was built from a class) and that class
  is not related to the coroutine's (`Lineage`: twitchio's websocket closed in its own
  reconnect loop is not the client's ``close``), or the coroutine is a start-up or shut-down
  method of an object that ends its own run and the call names no class (`Lineage.closers`);
- a loop in a shut-down method (``stop``, ``close`` ..., ``shutdown_methods``) drains what
  the object holds (mautrix's ``SQLiteDatabase.stop`` closing its pooled connections one by
  one): not a loop that serves. Only a call that can run a coroutine counts: awaited,
  handed on, returned or kept, not one whose result is dropped (``writer.close()`` as a
  statement, which would never run a coroutine) nor the builtin ``open()`` (mautrix's
  ``FileStore.open``). A coroutine no code of the scan calls (a library's public method, a
  handler a framework dispatches) is reported as before.

Code behind a one-time guard the function keeps itself (`once_guards.once_guarded`: a flag tested
and then set ``True``, a load cached on ``self`` or a module global) runs once per process.
That alone does not make it quiet: a lazy import on the first request still stalls a loop
that serves others (aioesphomeapi's ``device_wizard``, labelled true). It is quiet when every
way into the coroutine that reaches it is start-up, shut-down, command-line or test code, or
the coroutine a plain function hands to a program runner (``asyncio.run(f())``: the program's
root), public or not (`verdict`'s *once*; procrastinate's ``run_worker_async`` importing the
task modules behind ``_import_paths_performed``). A helper cached by ``functools.cache``,
``lru_cache`` or ``cached_property`` is the same guard written as a decorator, and is judged the
same way (`checks.reach`): where the line falls is who makes the first call, not the decorator.
wyzeapy's ``@cache``d ``get_ssl_context()``, first called from ``refresh()`` (a public method a
user calls while the loop serves), loads certificates on that loop: reported, as the
maintainers' fix (building it in a thread) says; the same helper first called from
``initialize()`` only, or by its own module as it is imported, stalls nobody: quiet. The guarded calls are marked in the facts
(`reach`'s ``d`` reasons, `blocking`'s deferred findings), so the join needs no second parse.

The verdict then decides as for a call written in that code: start-up and shut-down code is
quiet for local setup I/O (``setup_fixes``), command-line and test code for all but thread
waits and a nested run (`code_kinds.one_shot_quiet`). The direct calls are reported per file and
marked ``deferred`` (`blocking.BlockingCall.finish`); the join drops those the verdict makes
quiet (`quiet_own`), and `reach.resolve` asks the verdict for chains.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Protocol

from advisor.lint.checks.base import ASYNC, LAMBDA, MODULE, Check, FileContext, register
from advisor.lint.checks.code_kinds import (
    cli_code,
    lifecycle,
    lifecycle_hooks,
    lifecycle_name,
    one_shot_kind,
    one_shot_quiet,
    shutdown_name,
    startup_code,
    test_code,
)
from advisor.lint.checks.helpers import DEPTH, in_spans, named_target, runs_program, serving_loops
from advisor.lint.checks.hooks import REGISTERING, hook_targets
from advisor.lint.checks.rooted import runner_decorated, runner_decorators
from advisor.lint.checks.sequential_points import points
from advisor.lint.checks.sequential_shape import shape
from advisor.lint.names import BUILTINS, call_values, tail

#: A call's parent when the call is handed on rather than made (``create_task(x())``,
#: ``gather(*[c.connect() for c in cs])``, ``run_until_complete(x())``): from a plain `def`,
#: only these can run a coroutine; a bare ``x()`` there is a missing await (ADV102).
_HANDED = frozenset(
    (ast.Call, ast.Starred, ast.List, ast.Tuple, ast.ListComp, ast.GeneratorExp, ast.keyword)
)
#: What a verdict is made of: start-up or shut-down code, a command-line program, test code,
#: a program that runs one thing at a time (`checks.sequential`); and what a call site is
#: besides: code that serves, and a runner starting a program's entry coroutine. A plain
#: function handing a coroutine to a runner (``asyncio.run(f())``) is the root of a program:
#: its callers decide, as for ``""``, except for code behind a one-time guard (`verdict`'s
#: *once*), which the program's start reaches.
STARTUP, CLI, TEST, PROGRAM, SERVING, RUN = "s", "cli", "test", "p", "x", "r"


class Verdict(Protocol):
    """`verdict`'s answer: ``decide(module, name)``, or ``decide(module, name, True)`` for
    code behind a one-time guard; *name* is a coroutine's last name, or its qualified name
    (which tells two methods of one name in the module apart); with *line*, the point verdict
    too (`checks.sequential`), alone when the call is in a loop that serves (*looped*)."""

    def __call__(
        self,
        module: str,
        name: str,
        once: bool = False,
        line: int | None = None,
        looped: bool = False,
    ) -> frozenset[str] | None: ...


@register
class CallGraph(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.calls: dict[str, Any] = data["calls"]
        self.spawners = frozenset(self.calls["task_spawners"])
        #: (callee's last name, calling frame, line, how it is called: "" or `SERVING` (handed
        #: to a spawner) or `RUN` (to a program runner), the call's id)
        self.sites: list[tuple[str, Any, int, str, int]] = []
        #: the qualified name a call reaches, when the code names it (`_target`)
        self.targets: dict[int, str] = {}
        self.hook_names, self.hook_events = lifecycle_hooks(self.calls)
        self.runners = frozenset(self.calls["program_runners"])
        self.run_methods = frozenset(self.calls["loop_run_methods"])
        self.runner_tails = {n.rpartition(".")[2] for n in self.runners} | self.run_methods
        self.wrappers = frozenset(self.calls["entry_wrappers"])

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        frame = self.ctx.frame
        if (
            (frame.kind == ASYNC and type(parent) is not ast.Expr)
            or type(parent) in _HANDED
            or (frame.kind == ASYNC and self._own_method(node.func, frame))
        ):
            # A coroutine called as a statement of its own never runs (ADV102 says so): such
            # a call (`writer.close()`, a plain method) is no way into a coroutine. One of the
            # object's own methods (`self.refresh_token()`, opsdroid's twitch connector after
            # a failed log-in) is that coroutine, missing its `await`: the fix ADV102 asks for
            # runs it there.
            name = self._callee(node.func)
            if name:
                how = ""
                if type(parent) is ast.Call and tail(parent.func) in self.spawners:
                    how = SERVING
                elif frame.kind != ASYNC and self._runner(parent):
                    how = RUN  # the program's entry coroutine (`checks.sequential`)
                self.sites.append((name, frame, node.lineno, how, id(node)))
                target = self._target(node.func, frame)
                if target:
                    self.targets[id(node)] = target
        runner = frame.kind != ASYNC and (
            self._runner(node)
            # `anyio.run(partial(main, arg))`: the partial's function is the entry
            or (
                self._runner(parent)
                and isinstance(parent, ast.Call)
                and parent.args[0] is node
                and self.ctx.qualify(node.func) in self.wrappers
            )
        )
        hooked = (
            hook_targets(node, self.hook_names, self.hook_events)
            if tail(node.func) in REGISTERING
            else ()
        )
        for arg in call_values(node):
            if hooked and any(arg is hook for hook in hooked):
                continue  # a start-up hook (`checks.hooks`), not a callback that serves
            if isinstance(arg, ast.Attribute) and isinstance(arg.ctx, ast.Load):
                # `anyio.run(connector.connect)` (opsdroid's tests): the program's entry,
                # handed by reference to the runner, not a callback that serves
                how = RUN if runner and arg is node.args[0] else SERVING
                self.sites.append((arg.attr, frame, node.lineno, how, 0))
            elif isinstance(arg, ast.Name):
                binding = self.ctx.resolver.bindings(self.ctx.resolver.module_scope).get(arg.id)
                if binding is not None and binding.kind in ("def", "import"):
                    name = self._callee(arg) or arg.id
                    self.sites.append((name, frame, node.lineno, SERVING, id(arg)))

    def _target(self, func: ast.expr, frame: Any) -> str:
        """The qualified name of the function a call reaches, when the code names it: a
        module-level function or an import (``fetch(url)``), a method of the caller's own
        class (``self.fetch(url)``); ``""`` for a call through an object."""
        named = named_target(self.ctx, func, frame)
        if named is not None:
            return named
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Call)
            and isinstance(func.value.func, ast.Name)
            and func.value.func.id == "super"
        ):
            # `super().close()`: a method of a base of the caller's class, related to it
            return f"{frame.cls[0]}.{func.attr}" if frame.cls is not None else ""
        root = func
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(func, ast.Attribute) and isinstance(root, ast.Name):
            binding = self.ctx.resolver.lookup(root.id, self.ctx.scope)
            if binding is not None and binding.kind == "import":
                # through an imported module: `aiosqlite.connect()` is a library's, never a
                # `connect` of the scan; `store.fetch()` the scan's `store` module's
                through = self.ctx.qualify(func) or ""
                return through if "(" not in through else ""
        if isinstance(func, ast.Attribute):
            # `self._http.save()` with `self._http = ManagedHTTPClient()`, `Store(p).close()`,
            # a local assigned a constructor: the resolver names the class
            # (`pkg.tokens.ManagedHTTPClient().save`); a class the scan does not define says
            # nothing (`verdict`'s `related`)
            qualified = self.ctx.qualify(func)
            if qualified and "()." in qualified:
                owner, _, method = qualified.rpartition("().")
                if owner and "(" not in owner and method == func.attr:
                    return f"{owner}.{method}"
        return ""

    @staticmethod
    def _own_method(func: ast.expr, frame: Any) -> bool:
        """``self.name(...)`` in a method: a call the code names."""
        return (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and frame.cls is not None
            and func.value.id == frame.self_name
        )

    def _runner(self, node: ast.AST | None) -> bool:
        """``asyncio.run(...)``, ``anyio.run(...)``, ``loop.run_until_complete(...)``."""
        return runs_program(self.ctx, node, self.runners, self.run_methods, self.runner_tails)

    def _callee(self, func: ast.expr) -> str | None:
        """The callee's last name, through an import alias (``from .utils import
        create_backup as red_create_backup``)."""
        if isinstance(func, ast.Name):
            binding = self.ctx.resolver.lookup(func.id, self.ctx.scope)
            if binding is not None and binding.kind == "import":
                if binding.target == func.id and func.id in BUILTINS:
                    return None  # the builtin `open()`: no coroutine of the scan
                return binding.target.rpartition(".")[2]
            return func.id
        return tail(func) if isinstance(func, ast.Attribute) else None

    def finish(self) -> None:
        """Keep ``u`` and ``lp`` (`analyse` stores them, with the deferred findings, as the
        result's ``g``)."""
        ctx = self.ctx
        uses: dict[str, set[tuple[str, ...]]] = {}
        bases: dict[int, str] = {}
        for name, frame, line, how, node_id in self.sites:
            if frame.kind == MODULE:
                caller = ctx.module
                if cli_code(ctx, ctx.tree, self.calls):
                    base = CLI
                elif test_code(ctx, self.calls):
                    base = TEST
                else:
                    base = SERVING
            else:
                caller = frame.qualname
                base = bases.get(id(frame.node), "")
                if id(frame.node) not in bases:
                    base = bases[id(frame.node)] = self._base(frame)
            looped = frame.kind == ASYNC and in_spans(line, serving_loops(ctx, frame.node))
            if looped and (
                base in (CLI, TEST) or shutdown_name(frame.qualname.rpartition(".")[2], self.calls)
            ):
                # a command's retry loop (a prompt asked again) is the program's own; a loop
                # in a shut-down method drains what the object holds (mautrix's
                # `SQLiteDatabase.stop` closing its pooled connections one by one)
                looped = False
            beside = False
            if frame.kind == ASYNC and not looped:
                # handed to a join or spawner, or called in a task group's body: it runs
                # beside other work (`checks.sequential`), which no command-line program's or
                # sequential program's verdict covers (start-up code's still does)
                form = shape(ctx, frame.node, self.calls)
                beside = node_id in form.handed or in_spans(line, list(form.regions))
                if beside and base == CLI:
                    base = SERVING
            if how == SERVING or looped or frame.kind == LAMBDA:
                base = SERVING
            elif how == RUN and not base:
                base = RUN
            target = self.targets.get(node_id) or ""
            site: tuple[str, ...] = (caller, base)
            if beside:
                site = (caller, base, target, "b")
            elif target:
                site = (caller, base, target)
            uses.setdefault(name, set()).add(site)
        graph: dict[str, Any] = {}
        if uses:
            graph["u"] = {name: sorted(map(list, sites)) for name, sites in uses.items()}
        spans = sorted(
            {
                span
                for frame in ctx.frame_of.values()
                if frame.kind == ASYNC
                for span in (
                    *serving_loops(ctx, frame.node),
                    *shape(ctx, frame.node, self.calls).regions,
                )
            }
        )
        if spans:
            graph["lp"] = [list(span) for span in spans]
        registered: set[str] = set()
        decorated: list[list[Any]] = []
        for frame in ctx.frame_of.values():
            if frame.kind != ASYNC or not self._registered(frame.node):
                continue
            # `@cli.command() @coro async def install()`: the framework calls the plain
            # wrapper a runner decorator returns, and the coroutine runs as the program
            # (`rooted`), once the scan shows that decorator is one
            runner = runner_decorated(ctx, frame.node, self.calls)
            if runner is not None:
                command = int(cli_code(ctx, frame.node, self.calls))
                line = getattr(frame.node, "lineno", 0)
                decorated.append([runner, frame.qualname, line, command])
            else:
                registered.add(frame.qualname.rpartition(".")[2])
        if registered:
            graph["h"] = sorted(registered)
        if decorated:
            graph["dr"] = sorted(decorated)
        defined = runner_decorators(ctx, self.calls)
        if defined:
            graph["rd"] = defined
        if graph:
            ctx.memo["graph"] = graph

    def _registered(self, function: ast.AST) -> bool:
        """A coroutine a decorator hands to a framework (``@router.get("/{path}")``,
        ``@bot.command()``): the framework calls it while serving, whatever the scan's calls
        by the same name say (chainlit's route ``serve`` beside uvicorn's ``server.serve()``)."""
        if lifecycle(function, self.calls):
            return False
        plain = {n.rpartition(".")[2] for n in self.calls["transparent_decorators"]}
        for decorator in getattr(function, "decorator_list", ()):
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if tail(target) not in plain:
                return True
        return False

    def _base(self, frame: Any) -> str:
        """What a calling function is by its own look: ``cli``/``test`` (`one_shot_kind`),
        ``s`` (`lifecycle`), or ``""`` (its callers decide)."""
        kind = one_shot_kind(self.ctx, frame.node, self.calls)
        if kind is not None:
            return kind
        if getattr(frame.node, "name", "") in self.calls["resource_methods"]:
            return ""  # entered per use: its callers decide
        return STARTUP if startup_code(self.ctx, frame.node, self.calls) else ""


def verdict(
    views: Iterable[tuple[str, Mapping[str, Any]]],
    scripts: Mapping[str, str] | None = None,
    calls: Mapping[str, Any] | None = None,
) -> Verdict:
    """``verdict(module, name)``: what the code that runs coroutine *name* of *module* is, as
    a set of ``s``/``cli``/``test`` (every path to it must be one of them), or None when some
    path serves, nothing in the scan calls it, or the chain is deeper than `helpers.DEPTH`.
    A coroutine of a module a console script runs is a command-line program's, one of a
    registered pytest plugin test code (*scripts*: module -> ``cli`` or ``test``).

    A call the code names (``self.close()`` in ``Websocket``: ``Websocket.close``) reaches
    only a method of a class related to its own (`Lineage`): the same class, a base or a
    subclass, or one a class of the scan mixes in with it (mautrix's ``FileStateStore``
    mixes ``FileStore`` into a ``StateStore``, whose ``close`` awaits ``self.flush()``). A
    call through an object no type names may reach any method of that name, except the
    start-up and shut-down methods of an object that ends its own run (`Lineage.closers`).
    *calls* (the ``calls`` table) names the shut-down methods; without it, neither."""
    uses: dict[str, set[tuple[str, str, str]]] = {}
    lineage = Lineage(calls)
    handlers: set[str] = set()
    #: the coroutines of the scan by last name (module-level ones, methods), so that a call
    #: `quiet_own` judges names one function of its module
    defined: dict[str, set[str]] = {}
    declared = dict(scripts or {})
    views = list(views)
    alone = points(views)
    for _path, result in views:
        facts = result.get("facts")
        if facts:
            lineage.add(facts)
            for qualname in facts.get("coros", ()):
                defined.setdefault(qualname.rpartition(".")[2], set()).add(qualname)
            for owner, entry in facts.get("classes", {}).items():
                for method in entry.get("methods", ()):
                    defined.setdefault(method, set()).add(f"{owner}.{method}")
        graph = result.get("g")
        if graph:
            for name, sites in graph.get("u", {}).items():
                uses.setdefault(name, set()).update(
                    (site[0], site[1], site[2] if len(site) > 2 else "") for site in sites
                )
            handlers.update(graph.get("h", ()))
            for hook in graph.get("sh", ()):
                # registered by a statement as a start-up or shut-down hook (`checks.hooks`)
                uses.setdefault(hook, set()).add(("<hook>", STARTUP, ""))
            for command in graph.get("cm", ()):
                # a function handed to a CLI registry (`checks.commands`): its module is
                # that command's code, as a module a console script runs
                declared.setdefault(command.rpartition(".")[0], CLI)

    handlers.update(alone.unrooted)
    for root in alone.roots:
        # started by a runner decorator's wrapper (`rooted`): a runner's entry, or a command
        # when a command-line framework registers that wrapper
        uses.setdefault(root.name, set()).add(
            (root.decorator, CLI if root.command else RUN, root.qualname)
        )

    # The qualified callees through the scan's re-exports (`twscrape.api.AccountsPool` is
    # `twscrape.accounts_pool.AccountsPool`), now that every file's classes are known.
    uses = {n: {(c, b, lineage.canonical(t)) for c, b, t in s} for n, s in uses.items()}
    lineage.closing(uses)

    def served(qualname: str) -> bool:
        """Some call to *qualname* serves: a start-up method started again from a retry loop
        (red's audio ``ServerManager._start``, awaited in ``start_monitor``'s ``while True``)
        is not start-up code for what it calls."""
        return any(
            base == SERVING and lineage.reaches(target, qualname)
            for _caller, base, target in uses.get(qualname.rpartition(".")[2], ())
        )

    def scripted(qualname: str) -> str | None:
        for module, kind in declared.items():
            if qualname == module or qualname.startswith(f"{module}."):
                return kind
        return None

    memo: dict[tuple[str, bool], frozenset[str] | None] = {}

    def kinds(
        name: str, depth: int, seen: frozenset[str], once: bool, judged: str = ""
    ) -> frozenset[str] | None:
        """What the code that runs *name* is; *judged*, its qualified name when known, keeps
        only the calls that may reach that function (`Lineage.reaches`)."""
        key = judged or name
        if (key, once) in memo:
            return memo[key, once]
        if name in handlers:
            return None
        if lineage.quits(judged):
            # the framework runs it as the user quits (Textual's `action_quit`)
            return frozenset({STARTUP})
        sites = [
            (caller, base)
            for caller, base, target in sorted(uses.get(name, ()))
            if lineage.reaches(target, judged)
        ]
        if not sites:
            if lineage.ends_run(judged):
                # nothing of the scan calls it but an `async with` leaving, or its users
                # at the end of its run (twitchio's `Client.__aexit__`)
                return frozenset({STARTUP})
            return None
        found: set[str] = set()
        circled = False
        for caller, base in sites:
            if base == SERVING:
                found = set()
                break
            declared_kind = scripted(caller)
            if declared_kind:
                found.add(declared_kind)
            elif base == RUN and once:
                found.add(STARTUP)  # the program's root: its start reaches a one-time load
            elif base == STARTUP and served(caller):
                found = set()
                break
            elif base and base != RUN:
                found.add(base)
            else:
                above = caller.rpartition(".")[2]
                if caller in seen or (above in seen and lineage.reaches(caller, judged)):
                    # A circle adds no way in: the other callers decide (an override awaiting
                    # `super().close()`; twitchio's `Client.load_tokens` awaiting
                    # `self._http.load_tokens()`, the same name, when no type says which: a
                    # named receiver of an unrelated class is followed instead). Not
                    # memoised: the result leaves out a caller this path is inside.
                    circled = True
                    continue
                if depth >= DEPTH:
                    return None  # too deep: not memoised (another path may reach)
                more = kinds(above, depth + 1, seen | {above, caller}, once, caller)
                if more is None:
                    found = set()
                    break
                found |= more
        result = frozenset(found) or None
        if not circled:
            memo[key, once] = result
        return result

    def decide(
        module: str, name: str, once: bool = False, line: int | None = None, looped: bool = False
    ) -> frozenset[str] | None:
        if name.startswith(f"{module}."):
            judged, name = name, name.rpartition(".")[2]  # qualified (`quiet_own`)
        else:
            here = [q for q in defined.get(name, ()) if q.startswith(f"{module}.")]
            judged = here[0] if len(here) == 1 else ""
        if line is not None:
            here = [q for q in alone.defined.get(name, ()) if q.startswith(f"{module}.")]
            if judged in here:
                here = [judged]
            if len(here) == 1 and alone.at(here[0], line):
                # Nothing else is alive on its loop at that line, on every way the scan shows
                # into it, whoever else might call it outside the scan (`checks.sequential`).
                return frozenset({PROGRAM})
        if looped:
            return None  # in a loop that serves: only the point verdict decides there
        declared_kind = scripted(module)
        if declared_kind:
            return frozenset({declared_kind})
        found = kinds(name, 1, frozenset({name, judged} - {""}), once, judged)
        if found and STARTUP not in found and not once and not private(module, name):
            # A public coroutine only the project's own command or tests call: the project's
            # users may call it from code that serves (prefect's `workers.utilities`). One the
            # project's own start-up code calls too is part of its start-up (streamrip's
            # `Client.get_session`, awaited by every client's `login` and by a command); code
            # behind a one-time guard runs once however often users call it.
            return None
        return found

    return decide


class Lineage:
    """The scan's classes, for which calls may reach which method (`verdict`).

    Calls are matched by the callee's last name; the call graph also keeps the qualified
    callee when the code names it (``self.close()`` in a method of ``Websocket``, a receiver
    the resolver knows was built from a class: ``self._http = ManagedHTTPClient()``). Such a
    call reaches a method of another class only when the two classes are related: one derives
    from the other, or a class of the scan derives from both (a mixin: mautrix's
    ``FileStateStore(MemoryStateStore, FileStore)``, where ``StateStore.close`` awaits
    ``self.flush()`` and so runs ``FileStore.flush``). A class the scan does not define, or a
    callee that is no method, is taken to be related: nothing says otherwise.

    An object that ends its own run, a *closer*, is one whose own start-up method awaits one
    of its shut-down methods on itself (twitchio's ``Client.start``: serve until told to
    stop, then ``finally: await self.close()``; ``shutdown_methods``): it is the program's
    client, and its shut-down is the program's shut-down wherever a user writes it. Its
    start-up and shut-down methods are reached only by the calls that name its class (its
    own, a subclass's, a receiver of its class): a ``socket.close()`` or ``site.start()``
    through an object no type names is another class's (the websockets it closes, the web
    adapter it starts). A call that names it from a loop that serves (a reconnect) still
    serves. Its shut-down method that no call of the scan reaches is left by an ``async
    with`` or by its users at the end of its run: shut-down code (`ends_run`)."""

    def __init__(self, calls: Mapping[str, Any] | None) -> None:
        self.calls = dict(calls) if calls is not None and "shutdown_methods" in calls else None
        self.bases: dict[str, list[str]] = {}
        self.aliases: dict[str, str] = {}
        #: the top-level packages the scan's classes are in
        self.tops: set[str] = set()
        self._below: dict[str, set[str]] | None = None
        self._named: dict[tuple[str, str], list[str]] | None = None
        self._canonical: dict[str, str] = {}
        self._closing: dict[str, bool] = {}
        self.closers: set[str] = set()
        self._related: dict[tuple[str, str], bool] = {}
        #: the scan's coroutines by qualified name (methods and module-level ones)
        self.coros: set[str] = set()

    def add(self, facts: Mapping[str, Any]) -> None:
        self.aliases.update(facts.get("aliases", {}))
        self.coros.update(facts.get("coros", ()))
        for owner, entry in facts.get("classes", {}).items():
            self.bases[owner] = [b for b in entry.get("bases", ()) if b]
            self.tops.add(owner.partition(".")[0])

    def _class(self, name: str) -> str | None:
        """The class of the scan *name* is, through re-exports, or else the one class of
        that name in the same top-level package (a star import re-exports it unseen)."""
        for _hop in range(4):
            if name in self.bases:
                return name
            if name not in self.aliases:
                break
            name = self.aliases[name]
        if self._named is None:
            named: dict[tuple[str, str], list[str]] = {}
            for cls in self.bases:
                named.setdefault((cls.partition(".")[0], cls.rpartition(".")[2]), []).append(cls)
            self._named = named
        alike = self._named.get((name.partition(".")[0], name.rpartition(".")[2]), [])
        return alike[0] if len(alike) == 1 else None

    def canonical(self, target: str) -> str:
        """*target* with its class (or itself) named where the scan defines it."""
        if not target:
            return target
        found = self._canonical.get(target)
        if found is None:
            owner, _, method = target.rpartition(".")
            cls = self._class(owner)
            if cls is not None:
                found = f"{cls}.{method}"
            else:
                found = target
                for _hop in range(4):
                    if found not in self.aliases:
                        break
                    found = self.aliases[found]
            self._canonical[target] = found
        return found

    def owner(self, qualname: str) -> str | None:
        """The scan's class *qualname* is a method of, or None."""
        return self._class(qualname.rpartition(".")[0]) if qualname else None

    def below(self, cls: str) -> set[str]:
        """*cls* and every class of the scan that derives from it."""
        if self._below is None:
            below: dict[str, set[str]] = {}
            for cls_name in self.bases:
                todo, seen = [cls_name], {cls_name}
                while todo:
                    current = todo.pop()
                    below.setdefault(current, set()).add(cls_name)
                    for base in self.bases.get(current, ()):
                        found = self._class(base)
                        if found is not None and found not in seen:
                            seen.add(found)
                            todo.append(found)
            self._below = below
        return self._below.get(cls, {cls})

    def related(self, one: str, other: str) -> bool:
        if one == other:
            return True
        key = (one, other) if one < other else (other, one)
        if key not in self._related:
            self._related[key] = bool(self.below(one) & self.below(other))
        return self._related[key]

    def shutdown(self, qualname: str) -> bool:
        return self.calls is not None and shutdown_name(qualname.rpartition(".")[2], self.calls)

    def closing(self, uses: Mapping[str, set[tuple[str, str, str]]]) -> None:
        """Find the closers: a start-up method (not itself a shut-down one) awaiting a
        shut-down method it names on its own class (`Lineage`)."""
        if self.calls is None:
            return
        for name, sites in uses.items():
            if not shutdown_name(name, self.calls):
                continue
            for caller, base, target in sites:
                if base not in (STARTUP, RUN) or not target or self.shutdown(caller):
                    continue
                mine, theirs = self.owner(caller), self.owner(target)
                if mine is not None and theirs is not None and self.related(mine, theirs):
                    self.closers.add(theirs)

    def closer(self, qualname: str) -> bool:
        """*qualname* is a start-up or shut-down method of an object that ends its own run."""
        if not self.closers or self.calls is None:
            return False
        cls = self.owner(qualname)
        name = qualname.rpartition(".")[2]
        if cls is None or not (self.shutdown(qualname) or lifecycle_name(name, self.calls)):
            return False
        if cls not in self._closing:
            self._closing[cls] = any(self.related(cls, closer) for closer in self.closers)
        return self._closing[cls]

    def quits(self, qualname: str) -> bool:
        """*qualname* is an interactive application's quit hook (``ui_close_hooks``: Textual's
        ``action_quit`` in a class deriving, through the scan's own classes, from
        ``textual.app.App``): the framework runs it once as the user quits, shut-down code
        like ``close()``. A method of that name in a class of no such base is the user's own."""
        if self.calls is None or not qualname:
            return False
        hooks = self.calls.get("ui_close_hooks") or {}
        wanted = frozenset(hooks.get(qualname.rpartition(".")[2], ()))
        cls = self.owner(qualname)
        if not wanted or cls is None:
            return False
        todo, seen = [cls], {cls}
        while todo:
            for base in self.bases.get(todo.pop(), ()):
                if base in wanted:
                    return True
                found = self._class(base)
                if found is not None and found not in seen:
                    seen.add(found)
                    todo.append(found)
        return False

    def ends_run(self, qualname: str) -> bool:
        return bool(qualname) and self.shutdown(qualname) and self.closer(qualname)

    def reaches(self, target: str, judged: str) -> bool:
        """Whether a call recorded with *target* (``""``: through an object no type names)
        may run the function *judged* (``""``: unknown, any of that name)."""
        if not judged or target == judged:
            return True
        if not target:
            return not self.closer(judged)
        mine, theirs = self.owner(target), self.owner(judged)
        if theirs is None:
            # two module-level coroutines of the scan: a call that names one never runs the
            # other (lnbits' API awaits `services.extensions.install_extension`, its
            # `lnbits-cli` the `commands` module's own `install_extension`)
            return not (judged in self.coros and target in self.coros and mine is None)
        if mine is None:
            # a library's class (`aiohttp.web.TCPSite().start()`) runs none of the scan's
            # methods; a name of the scan's own packages the aliases did not resolve may
            return target.partition(".")[0] in self.tops
        return self.related(mine, theirs)


def private(module: str, name: str) -> bool:
    """A ``_name`` coroutine, or one in a ``_private`` module or package (``redbot.core.utils.
    _internal_utils``, ``redbot.core._drivers``): nothing outside the project calls it, so the
    scan sees every call."""
    return any(
        part.startswith("_") and not part.startswith("__") for part in (*module.split("."), name)
    )


def quiet(kinds: frozenset[str] | None, fix: str, calls: Mapping[str, Any]) -> bool:
    """Whether a blocking call with *fix* stalls nobody in code of every one of *kinds*."""
    if not kinds:
        return False
    return all(
        fix in calls["setup_fixes"] if kind == STARTUP else one_shot_quiet(kind, fix, dict(calls))
        for kind in kinds
    )


def quiet_own(
    result: Mapping[str, Any], module: str, decide: Verdict, calls: Mapping[str, Any]
) -> list[Any]:
    """*result*'s own findings without the deferred ADV101 ones the verdict makes quiet."""
    own: list[Any] = list(result.get("f", ()))
    deferred = (result.get("g") or {}).get("s")
    if not deferred or not own:
        return own
    dropped = set()
    for line, shown, fix, coroutine, *marks in deferred:
        guarded, looped = bool(marks and marks[0]), len(marks) > 1
        if quiet(decide(module, coroutine, False, line, looped), fix, calls) or (
            guarded and quiet(decide(module, coroutine, True, line, looped), fix, calls)
        ):
            dropped.add((line, shown))
    if not dropped:
        return own
    return [f for f in own if not (f[2] == "ADV101" and (f[0], f[3].get("call")) in dropped)]


def script_modules(files: Iterable[tuple[str, str, bool]]) -> dict[str, str]:
    """The modules the console scripts of the scanned projects run (``redbot-setup =
    "redbot.setup:run_cli"`` -> ``redbot.setup: cli``) and the pytest plugins they register
    (``pytest11``: ``redbot.pytest: test``), read by the one reader of project metadata
    (`advisor.lint.declared`) in each project folder: the folder above each file's
    top-level package. *files*: (absolute path, module, is_package)."""
    folders: set[str] = set()
    for abspath, module, is_package in files:
        folder = abspath
        for _level in range(module.count(".") + 1 + int(is_package)):
            folder = os.path.dirname(folder)
        folders.add(folder)
    found = sorted(f for f in folders if _declares(f))
    if not found:
        return {}
    from advisor.lint.declared import pytest_plugins, script_targets

    kinds = {t.partition(":")[0]: CLI for t in script_targets(found) if ":" in t}
    kinds.update(dict.fromkeys(pytest_plugins(found), TEST))
    return kinds


def _declares(folder: str) -> bool:
    return any(
        os.path.isfile(os.path.join(folder, name))
        for name in ("pyproject.toml", "setup.cfg", "setup.py")
    )
