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

from advisor.codemod.analysis import CallSite, FileInfo, Project, spawn_sites
from advisor.codemod.base import (
    Names,
    Plan,
    Refused,
    awaited,
    call,
    clean_args,
    dotted,
    join_texts,
    kwarg,
)
from advisor.codemod.callgraph import Graph, Seeds
from advisor.codemod.context import RuleContext
from advisor.codemod.cpu_bound import refuse_cpu_bound
from advisor.codemod.pool_uses import (
    Block,
    Work,
    claimed,
    futures_of,
    refuse,
    timeout_of,
    work_of,
)
from advisor.codemod.rules import change_message, phrase
from advisor.models import Text

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


def _unmanaged(info: FileInfo, site: CallSite) -> Refused | None:
    """The true reason a pool bound to a name without ``with`` (``pool = ThreadPoolExecutor(4)``
    ... ``pool.shutdown()``) is refused, naming how it ends: a task group or gather has no
    shutdown of its own to map it to, and an error between the two lines would wait for the
    tasks in the converted program where the pool let them run on (issue 18)."""
    assign = info.parent(site.node)
    if not (
        isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
        and site.owner is not None
    ):
        return None
    name = assign.targets[0].target.value
    ending = phrase("pool-never-shut")
    for other in site.owner.calls:
        func = other.node.func
        if not (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value == name
            and func.attr.value == "shutdown"
        ):
            continue
        cancels = any(
            a.keyword is not None and a.keyword.value == "cancel_futures" for a in other.node.args
        )
        key = "pool-shut-cancel" if cancels else "pool-shut"
        ending = phrase(key, line=str(other.line))
        break
    return refuse(info, site.node, "pool-unmanaged", name=name, ending=ending)


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
        raise _unmanaged(info, site) or refuse(info, site.node, "pool-context")
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
    refuse_cpu_bound(info, block)  # ADV107's work stays in a pool (`cpu_bound`)
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
    exception in its future. So every task the block starts (submit, map) joins one list,
    gathered with ``return_exceptions=True`` in a ``finally`` where the pool used to shut down:
    the pool's ``__exit__`` waited for every call, also when an exception left the block (the
    converted code used to leave them running then). ``future.result()`` becomes ``await
    future`` and raises the work's own exception, as before. The pool's bound becomes a
    semaphore held by every call, coroutine or thread (its default when none was given).
    """
    from advisor.codemod import helpers

    out.add_imports.add("asyncio")
    limit = names.fresh("limit")
    bound = _code(block.max_workers) if block.max_workers is not None else ""
    if not bound:
        out.add_imports.add("os")
    pending = names.fresh("pending")
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
        if work.method == "map":
            head = _plan_map(work, graph, limit=limit, pending=pending, out=out, names=names)
        else:
            head = phrase("await-task")
            out.rewrite_call(
                work.call, partial(_spawn, make=coroutine, pending=pending, out=out, names=names)
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
    head_stmts = [
        cst.parse_statement(f"{limit} = asyncio.Semaphore({bound or helpers.DEFAULT_WORKERS})"),
        cst.parse_statement(f"{pending} = []"),
    ]

    def rewrite(updated: cst.BaseStatement) -> list[cst.BaseStatement]:
        from advisor.codemod.script import unindent_blank_lines

        assert isinstance(updated, cst.With)
        assert isinstance(updated.body, cst.IndentedBlock)
        body = [unindent_blank_lines(s) for s in updated.body.body]
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
        # a pool's shutdown waits for every future and raises none of their exceptions
        args = [
            cst.Arg(cst.Name(pending), star="*"),
            kwarg("return_exceptions", cst.Name("True")),
        ]
        wait = cst.SimpleStatementLine([cst.Expr(awaited(call("asyncio.gather", args)))])
        block_try = cst.Try(
            body=updated.body.with_changes(body=body, header=cst.TrailingWhitespace(), indent=None),
            finalbody=cst.Finally(body=cst.IndentedBlock([wait])),
        )
        return [*head, block_try]

    out.rewrite_statement(block.with_node, rewrite)


def _plan_map(
    work: Work, graph: Graph, *, limit: str, pending: str, out: Plan, names: Names
) -> Text:
    """``pool.map(f, *its[, timeout=t])`` -> the module's map helper, read as it was read:
    at once (``[r async for r in ...]``), in a loop (``async for`` in ``aclosing``), or not at
    all (the call alone: its tasks start and are awaited where the pool shut down)."""
    from advisor.codemod import waits

    helper = waits.pool_map(out, names, timeout=work.timeout is not None)
    out.rewrite_call(
        work.call,
        partial(
            _map_call,
            work=work,
            graph=graph,
            helper=helper,
            limit=limit,
            pending=pending,
            out=out,
            names=names,
        ),
    )
    if work.reading == "unread":
        return phrase("map-unread")
    deadline = phrase("map-deadline") if work.timeout is not None else None
    head = Text(
        {
            lang: phrase("map-in-order", within=deadline.get(lang) if deadline else "").get(lang)
            for lang in phrase("map-unread").values
        }
    )
    if work.named is not None and work.reading == "at-once":
        out.exprs[work.named] = _read_at_once
    if work.reading == "loop":
        assert work.loop is not None
        results = names.fresh("results")
        zipper = waits.zip_results(out, names) if work.zipped is not None else ""
        if zipper and isinstance(work.zipped, cst.Call):
            assert isinstance(work.zipped.func, cst.Name)
            if work.zipped.func.value == "enumerate":
                out.add_imports.add("itertools")
        out.add_imports.add("contextlib")
        source = work.named.value if work.named is not None else helper
        out.rewrite_statement(
            work.loop, partial(_async_loop, source=source, results=results, zipper=zipper)
        )
        return join_texts(head, phrase("map-loop"))
    return head


def _read_at_once(updated: cst.BaseExpression) -> cst.BaseExpression:
    """``results`` read at once -> ``[result async for result in results]``."""
    var = cst.Name("result")
    return cst.ListComp(
        elt=var, for_in=cst.CompFor(target=var, iter=updated, asynchronous=cst.Asynchronous())
    )


def _map_call(
    updated: cst.Call,
    *,
    work: Work,
    graph: Graph,
    helper: str,
    limit: str,
    pending: str,
    out: Plan,
    names: Names,
) -> cst.BaseExpression:
    """``pool.map(f, *its, timeout=t)`` -> ``map_helper(pending, [t,] limit, f, *its)``, *f*
    a coroutine function, or ``functools.partial(in_thread, None, f)`` for work that stays
    synchronous (the helper holds the bound itself); read at once, the call is wrapped in an
    async list comprehension."""
    from advisor.codemod import helpers

    iterables = clean_args([a for a in updated.args[1:] if a.keyword is None])
    func: cst.BaseExpression = updated.args[0].value
    if not (work.key and work.key in graph.async_set):
        out.add_imports.add("functools")
        func = call(
            "functools.partial", [cst.Name(helpers.in_thread(out, names)), cst.Name("None"), func]
        )
    args: list[cst.Arg | cst.BaseExpression] = [cst.Name(pending)]
    if work.timeout is not None:
        args.append(
            next(a.value for a in updated.args if a.keyword and a.keyword.value == "timeout")
        )
    args += [cst.Name(limit), func, *iterables]
    mapped = call(helper, args)
    if work.reading != "at-once" or work.named is not None:
        return mapped
    return _read_at_once(mapped)


def _async_loop(
    updated: cst.BaseStatement, *, source: str, results: str, zipper: str
) -> list[cst.BaseStatement]:
    """``for x in <map>:`` -> ``async with contextlib.aclosing(<map>) as results:
    async for x in results:``, *<map>* the helper call or the name it was assigned to
    (*source*); in ``zip()``: ``zipper(..., results, ...)``, in ``enumerate(m, start)``:
    ``zipper(itertools.count(start), results)``. The loop reads the results one at a time,
    and leaving it early closes the iterator, which cancels the calls not started, as
    dropping the pool's iterator did."""
    from advisor.codemod.script import unindent_blank_lines

    def is_source(value: cst.BaseExpression) -> bool:
        if isinstance(value, cst.Name):
            return value.value == source
        return (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Name)
            and (value.func.value == source)
        )

    assert isinstance(updated, cst.For)
    iterable = updated.iter
    mapped: cst.BaseExpression = iterable
    new_iter: cst.BaseExpression = cst.Name(results)
    if zipper:
        assert isinstance(iterable, cst.Call)
        assert isinstance(iterable.func, cst.Name)
        new_args = []
        for arg in iterable.args:
            if is_source(arg.value):
                mapped = arg.value
                new_args.append(arg.with_changes(value=cst.Name(results)))
            else:
                new_args.append(arg)
        if iterable.func.value == "enumerate":
            start = clean_args(new_args[1:])
            counter = call("itertools.count", start)
            new_iter = call(
                zipper, [counter, new_args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
            )
        else:
            new_iter = iterable.with_changes(func=cst.Name(zipper), args=new_args)
    loop = updated.with_changes(asynchronous=cst.Asynchronous(), iter=new_iter, leading_lines=[])
    closing = cst.With(
        items=[
            cst.WithItem(
                call("contextlib.aclosing", [mapped]), asname=cst.AsName(cst.Name(results))
            )
        ],
        body=cst.IndentedBlock([unindent_blank_lines(loop)]),
        asynchronous=cst.Asynchronous(),
        leading_lines=updated.leading_lines,
    )
    return [closing]


def _plan_waiting(info: FileInfo, block: Block, out: Plan, names: Names) -> None:
    """as_completed() and wait() on tasks: asyncio.as_completed where the loop only reads
    results; the tasks themselves in completion order where the loop needs them (a dict key,
    exception()); wait() through a helper with the same arguments and (done, not_done)."""
    from advisor.codemod import waits

    for node in block.as_completed:
        line = info.line(node)
        if timeout_of(node) is not None:
            name = cst.Name(waits.completed_within(out, names))
            out.rewrite_call(node, partial(_with_func, func=name))
            out.change(line, CODE, phrase("as-completed-within"))
        elif node in block.ordered.values():
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
    updated: cst.Call,
    *,
    make: Callable[[Any], cst.BaseExpression],
    pending: str,
    out: Plan,
    names: Names,
) -> cst.BaseExpression:
    from advisor.codemod import waits

    return call(waits.submit(out, names), [cst.Name(pending), make(updated)])


def _await_name(_updated: cst.Call, *, name: str) -> cst.BaseExpression:
    return awaited(cst.Name(name))
