"""ADV101: a coroutine handed to the project's own *runner function* is a program's entry.

Command-line programs built on typer or click cannot hand a coroutine to the framework, so
each plain command builds its coroutine and gives it to one helper of the program that runs
it to its end on the program's loop (bittensor-cli's ``btcli``, ``CLIManager._run_command``):

    def _run_command(self, cmd):
        async def _run():
            await self.subtensor.initialize()
            return await cmd
        return self.event_loop.run_until_complete(_run())

    def wallet_list(self, path):            # a typer command
        return self._run_command(wallets.wallet_list(path))

That call is ``loop.run_until_complete(wallets.wallet_list(path))`` written one call away: the
coroutine runs alone, as the whole program, exactly as ``asyncio.run(main())``'s entry
(`once.CallGraph`'s ``RUN``, `sequential_points.Points`). A *runner function* is a plain
``def`` of the same file (a module-level function, or a method of the caller's own class
called through ``self``) one parameter of which is handed straight to a program runner
(``calls.yaml`` ``program_runners``, ``loop_run_methods``: ``asyncio.run(cmd)``,
``loop.run_until_complete(cmd)``), or only awaited (``await cmd``) by a nested ``async def``
the function hands to such a runner (the one other use allowed is cancelling it unstarted,
``create_task(cmd).cancel()``). A helper that does anything else with it (gathers it with
other work, hands it to ``create_task`` and keeps the task, to a thread) is none: the
coroutine may run beside other work there, and stays reported. Runner functions of another
module are not followed (each file's walk knows its own defs only).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

from advisor.lint.callees import tail
from advisor.lint.checks.base import ASYNC, FileContext
from advisor.lint.checks.helpers import class_members, own_nodes, runs_program
from advisor.lint.statements import walk

#: What the file's text must hold for a runner function to be in it (a cheap first test: the
#: call graph asks about every call made inside another call's arguments in plain code).
_RUN_WORDS = ("run_until_complete", ".run(")


def handed_to_runner(
    ctx: FileContext, node: ast.Call, parent: ast.AST | None, frame: Any, calls: Mapping[str, Any]
) -> bool:
    """Whether *node*, called in plain code, is the coroutine argument of a call to one of
    this file's runner functions (see the module)."""
    if type(parent) is not ast.Call or frame.kind == ASYNC:
        return False
    assert isinstance(parent, ast.Call)
    texts = ctx.memo.get("runner_text")
    if texts is None:
        text = ctx.text or ""
        texts = ctx.memo["runner_text"] = any(word in text for word in _RUN_WORDS)
    if not texts:
        return False
    found = _definition(ctx, parent.func, frame)
    if found is None:
        return False
    definition, method = found
    slot = _slot(ctx, definition, method, calls)
    if slot is None:
        return False
    name, index = slot
    if index < len(parent.args) and parent.args[index] is node:
        return True
    return any(k.arg == name and k.value is node for k in parent.keywords)


def _definition(
    ctx: FileContext, func: ast.expr, frame: Any
) -> tuple[ast.FunctionDef, bool] | None:
    """The plain ``def`` a call names in this file: a method of the caller's own class through
    ``self`` (with True: its first parameter is the instance), or a function by name."""
    if isinstance(func, ast.Attribute):
        if (
            not isinstance(func.value, ast.Name)
            or frame.cls is None
            or func.value.id != frame.self_name
        ):
            return None
        for stmt in class_members(ctx, frame.cls[1]).get(func.attr, ()):
            if isinstance(stmt, ast.FunctionDef):
                static = any(tail(d) == "staticmethod" for d in stmt.decorator_list)
                return stmt, not static
        return None
    if isinstance(func, ast.Name):
        binding = ctx.resolver.lookup(func.id, ctx.scope)
        if (
            binding is not None
            and binding.kind == "def"
            and isinstance(binding.node, ast.FunctionDef)
        ):
            return binding.node, False
    return None


def _slot(
    ctx: FileContext, function: ast.FunctionDef, method: bool, calls: Mapping[str, Any]
) -> tuple[str, int] | None:
    """The parameter of runner function *function* that holds the coroutine, and its position
    among the call's arguments; None when *function* is no runner function. Memoised."""
    kept: dict[int, tuple[str, int] | None] = ctx.memo.setdefault("runner_slots", {})
    if id(function) in kept:
        return kept[id(function)]
    params = [*function.args.posonlyargs, *function.args.args][int(method) :]
    found: tuple[str, int] | None = None
    runners = frozenset(calls["program_runners"])
    run_methods = frozenset(calls["loop_run_methods"])
    tails = {n.rpartition(".")[2] for n in runners} | run_methods
    nested = {n.name: n for n in own_nodes(function) if isinstance(n, ast.AsyncFunctionDef)}
    for node in own_nodes(function):
        if not runs_program(ctx, node, runners, run_methods, tails):
            continue
        assert isinstance(node, ast.Call)
        entry = node.args[0]
        for index, param in enumerate(params):
            if isinstance(entry, ast.Name) and entry.id == param.arg:
                found = (param.arg, index)  # `loop.run_until_complete(cmd)`
            elif (
                isinstance(entry, ast.Call)
                and isinstance(entry.func, ast.Name)
                and entry.func.id in nested
                and _only_awaits(nested[entry.func.id], param.arg)
            ):
                found = (param.arg, index)  # `run_until_complete(_run())`, `_run` awaits it
            if found:
                break
        if found:
            break
    kept[id(function)] = found
    return found


def _only_awaits(function: ast.AsyncFunctionDef, name: str) -> bool:
    """Whether *function* awaits *name* where it stands and uses it no other way than
    cancelling it unstarted (``asyncio.create_task(cmd).cancel()``)."""
    parents: dict[int, ast.AST] = {}
    uses: list[ast.Name] = []
    for node in walk(function):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
        if isinstance(node, ast.Name) and node.id == name:
            uses.append(node)
    awaited = False
    for use in uses:
        above = parents.get(id(use))
        if isinstance(use.ctx, ast.Store):
            return False  # rebound: no longer the parameter
        if isinstance(above, ast.Await):
            awaited = True
            continue
        over = parents.get(id(above)) if isinstance(above, ast.Call) else None
        if not (isinstance(over, ast.Attribute) and over.attr == "cancel"):
            return False
    return awaited


def plain_method(ctx: FileContext, ref: ast.Attribute, frame: Any) -> bool:
    """``self.wallet_list`` handed by reference (typer's ``app.command()(self.wallet_list)``)
    where the caller's own class defines ``wallet_list`` as a plain ``def``: that method, not
    a coroutine of the same last name elsewhere (``wallets.wallet_list``, the command's
    coroutine), is what is handed on."""
    if not isinstance(ref.value, ast.Name) or frame.cls is None or ref.value.id != frame.self_name:
        return False
    named = class_members(ctx, frame.cls[1]).get(ref.attr, ())
    return any(isinstance(stmt, ast.FunctionDef) for stmt in named) and not any(
        isinstance(stmt, ast.AsyncFunctionDef) for stmt in named
    )
