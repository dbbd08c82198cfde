"""Tasks a helper starts and hands back to its caller, who joins them (`checks.sequential`'s
point verdict): ansible-rulebook's ``spawn_sources`` creates one task per event source and
returns them (``return tasks, ruleset_queues``); ``run`` binds them (``tasks, queues =
spawn_sources(...)``), cancels and gathers them, then restarts itself on a hot reload (``await
run(parsed_args)``). The helper's work outlives the helper, but not the caller's join: after
it, nothing the helper started is alive in the caller, so the restart runs alone again.

Per file (`facts`): the functions whose only work outliving them is tasks held in names they
``return`` (``rt``), and each call whose result a coroutine binds to names it joins later
(``j``: caller, callee's last name, line, the join's line, by `sequential_life._join`). The
join over the whole scan (`sequential_points.Points`) ends such a call's work at that line when
the callee hands back and reaches no other work left running. A helper that also schedules a
callback, starts a server, or keeps a task it does not return still leaks to the end.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import Any


def returned_names(nodes: Iterable[ast.AST]) -> set[str]:
    """The names a function's ``return`` statements hand back (``return tasks, queues``)."""
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Return) and node.value is not None:
            value = node.value
            for item in value.elts if isinstance(value, ast.Tuple) else [value]:
                if isinstance(item, ast.Name):
                    names.add(item.id)
    return names


def bound_names(assign: ast.Assign) -> set[str]:
    """``tasks`` or ``tasks, queues`` of ``tasks, queues = spawn(...)`` (names only)."""
    names: set[str] = set()
    for target in assign.targets:
        for item in target.elts if isinstance(target, ast.Tuple) else [target]:
            if not isinstance(item, ast.Name):
                return set()
            names.add(item.id)
    return names


def facts(
    shape: Any, returning: set[str], leaking: set[str], nodes_of: Any, join: Any
) -> dict[str, Any]:
    """``rt`` and ``j`` of a file's ``pt`` (`sequential.ProgramShape.finish`): *returning*
    less the functions that also call another of the file's leaking functions (by last name,
    as `ProgramShape` propagates leaks), and the joined calls (*join*, `sequential_life`'s,
    over the function's own nodes in source order, *nodes_of*)."""
    found: dict[str, Any] = {}
    returning = {
        q
        for q in returning
        if not shape.plain.get(q, set()) & {o.rpartition(".")[2] for o in leaking - {q}}
    }
    if returning:
        found["rt"] = sorted(returning)
    if shape.assigned:
        waits = frozenset(shape.calls["concurrent_joins"]) | shape.waits
        joined = joined_calls(shape.sites, shape.assigned, nodes_of, join, waits)
        if joined:
            found["j"] = joined
    return found


def joined_calls(
    sites: Iterable[tuple[int, str, str, int, Any, str]],
    assigned: dict[int, set[str]],
    nodes_of: Any,
    join: Any,
    waits: frozenset[str],
) -> list[list[Any]]:
    """``j``: [caller, callee's last name, line, join line] for each call a coroutine binds
    to names (*assigned*, by the call's id) that it joins after that line."""
    found: list[list[Any]] = []
    for node_id, callee, _target, line, frame, _form in sites:
        names = assigned.get(node_id)
        if not names:
            continue
        until = join(nodes_of(frame.node), names, line, waits)
        if until is not None:
            found.append([frame.qualname, callee, line, until[0]])
    return found


class HandBack:
    """The join over the scan: which call's work ends at its caller's join."""

    def __init__(self) -> None:
        #: the functions whose only lasting work is tasks they return (``rt``)
        self.returning: set[str] = set()
        #: (caller, callee's last name, line) -> the line that joins what it handed back
        self.joined: dict[tuple[str, str, int], int] = {}
        #: `returning` functions that reach no other lasting work (`settle`)
        self.settled: set[str] = set()

    def add(self, points: dict[str, Any]) -> None:
        self.returning.update(points.get("rt", ()))
        for caller, callee, line, until in points.get("j", ()):
            self.joined[caller, callee, line] = until

    def settle(self, calls_from: dict[str, list[Any]], reaches: Any) -> None:
        """Keep the handing-back functions none of whose own calls reaches lasting work."""
        self.settled = {
            q
            for q in self.returning
            if not any(reaches(c, t, q, f) for c, t, _at, _first, f in calls_from.get(q, ()))
        }

    def ends(self, caller: str, callee: str, target: str, line: int) -> int | None:
        """The line where the work of *caller*'s call at *line* ends, when it is tasks a
        settled callee hands back and the caller joins; else None."""
        if not self.settled or target not in self.settled:
            return None
        return self.joined.get((caller, callee, line))
