"""ADV201: threads created, started and joined in one function -> asyncio tasks.

Pattern `thread-join-to-gather` of `advisor explain`. Each thread becomes
``asyncio.create_task(...)`` and its join ``await asyncio.gather(..., return_exceptions=True)``,
on every target version (`_plan_group` says why not a TaskGroup). A target that stays
synchronous runs in a thread of its own (`helpers.in_thread`), never in the default executor.
Only shapes whose meaning is certain are converted; anything else refuses the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

import libcst as cst

from advisor.codemod.analysis import (
    CallSite,
    FileInfo,
    FuncKey,
    Project,
    appended_to,
    qualified,
    spawn_sites,
)
from advisor.codemod.base import (
    Names,
    Plan,
    Refused,
    Wrap,
    awaited,
    call,
    clean_args,
    join_texts,
    kwarg,
    leading_lines,
)
from advisor.codemod.callgraph import Graph, Seeds
from advisor.codemod.context import RuleContext
from advisor.codemod.cpu_bound import refuse_cpu_line
from advisor.codemod.rules import change_message, phrase, refusal_message
from advisor.codemod.thread_uses import Group, ThreadSite, statement_of, uses
from advisor.codemod.thread_uses import refuse as _refuse
from advisor.models import Text

CODE = "ADV201"
THREAD = "threading.Thread"
SHOWN = "threading.Thread()"


def find(
    project: Project, info: FileInfo, seeds: Seeds, daemon_ok: set[FuncKey] | None = None
) -> list[Group]:
    """Thread groups per function; raises `Refused` for shapes that cannot be kept, with every
    other such shape of the file in its ``also`` (one refusal lists them all)."""
    from advisor.codemod import methods

    groups: dict[cst.FunctionDef, Group] = {}
    problems: list[Refused] = []
    nested = partial(_refuse, info, key="nested-pool")
    for call_site in info.calls:
        if call_site.qname != THREAD:
            continue
        try:
            site = next(spawn_sites(replace(info, calls=[call_site]), THREAD, SHOWN, nested))
        except StopIteration:
            continue
        except Refused as exc:
            place = methods.enclosing(info, call_site.node) if exc.reason == "in-method" else None
            why = methods.refusal(info, *place) if place is not None else exc
            if why is not None:
                problems.append(why)
                continue
            assert place is not None
            cls, method = place
            if method not in groups:
                groups[method] = Group(methods.owner(info, cls, method), in_method=True)
            group = groups[method]
            site = call_site
        else:
            assert site.owner is not None
            group = groups.setdefault(site.owner.node, Group(site.owner))
        try:
            ts = _thread_site(project, info, site, seeds, problems, daemon_ok or set())
            group.sites.append(ts)
        except Refused as exc:
            problems.append(exc)
    for group in groups.values():
        try:
            uses(info, group)
            for ts in group.sites:
                if ts.daemon and ts.target_key not in (daemon_ok or set()):
                    line = next(
                        (info.line(s) for s in group.daemon_stmts if _sets_daemon(s, ts.var)),
                        ts.site.line,
                    )
                    if line != ts.site.line:  # daemon=True was already listed by _thread_site
                        raise Refused(line, "daemon", refusal_message("daemon"))
            if group.unjoined and group.in_method:
                raise Refused(
                    group.unjoined[0].site.line,
                    "never-joined",
                    refusal_message(
                        "never-joined",
                        name=group.unjoined[0].var or "?",
                        function=group.owner.key[1],
                    ),
                )
            if group.unjoined:
                _at_entry(project, info, group)
        except Refused as exc:
            problems.append(exc)
            continue
        if not group.in_method:  # a method keeps its callers: it runs a loop of its own
            seeds.spawners[group.owner.key] = group.owner.line
    if problems:
        first, *rest = problems
        first.also = rest
        raise first
    return list(groups.values())


def _sets_daemon(stmt: cst.BaseStatement, var: str | None) -> bool:
    from advisor.codemod.thread_uses import _daemon_stmt

    return var is not None and _daemon_stmt(stmt, var)


def daemon_lines(info: FileInfo, groups: list[Group]) -> set[int]:
    """The lines of the ``t.daemon = True`` statements the rewrite takes over (the threads of
    queue workers): no hazard any more."""
    return {info.line(stmt) for group in groups for stmt in group.daemon_stmts}


def _last_thing_run(info: FileInfo, node: cst.CSTNode) -> bool:
    """Whether the call *node* is the module's last statement (or the last of its main guard,
    itself last): awaiting the tasks when it returns then delays nothing the module would have
    run beside the threads (code after it, definitions a thread might still look up)."""
    from advisor.codemod.script import is_main_guard

    stmt = statement_of(info, node)
    parent = info.parent(stmt)
    body = list(info.module.body)
    if parent is info.module:
        return bool(body) and stmt is body[-1]
    guard = info.parent(parent) if isinstance(parent, cst.IndentedBlock) else None
    return (
        isinstance(guard, cst.If)
        and is_main_guard(guard)
        and guard.orelse is None
        and isinstance(guard.body, cst.IndentedBlock)
        and stmt is guard.body.body[-1]
        and bool(body)
        and guard is body[-1]
    )


def _at_entry(project: Project, info: FileInfo, group: Group) -> None:
    """Threads never joined are waited for by the interpreter at exit; their tasks can be
    awaited at the end of the function only when that function is the program's entry point
    (called at module level only, so nothing else runs after it), else the file is refused."""
    key = group.owner.key
    callers = [s for f in project.files.values() for s in f.calls if s.callee == key]
    if callers and all(
        s.owner is None and not s.sync_ctx and _last_thing_run(info, s.node) for s in callers
    ):
        return
    site = group.unjoined[0]
    name = site.var or site.list_name or "threading.Thread(...)"
    message = refusal_message("never-joined", name=name, function=key[1])
    raise Refused(site.site.line, "never-joined", message)


def _thread_site(  # noqa: PLR0917 (one call site)
    project: Project,
    info: FileInfo,
    site: CallSite,
    seeds: Seeds,
    daemon: list[Refused],
    daemon_ok: set[FuncKey],
) -> ThreadSite:
    """The thread call *site* read; a daemon thread is added to *daemon* (a blocker, but the
    site is still read so that its other blockers are found too), unless its target is a
    queue worker in *daemon_ok* (`queues`): that one becomes a task cancelled at the end."""
    node = site.node
    is_daemon = False
    target: cst.BaseExpression | None = None
    name: cst.BaseExpression | None = None
    args: list[cst.Arg] = []
    for arg in node.args:
        if arg.keyword is None:
            raise _refuse(info, node, "thread-positional")
        key = arg.keyword.value
        if key == "target":
            target = arg.value
        elif key == "args":
            args += _positional(arg.value)
        elif key == "kwargs":
            args += _keywords(arg.value)
        elif key == "daemon":
            if not (isinstance(arg.value, cst.Name) and arg.value.value in ("False", "None")):
                is_daemon = True
        elif key == "name":
            name = arg.value
        else:
            raise _refuse(info, node, "thread-keyword", keyword=key)
    if target is None or not isinstance(target, (cst.Name, cst.Attribute, cst.Lambda)):
        raise _refuse(info, node, "thread-target")
    target_key = None
    if isinstance(target, cst.Name):
        target_key = project.resolve(info, target)
        seeds.allowed_refs.add(target)
        if target_key is not None:
            seeds.workers.add(target_key)
    elif isinstance(target, cst.Lambda):
        seeds.async_lambdas.add(target)
    parent = info.parent(node)
    var = list_name = None
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
        if isinstance(parent.targets[0].target, cst.Name):
            var = parent.targets[0].target.value
    elif isinstance(parent, cst.ListComp) and parent.elt is node:
        owner = info.parent(parent)
        if isinstance(owner, cst.Assign) and isinstance(owner.targets[0].target, cst.Name):
            list_name = owner.targets[0].target.value
        if isinstance(target, cst.Lambda):
            raise _refuse(info, node, "thread-target")
    elif isinstance(parent, cst.Arg):
        list_name = appended_to(info, node)
    if is_daemon and target_key not in daemon_ok:
        # kept reading: the thread's other uses may be blockers to list as well
        daemon.append(Refused(site.line, "daemon", refusal_message("daemon")))
    inline = _started_inline(info, node)
    if var is None and list_name is None and not inline:
        raise _refuse(info, node, "thread-binding")
    refuse_cpu_line(info, site.line, "threading.Thread")  # ADV107's work (`cpu_bound`)
    stmt = statement_of(info, node)
    made = ThreadSite(site, stmt, var, list_name, target, target_key, args, name, inline)
    made.daemon = is_daemon
    return made


def _started_inline(info: FileInfo, node: cst.Call) -> bool:
    """``threading.Thread(...).start()`` as a statement of its own."""
    attr = info.parent(node)
    if not (isinstance(attr, cst.Attribute) and attr.value is node and attr.attr.value == "start"):
        return False
    outer = info.parent(attr)
    if not (isinstance(outer, cst.Call) and not outer.args):
        return False
    return isinstance(info.parent(outer), cst.Expr)


def _positional(value: cst.BaseExpression) -> list[cst.Arg]:
    if isinstance(value, (cst.Tuple, cst.List)):
        result = []
        for element in value.elements:
            if isinstance(element, cst.StarredElement):
                result.append(cst.Arg(value=element.value, star="*"))
            else:
                result.append(cst.Arg(value=element.value))
        return result
    return [cst.Arg(value=value, star="*")]


def _keywords(value: cst.BaseExpression) -> list[cst.Arg]:
    if isinstance(value, cst.Dict) and all(
        isinstance(e, cst.DictElement)
        and isinstance(e.key, cst.SimpleString)
        and e.key.evaluated_value.isidentifier()  # type: ignore[union-attr]
        for e in value.elements
    ):
        args = []
        for element in value.elements:
            assert isinstance(element, cst.DictElement)
            assert isinstance(element.key, cst.SimpleString)
            name = str(element.key.evaluated_value)
            args.append(kwarg(name, element.value))
        return args
    return [cst.Arg(value=value, star="**")]


def top_statement(info: FileInfo, func: cst.FunctionDef, node: cst.CSTNode) -> cst.BaseStatement:
    """The statement of *func*'s own body that contains *node*."""
    assert isinstance(func.body, cst.IndentedBlock)
    current: cst.CSTNode | None = node
    while current is not None and info.parent(current) is not func.body:
        current = info.parent(current)
    assert isinstance(current, cst.BaseStatement)
    return current


def plan(ctx: RuleContext, out: Plan) -> None:
    """Record the rewrites of every function's threads."""
    for group in ctx.groups:
        _plan_group(ctx.info, ctx.graph, group, out, ctx.names)


def _plan_group(info: FileInfo, graph: Graph, group: Group, out: Plan, names: Names) -> None:
    """Record the rewrites of one function's threads.

    On every target version the same shape: ``asyncio.create_task`` for each thread and
    ``await asyncio.gather(..., return_exceptions=True)`` for its join. A TaskGroup would
    cancel the other tasks when one fails and raise an ``ExceptionGroup`` out of the function,
    where a failed thread stopped nobody and its ``join()`` raised nothing.
    """
    out.add_imports.add("asyncio")
    body = group.owner.node.body
    if not isinstance(body, cst.IndentedBlock):
        raise _refuse(info, group.owner.node, "thread-binding")
    for ts in group.sites:
        target_name = _target_label(ts)
        coroutine_text = _plan_site(graph, ts, out, names)
        how = join_texts(phrase("gather"), phrase("errors-kept"))
        if group.in_method:
            how = join_texts(how, phrase("method-own-loop", method=group.owner.key[1]))
        if ts.daemon:
            how = join_texts(how, phrase("daemon-cancelled", function=group.owner.key[1]))
        elif ts in group.unjoined:
            how = join_texts(how, phrase("awaited-at-end", function=group.owner.key[1]))
        if ts.name is not None:
            how = join_texts(how, phrase("task-name"))
        out.change(
            ts.site.line,
            CODE,
            change_message(CODE, target=target_name, how=join_texts(how, coroutine_text)),
        )
    pending = _plan_unjoined(info, group, out, names) if group.unjoined else None
    for stmt in group.starts:
        if pending is not None and stmt in pending[1]:
            continue
        out.rewrite_statement(stmt, lambda _s: [])
    for stmt in group.daemon_stmts:
        out.rewrite_statement(stmt, lambda _s: [])
    for ann in group.annotated:
        out.rewrite_statement(
            statement_of(info, ann), partial(_retype, qualified_as=partial(qualified, info))
        )
    for stmt, name, is_loop in group.joins:
        args = [
            cst.Arg(value=cst.Name(name), star="*" if is_loop else ""),
            kwarg("return_exceptions", cst.Name("True")),
        ]
        gather = awaited(call("asyncio.gather", args))
        out.rewrite_statement(stmt, partial(_replace_with, expr=gather))
    if group.in_method:
        from advisor.codemod import methods

        methods.plan(info, graph, group.owner, out, names)


def unindent_blank_lines(stmt: cst.BaseStatement) -> cst.BaseStatement:
    from advisor.codemod.script import unindent_blank_lines as unindent

    return unindent(stmt)


def _plan_unjoined(
    info: FileInfo, group: Group, out: Plan, names: Names
) -> tuple[str, set[cst.BaseStatement]]:
    """Threads started and never joined: each task goes into a list the function awaits in a
    ``finally`` at its end (the interpreter waited for such threads at exit, also after an
    error); daemon queue workers go into a list whose tasks are cancelled there instead (the
    interpreter killed them at exit). Returns the start statements rewritten here."""
    waited = [s for s in group.unjoined if not s.daemon]
    daemons = [s for s in group.unjoined if s.daemon]
    pending = names.fresh("pending") if waited else ""
    workers = names.fresh("workers") if daemons else ""
    handled: set[cst.BaseStatement] = set()
    firsts: list[cst.BaseStatement] = []
    for kind, sites in ((pending, waited), (workers, daemons)):
        if not sites:
            continue
        unjoined = {s.var for s in sites if s.var} | {s.list_name for s in sites if s.list_name}
        unjoined |= {
            list_name
            for list_name, appended in group.appends.items()
            if any(var in unjoined for _, var in appended)
        }
        for stmt, (name, is_loop) in group.started_by.items():
            if name not in unjoined:
                continue
            method = "extend" if is_loop else "append"
            expr = call(f"{kind}.{method}", [cst.Name(name)])
            out.rewrite_statement(stmt, partial(_replace_with, expr=expr))
            handled.add(stmt)
            firsts.append(stmt)
        for ts in sites:
            if ts.inline_start:
                out.rewrite_statement(ts.stmt, partial(_collect_inline, pending=kind))
                firsts.append(ts.stmt)
    func = group.owner.node
    assert isinstance(func.body, cst.IndentedBlock)
    first = min((top_statement(info, func, s) for s in firsts), key=info.line)
    last = func.body.body[-1]
    out.wraps.append(Wrap(first, last, partial(_finally, pending=pending, workers=workers)))
    return pending, handled


def _collect_inline(stmt: cst.BaseStatement, *, pending: str) -> list[cst.BaseStatement]:
    """``asyncio.create_task(...).start()`` (the thread call already rewritten) ->
    ``pending.append(asyncio.create_task(...))``."""
    assert isinstance(stmt, cst.SimpleStatementLine)
    expr = stmt.body[0]
    assert isinstance(expr, cst.Expr)
    assert isinstance(expr.value, cst.Call)
    started = expr.value.func
    assert isinstance(started, cst.Attribute)
    return [_expr_stmt(stmt, call(f"{pending}.append", [started.value]))]


def _finally(
    inner: list[cst.BaseStatement], *, pending: str, workers: str
) -> list[cst.BaseStatement]:
    """``pending = []; try: ... finally: await asyncio.gather(*pending, ...)``, and for daemon
    queue workers ``for task in workers: task.cancel()``."""
    first = inner[0]
    inits = [cst.parse_statement(f"{n} = []") for n in (pending, workers) if n]
    inits[0] = inits[0].with_changes(leading_lines=leading_lines(first))
    inner = [unindent_blank_lines(s) for s in (first.with_changes(leading_lines=[]), *inner[1:])]
    final: list[cst.BaseStatement] = []
    if pending:
        args = [
            cst.Arg(value=cst.Name(pending), star="*"),
            kwarg("return_exceptions", cst.Name("True")),
        ]
        final.append(cst.SimpleStatementLine([cst.Expr(awaited(call("asyncio.gather", args)))]))
    if workers:
        final.append(cst.parse_statement(f"for task in {workers}:\n    task.cancel()\n"))
    block = cst.Try(
        body=cst.IndentedBlock(inner),
        finalbody=cst.Finally(body=cst.IndentedBlock(final)),
    )
    return [*inits, block]


def _retype(
    updated: cst.BaseStatement, *, qualified_as: Callable[[cst.BaseExpression], str | None]
) -> list[cst.BaseStatement]:
    """``threads: list[threading.Thread] = []`` -> ``threads: list[asyncio.Task] = []``."""

    class Retype(cst.CSTTransformer):
        def leave_Annotation(
            self, original_node: cst.Annotation, updated_node: cst.Annotation
        ) -> cst.Annotation:
            return updated_node.visit(_ThreadToTask(qualified_as))  # type: ignore[return-value]

    return [updated.visit(Retype())]  # type: ignore[list-item]


class _ThreadToTask(cst.CSTTransformer):
    def __init__(self, qualified_as: Callable[[cst.BaseExpression], str | None]) -> None:
        super().__init__()
        self.qualified_as = qualified_as

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if self.qualified_as(original_node) == THREAD:
            return call("asyncio.Task", []).func
        return updated_node

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if self.qualified_as(original_node) == THREAD:
            return call("asyncio.Task", []).func
        return updated_node


def _target_label(ts: ThreadSite) -> str:
    if isinstance(ts.target, cst.Lambda):
        return "target=lambda"
    return f"target={cst.Module([]).code_for_node(ts.target)}"


def _plan_site(graph: Graph, ts: ThreadSite, out: Plan, names: Names) -> Text:
    from advisor.codemod import helpers

    spawn = "asyncio.create_task"
    if isinstance(ts.target, cst.Lambda):
        helper = names.fresh("thread_target")
        made: dict[str, cst.FunctionDef] = {}

        def rewrite(updated: cst.Call) -> cst.BaseExpression:
            lam = next(a.value for a in updated.args if a.keyword and a.keyword.value == "target")
            assert isinstance(lam, cst.Lambda)
            made["def"] = cst.FunctionDef(
                name=cst.Name(helper),
                params=lam.params,
                body=cst.IndentedBlock([cst.SimpleStatementLine([cst.Expr(lam.body)])]),
                asynchronous=cst.Asynchronous(),
            )
            names = [a.value for a in updated.args if a.keyword and a.keyword.value == "name"]
            extra = [kwarg("name", names[0])] if names else []
            return call(spawn, [call(helper, []), *extra])

        out.rewrite_call(ts.site.node, rewrite)
        out.rewrite_statement(ts.stmt, lambda s: [made["def"], s])
        return phrase("lambda-coroutine")
    args = ts.args
    if ts.target_key is not None and ts.target_key in graph.async_set:
        coroutine: cst.BaseExpression = call(ts.target, clean_args(args))
        text = phrase("coroutine", function=ts.target_key[1])
    else:
        runner = helpers.in_thread(out, names)
        coroutine = call(runner, [cst.Name("None"), ts.target, *clean_args(args)])
        text = phrase("in-thread", function=cst.Module([]).code_for_node(ts.target))
        if ts.target_key in graph.unseen:
            text = join_texts(text, graph.unseen[ts.target_key])
    out.rewrite_call(ts.site.node, partial(_spawn, spawn=spawn, coroutine=coroutine))
    return text


def _replace_with(stmt: cst.BaseStatement, *, expr: cst.BaseExpression) -> list[cst.BaseStatement]:
    return [_expr_stmt(stmt, expr)]


def _spawn(updated: cst.Call, *, spawn: str, coroutine: cst.BaseExpression) -> cst.BaseExpression:
    """``asyncio.create_task(coroutine)``, with the thread's ``name=`` (its updated value)."""
    names = [a.value for a in updated.args if a.keyword and a.keyword.value == "name"]
    extra = [kwarg("name", names[0])] if names else []
    return call(spawn, [coroutine, *extra])


def _expr_stmt(original: cst.BaseStatement, expr: cst.BaseExpression) -> cst.BaseStatement:
    if isinstance(original, cst.SimpleStatementLine):
        return original.with_changes(body=[cst.Expr(expr)])
    return cst.SimpleStatementLine([cst.Expr(expr)], leading_lines=leading_lines(original))


__all__ = ["CODE", "find", "plan"]
