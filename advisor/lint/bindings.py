"""Binding tables: what each name of a module or function body is bound to, and the lookup.

`Scope` and `Binding` are the one definition of scopes of the project: the linter's resolver fills
them statement by statement (`BindingTables`), code inference (`evidence.scopes`) fills the same
tables by its own, more lenient rules, and both read them through `BindingTables.lookup`, which
follows Python's scoping (the innermost function, the enclosing functions, the module, builtins;
class bodies are not seen from their methods). A name bound in more than one way is ambiguous and
looks up as unknown (`_bind`). Kept apart from `names.Resolver`, which types expressions on top of
these tables, so the scoping rules can be read on their own.
"""

from __future__ import annotations

import ast
import builtins
from typing import NamedTuple

from advisor.lint.callees import tail
from advisor.lint.imports import imported
from advisor.lint.known_types import ANNOTATION_WORDS
from advisor.lint.statements import walk

BUILTINS = frozenset(dir(builtins))
UNPACK = (ast.Tuple, ast.List, ast.Starred)
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


class Binding(NamedTuple):
    """What a name is bound to in one scope.

    kind: ``import`` (target is the dotted name), ``def`` / ``class`` (target is the qualified
    name, node the definition), ``value`` (node is the expression assigned; resolved lazily),
    ``param`` (a parameter annotated as a path; node is the annotation), ``local`` (anything
    else: a parameter, a loop variable, an ambiguous name).
    """

    kind: str
    target: str = ""
    node: ast.AST | None = None
    #: ``values``: every expression a name is bound to, when each binding is an assignment
    #: (both branches of an ``if``/``try``); the name is their type only when all agree.
    values: tuple[ast.AST, ...] = ()


LOCAL = Binding("local")


class Scope:
    """The names one module or function body binds (nested scopes excluded)."""

    __slots__ = (
        "annotated", "bindings", "globals", "is_class", "node", "parent", "qualname", "star",
    )  # fmt: skip

    def __init__(
        self, node: ast.AST, parent: Scope | None, qualname: str, *, is_class: bool = False
    ) -> None:
        self.node = node
        self.parent = parent
        self.qualname = qualname
        self.is_class = is_class
        self.bindings: dict[str, Binding] | None = None
        self.globals: set[str] = set()
        self.star = False
        #: ``name: Client = ...`` in this body: the annotation of each name annotated so (filled
        #: with the binding table, read by `checks.receivers`)
        self.annotated: dict[str, ast.expr] | None = None


#: Values one name may keep (`_bind`) before it counts as unknown.
_MAX_VALUES = 16


def _bind(table: dict[str, Binding], name: str, binding: Binding) -> None:
    old = table.get(name)
    if old is None or _is_none(old):
        # `context = None` then `context = ssl.SSLContext(...)`: where the name is used as an
        # object it holds the one value that is not None (a call on None would raise).
        table[name] = binding
    elif old != binding and not _is_none(binding):
        # A second assignment (sophios #343: `dir_path = Path(base) / dir_path` in a branch
        # after `dir_path = Path(x)`) keeps both values: `qualify` decides the name only when
        # every value states the same type. Any other second binding leaves it unknown.
        if binding.kind == "value" and old.kind in ("value", "values"):
            kept = old.values or ((old.node,) if old.node is not None else ())
            added = (binding.node,) if binding.node is not None else ()
            # Past a handful of values the name is unknown: a generated module assigning one
            # name 100,000 times copied and compared the growing tuple on every line, and
            # `advisor scan -` took 90 s where ruff takes none (review 14).
            too_many = len(kept) >= _MAX_VALUES
            table[name] = LOCAL if too_many else Binding("values", "", None, (*kept, *added))
        else:
            table[name] = LOCAL


def _is_none(binding: Binding) -> bool:
    node = binding.node
    return binding.kind == "value" and type(node) is ast.Constant and node.value is None


def _roots(scope_node: ast.AST) -> list[ast.AST]:
    if isinstance(scope_node, ast.Lambda):
        return [scope_node.body]
    body = getattr(scope_node, "body", [])
    return list(body)


class BindingTables:
    """The binding tables of one file's scopes, built on first use, and the lookup of a name.

    The base of `names.Resolver`, which sets the state read here in its ``__init__``."""

    module: str
    is_package: bool
    module_scope: Scope
    _qualified: dict[tuple[int, int, int], tuple[Scope, ast.AST, str | None]] | None

    # ---- binding tables ------------------------------------------------------------------
    def bindings(self, scope: Scope) -> dict[str, Binding]:
        if scope.bindings is None:
            scope.bindings = self._collect(scope)
        return scope.bindings

    def _collect(self, scope: Scope) -> dict[str, Binding]:
        table: dict[str, Binding] = {}
        node = scope.node
        prefix = scope.qualname if scope.parent is None else f"{scope.qualname}"
        if isinstance(node, (*FUNCTIONS, ast.Lambda)):
            args = node.args
            for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
                annotation = arg.annotation
                if annotation is not None and tail(annotation) in ANNOTATION_WORDS:
                    # `folder: Path`: resolved as `Path()` would be, in the enclosing scope
                    # (where annotations are evaluated), so a shadowed `Path` is not pathlib's.
                    _bind(table, arg.arg, Binding("param", "", annotation))
                    continue
                _bind(table, arg.arg, LOCAL)
            for extra in (args.vararg, args.kwarg):
                if extra is not None:
                    _bind(table, extra.arg, LOCAL)
        inner = prefix if scope.parent is None or scope.is_class else f"{prefix}.<locals>"
        stack = _roots(node)
        while stack:
            self._statement(stack.pop(), table, scope, inner, stack)
        return table

    def _statement(
        self,
        item: ast.AST,
        table: dict[str, Binding],
        scope: Scope,
        inner: str,
        stack: list[ast.AST],
    ) -> None:
        """Bindings made by one statement; compound statements push their bodies.

        Only statements and assignment targets are visited, not every expression, which makes
        this several times cheaper than a full walk. The price: a walrus (`:=`) buried in an
        expression is not seen as a binding, so such a name may resolve to an import.
        """
        kind = type(item)
        if kind in _BINDS_NOTHING:
            return  # most statements: nothing below binds a name for them, nor pushes a body
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            name = item.name  # type: ignore[attr-defined]
            _bind(table, name, Binding("def", f"{inner}.{name}", item))
        elif kind is ast.ClassDef:
            name = item.name  # type: ignore[attr-defined]
            _bind(table, name, Binding("class", f"{inner}.{name}", item))
        elif kind is ast.Import or kind is ast.ImportFrom:
            for name, dotted in imported(item, self.module, self.is_package):  # type: ignore[arg-type]
                if name == "*":
                    scope.star = True
                elif dotted is None:
                    _bind(table, name, LOCAL)
                else:
                    _bind(table, name, Binding("import", dotted))
        elif kind is ast.Assign or kind is ast.AnnAssign:
            assert isinstance(item, (ast.Assign, ast.AnnAssign))
            targets = item.targets if isinstance(item, ast.Assign) else [item.target]
            value = item.value
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                if scope.annotated is None:
                    scope.annotated = {}
                scope.annotated[item.target.id] = item.annotation
            for target in targets:
                if type(target) is ast.Name and value is not None and len(targets) == 1:
                    _bind(table, target.id, Binding("value", "", value))
                else:
                    _targets(target, table)
        elif kind is ast.AugAssign or kind is ast.Delete:
            for target in getattr(item, "targets", None) or [item.target]:  # type: ignore[attr-defined]
                _targets(target, table)
        elif kind is ast.For or kind is ast.AsyncFor:
            _targets(item.target, table)  # type: ignore[attr-defined]
            stack.extend(item.body)  # type: ignore[attr-defined]
            stack.extend(item.orelse)  # type: ignore[attr-defined]
        elif kind is ast.While or kind is ast.If:
            stack.extend(item.body)  # type: ignore[attr-defined]
            stack.extend(item.orelse)  # type: ignore[attr-defined]
        elif kind is ast.With or kind is ast.AsyncWith:
            assert isinstance(item, (ast.With, ast.AsyncWith))
            for with_item in item.items:
                var = with_item.optional_vars
                if type(var) is ast.Name:
                    _bind(table, var.id, Binding("value", "", with_item.context_expr))
                elif var is not None:
                    _targets(var, table)
            stack.extend(item.body)
        elif kind is ast.Try or kind.__name__ == "TryStar":
            stack.extend(item.body)  # type: ignore[attr-defined]
            stack.extend(item.orelse)  # type: ignore[attr-defined]
            stack.extend(item.finalbody)  # type: ignore[attr-defined]
            for handler in item.handlers:  # type: ignore[attr-defined]
                if handler.name:
                    _bind(table, handler.name, LOCAL)
                stack.extend(handler.body)
        elif kind is ast.Global or kind is ast.Nonlocal:
            names = item.names  # type: ignore[attr-defined]
            if kind is ast.Global:
                scope.globals.update(names)
                self._qualified = None  # see `qualify`
            for name in names:
                _bind(table, name, LOCAL)
        elif kind is ast.Match:
            for case in item.cases:  # type: ignore[attr-defined]
                for sub in walk(case.pattern):
                    bound = getattr(sub, "name", None) or getattr(sub, "rest", None)
                    if bound:
                        _bind(table, bound, LOCAL)
                stack.extend(case.body)

    # ---- lookups -------------------------------------------------------------------------
    def lookup(self, name: str, scope: Scope) -> Binding | None:
        """The binding *name* has when read in *scope*; None when unknown (a star import)."""
        current: Scope | None = scope
        first = True
        while current is not None:
            if current.is_class and not first:
                current = current.parent
                continue
            first = False
            if name in current.globals:
                current = self.module_scope
            table = self.bindings(current)
            found = table.get(name)
            if found is not None:
                return found
            if current.star:
                return None
            current = current.parent
        if name in BUILTINS:
            return Binding("import", name)
        return None

    def _scope_of(self, scope: Scope, name: str) -> Scope:
        """The scope whose table binds *name* (where its assigned value must be resolved)."""
        current: Scope | None = scope
        first = True
        while current is not None:
            if current.is_class and not first:
                current = current.parent
                continue
            first = False
            if name in current.globals:
                return self.module_scope
            if name in self.bindings(current):
                return current
            current = current.parent
        return self.module_scope


#: Statements that bind no name and hold no block (`_statement` has nothing to do for them):
#: tested first, as they are most statements, instead of after two dozen other types.
_BINDS_NOTHING = frozenset(
    (ast.Expr, ast.Return, ast.Raise, ast.Pass, ast.Break, ast.Continue, ast.Assert)
)


def _targets(target: ast.AST, table: dict[str, Binding]) -> None:
    kind = type(target)
    if kind is ast.Name:
        _bind(table, target.id, LOCAL)  # type: ignore[attr-defined]
    elif kind is ast.Tuple or kind is ast.List:
        for element in target.elts:  # type: ignore[attr-defined]
            _targets(element, table)
    elif kind is ast.Starred:
        _targets(target.value, table)  # type: ignore[attr-defined]
