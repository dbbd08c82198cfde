"""ADV203: ``with ThreadPoolExecutor(...) as pool:`` -> coroutines.

Pattern `executor-to-async` of `advisor explain`. ``pool.map(f, items)`` becomes
``await asyncio.gather(*(f(x) for x in items))``; ``pool.submit(f, ...)`` becomes a task of an
``asyncio.TaskGroup`` (3.11+) or ``asyncio.create_task`` (3.10, with one gather where the pool
used to shut down); ``future.result()`` becomes ``await future``. Where *f* must stay
synchronous it runs through ``asyncio.to_thread``, bounded by an ``asyncio.Semaphore`` of the
pool's ``max_workers`` (a small helper coroutine is added to the module once).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import libcst as cst

from advisor.codemod.analysis import CallSite, FileInfo, Project, spawn_sites, walk
from advisor.codemod.base import Names, Plan, awaited, call, clean_args, join_texts
from advisor.codemod.callgraph import Graph, Seeds
from advisor.codemod.context import RuleContext
from advisor.codemod.pool_uses import Block, Work, futures_of, refuse, work_of
from advisor.codemod.rules import change_message, phrase

CODE = "ADV203"
POOL = "concurrent.futures.ThreadPoolExecutor"

HELPER = '''
async def {name}(limit, func, /, *args, **kwargs):
    """Run func in a thread, at most limit's count at once (the old pool's max_workers)."""
    async with limit:
        return await asyncio.to_thread(func, *args, **kwargs)
'''


def find(project: Project, info: FileInfo, seeds: Seeds) -> list[Block]:
    blocks: list[Block] = []
    nested = partial(refuse, info, key="nested-pool")
    for site in spawn_sites(info, POOL, "ThreadPoolExecutor()", nested):
        assert site.owner is not None
        blocks.append(_block(project, info, site, seeds))
        seeds.spawners[site.owner.key] = site.owner.line
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
    out.add_imports.add("asyncio")
    submits = [w for w in block.work if w.method == "submit"]
    # A TaskGroup turns one failed task into the failure of all; a pool keeps each exception in
    # its future. Where the code catches what result() raises, the tasks are gathered instead.
    task_group = bool(submits) and out.target >= (3, 11) and not _handles_errors(info, block)
    tg = names.fresh("tg") if task_group else ""
    if not task_group and "" in block.direct:
        raise refuse(info, block.with_node, "future-use", line=str(block.line))
    if submits and not task_group:
        _no_early_return(info, block)
    sync_work = [w for w in block.work if not (w.key and w.key in graph.async_set)]
    limit = names.fresh("limit") if sync_work and block.max_workers is not None else ""
    helper = ""
    if limit:
        helper = _helper(out, names)
    for work in block.work:
        coroutine = _coroutine(work, graph, limit, helper)
        label = cst.Module([]).code_for_node(work.func)
        if work.key and work.key in graph.async_set:
            text = phrase("coroutine", function=label)
        elif limit:
            limit_text = (
                cst.Module([]).code_for_node(block.max_workers) if block.max_workers else ""
            )
            text = phrase("in-thread-limited", function=label, limit=limit_text)
        else:
            text = phrase("in-thread", function=label)
        if work.method == "map":
            head = phrase("map-gather")
            out.rewrite_call(work.call, partial(_gather, build=coroutine, work=work, graph=graph))
        else:
            head = phrase("task-group") if task_group else phrase("await-task")
            spawn = f"{tg}.create_task" if task_group else "asyncio.create_task"
            out.rewrite_call(work.call, partial(_spawn, spawn=spawn, make=coroutine))
        message = change_message(
            CODE, method=work.method, function=label, how=join_texts(head, text)
        )
        out.change(work.line, CODE, message)
    for list_call in block.list_calls:
        out.rewrite_call(list_call, lambda c: c.args[0].value)
    for result_call, name, inside in block.results:
        if inside or not task_group:
            out.rewrite_call(result_call, partial(_await_name, name=name))
    for node in block.as_completed:
        out.rewrite_call(node, lambda c: c.with_changes(func=call("asyncio.as_completed", []).func))
    gather_names = (
        [] if task_group else [*sorted(block.future_lists), *[n for n in block.direct if n]]
    )
    limit_stmt = (
        cst.parse_statement(f"{limit} = asyncio.Semaphore({_code(block.max_workers)})")
        if limit
        else None
    )

    def rewrite(updated: cst.BaseStatement) -> list[cst.BaseStatement]:
        assert isinstance(updated, cst.With)
        assert isinstance(updated.body, cst.IndentedBlock)
        head: list[cst.BaseStatement] = [limit_stmt] if limit_stmt is not None else []
        if task_group:
            item = cst.WithItem(call("asyncio.TaskGroup", []), asname=cst.AsName(cst.Name(tg)))
            return [*head, updated.with_changes(items=[item], asynchronous=cst.Asynchronous())]
        body = list(updated.body.body)
        if gather_names:
            # where the pool used to shut down: after the block, or before its final return
            args = [
                cst.Arg(cst.Name(n), star="*" if n in block.future_lists else "")
                for n in gather_names
            ]
            # a pool's shutdown waits for every future and raises none of their exceptions
            tight = cst.AssignEqual(
                whitespace_before=cst.SimpleWhitespace(""),
                whitespace_after=cst.SimpleWhitespace(""),
            )
            args.append(
                cst.Arg(cst.Name("True"), keyword=cst.Name("return_exceptions"), equal=tight)
            )
            wait = cst.SimpleStatementLine([cst.Expr(awaited(call("asyncio.gather", args)))])
            ends_in_return = isinstance(body[-1], cst.SimpleStatementLine) and isinstance(
                body[-1].body[0], cst.Return
            )
            body.insert(len(body) - 1 if ends_in_return else len(body), wait)
        if body:
            body[0] = body[0].with_changes(leading_lines=updated.leading_lines)
        return [*head, *body]

    out.rewrite_statement(block.with_node, rewrite)


def _handles_errors(info: FileInfo, block: Block) -> bool:
    """Whether a future's result is read inside a ``try`` that has handlers."""
    for result_call, _name, _inside in block.results:
        node: cst.CSTNode | None = result_call
        while node is not None and node is not block.with_node:
            parent = info.parent(node)
            if (
                isinstance(parent, (cst.Try, cst.TryStar))
                and node is parent.body
                and parent.handlers
            ):
                return True
            node = parent
    return False


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


def _helper(out: Plan, names: Names) -> str:
    existing = getattr(out, "_limited_helper", "")
    if existing:
        return str(existing)
    name = names.fresh("to_thread_limited")
    helper = cst.parse_statement(HELPER.format(name=name))
    blank = cst.EmptyLine()
    out.helpers.append(helper.with_changes(leading_lines=[blank, blank]))
    out._limited_helper = name  # type: ignore[attr-defined]
    return name


Build = Callable[[list[cst.Arg]], cst.BaseExpression]


def _coroutine(
    work: Work, graph: Graph, limit: str, helper: str
) -> Callable[[Any], cst.BaseExpression]:
    """A function from the updated call (map: the item name) to the coroutine expression."""

    def build(args: list[cst.Arg]) -> cst.BaseExpression:
        if work.key and work.key in graph.async_set:
            return call(work.func, args)
        if limit:
            return call(helper, [cst.Name(limit), work.func, *args])
        return call("asyncio.to_thread", [cst.Arg(value=work.func), *args])

    if work.method == "map":
        return build

    def from_submit(updated: cst.Call) -> cst.BaseExpression:
        return build(clean_args(updated.args[1:]))

    return from_submit


def _spawn(
    updated: cst.Call, *, spawn: str, make: Callable[[Any], cst.BaseExpression]
) -> cst.BaseExpression:
    return call(spawn, [make(updated)])


def _await_name(_updated: cst.Call, *, name: str) -> cst.BaseExpression:
    return awaited(cst.Name(name))


def _gather(
    updated: cst.Call, *, build: Callable[[Any], cst.BaseExpression], work: Work, graph: Graph
) -> cst.BaseExpression:
    items = updated.args[1].value
    var = _item_name(work, graph)
    element = build([cst.Arg(cst.Name(var))])
    genexp = cst.GeneratorExp(
        elt=element,
        for_in=cst.CompFor(target=cst.Name(var), iter=items),
    )
    return awaited(call("asyncio.gather", [cst.Arg(genexp, star="*")]))


def _item_name(work: Work, graph: Graph) -> str:
    """The loop variable: the function's own first parameter name reads best."""
    if work.key is not None:
        params = graph.project.function(work.key).node.params.params
        if params:
            name = params[0].name.value
            if name != work.key[1]:
                return name
    return "item"
