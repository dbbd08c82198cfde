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
tested with ``inspect.isawaitable``: the base may take either kind on purpose), a call in a
base method the subclass overrides too (matrix-nio's async client overrides the sync
``_handle_sync`` and each handler it calls; a constructor aside, which runs the base's through
``super().__init__``), and a class whose own code calls the method bare (reported there, at
the call, as any dropped coroutine).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from typing import Any

CORO, SYNC = 1, 0  # `await_missing_across.CORO` and `SYNC`, the methods' kinds in the facts


def dropped_calls(
    records: Iterable[list[Any]],
    kind_of: Callable[[str, str], int | None],
    frames: Iterable[Any],
) -> list[list[Any]]:
    """``[class, method, line, caller]`` for each ``self.m()`` thrown away as a statement
    whose method *kind_of* (the file's classes) finds plain: a subclass's ``async def m``
    drops it, unless the subclass overrides *caller* too (`hit`). *frames*: the file's."""
    found = []
    methods: list[tuple[int, int, str]] | None = None
    for line, _col, how, target, _func, _where in records:
        if how != "discarded" or not target.startswith("s:"):
            continue
        _, cls, method = target.split(":", 2)
        if kind_of(cls, method) != SYNC:
            continue
        if methods is None:
            methods = sorted(
                (f.node.lineno, f.node.end_lineno or f.node.lineno, f.qualname)
                for f in frames
                if f.cls is not None and isinstance(f.node, (ast.FunctionDef, ast.AsyncFunctionDef))
            )
        inside = [q for first, last, q in methods if first <= line <= last]
        caller = inside[-1] if inside else ""
        if caller.rpartition(".")[0] == cls:  # a method of the class itself, not nested
            found.append([cls, method, line, caller.rpartition(".")[2]])
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
    dropped: Mapping[tuple[str, str], list[tuple[str, int, str]]],
    base_kind: Callable[[str, str], int | None],
) -> tuple[str, str, int] | None:
    """(the class whose call drops it, its file, the call's line) for an ``o:`` candidate
    whose nearest definition above is plain and is called bare by a class above, in a method
    the candidate's class still inherits from there, else None. A base method calling it that
    the subclass overrides as well never runs on the subclass (matrix-nio's ``Client.
    _handle_sync`` calls its plain handlers bare; ``AsyncClient`` overrides ``_handle_sync``
    and every handler with coroutines and awaits them); ``__init__`` aside, which a subclass's
    own constructor runs through ``super().__init__(...)``. *dropped*: (class, method) -> [(path,
    line, caller)] of the ``sd`` facts; *base_kind*: `await_missing_across._base_method_kind`."""
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
        for path, line, caller in dropped.get((name, method), ()):
            # a constructor overridden still runs the base's: subclasses call `super().__init__`
            if caller == "__init__" or not _overridden(classes, exported, cls, name, caller):
                return name, path, line
        todo.extend(b for b in classes.get(name, {}).get("bases", ()) if b)
    return None


def _overridden(
    classes: Mapping[str, Mapping[str, Any]],
    exported: Callable[[str], str],
    cls: str,
    base: str,
    caller: str,
) -> bool:
    """Whether a class *cls* derives from, itself included, other than *base* and *base*'s
    own bases, defines *caller*, or the way is not known: with several bases (jupyter-server's
    ``AsyncFileCheckpoints(FileCheckpoints, AsyncFileManagerMixin, AsyncCheckpoints)``) Python's
    method order may put such a class before *base*, so *base*'s *caller* may never run."""
    above = _ancestors(classes, exported, base)
    if above is None:
        return True
    mine = _ancestors(classes, exported, cls)
    if mine is None:
        return True
    return any(caller in classes[name]["methods"] for name in mine - above - {exported(base)})


def _ancestors(
    classes: Mapping[str, Mapping[str, Any]], exported: Callable[[str], str], cls: str
) -> set[str] | None:
    """*cls* and every class it derives from that the facts hold; None when a base is not
    known (``None`` in the facts) or a class on the way is missing."""
    found: set[str] = set()
    todo = [cls]
    while todo:
        name = exported(todo.pop())
        if name in found:
            continue
        entry = classes.get(name)
        if entry is None:
            if name == exported(cls):
                return None
            continue  # a library's class: defines nothing of the scan's
        found.add(name)
        for base in entry["bases"]:
            if base is None:
                return None
            todo.append(base)
    return found
