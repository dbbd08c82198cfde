"""Locks that can stay as they are: a ``threading.Lock``/``RLock`` bound once at module level
and used only as ``with LOCK:`` around code that cannot wait (a counter, a print, an append).

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


@dataclass(frozen=True)
class Kept:
    """The hazard lines of the locks kept as they are, and the note for each."""

    lines: frozenset[int]
    notes: tuple[ConvertRefusal, ...]


def kept(info: FileInfo) -> Kept:
    lines: set[int] = set()
    notes: list[ConvertRefusal] = []
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
            message = refusal_message("lock-kept", name=name, count=str(len(blocks)))
            notes.append(ConvertRefusal(info.path, site.line, "lock-kept", message))
    return Kept(frozenset(lines), tuple(notes))


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
