"""Values the code states through an instance's fields, for ADV101 one call away: a test of
``self.field`` in a method (`arguments.conditions`) decided by the arguments the receiver was
built with.

crawl4ai 0.9.5's ``AsyncLogger.__init__`` stores ``self.log_file = log_file`` (default
``None``) and ``_write_to_file`` opens the file only ``if self.log_file:``; its ``install.py``
and ``migrations.py`` build their module-level ``logger = AsyncLogger(log_level=...,
verbose=True)`` without one, so ``logger.info(...)`` in their coroutines opens nothing. Three
facts make that decidable, each stated by the code:

- the receiver: a name bound once, in the coroutine's function or its module, to a call of
  a class of the scan whose arguments are written out (no ``*args``/``**kwargs``)
  (`receiver_construction`, recorded per call as the file's ``rf`` fact);
- the field: the class's ``__init__`` stores it as ``self.field = param`` (a statement of the
  body, not under a branch), from a parameter it never rebinds (`field_facts`: ``fm``, with the
  constructor's parameters in ``fi``);
- nothing else stores it: no other ``self.field = ...`` and no ``obj.field = ...`` on any
  receiver, in any file of the scan (the attribute names stored otherwise: ``fx``).

The values then go down the chain through the class's own methods (``info -> _log ->
_write_to_file``: a hop to a method of the same class keeps them, `reach_chains.resolve`). A
receiver handed in from elsewhere (``self.logger = AsyncLogger(log_file=log_file)`` from the
caller's argument), a field any code sets later, or a method of another class decides nothing:
still reported.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

from advisor.lint.checks import arguments
from advisor.lint.checks.helpers import statements
from advisor.lint.statements import walk

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext


def field_facts(ctx: FileContext) -> dict[str, Any]:
    """``fm``: class -> {field: parameter} stored once from ``__init__``'s own parameters;
    ``fi``: class -> its ``__init__``'s parameters (`arguments.parameters`); ``fx``: the
    attribute names this file stores any other way."""
    maps: dict[str, dict[str, str]] = {}
    specs: dict[str, list[Any]] = {}
    kept: set[int] = set()
    for stmt in ctx.tree.body:
        if not isinstance(stmt, ast.ClassDef):
            continue
        init = next(
            (s for s in stmt.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"),
            None,
        )
        if init is None:
            continue
        params = {a.arg for a in (*init.args.posonlyargs, *init.args.args, *init.args.kwonlyargs)}
        rebound = {
            node.id
            for node in walk(init)
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load)
        }
        found: dict[str, str] = {}
        for item in init.body:
            if not (isinstance(item, ast.Assign) and len(item.targets) == 1):
                continue
            target, value = item.targets[0], item.value
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
                and isinstance(value, ast.Name)
                and value.id in params
                and value.id not in rebound
                and target.attr not in found
            ):
                found[target.attr] = value.id
                kept.add(id(target))
        if found:
            name = f"{ctx.module}.{stmt.name}" if ctx.module else stmt.name
            maps[name] = found
            specs[name] = arguments.parameters(init, 1)
    stored = sorted({t.attr for t in _attribute_stores(ctx.tree) if id(t) not in kept})
    facts: dict[str, Any] = {}
    if maps:
        facts["fm"] = maps
        facts["fi"] = specs
    if stored:
        facts["fx"] = stored
    return facts


def _attribute_stores(tree: ast.Module) -> list[ast.Attribute]:
    """The attribute targets of the file's assignments (``obj.f = ...``, ``obj.f += ...``,
    in tuples too), read from statements only: cheaper than a walk of every node."""
    found: list[ast.Attribute] = []
    for stmt in statements(tree.body, past=()):
        kind = type(stmt)  # a set lookup: an inline `A | B | C` was built for every statement
        if kind in _ASSIGNS:
            targets: list[ast.expr] = (
                list(stmt.targets) if kind is ast.Assign else [stmt.target]  # type: ignore[attr-defined]
            )
            while targets:
                target = targets.pop()
                if isinstance(target, ast.Attribute):
                    found.append(target)
                elif isinstance(target, (ast.Tuple, ast.List)):
                    targets.extend(target.elts)
                elif isinstance(target, ast.Starred):
                    targets.append(target.value)
    return found


#: The statements that assign (`_attribute_stores`); `ast.parse` builds these exact types.
_ASSIGNS = frozenset((ast.Assign, ast.AnnAssign, ast.AugAssign))


def receiver_construction(ctx: FileContext, node: ast.Call) -> list[Any] | None:
    """``[class, given]`` for ``name.method(...)`` where *name* is bound once to
    ``Class(...)`` with its arguments written out (`arguments.literal_shape` each)."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    binding = ctx.resolver.lookup(func.value.id, ctx.scope)
    if binding is None or binding.kind != "value" or not isinstance(binding.node, ast.Call):
        return None
    if func.value.id in _declared_global(ctx):
        return None  # a function may bind the module's name to another object
    built = binding.node
    if any(isinstance(a, ast.Starred) for a in built.args) or any(
        k.arg is None for k in built.keywords
    ):
        return None
    cls = ctx.qualify(built.func)
    if cls is None:
        return None
    given = [
        [arguments.literal_shape(a) for a in built.args],
        {k.arg: arguments.literal_shape(k.value) for k in built.keywords if k.arg},
    ]
    return [cls, given]


def _declared_global(ctx: FileContext) -> frozenset[str]:
    """The names some function of the file declares ``global`` (walked once per file). A
    ``global`` is a statement, and statements hold expressions but never the reverse, so
    the file's statements (`helpers.statements`, into every def and class) find them all: a
    full `ast.walk` of the tree here was a tenth of a cold scan of aiohttp's profile."""
    found = ctx.memo.get("fields_globals")
    if found is None:
        found = ctx.memo["fields_globals"] = frozenset(
            name
            for node in statements(getattr(ctx.tree, "body", []), ())
            if isinstance(node, ast.Global)
            for name in node.names
        )
    return found


def self_values(
    cls: str, given: list[Any], maps: dict[str, dict[str, str]], specs: dict[str, list[Any]],
    stored: set[str],
) -> dict[str, Any]:  # fmt: skip
    """``{"self.field": shape}`` for an instance of *cls* built with *given*: the fields its
    ``__init__`` stores from its parameters and nothing else stores."""
    fields = maps.get(cls)
    spec = specs.get(cls)
    if not fields or spec is None:
        return {}
    bound = arguments.bind(spec, given, True)
    return {
        f"self.{field}": bound[param]
        for field, param in fields.items()
        if field not in stored and param in bound
    }


def same_class(caller: str, callee: str) -> bool:
    """Whether two methods' qualified names share their class (``pkg.Log.info`` and
    ``pkg.Log._log``): a ``self.`` hop, whose instance keeps its fields' values."""
    owner = caller.rpartition(".")[0]
    return bool(owner) and callee.rpartition(".")[0] == owner
