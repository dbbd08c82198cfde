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
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import libcst as cst

from advisor.convert.analysis import CallSite, FileInfo, FuncInfo, FuncKey, Project
from advisor.convert.base import Names, Plan, Refused, awaited, call, clean_args
from advisor.convert.callgraph import Graph, Seeds
from advisor.convert.rules import change_message, phrase, refusal_message
from advisor.convert.threads import join_texts

CODE = "ADV203"
POOL = "concurrent.futures.ThreadPoolExecutor"
AS_COMPLETED = "concurrent.futures.as_completed"

HELPER = '''
async def {name}(limit, func, /, *args, **kwargs):
    """Run func in a thread, at most limit's count at once (the old pool's max_workers)."""
    async with limit:
        return await asyncio.to_thread(func, *args, **kwargs)
'''


@dataclass(eq=False)
class Work:
    call: cst.Call
    method: str  # map | submit
    func: cst.BaseExpression
    key: FuncKey | None
    line: int


@dataclass(eq=False)
class Block:
    owner: FuncInfo
    with_node: cst.With
    name: str
    max_workers: cst.BaseExpression | None
    line: int
    work: list[Work] = field(default_factory=list)
    #: ``list(pool.map(...))`` calls that collapse into the gather.
    list_calls: dict[cst.Call, Work] = field(default_factory=dict)
    #: Names holding one future, and names holding a list of futures.
    futures: set[str] = field(default_factory=set)
    future_lists: set[str] = field(default_factory=set)
    #: Names a submit() result was assigned to directly (3.10 gathers them at the end).
    direct: list[str] = field(default_factory=list)
    results: list[tuple[cst.Call, str, bool]] = field(default_factory=list)
    as_completed: list[cst.Call] = field(default_factory=list)


def _refuse(info: FileInfo, node: cst.CSTNode, key: str, **params: str) -> Refused:
    return Refused(
        info.line(node),
        "pool-shape",
        refusal_message("pool-shape", name="ThreadPoolExecutor", detail=phrase(key, **params)),
    )


def find(project: Project, info: FileInfo, seeds: Seeds) -> list[Block]:
    blocks: list[Block] = []
    for site in info.calls:
        if site.qname != POOL:
            continue
        if site.owner is None:
            raise Refused(
                site.line,
                "module-level",
                refusal_message("module-level", name="ThreadPoolExecutor()"),
            )
        if site.sync_ctx:
            raise _refuse(info, site.node, "nested-pool")
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
        raise _refuse(info, site.node, "pool-context")
    max_workers = None
    for i, arg in enumerate(site.node.args):
        if (arg.keyword is None and i == 0 and not arg.star) or (
            arg.keyword is not None and arg.keyword.value == "max_workers"
        ):
            max_workers = arg.value
        else:
            raise _refuse(info, site.node, "pool-argument")
    assert site.owner is not None
    block = Block(site.owner, with_node, item.asname.name.value, max_workers, site.line)
    _work(project, info, block, seeds)
    _futures(info, block)
    return block


def _work(project: Project, info: FileInfo, block: Block, seeds: Seeds) -> None:
    for node in _names(block.owner.node.body, block.name):
        if not _inside(info, node, block.with_node.body):
            if isinstance(info.parent(node), cst.AsName):
                continue
            raise _refuse(info, node, "pool-use", line=str(info.line(node)))
        attr = info.parent(node)
        outer = info.parent(attr) if attr is not None else None
        if not (
            isinstance(attr, cst.Attribute)
            and attr.attr.value in ("map", "submit")
            and isinstance(outer, cst.Call)
            and outer.func is attr
            and outer.args
            and not outer.args[0].keyword
            and not outer.args[0].star
            and _in_function_context(info, outer, block.owner.node)
        ):
            raise _refuse(info, node, "pool-use", line=str(info.line(node)))
        method = attr.attr.value
        func = outer.args[0].value
        if method == "map" and (
            len(outer.args) != 2 or outer.args[1].keyword or outer.args[1].star
        ):
            raise _refuse(info, node, "pool-use", line=str(info.line(node)))
        if not isinstance(func, (cst.Name, cst.Attribute)):
            raise _refuse(info, outer, "pool-function")
        key = project.resolve(info, func)
        if isinstance(func, cst.Name):
            seeds.allowed_refs.add(func)
        if key is not None:
            seeds.workers.add(key)
        work = Work(outer, method, func, key, info.line(outer))
        block.work.append(work)
        if method == "map":
            arg = info.parent(outer)
            wrapper = info.parent(arg) if isinstance(arg, cst.Arg) else None
            if (
                isinstance(wrapper, cst.Call)
                and isinstance(wrapper.func, cst.Name)
                and wrapper.func.value == "list"
                and len(wrapper.args) == 1
            ):
                block.list_calls[wrapper] = work
        else:
            _bind_submit(info, block, outer)


def _bind_submit(info: FileInfo, block: Block, submit: cst.Call) -> None:
    parent = info.parent(submit)
    if isinstance(parent, cst.Assign) and isinstance(parent.targets[0].target, cst.Name):
        name = parent.targets[0].target.value
        block.futures.add(name)
        block.direct.append(name)
    elif isinstance(parent, cst.ListComp) and parent.elt is submit:
        owner = info.parent(parent)
        if isinstance(owner, cst.Assign) and isinstance(owner.targets[0].target, cst.Name):
            block.future_lists.add(owner.targets[0].target.value)
        else:
            raise _refuse(info, submit, "future-use", line=str(info.line(submit)))
    elif isinstance(parent, cst.Arg):
        outer = info.parent(parent)
        if (
            isinstance(outer, cst.Call)
            and isinstance(outer.func, cst.Attribute)
            and outer.func.attr.value == "append"
            and isinstance(outer.func.value, cst.Name)
        ):
            block.future_lists.add(outer.func.value.value)
        else:
            raise _refuse(info, submit, "future-use", line=str(info.line(submit)))
    elif isinstance(parent, cst.Expr):
        block.direct.append("")  # fire and forget: the TaskGroup still waits for it
    else:
        raise _refuse(info, submit, "future-use", line=str(info.line(submit)))


def _futures(info: FileInfo, block: Block) -> None:
    """Loop and comprehension variables over futures are futures; every use must be known."""
    body = block.owner.node.body
    for node in _all(body, (cst.For, cst.CompFor)):
        assert isinstance(node, (cst.For, cst.CompFor))
        source = node.iter
        if isinstance(source, cst.Call) and _qualified_as_completed(info, source):
            block.as_completed.append(source)
            source = source.args[0].value if len(source.args) == 1 else source
        if (
            isinstance(source, cst.Name)
            and source.value in block.future_lists
            and isinstance(node.target, cst.Name)
        ):
            block.futures.add(node.target.value)
    tracked = block.futures | block.future_lists
    for name_node in _all(body, (cst.Name,)):
        assert isinstance(name_node, cst.Name)
        if name_node.value not in tracked:
            continue
        parent = info.parent(name_node)
        if isinstance(parent, (cst.AssignTarget, cst.For, cst.CompFor)) and (
            getattr(parent, "target", None) is name_node
        ):
            continue
        if name_node.value in block.future_lists:
            if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is name_node:
                continue
            if isinstance(parent, cst.Arg) and info.parent(parent) in block.as_completed:
                continue
            if isinstance(parent, cst.Attribute) and parent.attr.value == "append":
                continue
            raise _refuse(info, name_node, "future-use", line=str(info.line(name_node)))
        outer = info.parent(parent) if parent is not None else None
        if (
            isinstance(parent, cst.Attribute)
            and parent.attr.value == "result"
            and isinstance(outer, cst.Call)
            and not outer.args
        ):
            inside = _inside(info, outer, block.with_node.body)
            if _in_genexp(info, outer, block.owner.node):
                raise _refuse(info, outer, "future-genexp", line=str(info.line(outer)))
            block.results.append((outer, name_node.value, inside))
            continue
        raise _refuse(info, name_node, "future-use", line=str(info.line(name_node)))


def _qualified_as_completed(info: FileInfo, node: cst.Call) -> bool:
    from advisor.convert.analysis import qualified

    return qualified(info, node.func) == AS_COMPLETED


def _inside(info: FileInfo, node: cst.CSTNode, ancestor: cst.CSTNode) -> bool:
    current: cst.CSTNode | None = node
    while current is not None:
        if current is ancestor:
            return True
        current = info.parent(current)
    return False


def _in_function_context(info: FileInfo, node: cst.CSTNode, func: cst.FunctionDef) -> bool:
    current = info.parent(node)
    while current is not None and current is not func:
        if isinstance(current, (cst.Lambda, cst.FunctionDef, cst.ClassDef, cst.GeneratorExp)):
            return False
        current = info.parent(current)
    return True


def _in_genexp(info: FileInfo, node: cst.CSTNode, func: cst.FunctionDef) -> bool:
    return not _in_function_context(info, node, func)


def _names(root: cst.CSTNode, value: str) -> list[cst.Name]:
    return [n for n in _all(root, (cst.Name,)) if isinstance(n, cst.Name) and n.value == value]


def _all(root: cst.CSTNode, kinds: tuple[type[cst.CSTNode], ...]) -> list[cst.CSTNode]:
    from advisor.convert.analysis import walk

    return walk(root, kinds)


def plan(info: FileInfo, graph: Graph, block: Block, out: Plan, names: Names) -> None:
    out.add_imports.add("asyncio")
    submits = [w for w in block.work if w.method == "submit"]
    task_group = bool(submits) and out.target >= (3, 11)
    tg = names.fresh("tg") if task_group else ""
    if not task_group and "" in block.direct:
        raise _refuse(info, block.with_node, "future-use", line=str(block.line))
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
            wait = cst.SimpleStatementLine([cst.Expr(awaited(call("asyncio.gather", args)))])
            ends_in_return = isinstance(body[-1], cst.SimpleStatementLine) and isinstance(
                body[-1].body[0], cst.Return
            )
            body.insert(len(body) - 1 if ends_in_return else len(body), wait)
        if body:
            body[0] = body[0].with_changes(leading_lines=updated.leading_lines)
        return [*head, *body]

    out.rewrite_statement(block.with_node, rewrite)


def _no_early_return(info: FileInfo, block: Block) -> None:
    """On 3.10 the tasks are gathered at the end of the old block; a return before it would
    leave them running, where the pool used to wait for them."""
    body = block.with_node.body
    assert isinstance(body, cst.IndentedBlock)
    last = body.body[-1]
    for node in _all(body, (cst.Return,)):
        if not (isinstance(last, cst.SimpleStatementLine) and node is last.body[0]):
            raise _refuse(info, node, "pool-return", line=str(info.line(node)))


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
