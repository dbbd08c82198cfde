"""Coroutines that run once as the program starts, one or more awaits below the coroutine the
event loop is started with (issue 19: tgpy's ``aiorun.run(async_main())`` awaits
``_async_main()``, which builds the Telegram client once with ``create_client()``, whose
``sysctl``/``wmic`` child processes name the device, and awaits ``initial_setup()`` on the
first run, which retries the login ``while not success:``).

`advisor.evidence.before_start` treats the loop's first coroutine as a starter: what it calls
outside its loops runs once. A coroutine only starters await, outside their loops, is one as
well, however deep; and a retry loop (``while not done:`` whose body sets ``done = True``)
ends at its first success: it repeats an attempt, it serves nothing. Pure: it reads the calls
`before_start.coroutines` recorded and the coroutines' bodies.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer
    from advisor.evidence.units import Unit

#: Rounds of the walk down the awaits: output and time stay bounded.
_DEPTH = 8


def retry_names(body: list[ast.stmt]) -> frozenset[str]:
    """The names called inside the retry loops of *body* (``while not success:`` whose body
    assigns ``success = True``), not in functions nested there."""
    found: set[str] = set()
    for node in body:
        for loop in ast.walk(node):
            if not (isinstance(loop, ast.While) and _retry(loop)):
                continue
            for call in ast.walk(loop):
                if isinstance(call, ast.Call):
                    func = call.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    if name:
                        found.add(name)
    return frozenset(found)


def _retry(loop: ast.While) -> bool:
    test = loop.test
    if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
        return False
    if not isinstance(test.operand, ast.Name):
        return False
    flag = test.operand.id
    return any(
        isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and node.value.value is True
        and any(isinstance(t, ast.Name) and t.id == flag for t in node.targets)
        for node in ast.walk(loop)
    )


def startup_coroutines(
    starters: dict[Unit, frozenset[str]],
    coroutine_calls: dict[Unit, frozenset[str]],
    retries: dict[Unit, frozenset[str]],
    elsewhere: frozenset[str],
) -> dict[Unit, frozenset[str]]:
    """*starters* with the coroutines only they call, outside their loops, added (each with
    the names it calls outside its loops or in its retry loops), as deep as the awaits go. A
    coroutine whose name is called anywhere else (*elsewhere*: in a loop, or by code that is
    not a coroutine) is left out: it may run per task."""
    out = dict(starters)
    for _ in range(_DEPTH):
        added = False
        for unit, names in coroutine_calls.items():
            last = unit[1].rsplit(".", 1)[-1]
            if unit in out or last in elsewhere:
                continue
            callers = [c for c, n in coroutine_calls.items() if last in n and c != unit]
            if not callers or any(c not in out for c in callers):
                continue
            out[unit] = names | retries.get(unit, frozenset())
            added = True
        if not added:
            break
    return out


def chained(g: Gatherer, starters: dict[Unit, frozenset[str]]) -> dict[Unit, frozenset[str]]:
    """`startup_coroutines` over what the walk recorded (`before_start.before_start`'s hook)."""
    from advisor.evidence.follow import _last_name

    coroutines = set(g.coroutine_calls)
    elsewhere = set(g.called_in_loop)
    for caller, targets in g.graph.edges.items():
        if caller not in coroutines:
            elsewhere |= {_last_name(t) for t in targets}
    return startup_coroutines(starters, g.coroutine_calls, g.retry_calls, frozenset(elsewhere))
