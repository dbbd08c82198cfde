"""ADV203: ``with ThreadPoolExecutor(...) as pool:`` -> coroutines.

Pattern `executor-to-async` of `advisor explain`. ``pool.map(f, items)`` becomes
``await asyncio.gather(*(f(x) for x in items))``; ``pool.submit(f, ...)`` becomes
``asyncio.create_task`` with one gather where the pool used to shut down (on every target
version: see `_plan_block` for why not a TaskGroup); ``future.result()`` becomes
``await future``. Every call holds an ``asyncio.Semaphore`` of the pool's ``max_workers`` (the
default pool size when none was given), and where *f* must stay synchronous it runs in a thread
of its own (`helpers.in_thread`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import libcst as cst

from advisor.codemod.analysis import CallSite, FileInfo, Project, spawn_sites, walk
from advisor.codemod.base import (
    Names,
    Plan,
    awaited,
    call,
    clean_args,
    dotted,
    join_texts,
    kwarg,
)
from advisor.codemod.callgraph import Graph, Seeds
from advisor.codemod.context import RuleContext
from advisor.codemod.pool_uses import Block, Work, claimed, futures_of, refuse, work_of
from advisor.codemod.rules import change_message, phrase

CODE = "ADV203"
POOL = "concurrent.futures.ThreadPoolExecutor"


def find(project: Project, info: FileInfo, seeds: Seeds) -> list[Block]:
    blocks: list[Block] = []
    nested = partial(refuse, info, key="nested-pool")
    for site in spawn_sites(info, POOL, "ThreadPoolExecutor()", nested):
        assert site.owner is not None
        blocks.append(_block(project, info, site, seeds))
        seeds.spawners[site.owner.key] = site.owner.line
    claimed(info, blocks)
    return blocks


def _block(project: Project, info: FileInfo, site: CallSite, seeds: Seeds) -> Block:
    item = info.parent(site.node)
    with_node = info.parent(item) if isinstance(item, cst.WithItem) else None
    if (
        not isinstance(with_node, cst.With)
        or with_node.asynchronous is not None
        or len(with_node.items) != 1
        or not isinstance(item, cst.WithItem)
        or item.asname is None
        or not isinstance(item.asname.name, cst.Name)
    ):
        raise refuse(info, site.node, "pool-context")
    max_workers = None
    for i, arg in enumerate(site.node.args):
        if (arg.keyword is None and i == 0 and not arg.star) or (
            arg.keyword is not None and arg.keyword.value == "max_workers"
        ):
            max_workers = arg.value
        else:
            raise refuse(info, site.node, "pool-argument")
    assert site.owner is not None
    block = Block(site.owner, with_node, item.asname.name.value, max_workers, site.line)
    work_of(project, info, block, seeds)
    futures_of(info, block)
    return block


def plan(ctx: RuleContext, out: Plan) -> None:
    """Record the rewrites of every ``with ThreadPoolExecutor(...)`` block."""
    for block in ctx.blocks:
        _plan_block(ctx.info, ctx.graph, block, out, ctx.names)


def _plan_block(info: FileInfo, graph: Graph, block: Block, out: Plan, names: Names) -> None:
    """One pool block -> tasks, on every target version alike.

    No ``asyncio.TaskGroup``: one failed task would cancel the others and raise an
    ``ExceptionGroup`` that no caller's ``except SomeError`` matches, where a pool keeps each
    exception in its future. So tasks are made with ``asyncio.create_task`` and gathered with
    ``return_exceptions=True`` where the pool used to shut down; ``future.result()`` becomes
    ``await future`` and raises the work's own exception, as before. The pool's bound becomes
    a semaphore held by every call, coroutine or thread (its default when none was given).
    """
    from advisor.codemod import helpers

    out.add_imports.add("asyncio")
    submits = [w for w in block.work if w.method == "submit"]
    if submits:
        _no_early_return(info, block)
    limit = names.fresh("limit")
    bound = _code(block.max_workers) if block.max_workers is not None else ""
    if not bound:
        out.add_imports.add("os")
    timed = any(w.timeout is not None for w in block.work)
    pending = names.fresh("pending") if "" in block.direct or block.nested_direct or timed else ""
    for work in block.work:
        coroutine = _coroutine(work, graph, limit, out, names)
        label = (
            "lambda"
            if isinstance(work.func, cst.Lambda)
            else cst.Module([]).code_for_node(work.func)
        )
        shown = bound or helpers.DEFAULT_WORKERS
        if work.key and work.key in graph.async_set:
            text = phrase("coroutine-limited", function=label, limit=shown)
        else:
            text = phrase("in-thread-limited", function=label, limit=shown)
            if work.key in graph.unseen:
                text = join_texts(text, graph.unseen[work.key])
        if work.method == "map" and work.timeout is not None:
            head = phrase("map-within")
            out.rewrite_call(
                work.call,
                partial(
                    _map_within,
                    work=work,
                    graph=graph,
                    limit=limit,
                    pending=pending,
                    out=out,
                    names=names,
                ),
            )
        elif work.method == "map":
            head = phrase("map-gather")
            swallow = isinstance(info.parent(work.call), cst.Expr)
            out.rewrite_call(
                work.call,
                partial(_gather, build=coroutine, work=work, graph=graph, swallow=swallow),
            )
        else:
            head = phrase("await-task")
            # only a dropped future joins the pending list; a kept one is gathered by its name
            dropped = isinstance(info.parent(work.call), cst.Expr)
            out.rewrite_call(
                work.call, partial(_spawn, make=coroutine, pending=pending if dropped else "")
            )
        message = change_message(
            CODE, method=work.method, function=label, how=join_texts(head, text)
        )
        out.change(work.line, CODE, message)
    for list_call in block.list_calls:
        out.rewrite_call(list_call, lambda c: c.args[0].value)
    for result_call, name, _inside in block.results:
        if result_call not in out.calls:  # a name two pool blocks of one function reuse
            out.rewrite_call(result_call, partial(_await_name, name=name))
    _plan_waiting(info, block, out, names)
    for line, name in block.nested_direct:
        # a future bound in a loop or branch: the name keeps the last one (or none), so each
        # joins the list gathered where the pool used to wait for all of them
        out.rewrite_statement(line, partial(_then_append, pending=pending, name=name))
    gather_names = [
        *sorted(block.future_lists | block.future_dicts),
        *[n for n in block.direct if n],
        *([pending] if pending else []),
    ]
    lists = block.future_lists | block.future_dicts | ({pending} if pending else set())
    head_stmts = [
        cst.parse_statement(f"{limit} = asyncio.Semaphore({bound or helpers.DEFAULT_WORKERS})")
    ]
    if pending:
        head_stmts.append(cst.parse_statement(f"{pending} = []"))

    def rewrite(updated: cst.BaseStatement) -> list[cst.BaseStatement]:
        assert isinstance(updated, cst.With)
        assert isinstance(updated.body, cst.IndentedBlock)
        body = list(updated.body.body)
        if gather_names:
            # where the pool used to shut down: after the block, or before its final return
            args = [cst.Arg(cst.Name(n), star="*" if n in lists else "") for n in gather_names]
            # a pool's shutdown waits for every future and raises none of their exceptions
            args.append(kwarg("return_exceptions", cst.Name("True")))
            wait = cst.SimpleStatementLine([cst.Expr(awaited(call("asyncio.gather", args)))])
            ends_in_return = isinstance(body[-1], cst.SimpleStatementLine) and isinstance(
                body[-1].body[0], cst.Return
            )
            body.insert(len(body) - 1 if ends_in_return else len(body), wait)
        head = [s.with_changes(leading_lines=[]) for s in head_stmts]
        head[0] = head[0].with_changes(leading_lines=updated.leading_lines)
        # the with line's own comment (``with ...:  # note``) stays on the first new line
        comment = updated.body.header.comment
        if comment is not None:
            first = head[0]
            assert isinstance(first, cst.SimpleStatementLine)
            head[0] = first.with_changes(
                trailing_whitespace=cst.TrailingWhitespace(
                    whitespace=cst.SimpleWhitespace("  "), comment=comment
                )
            )
        return [*head, *body]

    out.rewrite_statement(block.with_node, rewrite)


def _plan_waiting(info: FileInfo, block: Block, out: Plan, names: Names) -> None:
    """as_completed() and wait() on tasks: asyncio.as_completed where the loop only reads
    results; the tasks themselves in completion order where the loop needs them (a dict key,
    exception()); wait() through a helper with the same arguments and (done, not_done)."""
    from advisor.codemod import waits

    for node in block.as_completed:
        line = info.line(node)
        if node in block.ordered.values():
            name = cst.Name(waits.completed(out, names))
            out.rewrite_call(node, partial(_with_func, func=name))
            arg = cst.Module([]).code_for_node(node.args[0].value)
            out.change(line, CODE, phrase("as-completed-tasks", name=arg))
        else:
            out.rewrite_call(node, partial(_with_func, func=dotted("asyncio.as_completed")))
            out.change(line, CODE, phrase("as-completed-plain"))
    for loop in block.ordered:
        out.rewrite_statement(loop, _async_for)
    for node in block.waits:
        name = cst.Name(waits.wait(out, names))
        out.rewrite_call(node, partial(_with_func, func=name, wait=True))
        out.change(info.line(node), CODE, phrase("wait-tasks"))


def _with_func(
    updated: cst.Call, *, func: cst.BaseExpression, wait: bool = False
) -> cst.BaseExpression:
    new = updated.with_changes(func=func)
    return awaited(new) if wait else new


def _async_for(updated: cst.BaseStatement) -> list[cst.BaseStatement]:
    assert isinstance(updated, cst.For)
    return [updated.with_changes(asynchronous=cst.Asynchronous())]


def _then_append(updated: cst.BaseStatement, *, pending: str, name: str) -> list[cst.BaseStatement]:
    append = cst.parse_statement(f"{pending}.append({name})")
    return [updated, append]


def _no_early_return(info: FileInfo, block: Block) -> None:
    """On 3.10 the tasks are gathered at the end of the old block; a return before it would
    leave them running, where the pool used to wait for them."""
    body = block.with_node.body
    assert isinstance(body, cst.IndentedBlock)
    last = body.body[-1]
    for node in walk(body, (cst.Return,)):
        if not (isinstance(last, cst.SimpleStatementLine) and node is last.body[0]):
            raise refuse(info, node, "pool-return", line=str(info.line(node)))


def _code(node: cst.BaseExpression | None) -> str:
    return cst.Module([]).code_for_node(node) if node is not None else ""


Build = Callable[[list[cst.Arg]], cst.BaseExpression]


def _coroutine(
    work: Work, graph: Graph, limit: str, out: Plan, names: Names
) -> Callable[[Any], cst.BaseExpression]:
    """A function from the updated call (map: the item name) to the coroutine expression."""
    from advisor.codemod import helpers

    def build(args: list[cst.Arg]) -> cst.BaseExpression:
        if work.key and work.key in graph.async_set:
            return call(helpers.limited(out, names), [cst.Name(limit), call(work.func, args)])
        return call(helpers.in_thread(out, names), [cst.Name(limit), work.func, *args])

    if work.method == "map":
        return build

    def from_submit(updated: cst.Call) -> cst.BaseExpression:
        return build(clean_args(updated.args[1:]))

    return from_submit


def _spawn(
    updated: cst.Call, *, make: Callable[[Any], cst.BaseExpression], pending: str
) -> cst.BaseExpression:
    task = call("asyncio.create_task", [make(updated)])
    return call(f"{pending}.append", [task]) if pending else task


def _await_name(_updated: cst.Call, *, name: str) -> cst.BaseExpression:
    return awaited(cst.Name(name))


def _gather(
    updated: cst.Call,
    *,
    build: Callable[[Any], cst.BaseExpression],
    work: Work,
    graph: Graph,
    swallow: bool,
) -> cst.BaseExpression:
    """``pool.map(f, items)`` -> ``await asyncio.gather(*(f(x) for x in items))``; a map whose
    results nobody reads raised nothing, so its gather keeps the exceptions as values."""
    iterables = [a.value for a in updated.args[1:]]
    if len(iterables) == 1:
        var = _item_name(work, graph)
        element = build([cst.Arg(cst.Name(var))])
        target: cst.BaseAssignTargetExpression = cst.Name(var)
        items = iterables[0]
    else:  # map(f, a, b) calls f(x, y) for x, y in zip(a, b)
        names = [f"item_{i + 1}" for i in range(len(iterables))]
        element = build([cst.Arg(cst.Name(n)) for n in names])
        target = cst.Tuple([cst.Element(cst.Name(n)) for n in names], lpar=[], rpar=[])
        items = call("zip", [cst.Arg(v) for v in iterables])
    genexp = cst.GeneratorExp(elt=element, for_in=cst.CompFor(target=target, iter=items))
    args = [cst.Arg(genexp, star="*")]
    if swallow:
        args.append(kwarg("return_exceptions", cst.Name("True")))
    return awaited(call("asyncio.gather", args))


def _map_within(
    updated: cst.Call,
    *,
    work: Work,
    graph: Graph,
    limit: str,
    pending: str,
    out: Plan,
    names: Names,
) -> cst.BaseExpression:
    """``list(pool.map(f, *its, timeout=t))`` -> ``await map_within(pending, t, limit, f, *its)``,
    *f* a coroutine function, or ``functools.partial(in_thread, None, f)`` for work that stays
    synchronous (the helper holds the bound itself)."""
    from advisor.codemod import helpers, waits

    helper = waits.map_within(out, names)
    iterables = clean_args([a for a in updated.args[1:] if a.keyword is None])
    timeout = next(a.value for a in updated.args if a.keyword and a.keyword.value == "timeout")
    func: cst.BaseExpression = updated.args[0].value
    if not (work.key and work.key in graph.async_set):
        out.add_imports.add("functools")
        func = call(
            "functools.partial", [cst.Name(helpers.in_thread(out, names)), cst.Name("None"), func]
        )
    args: list[cst.Arg | cst.BaseExpression] = [
        cst.Name(pending),
        timeout,
        cst.Name(limit),
        func,
        *iterables,
    ]
    return awaited(call(helper, args))


def _item_name(work: Work, graph: Graph) -> str:
    """The loop variable: the function's own first parameter name reads best."""
    if work.key is not None:
        params = graph.project.function(work.key).node.params.params
        if params:
            name = params[0].name.value
            if name != work.key[1]:
                return name
    return "item"
