"""What a lazy module-level singleton holds, for the resolver (`names.Resolver._returned`).

``def get_pool(): global _pool; if _pool is None: _pool = ProcessPoolExecutor(); return _pool``
is the common getter of a process-wide object: the function returns a module global that only
``None`` and one constructor ever bind. Its callers hold that object (``pool = get_pool()``,
then ``pool.submit(...).result()``: process-improve#312, a coroutine waiting on a worker
process's future), just as with a getter that returns the constructor's call itself.

Sound as the resolver's other rules are (flow-insensitive): whichever binding ran last, the
global holds ``None`` (the getter replaces it before returning) or that object. A global bound
anywhere to anything else, bound by a statement other than a plain assignment (a ``for``, an
import, a ``del``), or a getter without its ``global`` statement, leaves the type unknown.
"""

from __future__ import annotations

import ast
from typing import Protocol

from advisor.lint.bindings import Scope
from advisor.lint.statements import walk


class _Qualifier(Protocol):
    module_scope: Scope

    def qualify(self, expr: ast.AST, scope: Scope, depth: int = ...) -> str | None: ...


def lazy_singleton(
    resolver: _Qualifier, getter: ast.FunctionDef, name: str, depth: int
) -> str | None:
    """The object (``"concurrent.futures.ProcessPoolExecutor()"``) the module global *name*,
    returned by *getter*, holds when every binding of it is ``None`` or that one call."""
    if not any(type(n) is ast.Global and name in n.names for n in walk(getter)):
        return None
    module = resolver.module_scope.node
    if not isinstance(module, ast.Module):
        return None
    values: list[ast.expr] = []
    for statement in module.body:
        if not _bindings(statement, name, values):
            return None
    for function in walk(module):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if any(type(n) is ast.Global and name in n.names for n in walk(function)):
            for node in walk(function):
                if isinstance(node, ast.stmt) and not _bindings(node, name, values, deep=False):
                    return None
    calls = [v for v in values if not (type(v) is ast.Constant and v.value is None)]
    if not calls or any(type(v) is not ast.Call for v in calls):
        return None
    found = {resolver.qualify(v, resolver.module_scope, depth + 1) for v in calls}
    if len(found) != 1:
        return None
    typed = found.pop()
    return typed if typed is not None and typed.endswith("()") else None


def _bindings(statement: ast.stmt, name: str, values: list[ast.expr], deep: bool = True) -> bool:
    """Add to *values* what *statement* assigns to *name*; False when it binds the name some
    other way (a ``for`` target, an import, ``del``, an augmented or unpacking assignment)."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return statement.name != name
    if type(statement) is ast.Assign:
        for target in statement.targets:
            if type(target) is ast.Name and target.id == name:
                values.append(statement.value)
            elif name in {n.id for n in walk(target) if type(n) is ast.Name}:
                return False
        return True
    if type(statement) is ast.AnnAssign:
        target = statement.target
        if type(target) is ast.Name and target.id == name and statement.value is not None:
            values.append(statement.value)
        return True
    if isinstance(statement, (ast.AugAssign, ast.For, ast.AsyncFor)):
        target = statement.target
        return name not in {n.id for n in walk(target) if type(n) is ast.Name}
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return all((a.asname or a.name).partition(".")[0] != name for a in statement.names)
    if type(statement) is ast.Delete:
        return name not in {n.id for t in statement.targets for n in walk(t) if type(n) is ast.Name}
    if deep and isinstance(statement, (ast.If, ast.Try, ast.With)):
        for child in ast.iter_child_nodes(statement):
            if isinstance(child, ast.stmt) and not _bindings(child, name, values):
                return False
    return True
