"""For ADV101 one call away (`reach.py`, `reach_chains.py`): an attribute a library's generic
base class types by its type argument.

``class MikrotikEntity(CoordinatorEntity[_CoordinatorT])``, with ``_CoordinatorT =
TypeVar("_CoordinatorT", bound=MikrotikCoordinator | MikrotikTrackerCoordinator)``: Home
Assistant's ``CoordinatorEntity`` stores the coordinator its constructor is handed as
``self.coordinator``, and its type parameter is that coordinator's type. So
``self.coordinator.set_value(...)`` in a switch deriving from ``MikrotikEntity`` (another
module) is ``MikrotikCoordinator.set_value``, a plain method that talks to the router
synchronously (ha-mikrotik-extended, hacs/default#8500). Neither the entity's assignments nor
its annotations say so: the library's contract does. Which attribute which type parameter of
which class types is data (calls.yaml ``framework_attributes``: an attribute's ``generic``,
the owner class -> the parameter's position).

Per file (`record`): each class whose own bases subscript such an owner -> the attribute -> the
scan's classes the argument names (a class, a union of classes, ``Optional``, a string, or a
``TypeVar`` of the module with a ``bound=`` of those; a TypeVar with constraints or no bound
names nothing). After the scan (`resolve`): ``g:<class>:<attribute>:<method>``, a coroutine's or
a plain def's call on the attribute, is the method of the first of those classes, found from
the calling class up its bases in any module, that defines it (`reach_chains.canonical`). An
attribute the class or a base assigns itself is not typed by this (an assignment wins in
Python, and `receivers` reads those).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from functools import lru_cache

from advisor.lint._data import bundle
from advisor.lint.callees import tail
from advisor.lint.checks.base import FileContext
from advisor.lint.checks.receivers import annotation_class

#: The qualified names of ``typing.TypeVar``.
_TYPEVARS = frozenset({"typing.TypeVar", "typing_extensions.TypeVar"})


@lru_cache(maxsize=1)
def _owners() -> dict[str, list[tuple[int, str]]]:
    """Owner class -> [(type parameter's position, attribute)] (calls.yaml
    ``framework_attributes``' ``generic``)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for attribute, entry in bundle()["calls"]["framework_attributes"].items():
        for owner, place in (entry.get("generic") or {}).items():
            found.setdefault(owner, []).append((int(place), attribute))
    return found


def attributes() -> frozenset[str]:
    """The attributes some library's generic base types (``coordinator``)."""
    return frozenset(a for pairs in _owners().values() for _p, a in pairs)


def record(ctx: FileContext) -> dict[str, dict[str, list[str]]]:
    """The module's classes -> attribute -> the scan's classes their generic bases type it
    with (``ga`` facts)."""
    owners = _owners()
    resolver = ctx.resolver
    found: dict[str, dict[str, list[str]]] = {}
    for binding in resolver.bindings(resolver.module_scope).values():
        node = binding.node
        if binding.kind != "class" or not isinstance(node, ast.ClassDef):
            continue
        for base in node.bases:
            if not isinstance(base, ast.Subscript):
                continue
            pairs = owners.get(ctx.qualify(base.value) or "")
            if not pairs:
                continue
            arguments = base.slice.elts if isinstance(base.slice, ast.Tuple) else [base.slice]
            for place, attribute in pairs:
                if place < len(arguments):
                    classes = _classes(ctx, arguments[place])
                    if classes:
                        found.setdefault(binding.target, {})[attribute] = classes
    return found


def _classes(ctx: FileContext, argument: ast.expr) -> list[str]:
    """The scan's classes a type argument names: a class, a union, a TypeVar's bound."""
    scope = ctx.resolver.module_scope
    if isinstance(argument, ast.Name):
        binding = ctx.resolver.bindings(scope).get(argument.id)
        value = binding.node if binding is not None and binding.kind == "value" else None
        if isinstance(value, ast.Call) and ctx.qualify(value.func) in _TYPEVARS:
            if len(value.args) > 1:
                return []  # constrained: one of several types, none of them said
            bound = next((k.value for k in value.keywords if k.arg == "bound"), None)
            return _union(ctx, bound) if bound is not None else []
    return _union(ctx, argument)


def _union(ctx: FileContext, annotation: ast.expr) -> list[str]:
    """``A | B``, ``Union[A, B]``, ``A``, ``Optional[A]``, ``"A"``: the scan's classes named."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return [*_union(ctx, annotation.left), *_union(ctx, annotation.right)]
    if (
        isinstance(annotation, ast.Subscript)
        and tail(annotation.value) == "Union"
        and isinstance(annotation.slice, ast.Tuple)
    ):
        return [c for e in annotation.slice.elts for c in _union(ctx, e)]
    if isinstance(annotation, ast.Constant) and annotation.value is None:
        return []
    found = annotation_class(ctx, annotation, ctx.resolver.module_scope)
    return [found] if found else []


def target(ctx: FileContext, func: ast.expr) -> str | None:
    """``g:<class>:<attribute>:<method>`` for ``self.<attribute>.<method>(...)`` in a method,
    when some library's generic base types the attribute (`attributes`)."""
    frame = ctx.frame
    if frame.cls is None or not frame.self_name or not isinstance(func, ast.Attribute):
        return None
    receiver = func.value
    if (
        isinstance(receiver, ast.Attribute)
        and isinstance(receiver.value, ast.Name)
        and receiver.value.id == frame.self_name
        and receiver.attr in attributes()
    ):
        return f"g:{frame.cls[0]}:{receiver.attr}:{func.attr}"
    return None


def resolve(
    written: str,
    typed: Mapping[str, Mapping[str, list[str]]],
    bases: Mapping[str, list[str]],
    aliases: Mapping[str, str],
    defines: Callable[[str], bool],
) -> str | None:
    """``q:<class>.<method>`` for a ``g:`` target: the first class the nearest generic base
    (from the calling class up its bases, a few levels) types the attribute with whose method
    *defines* says is the scan's; None when no base types it or none defines it."""
    cls, attribute, method = written[2:].split(":", 2)
    classes = typed_by(cls, attribute, typed, bases, aliases)
    return next((f"q:{c}.{method}" for c in classes if defines(f"{c}.{method}")), None)


def typed_by(
    cls: str,
    attribute: str,
    typed: Mapping[str, Mapping[str, list[str]]],
    bases: Mapping[str, list[str]],
    aliases: Mapping[str, str],
    *,
    unread: Callable[[str], None] | None = None,
) -> list[str]:
    """The classes the nearest generic base of *cls* (itself, then up its bases a few levels,
    through a package's re-exports) types *attribute* with; *unread* is told each class on the
    way whose bases the facts do not hold yet (`crossfile` wants its file read)."""
    queue, seen = [cls], {cls}
    for _level in range(6):
        following: list[str] = []
        for written in queue:
            name = written
            for _hop in range(4):  # a class imported through a package's re-export
                if name in typed or name in bases or name not in aliases:
                    break
                name = aliases[name]
            classes = typed.get(name, {}).get(attribute)
            if classes:
                return list(classes)
            if unread is not None and name not in bases:
                unread(name)
            for base in bases.get(name, ()):
                if base not in seen:
                    seen.add(base)
                    following.append(base)
        queue = following
    return []
