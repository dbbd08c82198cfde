"""ADV102 on an ``async def`` that overrides a plain method its base class calls bare.

ipykernel's base ``Kernel`` calls ``self._abort_queues()`` as a statement from its coroutines
``execute_request`` and ``abort_request``; ``_abort_queues`` is a plain method there. The
in-process kernel, a subclass in another module (through ``IPythonKernel``), overrode it with
``async def _abort_queues``: on that kernel every one of the base's calls creates a coroutine
object and drops it ("coroutine 'InProcessKernel._abort_queues' was never awaited",
ipykernel#942, fixed by making the override plain). The call looks right in the base's file and
the override looks right in its own; only the two together are the bug.

Per file (`await_missing.finish`): the calls ``self.m()`` thrown away as a statement where ``m``
is the class's own plain method (or a plain method of a base in the file) are kept as facts
(``sd``: the class, the method, the line), and each coroutine method of a class with a base that
may be the scan's is a candidate (``o:<class>:<method>``, at its ``def``). After the scan
(`hit`): the candidate is reported when the nearest definition of the method above the class is
a plain ``def`` and a class above it throws away a ``self.m()`` call: ADV102 on the override's
``def`` line, naming the base's call. Not reported: an override of a base method that is itself
a coroutine (the base awaits it) or decorated (the decorator may make anything of it), a base
of a library the scan does not hold, a call whose result the base keeps (``r = self.m()`` may be
tested with ``inspect.isawaitable``: the base may take either kind on purpose), and a class
whose own code calls the method bare (reported there, at the call, as any dropped coroutine).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from typing import Any

CORO, SYNC = 1, 0  # `await_missing_across.CORO` and `SYNC`, the methods' kinds in the facts


def dropped_calls(
    records: Iterable[list[Any]], kind_of: Callable[[str, str], int | None]
) -> list[list[Any]]:
    """``[class, method, line]`` for each ``self.m()`` thrown away as a statement whose method
    *kind_of* (the file's classes) finds plain: a subclass's ``async def m`` drops it."""
    found = []
    for line, _col, how, target, _func, _where in records:
        if how != "discarded" or not target.startswith("s:"):
            continue
        _, cls, method = target.split(":", 2)
        if kind_of(cls, method) == SYNC:
            found.append([cls, method, line])
    return found


def candidates(
    defined: Iterable[tuple[ast.AST, str | None, str, bool]],
    classes: Mapping[str, Mapping[str, Any]],
    foreign: frozenset[str],
) -> list[list[Any]]:
    """ADV102 candidates ``[line, col, "overridden", o:<class>:<method>, shown, "override"]``
    for the coroutine methods of classes with a base that may be the scan's."""
    found = []
    for node, owner, _qualname, _decorated in defined:
        if owner is None or not isinstance(node, ast.AsyncFunctionDef):
            continue
        entry = classes.get(owner)
        if entry is None or entry["methods"].get(node.name) != CORO:
            continue
        if not any(b is not None and b.partition(".")[0] not in foreign for b in entry["bases"]):
            continue
        shown = f"{owner.rpartition('.')[2]}.{node.name}"
        target = f"o:{owner}:{node.name}"
        found.append([node.lineno, node.col_offset + 1, "overridden", target, shown, "override"])
    return found


def hit(
    target: str,
    classes: Mapping[str, Mapping[str, Any]],
    exported: Callable[[str], str],
    dropped: Mapping[tuple[str, str], tuple[str, int]],
    base_kind: Callable[[str, str], int | None],
) -> tuple[str, str, int] | None:
    """(the class whose call drops it, its file, the call's line) for an ``o:`` candidate
    whose nearest definition above is plain and is called bare by a class above, else None.
    *dropped*: (class, method) -> (path, line) of the ``sd`` facts; *base_kind*:
    `await_missing_across._base_method_kind`."""
    _, cls, method = target.split(":", 2)
    if base_kind(cls, method) != SYNC:
        return None
    seen = {cls}
    todo = [b for b in classes.get(cls, {}).get("bases", ()) if b]
    while todo:
        name = exported(todo.pop(0))
        if name in seen:
            continue
        seen.add(name)
        found = dropped.get((name, method))
        if found is not None:
            return name, found[0], found[1]
        todo.extend(b for b in classes.get(name, {}).get("bases", ()) if b)
    return None
