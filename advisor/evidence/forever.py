"""A program that waits forever once started is a service (issue 19, apps set 23).

slack-machine connects its Socket Mode client, starts its scheduler and then
``await asyncio.sleep(float("inf"))`` ("just not to stop this process"); heisenbridge and
xknx's monitor ``await asyncio.Event().wait()`` on an event nothing can set. No framework
serves there and no server call is made: the handlers the client calls back are the work,
and the program runs until it is stopped. advisor left ``--program`` unanswered. Such a wait
is the sign of a long-running program, as ``loop.run_forever()`` is: ``--program service``
(medium), and the app the main path must reach (`advisor.evidence.aside.without_absent_apps`)
is where it waits. Which calls wait forever is data (``forever_waits`` in
``data/frameworks.yaml``).
"""

from __future__ import annotations

import ast
from functools import cache
from typing import Any

from advisor.evidence.reach_places import _unit
from advisor.evidence.units import SERVER, App
from advisor.evidence.walk import Reader, register


@register(ast.Call)
def waits_forever(r: Reader, node: ast.Call) -> None:
    """``asyncio.sleep(float("inf"))``, ``asyncio.Event().wait()``, ``trio.sleep_forever()``."""
    if not r.functions:
        return
    name = _forever(r, node)
    if name is None:
        return
    reason = r.t.reason("waits_forever", name=name)
    r.g.emit("program", "service", "medium", r.at(node), reason, signal="server")
    r.g.graph.apps.append(App(r.source.path, _unit(r, node), node.lineno, SERVER, name))


def _forever(r: Reader, node: ast.Call) -> str | None:
    table = _table()
    callee = r.callee
    if callee in table["calls"]:
        return callee
    if callee in table["sleeps"] and node.args and _infinite(r, node.args[0]):
        return f"{callee}(inf)"
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "wait" and not node.args:
        made = func.value
        if isinstance(made, ast.Call) and not made.args:
            event = r.names.qualname(made.func)
            if event in table["fresh"]:
                return f"{event}().wait"
    return None


def _infinite(r: Reader, arg: ast.expr) -> bool:
    """``float("inf")``, ``float('infinity')``, ``math.inf``."""
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "float":
        text = arg.args[0] if arg.args else None
        return (
            isinstance(text, ast.Constant)
            and isinstance(text.value, str)
            and text.value.strip().lower().lstrip("+") in {"inf", "infinity"}
        )
    return r.names.qualname(arg) in _table()["infinite"]


@cache
def _table() -> dict[str, Any]:
    from advisor.evidence.tables import _load

    return dict(_load("frameworks.yaml")["forever_waits"])
