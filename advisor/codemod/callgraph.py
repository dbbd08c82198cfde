"""Which functions become coroutines: a fixpoint over the call graph of the given files.

Everything is decided on the original libcst trees:

* *required*: functions that start threads or use a pool (they will await tasks), and every
  caller of those, up to the entry point;
* *optional*: thread and pool targets, and helpers that block (sleep, blocking I/O), which
  become coroutines only when they and all their callers can;
* *pinned*: functions that cannot be coroutines (generators, methods' callees, functions used
  as values or whose results block on every use). A required function that is pinned makes
  its file refused, and the fixpoint runs again without that file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import libcst as cst

from advisor.codemod.analysis import CallSite, FileInfo, FuncKey, Project, walk
from advisor.codemod.rules import phrase, sync_table
from advisor.models import Text


@dataclass
class Seeds:
    """What the thread and pool rules found: who spawns, who is spawned, allowed references."""

    spawners: dict[FuncKey, int] = field(default_factory=dict)
    workers: set[FuncKey] = field(default_factory=set)
    allowed_refs: set[cst.Name] = field(default_factory=set)
    #: Thread-target lambdas: they become nested coroutines, so calls inside them can await.
    async_lambdas: set[cst.CSTNode] = field(default_factory=set)


@dataclass
class Graph:
    project: Project
    seeds: Seeds
    prefer: str | None
    #: Handle-kind calls that --prefer rewrites mechanically (so they pin nothing).
    mechanical: set[cst.Call]
    pinned: dict[FuncKey, Text] = field(default_factory=dict)
    callers: dict[FuncKey, list[CallSite]] = field(default_factory=dict)
    async_set: set[FuncKey] = field(default_factory=set)
    #: Functions using a module-level blocking handle (``session = requests.Session()``).
    handle_users: set[FuncKey] = field(default_factory=set)
    #: Functions that call blocking code convert cannot see (`pins.unseen`): they stay
    #: synchronous when they may, and are no reason to refuse a function that must change.
    unseen: dict[FuncKey, Text] = field(default_factory=dict)
    _blocks: dict[FuncKey, bool] = field(default_factory=dict)
    #: Handle-kind calls -> the --prefer library that would rewrite them mechanically, the
    #: one a refusal may suggest (`handle_phrase`).
    suggest: dict[cst.Call, str] = field(default_factory=dict)

    def in_async_ctx(self, site: CallSite) -> bool:
        """Whether *site* will sit directly in a coroutine (so it can be awaited)."""
        if site.owner is None or site.owner.key not in self.async_set:
            return False
        return not site.sync_ctx or site.ctx in self.seeds.async_lambdas

    def blocks(self, key: FuncKey, seen: frozenset[FuncKey] = frozenset()) -> bool:
        """Whether calling *key* waits on something (sleep, blocking I/O), directly or not."""
        if key in self._blocks:
            return self._blocks[key]
        kinds = sync_table().blocking
        result = key in self.handle_users
        for site in self.project.function(key).calls:
            if site.sync_ctx and site.ctx not in self.seeds.async_lambdas:
                continue
            if site.qname in kinds or (
                site.callee is not None
                and site.callee not in seen
                and self.blocks(site.callee, seen | {key})
            ):
                result = True
                break
        if not seen:
            self._blocks[key] = result
        return result


def build_graph(
    project: Project,
    seeds: Seeds,
    prefer: str | None,
    mechanical: set[cst.Call],
    suggest: Mapping[cst.Call, str] | None = None,
) -> Graph:
    from advisor.codemod import pins

    graph = Graph(project, seeds, prefer, mechanical, suggest=dict(suggest or {}))
    kinds = sync_table().blocking
    for key, why in pins.hard(project):
        graph.pinned.setdefault(key, why)
    graph.unseen.update(pins.unseen(project))
    for info in project.files.values():
        for site in info.calls:
            if site.callee is None:
                continue
            graph.callers.setdefault(site.callee, []).append(site)
            if site.sync_ctx and site.ctx not in seeds.async_lambdas:
                graph.pinned.setdefault(
                    site.callee,
                    phrase(
                        "sync-context",
                        where=_where(info.path, site.callee, site.line),
                        context=_context(info, site.ctx),
                    ),
                )
        for ref in info.refs:
            if ref.node not in seeds.allowed_refs:
                graph.pinned.setdefault(
                    ref.key, phrase("used-as-value", where=_where(info.path, ref.key, ref.line))
                )
        shared = _module_handles(info, kinds, mechanical)
        for func in info.functions.values():
            if func.generator:
                graph.pinned.setdefault(func.key, phrase("is-generator"))
            used = {n.value for n in walk(func.node.body, (cst.Name,)) if isinstance(n, cst.Name)}
            for name in sorted(used & shared.keys()):
                graph.pinned.setdefault(func.key, handle_phrase(graph, shared[name]))
                graph.handle_users.add(func.key)
            for site in func.calls:
                if site.sync_ctx and site.ctx not in seeds.async_lambdas:
                    continue
                if kinds.get(site.qname or "") == "handle" and site.node not in mechanical:
                    graph.pinned.setdefault(func.key, handle_phrase(graph, site))
                    break
    return graph


def _where(path: str, key: FuncKey, line: int) -> Text:
    """Where a use of *key*'s function is: its line when it is in the function's own file, the
    file and the line when in another (a refusal is shown at the function's definition, and a
    bare line number would point into the wrong file; review 25, #11)."""
    if path == key[0]:
        return phrase("at-line", line=str(line))
    return phrase("at-file-line", path=path, line=str(line))


def _context(info: FileInfo, node: cst.CSTNode | None) -> Text:
    """The kind of code a call sits in that cannot await: a lambda, a nested function, a
    method (convert turns only module-level functions into coroutines), a class body or a
    generator expression."""
    if isinstance(node, cst.Lambda):
        return phrase("context-lambda")
    if isinstance(node, cst.FunctionDef):
        parent = info.parent(node)
        while parent is not None and not isinstance(parent, (cst.ClassDef, cst.FunctionDef)):
            parent = info.parent(parent)
        if isinstance(parent, cst.ClassDef):
            return phrase("context-method", name=node.name.value)
        return phrase("context-nested", name=node.name.value)
    if isinstance(node, cst.ClassDef):
        return phrase("context-class", name=node.name.value)
    return phrase("context-generator")


def _module_handles(
    info: FileInfo, kinds: Mapping[str, str], mechanical: set[cst.Call]
) -> dict[str, CallSite]:
    """Module-level names bound to a blocking handle (``session = requests.Session()``): a
    function that uses one blocks on every use just as if it had opened the handle itself."""
    found: dict[str, CallSite] = {}
    for site in info.calls:
        if site.owner is not None or kinds.get(site.qname or "") != "handle":
            continue
        if site.node in mechanical:
            continue
        node: cst.CSTNode | None = info.parent(site.node)
        while node is not None and not isinstance(node, (cst.Assign, cst.AnnAssign)):
            node = info.parent(node)
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, cst.AnnAssign):
            targets = [node.target]
        else:
            continue
        for target in targets:
            for name in walk(target, (cst.Name,)):
                if isinstance(name, cst.Name):
                    found.setdefault(name.value, site)
    return found


def handle_phrase(graph: Graph, site: CallSite) -> Text:
    """Why a function using the handle *site* opens cannot become a coroutine; "try --prefer
    LIB" only when LIB would rewrite this very call (review 23, #12: ``open()`` in a list
    comprehension was told to try --prefer aiofiles, which rewrites ``with open() as f:`` only,
    and the same refusal came back)."""
    suggestion = graph.suggest.get(site.node)
    if suggestion is None or suggestion == graph.prefer:
        return phrase("blocking-handle-plain", call=site.qname or "", line=str(site.line))
    return phrase("blocking-handle", call=site.qname or "", line=str(site.line), prefer=suggestion)


def decide(graph: Graph) -> tuple[set[FuncKey], list[tuple[FuncKey, Text, Text]]]:
    """The functions that become coroutines, and the required ones that cannot (to refuse)."""
    cause: dict[FuncKey, Text] = {}

    def closure_up(start: set[FuncKey], record: bool) -> set[FuncKey]:
        result, todo = set(start), list(start)
        while todo:
            key = todo.pop()
            for site in graph.callers.get(key, ()):
                if site.owner is None or site.owner.key in result:
                    continue
                if site.sync_ctx and site.ctx not in graph.seeds.async_lambdas:
                    continue
                result.add(site.owner.key)
                todo.append(site.owner.key)
                if record:
                    cause.setdefault(site.owner.key, phrase("calls-async", callee=key[1]))
        return result

    for key in graph.seeds.spawners:
        cause[key] = phrase("spawns")
    required = closure_up(set(graph.seeds.spawners), record=True)
    for key in required:  # called from outside the given files: a test runner, a framework
        if not graph.callers.get(key):
            graph.pinned.setdefault(key, phrase("no-caller"))
    conflicts = [(k, cause[k], graph.pinned[k]) for k in sorted(required) if k in graph.pinned]
    if conflicts:
        return required, conflicts
    graph.async_set = set(required)
    changed = True
    while changed:
        changed = False
        candidates = set(graph.seeds.workers)
        for key in list(graph.async_set):
            for site in graph.project.function(key).calls:
                callee = site.callee
                if callee is not None and graph.in_async_ctx(site) and graph.blocks(callee):
                    candidates.add(callee)
        for key in sorted(candidates - graph.async_set):
            if key in graph.pinned or key in graph.unseen:
                continue
            up = closure_up({key}, record=False)
            if any(k in graph.pinned or k in graph.unseen for k in up - graph.async_set):
                continue
            graph.async_set |= up
            changed = True
    return graph.async_set, []
