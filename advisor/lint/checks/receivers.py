"""The class the code annotates a receiver with: which ``fetch`` a call ``client.fetch()`` runs.

A method is never matched by its bare name (two classes of a scan with a ``write`` each must not
be taken for one another), so a call through an object reaches a function of the scan only
when the code states the object's class. Construction says it (``client = Client()``, read by
the resolver); annotations say it too, and typed code says it mostly that way. Both ADV101 one
call away (`checks.reach`) and ADV102 (`checks.await_missing`) read receivers here, so a
blocking method and a coroutine method are found through the same statements
(diracx#594: ``async def f(task_queue_db: TaskQueueDB)`` then
``task_queue_db.is_task_queue_empty(tq_id)``, an ``async def`` of another module, never
awaited).

Where a receiver's class is read, each a statement of the code, never a guess:

- a parameter of the calling function, never rebound: ``client: Client`` (also
  ``Client | None``, ``Optional[Client]``, and the string ``"Client"`` of a forward reference);
- a local the function binds once, under an annotation: ``client: Client = make()``;
- ``self.attr`` in a method, where the class body annotates ``attr`` (a dataclass field, a class
  attribute), a method annotates the assignment (``self.client: Client = make()``), or every
  assignment hands it a parameter annotated so (``self.client = client``);
- ``self.attr`` where ``attr`` is a ``@property`` (or ``cached_property``) of the class whose
  return annotation names the class.

Only a class that may be the scan's counts (not the standard library's, unless the scan is the
standard library); a receiver with two different classes is unknown. Nothing here walks a
function: the parameter list, the class body and the resolver's tables (built once per scope and
class) hold every statement read, and a function's stores are counted only when one of its
annotated parameters is a receiver.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterable
from typing import Any

from advisor.lint.bindings import BUILTINS, Scope
from advisor.lint.callees import tail
from advisor.lint.checks import arguments
from advisor.lint.checks.base import FileContext
from advisor.lint.checks.helpers import class_members

_FOREIGN = frozenset(sys.stdlib_module_names) | BUILTINS
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
#: Decorators after which reading ``self.attr`` runs the method and returns what it returns.
_PROPERTIES = frozenset({"property", "functools.cached_property"})


def receiver_class(
    ctx: FileContext, receiver: ast.expr, foreign: frozenset[str] = _FOREIGN
) -> str | None:
    """The qualified class the code annotates *receiver* with (a name, or ``self.attr``), read
    in the function the walk is in; None when the code does not say, or says two things.
    *foreign*: the top-level modules whose classes are not followed.

    Memoised per function, scope and receiver: the answer is read from statements only (the
    parameter list, the class body, the resolver's tables), and every ``x.m()`` of a function
    asks it again for the same ``x`` (once for ADV101's reach, once for ADV102). Like the
    resolver's own memo (`names.Resolver.qualify`), it is not used once a ``global``
    statement was met, which changes how names resolve; each entry keeps its scope alive, so
    an id is never reused for another."""
    frame = ctx.frame
    node = frame.node
    if isinstance(receiver, ast.Name):
        if receiver.id == frame.self_name or not isinstance(node, _FUNCTIONS):
            return None
        name, is_name = receiver.id, True
    elif (
        isinstance(receiver, ast.Attribute)
        and isinstance(receiver.value, ast.Name)
        and frame.cls is not None
        and receiver.value.id == frame.self_name
    ):
        name, is_name = receiver.attr, False
    else:
        return None
    scope = ctx.scope
    if not ctx.resolver.memoising:
        return _receiver_class(ctx, name, is_name, foreign)
    key = ("receiver", id(scope), id(node), name, is_name, id(foreign))
    hit = ctx.memo.get(key)
    if hit is not None and hit[0] is scope and hit[1] is node:
        return hit[2]  # type: ignore[no-any-return]
    found = _receiver_class(ctx, name, is_name, foreign)
    if ctx.resolver.memoising:
        ctx.memo[key] = (scope, node, found)
    return found


def _receiver_class(
    ctx: FileContext, name: str, is_name: bool, foreign: frozenset[str]
) -> str | None:
    frame = ctx.frame
    if is_name:
        found = parameter_class(ctx, frame.node, name, ctx.scope, foreign)
        if found is None:
            found = _local_class(ctx, name, foreign)
        if found is None:
            found = _enclosing_class(ctx, name, foreign)
        return found
    cls = frame.cls
    assert cls is not None  # `receiver_class` asked for `self.attr` in a method only
    return attribute_class(ctx, cls[1], name, ctx.scope, foreign)


def parameter_class(
    ctx: FileContext, function: ast.AST, name: str, scope: Scope, foreign: frozenset[str] = _FOREIGN
) -> str | None:
    """The class parameter *name* of *function* is annotated with, when never rebound."""
    args = getattr(function, "args", None)
    if args is None:
        return None
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        if arg.arg == name and arg.annotation is not None:
            if stores_of(ctx, function).get(name):
                return None  # rebound: the annotation may no longer hold
            outer = scope.parent if scope.node is function else scope
            return annotation_class(ctx, arg.annotation, outer or scope, foreign)
    return None


def _enclosing_class(ctx: FileContext, name: str, foreign: frozenset[str]) -> str | None:
    """``conn`` in a closure, a parameter of an enclosing function annotated with a class and
    never rebound there (``async def handle(conn: Connection)`` around ``async def inner():
    conn.load()``): the closure reads that same object."""
    resolver = ctx.resolver
    scope = ctx.scope
    if name in resolver.bindings(scope):
        return None  # the closure binds it itself
    outer = scope.parent
    while outer is not None and outer.parent is not None:
        if not outer.is_class and name in resolver.bindings(outer):
            if isinstance(outer.node, _FUNCTIONS):
                return parameter_class(ctx, outer.node, name, outer, foreign)
            return None
        outer = outer.parent
    return None


def _local_class(ctx: FileContext, name: str, foreign: frozenset[str]) -> str | None:
    """``client: Client = make()``: a local of this very function, bound once so."""
    scope = ctx.scope
    resolver = ctx.resolver
    binding = resolver.bindings(scope).get(name)
    notes = scope.annotated
    if binding is None or notes is None or name not in notes or binding.kind != "value":
        return None
    if stores_of(ctx, scope.node).get(name, 0) > 1:
        return None  # bound again: the annotation says what it may hold, not what it holds
    return annotation_class(ctx, notes[name], scope.parent or scope, foreign)


def attribute_class(
    ctx: FileContext, cls: ast.ClassDef, attr: str, scope: Scope, foreign: frozenset[str] = _FOREIGN
) -> str | None:
    """The class of ``self.<attr>`` in a method of *cls* (see the module's list)."""
    found: set[str | None] = set()
    resolver = ctx.resolver
    where = resolver.module_scope
    for stmt in class_members(ctx, cls).get(attr, ()):
        if isinstance(stmt, ast.AnnAssign):
            if isinstance(stmt.target, ast.Name) and stmt.target.id == attr:
                found.add(annotation_class(ctx, stmt.annotation, where, foreign))
        elif isinstance(stmt, _FUNCTIONS) and stmt.name == attr:
            if isinstance(stmt, ast.FunctionDef) and stmt.returns and _is_property(ctx, stmt):
                return annotation_class(ctx, stmt.returns, where, foreign)
            return None  # a method read as an attribute: not an instance of anything known
    me = ctx.frame.self_name or ""
    covered: set[int] = set()
    for annotation, value in resolver.attribute_annotations(me, attr, scope) or ():
        found.add(annotation_class(ctx, annotation, where, foreign))
        if value is not None:
            covered.add(id(value))
    for value, method_scope in resolver.attribute_values(me, attr, scope) or ():
        if id(value) in covered:
            continue  # its annotation said what it is
        if not isinstance(value, ast.Name):
            return None  # constructed or computed: the resolver's own path decides
        found.add(parameter_class(ctx, method_scope.node, value.id, method_scope, foreign))
    if len(found) != 1:
        return None
    return found.pop()


def constructor_parameter(
    ctx: FileContext, cls: ast.ClassDef, attr: str, scope: Scope
) -> tuple[int, str] | None:
    """``self.<attr>`` that the class's methods assign only the unannotated parameter of its
    own ``__init__`` (``self.db = db``; ``None`` elsewhere is allowed): that parameter's place
    among the arguments a constructor call gives (``-1``: keyword-only) and its name. Its class
    is then what the scan's constructor calls hand it, in any file (`checks.reach`'s ``n:``,
    starboard #1: ``Starboard(bot, db)`` with ``db = Database(path)`` in the bot's module);
    None when the code says anything else (an annotation decides on its own, a rebound
    parameter, a default other than ``None``, another method's value)."""
    if class_members(ctx, cls).get(attr):
        return None  # annotated in the class body, or a method: not a stored parameter
    me = ctx.frame.self_name or ""
    resolver = ctx.resolver
    if resolver.attribute_annotations(me, attr, scope):
        return None
    found: set[tuple[int, str]] = set()
    for value, method_scope in resolver.attribute_values(me, attr, scope) or ():
        if isinstance(value, ast.Constant) and value.value is None:
            continue
        method = method_scope.node
        if not isinstance(value, ast.Name) or getattr(method, "name", None) != "__init__":
            return None
        place = _place(ctx, method, value.id)
        if place is None:
            return None
        found.add(place)
    return found.pop() if len(found) == 1 else None


def constructor_calls(
    constructed: Iterable[list[Any]], canonical: Callable[[str], str]
) -> dict[str, list[list[Any]]]:
    """The scan's constructor calls that state an argument's type (`checks.reach`'s ``a``
    facts: ``[q:target, [types], {keyword: type}]``) by the class they construct (*canonical*
    reads a target through re-exports; an inherited constructor names its class)."""
    calls_of: dict[str, list[list[Any]]] = {}
    for target, positional, keywords in constructed:
        cls = canonical(target).removesuffix(".__init__")
        calls_of.setdefault(cls, []).append([positional, keywords])
    return calls_of


def handed_type(calls_of: dict[str, list[list[Any]]], target: str) -> tuple[str | None, str]:
    """``n:<class>:<place>:<parameter>:<rest>`` -> (the type every constructor call of the class
    that states one hands the parameter, ``pkg.Database()``, or None; *rest*, the calls on it).
    A call that leaves the parameter to its default, or two types, make it unknown."""
    cls, place, parameter, rest = target[2:].split(":", 3)
    given: set[str | None] = set()
    for positional, keywords in calls_of.get(cls, ()):
        if parameter in keywords:
            given.add(keywords[parameter])
        elif 0 <= int(place) < len(positional):
            given.add(positional[int(place)])
        else:
            return None, rest  # left to its default
    return (given.pop() if len(given) == 1 else None), rest


def _place(ctx: FileContext, method: ast.AST, name: str) -> tuple[int, str] | None:
    """(place after ``self``, name) of *method*'s unannotated parameter *name*, never rebound,
    with no default or a ``None`` one."""
    args = getattr(method, "args", None)
    if args is None or stores_of(ctx, method).get(name):
        return None
    positional = [*args.posonlyargs, *args.args]
    names = [a.arg for a in positional][len(positional) - len(args.defaults) :]
    defaults = dict(zip(names, args.defaults, strict=True))
    defaults.update(
        (a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None
    )
    default = defaults.get(name)
    if default is not None and not (isinstance(default, ast.Constant) and default.value is None):
        return None
    for place, arg in enumerate(positional):
        if arg.arg == name:
            return (place - 1, name) if place and _untyped(arg.annotation) else None
    for arg in args.kwonlyargs:
        if arg.arg == name:
            return (-1, name) if _untyped(arg.annotation) else None
    return None


def _untyped(annotation: ast.expr | None) -> bool:
    """No annotation, or one that names no class: ``Callable[..., T]`` (a callback, typed
    by the function references the constructor's callers hand it, `reach_targets`)."""
    if annotation is None:
        return True
    if isinstance(annotation, ast.Subscript):
        annotation = annotation.value
    return tail(annotation) == "Callable"


def annotation_class(
    ctx: FileContext, annotation: ast.expr, scope: Scope, foreign: frozenset[str] = _FOREIGN
) -> str | None:
    """The scan's class an annotation names (``X``, ``X | None``, ``Optional[X]``, ``"X"``,
    ``Annotated[X, Depends(...)]``)."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        parsed = _forward(ctx, annotation.value)
        if parsed is None:
            return None
        annotation = parsed
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        sides = [annotation.left, annotation.right]
        kept = [s for s in sides if not (isinstance(s, ast.Constant) and s.value is None)]
        if len(kept) != 1:
            return None
        annotation = kept[0]
    elif isinstance(annotation, ast.Subscript) and tail(annotation.value) == "Optional":
        annotation = annotation.slice
    elif (
        isinstance(annotation, ast.Subscript)
        and tail(annotation.value) == "Annotated"
        and isinstance(annotation.slice, ast.Tuple)
        and annotation.slice.elts
    ):
        return annotation_class(ctx, annotation.slice.elts[0], scope, foreign)  # FastAPI's Depends
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation_class(ctx, annotation, scope, foreign)  # `Optional["X"]`
    if not isinstance(annotation, (ast.Name, ast.Attribute)):
        return None
    qualified = ctx.resolver.qualify(annotation, scope)
    if not qualified or "(" in qualified:
        return None
    top = qualified.partition(".")[0]
    if top in foreign and top != ctx.module.partition(".")[0]:
        return None
    return qualified


def factory_returns(ctx: FileContext) -> dict[str, str]:
    """The module-level plain functions whose return annotation names a class that may be the
    scan's (``def get_knowledge_mound() -> KnowledgeMound``), by qualified name: what a call of
    one returns, for a caller in any file (``mound = get_knowledge_mound()`` then
    ``mound.get_stats()``, aragora#1421). Undecorated functions only: a decorator may return
    anything."""
    if "factory_returns" in ctx.memo:
        return ctx.memo["factory_returns"]  # type: ignore[no-any-return]
    found: dict[str, str] = {}
    scope = ctx.resolver.module_scope
    for node in ctx.tree.body:
        if type(node) is ast.FunctionDef and node.returns is not None and not node.decorator_list:
            owner = annotation_class(ctx, node.returns, scope)
            if owner is not None:
                found[f"{ctx.module}.{node.name}"] = owner
        elif type(node) is ast.ClassDef:
            # a property annotated with a class, `Cls().prop` (`def http(self) -> HTTP`):
            # `self.state.http.get()` in any module reads it (defectio#44)
            for stmt in node.body:
                if (
                    type(stmt) is ast.FunctionDef
                    and stmt.returns is not None
                    and any(
                        ctx.resolver.qualify(d, scope) in _PROPERTIES for d in stmt.decorator_list
                    )
                ):
                    owner = annotation_class(ctx, stmt.returns, scope)
                    if owner is not None:
                        found[f"{ctx.module}.{node.name}().{stmt.name}"] = owner
    ctx.memo["factory_returns"] = found
    return found


def _forward(ctx: FileContext, text: str) -> ast.expr | None:
    """A string annotation's expression, parsed once per file and text (kept in the file's
    memo, so the resolver's memo never sees a node's id reused)."""
    key = ("forward", text)
    if key in ctx.memo:
        return ctx.memo[key]  # type: ignore[no-any-return]
    try:
        parsed: ast.expr | None = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        parsed = None
    ctx.memo[key] = parsed
    return parsed


def _is_property(ctx: FileContext, method: ast.FunctionDef) -> bool:
    return any(ctx.qualify(d) in _PROPERTIES for d in method.decorator_list)


def stores_of(ctx: FileContext, function: ast.AST) -> dict[str, int]:
    """`arguments.stores` of *function*, counted once per file and function."""
    key = ("stores", id(function))
    counts: Any = ctx.memo.get(key)
    if counts is None:
        counts = ctx.memo[key] = arguments.stores(function)
    return counts  # type: ignore[no-any-return]
