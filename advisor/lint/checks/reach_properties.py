"""ADV101 one module away through a ``@property``: ``app_data.cases`` in a coroutine, where
``app_data = Data(...)`` is a module-level instance of a class another module defines, and
``cases`` is a property of that class whose own body blocks.

Reading a property runs its body now, like a call. `reach.py` follows ``self.name`` reads of
the same class in the same file (`Reach._property_reads`); the real shape is one module away:
vitimas-da-intolerancia's async Sanic view returns ``{"cases": app_data.cases}``, a property of
``violence.data.Data`` that reads the synchronous Redis cache (issue #2, fixed by moving to
aiohttp and an async cache).

An attribute read is not a call: the same spelling hands a bound method to an executor
(``run_in_executor(None, app_data.reload)``), which must stay quiet. So the read is recorded as
one of the coroutine's calls (the walk's per-frame verdicts, start-up and command-line code,
apply to it as to any call) and remembered by position (``pr``); each file also names its
properties whose own body blocks on I/O (``pp``, the same test `_property_reads` uses); and
before the join (`keep_properties`) a remembered read stays only when its target is such a
property, through packages' re-exports.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Mapping
from typing import Any

from advisor.lint.bindings import BUILTINS
from advisor.lint.callees import source_name
from advisor.lint.checks.base import ASYNC
from advisor.lint.checks.helpers import own_nodes
from advisor.lint.checks.processes_across import exported_name

# the standard library's and the builtins' classes: never the scan's properties
_FOREIGN = frozenset(sys.stdlib_module_names) | BUILTINS


def record(check: Any, defs: Mapping[str, list[list[Any]]], once: frozenset[str]) -> None:
    """For `reach.Reach.finish` (*check*): keep this file's blocking properties and add the
    coroutines' reads of attributes on module-level instances of imported classes to its
    calls, remembering where they are."""
    ctx = check.ctx
    blocking = sorted(
        name
        for name in check.properties
        if any(r[0] == "x" and r[2] not in once for r in defs.get(name, ()))
    )
    if blocking:
        ctx.memo["props"] = blocking
    resolver = ctx.resolver
    module = resolver.bindings(resolver.module_scope)
    reads: list[list[int]] = []
    for frame in ctx.frame_of.values():
        if frame.kind != ASYNC:
            continue
        nodes = list(own_nodes(frame.node))
        called = {id(n.func) for n in nodes if isinstance(n, ast.Call)}
        coroutine = frame.qualname.rpartition(".")[2]
        for node in nodes:
            if (
                not isinstance(node, ast.Attribute)
                or not isinstance(node.ctx, ast.Load)
                or id(node) in called
                or not isinstance(node.value, ast.Name)
            ):
                continue
            cls = _instance_class(ctx, module, node.value.id, frame)
            if cls is None:
                continue
            line, col = node.lineno, node.col_offset + 1
            check.candidates.append(
                [line, col, f"q:{cls}.{node.attr}", source_name(node), coroutine]
            )
            check.candidate_frames.append(frame.node)
            reads.append([line, col])
    if reads:
        ctx.memo["pr"] = reads


def facts(ctx: Any) -> dict[str, Any]:
    """This file's part of the join (``pp``, ``pr``), each only when there is one."""
    return {
        key: ctx.memo[memo] for key, memo in (("pp", "props"), ("pr", "pr")) if memo in ctx.memo
    }


def keep_properties(
    views: list[tuple[str, dict[str, Any]]],
) -> list[tuple[str, dict[str, Any]]]:
    """*views* with each remembered attribute read (``pr``) dropped from its file's calls
    (``r``'s ``c``) unless it reads a blocking property (``pp``) of the scan."""
    properties: set[str] = set()
    aliases: dict[str, str] = {}
    for _path, result in views:
        properties.update(result.get("pp", ()))
        aliases.update((result.get("facts") or {}).get("aliases", {}))
    out: list[tuple[str, dict[str, Any]]] = []
    for path, result in views:
        reads = {tuple(spot) for spot in result.get("pr", ())}
        calls = (result.get("r") or {}).get("c")
        if not reads or not calls:
            out.append((path, result))
            continue
        kept = [
            c
            for c in calls
            if (c[0], c[1]) not in reads or exported_name(c[2][2:], aliases) in properties
        ]
        if len(kept) == len(calls):
            out.append((path, result))
            continue
        reach = {**result["r"], "c": kept}
        if not kept:
            del reach["c"]
        out.append((path, {**result, "r": reach}))
    return out


def _instance_class(ctx: Any, module: Mapping[str, Any], name: str, frame: Any) -> str | None:
    """The qualified class of *name* when it is a module-level ``name = Cls(...)`` (bound once,
    not rebound in the coroutine) with ``Cls`` imported from a module that may be the scan's."""
    binding = module.get(name)
    if binding is None or binding.kind != "value":
        return None
    if ctx.resolver.lookup(name, frame.scope) is not binding:
        return None  # the coroutine (or a function around it) binds the name itself
    made = binding.node
    if not isinstance(made, ast.Call) or not isinstance(made.func, (ast.Name, ast.Attribute)):
        return None
    root: ast.expr = made.func
    while isinstance(root, ast.Attribute):
        root = root.value
    imported: Any = module.get(root.id) if isinstance(root, ast.Name) else None
    if imported is None or imported.kind != "import":
        return None
    qualified: str | None = ctx.qualify(made.func)
    if not qualified or "(" in qualified or "." not in qualified:
        return None
    if qualified.partition(".")[0] in _FOREIGN:
        return None
    return qualified
