"""Blocking calls made once, before the event loop starts, in functions only its starter calls
(issue 19: aoe2-telegram-bot's ``main()`` calls ``bootstrap()``, which downloads and unzips
the audio archives with ``requests``, then ``application.run_polling()`` starts the loop
whose handlers only await python-telegram-bot).

A blocking call written in the synchronous function that starts the loop is already context
(`advisor.evidence.libraries._outside_the_loop`); one call away it was a vote for
``--async-libs no``, though it runs just as once: what the loop's handlers call decides, not
the program's start-up. Here the functions called only by loop starters (the function that
calls ``asyncio.run``, ``run_until_complete``, ``run_forever`` or an async framework's
``run_polling``), directly or through other such functions, are found by the callers the
main path's graph resolves, as `advisor.evidence.runs_once.at_import_only` does for code run
at import. A caller of unknown type, or any other caller, keeps the vote: the function may
then run per task. Step of `advisor.evidence.conclude.apply_main_path`.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.evidence.observed import Location
from advisor.evidence.startup_chain import chained, retry_names
from advisor.evidence.units import MODULE, Unit
from advisor.evidence.walk import Reader, register
from advisor.inference import Evidence

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: Units followed up their callers: output and time stay bounded.
_WALK = 200

#: A caller whose receiver's type is unknown (``obj.setup()``): anyone may be calling.
_UNKNOWN: Unit = ("", "")


@register(ast.Module)
def coroutines(r: Reader, node: ast.Module) -> None:
    """The file's coroutines and coroutine methods, as units (``f``, ``C.m``): a coroutine
    runs on the loop as a task (heralding's hourly public-IP lookup started by
    ``ensure_future`` before the loop), so what it calls is never start-up, unless the loop is
    started with it (``asyncio.run(main())``) and it calls it outside its loops."""
    if "async def" not in r.source.text:
        return
    stack: list[tuple[str, ast.AST]] = [("", node)]
    while stack:
        prefix, parent = stack.pop()
        for item in ast.iter_child_nodes(parent):
            if isinstance(item, ast.AsyncFunctionDef):
                unit = (r.source.path, prefix + item.name)
                r.g.coroutine_units.add(unit)
                # What it calls once, outside its loops: start-up, when the event loop is
                # started with it (matrix-reminder-bot's ``Storage(client)`` in ``main()``).
                r.g.coroutine_calls[unit] = _calls_in(item.body, loops=False)
                r.g.retry_calls[unit] = retry_names(item.body)
            elif isinstance(item, ast.ClassDef):
                stack.append((f"{prefix}{item.name}.", item))


def called_names(function: ast.FunctionDef, start: ast.Call) -> frozenset[str]:
    """The names *function* calls before the statement of its body that starts the loop
    (*start*): ``bootstrap`` of ``bootstrap(folder)``, ``setup`` of ``self.setup()``, not in
    functions nested in it. A handler only handed over (``CommandHandler("sound", sound)``)
    is referenced, not called, and runs per task; a call in another branch of the ``if``
    that starts the loop (sshuttle's clean-up mode) runs instead of the loop, not before it."""
    before: list[ast.stmt] = []
    for statement in function.body:
        if any(node is start for node in ast.walk(statement)):
            break
        before.append(statement)
    return _calls_in(before, loops=True)


def _calls_in(statements: list[ast.stmt], *, loops: bool) -> frozenset[str]:
    """The names called in *statements* (``f`` of ``f()`` and ``x.f()``), not in functions
    nested there, nor in loops unless *loops*."""
    found: set[str] = set()
    stack: list[ast.AST] = list(statements)
    skipped: tuple[type[ast.AST], ...] = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
    skipped += (ast.ClassDef,)
    if not loops:
        skipped += (ast.For, ast.AsyncFor, ast.While)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name:
                found.add(name)
        stack.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, skipped))
    return frozenset(found)


def callers_of(
    g: Gatherer, units: set[Unit], starters: dict[Unit, frozenset[str]]
) -> dict[Unit, set[Unit]]:
    """Each of *units* (and, transitively, each caller found) -> the units that call it,
    resolved as the main path resolves calls; `_UNKNOWN` for a method of an unknown object,
    and for a loop starter that only references it (a handler it hands over)."""
    from advisor.evidence.follow import _last_name, _resolver, _Walk

    graph = g.graph
    walk = _Walk(graph, _resolver(graph))
    found_by: dict[Unit, set[Unit]] = {}
    todo = [u for u in units if u[1] != MODULE]
    while todo and len(found_by) < _WALK:
        unit = todo.pop()
        if unit in found_by:
            continue
        last = unit[1].rsplit(".", 1)[-1]
        if last == "__init__" and "." in unit[1]:
            last = unit[1].rsplit(".", 2)[-2]  # ``Storage(client)`` calls ``Storage.__init__``
        found: set[Unit] = set()
        for caller, targets in graph.edges.items():
            for target in targets:
                if _last_name(target) != last:
                    continue
                if caller in starters and last not in starters[caller]:
                    found.add(_UNKNOWN)
                    continue
                if target[0] == "meth":
                    found.add(_UNKNOWN)
                elif target[0] == "self":
                    if (target[1], f"{target[2]}.{target[3]}") == unit:
                        found.add(caller)
                elif any(
                    (k == "unit" and u == unit)
                    or (k == "class" and (u[0], f"{u[1]}.__init__") == unit)
                    for k, u in walk.resolve(caller[0], target)
                ):
                    found.add(caller)
        found_by[unit] = found
        todo += [c for c in found if c[1] != MODULE and c[0] and c not in starters]
    return found_by


def before_start_units(
    g: Gatherer, units: set[Unit], starters: dict[Unit, frozenset[str]]
) -> frozenset[Unit]:
    """Of *units*, those only loop starters call, directly or through units that are
    themselves called only by loop starters. A loop in them (aoe2-telegram-bot's archives
    downloaded one by one) still runs before the event loop does."""
    found_by = callers_of(g, units, starters)
    once = {
        u
        for u, callers in found_by.items()
        if callers and u not in starters and u not in g.coroutine_units
    }
    changed = True
    while changed:
        changed = False
        for unit in list(once):
            if any(c not in once and c not in starters for c in found_by[unit]):
                once.discard(unit)
                changed = True
    return frozenset(once & units)


def before_start(g: Gatherer) -> None:
    """``--async-libs`` "no" votes of blocking calls in functions only the loop's starter
    runs before the loop starts: context, said why, not votes."""
    if not (g.loop_starters or g.loop_mains) or not g.async_at:
        return
    votes = [e for e in g.evidence if e.question == "async_libs" and e.value is False]
    if not votes:
        return
    units = {g.unit_of(Location(e.file, e.line, e.cell)) for e in votes}
    starters: dict[Unit, frozenset[str]] = {}
    for where, names in g.loop_starters:
        unit = g.unit_of(where)
        starters[unit] = starters.get(unit, frozenset()) | names
    for unit, names in g.coroutine_calls.items():
        if unit[1].rsplit(".", 1)[-1] in g.loop_mains:  # ``asyncio.run(main())``'s ``main``
            starters[unit] = starters.get(unit, frozenset()) | names
    once = before_start_units(g, units, chained(g, starters))
    if not once:
        return
    kept: list[Evidence] = []
    for item in g.evidence:
        where = Location(item.file, item.line, item.cell)
        unit = g.unit_of(where)
        if item in votes and unit in once:
            reason = g.t.reason("sync_before_start", name=item.signal, function=unit[1])
            g.emit(None, None, item.confidence, where, reason, signal=item.signal)
            continue
        kept.append(item)
    g.evidence = kept
