"""Locks and flags that guard no memory the tasks share (issue 19, cause 3).

``--shared-memory`` asks whether the tasks update state in memory that all of them share. A
lock a concurrent function takes is evidence of such state only when it guards some: earwigbot
(apps_heldout16) answered "yes" from the bot's ``component_lock``, which its ``start``/
``stop``/``restart`` take around starting and stopping the IRC components (a handler takes it
too, only to read which component is up), a connection's ``_send_lock`` around
``sock.sendall``, a ``_db_access_lock`` around a sqlite connection, and a reader thread's
``self._is_running = True``/``False``. Three roles are told apart here, from the code and the
table `data/lock_roles.yaml`:

- a lock the program's start/stop/load methods also take: where a concurrent function takes
  it and writes nothing under it, it reads what those set up (read-only configuration);
- a lock named for one connection's, database's or stream's I/O (``_send_lock``): the
  writes go out whole, no memory is shared through it;
- a ``self.`` attribute only ever set to ``True`` or ``False`` in a concurrent function: a
  running flag, the thread's own life, not state the tasks work on.

Writes under any lock stay evidence (`advisor.evidence.shared_writes`): a cache that ``close``
clears and the workers fill is shared whatever its lock is called.
"""

from __future__ import annotations

import ast
import os
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from advisor import yamlio
from advisor.evidence.walk import Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer
    from advisor.evidence.observed import Location, Write

_DATA = os.path.join(os.path.dirname(__file__), "data", "lock_roles.yaml")


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    data: dict[str, Any] = yamlio.load_data(_DATA)
    return {key: frozenset(data[key]) for key in ("lifecycle_methods", "io_lock_words")}


@register(ast.Assign)
def flag_write(r: Reader, node: ast.Assign) -> None:
    """``self._is_running = True`` inside a function: a flag, recorded by where it is."""
    if not r.functions or not isinstance(node.value, ast.Constant):
        return
    if not isinstance(node.value.value, bool):
        return
    if all(
        isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
        for t in node.targets
    ):
        r.g.flag_writes.update(r.at(t) for t in node.targets)


def flag_only(g: Gatherer, write: Write) -> bool:
    """Whether *write* sets a ``self.`` attribute that every write in that class sets to
    True or False: a running or stop flag (earwigbot's ``_is_running``)."""
    if not write.target.startswith("self.") or write.where not in g.flag_writes:
        return False
    cls = _class_of(g, write.where)
    return all(
        w.where in g.flag_writes
        for w in g.writes
        if w.target == write.target and _class_of(g, w.where) == cls
    )


def _class_of(g: Gatherer, where: Location) -> tuple[str, str]:
    unit = g.unit_of(where)[1]
    return (where.file, unit.rsplit(".", 1)[0] if "." in unit else "")


def _words(lock: str) -> list[str]:
    last = lock.rsplit(".", 1)[-1]
    return [w for w in re.split(r"_+|(?<=[a-z])(?=[A-Z])", last) if w]


def guards_memory(g: Gatherer, function: str, lock: str, where: Location) -> bool:
    """Whether the lock *lock*, taken at *where* by the concurrent *function*, is evidence of
    shared memory: not in a start/stop/load method, not a lock named for one connection's I/O,
    nor, in a function that writes nothing, one the program's start/stop/load methods take
    (the same class's for ``self.lock``, any class's for a lock reached through an attribute
    with a name of its own, ``self.bot.component_lock``)."""
    table = _table()
    if function.lstrip("_") in table["lifecycle_methods"]:
        return False  # `start` itself, which a thread or a restart may call
    if any(word.lower() in table["io_lock_words"] for word in _words(lock)):
        return False
    if any(g.unit_of(w.where) == g.unit_of(where) for w in g.writes):
        return True  # it writes, if only to `self.`: the lock may guard that
    name = lock.rsplit(".", 1)[-1]
    direct = lock.count(".") == 1 and lock.startswith("self.")
    home = _class_of(g, where)
    for taker, other, seen in g.locks_taken:
        if taker.lstrip("_") not in table["lifecycle_methods"] or other.rsplit(".", 1)[-1] != name:
            continue
        if direct and other == lock and _class_of(g, seen) == home:
            return False
        if not direct and len(_words(name)) > 1:  # `component_lock`, never a bare `lock`
            return False
    return True
