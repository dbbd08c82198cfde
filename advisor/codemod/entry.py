"""ADV205: callers of converted functions become coroutines too, up to the entry point.

Pattern `thread-join-to-gather` of `advisor explain` (its "main() -> asyncio.run(main())" line).
Which functions change is decided by the call-graph fixpoint in `callgraph.decide`; this rule
writes the result: ``async def``, ``await`` at every call inside a coroutine, and
``asyncio.run(...)`` for calls made at module level (the main guard).
"""

from __future__ import annotations

import libcst as cst

from advisor.codemod.analysis import FuncInfo
from advisor.codemod.base import Plan, awaited, call
from advisor.codemod.callgraph import Graph
from advisor.codemod.context import RuleContext
from advisor.codemod.rules import change_message, phrase, sync_table
from advisor.models import Text

CODE = "ADV205"


def plan(ctx: RuleContext, out: Plan) -> None:
    info, graph = ctx.info, ctx.graph
    reported = _reported(ctx)
    for func in info.functions.values():
        if func.key not in graph.async_set:
            continue
        out.async_defs.add(func.node)
        if func.key[1] in reported:
            continue
        what = phrase("async-def", function=func.key[1], cause=_cause(graph, func))
        out.change(func.line, CODE, change_message(CODE, what=what))
    for site in info.calls:
        if site.callee is None or site.callee not in graph.async_set:
            continue
        if site.owner is None and not site.sync_ctx:
            out.rewrite_call(site.node, lambda c: call("asyncio.run", [c]))
            out.add_imports.add("asyncio")
            what = phrase("asyncio-run", function=site.callee[1])
            out.change(site.line, CODE, change_message(CODE, what=what))
        elif graph.in_async_ctx(site):
            out.rewrite_call(site.node, _await)
            assert site.owner is not None
            what = phrase("await-call", function=site.callee[1], caller=site.owner.key[1])
            out.change(site.line, CODE, change_message(CODE, what=what))


def _reported(ctx: RuleContext) -> set[str]:
    """This file's functions whose ``async def`` a thread or pool change already announces."""
    here = ctx.info.path
    targets = [s.target_key for g in ctx.groups for s in g.sites]
    targets += [w.key for b in ctx.blocks for w in b.work]
    return {key[1] for key in targets if key and key[0] == here}


def _cause(graph: Graph, func: FuncInfo) -> Text:
    """Why *func* became a coroutine, for its change message."""
    if func.key in graph.seeds.spawners:
        return phrase("spawns")
    for site in func.calls:
        if graph.in_async_ctx(site) and site.callee and site.callee in graph.async_set:
            return phrase("calls-async", callee=site.callee[1])
    for site in func.calls:
        if graph.in_async_ctx(site) and site.qname in sync_table().blocking:
            return phrase("waits", call=site.qname or "")
    return phrase("called-by-coroutine")


def _await(updated: cst.Call) -> cst.BaseExpression:
    return awaited(updated)
