"""ADV102: a coroutine method of an async client library called without ``await``.

The scan cannot see a library's source, but the popular async client libraries are known:
every method of python-telegram-bot's ``Bot`` (v20 and later) is a coroutine, so are
aiogram's, pyrogram's and Telethon's client methods, discord.py's ``ctx.send`` and
``interaction.response.send_message``. A table (calls.yaml ``async_clients``, grown from real
fixed bugs) names those classes and methods; the receiver's class is read where the code states
it: a parameter annotated with the class (``bot: Bot``, ``Bot | None``, ``"Bot"``), never
rebound, an attribute path the table knows from such a parameter (``context.bot`` of
``context: ContextTypes.DEFAULT_TYPE``), and a local bound once to one of those
(``bot = context.bot``: telegram-click#101, ``member = bot.getChatMember(...)`` then
``member.status``).

Reported when the coroutine is thrown away, used as a condition, returned from a coroutine,
or bound to a name that is never awaited and is read as if it were the result (an attribute or
an item, a condition, a comparison) or never read; a coroutine handed on (to ``gather``,
``create_task``, a list, any call) is left alone. A library's synchronous era is spotted from
the file (calls.yaml ``sync_eras``: python-telegram-bot v13's ``Dispatcher``, ``Filters``,
``use_context=``), and such a file is not checked for that library.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import source_name
from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.checks.framework_params import contract_types
from advisor.lint.checks.helpers import caught_names, own_nodes
from advisor.lint.checks.receivers import annotation_class
from advisor.lint.statements import walk

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def is_coroutine_method(entry: dict[str, Any], method: str) -> bool:
    """Whether the table *entry* of a class says ``method`` is a coroutine."""
    if method.startswith("_") or method in entry.get("sync", ()):
        return False
    if entry.get("all"):
        return True
    if method in entry.get("methods", ()):
        return True
    return any(method.startswith(p) for p in entry.get("prefixes", ()))


def sync_era(tree: ast.Module, eras: dict[str, Any]) -> set[str]:
    """The libraries whose synchronous era the file shows (calls.yaml ``sync_eras``): an import
    of a name only that era has, a call given one of its keywords (``use_context=``), or a read
    of an attribute only that era has (``updater.dispatcher``: v13 code imports ``Updater``
    alone and reads its dispatcher, and ``use_context`` defaults to true since v12)."""
    found: set[str] = set()
    tried = _tried_imports(tree)
    for node in walk(tree):
        if id(node) in tried:
            continue  # `try: from telegram.ext import Filters` / `except ImportError:` (both eras)
        if isinstance(node, ast.Attribute):
            for library, era in eras.items():
                if node.attr in era.get("attributes", ()):
                    found.add(library)
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.Call):
            for library, era in eras.items():
                if any(k.arg in era.get("keywords", ()) for k in node.keywords):
                    found.add(library)
            continue
        else:
            continue
        for library, era in eras.items():
            if any(n in era.get("imports", ()) for n in names):
                found.add(library)
    return found


def _tried_imports(tree: ast.Module) -> set[int]:
    """Ids of the imports in the body of a ``try`` that catches ``ImportError`` (or
    ``ModuleNotFoundError``): code written for both eras tries the old name and falls back,
    so that import shows no era."""
    found: set[int] = set()
    for node in walk(tree):
        if not isinstance(node, ast.Try):
            continue
        caught = {name for handler in node.handlers for name in caught_names(handler)}
        if caught & {"ImportError", "ModuleNotFoundError"}:
            found.update(id(s) for s in node.body if isinstance(s, ast.Import | ast.ImportFrom))
    return found


@register
class ClientCoroutines(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV102",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.AsyncFunctionDef,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        self.clients: dict[str, dict[str, Any]] = calls.get("async_clients", {})
        self.paths: dict[str, dict[str, str]] = calls.get("async_client_paths", {})
        self.eras: dict[str, Any] = calls.get("sync_eras", {})
        self.contracts: list[dict[str, Any]] = calls.get("framework_parameters", [])
        self.synchronous: set[str] | None = None
        self.found: list[tuple[ast.Call, str]] = []

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.AsyncFunctionDef)
        types = self._typed_names(node)
        if not types:
            return
        if self.synchronous is None:
            self.synchronous = sync_era(self.ctx.tree, self.eras)
        parents: dict[int, ast.AST] = {}
        for child in own_nodes(node):
            for sub in ast.iter_child_nodes(child):
                parents[id(sub)] = child
        for child in own_nodes(node):
            if not isinstance(child, ast.Call) or not isinstance(child.func, ast.Attribute):
                continue
            owner = self._type_of(child.func.value, types)
            entry = self.clients.get(owner or "")
            if entry is None or entry.get("library") in self.synchronous:
                continue
            if not is_coroutine_method(entry, child.func.attr):
                continue
            how = _unawaited(node, child, parents)
            if how is not None:
                self.found.append((child, how))

    def finish(self) -> None:
        taken = {(f[0], f[1]) for f in self.ctx.findings if f[2] == "ADV102"}
        for call, how in self.found:
            if (call.lineno, call.col_offset + 1) in taken:
                continue
            call_name = source_name(call.func)
            self.ctx.report("ADV102", call, call=call_name, how=how, where="async")

    def _typed_names(self, function: ast.AsyncFunctionDef) -> dict[str, str]:
        """Parameters annotated with a class of the tables and never rebound, then locals bound
        once to a typed expression (``bot = context.bot``)."""
        ctx = self.ctx
        scope = ctx.scope
        stores: dict[str, list[ast.AST]] = {}
        for child in own_nodes(function):
            if isinstance(child, ast.Name) and not isinstance(child.ctx, ast.Load):
                stores.setdefault(child.id, []).append(child)
        types = {
            name: owner
            for name, owner in contract_types(ctx, function, self.contracts).items()
            if name not in stores
        }
        args = function.args
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            if arg.annotation is None or arg.arg in stores:
                continue
            owner = annotation_class(ctx, arg.annotation, scope, frozenset())
            if owner in self.clients or owner in self.paths:
                types[arg.arg] = owner
        if not types:
            return types
        for child in own_nodes(function):
            if (
                isinstance(child, ast.Assign)
                and len(child.targets) == 1
                and isinstance(child.targets[0], ast.Name)
                and len(stores.get(child.targets[0].id, ())) == 1
            ):
                owner = self._type_of(child.value, types)
                if owner is not None:
                    types[child.targets[0].id] = owner
        return types

    def _type_of(self, expr: ast.expr, types: dict[str, str]) -> str | None:
        if isinstance(expr, ast.Name):
            return types.get(expr.id)
        if isinstance(expr, ast.Attribute):
            owner = self._type_of(expr.value, types)
            if owner is not None:
                return self.paths.get(owner, {}).get(expr.attr)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and not expr.args:
            owner = self._type_of(expr.func.value, types)  # `update.get_bot()`
            if owner is not None:
                return self.paths.get(owner, {}).get(expr.func.attr)
        return None


def _unawaited(
    function: ast.AsyncFunctionDef, call: ast.Call, parents: dict[int, ast.AST]
) -> str | None:
    """How the coroutine of *call* is lost (a key of ADV102's ``how``), or None when it is
    awaited or handed on."""
    parent = parents.get(id(call))
    if isinstance(parent, ast.Expr):
        return "discarded"
    if isinstance(parent, ast.Return):
        return "returned"
    if isinstance(parent, (ast.If, ast.While, ast.IfExp)) and parent.test is call:
        return "condition"
    if (
        isinstance(parent, ast.Assign)
        and len(parent.targets) == 1
        and isinstance(parent.targets[0], ast.Name)
    ):
        return _bound_use(function, parent.targets[0].id, parents)
    return None


def _bound_use(
    function: ast.AsyncFunctionDef, name: str, parents: dict[int, ast.AST]
) -> str | None:
    """``member = bot.get_chat_member(...)``: "used" when the name is read as a result, never
    awaited nor handed on; "assigned" when never read; None otherwise."""
    reads = [
        n
        for n in own_nodes(function)
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
    ]
    closures = (*_FUNCTIONS, ast.Lambda)  # `lambda: asyncio.ensure_future(later)` hands it on
    if any(isinstance(n, closures) for n in walk(function) if n is not function):
        nested_reads = any(
            isinstance(n, ast.Name) and n.id == name
            for f in walk(function)
            if f is not function and isinstance(f, (*_FUNCTIONS, ast.Lambda))
            for n in walk(f)
        )
        if nested_reads:
            return None  # a closure may await it
    if not reads:
        return "assigned"
    used = False
    for read in reads:
        parent = parents.get(id(read))
        if (
            (isinstance(parent, (ast.Attribute, ast.Subscript)) and parent.value is read)
            or isinstance(parent, ast.Compare)
            or (isinstance(parent, (ast.If, ast.While, ast.IfExp)) and parent.test is read)
            or (isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not))
        ):
            used = True
        else:
            return None  # awaited, handed on, returned, stored: not decided here
    return "used" if used else None
