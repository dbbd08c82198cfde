"""ADV202: ``time.sleep(x)`` -> ``await asyncio.sleep(x)`` inside functions that become coroutines.

Pattern `thread-join-to-gather` of `advisor explain` (its "time.sleep() -> await asyncio.sleep()"
line). A sleep left in a function that stays synchronous is untouched: that function runs in a
thread, where sleeping blocks nobody else.
"""

from __future__ import annotations

import libcst as cst

from advisor.codemod.base import Plan, awaited, call, clean_args
from advisor.codemod.context import RuleContext
from advisor.codemod.rules import change_message, sync_table

CODE = "ADV202"


def plan(ctx: RuleContext, out: Plan) -> None:
    info, graph = ctx.info, ctx.graph
    kinds = sync_table().blocking
    for site in info.calls:
        if kinds.get(site.qname or "") != "sleep" or not graph.in_async_ctx(site):
            continue
        assert site.owner is not None

        def rewrite(updated: cst.Call) -> cst.BaseExpression:
            return awaited(call("asyncio.sleep", clean_args(updated.args)))

        out.rewrite_call(site.node, rewrite)
        out.add_imports.add("asyncio")
        out.change(site.line, CODE, change_message(CODE, function=site.owner.key[1]))
