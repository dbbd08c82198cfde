"""Name resolution: which import, definition or object a name in the scanned code stands for.

A linter that flags `sleep(1)` because `time` has a `sleep` would be useless: the user's own
`async def sleep` that is awaited, a parameter called `open`, `import time as t` and
`from time import sleep as nap` all have to come out right. Resolution follows Python's scoping:
the innermost function scope, then the enclosing functions, then the module, then builtins
(class bodies are not seen from their methods). A name bound in a scope in more than one way
(imported *and* assigned) is ambiguous and resolves to nothing, because the linter prefers
silence to a false alarm.

Names resolve to dotted strings: ``time.sleep`` for imports, ``sqlite3.connect()`` for "the
object returned by sqlite3.connect" (after ``conn = sqlite3.connect(...)`` or ``with ... as conn``),
so the data tables can name methods such as ``sqlite3.connect().execute``.

This is the one resolver of the project: code inference (`evidence.scopes`) fills the
same `Scope` tables by its own, more lenient rules (imports anywhere in a file count for the
whole file; a local's class is known where the code says it) and reads them through the same
`Resolver.lookup`, so "what a name stands for" has one definition of scopes, builtins and
imports. Inference may import the linter's resolver, the linter never imports inference.

The resolver is one class built in layers, one job per module: `bindings` (the `Scope` tables
and `lookup`), `attributes` (what ``self.x`` holds), `items` (what ``app[key]`` holds), and this
module (`qualify`: the dotted name of an expression). Beside it: `imports` (what an import
statement binds), `known_types` (paths and fluent library APIs), `statements` (statement walks)
and `callees` (`tail`, `source_name`, `call_values`, the callee helpers the checks share).
"""

from __future__ import annotations

import ast

from advisor.lint.bindings import FUNCTIONS, LOCAL, Scope
from advisor.lint.items import StoredItems
from advisor.lint.known_types import ANNOTATED, PATH, PATH_ATTRIBUTES, PATH_CLASSES, fluent
from advisor.lint.singletons import lazy_singleton
from advisor.lint.statements import walk

#: How many steps (calls and bindings followed; an attribute is free) `qualify` takes before it
#: gives up: enough for a local bound to a long fluent chain and then used in another
#: (Firestore's references, omi), while a pathological chain or a cycle of bindings stops.
_DEPTH = 16

#: Assigned values the resolver can type (what a call, a name, an attribute, a path join or an
#: item is); a constant or a comprehension is not followed.
_TYPED_VALUES = (ast.Call, ast.Name, ast.Attribute, ast.BinOp, ast.Subscript)
#: Marks a name's own type while `Resolver._agreed` decides it (never returned past it).
_SELF = "\x00"


class Resolver(StoredItems):
    """Resolves names and dotted expressions for one file."""

    def __init__(self, module: str, is_package: bool, module_node: ast.Module) -> None:
        self.module = module
        self.is_package = is_package
        self.module_scope = Scope(module_node, None, module)
        self._attribute_tables: dict[int, dict[str, list[tuple[ast.expr, Scope]] | None]] = {}
        #: per class (by id): ``self.<attr>: X = ...`` in its methods -> [(annotation, value)]
        self._attribute_notes: dict[int, dict[str, list[tuple[ast.expr, ast.expr | None]]]] = {}
        #: per class (by id) and direction: the related classes of the module (`_class_line`)
        self._lines: dict[tuple[int, bool], list[Scope]] = {}
        #: per class (by id): what its body builds under a name bound once (`Cls.LOCK`)
        self._class_body_tables: dict[int, dict[str, ast.expr]] = {}
        self._stores_through: dict[str, set[str]] | None = None
        self._item_table: dict[str, list[tuple[ast.expr, Scope, ast.expr | None]]] | None = None
        #: `qualify`'s memo: (id(expr), id(scope), depth) -> (scope, expr, result); None once
        #: a ``global`` statement was met.
        self._qualified: dict[tuple[int, int, int], tuple[Scope, ast.AST, str | None]] | None = {}
        #: the ``values`` bindings `_agreed` is deciding now (by id): a cycle guard
        self._agreeing: set[int] = set()

    def qualify(self, expr: ast.AST, scope: Scope, depth: int = 0) -> str | None:
        """The dotted name of *expr* (``time.sleep``, ``sqlite3.connect().execute``) or None.

        Memoised per file: several families qualify the same call, and every ``self.x.m()``
        qualifies what the class assigns to ``self.x`` again. The entry keeps the scope and
        the node alive, so their ids cannot be reused for another. A ``global`` statement
        changes how a scope's names resolve once its table is built (`lookup`), so the memo
        is dropped and no longer used from the first one the tables meet."""
        memo = self._qualified
        if memo is None:
            return self._qualify(expr, scope, depth)
        key = (id(expr), id(scope), depth)
        hit = memo.get(key)
        if hit is not None and hit[0] is scope:
            return hit[2]
        found = self._qualify(expr, scope, depth)
        if self._qualified is not None and (found is None or _SELF not in found):
            self._qualified[key] = (scope, expr, found)  # a name's own type is never kept
        return found

    @property
    def memoising(self) -> bool:
        """Whether answers read from the tables may be kept (no ``global`` statement met)."""
        return self._qualified is not None

    def _qualify(self, expr: ast.AST, scope: Scope, depth: int) -> str | None:
        if depth > _DEPTH:
            return None
        kind = type(expr)
        if kind is ast.Name:
            assert isinstance(expr, ast.Name)
            binding = self.lookup(expr.id, scope)
            if binding is None:
                return None
            if binding.kind in ("import", "def", "class"):
                return binding.target
            if binding.kind == "param" and binding.node is not None and scope.parent:
                owner = self._scope_of(scope, expr.id).parent or self.module_scope
                called = self.qualify(binding.node, owner, depth + 1)
                if called not in ANNOTATED:
                    return None
                return PATH if called in PATH_CLASSES else f"{called}()"
            if binding.kind == "value" and binding.node is not None:
                value = binding.node
                if type(value) in _TYPED_VALUES:
                    return self.qualify(value, self._scope_of(scope, expr.id), depth + 1)
            if binding.kind == "values":
                return self._agreed(binding.values, self._scope_of(scope, expr.id), depth)
            return None
        if kind is ast.Attribute:
            assert isinstance(expr, ast.Attribute)
            if type(expr.value) is ast.Name:
                name = expr.value.id
                typed = self._instance_attribute(name, expr.attr, scope, depth)
                if typed is None:
                    typed = self._class_body_attribute(name, expr.attr, scope, depth)
                if typed is not None:
                    return typed
            # An attribute adds no depth (`_DEPTH` counts calls and bindings, not AST levels).
            base = self.qualify(expr.value, scope, depth)
            if base == PATH and expr.attr in PATH_ATTRIBUTES:
                return PATH
            return f"{base}.{expr.attr}" if base else None
        if kind is ast.Call:
            assert isinstance(expr, ast.Call)
            called = self.qualify(expr.func, scope, depth + 1)
            if called is None:
                return None
            if type(expr.func) is ast.Name:
                returned = self._returned(expr.func.id, scope, depth)
                if returned is not None:
                    return returned
            return fluent(called) or f"{called}()"
        if kind is ast.Subscript:
            assert isinstance(expr, ast.Subscript)
            return self._item(expr, scope, depth)
        if kind is ast.BinOp and type(expr.op) is ast.Div:  # type: ignore[attr-defined]
            assert isinstance(expr, ast.BinOp)
            return PATH if self.qualify(expr.left, scope, depth + 1) == PATH else None
        return None

    def _agreed(self, values: tuple[ast.AST, ...], scope: Scope, depth: int) -> str | None:
        """The type of a name bound several times: the one every value states, else None.

        Sound where a single binding is (the resolver is flow-insensitive): whichever
        assignment ran last, the name holds that type. A value the resolver cannot type (a
        constant, an unknown call) leaves the name unknown, as before."""
        key = id(values)
        own = f"{_SELF}{key}{_SELF}"
        if key in self._agreeing:
            # `path = Path(p)`, then `path = path.resolve()`: the name's own type, decided by
            # the `_agreed` that asked (read once more, which keeps the cost linear)
            return own
        self._agreeing.add(key)
        try:
            found: str | None = None
            again: list[str] = []
            for value in values:
                if type(value) not in _TYPED_VALUES:
                    return None
                typed = self.qualify(value, scope, depth + 1)
                if typed is not None and _SELF in typed:
                    if not typed.startswith(own) or _SELF in typed[len(own) :]:
                        return None  # another name's own type: not decided here
                    again.append(typed[len(own) :])
                    continue
                if typed is None or (found is not None and typed != found):
                    return None
                found = typed
            if found is None:
                return None
            for rest in again:
                # `img = img.convert("RGB")`: a fluent call of the library on the name's own
                # type returns that type again (`known_types.fluent`), or the name is unknown
                if rest and not (rest.endswith("()") and fluent(found + rest[:-2]) == found):
                    return None
            return found
        finally:
            self._agreeing.discard(key)

    def assigned(self, expr: ast.expr, scope: Scope) -> list[ast.expr] | None:
        """The values the code binds to *expr* — a local (``q = Queue()``) or an attribute
        every method of the class assigns (``self.q = Queue()``) — or None when not known
        that way (a parameter, another object's attribute, tuple unpacking)."""
        if type(expr) is ast.Name:
            assert isinstance(expr, ast.Name)
            binding = self.lookup(expr.id, scope)
            if binding is None or binding.kind != "value" or binding.node is None:
                return None
            return [binding.node] if isinstance(binding.node, ast.expr) else None
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            cls = self._instance_class(expr.value.id, scope)
            if cls is None:
                return None
            values = self._related(cls, expr.attr)
            return [value for value, _where in values] if values else None
        return None

    def parameter(self, name: str, scope: Scope) -> bool:
        """True when *name*, read in *scope*, is an unannotated parameter of the function that
        binds it (not the method's ``self``/``cls``): a value whose type only its callers know."""
        owner = self._scope_of(scope, name)
        node = owner.node
        if not isinstance(node, FUNCTIONS) or self.bindings(owner).get(name) is not LOCAL:
            return False
        args = node.args
        for index, arg in enumerate((*args.posonlyargs, *args.args, *args.kwonlyargs)):
            if arg.arg == name:
                if index == 0 and owner.parent is not None and owner.parent.is_class:
                    return False
                return arg.annotation is None
        return False

    def _returned(self, name: str, scope: Scope, depth: int) -> str | None:
        """``client = get_client()`` where ``get_client`` is a plain `def` of this file whose
        only ``return`` hands back a known object (``return openai.OpenAI(...)``)."""
        binding = self.lookup(name, scope)
        node = binding.node if binding is not None and binding.kind == "def" else None
        if not isinstance(node, ast.FunctionDef) or node.decorator_list:
            return None
        returns = [
            n for n in walk(node) if type(n) is ast.Return or type(n) in (ast.Yield, ast.YieldFrom)
        ]
        if len(returns) != 1 or type(returns[0]) is not ast.Return:
            return None
        value = returns[0].value
        if type(value) is ast.Name:
            return lazy_singleton(self, node, value.id, depth)  # `global _pool; return _pool`
        if type(value) is not ast.Call:
            return None
        inner = Scope(node, self._scope_of(scope, name), f"{binding.target}")  # type: ignore[union-attr]
        returned = self.qualify(value, inner, depth + 1)
        return returned if returned is not None and returned.endswith("()") else None
