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

- a caller is start-up or shut-down code by its own look (`helpers.lifecycle`), a
  command-line program's or test code (`helpers.one_shot_kind`, or a module a console script
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
  coroutine of that name reported. Only a call that can run a coroutine counts: awaited,
  handed on, returned or kept, not one whose result is dropped (``writer.close()`` as a
  statement, which would never run a coroutine) nor the builtin ``open()`` (mautrix's
  ``FileStore.open``). A coroutine no code of the scan calls (a library's public method, a
  handler a framework dispatches) is reported as before.

Code behind a one-time guard the function keeps itself (`helpers.once_guarded`: a flag tested
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
waits and a nested run (`helpers.one_shot_quiet`). The direct calls are reported per file and
marked ``deferred`` (`blocking.BlockingCall.finish`); the join drops those the verdict makes
quiet (`quiet_own`), and `reach.resolve` asks the verdict for chains.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Protocol

from advisor.lint.checks.base import ASYNC, LAMBDA, MODULE, Check, FileContext, register
from advisor.lint.checks.helpers import (
    DEPTH,
    cli_code,
    in_spans,
    lifecycle,
    lifecycle_hooks,
    one_shot_kind,
    one_shot_quiet,
    serving_loops,
    startup_code,
    test_code,
)
from advisor.lint.checks.hooks import REGISTERING, hook_targets
from advisor.lint.checks.sequential import points, shape
from advisor.lint.names import BUILTINS, tail

#: A call's parent when the call is handed on rather than made (``create_task(x())``,
#: ``gather(*[c.connect() for c in cs])``, ``run_until_complete(x())``): from a plain `def`,
#: only these can run a coroutine; a bare ``x()`` there is a missing await (ADV102).
_HANDED = (ast.Call, ast.Starred, ast.List, ast.Tuple, ast.ListComp, ast.GeneratorExp, ast.keyword)
#: What a verdict is made of: start-up or shut-down code, a command-line program, test code,
#: a program that runs one thing at a time (`checks.sequential`); and what a call site is
#: besides: code that serves, and a runner starting a program's entry coroutine. A plain
#: function handing a coroutine to a runner (``asyncio.run(f())``) is the root of a program:
#: its callers decide, as for ``""``, except for code behind a one-time guard (`verdict`'s
#: *once*), which the program's start reaches.
STARTUP, CLI, TEST, PROGRAM, SERVING, RUN = "s", "cli", "test", "p", "x", "r"


class Verdict(Protocol):
    """`verdict`'s answer: ``decide(module, name)``, or ``decide(module, name, True)`` for
    code behind a one-time guard; with *line*, the point verdict too (`checks.sequential`),
    alone when the call is in a loop that serves (*looped*)."""

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

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        frame = self.ctx.frame
        if (frame.kind == ASYNC and type(parent) is not ast.Expr) or type(parent) in _HANDED:
            # A coroutine called as a statement of its own never runs (ADV102 says so): such
            # a call (`writer.close()`, a plain method) is no way into a coroutine.
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
        hooked = (
            hook_targets(node, self.hook_names, self.hook_events)
            if tail(node.func) in REGISTERING
            else ()
        )
        for arg in (*node.args, *(k.value for k in node.keywords)):
            if any(arg is hook for hook in hooked):
                continue  # a start-up hook (`checks.hooks`), not a callback that serves
            if isinstance(arg, ast.Attribute) and isinstance(arg.ctx, ast.Load):
                self.sites.append((arg.attr, frame, node.lineno, SERVING, 0))
            elif isinstance(arg, ast.Name):
                binding = self.ctx.resolver.bindings(self.ctx.resolver.module_scope).get(arg.id)
                if binding is not None and binding.kind in ("def", "import"):
                    name = self._callee(arg) or arg.id
                    self.sites.append((name, frame, node.lineno, SERVING, id(arg)))

    def _target(self, func: ast.expr, frame: Any) -> str:
        """The qualified name of the function a call reaches, when the code names it: a
        module-level function or an import (``fetch(url)``), a method of the caller's own
        class (``self.fetch(url)``); ``""`` for a call through an object."""
        if isinstance(func, ast.Name):
            binding = self.ctx.resolver.lookup(func.id, self.ctx.scope)
            if binding is not None and binding.kind in ("def", "import"):
                return self.ctx.qualify(func) or ""
            return ""
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and frame.cls is not None
            and func.value.id == frame.self_name
        ):
            return f"{frame.cls[0]}.{func.attr}"
        return ""

    def _runner(self, node: ast.AST | None) -> bool:
        """``asyncio.run(...)``, ``anyio.run(...)``, ``loop.run_until_complete(...)``."""
        if type(node) is not ast.Call:
            return False
        assert isinstance(node, ast.Call)
        name = tail(node.func)
        if name not in self.runner_tails or not node.args:
            return False
        return name in self.run_methods or self.ctx.qualify(node.func) in self.runners

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
            if looped and base in (CLI, TEST):
                looped = False  # a command's retry loop (a prompt asked again): the program
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
        handlers = sorted(
            {
                frame.qualname.rpartition(".")[2]
                for frame in ctx.frame_of.values()
                if frame.kind == ASYNC and self._registered(frame.node)
            }
        )
        if handlers:
            graph["h"] = handlers
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
    views: Iterable[tuple[str, Mapping[str, Any]]], scripts: Mapping[str, str] | None = None
) -> Verdict:
    """``verdict(module, name)``: what the code that runs coroutine *name* of *module* is, as
    a set of ``s``/``cli``/``test`` (every path to it must be one of them), or None when some
    path serves, nothing in the scan calls it, or the chain is deeper than `helpers.DEPTH`.
    A coroutine of a module a console script runs is a command-line program's, one of a
    registered pytest plugin test code (*scripts*: module -> ``cli`` or ``test``)."""
    uses: dict[str, set[tuple[str, str]]] = {}
    handlers: set[str] = set()
    declared = dict(scripts or {})
    views = list(views)
    alone = points(views)
    for _path, result in views:
        graph = result.get("g")
        if graph:
            for name, sites in graph.get("u", {}).items():
                uses.setdefault(name, set()).update((site[0], site[1]) for site in sites)
            handlers.update(graph.get("h", ()))
            for hook in graph.get("sh", ()):
                # registered by a statement as a start-up or shut-down hook (`checks.hooks`)
                uses.setdefault(hook, set()).add(("<hook>", STARTUP))
            for command in graph.get("cm", ()):
                # a function handed to a CLI registry (`checks.commands`): its module is
                # that command's code, as a module a console script runs
                declared.setdefault(command.rpartition(".")[0], CLI)

    def served(name: str) -> bool:
        """Some call to *name* serves: a start-up method started again from a retry loop
        (red's audio ``ServerManager._start``, awaited in ``start_monitor``'s ``while True``)
        is not start-up code for what it calls."""
        return any(base == SERVING for _caller, base in uses.get(name, ()))

    def scripted(qualname: str) -> str | None:
        for module, kind in declared.items():
            if qualname == module or qualname.startswith(f"{module}."):
                return kind
        return None

    memo: dict[tuple[str, bool], frozenset[str] | None] = {}

    def kinds(name: str, depth: int, seen: frozenset[str], once: bool) -> frozenset[str] | None:
        if (name, once) in memo:
            return memo[name, once]
        sites = uses.get(name)
        if not sites or name in handlers:
            return None
        found: set[str] = set()
        circled = False
        for caller, base in sorted(sites):
            if base == SERVING:
                found = set()
                break
            declared_kind = scripted(caller)
            if declared_kind:
                found.add(declared_kind)
            elif base == RUN and once:
                found.add(STARTUP)  # the program's root: its start reaches a one-time load
            elif base == STARTUP and served(caller.rpartition(".")[2]):
                found = set()
                break
            elif base and base != RUN:
                found.add(base)
            else:
                above = caller.rpartition(".")[2]
                if above in seen:
                    # A circle adds no way in: the other callers decide (twitchio's
                    # `Client.load_tokens` awaits `self._http.load_tokens()`, the same name).
                    # Not memoised: the result leaves out a caller this path is inside.
                    circled = True
                    continue
                if depth >= DEPTH:
                    return None  # too deep: not memoised (another path may reach)
                more = kinds(above, depth + 1, seen | {above}, once)
                if more is None:
                    found = set()
                    break
                found |= more
        result = frozenset(found) or None
        if not circled:
            memo[name, once] = result
        return result

    def decide(
        module: str, name: str, once: bool = False, line: int | None = None, looped: bool = False
    ) -> frozenset[str] | None:
        if line is not None:
            here = [q for q in alone.defined.get(name, ()) if q.startswith(f"{module}.")]
            if len(here) == 1 and alone.at(here[0], line):
                # Nothing else is alive on its loop at that line, on every way the scan shows
                # into it, whoever else might call it outside the scan (`checks.sequential`).
                return frozenset({PROGRAM})
        if looped:
            return None  # in a loop that serves: only the point verdict decides there
        declared_kind = scripted(module)
        if declared_kind:
            return frozenset({declared_kind})
        found = kinds(name, 1, frozenset({name}), once)
        if found and STARTUP not in found and not once and not private(module, name):
            # A public coroutine only the project's own command or tests call: the project's
            # users may call it from code that serves (prefect's `workers.utilities`). One the
            # project's own start-up code calls too is part of its start-up (streamrip's
            # `Client.get_session`, awaited by every client's `login` and by a command); code
            # behind a one-time guard runs once however often users call it.
            return None
        return found

    return decide


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
        name = coroutine.rpartition(".")[2]
        guarded, looped = bool(marks and marks[0]), len(marks) > 1
        if quiet(decide(module, name, False, line, looped), fix, calls) or (
            guarded and quiet(decide(module, name, True, line, looped), fix, calls)
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
