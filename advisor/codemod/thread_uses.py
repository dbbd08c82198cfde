"""ADV201's reading of how threads are used: the thread sites of one function (`ThreadSite`,
`Group`), and the checks that every use of a thread or a list of threads is one the rewrite
knows (create, start, join, collect in a list) and that every started thread is joined in the
same function. Anything else refuses the file. `threads` finds the sites and rewrites them."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from advisor.codemod.analysis import CallSite, FileInfo, FuncInfo, FuncKey
from advisor.codemod.base import Refused
from advisor.codemod.rules import phrase, refusal_message


@dataclass(eq=False)
class ThreadSite:
    """One ``threading.Thread(...)`` call: its statement, the name or list it is bound to,
    and the target with its arguments."""

    site: CallSite
    stmt: cst.BaseStatement
    var: str | None
    list_name: str | None
    target: cst.BaseExpression
    target_key: FuncKey | None
    args: list[cst.Arg]
    #: The thread's ``name=`` value, kept as the task's name (review defect #28).
    name: cst.BaseExpression | None = None
    #: ``threading.Thread(...).start()``: started where it is made, bound to nothing.
    inline_start: bool = False
    #: A daemon queue worker (`queues`): its task is cancelled, not awaited.
    daemon: bool = False


@dataclass(eq=False)
class Group:
    """The threads of one function, with the statements that start, join and collect them."""

    owner: FuncInfo
    #: The owner is a method (`methods`): it keeps its callers and runs a loop of its own.
    in_method: bool = False
    sites: list[ThreadSite] = field(default_factory=list)
    starts: list[cst.BaseStatement] = field(default_factory=list)
    #: (statement, name joined, whether it is a `for x in threads: x.join()` loop)
    joins: list[tuple[cst.BaseStatement, str, bool]] = field(default_factory=list)
    #: ``threads = []`` and ``threads.append(t)`` statements, per list name.
    inits: dict[str, list[cst.BaseStatement]] = field(default_factory=dict)
    appends: dict[str, list[tuple[cst.BaseStatement, str]]] = field(default_factory=dict)
    #: ``threads: list[threading.Thread] = []``: annotations that name the thread type.
    annotated: list[cst.AnnAssign] = field(default_factory=list)
    #: Threads started and never joined: the interpreter waited for them at exit.
    unjoined: list[ThreadSite] = field(default_factory=list)
    #: Each ``start()`` statement -> (the name started, whether it is a loop over a list).
    started_by: dict[cst.BaseStatement, tuple[str, bool]] = field(default_factory=dict)
    #: ``t.daemon = True`` statements (the tutorials' spelling of ``daemon=True``): dropped,
    #: the thread's site marked daemon (`threads.find` accepts it for queue workers only).
    daemon_stmts: list[cst.BaseStatement] = field(default_factory=list)


def refuse(info: FileInfo, node: cst.CSTNode, key: str, **params: str) -> Refused:
    """The file is left as is: a thread shape this rule does not convert."""
    detail = phrase(key, **params)
    return Refused(
        info.line(node),
        "thread-shape",
        refusal_message("thread-shape", name="threading.Thread", detail=detail),
    )


def statement_of(info: FileInfo, node: cst.CSTNode) -> cst.BaseStatement:
    current: cst.CSTNode | None = node
    while current is not None and not isinstance(current, cst.BaseStatement):
        current = info.parent(current)
    assert current is not None
    return current


def _method_stmt(stmt: cst.CSTNode, name: str, method: str) -> bool:
    """Whether *stmt* is exactly ``name.method()``."""
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
        return False
    expr = stmt.body[0]
    if not isinstance(expr, cst.Expr) or not isinstance(expr.value, cst.Call):
        return False
    func = expr.value.func
    return (
        not expr.value.args
        and isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.value.value == name
        and func.attr.value == method
    )


def _loop_over(stmt: cst.CSTNode, list_name: str, method: str) -> bool:
    """``for t in threads: t.method()`` and nothing else in the loop, or the tutorials' one-line
    form ``[t.method() for t in threads]`` (a list built for its side effects and dropped)."""
    if _comprehension_over(stmt, list_name, method):
        return True
    if not (isinstance(stmt, cst.For) and stmt.asynchronous is None and stmt.orelse is None):
        return False
    if not (isinstance(stmt.iter, cst.Name) and stmt.iter.value == list_name):
        return False
    if not isinstance(stmt.target, cst.Name) or not isinstance(stmt.body, cst.IndentedBlock):
        return False
    body = stmt.body.body
    return len(body) == 1 and _method_stmt(body[0], stmt.target.value, method)


def _comprehension_over(stmt: cst.CSTNode, list_name: str, method: str) -> bool:
    """``[t.method() for t in threads]`` as a statement of its own."""
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
        return False
    expr = stmt.body[0]
    comp = expr.value if isinstance(expr, cst.Expr) else None
    if not isinstance(comp, cst.ListComp):
        return False
    clause = comp.for_in
    if (
        clause.asynchronous is not None
        or clause.ifs
        or clause.inner_for_in is not None
        or not isinstance(clause.target, cst.Name)
        or not (isinstance(clause.iter, cst.Name) and clause.iter.value == list_name)
    ):
        return False
    line = cst.SimpleStatementLine([cst.Expr(comp.elt)])
    return _method_stmt(line, clause.target.value, method)


def uses(info: FileInfo, group: Group) -> None:
    """Every use of a thread or thread list must be one we know how to rewrite."""
    vars_ = {s.var for s in group.sites if s.var}
    lists = {s.list_name for s in group.sites if s.list_name}
    for node in _statements(group.owner.node):
        lists |= {name for name in _appended_list(node) if name} if vars_ else set()
    appended: dict[str, str] = {}
    started: set[str] = set()
    joined: set[str] = set()
    handled: set[cst.CSTNode] = set()
    for node in _statements(group.owner.node):
        if any(info.within(node, loop) for loop in handled if isinstance(loop, cst.For)):
            continue  # the `t.join()` inside `for t in threads:` belongs to the loop
        for name in lists:
            if _loop_over(node, name, "start"):
                group.starts.append(node)
                group.started_by[node] = (name, True)
                started.add(name)
                handled.add(node)
            elif _loop_over(node, name, "join"):
                group.joins.append((node, name, True))
                joined.add(name)
                handled.add(node)
        for name in vars_:
            if _method_stmt(node, name, "start"):
                group.starts.append(node)
                group.started_by[node] = (name, False)
                started.add(name)
                handled.add(node)
            elif _method_stmt(node, name, "join"):
                group.joins.append((node, name, False))
                joined.add(name)
                handled.add(node)
            elif _daemon_stmt(node, name):
                group.daemon_stmts.append(node)
                for site in group.sites:
                    if site.var == name:
                        site.daemon = True
                handled.add(node)
            for list_name in lists:
                if _append_stmt(node, list_name, name):
                    appended[name] = list_name
                    group.appends.setdefault(list_name, []).append((node, name))
                    handled.add(node)
        for list_name in lists:
            if _empty_list_init(node, list_name):
                group.inits.setdefault(list_name, []).append(node)
    for name_node in _names(group.owner.node):
        if name_node.value not in vars_ | lists:
            continue
        stmt = statement_of(info, name_node)
        if any(info.within(stmt, h) for h in handled):
            continue
        if name_node.value in lists and _is_list_store(info, name_node):
            continue
        parent = info.parent(name_node)
        if (
            name_node.value in lists | vars_
            and isinstance(parent, cst.AnnAssign)
            and parent.target is name_node
        ):
            group.annotated.append(parent)  # review defect #39: a type, not a use
            continue
        if name_node.value in vars_ and _is_thread_store(info, name_node, group):
            continue
        if name_node.value in lists and _is_append_of_thread(info, name_node, group):
            continue
        if name_node.value in lists and _counted(info, name_node):
            continue
        join = _join_with_args(info, name_node)
        if join is not None:
            raise refuse(info, name_node, "join-timeout", line=str(join))
        raise refuse(info, name_node, "thread-use", line=str(info.line(name_node)))
    for site in group.sites:
        name = site.var or ""
        via = site.list_name or appended.get(name) or ""
        if site.inline_start or ({name, via} & started and not {name, via} & joined):
            group.unjoined.append(site)  # `threads.find` decides whether it can be awaited
            continue
        if not ({name, via} & started and {name, via} & joined):
            raise Refused(
                site.site.line,
                "never-started",
                refusal_message("never-started", name=name or via or "?"),
            )


def _daemon_stmt(stmt: cst.CSTNode, name: str) -> bool:
    """Exactly ``name.daemon = True``."""
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
        return False
    assign = stmt.body[0]
    if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1):
        return False
    attr = assign.targets[0].target
    return (
        isinstance(attr, cst.Attribute)
        and isinstance(attr.value, cst.Name)
        and attr.value.value == name
        and attr.attr.value == "daemon"
        and isinstance(assign.value, cst.Name)
        and assign.value.value == "True"
    )


def _empty_list_init(stmt: cst.CSTNode, name: str) -> bool:
    """``threads = []``."""
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
        return False
    assign = stmt.body[0]
    return (
        isinstance(assign, cst.Assign)
        and len(assign.targets) == 1
        and isinstance(assign.targets[0].target, cst.Name)
        and assign.targets[0].target.value == name
        and isinstance(assign.value, cst.List)
        and not assign.value.elements
    )


def _appended_list(stmt: cst.CSTNode) -> list[str]:
    """``threads.append(t)``: the list a thread variable is collected in."""
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
        return []
    expr = stmt.body[0]
    if not isinstance(expr, cst.Expr) or not isinstance(expr.value, cst.Call):
        return []
    c = expr.value
    if (
        isinstance(c.func, cst.Attribute)
        and isinstance(c.func.value, cst.Name)
        and c.func.attr.value == "append"
        and len(c.args) == 1
        and isinstance(c.args[0].value, cst.Name)
    ):
        return [c.func.value.value]
    return []


def _append_stmt(stmt: cst.CSTNode, list_name: str, var: str) -> bool:
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
        return False
    expr = stmt.body[0]
    if not isinstance(expr, cst.Expr) or not isinstance(expr.value, cst.Call):
        return False
    c = expr.value
    return (
        isinstance(c.func, cst.Attribute)
        and isinstance(c.func.value, cst.Name)
        and c.func.value.value == list_name
        and c.func.attr.value == "append"
        and len(c.args) == 1
        and isinstance(c.args[0].value, cst.Name)
        and c.args[0].value.value == var
    )


def _is_list_store(info: FileInfo, name: cst.Name) -> bool:
    parent = info.parent(name)
    return isinstance(parent, cst.AssignTarget)


def _is_thread_store(info: FileInfo, name: cst.Name, group: Group) -> bool:
    parent = info.parent(name)
    if isinstance(parent, cst.AssignTarget):
        return True
    return isinstance(parent, cst.For)  # `for t in threads:` binds t


def _is_append_of_thread(info: FileInfo, name: cst.Name, group: Group) -> bool:
    attr = info.parent(name)
    if not (isinstance(attr, cst.Attribute) and attr.attr.value == "append"):
        return False
    outer = info.parent(attr)
    return isinstance(outer, cst.Call) and any(
        s.site.node is outer.args[0].value for s in group.sites if outer.args
    )


def _counted(info: FileInfo, name: cst.Name) -> bool:
    """A list of threads only counted: ``len(threads)``, or ``for _ in threads:`` whose
    variable the loop never reads (one sentinel per worker), in a statement or a
    comprehension: a list of tasks counts the same."""
    parent = info.parent(name)
    if isinstance(parent, cst.Arg):
        outer = info.parent(parent)
        return (
            isinstance(outer, cst.Call)
            and isinstance(outer.func, cst.Name)
            and outer.func.value == "len"
            and len(outer.args) == 1
        )
    if isinstance(parent, cst.CompFor) and parent.iter is name:
        # ``[results.get() for _ in threads]``: one result per thread, counted the same
        comp = info.parent(parent)
        if not isinstance(parent.target, cst.Name) or not isinstance(
            comp, (cst.ListComp, cst.SetComp, cst.GeneratorExp)
        ):
            return False
        parts: list[cst.CSTNode] = [comp.elt, *parent.ifs]
        if parent.inner_for_in is not None:
            parts.append(parent.inner_for_in)
        variable = parent.target.value
        return not any(n.value == variable for part in parts for n in _names_in(part))
    if not (isinstance(parent, cst.For) and parent.iter is name):
        return False
    target = parent.target
    if not isinstance(target, cst.Name):
        return False
    read = [n for n in _names_in(parent.body) if n.value == target.value]
    return not read


def _names_in(node: cst.CSTNode) -> list[cst.Name]:
    found: list[cst.Name] = []

    class Visitor(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.append(name)

    node.visit(Visitor())
    return found


def _join_with_args(info: FileInfo, name: cst.Name) -> int | None:
    attr = info.parent(name)
    if isinstance(attr, cst.Attribute) and attr.attr.value == "join":
        outer = info.parent(attr)
        if isinstance(outer, cst.Call) and outer.args:
            return info.line(outer)
    return None


def _statements(func: cst.FunctionDef) -> list[cst.BaseStatement]:
    """Statements of *func*, nested blocks included, nested functions and classes not."""
    found: list[cst.BaseStatement] = []

    class Visitor(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if node is not func and isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                return False
            if isinstance(node, cst.BaseStatement):
                found.append(node)
            return True

    func.visit(Visitor())
    return found


def _names(func: cst.FunctionDef) -> list[cst.Name]:
    found: list[cst.Name] = []

    class Visitor(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            found.append(node)

    func.body.visit(Visitor())
    return found
