"""Coroutines a scheduler runs rarely, once a day or an hour (issue 19: cyclomonitor).

A blocking call inside an ``async def`` is a strong vote for ``--async-libs no``
(`advisor.evidence.libraries`), unless the coroutine runs once (`advisor.evidence.startup`).
A coroutine a scheduler runs at a time of day or every hour or more is the same kind of step:
cyclomonitor's ``@tasks.loop(time=midnight)`` imports the day's cyclone tracks into SQLite
with ``sqlite3`` while every command and update of the bot is aiohttp and aiofiles; the loop
stops for that step once a day, which is what moving it to ``asyncio.to_thread`` fixes, not a
reason to leave asyncio's libraries. Which decorators and periods: ``rare_schedules`` in
``data/loops.yaml``. A ``@tasks.loop(seconds=30)`` poll is no rare task.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import Any

from advisor.evidence.tables import _load
from advisor.evidence.walk import Reader, register


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    table: dict[str, Any] = _load("loops.yaml")["rare_schedules"]
    return table


@register(ast.AsyncFunctionDef)
def rare_task(r: Reader, node: ast.AsyncFunctionDef) -> None:
    """Record the name of a coroutine a scheduler decorator runs rarely."""
    if any(_rare(r, d) for d in node.decorator_list):
        r.g.rare_tasks.add(node.name)


def _rare(r: Reader, decorator: ast.expr) -> bool:
    """Whether *decorator* is a scheduler's, at a time of day or every `rare_seconds` or more."""
    table = _table()
    if not isinstance(decorator, ast.Call):
        return False
    func = decorator.func
    last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if last not in table["decorators"]:
        return False
    qualname = r.names.qualname(func) or ""
    if qualname.rsplit(".", 1)[0] not in table["modules"]:
        return False
    keywords = {k.arg: k.value for k in decorator.keywords if k.arg}
    if any(k in keywords for k in table["at"]):
        return True
    period = 0.0
    for unit, seconds in table["units"].items():
        value = keywords.get(unit)
        if value is None:
            continue
        if not (isinstance(value, ast.Constant) and isinstance(value.value, (int, float))):
            return False  # a period read from elsewhere: not known to be rare
        period += float(value.value) * float(seconds)
    return period >= float(table["rare_seconds"])
