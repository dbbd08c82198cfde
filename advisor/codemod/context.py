"""What every rule's ``plan(ctx, out)`` reads about one file, so the five rules share one
signature and the pipeline calls them in one loop (a fixed order: the later rules build on
the coroutines the call graph decided, not on each other's rewrites)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from advisor.codemod.analysis import FileInfo
from advisor.codemod.base import Names
from advisor.codemod.callgraph import Graph
from advisor.codemod.pool_uses import Block
from advisor.codemod.queue_uses import Queues
from advisor.codemod.thread_uses import Group


@dataclass(frozen=True)
class RuleContext:
    info: FileInfo
    graph: Graph
    #: Fresh identifiers (``tg``, ``limit``, ...), shared so no two rules pick the same one.
    names: Names
    #: The file's thread groups (ADV201) and pool blocks (ADV203), found while deciding.
    groups: Sequence[Group]
    blocks: Sequence[Block]
    #: The file's queue worker pools (`queues`), when it has any.
    queues: Queues | None = None
