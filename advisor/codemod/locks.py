"""Locks that can stay as they are: a ``threading.Lock``/``RLock`` bound once at module level
and used only as ``with LOCK:`` around code that cannot wait (a counter, a print, an append),
and a ``threading.Event`` bound once at module level and used only as a flag (``set()``,
``clear()``, ``is_set()`` in loops that sleep).

Such a block has no ``await`` inside after the conversion, so the event loop never switches in
the middle of it: the lock costs nothing on the loop, and it still protects the code that keeps
running in threads (targets that stay synchronous). Keeping it is therefore always right;
dropping it would be right only if nothing ran in a thread any more. Anything else a lock does
(``acquire()``, passed to a function, a block that calls code which may wait) keeps the file
refused, as before. The decision is made before the call graph, so "cannot wait" is judged
conservatively: no call into the given files and no call in the blocking-call table.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from advisor.codemod.analysis import FileInfo, walk
from advisor.codemod.rules import refusal_message, sync_table
from advisor.conversion import ConvertRefusal

#: Locks whose ``with`` blocks are kept; a Condition, Semaphore, Event or Barrier is a
#: protocol between threads, not a critical section.
PLAIN_LOCKS = frozenset({"threading.Lock", "threading.RLock"})
#: An Event used as a flag (set, cleared, tested, never waited on) is kept too: none of those
#: calls blocks, and a threading.Event is as safe to test on the event loop as in a thread.
EVENT = "threading.Event"
FLAG_METHODS = frozenset({"set", "clear", "is_set"})
#: The sleeps that make a loop testing the flag yield: ``time.sleep`` in a thread, and the
#: ``await asyncio.sleep`` convert writes for it (so a converted file is kept again: review
#: 23, defect #1).
SLEEPS = frozenset({"time.sleep", "asyncio.sleep"})


@dataclass(frozen=True)
class Kept:
    """The hazard lines of the locks kept as they are, and the note for each."""

    lines: frozenset[int]
    notes: tuple[ConvertRefusal, ...]
    #: The ``threading.Event()`` calls kept: no blocking handle (nothing done with it blocks).
    flags: frozenset[cst.Call] = frozenset()
    #: The ``threading.Lock()`` calls kept: no blocking handle either (each use is a ``with``
    #: around code that cannot wait). Without this, a function using the lock was refused as
    #: one using "a result that blocks on every use" (review 25, #10: a queue worker counting
    #: under ``with lock:``), against this module's own promise.
    locks: frozenset[cst.Call] = frozenset()


def kept(info: FileInfo) -> Kept:
    lines: set[int] = set()
    notes: list[ConvertRefusal] = []
    flags: set[cst.Call] = set()
    kept_locks: set[cst.Call] = set()
    for site in info.calls:
        if site.qname not in PLAIN_LOCKS or site.owner is not None or site.sync_ctx:
            continue
        name = _bound_name(info, site.node)
        if name is None:
            continue
        blocks = _with_blocks(info, name)
        if blocks is None or not blocks:
            continue
        if all(_cannot_wait(info, block) for block in blocks):
            lines.add(site.line)
            kept_locks.add(site.node)
            message = refusal_message("lock-kept", name=name, count=str(len(blocks)))
            notes.append(ConvertRefusal(info.path, site.line, "lock-kept", message))
    for site in info.calls:
        if site.qname != EVENT or site.owner is not None or site.sync_ctx or site.node.args:
            continue
        name = _bound_name(info, site.node)
        if name is not None and _flag_only(info, name):
            lines.add(site.line)
            flags.add(site.node)
            message = refusal_message("event-kept", name=name)
            notes.append(ConvertRefusal(info.path, site.line, "event-kept", message))
    return Kept(frozenset(lines), tuple(notes), frozenset(flags), frozenset(kept_locks))


def _flag_only(info: FileInfo, name: str) -> bool:
    """Whether the event *name* is only set, cleared and tested (never waited on, never
    handed to other code), and tested only in loops that sleep: such a loop keeps yielding
    to the event loop once converted (``await asyncio.sleep``), or stays in its thread.
    A loop that spins on ``is_set()`` without sleeping would hold the event loop forever."""
    for node in walk(info.module, (cst.Name,)):
        assert isinstance(node, cst.Name)
        if node.value != name:
            continue
        parent = info.parent(node)
        if isinstance(parent, (cst.AssignTarget, cst.Global, cst.NameItem)):
            continue
        method = info.parent(parent) if isinstance(parent, cst.Attribute) else None
        if not (
            isinstance(parent, cst.Attribute)
            and parent.value is node
            and parent.attr.value in FLAG_METHODS
            and isinstance(method, cst.Call)
            and method.func is parent
            and not method.args
        ):
            return False
        if parent.attr.value == "is_set" and not _loops_sleep(info, method):
            return False
    return True


def _loops_sleep(info: FileInfo, node: cst.CSTNode) -> bool:
    """*node* sits in a loop, and every loop around it (up to its function) calls
    ``time.sleep`` (or ``asyncio.sleep``) itself: a test outside a loop, or in a loop that never sleeps, is a race
    with the thread that sets the event, which a converted coroutine would never lose."""
    current = info.parent(node)
    loops = 0
    while current is not None and not isinstance(current, (cst.FunctionDef, cst.Lambda)):
        if isinstance(current, (cst.While, cst.For)):
            loops += 1
            body = current.body
            if not any(
                site.qname in SLEEPS and info.within(site.node, body) for site in info.calls
            ):
                return False
        current = info.parent(current)
    return loops > 0


def _bound_name(info: FileInfo, node: cst.Call) -> str | None:
    """``LOCK`` of ``LOCK = threading.Lock()`` at module level, bound nowhere else."""
    parent = info.parent(node)
    if not (isinstance(parent, cst.Assign) and parent.value is node and len(parent.targets) == 1):
        return None
    target = parent.targets[0].target
    if not isinstance(target, cst.Name):
        return None
    stores = [
        n
        for n in walk(info.module, (cst.Name,))
        if isinstance(n, cst.Name)
        and n.value == target.value
        and isinstance(info.parent(n), (cst.AssignTarget, cst.AugAssign, cst.AnnAssign))
    ]
    return target.value if len(stores) == 1 else None


def _with_blocks(info: FileInfo, name: str) -> list[cst.With] | None:
    """Every ``with name:`` block; None when *name* is used any other way."""
    blocks: list[cst.With] = []
    for node in walk(info.module, (cst.Name,)):
        assert isinstance(node, cst.Name)
        if node.value != name:
            continue
        parent = info.parent(node)
        if isinstance(parent, cst.AssignTarget):
            continue  # the one binding
        if isinstance(parent, (cst.Global, cst.NameItem)):
            continue
        item = parent
        owner = info.parent(item) if isinstance(item, cst.WithItem) else None
        if (
            isinstance(item, cst.WithItem)
            and item.item is node
            and item.asname is None
            and isinstance(owner, cst.With)
            and len(owner.items) == 1
            and owner.asynchronous is None
        ):
            blocks.append(owner)
            continue
        return None
    return blocks


def _cannot_wait(info: FileInfo, block: cst.With) -> bool:
    """Whether nothing in *block* can become an ``await``: convert awaits only calls into the
    given files (they may become coroutines) and calls in the blocking-call table."""
    blocking = sync_table().blocking
    sites = {site.node: site for site in info.calls}
    for node in walk(block.body, (cst.Call, cst.Yield, cst.Await)):
        if not isinstance(node, cst.Call):
            return False
        site = sites.get(node)
        if site is None or site.callee is not None or (site.qname or "") in blocking:
            return False
    return True
