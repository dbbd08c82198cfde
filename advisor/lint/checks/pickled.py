"""ADV111: a function that cannot be pickled handed to a process pool or a new process.

A process pool sends the function it runs to its workers by pickling it, and pickle stores a
function by its module and qualified name: a ``lambda`` and a function defined inside another
function have no name a worker can import, so ``ProcessPoolExecutor.submit`` fails with
"Can't pickle local object" (and ``multiprocessing.Pool.map`` the same); a
``multiprocessing.Process(target=...)`` pickles its target too under the spawn and forkserver
start methods (Windows and macOS, and Linux's default from Python 3.14). obsplus#158 handed a
method's local ``def func`` to whatever executor the caller passed; portage#1260 wrapped a
caller's hook in a local function that a spawned process then had to take.

Precision over recall: the pool must be one the code names as a process pool where the call is
made (made in the function, ``with ProcessPoolExecutor() as pool``; an attribute the class
assigns one, ``self._pool = ProcessPoolExecutor()``; a parameter or an attribute annotated
with one, the pool injected), and the function one that certainly cannot be pickled: a
``lambda``, a ``def`` nested in a function (by its name), or ``functools.partial`` of one. One
call away, a function or a method of the same class in the same file that hands one of its
parameters to such a pool is a wrapper of the pool, and a call handing it such a function is
reported there; a module-level wrapper of another file is joined after the scan
(`pickled_across`). A new process takes its ``target`` and the items of its ``args``, both
pickled under spawn. Not flagged: a thread pool (nothing is pickled), an executor whose kind
the code does not state (``executor: Executor``), a bound method (picklable when its object
is), a module-level function, and a method or a decorated function of another file that
wraps a pool.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.bindings import FUNCTIONS, Scope
from advisor.lint.callees import source_name, tail
from advisor.lint.checks.base import MODULE, Check, FileContext, register
from advisor.lint.checks.helpers import own_nodes
from advisor.lint.checks.receivers import receiver_class

_PARTIAL = frozenset({"functools.partial"})


@register
class UnpicklableTarget(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV111",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        #: the process pools, as a class (annotation) and as an instance (qualified call)
        self.pools = frozenset(calls["process_pools"])
        self.instances = frozenset(f"{name}()" for name in self.pools)
        #: the pool methods that take the function first
        self.methods = frozenset(calls["process_pool_methods"])
        #: process classes whose `target=` (or second positional argument) runs in the child
        self.processes = frozenset(calls["process_targets"])
        self.process_tails = frozenset(name.rpartition(".")[2] for name in self.processes)
        self.tails = self.methods | self.process_tails | {"run_in_executor"}
        #: per def of the file (by id): the parameter it hands to a process pool, or None
        self.wrappers: dict[int, tuple[str, str] | None] = {}
        #: calls handing an unpicklable function to something else: (call, frame, where it
        #: is given -> how it is written), decided in `finish` against the file's wrappers
        self.pending: list[tuple[ast.Call, Any, dict[int | str, tuple[str, str]]]] = []

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        if ctx.frame.kind == MODULE:
            return  # a module-level lambda handed over: ADV108's script, and rare
        handed = self._handed(node)
        if handed:
            for value, pool in handed:
                what = self._unpicklable(value)
                if what is not None:
                    ctx.report("ADV111", node, how=what[0], name=what[1], pool=pool)
                    break
            return
        if not isinstance(node.func, (ast.Name, ast.Attribute)):
            return
        given: dict[int | str, tuple[str, str]] = {
            index: what
            for index, arg in enumerate(node.args)
            if (what := self._unpicklable(arg)) is not None
        }
        given.update(
            (keyword.arg, what)
            for keyword in node.keywords
            if keyword.arg and (what := self._unpicklable(keyword.value)) is not None
        )
        if given:
            self.pending.append((node, ctx.frame, given))

    def finish(self) -> None:
        """The calls that hand an unpicklable function to a def of the file, decided once
        every def was walked (a wrapper may be written below its caller)."""
        ctx = self.ctx
        frame, scope = ctx.frame, ctx.scope
        try:
            for node, at, given in self.pending:
                ctx.frame, ctx.scope = at, at.scope
                wrapped = self._wrapped(node)
                if wrapped is None:
                    self._foreign(node, given)  # perhaps another file's wrapper
                    continue
                key, pool = wrapped
                if key in given:
                    how, name = given[key]
                    ctx.report("ADV111", node, how=how, name=name, pool=pool)
            self._module_wrappers()
        finally:
            ctx.frame, ctx.scope = frame, scope

    def _foreign(self, node: ast.Call, given: dict[int | str, tuple[str, str]]) -> None:
        """A call of another module's function (imported by name or through its module)
        handing it an unpicklable function: kept for the join with that module's wrappers
        (`pickled_across`, ``pc``): line, column, the callee's dotted name, what is given
        where (``[position or keyword, how, name]``), the callee as written."""
        ctx = self.ctx
        if not isinstance(node.func, (ast.Name, ast.Attribute)):
            return
        target = ctx.qualify(node.func)
        if not target or "(" in target or target.startswith(f"{ctx.module}."):
            return
        root: ast.expr = node.func
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name):
            return
        binding = ctx.resolver.lookup(root.id, ctx.scope)
        if binding is None or binding.kind != "import":
            return  # a local, a parameter, a builtin: no module's wrapper for certain
        if any(isinstance(a, ast.Starred) for a in node.args):
            return
        handed = [[key, how, name] for key, (how, name) in given.items()]
        ctx.memo.setdefault("pickled_calls", []).append(
            [node.lineno, node.col_offset + 1, target, handed, source_name(node.func)]
        )

    def _module_wrappers(self) -> None:
        """The module's functions that hand a parameter to a process pool or a new process
        (``parmap(f, X)`` starting ``Process(target=_worker, args=(f, ...))``), kept for the
        other files' calls (`pickled_across`, ``pk``): the dotted name, the parameter's
        position (None when keyword-only), its name, the pool as written."""
        ctx = self.ctx
        resolver = ctx.resolver
        kept: list[list[Any]] = []
        for name, binding in resolver.bindings(resolver.module_scope).items():
            node = binding.node
            if binding.kind != "def" or not isinstance(node, FUNCTIONS):
                continue
            if binding.target != f"{ctx.module}.{name}" or node.decorator_list:
                continue
            wrapper = self._wrapper(node)
            if wrapper is None:
                continue
            param, pool = wrapper
            positional = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
            index = positional.index(param) if param in positional else None
            kept.append([binding.target, index, param, pool])
        if kept:
            ctx.memo["pickled_wrappers"] = kept

    # ---- where a function goes to another process -----------------------------------------
    def _handed(self, node: ast.Call) -> list[tuple[ast.expr, str]]:
        """The functions *node* hands to a process pool or a new process, each with the pool
        as written; empty when it hands none. A new process takes its ``target`` and the
        items of its ``args`` (a tuple or list written there): the spawn and forkserver
        start methods pickle both for the child (atmospheric_correction#12's ``parmap`` sent
        its function to each worker as ``args=(f, q_in, q_out)``)."""
        func = node.func
        name = tail(func)
        if isinstance(func, ast.Attribute) and name in self.methods:
            if self._is_pool(func.value):
                first = node.args[0] if node.args else _keyword(node, "fn", "func")
                if first is not None:
                    return [(first, source_name(func.value))]
        elif isinstance(func, ast.Attribute) and name == "run_in_executor":
            if len(node.args) >= 2 and self._is_pool(node.args[0]):
                return [(node.args[1], source_name(node.args[0]))]
        elif name in self.process_tails and self.ctx.qualify(func) in self.processes:
            shown = source_name(func)
            target = _keyword(node, "target")
            if target is None and len(node.args) >= 2:
                target = node.args[1]
            handed = [(target, shown)] if target is not None else []
            args = _keyword(node, "args")
            if args is None and len(node.args) >= 4:
                args = node.args[3]
            if isinstance(args, (ast.Tuple, ast.List)):
                handed.extend((item, shown) for item in args.elts)
            return handed
        return []

    def _is_pool(self, receiver: ast.expr) -> bool:
        ctx = self.ctx
        if ctx.qualify(receiver) in self.instances:
            return True
        if isinstance(receiver, ast.Name) and self._entered_pool(receiver.id):
            return True
        return receiver_class(ctx, receiver, frozenset()) in self.pools

    def _entered_pool(self, name: str) -> bool:
        """``with ProcessPoolExecutor() as pool:`` in the function the walk is in."""
        for node in own_nodes(self.ctx.frame.node):
            if isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    var = item.optional_vars
                    if (
                        isinstance(var, ast.Name)
                        and var.id == name
                        and isinstance(item.context_expr, ast.Call)
                        and self.ctx.qualify(item.context_expr) in self.instances
                    ):
                        return True
        return False

    # ---- one call away: a def of the file that hands its parameter to a pool --------------
    def _wrapped(self, node: ast.Call) -> tuple[int | str, str] | None:
        """``self._map(func, items)`` where ``_map`` (a method of the class, or a function
        of the file) hands its parameter ``func`` to a process pool: where *node* gives that
        parameter (its position, or its keyword), and the wrapper and pool as written."""
        ctx = self.ctx
        func = node.func
        target: ast.AST | None = None
        skip_self = False
        if isinstance(func, ast.Name):
            binding = ctx.resolver.lookup(func.id, ctx.scope)
            if binding is not None and binding.kind == "def":
                target = binding.node
        elif (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and ctx.frame.cls is not None
            and func.value.id == ctx.frame.self_name
        ):
            target = _method(ctx.frame.cls[1], func.attr)
            skip_self = True
        if not isinstance(target, FUNCTIONS):
            return None
        wrapper = self._wrapper(target)
        if wrapper is None:
            return None
        param, pool = wrapper
        shown = f"{source_name(func)} -> {pool}"
        if any(k.arg == param for k in node.keywords):
            return param, shown
        params = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
        if skip_self:
            params = params[1:]
        if param not in params:
            return None
        index = params.index(param)
        if any(isinstance(a, ast.Starred) for a in node.args[: index + 1]):
            return None
        return index, shown

    def _wrapper(self, function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, str] | None:
        """The parameter *function* hands to a process pool (its own call, not a nested
        def's), and the pool as written; memoised by the def."""
        key = id(function)
        if key in self.wrappers:
            return self.wrappers[key]
        self.wrappers[key] = None  # a recursive wrapper decides nothing
        frame = self.ctx.frame_of.get(key)
        if frame is None:
            return None
        params = {a.arg for a in (*function.args.posonlyargs, *function.args.args,
                                  *function.args.kwonlyargs)}  # fmt: skip
        ctx = self.ctx
        found: tuple[str, str] | None = None
        saved = ctx.frame, ctx.scope
        ctx.frame, ctx.scope = frame, frame.scope  # the pool is read in the wrapper's scope
        try:
            for node in own_nodes(function):
                if isinstance(node, ast.Call) and tail(node.func) in self.tails:
                    for value, pool in self._handed(node):
                        if isinstance(value, ast.Name) and value.id in params:
                            found = (value.id, pool)
                            break
                    if found is not None:
                        break
        finally:
            ctx.frame, ctx.scope = saved
        self.wrappers[key] = found
        return found

    # ---- what cannot be pickled --------------------------------------------------------------
    def _unpicklable(self, value: ast.expr, hops: int = 2) -> tuple[str, str] | None:
        """What *value* is when it cannot be pickled, as the message's ``how`` key and the
        nested def's name: ``lambda``, ``nested`` (a nested def's name), ``partial_`` of
        either; None otherwise."""
        if isinstance(value, ast.Lambda):
            return "lambda", ""
        if isinstance(value, ast.Name):
            if self._nested_def(value.id):
                return "nested", value.id
            bound = self._bound_once(value.id) if hops else None  # `par = partial(f, ...)`
            return self._unpicklable(bound, hops - 1) if bound is not None else None
        if isinstance(value, ast.Call) and value.args and self.ctx.qualify(value.func) in _PARTIAL:
            inner = self._unpicklable(value.args[0], hops)
            return (f"partial_{inner[0]}", inner[1]) if inner and "_" not in inner[0] else None
        return None

    def _bound_once(self, name: str) -> ast.expr | None:
        """The ``lambda`` or ``functools.partial(...)`` a local of the function the walk is in
        is bound to once (atmospheric_correction#12's ``par = partial(convolve, ...)``
        handed on as ``par``); None for anything else."""
        ctx = self.ctx
        if not isinstance(ctx.scope.node, FUNCTIONS):
            return None
        binding = ctx.resolver.bindings(ctx.scope).get(name)
        if binding is None or binding.kind != "value":
            return None
        node = binding.node
        if isinstance(node, ast.Lambda) or (
            isinstance(node, ast.Call) and ctx.qualify(node.func) in _PARTIAL
        ):
            return node
        return None

    def _nested_def(self, name: str) -> bool:
        """Whether *name*, read where the walk is, is a ``def`` made inside a function."""
        ctx = self.ctx
        scope: Scope | None = ctx.scope
        while scope is not None:
            binding = ctx.resolver.bindings(scope).get(name)
            if binding is not None:
                return (
                    binding.kind == "def"
                    and isinstance(binding.node, FUNCTIONS)
                    and isinstance(scope.node, FUNCTIONS)
                )
            scope = scope.parent
        return False


def _keyword(node: ast.Call, *names: str) -> ast.expr | None:
    for keyword in node.keywords:
        if keyword.arg in names:
            return keyword.value
    return None


def _method(cls: ast.ClassDef, name: str) -> ast.AST | None:
    for item in cls.body:
        if isinstance(item, FUNCTIONS) and item.name == name:
            return item
    return None
