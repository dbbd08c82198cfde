"""Gather evidence for the tree's questions from source code, with ``ast`` only.

The code is parsed, never imported or run. Each observation becomes an `Evidence`
(question, suggested value, confidence, file:line, reason in both languages);
`advisor.evidence.weigh` weighs them into answers. What counts as an I/O library, a
framework, native code or a concurrency bound lives in ``scan/data/*.yaml``.
Names are resolved by `advisor.evidence.scopes` (aliases, shadowing, instance types).
"""

from __future__ import annotations

import ast

from advisor.evidence.gather import Gatherer, Location, Write
from advisor.evidence.loops import hot_loop
from advisor.evidence.scopes import (
    LOOPS,
    Function,
    Module,
    Scope,
    bind_module,
    function_info,
    local_types,
    tail,
    walk_local,
)
from advisor.evidence.tables import under
from advisor.inference import SourceFile

#: All hot loops are one signal when answers are weighed: forty functions with nested loops
#: are not forty times the evidence of one blocking library.
HOT_LOOPS = "python-loops"
MODULE = "<module>"


def read(gatherer: Gatherer, source: SourceFile, tree: ast.Module) -> None:
    """Read one parsed file or notebook cell into *gatherer*; cells of a notebook share one
    module, as they share the kernel's namespace."""
    module = gatherer.modules.get(source.path)
    if module is None:
        module = gatherer.modules[source.path] = Module()
        gatherer.files += 1
        if source.cell is not None:
            gatherer.async_seen = True
            first = Location(source.path, 1, source.cell)
            reason = gatherer.t.reason("notebook")
            gatherer.emit("program", "notebook", "high", first, reason, signal="notebook")
            gatherer.emit("async_app", True, "medium", first, reason, signal="notebook")
    bind_module(module, tree)
    _Visitor(gatherer, source, module).visit(tree)


class _Visitor(ast.NodeVisitor):
    """One pass over one file, attributing what it sees to the enclosing function."""

    def __init__(self, gatherer: Gatherer, source: SourceFile, module: Module) -> None:
        self.g = gatherer
        self.t = gatherer.t
        self.source = source
        self.module = module
        self.functions: list[Function] = []
        self.scope = Scope(module, frozenset())
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
        if sum(isinstance(n, LOOPS) for n in walk_local(node)) >= 2:
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
        info = function_info(node)
        bare = Scope(self.module, info.local)
        self.scope = Scope(self.module, info.local, local_types(bare, node, info))
        self.local_values = info.values
        self.globals = set(info.globals)
        self.functions.append(node)
        if info.loops >= 2:
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
            reason_key = "framework_async" if is_async else "framework_sync"
            if is_async:
                self.g.async_seen = True
            if is_async or program in {"service", "gui"}:
                self.g.emit(
                    "async_app",
                    is_async,
                    conf,
                    where,
                    t.reason(reason_key, name=label),
                    signal=label,
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
            reason = self.t.reason("top_level_await")
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
        name = tail(expr)
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
        """A write to shared state from inside a function: ``cache[k] = v``, ``global n``,
        ``self.count += 1``."""
        if not self.functions:
            return
        if isinstance(target, ast.Subscript):
            shared = self._shared(target.value)
            if shared:
                self._write(shared, target)
        elif isinstance(target, ast.Name) and target.id in self.globals:
            self._write(target.id, target)
        elif isinstance(target, ast.Attribute) and _is_self(target.value, self.functions[-1]):
            self._write(f"self.{target.attr}", target)

    def _shared(self, node: ast.expr) -> str | None:
        """The shared container *node* names: a module-level one, or an attribute of the
        method's ``self`` (one object, shared by every call of a method run concurrently)."""
        if isinstance(node, ast.Name):
            if node.id in self.module.containers and node.id not in self.scope.local:
                return node.id
            return None
        if isinstance(node, ast.Attribute) and _is_self(node.value, self.functions[-1]):
            return f"self.{node.attr}"
        return None

    def _write(self, name: str, node: ast.AST) -> None:
        write = Write(self.function, name, self.lock_depth > 0, self.at(node))
        self.g.writes.append(write)

    # -- calls ------------------------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> None:
        qualname = self.scope.qualname(node.func)
        last = tail(node.func)
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
            self.functions
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in self.t.mutators
        ):
            shared = self._shared(node.func.value)
            if shared:
                self._write(shared, node)
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
                    self.g.worker(tail(ref) or "")
        elif last in self.t.task_spawners and (is_method or imported):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                for sub in ast.walk(arg):
                    if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name):
                        self.g.worker(sub.func.id)

    # -- computation ------------------------------------------------------------------------

    def _hot_loops(self, scope: ast.AST, name: str) -> None:
        """Nested loops doing arithmetic, with no I/O or await inside: pure-Python computing."""
        hot = hot_loop(scope, self._waits)
        if hot is None:
            return
        t, where = self.t, self.at(hot)
        reason = t.reason("hot_loop", function=name)
        self.g.emit("cpu_bound", True, "high", where, reason, signal=HOT_LOOPS)
        reason = t.reason("python_bytecode", function=name)
        self.g.emit("native_code", False, "medium", where, reason, signal=HOT_LOOPS)
        step = t.reason("heavy_step", what=t.kind("hot_loop"), function=name)
        self.g.emit("cpu_heavy_steps", True, "medium", where, step, signal=HOT_LOOPS)

    def _waits(self, node: ast.AST) -> bool:
        if isinstance(node, (ast.Await, ast.AsyncFor, ast.AsyncWith)):
            return True
        if isinstance(node, ast.Call):
            qualname = self.scope.qualname(node.func)
            return qualname is not None and self.t.libraries.lookup(qualname) is not None
        return False


def _is_self(node: ast.expr, function: Function) -> bool:
    """``self`` as the method's first parameter calls it."""
    args = function.args.posonlyargs or function.args.args
    return isinstance(node, ast.Name) and bool(args) and node.id == args[0].arg == "self"


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
