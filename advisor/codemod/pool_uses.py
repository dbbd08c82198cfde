"""ADV203's reading of a ``with ThreadPoolExecutor(...) as pool:`` block: what is submitted or
mapped, which names hold futures (one future, a list or dict of them, the sets ``wait()``
returns), and that every use of the pool and its futures is one the rewrite knows. Anything
else refuses the file.

A future's uses are checked where they are: inside an ``as_completed()`` loop the variable
is a task only when convert iterates the tasks themselves (`Block.ordered`), and after the
block, or in ``wait()``'s done set, every future has finished, so ``result()`` need not be
awaited there (a generator expression cannot await).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from advisor.codemod.analysis import FileInfo, FuncInfo, FuncKey, Project, appended_to, qualified
from advisor.codemod.base import Refused
from advisor.codemod.callgraph import Seeds
from advisor.codemod.rules import Param, phrase, refusal_message

AS_COMPLETED = "concurrent.futures.as_completed"
WAIT = "concurrent.futures.wait"
#: Methods of a finished future that a finished task answers the same way.
DONE_METHODS = ("exception", "done", "cancelled")
#: Calls that read every result of a ``pool.map()`` at once (none of them stops early, as
#: ``any()`` or ``next()`` would, leaving the calls not started to be cancelled).
AT_ONCE = ("list", "tuple", "set", "frozenset", "sorted", "sum", "min", "max")

Comprehension = cst.ListComp | cst.SetComp | cst.DictComp | cst.GeneratorExp


@dataclass(eq=False)
class Work:
    call: cst.Call
    method: str  # map | submit
    func: cst.BaseExpression
    key: FuncKey | None
    line: int
    #: ``pool.map(..., timeout=t)``: t.
    timeout: cst.BaseExpression | None = None
    #: How a map's results are read: "unread" (an expression statement), "at-once" (the
    #: argument of an `AT_ONCE` call), "loop" (the iterable of a ``for`` statement, alone or
    #: in ``zip()``).
    reading: str = ""
    #: The ``for`` statement of a "loop" map, and the ``zip()`` or ``enumerate()`` call
    #: around the map, if any.
    loop: cst.For | None = None
    zipped: cst.Call | None = None
    #: ``results = pool.map(...)``: the one later use of ``results`` that reads them.
    named: cst.Name | None = None


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
    #: Names holding one future, a list of futures, a dict keyed by futures, a set of them.
    futures: set[str] = field(default_factory=set)
    future_lists: set[str] = field(default_factory=set)
    future_dicts: set[str] = field(default_factory=set)
    future_sets: set[str] = field(default_factory=set)
    #: The done sets of ``wait()``: every future in them has finished.
    done_sets: set[str] = field(default_factory=set)
    #: Names a submit() result was assigned to directly in the block's own body (gathered at
    #: the end); "" for a submit whose future is dropped.
    direct: list[str] = field(default_factory=list)
    #: Direct assignments inside a loop or branch of the block: each future joins a list that
    #: is gathered (the name alone holds only the last one, or none).
    nested_direct: list[tuple[cst.SimpleStatementLine, str]] = field(default_factory=list)
    results: list[tuple[cst.Call, str, bool]] = field(default_factory=list)
    as_completed: list[cst.Call] = field(default_factory=list)
    #: ``for f in as_completed(...)`` loops whose *f* must be the task itself (a dict key,
    #: ``f.exception()``): they iterate the tasks in completion order (``async for``).
    ordered: dict[cst.For, cst.Call] = field(default_factory=dict)
    waits: list[cst.Call] = field(default_factory=list)

    @property
    def collections(self) -> set[str]:
        return self.future_lists | self.future_dicts | self.future_sets


def refuse(info: FileInfo, node: cst.CSTNode, key: str, **params: Param) -> Refused:
    return Refused(
        info.line(node),
        "pool-shape",
        refusal_message("pool-shape", name="ThreadPoolExecutor", detail=phrase(key, **params)),
    )


def work_of(project: Project, info: FileInfo, block: Block, seeds: Seeds) -> None:
    for node in _names(block.owner.node.body, block.name):
        if not info.within(node, block.with_node.body):
            if isinstance(info.parent(node), cst.AsName):
                continue
            raise refuse(info, node, "pool-use", line=str(info.line(node)))
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
            and (
                _in_function_context(info, outer, block.owner.node)
                or _dict_of_pairs(info, outer) is not None
            )
        ):
            raise refuse(info, node, "pool-use", line=str(info.line(node)))
        method = attr.attr.value
        func = outer.args[0].value
        timeout = None
        if method == "map":
            iterables = [a for a in outer.args[1:] if a.keyword is None]
            extra = [a for a in outer.args[1:] if a.keyword is not None]
            if (
                not iterables
                or any(a.star for a in outer.args[1:])
                or any(a.keyword is None for a in outer.args[1 + len(iterables) :])
                or any(a.keyword is not None and a.keyword.value != "timeout" for a in extra)
            ):
                raise refuse(info, node, "pool-use", line=str(info.line(node)))
            timeout = extra[0].value if extra else None
        if isinstance(func, cst.Lambda):
            pass  # a lambda runs in a thread of its own, as its pool worker did
        elif not isinstance(func, (cst.Name, cst.Attribute)):
            raise refuse(info, outer, "pool-function")
        key = project.resolve(info, func)
        if isinstance(func, cst.Name):
            seeds.allowed_refs.add(func)
        if key is not None:
            seeds.workers.add(key)
        work = Work(outer, method, func, key, info.line(outer), timeout)
        block.work.append(work)
        if method == "map":
            _reading(info, block, work)
        else:
            _bind_submit(info, block, outer)


def _reading(info: FileInfo, block: Block, work: Work) -> None:
    """How the map's results are read. The pool hands them out one at a time, in order, and
    raises the first error in that order when it is reached, after the results before it were
    used; when the reading stops early the calls not started are cancelled. So the converted
    map is read the same way: at once, in a ``for`` loop (``async for``), or not at all, by
    the call itself or through the one name it is assigned to (``results = pool.map(...)``,
    read once later); results read partly (``any()``, ``next()``) are refused."""
    outer = work.call
    parent = info.parent(outer)
    if isinstance(parent, cst.Expr):
        work.reading = "unread"
        return
    read: cst.BaseExpression = outer
    if isinstance(parent, cst.Assign):
        use = _one_later_use(info, block, parent)
        if use is None:
            raise refuse(info, outer, "map-lazy", line=str(info.line(outer)))
        work.named = use
        read = use
    _read_by(info, block, work, read)


def _one_later_use(info: FileInfo, block: Block, assign: cst.Assign) -> cst.Name | None:
    """The one use of ``name`` in ``name = pool.map(...)``: the name bound once, by a statement
    of the pool block's own body (not in a loop or branch), and read once, after it."""
    target = assign.targets[0].target if len(assign.targets) == 1 else None
    line = info.parent(assign)
    if not (
        isinstance(target, cst.Name)
        and isinstance(line, cst.SimpleStatementLine)
        and _directly_in(info, line, block.with_node)
    ):
        return None
    uses = [n for n in _names(block.owner.node.body, target.value) if n is not target]
    if len(uses) != 1 or isinstance(info.parent(uses[0]), (cst.AssignTarget, cst.NameItem)):
        return None
    if info.line(uses[0]) <= info.line(assign) or not _in_function_context(
        info, uses[0], block.owner.node
    ):
        return None
    return uses[0]


def _read_by(info: FileInfo, block: Block, work: Work, read: cst.BaseExpression) -> None:
    """Classify the expression that reads the map's results (the call, or its name)."""
    parent = info.parent(read)
    wrapper = info.parent(parent) if isinstance(parent, cst.Arg) else None
    if (
        isinstance(wrapper, cst.Call)
        and isinstance(wrapper.func, cst.Name)
        and wrapper.func.value in AT_ONCE
        and wrapper.func.value not in info.functions
        and len(wrapper.args) == 1
        and not wrapper.args[0].keyword
        and not wrapper.args[0].star
    ):
        work.reading = "at-once"
        if wrapper.func.value == "list":
            block.list_calls[wrapper] = work
        return
    loop = parent
    if (
        isinstance(wrapper, cst.Call)
        and isinstance(wrapper.func, cst.Name)
        and wrapper.func.value in ("zip", "enumerate")
        and wrapper.func.value not in info.functions
        and not any(a.keyword or a.star for a in wrapper.args)
        and (wrapper.func.value == "zip" or wrapper.args[0].value is read)
    ):
        work.zipped = wrapper
        loop = info.parent(wrapper)
    if isinstance(loop, cst.For) and loop.asynchronous is None and loop.iter in (read, wrapper):
        if loop.orelse is not None:
            raise refuse(info, work.call, "map-lazy", line=str(info.line(work.call)))
        work.reading = "loop"
        work.loop = loop
        return
    raise refuse(info, work.call, "map-lazy", line=str(info.line(work.call)))


def _bind_submit(info: FileInfo, block: Block, submit: cst.Call) -> None:
    parent = info.parent(submit)
    if isinstance(parent, cst.Assign) and isinstance(parent.targets[0].target, cst.Name):
        name = parent.targets[0].target.value
        block.futures.add(name)
        line = info.parent(parent)
        assert isinstance(line, cst.SimpleStatementLine)
        if _directly_in(info, line, block.with_node):
            block.direct.append(name)
        else:
            block.nested_direct.append((line, name))
    elif isinstance(parent, cst.ListComp) and parent.elt is submit:
        owner = info.parent(parent)
        if isinstance(owner, cst.Assign) and isinstance(owner.targets[0].target, cst.Name):
            block.future_lists.add(owner.targets[0].target.value)
        else:
            raise refuse(info, submit, "future-use", line=str(info.line(submit)))
    elif isinstance(parent, cst.DictComp) and parent.key is submit:
        # the Python docs' {pool.submit(load_url, url, 60): url for url in URLS}
        owner = info.parent(parent)
        if isinstance(owner, cst.Assign) and isinstance(owner.targets[0].target, cst.Name):
            block.future_dicts.add(owner.targets[0].target.value)
        else:
            raise refuse(info, submit, "future-use", line=str(info.line(submit)))
    elif (pairs := _dict_of_pairs(info, submit)) is not None:
        # dict((pool.submit(load_url, url, 60), url) for url in URLS)
        owner = info.parent(pairs)
        if isinstance(owner, cst.Assign) and isinstance(owner.targets[0].target, cst.Name):
            block.future_dicts.add(owner.targets[0].target.value)
        else:
            raise refuse(info, submit, "future-use", line=str(info.line(submit)))
    elif isinstance(parent, cst.Arg):
        list_name = appended_to(info, submit)
        if list_name is None:
            raise refuse(info, submit, "future-use", line=str(info.line(submit)))
        block.future_lists.add(list_name)
    elif isinstance(parent, cst.Expr):
        block.direct.append("")  # fire and forget: the TaskGroup still waits for it
    elif isinstance(parent, cst.Attribute) and parent.attr.value == "result":
        # pool.submit(f, x).result(): the named form converts, so the refusal says so
        raise refuse(info, submit, "submit-result", line=str(info.line(submit)))
    else:
        raise refuse(info, submit, "future-use", line=str(info.line(submit)))


def _dict_of_pairs(info: FileInfo, submit: cst.Call) -> cst.Call | None:
    """The ``dict(...)`` call when *submit* is the key of ``dict((submit, value) for ...)``:
    the generator is consumed at once, so its tasks are made where the futures were."""
    element = info.parent(submit)
    pair = info.parent(element) if isinstance(element, cst.Element) else None
    genexp = info.parent(pair) if isinstance(pair, cst.Tuple) else None
    arg = info.parent(genexp) if isinstance(genexp, cst.GeneratorExp) else None
    outer = info.parent(arg) if isinstance(arg, cst.Arg) else None
    if not (
        isinstance(pair, cst.Tuple)
        and len(pair.elements) == 2
        and pair.elements[0] is element
        and isinstance(genexp, cst.GeneratorExp)
        and genexp.elt is pair
        and isinstance(outer, cst.Call)
        and isinstance(outer.func, cst.Name)
        and outer.func.value == "dict"
        and "dict" not in info.functions
        and len(outer.args) == 1
    ):
        return None
    return outer


def _directly_in(info: FileInfo, line: cst.SimpleStatementLine, with_node: cst.With) -> bool:
    body = info.parent(line)
    return body is with_node.body


def futures_of(info: FileInfo, block: Block) -> None:
    """Loop and comprehension variables over futures are futures; every use must be known."""
    body = block.owner.node.body
    # Fluent Python's flags2: ``to_do_map[future] = cc`` fills a dict keyed by futures
    for assign in _all(body, (cst.Assign,)):
        assert isinstance(assign, cst.Assign)
        for assign_target in assign.targets:
            item = assign_target.target
            if (
                isinstance(item, cst.Subscript)
                and isinstance(item.value, cst.Name)
                and _index_name(item) in block.futures
            ):
                block.future_dicts.add(item.value.value)
    for call in _all(body, (cst.Call,)):
        assert isinstance(call, cst.Call)
        if qualified(info, call.func) == WAIT:
            _bind_wait(info, block, call)
        # Fluent Python's flags_threadpool_ac: ``future = pool.submit(...)`` then
        # ``to_do.append(future)``
        arg = call.args[0].value if len(call.args) == 1 else None
        if isinstance(arg, cst.Name) and arg.value in block.futures:
            list_name = appended_to(info, arg)
            if list_name is not None:
                block.future_lists.add(list_name)
    for loop in _all(body, (cst.For, cst.CompFor)):
        assert isinstance(loop, (cst.For, cst.CompFor))
        source = loop.iter
        if isinstance(source, cst.Call) and _qualified_as_completed(info, source):
            first = source.args[0].value if source.args else None
            if not (isinstance(first, cst.Name) and first.value in block.collections):
                continue  # not this block's futures
            if timeout_of(source) is not None:
                # as_completed(fs, timeout): the tasks themselves, through the helper that
                # raises concurrent.futures.TimeoutError at the deadline (an async for)
                if not isinstance(loop, cst.For):
                    raise refuse(info, source, "as-completed-timeout", line=str(info.line(source)))
                block.ordered[loop] = source
            elif len(source.args) != 1 or source.args[0].keyword or source.args[0].star:
                raise refuse(info, source, "as-completed-timeout", line=str(info.line(source)))
            block.as_completed.append(source)
            source = first
        target = loop.target
        if isinstance(source, cst.Name) and source.value in block.collections:
            if isinstance(target, cst.Name):
                block.futures.add(target.value)
        elif _items_of(source, block) and isinstance(target, cst.Tuple):
            first = target.elements[0].value if target.elements else None
            if len(target.elements) == 2 and isinstance(first, cst.Name):
                block.futures.add(first.value)
    tracked = block.futures | block.collections
    for name_node in _all(body, (cst.Name,)):
        assert isinstance(name_node, cst.Name)
        if name_node.value not in tracked:
            continue
        parent = info.parent(name_node)
        if _is_binding(info, name_node, parent):
            continue
        if name_node.value in block.collections and _collection_use(info, block, name_node):
            continue
        if name_node.value in block.futures:
            binding = _binding_loop(info, name_node)
            if binding is not None and not _loop_over(block, binding):
                continue  # the same name in a loop over something else (another pool's)
            if _future_use(info, block, name_node):
                continue
        key = "futures-use" if name_node.value in block.collections else "future-use"
        raise refuse(info, name_node, key, line=str(info.line(name_node)))


def timeout_of(call: cst.Call) -> cst.BaseExpression | None:
    """t of ``as_completed(fs, t)`` or ``as_completed(fs, timeout=t)``; None otherwise."""
    args = call.args
    if len(args) != 2 or any(a.star for a in args) or args[0].keyword is not None:
        return None
    second = args[1]
    if second.keyword is None or second.keyword.value == "timeout":
        return second.value
    return None


def claimed(info: FileInfo, blocks: list[Block]) -> None:
    """Every ``wait()`` and ``as_completed()`` in a function with pool blocks must wait on one
    block's futures: left as they are, they would block the event loop."""
    known = {id(c) for b in blocks for c in [*b.waits, *b.as_completed]}
    for owner in {id(b.owner): b.owner for b in blocks}.values():
        for call in _all(owner.node.body, (cst.Call,)):
            assert isinstance(call, cst.Call)
            name = qualified(info, call.func)
            if name in (WAIT, AS_COMPLETED) and id(call) not in known:
                key = "wait-shape" if name == WAIT else "future-use"
                raise refuse(info, call, key, line=str(info.line(call)))


def _bind_wait(info: FileInfo, block: Block, call: cst.Call) -> None:
    """``done, not_done = wait(futures, timeout=..., return_when=...)`` or ``wait(futures)``:
    asyncio.wait takes the same return_when constants (asyncio's are concurrent.futures')."""
    line = str(info.line(call))
    args = call.args
    if not _in_function_context(info, call, block.owner.node) or not args:
        raise refuse(info, call, "wait-shape", line=line)
    first = args[0]
    if not isinstance(first.value, cst.Name) or first.value.value not in block.collections:
        return  # not this block's futures: `claimed` refuses it if no block knows them
    if first.keyword is not None or first.star:
        raise refuse(info, call, "wait-shape", line=line)
    for i, arg in enumerate(args[1:], start=1):
        if arg.star or (arg.keyword is None and i > 2):
            raise refuse(info, call, "wait-shape", line=line)
        if arg.keyword is not None and arg.keyword.value not in ("timeout", "return_when"):
            raise refuse(info, call, "wait-shape", line=line)
    parent = info.parent(call)
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
        target = parent.targets[0].target
        names = target.elements if isinstance(target, (cst.Tuple, cst.List)) else []
        if len(names) != 2 or not all(
            isinstance(e, cst.Element) and isinstance(e.value, cst.Name) for e in names
        ):
            raise refuse(info, call, "wait-shape", line=line)
        done, not_done = (e.value for e in names)
        assert isinstance(done, cst.Name)
        assert isinstance(not_done, cst.Name)
        block.future_sets |= {done.value, not_done.value}
        block.done_sets.add(done.value)
    elif not isinstance(parent, cst.Expr):
        raise refuse(info, call, "wait-shape", line=line)
    block.waits.append(call)


def _loop_over(block: Block, loop: cst.CSTNode) -> bool:
    """Whether *loop* iterates this block's futures."""
    assert isinstance(loop, (cst.For, cst.CompFor))
    source = loop.iter
    return (
        source in block.as_completed
        or (isinstance(source, cst.Name) and source.value in block.collections)
        or _items_of(source, block)
    )


def _items_of(source: cst.BaseExpression, block: Block) -> bool:
    """``d.items()`` of a dict keyed by futures."""
    return (
        isinstance(source, cst.Call)
        and not source.args
        and isinstance(source.func, cst.Attribute)
        and source.func.attr.value == "items"
        and isinstance(source.func.value, cst.Name)
        and source.func.value.value in block.future_dicts
    )


def _index_name(node: cst.Subscript) -> str | None:
    if len(node.slice) != 1:
        return None
    index = node.slice[0].slice
    if isinstance(index, cst.Index) and isinstance(index.value, cst.Name):
        return index.value.value
    return None


def _is_binding(info: FileInfo, node: cst.Name, parent: cst.CSTNode | None) -> bool:
    if isinstance(parent, cst.Element):  # one name of a tuple target
        tuple_node = info.parent(parent)
        owner = info.parent(tuple_node) if tuple_node is not None else None
        return isinstance(owner, (cst.AssignTarget, cst.For, cst.CompFor)) and (
            getattr(owner, "target", None) is tuple_node
        )
    return isinstance(parent, (cst.AssignTarget, cst.For, cst.CompFor)) and (
        getattr(parent, "target", None) is node
    )


def _collection_use(info: FileInfo, block: Block, node: cst.Name) -> bool:
    """A list, dict or set of futures: iterated, counted, waited on, appended to, looked up."""
    parent = info.parent(node)
    outer = info.parent(parent) if parent is not None else None
    if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is node:
        return True
    if isinstance(parent, (cst.While, cst.If)) and parent.test is node:
        return True  # ``while not_done:``
    if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
        return True
    if isinstance(parent, cst.Arg) and isinstance(outer, cst.Call):
        if outer in block.as_completed or outer in block.waits:
            return True
        return (
            isinstance(outer.func, cst.Name)
            and outer.func.value == "len"
            and "len" not in info.functions
            and len(outer.args) == 1
        )
    if isinstance(parent, cst.Attribute) and parent.value is node:
        if parent.attr.value == "append" and node.value in block.future_lists:
            return isinstance(outer, cst.Call) and outer.func is parent
        if parent.attr.value == "items" and node.value in block.future_dicts:
            owner = info.parent(outer) if outer is not None else None
            return isinstance(owner, (cst.For, cst.CompFor)) and owner.iter is outer
        return False
    if isinstance(parent, cst.Subscript) and parent.value is node:
        return node.value in block.future_dicts and _index_name(parent) in block.futures
    return False


def _future_use(info: FileInfo, block: Block, node: cst.Name) -> bool:
    """One future: ``result()`` (awaited), a finished one's ``exception()``/``done()``, or a
    key of a dict of futures. In an ``as_completed()`` loop the last two need the task itself:
    the loop then iterates the tasks (`Block.ordered`)."""
    parent = info.parent(node)
    outer = info.parent(parent) if parent is not None else None
    loop = _binding_loop(info, node)
    over = _as_completed_of(block, loop)
    if (
        isinstance(parent, cst.Attribute)
        and parent.value is node
        and isinstance(outer, cst.Call)
        and outer.func is parent
        and not outer.args
    ):
        method = parent.attr.value
        if method == "result":
            awaitable = not _in_genexp(info, outer, block.owner.node)
            if awaitable:
                inside = info.within(outer, block.with_node.body)
                block.results.append((outer, node.value, inside))
                return True
            if over is not None:
                _need_task(info, block, loop, over, outer)
            elif not _finished(info, block, node, loop):
                raise refuse(info, outer, "future-genexp", line=str(info.line(outer)))
            return True  # a finished task's result() is its future's
        if method in DONE_METHODS:
            if over is not None:
                _need_task(info, block, loop, over, outer)
                return True
            return method != "exception" or _finished(info, block, node, loop)
        return False
    if isinstance(parent, cst.Arg) and appended_to(info, node) in block.future_lists:
        return True
    element = info.parent(parent) if isinstance(parent, cst.Index) else None
    subscript = info.parent(element) if element is not None else None
    if isinstance(subscript, cst.Subscript) and isinstance(subscript.value, cst.Name):
        if subscript.value.value not in block.future_dicts:
            return False
        if over is not None:
            _need_task(info, block, loop, over, subscript)
        return True
    return False


def _need_task(
    info: FileInfo, block: Block, loop: cst.CSTNode | None, over: cst.Call, use: cst.CSTNode
) -> None:
    if not isinstance(loop, cst.For):
        raise refuse(info, use, "as-completed-comprehension", line=str(info.line(use)))
    block.ordered[loop] = over


def _as_completed_of(block: Block, loop: cst.CSTNode | None) -> cst.Call | None:
    if isinstance(loop, (cst.For, cst.CompFor)) and loop.iter in block.as_completed:
        assert isinstance(loop.iter, cst.Call)
        return loop.iter
    return None


def _finished(info: FileInfo, block: Block, node: cst.Name, loop: cst.CSTNode | None) -> bool:
    """Whether every future *node* can name there has finished: after the block (its tasks
    are gathered where the pool shut down), or drawn from ``wait()``'s done set."""
    if not info.within(node, block.with_node.body):
        return True
    if isinstance(loop, (cst.For, cst.CompFor)):
        return isinstance(loop.iter, cst.Name) and loop.iter.value in block.done_sets
    return False


def _binding_loop(info: FileInfo, node: cst.Name) -> cst.CSTNode | None:
    """The innermost ``for`` statement or comprehension clause that binds *node*'s name
    around it, or None."""
    child: cst.CSTNode = node
    current = info.parent(node)
    while current is not None and not isinstance(current, (cst.FunctionDef, cst.Lambda)):
        if (
            isinstance(current, cst.For)
            and child is current.body
            and _binds(current.target, node.value)
        ):
            return current
        if isinstance(current, (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)):
            clause: cst.CompFor | None = current.for_in
            found = None
            while clause is not None:
                if _binds(clause.target, node.value):
                    found = clause
                clause = clause.inner_for_in
            if found is not None:
                return found
        child, current = current, info.parent(current)
    return None


def _binds(target: cst.BaseExpression, name: str) -> bool:
    if isinstance(target, cst.Name):
        return target.value == name
    if isinstance(target, (cst.Tuple, cst.List)):
        return any(_binds(e.value, name) for e in target.elements)
    return False


def _qualified_as_completed(info: FileInfo, node: cst.Call) -> bool:
    return qualified(info, node.func) == AS_COMPLETED


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
    from advisor.codemod.analysis import walk

    return walk(root, kinds)
