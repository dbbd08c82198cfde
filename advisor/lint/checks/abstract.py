"""Calls through an interface: an abstract method whose implementations live in the scan.

Code written around dependency injection types a service's collaborator by its interface
(``repository: TaskRepository``, an ``abc.ABC`` or a ``typing.Protocol``) and hands the
concrete class in elsewhere. A call on the collaborator reaches the interface's method, which
has no body worth the name; what runs is one of the scan's subclasses that implement it. So
`reach.resolve` follows such a call into those implementations and names the one that blocks
in the chain (taskdog#962: an abstract repository whose SQLite subclass runs queries).

Only methods that are certainly abstract count: decorated ``@abstractmethod``, or in a
``Protocol`` class a body of nothing but a docstring, ``...``, ``pass`` or
``raise NotImplementedError``. An ordinary method that a subclass overrides is left alone:
the base's own body is what the code says runs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping

from advisor.lint.callees import tail
from advisor.lint.names import Resolver

_ABSTRACT_DECORATORS = frozenset({"abstractmethod"})
_PROTOCOLS = frozenset({"typing.Protocol", "typing_extensions.Protocol"})


def abstract_methods(resolver: Resolver) -> list[str]:
    """``module.Cls.method`` for every abstract method of the module's top-level classes."""
    found: list[str] = []
    scope = resolver.module_scope
    for binding in resolver.bindings(scope).values():
        node = binding.node
        if binding.kind != "class" or not isinstance(node, ast.ClassDef):
            continue
        protocol = any(resolver.qualify(b, scope) in _PROTOCOLS for b in node.bases)
        for item in node.body:
            if not isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            decorated = any(tail(d) in _ABSTRACT_DECORATORS for d in item.decorator_list)
            if decorated or (protocol and not item.decorator_list and _empty(item)):
                found.append(f"{binding.target}.{item.name}")
    return found


def protocol_members(resolver: Resolver) -> dict[str, list[str]]:
    """``module.Proto`` -> the methods it declares, for the module's ``Protocol`` classes with
    two or more: a class implements one by shape, without naming it as a base (PEP 544), so
    `implementations` also takes the scan's classes that define every one of them. A one-method
    Protocol is a callback's type, whose method name many unrelated classes share (prefect's
    ``WorkerCleanupHandler.cleanup`` and a zip builder's ``cleanup``): left to subclasses."""
    found: dict[str, list[str]] = {}
    scope = resolver.module_scope
    for binding in resolver.bindings(scope).values():
        node = binding.node
        if binding.kind != "class" or not isinstance(node, ast.ClassDef):
            continue
        if any(resolver.qualify(b, scope) in _PROTOCOLS for b in node.bases):
            methods = sorted(
                {
                    item.name
                    for item in node.body
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and not item.name.startswith("__")
                }
            )
            if len(methods) > 1:
                found[binding.target] = methods
    return found


def _empty(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A body that does nothing: a docstring, ``...``, ``pass``, ``raise NotImplementedError``."""
    for stmt in function.body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        if isinstance(stmt, ast.Raise) and stmt.exc is not None:
            exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
            if tail(exc) == "NotImplementedError":
                continue
        return False
    return True


def implementations(
    name: str,
    abstract: frozenset[str],
    bases: Mapping[str, Iterable[str]],
    aliases: Mapping[str, str],
    defs: Mapping[str, object],
    *,
    protocols: Mapping[str, Iterable[str]] | None = None,
    own_methods: Mapping[str, Iterable[str]] | None = None,
) -> list[str]:
    """The scan's implementations of the abstract method *name* (``pkg.Repo.get_all``) that
    have reasons of their own (in *defs*): ``pkg.sqlite.SqliteRepo.get_all``, sorted. Its
    subclasses are found through *bases* (class -> its bases, maybe spelt through a
    re-export, resolved by *aliases*), a few levels down. A ``Protocol``'s method (in
    *protocols*, with the methods it declares) with no subclass implementing it is also
    implemented by shape: by every class of the scan (*own_methods*) that defines all the
    Protocol's methods itself (soma-smart/le-coffre#254: repositories typed by a Protocol
    gateway, whose SQL classes never name it)."""
    owner, _, method = name.rpartition(".")
    for _hop in range(4):  # the interface imported through a package's re-export
        if f"{owner}.{method}" in abstract or owner not in aliases or aliases[owner] == owner:
            break
        owner = aliases[owner]
    name = f"{owner}.{method}"
    if name not in abstract:
        return []
    owner, _, method = name.rpartition(".")
    children: dict[str, list[str]] = {}
    for cls, named in bases.items():
        for written in named:
            base = written
            for _hop in range(4):
                if base not in aliases or aliases[base] == base:
                    break
                base = aliases[base]
            children.setdefault(base, []).append(cls)
    found: list[str] = []
    queue, seen = [owner], {owner}
    for _level in range(3):
        following: list[str] = []
        for cls in queue:
            for child in children.get(cls, ()):
                if child in seen:
                    continue
                seen.add(child)
                if f"{child}.{method}" in defs:
                    found.append(f"{child}.{method}")
                else:
                    following.append(child)
        queue = following
    if not found and protocols and own_methods and owner in protocols:
        wanted = set(protocols[owner])
        found = [
            f"{cls}.{method}"
            for cls, methods in own_methods.items()
            if cls != owner and f"{cls}.{method}" in defs and wanted <= set(methods)
        ]
    return sorted(found)
