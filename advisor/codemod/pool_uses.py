"""ADV203's reading of a ``with ThreadPoolExecutor(...) as pool:`` block: what is submitted or
mapped, which names hold futures, and that every use of the pool and its futures is one the
rewrite knows (map, submit, result(), as_completed). Anything else refuses the file."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from advisor.codemod.analysis import FileInfo, FuncInfo, FuncKey, Project, appended_to
from advisor.codemod.base import Refused
from advisor.codemod.callgraph import Seeds
from advisor.codemod.rules import phrase, refusal_message

AS_COMPLETED = "concurrent.futures.as_completed"


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


def refuse(info: FileInfo, node: cst.CSTNode, key: str, **params: str) -> Refused:
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
            and _in_function_context(info, outer, block.owner.node)
        ):
            raise refuse(info, node, "pool-use", line=str(info.line(node)))
        method = attr.attr.value
        func = outer.args[0].value
        if method == "map" and (
            len(outer.args) < 2 or any(a.keyword or a.star for a in outer.args[1:])
        ):
            raise refuse(info, node, "pool-use", line=str(info.line(node)))
        if isinstance(func, cst.Lambda) and method == "map":
            pass  # a lambda runs in a thread of its own, as its pool worker did
        elif not isinstance(func, (cst.Name, cst.Attribute)):
            raise refuse(info, outer, "pool-function")
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
            raise refuse(info, submit, "future-use", line=str(info.line(submit)))
    elif isinstance(parent, cst.Arg):
        list_name = appended_to(info, submit)
        if list_name is None:
            raise refuse(info, submit, "future-use", line=str(info.line(submit)))
        block.future_lists.add(list_name)
    elif isinstance(parent, cst.Expr):
        block.direct.append("")  # fire and forget: the TaskGroup still waits for it
    else:
        raise refuse(info, submit, "future-use", line=str(info.line(submit)))


def futures_of(info: FileInfo, block: Block) -> None:
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
            raise refuse(info, name_node, "future-use", line=str(info.line(name_node)))
        outer = info.parent(parent) if parent is not None else None
        if (
            isinstance(parent, cst.Attribute)
            and parent.attr.value == "result"
            and isinstance(outer, cst.Call)
            and not outer.args
        ):
            inside = info.within(outer, block.with_node.body)
            if _in_genexp(info, outer, block.owner.node):
                raise refuse(info, outer, "future-genexp", line=str(info.line(outer)))
            block.results.append((outer, name_node.value, inside))
            continue
        raise refuse(info, name_node, "future-use", line=str(info.line(name_node)))


def _qualified_as_completed(info: FileInfo, node: cst.Call) -> bool:
    from advisor.codemod.analysis import qualified

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
