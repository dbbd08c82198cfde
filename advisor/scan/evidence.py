"""Gather evidence for the tree's questions from source code, with ``ast`` only.

The code is parsed, never imported or run. Each observation becomes an `Evidence`
(question, suggested value, confidence, file:line, reason in both languages);
`advisor.scan.infer` weighs them into answers. What counts as an I/O library, a
framework, native code or a concurrency bound lives in ``scan/data/*.yaml``.

Name resolution is per file (per notebook for cells): every import form and alias
(``import numpy as np``, ``from requests import get``), module-level definitions
shadowing imports, and a function's own parameters and assignments shadowing
both. A bare name that is neither imported nor a builtin resolves to nothing, so a
list called ``requests`` is not the requests library.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from advisor.models import AnswerValue, Evidence, SourceFile, Text
from advisor.scan.tables import Tables, tables, under

Function = ast.FunctionDef | ast.AsyncFunctionDef
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_LOOPS = (ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult)
_BUILTINS = frozenset(dir(builtins))
#: At most this many pieces of evidence per question, value and signal: output stays
#: bounded however many times a project calls requests.get.
PER_SIGNAL = 3
MODULE = "<module>"


class Location(NamedTuple):
    file: str
    line: int
    cell: int | None


class _Write(NamedTuple):
    function: str
    target: str
    locked: bool
    where: Location


class _Module:
    """What one file (or one notebook, across its cells) binds at module level."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.defined: set[str] = set()
        self.containers: set[str] = set()
        self.locks: set[str] = set()
        self.constants: dict[str, int] = {}
        #: Module-level names bound to an instance: ``session = requests.Session()``.
        self.types: dict[str, str] = {}


def walk_local(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of *node*'s own scope: nested functions, lambdas and classes excluded."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, _SCOPES):
            stack.extend(ast.iter_child_nodes(child))


def _local_names(fn: Function) -> frozenset[str]:
    """Parameters and names the function assigns: they shadow imports inside it."""
    args = fn.args
    names = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    names.update(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    declared_global: set[str] = set()
    for node in walk_local(fn):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Global):
            declared_global.update(node.names)
    return frozenset(names - declared_global)


def _is_arithmetic(node: ast.AST) -> bool:
    if isinstance(node, ast.AugAssign):
        return isinstance(node.op, _ARITHMETIC) and not _is_text(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, _ARITHMETIC):
        return not (_is_text(node.left) or _is_text(node.right))
    return False


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))
    )


def _last_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


class Gatherer:
    """Collects evidence over all the files of one scan; `finish` adds project-wide evidence."""

    def __init__(self, table: Tables | None = None) -> None:
        self.t = table or tables()
        self.evidence: list[Evidence] = []
        self.context: list[Evidence] = []
        self.files = 0
        self._counts: dict[tuple[object, ...], int] = {}
        self._modules: dict[str, _Module] = {}
        self._workers: dict[str, Location | None] = {}
        self.defs: dict[str, Location] = {}
        self.calls: dict[str, set[str]] = {}
        self.writes: list[_Write] = []
        self.async_seen = False

    # -- recording ------------------------------------------------------------------------

    def emit(
        self,
        question: str | None,
        value: AnswerValue | None,
        confidence: str,
        where: Location,
        reason: Text,
        *,
        signal: str,
    ) -> None:
        key = (question, value, signal)
        if self._counts.get(key, 0) >= PER_SIGNAL:
            return
        self._counts[key] = self._counts.get(key, 0) + 1
        item = Evidence(
            question, value, confidence, where.file, where.line, reason, signal, where.cell
        )
        (self.context if question is None else self.evidence).append(item)

    def worker(self, name: str, where: Location | None = None) -> None:
        self._workers.setdefault(name, where)

    # -- files ------------------------------------------------------------------------------

    def add(self, source: SourceFile, tree: ast.Module) -> None:
        """Read one parsed file or notebook cell."""
        module = self._modules.get(source.path)
        if module is None:
            module = self._modules[source.path] = _Module()
            self.files += 1
            if source.cell is not None:
                self.async_seen = True
                first = Location(source.path, 1, source.cell)
                self.emit(
                    "program",
                    "notebook",
                    "high",
                    first,
                    self.t.reason("notebook"),
                    signal="notebook",
                )
                self.emit(
                    "async_app", True, "medium", first, self.t.reason("notebook"), signal="notebook"
                )
        _bind_module(module, tree)
        _Visitor(self, source, module).visit(tree)

    def finish(self) -> None:
        """Project-wide evidence: shared state written by concurrent functions, no event loop."""
        t = self.t
        if self.files and not self.async_seen:
            reason = t.reason("no_event_loop", count=str(self.files))
            self.emit(
                "async_app", False, "medium", Location("", 0, None), reason, signal="no-event-loop"
            )
        if not self._workers:
            return
        concurrent = set(self._workers)
        stack = list(concurrent)
        while stack:  # what a worker calls runs concurrently too
            for callee in self.calls.get(stack.pop(), ()):
                if callee not in concurrent and callee in self.defs:
                    concurrent.add(callee)
                    stack.append(callee)
        writes = [w for w in self.writes if w.function in concurrent]
        for w in writes:
            key = "shared_locked" if w.locked else "shared_write"
            reason = t.reason(key, function=w.function, target=w.target)
            confidence = "high" if w.locked else "medium"
            self.emit(
                "shared_memory",
                True,
                confidence,
                w.where,
                reason,
                signal=f"{w.function}:{w.target}",
            )
        if not writes:
            known = sorted(n for n in self._workers if n in self.defs)
            if known:
                where = self.defs[known[0]]
                reason = t.reason("no_shared_write", functions=", ".join(known[:4]))
                self.emit("shared_memory", False, "medium", where, reason, signal="workers")


def _bind_module(module: _Module, tree: ast.Module) -> None:
    """Imports anywhere in the file, and what the module level binds."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    module.aliases[alias.asname] = alias.name
                else:
                    head = alias.name.split(".")[0]
                    module.aliases[head] = head
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if alias.name != "*":
                    module.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            module.defined.add(stmt.name)
            module.aliases.pop(stmt.name, None)
    scope = _Scope(module, frozenset())
    for stmt in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if value is None or not names:
            continue
        number = scope.integer(value, {})
        if isinstance(stmt, ast.AnnAssign):
            annotated = _annotation(scope, stmt.annotation)
            if annotated:
                module.types.update(dict.fromkeys(names, annotated))
        if isinstance(
            value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
        ):
            module.containers.update(names)
        elif isinstance(value, ast.Call):
            called = scope.qualname(value.func)
            if called and called not in _BUILTINS:
                module.types.update(dict.fromkeys(names, called))
            if called in tables().containers:
                module.containers.update(names)
            elif called in tables().locks:
                module.locks.update(names)
        if number is not None:
            module.constants.update(dict.fromkeys(names, number))


class _Scope:
    """Name resolution at one point: the module's bindings minus the function's locals."""

    def __init__(
        self, module: _Module, local: frozenset[str], types: Mapping[str, str] | None = None
    ) -> None:
        self.module = module
        self.local = local
        #: Locals whose class is known: ``session: requests.Session``, ``s = requests.Session()``.
        self.types = types or {}

    def qualname(self, node: ast.AST) -> str | None:
        """``np.linalg.svd`` -> ``numpy.linalg.svd``; None for what is not an import or builtin."""
        if isinstance(node, ast.Name):
            if node.id in self.local:
                return self.types.get(node.id)
            if node.id in self.module.aliases:
                return self.module.aliases[node.id]
            if node.id in self.module.types:
                return self.module.types[node.id]
            if node.id in _BUILTINS and node.id not in self.module.defined:
                return node.id
            return None
        if isinstance(node, ast.Attribute):
            base = self.qualname(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def integer(self, node: ast.AST, local_values: Mapping[str, ast.expr]) -> int | None:
        """A whole number written in the code: a literal, a constant, simple arithmetic."""
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        if isinstance(node, ast.Name):
            if node.id in local_values:
                return self.integer(local_values[node.id], {})
            if node.id not in self.local:
                return self.module.constants.get(node.id)
            return None
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult, ast.Sub)):
            left = self.integer(node.left, local_values)
            right = self.integer(node.right, local_values)
            if left is None or right is None:
                return None
            result = {ast.Add: left + right, ast.Mult: left * right, ast.Sub: left - right}
            return result[type(node.op)]
        return None


class _Visitor(ast.NodeVisitor):
    """One pass over one file, attributing what it sees to the enclosing function."""

    def __init__(self, gatherer: Gatherer, source: SourceFile, module: _Module) -> None:
        self.g = gatherer
        self.t = gatherer.t
        self.source = source
        self.module = module
        self.functions: list[Function] = []
        self.scope = _Scope(module, frozenset())
        self.local_values: dict[str, ast.expr] = {}
        self.globals: set[str] = set()
        self.lock_depth = 0

    def at(self, node: ast.AST) -> Location:
        return Location(self.source.path, getattr(node, "lineno", 0), self.source.cell)

    @property
    def function(self) -> str:
        return self.functions[-1].name if self.functions else MODULE

    # -- scopes -----------------------------------------------------------------------------

    def visit_Module(self, node: ast.Module) -> None:
        self._hot_loops(node, MODULE)
        for stmt in node.body:
            if isinstance(stmt, ast.If) and _is_main_guard(stmt.test):
                where = self.at(stmt)
                self.g.emit(
                    "program", "script", "low", where, self.t.reason("main_guard"), signal="main"
                )
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self.g.async_seen = True
        self._function(node)

    def _function(self, node: Function) -> None:
        for deco in node.decorator_list:
            func = deco.func if isinstance(deco, ast.Call) else deco
            if isinstance(func, ast.Attribute) and func.attr in self.t.handler_decorators:
                self.g.worker(node.name, self.at(node))
        self.g.defs.setdefault(node.name, self.at(node))
        saved = (self.scope, self.local_values, self.globals)
        self.scope = _Scope(self.module, _local_names(node))
        self.scope = _Scope(self.module, self.scope.local, _local_types(self.scope, node))
        self.local_values = _simple_assignments(node)
        self.globals = {n for s in walk_local(node) if isinstance(s, ast.Global) for n in s.names}
        self.functions.append(node)
        self._hot_loops(node, node.name)
        self.generic_visit(node)
        self.functions.pop()
        self.scope, self.local_values, self.globals = saved

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.generic_visit(node)

    # -- imports ----------------------------------------------------------------------------

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._imported(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module and not node.level:
            for alias in node.names:
                self._imported(f"{node.module}.{alias.name}", node)

    def _imported(self, name: str, node: ast.AST) -> None:
        t, where = self.t, self.at(node)
        framework = t.frameworks.lookup(name)
        if framework is not None:
            label, conf = framework["name"], framework["confidence"]
            program = framework["program"]
            self.g.emit(
                "program",
                program,
                conf,
                where,
                t.reason(f"program_{program}", name=label),
                signal=label,
            )
            is_async = bool(framework["async_app"])
            key = "framework_async" if is_async else "framework_sync"
            if is_async:
                self.g.async_seen = True
            if is_async or program in {"service", "gui"}:
                self.g.emit(
                    "async_app", is_async, conf, where, t.reason(key, name=label), signal=label
                )
        cluster = t.cluster.lookup(name)
        if cluster is not None:
            label = cluster["name"]
            reason = t.reason("cluster", name=label)
            self.g.emit("multi_machine", True, cluster["confidence"], where, reason, signal=label)

    # -- statements -------------------------------------------------------------------------

    def visit_Await(self, node: ast.Await) -> None:
        self._top_level_await(node)
        self.generic_visit(node)

    def visit_AsyncFor(self, node: ast.AsyncFor) -> None:
        self._top_level_await(node)
        self.generic_visit(node)

    def _top_level_await(self, node: ast.AST) -> None:
        """``await`` outside any function: a notebook cell, run on the kernel's event loop."""
        if not self.functions:
            self.g.async_seen = True
            reason = self.t.reason("notebook")
            where = self.at(node)
            self.g.emit("async_app", True, "high", where, reason, signal="top-level-await")

    def visit_With(self, node: ast.With) -> None:
        self._with(node)

    def visit_AsyncWith(self, node: ast.AsyncWith) -> None:
        self._with(node)

    def _with(self, node: ast.With | ast.AsyncWith) -> None:
        if isinstance(node, ast.AsyncWith):
            self._top_level_await(node)
        locked = any(self._is_lock(item.context_expr) for item in node.items)
        for item in node.items:
            self.visit(item)
        self.lock_depth += locked
        for stmt in node.body:
            self.visit(stmt)
        self.lock_depth -= locked

    def _is_lock(self, expr: ast.expr) -> bool:
        if isinstance(expr, ast.Name) and expr.id in self.module.locks:
            return True
        name = _last_name(expr)
        return name is not None and "lock" in name.lower()

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._store(target)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._store(node.target)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._store(target)
        self.generic_visit(node)

    def _store(self, target: ast.expr) -> None:
        """A write to module-level state from inside a function."""
        if not self.functions:
            return
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
            name = target.value.id
            if name in self.module.containers and name not in self.scope.local:
                self._write(name, target)
        elif isinstance(target, ast.Name) and target.id in self.globals:
            self._write(target.id, target)

    def _write(self, name: str, node: ast.AST) -> None:
        write = _Write(self.function, name, self.lock_depth > 0, self.at(node))
        self.g.writes.append(write)

    # -- calls ------------------------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> None:
        qualname = self.scope.qualname(node.func)
        last = _last_name(node.func)
        if isinstance(node.func, ast.Name):
            self.g.calls.setdefault(self.function, set()).add(node.func.id)
        if qualname:
            self._library(qualname, node)
            self._native(qualname, node)
            self._concurrency(qualname, node)
        if last in self.t.offload_methods and isinstance(node.func, ast.Attribute):
            reason = self.t.reason("existing", name=last, kind=self.t.kind("offload"))
            self.g.emit(None, None, "high", self.at(node), reason, signal=last)
        if last is not None:
            self._spawned(node, last, qualname)
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr in self.t.mutators
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in self.module.containers
            and node.func.value.id not in self.scope.local
            and self.functions
        ):
            self._write(node.func.value.id, node)
        self.generic_visit(node)

    def _library(self, qualname: str, node: ast.Call) -> None:
        t, where = self.t, self.at(node)
        lib = t.libraries.lookup(qualname)
        if lib is None:
            return
        name, conf, what = lib["name"], lib["confidence"], t.kind(lib["what"])
        if lib["async"]:
            self.g.async_seen = True
            self.g.emit(
                "async_libs", True, conf, where, t.reason("async_library", name=name), signal=name
            )
            reason = t.reason("async_io", name=qualname, what=what)
            self.g.emit("cpu_bound", False, conf, where, reason, signal=name)
            return
        counterparts = ", ".join(lib.get("counterparts", ()))
        reason = t.reason("sync_library", name=name, counterparts=counterparts)
        self.g.emit("async_libs", False, conf, where, reason, signal=name)
        if lib["what"] == "process":
            program = _program_name(node) or t.kind("a_child_process")
            reason = t.reason("child_process", program=program)
        else:
            reason = t.reason("sync_io", name=qualname, what=what)
        self.g.emit("cpu_bound", False, conf, where, reason, signal=name)

    def _native(self, qualname: str, node: ast.Call) -> None:
        t, where = self.t, self.at(node)
        entry = t.native.lookup(qualname)
        if entry is None:
            return
        library = entry["name"]
        if under(qualname, entry.get("heavy", ())):
            self.g.emit(
                "native_code",
                True,
                "high",
                where,
                t.reason("native_call", name=qualname, library=library),
                signal=library,
            )
            reason = t.reason("native_compute", name=qualname, library=library)
            self.g.emit("cpu_bound", True, "medium", where, reason, signal=library)
            step = t.reason("heavy_step", what=qualname, function=self.function)
            self.g.emit("cpu_heavy_steps", True, "medium", where, step, signal=library)
        else:
            reason = t.reason("native_call", name=qualname, library=library)
            self.g.emit("native_code", True, "medium", where, reason, signal=library)

    def _concurrency(self, qualname: str, node: ast.Call) -> None:
        t, where = self.t, self.at(node)
        if qualname in t.event_loops:
            self.g.async_seen = True
            reason = t.reason("event_loop", name=qualname)
            self.g.emit("async_app", True, "high", where, reason, signal="event-loop")
        existing = t.existing.lookup(qualname, exact=True)
        if existing is not None:
            kind = t.kind(existing["kind"])
            self.g.emit(
                None,
                None,
                "high",
                where,
                t.reason("existing", name=qualname, kind=kind),
                signal=qualname,
            )
            if existing.get("pool") == "process":
                reason = t.reason("process_pool", name=qualname)
                self.g.emit("cpu_bound", True, "low", where, reason, signal="process-pool")
        bound = t.bounds.lookup(qualname, exact=True)
        if bound is None:
            return
        arg: ast.expr | None = next((k.value for k in node.keywords if k.arg == bound["arg"]), None)
        position = bound.get("position")
        if arg is None and position is not None and len(node.args) > position:
            arg = node.args[position]
        value = self.scope.integer(arg, self.local_values) if arg is not None else None
        if value is None or value < 1:
            return  # not written as a number: never guessed
        short = qualname.rsplit(".", 1)[-1]
        reason = t.reason("bound", name=short, arg=bound["arg"], value=str(value))
        question = "concurrency" if bound["io"] else None
        self.g.emit(
            question, value if question else None, "high", where, reason, signal=f"{short}={value}"
        )

    def _spawned(self, node: ast.Call, last: str, qualname: str | None) -> None:
        """Functions handed over to run concurrently become workers."""
        is_method = isinstance(node.func, ast.Attribute)
        imported = qualname is not None and qualname != last
        if last in self.t.spawners and (is_method or imported):
            refs = [node.args[0]] if node.args else []
            refs += [k.value for k in node.keywords if k.arg == "target"]
            for ref in refs:
                if isinstance(ref, (ast.Name, ast.Attribute)):  # fetch, self.fetch
                    self.g.worker(_last_name(ref) or "")
        elif last in self.t.task_spawners and (is_method or imported):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                for sub in ast.walk(arg):
                    if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name):
                        self.g.worker(sub.func.id)

    # -- computation ------------------------------------------------------------------------

    def _hot_loops(self, scope: ast.AST, name: str) -> None:
        """Nested loops doing arithmetic, with no I/O or await inside: pure-Python computing."""
        for node in walk_local(scope):
            if not isinstance(node, (ast.For, ast.While)):
                continue
            inner = [n for n in walk_local(node) if isinstance(n, _LOOPS)]
            if not inner or not any(_is_arithmetic(n) for i in inner for n in walk_local(i)):
                continue
            if any(self._waits(n) for n in walk_local(node)):
                continue
            t, where = self.t, self.at(node)
            self.g.emit(
                "cpu_bound", True, "high", where, t.reason("hot_loop", function=name), signal=name
            )
            reason = t.reason("python_bytecode", function=name)
            self.g.emit("native_code", False, "medium", where, reason, signal=name)
            step = t.reason("heavy_step", what=t.kind("hot_loop"), function=name)
            self.g.emit("cpu_heavy_steps", True, "medium", where, step, signal=name)
            return

    def _waits(self, node: ast.AST) -> bool:
        if isinstance(node, (ast.Await, ast.AsyncFor, ast.AsyncWith)):
            return True
        if isinstance(node, ast.Call):
            qualname = self.scope.qualname(node.func)
            return qualname is not None and self.t.libraries.lookup(qualname) is not None
        return False


def _annotation(scope: _Scope, node: ast.expr | None) -> str | None:
    """The class an annotation names: ``httpx.AsyncClient | None`` -> ``httpx.AsyncClient``."""
    while isinstance(node, ast.BinOp):
        node = node.left
    return scope.qualname(node) if node is not None else None


def _local_types(scope: _Scope, fn: Function) -> dict[str, str]:
    """What the function's locals hold, where the code says: annotations and constructors."""
    types: dict[str, str] = {}
    args = fn.args
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        annotated = _annotation(scope, arg.annotation)
        if annotated:
            types[arg.arg] = annotated
    for node in walk_local(fn):
        pairs: list[tuple[ast.expr | None, ast.expr]] = []
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            pairs.append((node.targets[0], node.value))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            pairs.extend((item.optional_vars, item.context_expr) for item in node.items)
        for target, value in pairs:
            if isinstance(target, ast.Name) and isinstance(value, ast.Call):
                called = _Scope(scope.module, scope.local, types).qualname(value.func)
                if called and called not in _BUILTINS:
                    types[target.id] = called
    return types


def _simple_assignments(fn: Function) -> dict[str, ast.expr]:
    """``limit = 20`` inside the function and parameter defaults: where a bound is written."""
    values: dict[str, ast.expr] = {}
    args = fn.args
    positional = [*args.posonlyargs, *args.args]
    for arg, default in zip(
        positional[len(positional) - len(args.defaults) :], args.defaults, strict=True
    ):
        values[arg.arg] = default
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if kw_default is not None:
            values[arg.arg] = kw_default
    for node in walk_local(fn):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                values[target.id] = node.value
    return values


def _is_main_guard(test: ast.expr) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.comparators) == 1):
        return False
    sides = [test.left, test.comparators[0]]
    names = {s.id for s in sides if isinstance(s, ast.Name)}
    consts = {s.value for s in sides if isinstance(s, ast.Constant)}
    return names == {"__name__"} and consts == {"__main__"}


def _program_name(node: ast.Call) -> str | None:
    """``subprocess.run(["ffmpeg", ...])`` -> ``ffmpeg``; None when it is not written out."""
    if not node.args:
        return None
    first = node.args[0]
    if isinstance(first, (ast.List, ast.Tuple)) and first.elts:
        first = first.elts[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.strip():
        return first.value.split()[0].rsplit("/", 1)[-1][:40]
    return None


def parse(source: SourceFile) -> ast.Module:
    """Parse without compiling: top-level ``await`` in a notebook cell is accepted."""
    return ast.parse(source.text, filename=source.path)


def describe_failure(exc: BaseException) -> str:
    """Why a file was skipped, on one line."""
    if isinstance(exc, SyntaxError):
        return f"syntax error at line {exc.lineno}: {exc.msg}"
    if isinstance(exc, RecursionError):
        return "nested too deeply to parse"
    return f"{type(exc).__name__}: {exc}"
