"""``getaddrinfo`` that cannot query DNS, for the blocking table's ``numeric_host``.

``socket.getaddrinfo(host, ...)`` only asks a resolver for a *name*: given an address written
in digits (``"192.0.2.1"``, ``"ff02::c"``) it parses it in C and returns at once, and with
``AI_NUMERICHOST`` among its flags a name is an error, never a lookup. The host is numeric here
when the code says so:

- a literal IP address (or ``None``: the local wildcard) at the call;
- ``AI_NUMERICHOST`` in the flags, written at the call or in the one value a name is bound to
  (distributed's ``flags=_NUMERIC_ONLY``, a module constant);
- ``str(x)`` of an address object of the standard ``ipaddress`` module, whose text is always
  the digits: ``x`` built in place (``str(ip_address(value))``), a local of the function bound
  only to such objects, or unpacked from a plain def of the same file every ``return`` of
  which puts one at that position (async-upnp-client's ``get_ssdp_socket``:
  ``target_ip, target_port = ip_port_from_address_tuple(target)`` returns
  ``IPv4Address(...)`` or ``IPv6Address(...)`` first, then ``getaddrinfo(str(target_ip),
  ...)``), or a parameter annotated with these classes only.

Anything else (a parameter without such an annotation, a name bound twice to different kinds,
a helper with another ``return``) may be a host name and is still reported. Asked one call
away too (`harmless.unless_applies`), where the SSDP socket helpers are reached from the
listeners' ``async_start``.
"""

from __future__ import annotations

import ast
import ipaddress
from typing import TYPE_CHECKING

from advisor.lint.callees import tail
from advisor.lint.checks.helpers import own_nodes
from advisor.lint.statements import walk

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext

#: The ``ipaddress`` names whose instances (or calls) are addresses written in digits.
_ADDRESSES = frozenset({"ip_address", "IPv4Address", "IPv6Address"})


def numeric_host(ctx: FileContext | None, node: ast.Call) -> bool:
    """Whether the ``getaddrinfo`` call *node* is given a numeric host (the module's doc)."""
    host = (
        node.args[0]
        if node.args
        else next((k.value for k in node.keywords if k.arg == "host"), None)
    )
    if isinstance(host, ast.Constant):
        if host.value is None:
            return True
        if isinstance(host.value, str) and _literal_address(host.value):
            return True
    if ctx is not None and host is not None and _address_text(ctx, host):
        return True
    flags = (
        node.args[5]
        if len(node.args) > 5
        else next((k.value for k in node.keywords if k.arg == "flags"), None)
    )
    if isinstance(flags, ast.Name) and ctx is not None:
        values = ctx.resolver.assigned(flags, ctx.scope)
        if values and len(values) == 1:
            flags = values[0]
    return flags is not None and any(
        isinstance(n, (ast.Name, ast.Attribute)) and tail(n) == "AI_NUMERICHOST"
        for n in walk(flags)
    )


def _literal_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _address_text(ctx: FileContext, host: ast.expr) -> bool:
    """``str(x)`` where *x* is an ``ipaddress`` address object."""
    if not (
        isinstance(host, ast.Call)
        and isinstance(host.func, ast.Name)
        and host.func.id == "str"
        and len(host.args) == 1
        and not host.keywords
    ):
        return False
    return _address(ctx, host.args[0])


def _is_address_class(ctx: FileContext, expr: ast.expr) -> bool:
    qualified = ctx.qualify(expr)
    return qualified is not None and qualified in {f"ipaddress.{n}" for n in _ADDRESSES}


def _address(ctx: FileContext, expr: ast.expr) -> bool:
    """*expr* is an address object: built in place, or a local bound only to such objects."""
    if isinstance(expr, ast.Call):
        return _is_address_class(ctx, expr.func)
    if not isinstance(expr, ast.Name):
        return False
    function = ctx.frame.node
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    name = expr.id
    arguments = function.args
    for arg in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs):
        if arg.arg == name:
            return arg.annotation is not None and _annotated_address(ctx, arg.annotation)
    found = False
    for node in own_nodes(function):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                verdict = _bound(ctx, target, node.value, name)
                if verdict is False:
                    return False
                found = found or verdict is True
        elif isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor, ast.withitem)):
            bound = node.target if not isinstance(node, ast.withitem) else node.optional_vars
            if bound is not None and any(
                isinstance(n, ast.Name) and n.id == name for n in walk(bound)
            ):
                return False
        elif isinstance(node, ast.NamedExpr) and node.target.id == name:
            return False
    return found


def _bound(ctx: FileContext, target: ast.expr, value: ast.expr | None, name: str) -> bool | None:
    """What one assignment says of *name*: True (an address), False (something else, or not
    known), None (it does not bind *name*)."""
    if isinstance(target, ast.Name):
        if target.id != name:
            return None
        return value is not None and isinstance(value, ast.Call) and _address(ctx, value)
    if isinstance(target, (ast.Tuple, ast.List)):
        for index, element in enumerate(target.elts):
            if isinstance(element, ast.Name) and element.id == name:
                return value is not None and _returned_at(ctx, value, index)
            if any(isinstance(n, ast.Name) and n.id == name for n in walk(element)):
                return False
    return None


def _returned_at(ctx: FileContext, value: ast.expr, index: int) -> bool:
    """*value* calls a plain def of this file every ``return`` of which is a tuple holding an
    address object at *index*."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
        return False
    binding = ctx.resolver.lookup(value.func.id, ctx.scope)
    helper = binding.node if binding is not None and binding.kind == "def" else None
    if not isinstance(helper, ast.FunctionDef):
        return False
    returns = [n for n in own_nodes(helper) if isinstance(n, ast.Return)]
    if not returns:
        return False
    for returned in returns:
        item = returned.value
        if not (isinstance(item, ast.Tuple) and len(item.elts) > index):
            return False
        built = item.elts[index]
        if not (isinstance(built, ast.Call) and _is_address_class(ctx, built.func)):
            return False
    return True


def _annotated_address(ctx: FileContext, annotation: ast.expr) -> bool:
    """An annotation naming address classes only (``IPv4Address | IPv6Address``)."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _annotated_address(ctx, annotation.left) and _annotated_address(
            ctx, annotation.right
        )
    return _is_address_class(ctx, annotation)
