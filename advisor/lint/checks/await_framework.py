"""ADV102 on an attribute a framework's base class sets: ``self.coordinator.set_data(...)`` in a
Home Assistant entity, where ``set_data`` is a coroutine method of the scan's coordinators.

A ``CoordinatorEntity`` stores the coordinator its constructor is handed as
``self.coordinator``; the entity's own code never assigns it, often never annotates it, and its
class may reach ``CoordinatorEntity`` through a base class of another module of the scan. So
neither the class's assignments (`attributes.py`) nor its annotations (`receivers.py`) type the
receiver. The framework's contract does: ``calls.yaml`` ``framework_attributes`` names, for an
attribute, the framework classes that set it (``owners``) and the framework classes its value
derives from (``holds``). Inspired by stiebel_eltron_isg_component#269 (``set_data`` called
without ``await`` in a select and a number entity; it is ``async def`` in both coordinator
subclasses).

The call is recorded per file as a candidate (`record`, target ``f:``) and decided after the
scan (`hit`), when every file's classes are known: the caller's class must derive from an owner
(through the scan's bases in any module, or its own ``CoordinatorEntity[...]`` base), and the
method must be defined by at least one of the scan's classes that derive from a held class, a
coroutine function in every one of them. A sync definition of the same name in any of them, or
none at all (the framework's own method, such as ``async_request_refresh``, is the framework's
business: its coroutines are listed elsewhere), decides nothing. The classes are those the
facts hold: a module with no coroutine at all records none (`await_missing._worth_keeping`), so a
coordinator written without any ``async def`` is not seen; coordinators have their
``_async_update_data``, so in practice every one is.

An attribute may hold a library's object instead, whose coroutine methods the table names
(``coroutines``, no ``holds``): Django Channels' async consumers get ``self.channel_layer``, and
``self.channel_layer.group_send(...)`` without ``await`` sends nothing (review 25, #2). Then a
method outside that list decides nothing, and the caller's class must be known to derive from
an owner (in its own file, or through the scan's bases); an unknown base decides nothing.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Mapping
from typing import Any

from advisor.lint._data import bundle
from advisor.lint.bindings import BUILTINS
from advisor.lint.checks.base import ASYNC, FileContext

CORO = 1  # `await_missing_across.CORO`, the kind of a coroutine method in the classes' facts
# the standard library's and the builtins' classes: known, and never a framework's
_FOREIGN = frozenset(sys.stdlib_module_names) | BUILTINS


def record(ctx: FileContext, func: ast.expr, at: ast.AST, how: str) -> list[Any] | None:
    """The candidate for ``self.<attribute>.<method>(...)`` in a method of a class, when the
    attribute is one a framework's base class sets (``framework_attributes``), else None."""
    frame = ctx.frame
    if frame.cls is None or not isinstance(func, ast.Attribute):
        return None
    receiver = func.value
    if not (
        isinstance(receiver, ast.Attribute)
        and isinstance(receiver.value, ast.Name)
        and receiver.value.id == frame.self_name
    ):
        return None
    entry = bundle()["calls"]["framework_attributes"].get(receiver.attr)
    if entry is None:
        return None
    owners = entry["owners"]
    library = entry.get("coroutines")  # the held object is a library's: its coroutines named
    if library is not None and func.attr not in library:
        return None
    # `class Sensor(CoordinatorEntity[MyCoordinator])`: the file itself says so
    direct = any(
        ctx.qualify(base.value if isinstance(base, ast.Subscript) else base) in owners
        for base in frame.cls[1].bases
    )
    caller = "" if direct else frame.cls[0]
    target = "|".join((caller, ",".join(owners), ",".join(entry["holds"]), func.attr))
    where = "async" if frame.kind == ASYNC else "sync"
    line, col = getattr(at, "lineno", 1), getattr(at, "col_offset", 0) + 1
    return [line, col, how, f"f:{target}", func, where]


def hit(
    classes: Mapping[str, Mapping[str, Any]], exported: Callable[[str], str], target: str
) -> bool:
    """Whether the ``f:`` candidate *target* calls a coroutine method without awaiting it."""
    caller, owners, holds, method = target[2:].split("|")
    if not holds:
        # a library's object whose coroutines the table names (`record`): the caller's class
        # must be known to derive from an owner, in its own file or through the scan's bases
        owned = frozenset(owners.split(","))
        return not caller or _derives(classes, exported, caller, owned) is True
    if caller and _derives(classes, exported, caller, frozenset(owners.split(","))) is False:
        return False
    held = frozenset(holds.split(","))
    kinds = [
        entry["methods"][method]
        for cls, entry in classes.items()
        if method in entry["methods"] and _derives(classes, exported, cls, held)
    ]
    return bool(kinds) and all(kind == CORO for kind in kinds)


def _derives(
    classes: Mapping[str, Mapping[str, Any]],
    exported: Callable[[str], str],
    cls: str,
    wanted: frozenset[str],
) -> bool | None:
    """Whether *cls* derives from one of *wanted* through the scan's classes (their bases, in
    any module, through a package's re-exports; ``Base[...]`` counts as ``Base``); None when
    the answer lies in a class the facts do not hold (a module with no coroutine, whose classes
    ADV102 never records: Home Assistant's shared ``entity.py``). A caller's class then still
    counts: the held classes (the scan's coordinators) are what decide the call."""
    seen: set[str] = set()
    todo = [cls]
    unknown = False
    while todo:
        name = exported(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        entry = classes.get(name)
        if entry is None:
            unknown = unknown or (name != cls and name.partition(".")[0] not in _FOREIGN)
            continue
        for base in entry["bases"]:
            if base is None:
                continue
            plain = base.partition("[")[0]
            if plain in wanted:
                return True
            todo.append(plain)
    return None if unknown else False
