"""Name resolution for inference: what a name in user code refers to, without running it.

Per file (per notebook across its cells): every import form and alias
(``import numpy as np``, ``from requests import get``), module-level definitions
shadowing imports, a function's own parameters and assignments shadowing both,
and the class of a local where the code says it (``session: requests.Session``,
``client = httpx.AsyncClient()``). A bare name that is neither imported nor a
builtin resolves to nothing, so a list called ``requests`` is not the library.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator, Mapping
from typing import NamedTuple, TypeGuard

from advisor.evidence.tables import tables

Function = ast.FunctionDef | ast.AsyncFunctionDef
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
BUILTINS = frozenset(dir(builtins))


class Module:
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
        if not isinstance(child, SCOPES):
            stack.extend(ast.iter_child_nodes(child))


class FunctionInfo(NamedTuple):
    """What one walk over a function's own scope finds (one walk: this runs per function)."""

    #: Parameters and names the function assigns: they shadow imports inside it.
    local: frozenset[str]
    #: Names declared ``global``: writes to them are writes to module state.
    globals: frozenset[str]
    #: ``limit = 20`` and parameter defaults: where a bound may be written.
    values: dict[str, ast.expr]
    #: (target, value) of assignments and ``with ... as``: where a local's class is said.
    bindings: list[tuple[ast.expr | None, ast.expr]]
    #: How many loops (statements and comprehensions) the scope has: under two, none is nested.
    loops: int


LOOPS = (ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def function_info(fn: Function) -> FunctionInfo:
    args = fn.args
    names = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    names.update(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    values: dict[str, ast.expr] = {}
    positional = [*args.posonlyargs, *args.args]
    defaults = positional[len(positional) - len(args.defaults) :]
    for arg, default in zip(defaults, args.defaults, strict=True):
        values[arg.arg] = default
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if kw_default is not None:
            values[arg.arg] = kw_default
    declared_global: set[str] = set()
    bindings: list[tuple[ast.expr | None, ast.expr]] = []
    loops = 0
    for node in walk_local(fn):
        if isinstance(node, LOOPS):
            loops += 1
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Global):
            declared_global.update(node.names)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            bindings.append((node.targets[0], node.value))
            if isinstance(node.targets[0], ast.Name):
                values[node.targets[0].id] = node.value
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            bindings.extend((item.optional_vars, item.context_expr) for item in node.items)
    return FunctionInfo(
        frozenset(names - declared_global), frozenset(declared_global), values, bindings, loops
    )


def is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))
    )


def tail(func: ast.expr) -> str | None:
    """The last name of a callee: ``sleep`` for ``time.sleep`` and for ``sleep``."""
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def bind_module(module: Module, tree: ast.Module) -> None:
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
    scope = Scope(module, frozenset())
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
            if _is_class(called):
                module.types.update(dict.fromkeys(names, called))
            if called in tables().containers:
                module.containers.update(names)
            elif called in tables().locks:
                module.locks.update(names)
        if number is not None:
            module.constants.update(dict.fromkeys(names, number))


class Scope:
    """Name resolution at one point: the module's bindings minus the function's locals."""

    def __init__(
        self, module: Module, local: frozenset[str], types: Mapping[str, str] | None = None
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
            if node.id in BUILTINS and node.id not in self.module.defined:
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


def _annotation(scope: Scope, node: ast.expr | None) -> str | None:
    """The class an annotation names: ``httpx.AsyncClient | None`` -> ``httpx.AsyncClient``."""
    while isinstance(node, ast.BinOp):
        node = node.left
    return scope.qualname(node) if node is not None else None


def local_types(scope: Scope, fn: Function, info: FunctionInfo) -> dict[str, str]:
    """What the function's locals hold, where the code says: annotations and constructors."""
    types: dict[str, str] = {}
    args = fn.args
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        annotated = _annotation(scope, arg.annotation)
        if annotated:
            types[arg.arg] = annotated
    resolver = Scope(scope.module, scope.local, types)
    for target, value in info.bindings:
        if isinstance(target, ast.Name) and isinstance(value, ast.Call):
            called = resolver.qualname(value.func)
            if _is_class(called):
                types[target.id] = called
    return types


def _is_class(name: str | None) -> TypeGuard[str]:
    """``requests.Session``, ``httpx.AsyncClient``: a class by Python's naming convention.
    Only instances get a type: ``response = session.get(url)`` is a response, whose
    ``raise_for_status()`` is no second network call."""
    if not name or name in BUILTINS:
        return False
    return name.rsplit(".", 1)[-1][:1].isupper()
