"""Terminal dialogs: a loop in a coroutine that waits on the keyboard at every turn.

crawl4ai's ``BrowserProfiler.interactive_manager`` (``crwl profiles``) and maigret's
``Submitter.add_site`` edit dialog are menus: ``while True:`` print the choices, ``choice =
input(...)``, act on it (list the profiles folder, delete one, ask for a field's new value),
go round again. Every turn of such a loop blocks the event loop's thread on ``input()`` by
design: the person at the terminal is the only one the loop works for, and a listing or a
file read between two prompts delays nobody who is not already waiting at the keyboard. The
loop is judged as a command-line program's own code (`code_kinds.one_shot_quiet`: every
blocking call in it is quiet but a wait on another thread and a nested ``asyncio.run``), as
a branch that ends the program is (`checks.exits`, whose spans these join).

Only a loop whose own body asks at every turn counts: a statement directly in the loop's
body (not under an ``if``, a ``try`` or a nested loop) that calls the built-in ``input()``
or ``getpass.getpass()``. Still reported, on purpose:

- ``input()`` outside such a loop: a handler that asks the terminal once per message stalls
  every other message meanwhile (``ADV101_login_prompt``'s ``on_message``);
- a dialog that runs beside other work of the same function: inside ``async with`` a task
  group or a connection that keeps a task of its own (falcon's websocket tutorial client,
  whose ``input()`` stops the keepalive pings), or while a task the function started is not
  yet joined (`sequential_life.life`'s spans);
- a coroutine the file hands to a spawner or a join, or awaits in such a region
  (`sequential_shape.runs_concurrently`): the dialog then shares the loop with other tasks.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

from advisor.lint.checks.helpers import repeating_span, statements
from advisor.lint.statements import walk

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def prompt_spans(ctx: FileContext, function: ast.AST) -> list[tuple[int, int]]:
    """The line spans of *function*'s loops that ask the terminal at every turn and run with
    nothing else of the function alive (the module doc), computed once per function."""
    key = ("prompt_spans", id(function))
    found: list[tuple[int, int]] | None = ctx.memo.get(key)
    if found is not None:
        return found
    found = []
    if isinstance(function, ast.AsyncFunctionDef):
        from advisor.lint import _data

        calls: dict[str, Any] = _data.bundle()["calls"]
        prompts = frozenset(calls["dialog_prompts"])
        loops = [loop for loop in _loops(function.body) if _asks_every_turn(ctx, loop, prompts)]
        if loops:
            found = _alone(ctx, function, loops, calls)
    ctx.memo[key] = found
    return found


def _loops(body: list[ast.stmt]) -> list[ast.While | ast.For]:
    """The ``while`` and ``for`` loops among *body*'s statements and the blocks nested in
    them, not inside nested functions or classes (an ``async for`` iterates a stream: its
    producer is alive while the body runs, so it is no dialog)."""
    return [
        stmt
        for stmt in statements(body, past=(*_NESTED, ast.AsyncFor))
        if isinstance(stmt, (ast.While, ast.For))
    ]


def _asks_every_turn(ctx: FileContext, loop: ast.While | ast.For, prompts: frozenset[str]) -> bool:
    """Whether a statement directly in *loop*'s body calls ``input()``/``getpass()``."""
    for stmt in loop.body:
        if isinstance(stmt, (*_NESTED, ast.If, ast.Try, ast.While, ast.For, ast.AsyncFor)):
            continue
        if isinstance(stmt, (ast.With, ast.AsyncWith, ast.Match)):
            continue
        for node in walk(stmt):
            if isinstance(node, ast.Lambda):
                break
            if isinstance(node, ast.Call) and _is_prompt(ctx, node.func, prompts):
                return True
    return False


def _is_prompt(ctx: FileContext, func: ast.expr, prompts: frozenset[str]) -> bool:
    """``input(...)`` (the built-in: a module's own ``input`` is not) or ``getpass()``."""
    return isinstance(func, (ast.Name, ast.Attribute)) and ctx.qualify(func) in prompts


def _alone(
    ctx: FileContext,
    function: ast.AsyncFunctionDef,
    loops: list[ast.While | ast.For],
    calls: dict[str, Any],
) -> list[tuple[int, int]]:
    """The spans of *loops* that run with nothing else of *function* alive: not in a span of
    work it started (`sequential_life.life`), in a coroutine the file does not run beside other
    work (`sequential_shape.runs_concurrently`)."""
    from advisor.lint.checks.sequential_life import life
    from advisor.lint.checks.sequential_shape import runs_concurrently

    if runs_concurrently(ctx, function, calls):
        return []
    alive = life(ctx, function, calls).spans
    found = []
    for loop in loops:
        end = repeating_span(loop)[1]
        if any(start <= end and loop.lineno <= stop for start, stop in alive):
            continue
        found.append((loop.lineno, end))
    return found
