"""For `await_missing_targets`: a callable the code types as returning a coroutine, called.

telegram-translate-bot's ``make_async_handler(f: Callable[[str], Coroutine[Any, Any, str]])``
returns an aiogram handler whose reply branch did ``text = f(original.text)`` without ``await``
(its other branch awaits ``f``): the bot replied with the coroutine's repr and the translation
never ran (telegram-translate-bot#4). Nothing in the scan names the function ``f`` holds, but its
annotation says what calling it returns. Read here, where the code states it:

- a parameter of the calling function, or of a function it is nested in (a closure), annotated
  ``Callable[..., Coroutine[...]]`` or ``Callable[..., Awaitable[...]]`` (``typing`` or
  ``collections.abc``, also ``Optional[...]``, ``... | None``, a string, or a module-level alias
  of the file such as ``Handler = Callable[[Request], Awaitable[Response]]``), never rebound in
  the function that takes it;
- ``self.<attr>`` that the class body annotates so (a dataclass field, ``on_done:
  Callable[[], Awaitable[None]]``), or that the class's methods annotate so or assign only from
  parameters annotated so (``self.callback = callback`` with ``callback: Callable[...,
  Awaitable[None]]``).

Not read: a bare ``Callable`` or ``Callable[..., Any]`` (it may return anything), a union with
another callable, a parameter bound again in its function (the annotation says what it may
hold, not what it holds), and a class's method of that name (a call of it is the method's).
"""

from __future__ import annotations

import ast

from advisor.lint.bindings import Scope
from advisor.lint.checks.base import FileContext
from advisor.lint.checks.helpers import class_members
from advisor.lint.checks.receivers import stores_of

#: The spellings of a callable type and of the awaitables its result may be declared as.
_CALLABLES = frozenset(
    {"typing.Callable", "collections.abc.Callable", "typing_extensions.Callable"}
)
_AWAITABLES = frozenset(
    {
        "typing.Coroutine",
        "typing.Awaitable",
        "collections.abc.Coroutine",
        "collections.abc.Awaitable",
        "typing_extensions.Coroutine",
        "typing_extensions.Awaitable",
    }
)
_OPTIONAL = frozenset({"typing.Optional", "typing_extensions.Optional"})
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def coroutine_callable(ctx: FileContext, func: ast.expr) -> bool:
    """Whether calling *func* (a name or ``self.<attr>``) returns a coroutine by what the
    code annotates it with (see the module's list)."""
    if type(func) is ast.Name:
        return _parameter(ctx, func.id)
    frame = ctx.frame
    if (
        type(func) is ast.Attribute
        and type(func.value) is ast.Name
        and frame.cls is not None
        and func.value.id == frame.self_name
    ):
        return _attribute(ctx, frame.cls[1], func.attr)
    return False


def _parameter(ctx: FileContext, name: str) -> bool:
    """*name* read in the current scope: a parameter of this function or of an enclosing one
    (a closure), annotated as a coroutine function and never rebound there."""
    resolver = ctx.resolver
    scope: Scope | None = ctx.scope
    while scope is not None and scope.parent is not None:
        if scope.is_class:
            scope = scope.parent
            continue
        if name in resolver.bindings(scope):
            node = scope.node
            if not isinstance(node, _FUNCTIONS):
                return False
            return _annotated_parameter(ctx, node, name, scope)
        scope = scope.parent
    return False


def _annotated_parameter(ctx: FileContext, function: ast.AST, name: str, scope: Scope) -> bool:
    args = getattr(function, "args", None)
    if args is None:
        return False
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        if arg.arg == name:
            if arg.annotation is None or stores_of(ctx, function).get(name):
                return False
            return returns_coroutine(ctx, arg.annotation, scope.parent or scope)
    return False


def _attribute(ctx: FileContext, cls: ast.ClassDef, attr: str) -> bool:
    """``self.<attr>``: annotated in the class body, or by the methods, or assigned only from
    parameters annotated as coroutine functions."""
    resolver = ctx.resolver
    where = resolver.module_scope
    members = class_members(ctx, cls).get(attr, ())
    if any(isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) for m in members):
        return False  # a method: its call is the method's, judged as such
    for stmt in members:
        if isinstance(stmt, ast.AnnAssign):
            return returns_coroutine(ctx, stmt.annotation, where)
    me = ctx.frame.self_name or ""
    annotations = resolver.attribute_annotations(me, attr, ctx.scope) or []
    if annotations:
        return all(returns_coroutine(ctx, a, where) for a, _value in annotations)
    values = resolver.attribute_values(me, attr, ctx.scope) or []
    return bool(values) and all(
        isinstance(value, ast.Name) and _annotated_parameter(ctx, scope.node, value.id, scope)
        for value, scope in values
    )


def returns_coroutine(ctx: FileContext, annotation: ast.expr, scope: Scope, depth: int = 0) -> bool:
    """Whether *annotation* is a callable type whose result is a coroutine or an awaitable
    (``Callable[..., Awaitable[T]]``), through ``Optional``, ``| None``, a string and a
    module-level alias of the file."""
    if depth > 3:
        return False
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            parsed = ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return False
        return returns_coroutine(ctx, parsed, scope, depth + 1)
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        sides = (annotation.left, annotation.right)
        kept = [s for s in sides if not (isinstance(s, ast.Constant) and s.value is None)]
        return len(kept) == 1 and returns_coroutine(ctx, kept[0], scope, depth + 1)
    if isinstance(annotation, ast.Subscript):
        name = ctx.resolver.qualify(annotation.value, scope)
        if name in _OPTIONAL:
            return returns_coroutine(ctx, annotation.slice, scope, depth + 1)
        if name not in _CALLABLES or not isinstance(annotation.slice, ast.Tuple):
            return False
        items = annotation.slice.elts
        if len(items) != 2:
            return False
        result = items[1]
        if isinstance(result, ast.Subscript):
            result = result.value
        return ctx.resolver.qualify(result, scope) in _AWAITABLES
    if isinstance(annotation, ast.Name):
        binding = ctx.resolver.bindings(ctx.resolver.module_scope).get(annotation.id)
        node = binding.node if binding is not None and binding.kind == "value" else None
        if isinstance(node, (ast.Subscript, ast.BinOp, ast.Constant)):
            return returns_coroutine(ctx, node, ctx.resolver.module_scope, depth + 1)
    return False
