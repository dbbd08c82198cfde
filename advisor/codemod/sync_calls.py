"""ADV204: synchronous-only calls inside new coroutines -> ``await asyncio.to_thread(...)``.

Pattern `hybrid-run-in-executor` of `advisor explain`. One-shot library calls (requests,
subprocess, shutil, ...) and calls to the user's functions that must stay synchronous run in a
thread. ``--prefer httpx|aiohttp|aiofiles`` rewrites calls to that library instead where the
mapping is mechanical (one known shape per library); elsewhere the call stays as it would
without --prefer, and a note says why.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from advisor.codemod.analysis import CallSite, FileInfo, dotted_name
from advisor.codemod.base import (
    Names,
    Plan,
    Refused,
    awaited,
    call,
    clean_args,
    kwarg,
    paren,
    prepend,
)
from advisor.codemod.callgraph import handle_phrase
from advisor.codemod.context import RuleContext
from advisor.codemod.rules import change_message, phrase, refusal_message, sync_table
from advisor.conversion import ConvertRefusal
from advisor.models import Text

CODE = "ADV204"
AIOHTTP_ATTRS = {"text": "text", "content": "read", "json": "json", "status_code": "status"}


def suggestion(info: FileInfo, site: CallSite) -> str | None:
    """The --prefer library that would rewrite *site* mechanically, if one would."""
    for library, calls in sync_table().prefer.items():
        if (site.qname or "") in calls and mechanical(info, site, library):
            return library
    return None


def mechanical(info: FileInfo, site: CallSite, prefer: str | None) -> bool:
    """Whether --prefer rewrites *site*; decided before the call graph, so it must not guess."""
    return _shape(info, site, prefer) is None and prefer is not None and _maps(site, prefer)


def _maps(site: CallSite, prefer: str) -> bool:
    return (site.qname or "") in sync_table().prefer.get(prefer, {})


def _shape(info: FileInfo, site: CallSite, prefer: str | None) -> Text | None:
    """None when *site* has the shape --prefer rewrites, else why not."""
    if prefer is None or not _maps(site, prefer):
        return phrase("no-mapping", call=site.qname or "?", library=prefer or "?")
    table = sync_table()
    args = site.node.args
    if any(a.star for a in args):
        return phrase("not-statement")
    caught = _catches_requests(info, site)
    if caught is not None and prefer in ("httpx", "aiohttp"):
        return phrase("catches-requests", handler=caught, library=prefer)
    keywords = {a.keyword.value for a in args if a.keyword}
    if prefer == "httpx":
        extra = keywords - table.httpx_keywords
        if extra:
            method = (site.qname or "").rsplit(".", 1)[-1]
            return phrase("httpx-args", method=method, keywords=", ".join(sorted(extra)))
        return None if _statement(info, site) is not None else phrase("not-statement")
    if prefer == "aiohttp":
        if keywords - table.aiohttp_keywords - {"timeout"} or _aiohttp_use(info, site) is None:
            return phrase("aiohttp-shape")
        return None if _statement(info, site) is not None else phrase("not-statement")
    if prefer == "aiofiles":
        return None if _aiofiles_with(info, site) is not None else phrase("aiofiles-shape")
    if prefer == "aiosqlite":
        return None if _aiosqlite_awaits(info, site) is not None else phrase("aiosqlite-shape")
    return phrase("no-mapping", call=site.qname or "?", library=prefer)


def _catches_requests(info: FileInfo, site: CallSite) -> str | None:
    """The ``except requests....`` clause around *site*, if any: httpx and aiohttp raise their
    own exceptions, which that clause would no longer catch (review defect #9)."""
    node: cst.CSTNode | None = site.node
    while node is not None and not isinstance(node, cst.FunctionDef):
        parent = info.parent(node)
        if isinstance(parent, (cst.Try, cst.TryStar)) and node is parent.body:
            for handler in parent.handlers:
                if handler.type is None:
                    continue
                for name in _walk_names(handler.type):
                    qualified = info.imports.get(name.split(".")[0], "")
                    if qualified.split(".")[0] == "requests":
                        return name
        node = parent
    return None


def _walk_names(expr: cst.BaseExpression) -> list[str]:
    if isinstance(expr, cst.Tuple):
        return [n for e in expr.elements for n in _walk_names(e.value)]
    name = dotted_name(expr)
    return [name] if name else []


def _statement(info: FileInfo, site: CallSite) -> cst.SimpleStatementLine | None:
    """The simple statement holding *site*, if it sits directly in a block of its function."""
    if site.sync_ctx:
        return None
    node: cst.CSTNode | None = site.node
    while node is not None and not isinstance(node, cst.BaseStatement):
        if isinstance(node, (cst.ListComp, cst.SetComp, cst.DictComp, cst.Lambda)):
            return None
        node = info.parent(node)
    if isinstance(node, cst.SimpleStatementLine) and isinstance(
        info.parent(node), cst.IndentedBlock
    ):
        return node
    return None


def _aiohttp_use(info: FileInfo, site: CallSite) -> cst.BaseExpression | None:
    """``requests.get(...).text`` (or .content, .json(), .status_code): the expression replaced."""
    if site.qname != "requests.get":
        return None
    parent = info.parent(site.node)
    if not isinstance(parent, cst.Attribute) or parent.attr.value not in AIOHTTP_ATTRS:
        return None
    if parent.attr.value == "json":
        outer = info.parent(parent)
        if isinstance(outer, cst.Call) and not outer.args and outer.func is parent:
            return outer
        return None
    return parent


def _aiofiles_with(info: FileInfo, site: CallSite) -> cst.With | None:
    """``with open(...) as f:`` whose f is only read, written or iterated."""
    item = info.parent(site.node)
    with_node = info.parent(item) if isinstance(item, cst.WithItem) else None
    if not isinstance(with_node, cst.With) or len(with_node.items) != 1:
        return None
    assert isinstance(item, cst.WithItem)
    if item.asname is None or not isinstance(item.asname.name, cst.Name) or site.sync_ctx:
        return None
    name = item.asname.name.value
    methods = sync_table().aiofiles_methods

    class Uses(cst.CSTVisitor):
        ok = True

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Name(self, node: cst.Name) -> None:
            if node.value != name:
                return
            parent = info.parent(node)
            if isinstance(parent, cst.Attribute) and parent.value is node:
                outer = info.parent(parent)
                if parent.attr.value in methods and isinstance(outer, cst.Call):
                    return
            if isinstance(parent, cst.For) and parent.iter is node:
                return
            self.ok = False

    uses = Uses()
    with_node.body.visit(uses)
    return with_node if uses.ok else None


def plan(ctx: RuleContext, out: Plan) -> None:
    info, graph, names = ctx.info, ctx.graph, ctx.names
    kinds = sync_table().blocking
    prefer = graph.prefer
    taken = {site.node for site in ctx.queues.creations} if ctx.queues is not None else set()
    for site in info.calls:
        if not graph.in_async_ctx(site) or site.node in taken:  # queues: an asyncio.Queue now
            continue
        kind = kinds.get(site.qname or "")
        if site.callee is not None and site.callee not in graph.async_set:
            if graph.blocks(site.callee):
                _to_thread(site, out, names, site.callee[1])
            continue
        if kind not in ("call", "handle"):
            continue
        if prefer is not None:
            why = _shape(info, site, prefer)
            if why is None:
                _prefer(info, site, out, names, prefer)
                continue
            if _maps(site, prefer):
                out.notes.append(
                    ConvertRefusal(
                        info.path,
                        site.line,
                        "not-mechanical",
                        refusal_message("not-mechanical", library=prefer, detail=why),
                    )
                )
        if kind == "handle":  # the call graph pins such functions; kept as a last guard
            owner = site.owner.key[1] if site.owner else "?"
            raise Refused(
                site.line,
                "cannot-be-async",
                refusal_message(
                    "cannot-be-async",
                    name=owner,
                    cause=phrase("spawns"),
                    reason=handle_phrase(graph, site),
                ),
            )
        _to_thread(site, out, names, site.qname or "")


def _to_thread(site: CallSite, out: Plan, names: Names, label: str) -> None:
    from advisor.codemod import helpers

    helper = helpers.in_thread(out, names)

    def rewrite(updated: cst.Call) -> cst.BaseExpression:
        return awaited(prepend(updated, helper, [cst.Name("None")]))

    out.rewrite_call(site.node, rewrite)
    out.change(site.line, CODE, change_message(CODE, call=label, how=phrase("to-thread")))


def _prefer(info: FileInfo, site: CallSite, out: Plan, names: Names, prefer: str) -> None:
    method = sync_table().prefer[prefer][site.qname or ""]
    out.add_imports.add(prefer)
    how = phrase("rewritten", library=prefer)
    out.change(site.line, CODE, change_message(CODE, call=site.qname or "", how=how))
    if prefer == "aiofiles":
        _aiofiles(info, site, out)
        return
    if prefer == "aiosqlite":
        _aiosqlite(info, site, out)
        return
    stmt = _statement(info, site)
    assert stmt is not None
    if prefer == "httpx":
        client = names.fresh("client")
        out.rewrite_call(
            site.node,
            lambda c: awaited(
                call(cst.Attribute(cst.Name(client), cst.Name(method)), clean_args(c.args))
            ),
        )
        opener = call(
            "httpx.AsyncClient",
            [kwarg("follow_redirects", cst.Name("True")), kwarg("timeout", cst.Name("None"))],
        )
        _wrap_statement(out, stmt, [(opener, client)])
        return
    session, response = names.fresh("session"), names.fresh("response")
    use = _aiohttp_use(info, site)
    assert use is not None
    attr = (
        use.func.attr.value  # type: ignore[attr-defined]
        if isinstance(use, cst.Call)
        else use.attr.value  # type: ignore[attr-defined]
    )
    holder: dict[str, list[cst.Arg]] = {}

    def keep_args(updated: cst.Call) -> cst.BaseExpression:
        holder["args"] = [_aiohttp_arg(a) for a in clean_args(updated.args)]
        return updated

    out.rewrite_call(site.node, keep_args)
    target = AIOHTTP_ATTRS[attr]
    replacement: cst.BaseExpression
    if target == "status":
        replacement = cst.Attribute(cst.Name(response), cst.Name("status"))
    else:
        extra = [kwarg("content_type", cst.Name("None"))] if target == "json" else []
        replacement = awaited(call(cst.Attribute(cst.Name(response), cst.Name(target)), extra))
    _replace_expr(out, use, replacement)
    get = lambda: call(cst.Attribute(cst.Name(session), cst.Name("get")), holder["args"])  # noqa: E731
    _wrap_statement(
        out, stmt, [(call("aiohttp.ClientSession", []), session), (None, response)], late=get
    )


def _aiohttp_arg(arg: cst.Arg) -> cst.Arg:
    if arg.keyword is not None and arg.keyword.value == "timeout":
        timeout = call("aiohttp.ClientTimeout", [kwarg("total", arg.value)])
        return arg.with_changes(value=timeout)
    return arg


def _replace_expr(out: Plan, node: cst.BaseExpression, replacement: cst.BaseExpression) -> None:
    if isinstance(node, cst.Call):
        out.rewrite_call(node, lambda _c: replacement)
    else:
        out.exprs[node] = lambda _e: replacement


def _wrap_statement(
    out: Plan,
    stmt: cst.SimpleStatementLine,
    items: list[tuple[cst.BaseExpression | None, str]],
    late: Callable[[], cst.BaseExpression] | None = None,
) -> None:
    def rewrite(updated: cst.BaseStatement) -> list[cst.BaseStatement]:
        with_items = [
            cst.WithItem(item=expr if expr is not None else late(), asname=cst.AsName(cst.Name(n)))  # type: ignore[misc]
            for expr, n in items
        ]
        inner = updated.with_changes(leading_lines=[])
        return [
            cst.With(
                items=with_items, body=cst.IndentedBlock([inner]), asynchronous=cst.Asynchronous()
            )
        ]

    out.rewrite_statement(stmt, rewrite)


def _aiofiles(info: FileInfo, site: CallSite, out: Plan) -> None:
    with_node = _aiofiles_with(info, site)
    assert with_node is not None
    item = with_node.items[0]
    assert item.asname is not None
    assert isinstance(item.asname.name, cst.Name)
    name = item.asname.name.value
    out.rewrite_call(
        site.node, lambda c: c.with_changes(func=cst.parse_expression("aiofiles.open"))
    )
    methods = sync_table().aiofiles_methods
    for node in _descendants(with_node.body):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            value = node.func.value
            if (
                isinstance(value, cst.Name)
                and value.value == name
                and node.func.attr.value in methods
            ):
                out.rewrite_call(node, awaited)
        if (
            isinstance(node, cst.For)
            and isinstance(node.iter, cst.Name)
            and node.iter.value == name
        ):
            out.rewrite_statement(node, lambda s: [s.with_changes(asynchronous=cst.Asynchronous())])
    out.rewrite_statement(with_node, lambda s: [s.with_changes(asynchronous=cst.Asynchronous())])


def _aiosqlite_awaits(info: FileInfo, site: CallSite) -> list[cst.Call] | None:
    """``conn = sqlite3.connect(...)`` whose conn is only used through awaitable methods, and
    cursors from ``conn.execute(...)`` only through fetch methods: the calls to await."""
    assign = info.parent(site.node)
    if site.sync_ctx or site.owner is None or not isinstance(assign, cst.Assign):
        return None
    if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
        return None
    table = sync_table()
    conn = assign.targets[0].target.value
    cursors: set[str] = set()
    awaits: list[cst.Call] = []
    for node in _descendants(site.owner.node.body):
        if not isinstance(node, cst.Name) or node is assign.targets[0].target:
            continue
        if node.value not in {conn} | cursors:
            continue
        attr = info.parent(node)
        method_call = info.parent(attr) if isinstance(attr, cst.Attribute) else None
        if not (
            isinstance(attr, cst.Attribute)
            and attr.value is node
            and isinstance(method_call, cst.Call)
            and method_call.func is attr
        ):
            if isinstance(attr, cst.AssignTarget) and node.value in cursors:
                continue
            return None
        allowed = table.aiosqlite_methods if node.value == conn else table.aiosqlite_cursor_methods
        if attr.attr.value not in allowed:
            return None
        awaits.append(method_call)
        if node.value == conn and attr.attr.value == "execute":
            outer = info.parent(method_call)
            if isinstance(outer, cst.Assign) and isinstance(outer.targets[0].target, cst.Name):
                cursors.add(outer.targets[0].target.value)
            elif isinstance(outer, cst.Attribute) and outer.value is method_call:
                chained = info.parent(outer)
                if not (
                    isinstance(chained, cst.Call)
                    and outer.attr.value in table.aiosqlite_cursor_methods
                ):
                    return None
                awaits.append(chained)
            elif not isinstance(outer, cst.Expr):
                return None
    return awaits


def _aiosqlite(info: FileInfo, site: CallSite, out: Plan) -> None:
    awaits = _aiosqlite_awaits(info, site)
    assert awaits is not None
    out.rewrite_call(
        site.node,
        lambda c: awaited(c.with_changes(func=cst.parse_expression("aiosqlite.connect"))),
    )
    for node in awaits:
        out.rewrite_call(node, awaited)


def _descendants(root: cst.CSTNode) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []

    class Visitor(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            found.append(node)
            return True

    root.visit(Visitor())
    return found


__all__ = ["CODE", "dotted_name", "mechanical", "paren", "plan"]
