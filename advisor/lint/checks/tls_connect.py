"""ADV101: a connection that builds a fresh default SSL context on the loop at every call.

websockets' ``connect`` on a ``wss://`` URI without ``ssl=``, and asyncio's
``open_connection``/``create_connection`` given ``ssl=True``, each make
``ssl.create_default_context()`` for that one connection, which loads the certificate bundle
from disk on the event loop's thread (hypervolt-charger#72: ``async for websocket in
websockets.connect(url, ...)`` reconnecting; Home Assistant's loop guard says "Detected
blocking call to load_verify_locations"). The calls are a table (calls.yaml
``tls_per_connection``) with the keyword that hands a context in and how a URI is known to be
secure; the clients that build their context once and reuse it (aiohttp, an httpx client's
requests) are not in it. A URI the code does not state (a parameter, configuration, a scheme
chosen at run time) is taken as secure only where the connection is made again and again: in a
loop of the coroutine or iterated by ``async for`` (websockets' reconnecting iterator), where a
service that speaks TLS, as public ones do, pays for a context at every reconnection.

Quiet, as a certificate load is: in start-up code and before a server starts
(`code_kinds`), at module level, in a command-line program's own code and in test code. An
awaited call counts (the ``await`` runs the connection's set-up, context included).
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import source_name
from advisor.lint.checks.base import ASYNC, Check, FileContext, register
from advisor.lint.checks.code_kinds import (
    before_serving,
    one_shot_kind,
    one_shot_quiet,
    startup_code,
)
from advisor.lint.checks.helpers import in_spans, own_nodes, repeating_span, serving_loops

FIX = "tls_connect"


def _prefix(expr: ast.expr) -> str | None:
    """The text a string expression certainly starts with: a literal, the first literal part
    of an f-string, the left side of ``+``; None when not known."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr) and expr.values:
        return _prefix(expr.values[0]) if isinstance(expr.values[0], ast.Constant) else None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _prefix(expr.left)
    return None


def uri_secure(ctx: FileContext, uri: ast.expr | None, secure: str) -> bool | None:
    """Whether the URI starts with *secure*: True when the code states it so (at the call, or
    in a value of a local or attribute the resolver knows), False when every value it states is
    plain, None when it states none (a parameter, configuration, a scheme chosen at run time)."""
    if uri is None:
        return False
    values: list[ast.expr] | None = [uri]
    if isinstance(uri, (ast.Name, ast.Attribute)):
        values = ctx.resolver.assigned(uri, ctx.scope)
    if not values:
        return None
    unknown = False
    for value in values:
        start = _prefix(value)
        if start is None:
            unknown = True
        elif start.lower().startswith(secure):
            return True
    return None if unknown else False


def repeated(function: ast.AST, call: ast.Call) -> bool:
    """Whether *call* runs again and again in *function*: inside a loop of its own body, or
    iterated by ``async for`` (websockets' reconnecting iterator)."""
    for node in own_nodes(function):
        if isinstance(node, ast.AsyncFor) and node.iter is call:
            return True
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            first = node.body[0].lineno
            last = repeating_span(node)[1]  # not the `else`: it runs once
            if first <= call.lineno <= last or (
                isinstance(node, ast.While) and node.test.lineno <= call.lineno < first
            ):
                return True
    return False


def splat_keywords(ctx: FileContext, value: ast.expr) -> dict[str, ast.expr] | None:
    """The keywords a ``**name`` splat hands over, when the code states every one: *name* a
    local bound once to a dict literal of string keys (mill 11's ``connect_args = {"uri": url,
    "headers": headers}``), whose later stores in the function use literal keys too
    (``connect_args["extra_headers"] = connect_args.pop("headers")``); None when not known (a
    parameter, a dict built elsewhere, a key computed or stored through ``update``)."""
    if not isinstance(value, ast.Name):
        return None
    values = ctx.resolver.assigned(value, ctx.scope)
    if not values or len(values) != 1 or not isinstance(values[0], ast.Dict):
        return None
    spelled: dict[str, ast.expr] = {}
    for key, item in zip(values[0].keys, values[0].values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return None  # `**other` inside, or a computed key
        spelled[key.value] = item
    for node in own_nodes(ctx.frame.node):
        if (
            isinstance(node, ast.AugAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == value.id
        ):
            return None  # `connect_args |= extra`
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
            target = node.value
            if isinstance(target, ast.Name) and target.id == value.id:
                key = node.slice
                if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                    return None
                spelled.setdefault(key.value, ast.Constant(value=None))  # stored: not known
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == value.id
            and node.func.attr in {"update", "setdefault", "__setitem__", "__ior__"}
        ):
            return None
    return spelled


def _is_true(value: ast.expr) -> bool:
    """``ssl=True``: the library builds a default context itself, as with no ``ssl=``."""
    return isinstance(value, ast.Constant) and value.value is True


def builds_context(ctx: FileContext, node: ast.Call, entry: dict[str, Any]) -> bool:
    """Whether this call makes a default SSL context of its own (the table's entry)."""
    keywords = node.keywords
    if "flag" in entry:
        return any(
            k.arg == entry["flag"] and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in keywords
        )
    splat: dict[str, ast.expr] = {}
    for k in keywords:
        if k.arg is None:
            spelled = splat_keywords(ctx, k.value)
            if spelled is None:
                return False  # a `**` splat that may carry a context
            splat.update(spelled)
    given = [(k.arg, k.value) for k in keywords if k.arg is not None] + list(splat.items())
    if any(
        arg == entry.get("context") and not (_is_true(value) and "flag" not in entry)
        for arg, value in given
    ):
        return False  # a context given; `ssl=True` is none
    position, name = entry["url"]
    uri = node.args[position] if len(node.args) > position else None
    if uri is None:
        uri = next((value for arg, value in given if arg == name), None)
    if isinstance(uri, ast.Starred):
        return False
    secure = uri_secure(ctx, uri, str(entry["secure"]))
    if secure is None:
        # not stated: public services speak TLS, but only a connection made again and again
        # (a reconnect loop) is taken to be one; a single connection per call is left alone
        return repeated(ctx.frame.node, node)
    return secure


@register
class TlsPerConnection(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.calls = data["calls"]
        self.table: dict[str, dict[str, Any]] = self.calls.get("tls_per_connection", {})
        self.tails = {name.rpartition(".")[2] for name in self.table}
        self.found: list[tuple[ast.AST, ast.Call, str]] = []

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        func = node.func
        if ctx.frame.kind != ASYNC:
            return
        if not isinstance(func, (ast.Name, ast.Attribute)):
            return
        name = func.attr if isinstance(func, ast.Attribute) else func.id
        if name not in self.tails:
            return
        qualified = ctx.qualify(func)
        entry = self.table.get(qualified or "")
        if entry is None or not builds_context(ctx, node, entry):
            return
        shown = f"{source_name(func)}() -> ssl.create_default_context()"
        self.found.append((ctx.frame.node, node, shown))

    def finish(self) -> None:
        ctx, calls = self.ctx, self.calls
        for function, node, shown in self.found:
            if startup_code(ctx, function, calls) or before_serving(
                ctx, function, node.lineno, calls
            ):
                continue
            if one_shot_quiet(one_shot_kind(ctx, function, calls), FIX, calls):
                continue
            ctx.report("ADV101", node, call=shown, fix=FIX)
            # What the rest of the scan may still make quiet, as for a blocking call
            # (`blocking.BlockingCall.finish`): a coroutine only command-line code runs, or one
            # run alone by a program's runner (bittensor-cli's latency test, `checks.sequential`)
            entry: list[Any] = [node.lineno, shown, FIX, ctx.frame_of[id(function)].qualname]
            if in_spans(node.lineno, serving_loops(ctx, function)):
                entry.extend((0, 1))  # in a loop that serves: only the point verdict
            ctx.memo.setdefault("deferred", []).append(entry)
