"""Threads started and joined in a method (a class's ``run()``/``start()``): the method stays a
plain method, so every caller keeps working, and runs its tasks in an event loop of its own::

    def run(self, urls):
        async def run_tasks(self, urls):
            ...the body, threads become tasks...
        return asyncio.run(run_tasks(self, urls))

Callers of a method cannot be found reliably (``obj.run()`` names no class), so making the
method a coroutine is not mechanical; its own event loop is. It is converted only when that
is certain to behave the same:

* the body is the method's own scope only (no ``super()``/``__class__``, no ``yield``, no
  ``global``/``nonlocal``), and its targets are functions or methods, not lambdas;
* nothing in it can block the loop while the tasks should run (no call in the blocking-call
  table, no call of a method of ``self`` or a function of the given files): on one thread,
  such a call would hold the tasks up, where the threads ran beside it;
* no coroutine calls a method of that name (``asyncio.run`` cannot run inside a running loop).

Otherwise the file is refused with the reason that held (`refusal`).
"""

from __future__ import annotations

from functools import partial

import libcst as cst

from advisor.codemod.analysis import CallSite, FileInfo, FuncInfo, qualified, walk
from advisor.codemod.base import Names, Plan, Refused, call
from advisor.codemod.callgraph import Graph
from advisor.codemod.rules import phrase, refusal_message, sync_table


def enclosing(info: FileInfo, node: cst.CSTNode) -> tuple[cst.ClassDef, cst.FunctionDef] | None:
    """The class and method *node* sits in directly (not in a nested function or lambda)."""
    current = info.parent(node)
    func: cst.FunctionDef | None = None
    while current is not None:
        if isinstance(current, cst.Lambda):
            return None
        if isinstance(current, cst.FunctionDef):
            if func is not None:
                return None  # a function nested in the method
            func = current
        if isinstance(current, cst.ClassDef):
            if func is None or info.parent(info.parent(func) or func) is not current:
                return None
            return current, func
        current = info.parent(current)
    return None


def refusal(info: FileInfo, cls: cst.ClassDef, method: cst.FunctionDef) -> Refused | None:
    """Why the method cannot run its threads as tasks in a loop of its own; None when it can."""
    label = f"{cls.name.value}.{method.name.value}"

    def refuse(key: str, line: int, **params: str) -> Refused:
        detail = phrase(key, line=str(line), **params)
        message = refusal_message(
            "in-method-shape", name="threading.Thread()", method=label, detail=detail
        )
        return Refused(line, "in-method", message)

    if method.asynchronous is not None:
        return refuse("method-async", info.line(method))
    blocking = sync_table().blocking
    sites = {site.node: site for site in info.calls}
    for node in walk(method.body, (cst.Name, cst.Yield, cst.Global, cst.Nonlocal, cst.Call)):
        line = info.line(node)
        if isinstance(node, cst.Name) and node.value in ("super", "__class__"):
            return refuse("method-super", line)
        if isinstance(node, (cst.Yield, cst.Global, cst.Nonlocal)):
            return refuse("method-scope", line)
        if not isinstance(node, cst.Call):
            continue
        site = sites.get(node)
        if site is None:
            continue
        shown = cst.Module([]).code_for_node(node.func)
        if (site.qname or "") in blocking:
            return refuse("method-blocks", line, call=shown)
        if site.callee is not None:
            return refuse("method-calls", line, call=shown)
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.value.value == "self"
            and func.attr.value not in ("start", "join")
        ):
            return refuse("method-calls", line, call=shown)
    for node in walk(method.body, (cst.Lambda,)):
        return refuse("method-lambda", info.line(node))
    for node in walk(method.body, (cst.Assign, cst.Call)):
        if _kept_on_self(info, node):
            attr = _never_joined(cls, node)
            if attr is not None:
                return refuse("method-outlives", info.line(node), attr=attr)
            return refuse("method-across", info.line(node))
    return None


def _never_joined(cls: cst.ClassDef, node: cst.CSTNode) -> str | None:
    """``self.name`` when *node* is ``self.name = threading.Thread(...)`` and no method of the
    class joins ``self.name``: the thread outlives the method (the interpreter waits for a
    non-daemon one at exit), which is the true reason, not "joined in another method"."""
    if not (isinstance(node, cst.Assign) and len(node.targets) == 1):
        return None
    target = node.targets[0].target
    if not isinstance(target, cst.Attribute):
        return None
    attr = target.attr.value
    for call_node in walk(cls, (cst.Call,)):
        assert isinstance(call_node, cst.Call)
        func = call_node.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value == "join"
            and isinstance(func.value, cst.Attribute)
            and func.value.attr.value == attr
        ):
            return None
    return f"self.{attr}"


def _kept_on_self(info: FileInfo, node: cst.CSTNode) -> bool:
    """``self.threads.append(t)`` or ``self.worker = t``: a thread kept for another method."""
    if isinstance(node, cst.Call):
        func = node.func
        return (
            isinstance(func, cst.Attribute)
            and func.attr.value in ("append", "extend")
            and isinstance(func.value, cst.Attribute)
            and isinstance(func.value.value, cst.Name)
            and func.value.value.value == "self"
        )
    if isinstance(node, cst.Assign):
        return any(
            isinstance(t.target, cst.Attribute)
            and isinstance(t.target.value, cst.Name)
            and t.target.value.value == "self"
            and isinstance(node.value, cst.Call)
            and qualified(info, node.value.func) == "threading.Thread"
            for t in node.targets
        )
    return False


def owner(info: FileInfo, cls: cst.ClassDef, method: cst.FunctionDef) -> FuncInfo:
    """A stand-in for the method as the owner of its thread group (never in the call graph:
    its key names the class, which no call resolves to)."""
    key = (info.path, f"{cls.name.value}.{method.name.value}")
    return FuncInfo(key, method, info.line(method))


def plan(info: FileInfo, graph: Graph, func: FuncInfo, out: Plan, names: Names) -> None:
    """Record the method's rewrite; refuse when a coroutine could call it."""
    method = func.node
    name = method.name.value
    for other in graph.project.files.values():
        for site in other.calls:
            if _calls_method(site, name) and site.owner and site.owner.key in graph.async_set:
                message = refusal_message(
                    "in-method-shape",
                    name="threading.Thread()",
                    method=func.key[1],
                    detail=phrase("method-in-coroutine", caller=site.owner.key[1]),
                )
                raise Refused(site.line, "in-method", message)
    inner = names.fresh(f"{name}_tasks")
    out.add_imports.add("asyncio")
    out.rewrite_statement(method, partial(_own_loop, inner=inner))


def _calls_method(site: CallSite, name: str) -> bool:
    func = site.node.func
    return isinstance(func, cst.Attribute) and func.attr.value == name


def _own_loop(updated: cst.BaseStatement, *, inner: str) -> list[cst.BaseStatement]:
    """``def m(self, a): body`` -> ``def m(self, a): async def inner(self, a): body`` +
    ``return asyncio.run(inner(self, a))``."""
    assert isinstance(updated, cst.FunctionDef)
    params = updated.params
    plain = [p.with_changes(default=None, equal=cst.MaybeSentinel.DEFAULT) for p in params.params]
    kwonly = [
        p.with_changes(default=None, equal=cst.MaybeSentinel.DEFAULT) for p in params.kwonly_params
    ]
    posonly = [
        p.with_changes(default=None, equal=cst.MaybeSentinel.DEFAULT) for p in params.posonly_params
    ]
    copied = params.with_changes(params=plain, kwonly_params=kwonly, posonly_params=posonly)
    copied = _strip_annotations(copied)
    args: list[cst.Arg] = [cst.Arg(cst.Name(p.name.value)) for p in [*posonly, *plain]]
    if isinstance(params.star_arg, cst.Param):
        args.append(cst.Arg(cst.Name(params.star_arg.name.value), star="*"))
    for p in kwonly:
        args.append(
            cst.Arg(
                cst.Name(p.name.value),
                keyword=cst.Name(p.name.value),
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""),
                    whitespace_after=cst.SimpleWhitespace(""),
                ),
            )
        )
    if params.star_kwarg is not None:
        args.append(cst.Arg(cst.Name(params.star_kwarg.name.value), star="**"))
    from advisor.codemod.script import unindent_blank_lines

    body = updated.body
    assert isinstance(body, cst.IndentedBlock)
    statements = [unindent_blank_lines(s) for s in body.body]
    docstring = statements[:1] if _is_docstring(statements[0]) else []
    rest = statements[len(docstring) :]
    nested = cst.FunctionDef(
        name=cst.Name(inner),
        params=copied,
        body=body.with_changes(body=rest),
        asynchronous=cst.Asynchronous(),
        leading_lines=[],
    )
    run = cst.SimpleStatementLine(
        [cst.Return(call("asyncio.run", [call(inner, args)]))],
        leading_lines=[cst.EmptyLine(indent=False)],
    )
    return [updated.with_changes(body=body.with_changes(body=[*docstring, nested, run]))]


def _is_docstring(stmt: cst.BaseStatement) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _strip_annotations(params: cst.Parameters) -> cst.Parameters:
    """The inner function's parameters need no annotations (the method keeps them)."""

    class Strip(cst.CSTTransformer):
        def leave_Param(self, original_node: cst.Param, updated_node: cst.Param) -> cst.Param:
            return updated_node.with_changes(annotation=None)

    result = params.visit(Strip())
    assert isinstance(result, cst.Parameters)
    return result
