"""The reading of queue worker pools for `queues`: which module-level ``queue.Queue()`` the
rewrite can take over (`find`), and every method call made on it. Kept apart from the rewrite
so that `context` can name the result without importing a rule."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from advisor.codemod.analysis import CallSite, FileInfo, FuncKey, walk

QUEUE = "queue.Queue"
#: Methods of a queue the rewrite knows, with how many positional arguments each takes.
METHODS = {"get": 0, "put": 1, "task_done": 0, "join": 0, "empty": 0, "qsize": 0}


@dataclass
class Queues:
    """The file's convertible queues: their ``Queue()`` calls and every method call on them."""

    creations: list[CallSite] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    uses: list[tuple[cst.Call, str]] = field(default_factory=list)
    #: Functions that take from a queue: they must become coroutines.
    workers: set[FuncKey] = field(default_factory=set)

    @property
    def lines(self) -> frozenset[int]:
        return frozenset(site.line for site in self.creations)


def find(info: FileInfo) -> Queues:
    found = Queues()
    sites = {site.node: site for site in info.calls}
    for site in info.calls:
        if site.qname != QUEUE or site.owner is not None or site.sync_ctx or site.node.args:
            continue
        parent = info.parent(site.node)
        if not (isinstance(parent, cst.Assign) and len(parent.targets) == 1):
            continue
        target = parent.targets[0].target
        if not isinstance(target, cst.Name):
            continue
        uses = _uses(info, target.value)
        if uses is None:
            continue
        found.creations.append(site)
        found.names.add(target.value)
        for node, method in uses:
            found.uses.append((node, method))
            owner = sites[node].owner
            if method == "get" and owner is not None:
                found.workers.add(owner.key)
    return found


def _uses(info: FileInfo, name: str) -> list[tuple[cst.Call, str]] | None:
    """Every ``name.method(...)`` call; None when *name* is used any other way or bound twice."""
    found: list[tuple[cst.Call, str]] = []
    bindings = 0
    for node in walk(info.module, (cst.Name,)):
        assert isinstance(node, cst.Name)
        if node.value != name:
            continue
        parent = info.parent(node)
        if isinstance(parent, cst.AssignTarget):
            bindings += 1
            continue
        if isinstance(parent, (cst.Global, cst.NameItem)):
            continue
        outer = info.parent(parent) if isinstance(parent, cst.Attribute) else None
        if not (
            isinstance(parent, cst.Attribute)
            and parent.value is node
            and isinstance(outer, cst.Call)
            and outer.func is parent
        ):
            return None
        method = parent.attr.value
        if method not in METHODS or len(outer.args) != METHODS[method]:
            return None
        if any(a.keyword is not None or a.star for a in outer.args):
            return None
        found.append((outer, method))
    return found if bindings == 1 else None
