"""Blocking calls the code can switch to an async library it already uses (issue 19, class 3).

``--async-libs`` asks whether every library on the hot path is async *or can be switched to
an async one*. A program that already holds an aiohttp session and makes one ``requests.get``
beside it (streamrip's stream download inside a coroutine), or already writes with aiofiles
and opens one file with ``open()``, can switch that call to the library it has: the answer is
"yes", not "no". The switch is read from the library table: the blocking library's
``counterparts`` name an async library the main path already calls (``requests`` ->
``aiohttp``, ``open`` -> ``aiofiles``, ``subprocess`` -> ``asyncio.create_subprocess_exec``).
A counterpart the code does not use (``ollama.Client`` -> ``ollama.AsyncClient``, sqlite3 ->
aiosqlite) leaves the blocking vote alone, and an executor (``asyncio.to_thread``) is not a
switch but the asyncio+executor model itself. Pure: reads and rewrites the gatherer's evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from advisor.evidence.tables import BLOCKS_LOOP, Tables
from advisor.inference import Evidence


class _Where(Protocol):
    """Where a call is (`advisor.evidence.gather.Location`), read here without importing the
    gatherer, which calls this module (no import circle)."""

    @property
    def file(self) -> str: ...

    @property
    def line(self) -> int: ...


#: One call of a library of the table: where, its qualified name, its table entry.
Call = tuple[Any, str, Any]

#: Counterparts that run the blocking call in a thread: the executor, not an async library.
_EXECUTORS = frozenset({"asyncio.to_thread", "run_in_executor", "loop.run_in_executor"})


def switchable(
    evidence: list[Evidence],
    io_calls: Sequence[Call],
    on_path: Callable[[Any], bool],
    t: Tables,
    aside: Callable[[Any], bool] = lambda _where: False,
) -> list[Evidence]:
    """Each ``async_libs`` "no" vote of a call whose counterpart the main path already uses
    becomes a "yes" vote saying so, at its own confidence; the "blocks the loop" vote at that
    call is dropped (the call is the same, and so is its fix). An async call *aside* says is
    another command's own (the asyncio subprocess of a self-update command whose private
    loop is set aside, `advisor.evidence.aside.command_loops`) is no library the work has."""
    used = _async_in_use(io_calls, lambda where: on_path(where) and not aside(where))
    if not used:
        return evidence
    switch: dict[tuple[str, int], tuple[str, str, Any]] = {}
    for where, _qualname, lib in io_calls:
        if lib["async"] or not on_path(where):
            continue
        for counterpart in lib.get("counterparts", ()):
            if counterpart in _EXECUTORS:
                continue
            if any(_names(counterpart, u) for u in used):
                switch[(where.file, where.line)] = (lib["name"], counterpart, lib["what"])
                break
    if not switch:
        return evidence
    kept: list[Evidence] = []
    for item in evidence:
        found = switch.get((item.file, item.line))
        if item.question != "async_libs" or item.value is not False or found is None:
            kept.append(item)
        elif item.signal != BLOCKS_LOOP:
            name, other, what = found
            reason = t.reason("switchable", name=name, other=other, what=t.kind(what))
            kept.append(item._replace(value=True, reason=reason, signal=name))
    return kept


def _async_in_use(io_calls: Sequence[Call], on_path: Callable[[Any], bool]) -> list[str]:
    """The qualified names of the async library calls on the main path."""
    return sorted({q for where, q, lib in io_calls if lib["async"] and on_path(where)})


def _names(counterpart: str, qualname: str) -> bool:
    """Whether the table's counterpart (``aiohttp``, ``httpx.AsyncClient``) is the call."""
    return qualname == counterpart or qualname.startswith(counterpart + ".")


def record(io_calls: list[Call], where: _Where, qualname: str, lib: Any) -> None:
    """One call of a library of the table, for `switchable`."""
    io_calls.append((where, qualname, lib))
