"""ADV102: a coroutine method of a known async connection called without ``await``.

A connection an async library opens (websockets' ``connect``, aiohttp's ``ws_connect``) has
coroutine methods (``send``, ``recv``, ``close``) whose call, thrown away as a statement, only
creates a coroutine object: nothing is sent. The connection's type is read where the code
opens it, ``async with websockets.connect(url) as ws`` or ``ws = await websockets.connect(url)``
(calls.yaml ``async_connections``: the factories and their coroutine methods), and followed to:

- ``ws`` itself, in the function that binds it once;
- ``self.ws`` of a class each of whose methods (nested functions too) assigns it only such a
  connection or ``None``: then a discarded ``self.ws.send(...)`` anywhere in the class is
  reported, in a plain ``def`` too (webex_bot#6: the sync ``_ack_message`` ran
  ``self.websocket.send(...)``, the socket bound in a nested coroutine of ``run()``).

Async file objects are in the same table (``aiofiles.open``, ``anyio.open_file``): a
discarded ``f.close()`` is the same mistake (wiserHomeAssistantPlatform#379). Such a name handed
to a synchronous function that calls its methods as plain ones (calls.yaml
``sync_file_users``: ``json.dump(data, f)`` calls ``f.write``, ``json.load(f)`` calls
``f.read``) makes the coroutines there, never awaited: reported at that call (shenhe_bot#660).

`await_clients` types receivers by annotations; this module by the call that opened them.
Only statements are reported: a coroutine handed on, returned or stored may be awaited.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import source_name
from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.checks.helpers import may_name, own_nodes
from advisor.lint.statements import walk

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@register
class ConnectionCoroutines(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV102",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (
        ast.ClassDef,
        ast.FunctionDef,
        ast.AsyncFunctionDef,
    )

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        table = data["calls"]["async_connections"]
        #: factory (qualified) -> its connection's coroutine methods
        self.factories: dict[str, frozenset[str]] = {
            name: frozenset(entry["methods"]) for name, entry in table.items()
        }
        #: synchronous function (qualified) -> (position, keyword, the method it calls)
        self.users: dict[str, tuple[int | None, str | None, str]] = {
            name: (entry.get("at"), entry.get("keyword"), entry["method"])
            for name, entry in data["calls"]["sync_file_users"].items()
        }
        self.found: dict[tuple[int, int], tuple[ast.Call, str, str, str]] = {}
        #: False when no name of the file can be a factory: then no class or def is read
        #: (every class's methods were walked for nothing, a sixth of a cold scan's profile)
        self.active = may_name(ctx, self.factories)

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        if not self.active:
            return
        if isinstance(node, ast.ClassDef):
            self._class(node)
            return
        assert isinstance(node, _FUNCTIONS)
        openings = self._opened(node)
        if not openings:
            return
        stores: dict[str, int] = {}
        for child in own_nodes(node):
            if isinstance(child, ast.Name) and not isinstance(child.ctx, ast.Load):
                stores[child.id] = stores.get(child.id, 0) + 1
        # a name every binding of which opens the same kind (two `async with aiofiles.open(...)
        # as f:` in a row)
        typed = {
            name: kinds[0]
            for name, kinds in openings.items()
            if stores.get(name) == len(kinds) and len(set(kinds)) == 1
        }
        for child in own_nodes(node):
            if isinstance(child, ast.Expr) and isinstance(child.value, ast.Call):
                func = child.value.func
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                    factory = typed.get(func.value.id)
                    if factory is not None and func.attr in self.factories[factory]:
                        self._found(child.value, node)
            elif isinstance(child, ast.Call):
                self._handed(child, typed)

    def _handed(self, call: ast.Call, typed: dict[str, str]) -> None:
        """*call* hands a typed async file to a synchronous function of ``sync_file_users``
        whose method it calls as a plain one: ``json.dump(data, f)``."""
        user = self.users.get(self.ctx.qualify(call.func) or "")
        if user is None:
            return
        at, keyword, method = user
        handed = [k.value for k in call.keywords if keyword is not None and k.arg == keyword]
        if at is not None and len(call.args) > at:
            handed.append(call.args[at])
        for arg in handed:
            if not isinstance(arg, ast.Name):
                continue
            factory = typed.get(arg.id)
            if factory is not None and method in self.factories[factory]:
                key = (call.lineno, call.col_offset + 1)
                self.found[key] = (call, f"{arg.id}.{method}", "streamed", "streamed")

    def finish(self) -> None:
        taken = {(f[0], f[1]) for f in self.ctx.findings if f[2] == "ADV102"}
        for key, (call, name, how, where) in sorted(self.found.items()):
            if key not in taken:
                self.ctx.report("ADV102", call, call=name, how=how, where=where)

    def _found(self, call: ast.Call, function: ast.AST) -> None:
        where = "async" if isinstance(function, ast.AsyncFunctionDef) else "sync"
        self.found[(call.lineno, call.col_offset + 1)] = (
            call,
            source_name(call.func),
            "discarded",
            where,
        )

    def _factory(self, expr: ast.expr) -> str | None:
        """The table's factory *expr* calls (``websockets.connect(url)``), awaited or not."""
        if isinstance(expr, ast.Await):
            expr = expr.value
        if not isinstance(expr, ast.Call):
            return None
        name = self.ctx.qualify(expr.func)
        return name if name in self.factories else None

    def _opened(self, function: ast.AST) -> dict[str, list[str]]:
        """Names *function* binds to a connection: ``async with F(...) as ws`` and
        ``ws = await F(...)``, each name's factories in order."""
        opened: dict[str, list[str]] = {}
        for child in own_nodes(function):
            if isinstance(child, ast.AsyncWith):
                for item in child.items:
                    factory = self._factory(item.context_expr)
                    if factory and isinstance(item.optional_vars, ast.Name):
                        opened.setdefault(item.optional_vars.id, []).append(factory)
            elif (
                isinstance(child, ast.Assign)
                and len(child.targets) == 1
                and isinstance(child.targets[0], ast.Name)
                and isinstance(child.value, ast.Await)
            ):
                factory = self._factory(child.value)
                if factory:
                    opened.setdefault(child.targets[0].id, []).append(factory)
        return opened

    def _class(self, cls: ast.ClassDef) -> None:
        """``self.ws`` typed by every assignment in the class (``None`` aside) agreeing on one
        factory; then its discarded coroutine calls in every method, nested functions too."""
        kinds: dict[str, set[str | None]] = {}
        functions: list[tuple[ast.AST, str]] = []
        for method in cls.body:
            if not isinstance(method, _FUNCTIONS) or not method.args.args:
                continue
            self_name = method.args.args[0].arg
            for function in walk(method):
                if isinstance(function, _FUNCTIONS):
                    functions.append((function, self_name))
                    self._assigned(function, self_name, kinds)
        typed = {
            attr: next(iter(found))
            for attr, found in kinds.items()
            if len(found) == 1 and None not in found
        }
        if not typed:
            return
        for function, self_name in functions:
            for child in own_nodes(function):
                if not (isinstance(child, ast.Expr) and isinstance(child.value, ast.Call)):
                    continue
                func = child.value.func
                if (
                    isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Attribute)
                    and isinstance(func.value.value, ast.Name)
                    and func.value.value.id == self_name
                ):
                    factory = typed.get(func.value.attr)
                    if factory is not None and func.attr in self.factories[factory]:
                        self._found(child.value, function)

    def _assigned(
        self, function: ast.AST, self_name: str, kinds: dict[str, set[str | None]]
    ) -> None:
        """Record what *function* assigns to each ``self.x``: a factory, or ``None`` for a value
        of another kind (the attribute is then unknown); ``= None`` is left out."""
        opened = {name: kinds[-1] for name, kinds in self._opened(function).items()}
        for child in own_nodes(function):
            targets: list[tuple[ast.expr, ast.expr | None]] = []
            if isinstance(child, ast.Assign):
                targets = [(t, child.value) for t in child.targets]
            elif isinstance(child, (ast.AnnAssign, ast.AugAssign)):
                targets = [(child.target, child.value)]
            elif isinstance(child, ast.AsyncWith):
                targets = [
                    (i.optional_vars, i.context_expr) for i in child.items if i.optional_vars
                ]
            for target, value in targets:
                if not (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == self_name
                ):
                    continue
                if isinstance(value, ast.Constant) and value.value is None:
                    continue
                factory: str | None = None
                if isinstance(value, ast.Name):
                    factory = opened.get(value.id)
                elif value is not None:
                    factory = self._factory(value)
                kinds.setdefault(target.attr, set()).add(factory)
