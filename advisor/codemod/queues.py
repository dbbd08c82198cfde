"""Queue worker pools: a module-level ``queue.Queue()`` fed with ``put()``, drained by worker
threads with ``get()``/``task_done()`` and waited for with ``join()`` -> ``asyncio.Queue``.

The workers become tasks on the event loop; ``get()`` and ``join()`` are awaited, ``put(x)``
becomes ``put_nowait(x)`` (the queue has no size limit, so a put never waited), and worker
threads started as daemons (they loop forever and die with the interpreter) become tasks that
are cancelled when the function that started them ends, after its ``join()``: an idle worker
waiting in ``get()`` is all a daemon thread was by then. The sentinel variant (``None`` put
once per worker, workers joined) needs nothing more. An ``asyncio.Queue`` is not thread-safe,
so every function that touches the queue must run on the loop: one that stays synchronous in
a thread refuses the file (`plan`). A queue handed to the workers as a thread argument is
followed into their parameter (`queue_uses`); ``get_nowait()`` and ``put_nowait()`` keep their
names, in a file that never names ``queue.Empty`` (asyncio raises its own QueueEmpty). Any
other use of the queue (``get(timeout=...)``, passed to a function, a bounded queue) leaves it
a refusal, as before.
"""

from __future__ import annotations

import libcst as cst

from advisor.codemod.analysis import CallSite
from advisor.codemod.base import Plan, Refused, awaited, call
from advisor.codemod.context import RuleContext
from advisor.codemod.queue_uses import Queues, find
from advisor.codemod.rules import change_message, phrase, refusal_message

CODE = "ADV201"
AWAITED = frozenset({"get", "join"})


def plan(ctx: RuleContext, out: Plan) -> None:
    """Record the queue rewrites; refuse when a function touching a queue stays synchronous."""
    queues = ctx.queues
    if queues is None or not queues.creations:
        return
    info, graph = ctx.info, ctx.graph
    sites = {site.node: site for site in info.calls}
    out.add_imports.add("asyncio")
    for site in queues.creations:
        out.rewrite_call(site.node, lambda c: c.with_changes(func=call("asyncio.Queue", []).func))
        workers = ", ".join(f"target={name}" for name in queues.movers.get(site.node, []))
        assign = info.parent(site.node)
        shown = cst.Module([]).code_for_node(site.node)
        if isinstance(assign, cst.Assign):
            shown = cst.Module([]).code_for_node(assign.targets[0].target) + " = " + shown
        how = phrase("queue-task", queue=shown)
        out.change(site.line, CODE, change_message(CODE, target=workers, how=how))
    for node, method in queues.uses:
        site = sites[node]
        owner = site.owner
        if owner is None:
            if method in AWAITED:
                raise _stays_sync(site, "<module>", phrase("queue-module-level"))
        elif owner.key not in graph.async_set or site.sync_ctx:
            why = graph.pinned.get(owner.key) or graph.unseen.get(owner.key)
            raise _stays_sync(site, owner.key[1], why or phrase("queue-in-thread"))
        if method in AWAITED:
            out.rewrite_call(node, awaited)
        elif method == "put":
            out.rewrite_call(node, _put_nowait)


def _put_nowait(updated: cst.Call) -> cst.BaseExpression:
    func = updated.func
    assert isinstance(func, cst.Attribute)
    return updated.with_changes(func=func.with_changes(attr=cst.Name("put_nowait")))


def _stays_sync(site: CallSite, function: str, why: object) -> Refused:
    from advisor.models import Text

    reason = why if isinstance(why, Text) else phrase("queue-in-thread")
    message = refusal_message("queue-sync", function=function, reason=reason)
    return Refused(site.line, "queue", message)


__all__ = ["CODE", "Queues", "find", "plan"]
