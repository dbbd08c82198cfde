"""ADV110 on a plain ``def`` registered where the registry awaits what it registers.

denonavr's telnet API (one module) keeps callbacks per event: ``register_callback(event,
callback: Callable[[str, str, str], Awaitable[None]])`` appends ``callback`` to
``self._callbacks[event]``, and the coroutine ``_run_callbacks`` does ``await callback(zone,
event, parameter)`` for each. The device, volume and sound-mode classes (other modules) each
registered a plain method, ``register_callback("MV", self._volume_callback)``: every event then
raised ``TypeError: object NoneType can't be used in 'await' expression``, which the loop logged
and dropped, and the receiver's state never changed (denonavr#239, fixed by making the four
methods ``async def``). The registration looks right in its file and the registry in its own;
only the two together are the bug. It is the mirror of `await_callbacks` (an ``async def``
handed to a caller that calls it synchronously, ADV102).

Per file, in `await_plain`'s walk:

- a *registrar* (``rg`` facts: its name, the parameter's position and name, how it is known, the
  line): a plain ``def`` whose parameter is annotated ``Callable[..., Awaitable[T]]`` or
  ``Coroutine`` (`await_callables.returns_coroutine`), or a plain method that stores the
  parameter in an attribute of its instance (``self._cbs.append(cb)``, ``.add``, ``self._cbs[k]
  = cb``, ``self._cbs.setdefault(k, []).append(cb)``, ``self._cbs[k].append(cb)``, ``self._cb =
  cb``) while a coroutine of the same class awaits a call of what that attribute holds (``for cb
  in self._cbs...: await cb(...)``, ``await self._cbs[k](...)``, ``await self._cb(...)``) and
  asks no ``iscoroutinefunction``/``isawaitable`` (it takes either kind on purpose). A method is
  named by its name (``register_callback``), a module-level function by its qualified name, and
  a constructor by its class's (``Transport(on_message=self._on_message)``);
- a *registration* (``rk``): a call handing over by reference, as an argument, a plain method of
  the calling class (``self._power_callback``) or a plain function of the file, with no decorator
  but ``staticmethod`` or ``classmethod``, whose every ``return`` is plainly no awaitable
  (`await_plain`'s test, or nothing): kept with the ``def``'s place.

After the scan (`resolve`), a registration is reported at the ``def`` when a registrar of the
scan has the called name and takes the argument's position or keyword; every registrar of that
name must agree. ``self.m(...)`` names the calling class's own ``m`` when it defines one
(``c:`` keys); any other receiver's method is known by its name alone, so a name that some
method of the scan keeps a callback under and calls plainly, or types a parameter of as a plain
callable (``rp`` facts: the sync twin of an async class, redis' parsers; Home Assistant's
coordinators beside its collections, both with ``async_add_listener``) decides nothing. Not reported: a ``def`` returning a call, a name or an attribute (it may hand
back a coroutine or a future, which the ``await`` takes), a stub, a lambda or ``partial``, a
registrar reached through a module of the standard library, one awaiting through
``inspect.isawaitable``, a registry that builds a list of what its callbacks return and gathers
it later (only a comprehension inside the awaited expression is read), a registrar of a library the scan does not hold, and a registration in a file the
scan does not parse for ADV110 (one with no ``await`` and no argument named like a callback:
``self.<name>`` with ``callback``, ``handler``, ``listener`` or ``hook`` in the name, or starting
``on_`` or ``handle_``).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from advisor.lint.bindings import BUILTINS
from advisor.lint.checks.await_callables import returns_coroutine
from advisor.lint.checks.base import FileContext
from advisor.lint.checks.helpers import class_members, own_nodes

TYPED = "registered_typed"  # the parameter is annotated to return an awaitable
AWAITED = "registered"  # the registry awaits what the parameter is stored as

#: Methods that put their argument in a container.
_FILLS = frozenset({"append", "add", "insert", "appendleft"})
#: Names a coroutine reads when it takes a coroutine function and a plain one on purpose.
_KIND_TESTS = frozenset(
    {"iscoroutinefunction", "iscoroutine", "isawaitable", "isasyncgenfunction", "isfuture"}
)
_FOREIGN = frozenset(sys.stdlib_module_names) | BUILTINS
_ALLOWED = frozenset({"staticmethod", "classmethod"})


def registrar(ctx: FileContext, node: ast.FunctionDef) -> None:
    """Keep *node* as a registrar (``rg`` facts) when one of its parameters is a coroutine
    function by its annotation, or by what the class does with it."""
    scope = ctx.scope
    method = scope.is_class and bool(ctx.classes) and ctx.classes[-1][0] == scope.qualname
    if not method and scope.parent is not None:
        return  # a nested function: nobody registers through it from another module
    args = node.args
    params = [*args.posonlyargs, *args.args]
    static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list)
    if method and not static:
        params = params[1:]
    if not params and not args.kwonlyargs:
        return
    self_name = node.args.args[0].arg if method and not static and node.args.args else None
    cls = ctx.classes[-1][1] if method else None
    awaits = cls is not None and any(isinstance(m, ast.AsyncFunctionDef) for m in cls.body)
    where = ctx.resolver.module_scope
    if not method:
        names = [f"q:{ctx.module}.{node.name}"]
    elif node.name == "__init__":
        names = [f"q:{ctx.classes[-1][0]}"]  # the constructor: registered by `Client(on_x=...)`
    else:
        # by its name, and by its class's for `self.m(...)` in that class (`registration`)
        names = [node.name, f"c:{ctx.classes[-1][0]}.{node.name}"]
    for position, arg in [*enumerate(params), *((-1, a) for a in args.kwonlyargs)]:
        how = None
        line = node.lineno
        if arg.annotation is not None and returns_coroutine(ctx, arg.annotation, where):
            how = TYPED
        elif method and arg.annotation is not None and _callable_type(arg.annotation):
            # typed as a plain callable (`update_callback: CALLBACK_TYPE`, `Callable[[], None]`):
            # Home Assistant's coordinators and collections both have `async_add_listener`
            ctx.facts.setdefault("rp", []).append(node.name)
        elif cls is not None and self_name is not None:
            stored = _stored(node, arg.arg, self_name)
            awaited = _awaited(ctx, cls, stored) if stored and awaits else None
            if awaited is not None:
                how, line = AWAITED, awaited
            elif stored:
                # a registrar that keeps its callback and calls it plainly (a sync twin of an
                # async class, redis' parsers): a call of that name may be either
                ctx.facts.setdefault("rp", []).append(node.name)
        if how is not None:
            for name in names:
                ctx.facts.setdefault("rg", []).append([name, position, arg.arg, how, line])


def registration(
    ctx: FileContext, call: ast.Call, returns: Callable[[ast.FunctionDef], str | None]
) -> None:
    """Keep each plain function *call* hands over by reference (``rk``: the ``def``'s line and
    column, the called name, the argument's position and keyword, the function's name, what it
    returns, the call's line), when the called name may be a registrar of the scan."""
    func = call.func
    if isinstance(func, ast.Attribute):
        root = func.value
        while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
            root = root.func if isinstance(root, ast.Call) else root.value
        if isinstance(root, ast.Name) and root.id != ctx.frame.self_name:
            qualified = ctx.qualify(root)
            if qualified and qualified.partition(".")[0] in _FOREIGN:
                return  # `loop.add_signal_handler`, `atexit.register`: the standard library's
        key = func.attr
        cls = ctx.frame.cls
        if (
            cls is not None
            and isinstance(func.value, ast.Name)
            and func.value.id == ctx.frame.self_name
            and func.attr in class_members(ctx, cls[1])
        ):
            key = f"c:{cls[0]}.{func.attr}"  # `self.m(...)`: the class's own `m`, no other
    elif isinstance(func, ast.Name):
        qualified = ctx.qualify(func)
        if not qualified or qualified.partition(".")[0] in _FOREIGN:
            return
        key = f"q:{qualified}"
    else:
        return
    handed = [
        *((i, None, a) for i, a in enumerate(call.args)),
        *((-1, k.arg, k.value) for k in call.keywords if k.arg),
    ]
    for position, keyword, value in handed:
        found = _plain_def(ctx, value)
        if found is None:
            continue
        returned = returns(found)
        if returned is None:
            continue
        cls = ctx.frame.cls
        if isinstance(value, ast.Name) or cls is None:
            label = found.name
        else:
            label = f"{cls[0].rpartition('.')[2]}.{found.name}"
        at = [found.lineno, found.col_offset + 1]
        entry = [*at, key, position, keyword, label, returned, call.lineno]
        ctx.memo.setdefault("registered", []).append(entry)


def resolve(views: Iterable[tuple[str, Mapping[str, Any]]]) -> list[tuple[str, list[Any]]]:
    """The ``rk`` registrations whose called name is a registrar of the scan at that argument:
    ADV110 at the plain ``def``, naming the registrar and where it awaits."""
    views = list(views)
    registrars: dict[str, list[tuple[int, str, str, str, int]]] = {}
    for path, result in views:
        for name, position, param, how, line in (result.get("facts") or {}).get("rg", ()):
            registrars.setdefault(name, []).append((position, param, how, path, line))
    if not registrars:
        return []
    # the names some method of the scan keeps a callback under and calls plainly
    plain = {n for _path, result in views for n in (result.get("facts") or {}).get("rp", ())}
    found: list[tuple[str, list[Any]]] = []
    for path, result in views:
        for line, col, key, position, keyword, label, returned, called in result.get("rk", ()):
            entries = registrars.get(key)
            if not entries or key in plain:
                continue
            matched = [
                e
                for e in entries
                if (keyword is not None and e[1] == keyword)
                or (keyword is None and position >= 0 and e[0] == position)
            ]
            if len(matched) != len(entries):
                continue  # another registrar of that name takes something else there
            _position, param, how, at, at_line = matched[0]
            params = {
                "how": how,
                "where": "overridden",
                "call": label,
                "registrar": key.rpartition(".")[2] if key[:2] in ("q:", "c:") else key,
                "param": param,
                "at": f"{at}:{at_line}",
                "line": str(called),
                "returned": returned,
            }
            found.append((path, [line, col, "ADV110", params]))
    return found


def _plain_def(ctx: FileContext, value: ast.expr) -> ast.FunctionDef | None:
    """The plain ``def`` *value* names exactly: ``self.m`` of the frame's class, or a function
    of this file by its name; None otherwise."""
    frame = ctx.frame
    if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
        if frame.cls is None or value.value.id != frame.self_name:
            return None
        named = [
            n
            for n in class_members(ctx, frame.cls[1]).get(value.attr, ())
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        ]
        if len(named) != 1 or not isinstance(named[0], ast.FunctionDef):
            return None
        found = named[0]
        allowed = _ALLOWED
    elif isinstance(value, ast.Name):
        if value.id not in _def_names(ctx):
            return None
        binding = ctx.resolver.lookup(value.id, ctx.scope)
        if binding is None or binding.kind != "def":
            return None
        if not isinstance(binding.node, ast.FunctionDef):
            return None
        found = binding.node
        allowed = frozenset()
    else:
        return None
    if any(not (isinstance(d, ast.Name) and d.id in allowed) for d in found.decorator_list):
        return None
    return found


def _def_names(ctx: FileContext) -> frozenset[str]:
    """The names of the file's plain ``def`` statements (kept per file): a name argument
    that is none of them is no function of the file, and costs no lookup."""
    kept = ctx.memo.get("def_names")
    if kept is None:
        kept = ctx.memo["def_names"] = frozenset(
            n.name for n in ast.walk(ctx.tree) if type(n) is ast.FunctionDef
        )
    return kept


def _stored(function: ast.FunctionDef, param: str, self_name: str) -> set[str]:
    """The attributes of ``self`` *function* stores its parameter *param* in."""
    found: set[str] = set()
    for node in own_nodes(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in _FILLS and any(_is(a, param) for a in node.args):
                attr = _self_attr(node.func.value, self_name)
                if attr is not None:
                    found.add(attr)
        elif isinstance(node, ast.Assign) and _holds(node.value, param):
            for target in node.targets:
                attr = _self_attr(target, self_name)
                if attr is not None:
                    found.add(attr)
    return found


def _self_attr(node: ast.expr, self_name: str) -> str | None:
    """``self.A`` for ``self.A``, ``self.A[k]``, ``self.A.setdefault(k, [])``, ``self.A.get(k)``."""
    while True:
        if isinstance(node, ast.Subscript):
            node = node.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"setdefault", "get", "__getitem__"}
        ):
            node = node.func.value
        else:
            break
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == self_name
    ):
        return node.attr
    return None


def _awaited(ctx: FileContext, cls: ast.ClassDef, stored: set[str]) -> int | None:
    """The line where a coroutine of *cls* awaits a call of what one of the *stored*
    attributes holds, unless that coroutine asks what kind its callee is; else None."""
    for member in cls.body:
        if not isinstance(member, ast.AsyncFunctionDef) or not member.args.args:
            continue
        me = member.args.args[0].arg
        nodes = list(own_nodes(member))
        if any(
            (type(n) is ast.Attribute and n.attr in _KIND_TESTS)
            or (type(n) is ast.Name and n.id in _KIND_TESTS)
            for n in nodes
        ):
            continue
        held: set[str] = set()  # loop names bound to the stored callables
        for n in nodes:
            if (
                isinstance(n, (ast.For, ast.AsyncFor))
                and isinstance(n.target, ast.Name)
                and _mentions(n.iter, me, stored)
            ):
                held.add(n.target.id)
        for n in nodes:
            if isinstance(n, ast.Await) and _gathered(n.value, me, stored):
                return n.lineno
            if not (isinstance(n, ast.Await) and isinstance(n.value, ast.Call)):
                continue
            callee = n.value.func
            if isinstance(callee, ast.Name) and callee.id in held:
                return n.lineno
            if _self_attr(callee, me) in stored:
                return n.lineno
    return None


def _gathered(node: ast.expr, self_name: str, stored: set[str]) -> bool:
    """Whether the awaited *node* holds a comprehension calling each callable a *stored*
    attribute holds (``await asyncio.gather(*(cb(e) for cb in self._cbs))``)."""
    for sub in ast.walk(node):
        if not isinstance(sub, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            continue
        elt = sub.elt
        if not (isinstance(elt, ast.Call) and isinstance(elt.func, ast.Name)):
            continue
        for generator in sub.generators:
            if _is(generator.target, elt.func.id) and _mentions(generator.iter, self_name, stored):
                return True
    return False


def _mentions(node: ast.expr, self_name: str, stored: set[str]) -> bool:
    return any(
        isinstance(n, ast.Attribute)
        and isinstance(n.value, ast.Name)
        and n.value.id == self_name
        and n.attr in stored
        for n in ast.walk(node)
    )


def _holds(node: ast.expr, name: str) -> bool:
    """Whether *node* is the name *name* or a tuple holding it (``(update_callback, context)``)."""
    if isinstance(node, ast.Tuple):
        return any(_is(e, name) for e in node.elts)
    return _is(node, name)


def _callable_type(annotation: ast.expr) -> bool:
    """Whether *annotation* reads as a callable's type (``Callable[...]``, ``CALLBACK_TYPE``,
    ``EventCallback``); `returns_coroutine` has said it is none returning an awaitable."""
    text = ast.unparse(annotation).lower()
    return "callable" in text or "callback" in text


def _is(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name
