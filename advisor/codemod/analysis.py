"""Reading the given files without running them: imports, functions, calls, references,
and the hazards that refuse a file. What becomes a coroutine is decided in `callgraph`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from advisor.codemod.base import Refused
from advisor.codemod.own import own_helpers
from advisor.codemod.rules import refusal_message, sync_table

FuncKey = tuple[str, str]


@dataclass(eq=False)
class CallSite:
    node: cst.Call
    qname: str | None
    line: int
    owner: FuncInfo | None
    #: Inside a lambda, nested function, class or generator expression of its owner.
    sync_ctx: bool
    #: The innermost such context, so a thread-target lambda can be let back in.
    ctx: cst.CSTNode | None
    callee: FuncKey | None = None


@dataclass(eq=False)
class FuncInfo:
    key: FuncKey
    node: cst.FunctionDef
    line: int
    calls: list[CallSite] = field(default_factory=list)
    generator: bool = False


@dataclass(eq=False)
class ValueRef:
    node: cst.Name
    line: int
    key: FuncKey


@dataclass(eq=False)
class FileInfo:
    path: str
    source: str
    wrapper: MetadataWrapper
    module: cst.Module
    positions: Mapping[cst.CSTNode, Any]
    parents: dict[cst.CSTNode, cst.CSTNode]
    imports: dict[str, str]
    functions: dict[str, FuncInfo] = field(default_factory=dict)
    calls: list[CallSite] = field(default_factory=list)
    refs: list[ValueRef] = field(default_factory=list)
    #: Every identifier in the file, so new names (tg, limit, ...) never clash.
    names: set[str] = field(default_factory=set)
    #: Assignments and classes, for the hazard checks.
    assigns: list[cst.Assign] = field(default_factory=list)
    classes: list[cst.ClassDef] = field(default_factory=list)
    #: The helpers an earlier conversion added (`own`) -> their base names: neither analysed
    #: nor converted, and reused rather than added twice.
    own: dict[cst.FunctionDef, str] = field(default_factory=dict)

    def line(self, node: cst.CSTNode) -> int:
        return int(self.positions[node].start.line)

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.parents.get(node)

    def within(self, node: cst.CSTNode, ancestor: cst.CSTNode) -> bool:
        """Whether *node* is *ancestor* or lies inside it (walking the parent links)."""
        current: cst.CSTNode | None = node
        while current is not None:
            if current is ancestor:
                return True
            current = self.parent(current)
        return False


def parse(path: str, source: str) -> FileInfo:
    """Parse one file (libcst keeps its comments and layout); imports are indexed at once."""
    module = cst.parse_module(source)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)  # just parsed: nobody else holds it
    positions = wrapper.resolve(PositionProvider)
    info = FileInfo(
        path=path,
        source=source,
        wrapper=wrapper,
        module=wrapper.module,
        positions=positions,
        parents=_parents(wrapper.module),
        imports=import_map(wrapper.module),
        own=own_helpers(wrapper.module),
    )
    for stmt in wrapper.module.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.asynchronous is None and stmt not in info.own:
            key = (path, stmt.name.value)
            info.functions[stmt.name.value] = FuncInfo(key, stmt, info.line(stmt))
    return info


def _parents(module: cst.Module) -> dict[cst.CSTNode, cst.CSTNode]:
    """Each node's parent, in one plain pass (libcst's provider costs a full extra visit)."""
    parents: dict[cst.CSTNode, cst.CSTNode] = {}

    class Visitor(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            for child in node.children:
                parents[child] = node
            return True

    module.visit(Visitor())
    return parents


def dotted_name(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        base = dotted_name(expr.value)
        return f"{base}.{expr.attr.value}" if base else None
    return None


def import_map(module: cst.Module) -> dict[str, str]:
    """Local name -> qualified name, for every import anywhere in the module."""
    imports: dict[str, str] = {}

    class Visitor(cst.CSTVisitor):
        def visit_Import(self, node: cst.Import) -> None:
            for alias in node.names:
                name = dotted_name(alias.name) or ""
                if alias.asname and isinstance(alias.asname.name, cst.Name):
                    imports[alias.asname.name.value] = name
                else:
                    root = name.split(".")[0]
                    imports[root] = root

        def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
            if isinstance(node.names, cst.ImportStar):
                return
            module = (dotted_name(node.module) or "") if node.module else ""
            base = "." * len(node.relative) + module
            for alias in node.names:
                name = dotted_name(alias.name) or ""
                local = (
                    alias.asname.name.value
                    if alias.asname and isinstance(alias.asname.name, cst.Name)
                    else name
                )
                imports[local] = f"{base}.{name}" if not base.endswith(".") else base + name

    module.visit(Visitor())
    return imports


def qualified(info: FileInfo, expr: cst.BaseExpression) -> str | None:
    """``sleep`` after ``from time import sleep`` is ``time.sleep``; unknown names stay bare."""
    name = dotted_name(expr)
    if name is None:
        return None
    root, _, rest = name.partition(".")
    if root in info.functions and root not in info.imports:
        return None  # one of the file's own functions, not a library call
    full = info.imports.get(root, root)
    return f"{full}.{rest}" if rest else full


class Project:
    """All given files, so calls can be followed from one file into another."""

    def __init__(self, files: Sequence[FileInfo]) -> None:
        self.files = {f.path: f for f in files}
        #: Module name -> the given files importable under it, with the folder each is
        #: imported from (two ``lib.py`` in two folders are two modules: review defect #12).
        self.modules: dict[str, list[tuple[str, str]]] = {}
        for f in files:
            for name, root in module_roots(f.path):
                self.modules.setdefault(name, []).append((f.path, root))

    def function(self, key: FuncKey) -> FuncInfo:
        return self.files[key[0]].functions[key[1]]

    def resolve(self, info: FileInfo, expr: cst.BaseExpression) -> FuncKey | None:
        """The given-file function *expr* names, if any."""
        name = dotted_name(expr)
        if name is None:
            return None
        if isinstance(expr, cst.Name) and name in info.functions and name not in info.imports:
            return (info.path, name)
        root, _, rest = name.partition(".")
        full = info.imports.get(root)
        if full is None:
            return None
        full = f"{full}.{rest}" if rest else full
        module, _, func = full.rpartition(".")
        path = self.module_path(info.path, module)
        if path is not None and func in self.files[path].functions:
            return (path, func)
        return None

    def module_path(self, importer: str, module: str) -> str | None:
        """The given file *importer* gets for ``import module``: among the files answering to
        that name, the one importable from *importer*'s own folder or package root; a name
        only one given file answers to is that file. Ambiguous otherwise: None (not seen)."""
        if module.startswith("."):
            level = len(module) - len(module.lstrip("."))
            folder = os.path.dirname(os.path.abspath(importer))
            for _ in range(level - 1):
                folder = os.path.dirname(folder)
            rest = module.lstrip(".")
            target = os.path.join(folder, *rest.split(".")) if rest else folder
            for candidate in (target + ".py", os.path.join(target, "__init__.py")):
                for path in self.files:
                    if os.path.abspath(path) == candidate:
                        return path
            return None
        found = self.modules.get(module, [])
        if len(found) == 1:
            return found[0][0]
        roots = {root for _, root in module_roots(importer)}
        near = [path for path, root in found if root in roots]
        return near[0] if len(near) == 1 else None


def module_roots(path: str) -> list[tuple[str, str]]:
    """(module name, the folder it is imported from) for every name of `module_names`."""
    directory = os.path.dirname(os.path.abspath(path))
    result = []
    for name in module_names(path):
        root = directory
        for _ in range(name.count(".")):
            root = os.path.dirname(root)
        result.append((name, root))
    return result


def module_names(path: str) -> list[str]:
    """``pkg/sub/mod.py`` is importable as ``mod``, ``sub.mod`` or ``pkg.sub.mod``."""
    directory, filename = os.path.split(os.path.abspath(path))
    stem = os.path.splitext(filename)[0]
    names = [stem]
    parts = [stem]
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        directory, package = os.path.split(directory)
        parts.insert(0, package)
        names.append(".".join(parts))
    return names


class _Collector(cst.CSTVisitor):
    """Every call and every function reference, with the function and context it sits in."""

    def __init__(self, project: Project, info: FileInfo) -> None:
        super().__init__()
        self.project = project
        self.info = info
        self.owner: FuncInfo | None = None
        self.ctx: list[cst.CSTNode] = []
        self.tops = {f.node: f for f in info.functions.values()}

    def _push(self, node: cst.CSTNode) -> None:
        self.ctx.append(node)

    def _pop(self, node: cst.CSTNode) -> None:
        if self.ctx and self.ctx[-1] is node:
            self.ctx.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if node in self.info.own:  # convert's own helper: its names only, so none clashes
            self.info.names.update(
                n.value for n in _walk(node, (cst.Name,)) if isinstance(n, cst.Name)
            )
            return False
        if self.owner is None and not self.ctx and node in self.tops:
            self.owner = self.tops[node]
        else:
            self._push(node)
        return True

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        if self.owner is not None and self.owner.node is original_node:
            self.owner = None
        else:
            self._pop(original_node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.info.classes.append(node)
        self._push(node)

    def visit_Assign(self, node: cst.Assign) -> None:
        self.info.assigns.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._pop(original_node)

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._push(node)

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self._pop(original_node)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._push(node)

    def leave_GeneratorExp(self, original_node: cst.GeneratorExp) -> None:
        self._pop(original_node)

    def visit_Yield(self, node: cst.Yield) -> None:
        if self.owner is not None and not self.ctx:
            self.owner.generator = True

    def visit_Call(self, node: cst.Call) -> None:
        # A generator expression's outermost iterable is evaluated by the enclosing function
        # (it may be awaited there): ``sorted(n for n in os.listdir(d))``.
        ctx = self.ctx
        while (
            ctx
            and isinstance(ctx[-1], cst.GeneratorExp)
            and self.info.within(node, ctx[-1].for_in.iter)
        ):
            ctx = ctx[:-1]
        site = CallSite(
            node=node,
            qname=qualified(self.info, node.func),
            line=self.info.line(node),
            owner=self.owner,
            sync_ctx=bool(ctx),
            ctx=ctx[-1] if ctx else None,
            callee=self.project.resolve(self.info, node.func),
        )
        self.info.calls.append(site)
        if self.owner is not None:
            self.owner.calls.append(site)

    def visit_Name(self, node: cst.Name) -> None:
        self.info.names.add(node.value)
        parent = self.info.parent(node)
        if not _is_load(node, parent):
            return
        key = self.project.resolve(self.info, node)
        if key is not None:
            self.info.refs.append(ValueRef(node, self.info.line(node), key))


def _is_load(node: cst.Name, parent: cst.CSTNode | None) -> bool:
    """Whether *node* reads a value (not the called name, an attribute, a binding, a keyword)."""
    if isinstance(parent, cst.Call):
        return parent.func is not node
    if isinstance(parent, cst.Attribute):
        return parent.value is node
    if isinstance(parent, (cst.AssignTarget, cst.AsName, cst.NameItem, cst.ImportAlias)):
        return False
    if isinstance(parent, (cst.For, cst.CompFor)):
        return parent.target is not node
    if isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Param)):
        return parent.name is not node
    if isinstance(parent, cst.Arg):
        return parent.keyword is not node
    return not isinstance(parent, (cst.AugAssign, cst.AnnAssign)) or parent.target is not node


def collect(project: Project, info: FileInfo) -> None:
    info.module.visit(_Collector(project, info))


def spawn_sites(
    info: FileInfo, qname: str, shown: str, nested: Callable[[cst.CSTNode], Refused]
) -> Iterator[CallSite]:
    """The calls of *qname* (a thread, a pool) in *info*, in order. Refuses the file when one
    is made at module level (*shown* names it) or inside a lambda, nested function or generator
    of its function (*nested* builds that rule's refusal): neither can become a task of a
    coroutine. Lazy, so a caller's own refusal of an earlier site comes first."""
    for site in info.calls:
        if site.qname != qname:
            continue
        if site.owner is None:
            method = _enclosing_method(info, site.node)
            if method is not None:  # review defect #37: a method is not "module level"
                message = refusal_message("in-method", name=shown, method=method)
                raise Refused(site.line, "in-method", message)
            coroutine = _enclosing_coroutine(info, site.node)
            if coroutine is not None:  # review 23, #1: nor is a coroutine's body
                message = refusal_message("in-coroutine", name=shown, function=coroutine)
                raise Refused(site.line, "in-coroutine", message)
            raise Refused(site.line, "module-level", refusal_message("module-level", name=shown))
        if site.sync_ctx:
            raise nested(site.node)
        yield site


def _enclosing_method(info: FileInfo, node: cst.CSTNode) -> str | None:
    """``Class.method`` when *node* sits in a function defined in a class, else None."""
    current = info.parent(node)
    func: cst.FunctionDef | None = None
    while current is not None:
        if isinstance(current, cst.FunctionDef) and func is None:
            func = current
        if isinstance(current, cst.ClassDef) and func is not None:
            return f"{current.name.value}.{func.name.value}"
        current = info.parent(current)
    return None


def _enclosing_coroutine(info: FileInfo, node: cst.CSTNode) -> str | None:
    """The name of the ``async def`` *node* sits in (directly or in a function nested in it),
    else None: code that already runs on an event loop, which convert does not rewrite."""
    current = info.parent(node)
    found: str | None = None
    while current is not None:
        if isinstance(current, cst.FunctionDef) and current.asynchronous is not None:
            found = current.name.value
        current = info.parent(current)
    return found


def appended_to(info: FileInfo, node: cst.CSTNode) -> str | None:
    """The list's name when *node* is the argument of ``name.append(node)``."""
    parent = info.parent(node)
    outer = info.parent(parent) if isinstance(parent, cst.Arg) else None
    if (
        isinstance(outer, cst.Call)
        and isinstance(outer.func, cst.Attribute)
        and outer.func.attr.value == "append"
        and isinstance(outer.func.value, cst.Name)
    ):
        return outer.func.value.value
    return None


def hazards(info: FileInfo) -> None:
    """Raise `Refused` for the first thing in the file that threads-to-asyncio cannot keep."""
    for found in each_hazard(info):
        raise found


def blockers(info: FileInfo) -> list[Refused]:
    """Every hazard of the file, not just the first: a refusal lists them all, so fixing the
    one it names does not lead straight into the next (issue 18)."""
    return list(each_hazard(info))


def each_hazard(info: FileInfo) -> Iterator[Refused]:
    """The hazards of `hazards`, in file order per kind."""
    table = sync_table()
    for site in info.calls:
        qname = site.qname or ""
        if qname in table.hazards:
            reason = table.hazards[qname]
            yield Refused(site.line, reason, refusal_message(reason, name=f"{site.qname}()"))
        func = site.node.func
        if isinstance(func, cst.Attribute) and func.attr.value in table.callback_methods:
            name = func.attr.value
            reason = "daemon" if name == "setDaemon" else "callback"
            yield Refused(site.line, reason, refusal_message(reason, name=f"{name}()"))
    for node in [*info.classes, *info.assigns]:
        if isinstance(node, cst.ClassDef):
            for base in node.bases:
                if qualified(info, base.value) == "threading.Thread":
                    yield Refused(
                        info.line(node),
                        "thread-subclass",
                        refusal_message("thread-subclass", name=node.name.value),
                    )
            continue
        assert isinstance(node, cst.Assign)
        for target in node.targets:
            attr = target.target
            if not isinstance(attr, cst.Attribute):
                continue
            if attr.attr.value == "daemon":
                yield Refused(info.line(node), "daemon", refusal_message("daemon"))
            if (
                attr.attr.value.startswith(table.callback_prefix)
                and isinstance(node.value, cst.Name)
                and (node.value.value in info.functions or node.value.value in info.imports)
            ):
                name = f"{dotted_name(attr)} = {node.value.value}"
                yield Refused(info.line(node), "callback", refusal_message("callback", name=name))


def _walk(root: cst.CSTNode, kinds: tuple[type[cst.CSTNode], ...]) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []

    class Visitor(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if isinstance(node, kinds):
                found.append(node)
            return True

    root.visit(Visitor())
    return found


def walk(root: cst.CSTNode, kinds: tuple[type[cst.CSTNode], ...]) -> list[cst.CSTNode]:
    """Every node of the given kinds under *root*, in source order."""
    return _walk(root, kinds)
