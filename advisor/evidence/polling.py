"""A program that polls forever is a service (issue 19): marge-bot's ``while True:`` looks at
the merge requests it is assigned, merges what it can, then ``time.sleep(...)`` until the next
round; it runs until it is stopped. Read as a command-line script (its console script parses
options), the program got the script template.

While reading (`loop`): an endless ``while`` (``while True:``, or on a run flag) that nothing at
its own level ends (no ``break``, ``return``, ``sys.exit()``, ``raise`` outside a handler, but
one only an option the user turns on reaches: marge-bot's ``if self._config.cli: return``), that
yields nothing (a generator that sleeps between the pages it fetches, instalooter's
``_page_loader``, runs as long as its consumer pulls) and that waits out a pause on its
own level (``poll_waits`` in ``data/mainpath.yaml``: ``time.sleep``, ``asyncio.sleep`` ...)
between calls of its own (a loop that only pauses waits for another thread's work).
Once the main path is known (`decide`): such a loop the program runs by default, not in a
worker (a thread's target, a task, a request handler: a daemon thread's heartbeat ends with the
program) nor in a ``run`` method a framework's base calls back, says ``--program service``.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.evidence.units import names
from advisor.evidence.walk import Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: Calls that end the program from inside the loop.
_EXITS = frozenset({"sys.exit", "exit", "quit", "os._exit"})


@register(ast.While)
def loop(r: Reader, node: ast.While) -> None:
    """An endless loop that sleeps between rounds, recorded with its function's name."""
    if not _endless(node.test):
        return
    if any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node)):
        return  # a generator's pages (instalooter's paginator): its consumer ends it
    waits = set(names()["poll_waits"])
    pause: ast.Call | None = None
    work = False
    own = _own(node.body)
    # A ``raise`` outside an error handler ends the loop on purpose (yt-dlp's wait for a
    # video's release raises ReExtractInfo when the time is up); one in a handler is a failure.
    handled = {id(n) for h in own if isinstance(h, ast.ExceptHandler) for n in ast.walk(h)}
    one_shot = {id(n) for h in own if isinstance(h, ast.If) and _option(h.test) for n in h.body}
    for sub in own:
        if isinstance(sub, (ast.Break, ast.Return)) and id(sub) in one_shot:
            continue  # ``if self._config.cli: return``: a one-shot mode the user asks for
        if isinstance(sub, (ast.Break, ast.Return)) or (
            isinstance(sub, ast.Raise) and id(sub) not in handled
        ):
            return
        if isinstance(sub, ast.Call):
            called = r.names.qualname(sub.func) or ""
            if called in _EXITS:
                return
            if called in waits:
                pause = pause or sub
            else:
                work = True
    # A loop that only pauses (``while service.running: sleep(0.1)``) waits for work another
    # thread does; what that thread is decides the program, not the wait (zone_poller).
    if pause is not None and work:
        function = r.functions[-1].name if r.functions else ""
        r.g.polling.append((function, r.at(pause)))


def _endless(test: ast.expr) -> bool:
    """``while True:``, ``while 1:``, or a loop on the program's own run flag
    (earwigbot's ``while self._keep_looping:``, ``while not self.stopped:``,
    ``while not stop.is_set():``; ``poll_flags`` in ``data/mainpath.yaml``)."""
    if isinstance(test, ast.Constant):
        return test.value is True or test.value == 1
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
        if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute):
            test = test.func.value if test.func.attr == "is_set" else test
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", "")
    words = set(name.lower().strip("_").split("_"))
    return bool(words & set(names()["poll_flags"]))


def _option(test: ast.expr) -> bool:
    """``self._config.cli``, ``args.once``: an option the user turns on (``option_holders``
    in ``data/mainpath.yaml``), read as it is, not negated nor compared."""
    if not isinstance(test, ast.Attribute):
        return False
    holder = test.value
    name = holder.attr if isinstance(holder, ast.Attribute) else getattr(holder, "id", "")
    return str(name).strip("_") in set(names()["option_holders"])


def _own(body: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of a loop's body that belong to it: not those of a nested loop (whose
    ``break`` ends only that loop), function or class."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            stack.extend(n for n in ast.walk(node) if isinstance(n, ast.Call))
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found


def decide(g: Gatherer) -> None:
    """``--program service`` (medium), once, at the first polling loop the program runs by
    default in its own flow; not one only some of its commands or declared scripts reach
    (gopro-overlay's gopro-layout.py, a layout editor watching its file, beside the dashboard
    renderer that is the program)."""
    path = g.main_path
    owned = {u for _n, _u, units in path.commands for u in units} if path is not None else set()
    # One of several entry scripts (gopro-overlay's bin/*.py, each behind its main guard).
    starts = {e.file for e in path.entries} if path is not None else set()
    for function, where in g.polling:
        unit = g.unit_of(where)
        if function and function in g.workers:
            continue  # a thread's or task's loop ends with the program
        owner = unit[1].rsplit(".", 1)[0] if "." in unit[1] else ""
        info = g.graph.classes.get((unit[0], owner))
        if function == "run" and info is not None and info.bases:
            continue  # ``Thread.run`` and the like: a worker the base class calls back
        if not g.by_default(where) or unit in g.in_modes or unit in owned:
            continue
        if len(starts) > 1 and where.file in starts:
            continue
        reason = g.t.reason("polling", name=function or "<module>")
        g.emit("program", "service", "medium", where, reason, signal="polling")
        return
