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

Here is the per-file half, the call graph (`CallGraph`); the join is `checks.verdict`, and which
classes a named call may reach is `checks.lineage`.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.bindings import BUILTINS
from advisor.lint.callees import call_values, tail
from advisor.lint.checks.base import ASYNC, LAMBDA, MODULE, Check, FileContext, register
from advisor.lint.checks.code_kinds import (
    cli_code,
    lifecycle,
    lifecycle_hooks,
    one_shot_kind,
    shutdown_name,
    startup_code,
    test_code,
)
from advisor.lint.checks.helpers import in_spans, named_target, runs_program, serving_loops
from advisor.lint.checks.hooks import REGISTERING, hook_targets
from advisor.lint.checks.rooted import (
    only_wrapping,
    passing_wrappers,
    runner_decorated,
    runner_decorators,
    thread_marked,
)
from advisor.lint.checks.runner_calls import handed_to_runner
from advisor.lint.checks.sequential_shape import shape

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
#: The mark of a call site that runs its coroutine beside other work (handed to a spawner or a
#: join, or called in a task group's body): `verdict` never gives such a coroutine a console
#: script's command-line verdict.
BESIDE = "b"


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
        #: the calls handed to a spawner (``create_task(f())``), from any code (`BESIDE`)
        self.spawned: set[int] = set()
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
                    self.spawned.add(id(node))
                elif frame.kind != ASYNC and (
                    self._runner(parent)
                    or handed_to_runner(self.ctx, node, parent, frame, self.calls)
                ):
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
            beside = beside or node_id in self.spawned
            if how == SERVING or looped or frame.kind == LAMBDA:
                base = SERVING
            elif how == RUN and not base:
                base = RUN
            target = self.targets.get(node_id) or ""
            site: tuple[str, ...] = (caller, base)
            if beside:
                site = (caller, base, target, BESIDE)
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
        wrapped: dict[int, list[Any]] = {}  # `rooted.passing_wrappers` under a runner only
        handed: set[int] = set()
        for frame in ctx.frame_of.values():
            if frame.kind != ASYNC:
                continue
            if not self._registered(frame.node):
                if getattr(frame.node, "decorator_list", None):
                    # only wrapped (`rooted.only_wrapping`): whoever calls it by name runs
                    # the wrapper too, so that wrapper is no runner's alone
                    handed.update(id(wrapper) for wrapper in passing_wrappers(ctx, frame.node))
                continue
            # `@cli.command() @coro async def install()`: the framework calls the plain
            # wrapper a runner decorator returns, and the coroutine runs as the program
            # (`rooted`), once the scan shows that decorator is one
            runner = runner_decorated(ctx, frame.node, self.calls)
            wrappers = passing_wrappers(ctx, frame.node)
            if runner is not None:
                command = int(cli_code(ctx, frame.node, self.calls))
                line = getattr(frame.node, "lineno", 0)
                decorated.append([runner, frame.qualname, line, command])
                for wrapper in wrappers:  # the pass-through wrapper the runner starts
                    inner = ctx.frame_of[id(wrapper)].qualname
                    wrapped[id(wrapper)] = [runner, inner, wrapper.lineno, command]
            else:
                registered.add(frame.qualname.rpartition(".")[2])
                handed.update(id(wrapper) for wrapper in wrappers)
        decorated.extend(entry for key, entry in wrapped.items() if key not in handed)
        if registered:
            graph["h"] = sorted(registered)
        if decorated:
            graph["dr"] = sorted(decorated)
        defined = runner_decorators(ctx, self.calls)
        # a library's thread-loop decorator (`rooted.thread_runner`) is defined by no file of
        # the scan: the file that uses it says it is one
        defined.extend(sorted({d[0] for d in decorated if thread_marked(d[0])} - {*defined}))
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
        frame = self.ctx.frame_of.get(id(function))
        owner = frame.cls[1] if frame is not None and frame.cls is not None else None
        if owner is not None and function not in owner.body:
            owner = None  # nested in a method: the class body is not its scope
        for decorator in getattr(function, "decorator_list", ()):
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if tail(target) not in plain and not only_wrapping(self.ctx, decorator, owner):
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
