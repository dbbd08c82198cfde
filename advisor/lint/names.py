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
imports. The callee helpers the checks and the evidence share (`tail`, `source_name`) live here
too: inference may import the linter's resolver, the linter never imports inference.
"""

from __future__ import annotations

import ast
import builtins
from collections import deque
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from advisor.lint import clients

BUILTINS = frozenset(dir(builtins))
_UNPACK = (ast.Tuple, ast.List, ast.Starred)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)

#: A `pathlib` path stays a path through these (pathlib's API, not the user's): its ``parent``,
#: ``/``, and the methods that return another path. So ``(folder / "a.txt").read_text()`` and
#: ``path.with_suffix(".bak").write_bytes(b)`` resolve to ``pathlib.Path().read_text`` and
#: ``pathlib.Path().write_bytes``, the names the blocking table lists.
PATH = "pathlib.Path()"
_PATH_CLASSES = frozenset({"pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath"})
_PATH_FACTORIES = frozenset({"pathlib.Path.cwd", "pathlib.Path.home"})
_PATH_ATTRIBUTES = frozenset({"parent"})
_PATH_METHODS = frozenset(
    {"joinpath", "with_suffix", "with_name", "with_stem", "resolve", "absolute",
     "expanduser", "relative_to", "with_segments", "readlink"}
)  # fmt: skip
#: Parameter annotations taken at their word (``folder: Path``, ``context: ssl.SSLContext``):
#: the argument is such an object, when the name resolves to one of `_ANNOTATED`.
#: Also the clients and handles whose methods the blocking table or the library coroutines
#: list (``conn: sqlite3.Connection``, ``redis: Redis``, a2a's ``event_queue: EventQueue``).
_ANNOTATION_WORDS = frozenset({
    "Path", "PosixPath", "WindowsPath", "SSLContext", "Session", "Connection", "Cursor", "Redis",
    "StrictRedis", "DuckDBPyConnection", "DockerClient", "EventQueue", "TaskUpdater",
    "ClientSession", "DuckDBPyRelation",
})  # fmt: skip
_ANNOTATED = _PATH_CLASSES | {
    "ssl.SSLContext", "sqlalchemy.orm.Session", "sqlalchemy.orm.session.Session", "requests.Session",
    "sqlmodel.Session",
    "sqlite3.Connection", "sqlite3.Cursor", "redis.Redis", "redis.StrictRedis", "redis.client.Redis",
    "duckdb.DuckDBPyConnection", "docker.DockerClient", "a2a.server.events.EventQueue",
    "a2a.server.events.event_queue.EventQueue", "a2a.server.tasks.TaskUpdater",
    "aiohttp.ClientSession", "mcp.ClientSession", "duckdb.DuckDBPyRelation",
}  # fmt: skip
#: DuckDB's API is fluent: a connection (``duckdb.connect()``, a ``cursor()`` of one, or one
#: handed in typed ``duckdb.DuckDBPyConnection``) builds lazy relations (``con.sql(...)``,
#: ``rel.filter(...).limit(...)``) and only their fetch/execute methods run the query. So every
#: such step resolves to one of two names, and the blocking table lists the running methods of
#: each once (``duckdb.DuckDBPyRelation().fetchone``) instead of every chain.
DUCK_CONNECTION = "duckdb.DuckDBPyConnection()"
DUCK_RELATION = "duckdb.DuckDBPyRelation()"
_DUCK_CONNECTIONS = frozenset({"duckdb.connect", "duckdb.DuckDBPyConnection().cursor",
                               "duckdb.DuckDBPyConnection().duplicate"})  # fmt: skip
_DUCK_RELATION_METHODS = frozenset(
    {"sql", "query", "table", "view", "values", "from_query", "read_parquet", "from_parquet",
     "read_csv", "from_csv_auto", "read_json", "from_df", "from_arrow", "filter", "project",
     "select", "aggregate", "count", "limit", "order", "sort", "distinct", "join", "union",
     "except_", "intersect", "set_alias", "alias", "unique", "min", "max", "sum", "avg", "mean"}
)  # fmt: skip

#: SQLAlchemy's legacy `Query` is fluent the same way: ``db.query(User)`` on a synchronous
#: `Session` builds it, ``.filter(...).order_by(...)`` return it again, and only its running
#: methods (``first``, ``all``, ``one``, ...; listed once in the blocking table under
#: ``sqlalchemy.orm.Query()``) send SQL (open-wearables#571: a repository's
#: ``db.query(...).filter(...).filter(...).first()`` on a FastAPI dependency's session).
ORM_QUERY = "sqlalchemy.orm.Query()"
_ORM_SESSIONS = frozenset({"sqlalchemy.orm.Session()", "sqlalchemy.orm.session.Session()"})
_ORM_QUERY_METHODS = frozenset(
    {"filter", "filter_by", "where", "order_by", "group_by", "having", "join", "outerjoin",
     "options", "limit", "offset", "distinct", "select_from", "with_entities", "yield_per",
     "execution_options", "params", "correlate", "with_for_update", "populate_existing"}
)  # fmt: skip

#: The fluent APIs above in one table, read by `_fluent`: (the object a call returns, the calls
#: that make it, the objects whose methods return it, those methods). A path's methods return
#: a path, a DuckDB connection's and relation's return a relation, a `Query`'s a `Query`.
_FLUENT: tuple[tuple[str, frozenset[str], frozenset[str], frozenset[str]], ...] = (
    (PATH, _PATH_CLASSES | _PATH_FACTORIES, frozenset({PATH}), _PATH_METHODS),
    (DUCK_CONNECTION, _DUCK_CONNECTIONS, frozenset(), frozenset()),
    (
        DUCK_RELATION,
        frozenset(),
        frozenset({"duckdb", DUCK_CONNECTION, DUCK_RELATION}),
        _DUCK_RELATION_METHODS,
    ),
    (
        ORM_QUERY,
        frozenset(f"{session}.query" for session in _ORM_SESSIONS),
        frozenset({ORM_QUERY}),
        _ORM_QUERY_METHODS,
    ),
)


#: How many steps (calls and bindings followed; an attribute is free) `qualify` takes before it
#: gives up: enough for a local bound to a long fluent chain and then used in another
#: (Firestore's references, omi), while a pathological chain or a cycle of bindings stops.
_DEPTH = 16

#: Assigned values the resolver can type (what a call, a name, an attribute, a path join or an
#: item is); a constant or a comprehension is not followed.
_TYPED_VALUES = (ast.Call, ast.Name, ast.Attribute, ast.BinOp, ast.Subscript)


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


def relative_module(module: str, is_package: bool, level: int, name: str | None) -> str | None:
    """The absolute module of ``from {'.' * level}{name} import ...`` written in *module*."""
    if level == 0:
        return name
    parts = module.split(".") if module else []
    if not is_package:
        parts = parts[:-1]
    if level - 1 > len(parts):
        return None
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    base = ".".join(parts)
    if name:
        return f"{base}.{name}" if base else name
    return base or None


def imported(
    node: ast.Import | ast.ImportFrom, module: str = "", is_package: bool = False
) -> Iterator[tuple[str, str | None]]:
    """The names an import statement binds, each with the dotted name it stands for.

    ``import a.b`` binds ``a`` (to ``a``), ``import a.b as c`` binds ``c`` (to ``a.b``),
    ``from .m import f as g`` in package *module* binds ``g`` to ``<package>.m.f``. The target is
    None for a relative import that climbs above the top package; a star import yields ``*``
    with the module it reads. One definition for the linter and for inference, so both agree
    on what ``import numpy as np`` means.
    """
    if type(node) is ast.Import:
        for alias in node.names:
            if alias.asname:
                yield alias.asname, alias.name
            else:
                top = alias.name.partition(".")[0]
                yield top, top
        return
    assert isinstance(node, ast.ImportFrom)
    base = relative_module(module, is_package, node.level, node.module)
    for alias in node.names:
        if alias.name == "*":
            yield "*", base
        else:
            target = None if base is None else f"{base}.{alias.name}"
            yield alias.asname or alias.name, target


def tail(func: ast.expr) -> str | None:
    """The last name of a callee: ``sleep`` for ``time.sleep`` and for ``sleep``."""
    kind = type(func)  # `type() is`, not `isinstance`: called for every call of every file
    if kind is ast.Attribute:
        return func.attr  # type: ignore[attr-defined,no-any-return]
    if kind is ast.Name:
        return func.id  # type: ignore[attr-defined,no-any-return]
    return None


def call_values(call: ast.Call) -> Sequence[ast.expr]:
    """The values *call* hands over, positional then keyword (``f(a, *b, key=c)``: ``a``,
    ``*b``, ``c``). The call's own list when it has no keyword (most calls): several families
    look at every call's arguments, and a tuple built through a generator each time was a
    measurable share of the walk."""
    keywords = call.keywords
    if not keywords:
        return call.args
    return [*call.args, *(k.value for k in keywords)]


def source_name(expr: ast.expr) -> str:
    """The callee as written, for messages: ``conn.execute``, ``Session().get``, ``self.m``.

    Built from names only (no `ast.unparse`: this runs for every discarded call)."""
    parts: list[str] = []
    node: ast.expr = expr
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            parts.append("()")
            node = node.func
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            break
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, (ast.Constant, ast.Name)):
            key = node.slice
            parts.append(f"[{key.value!r}]" if isinstance(key, ast.Constant) else f"[{key.id}]")
            node = node.value
        else:
            parts.append("(...)")
            break
    text = ""
    for part in reversed(parts):
        text += part if (part == "()" or part[0] == "[" or not text) else f".{part}"
    return text if len(text) <= 60 else text[:57] + "..."


class Resolver:
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
        self._item_table: dict[str, list[tuple[ast.expr, Scope, ast.expr | None]]] | None = None
        #: `qualify`'s memo: (id(expr), id(scope), depth) -> (scope, expr, result); None once
        #: a ``global`` statement was met.
        self._qualified: dict[tuple[int, int, int], tuple[Scope, ast.AST, str | None]] | None = {}
        #: the ``values`` bindings `_agreed` is deciding now (by id): a cycle guard
        self._agreeing: set[int] = set()

    # ---- binding tables ------------------------------------------------------------------
    def bindings(self, scope: Scope) -> dict[str, Binding]:
        if scope.bindings is None:
            scope.bindings = self._collect(scope)
        return scope.bindings

    def _collect(self, scope: Scope) -> dict[str, Binding]:
        table: dict[str, Binding] = {}
        node = scope.node
        prefix = scope.qualname if scope.parent is None else f"{scope.qualname}"
        if isinstance(node, (*_FUNCTIONS, ast.Lambda)):
            args = node.args
            for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
                annotation = arg.annotation
                if annotation is not None and tail(annotation) in _ANNOTATION_WORDS:
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
                for sub in ast.walk(case.pattern):
                    bound = getattr(sub, "name", None) or getattr(sub, "rest", None)
                    if bound:
                        _bind(table, bound, LOCAL)
                stack.extend(case.body)
        elif kind is ast.Expr and type(item.value) is ast.Lambda:  # type: ignore[attr-defined]
            return

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
        if self._qualified is not None:
            self._qualified[key] = (scope, expr, found)
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
                if called not in _ANNOTATED:
                    return None
                return PATH if called in _PATH_CLASSES else f"{called}()"
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
                typed = self._instance_attribute(expr.value.id, expr.attr, scope, depth)
                if typed is not None:
                    return typed
            # An attribute adds no depth (`_DEPTH` counts calls and bindings, not AST levels).
            base = self.qualify(expr.value, scope, depth)
            if base == PATH and expr.attr in _PATH_ATTRIBUTES:
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
            return _fluent(called) or f"{called}()"
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
        if key in self._agreeing:
            # `path = Path(p)`, then `path = path.resolve()`: a type that depends on itself is
            # left unknown, which also keeps the cost linear in the number of values.
            return None
        self._agreeing.add(key)
        try:
            found: str | None = None
            for value in values:
                if type(value) not in _TYPED_VALUES:
                    return None
                typed = self.qualify(value, scope, depth + 1)
                if typed is None or (found is not None and typed != found):
                    return None
                found = typed
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

    def attribute_values(
        self, name: str, attr: str, scope: Scope
    ) -> list[tuple[ast.expr, Scope]] | None:
        """``self.<attr>`` read in a method of *scope* (*name* its instance parameter): every
        value the class's methods assign it, each with the method's scope (the table
        `_attributes` builds once per class); None when not a method's instance attribute or
        bound another way."""
        cls = self._instance_class(name, scope)
        return None if cls is None else self._related(cls, attr)

    def attribute_annotations(
        self, name: str, attr: str, scope: Scope
    ) -> list[tuple[ast.expr, ast.expr | None]] | None:
        """``self.<attr>: X = value`` in the methods of the class of the method *scope* is in
        (*name* its instance parameter): each annotation with the value it annotates (the
        same table walk as `attribute_values`); None when not a method's instance attribute."""
        cls = self._instance_class(name, scope)
        if cls is None:
            return None
        self._attributes(cls)
        return self._attribute_notes[id(cls.node)].get(attr)

    def _instance_class(self, name: str, scope: Scope) -> Scope | None:
        """The class whose method *name* is the instance parameter of (``self`` in a method of
        *scope*'s class), or None when *name* is no method's instance parameter there."""
        owner = self._scope_of(scope, name)
        method = owner.node
        if (
            owner.parent is not None
            and owner.parent.is_class
            and isinstance(method, _FUNCTIONS)
            and _instance_parameter(method) == name
        ):
            return owner.parent
        return None

    # ---- what a method's `self.x` and a helper's result are ---------------------------------
    def _instance_attribute(self, name: str, attr: str, scope: Scope, depth: int) -> str | None:
        """``self.session`` in a method: what the class's methods assign to it, when they all
        assign the same thing (``self.session = requests.Session()`` in ``__init__``); None
        when *name* is not the method's instance parameter or the attribute is not known so."""
        assigned = self.attribute_values(name, attr, scope)
        if not assigned:
            return None
        found = {self.qualify(value, where, depth + 1) for value, where in assigned}
        if len(found) != 1:
            return None
        return found.pop()

    def _attributes(self, cls: Scope) -> dict[str, list[tuple[ast.expr, Scope]] | None]:
        """Every ``self.<attr> = value`` in the methods of the class *cls* (None values left
        out, the way `_bind` leaves them out); an attribute also bound another way (tuple
        unpacking, augmented or chained assignment) maps to None: unknown."""
        key = id(cls.node)
        table = self._attribute_tables.get(key)
        if table is not None:
            return table
        table = {}
        notes: dict[str, list[tuple[ast.expr, ast.expr | None]]] = {}
        for method in getattr(cls.node, "body", ()):
            me = _instance_parameter(method) if isinstance(method, _FUNCTIONS) else None
            if me is None:
                continue
            where = Scope(method, cls, f"{cls.qualname}.{method.name}")
            for node in _statements(method):
                kind = type(node)
                if kind is ast.Assign or kind is ast.AnnAssign:
                    targets = node.targets if kind is ast.Assign else [node.target]  # type: ignore[attr-defined]
                    value = node.value  # type: ignore[attr-defined]
                    plain = len(targets) == 1
                    if kind is ast.AnnAssign:
                        attr = _self_attr(node.target, me)  # type: ignore[attr-defined]
                        if attr is not None:
                            notes.setdefault(attr, []).append((node.annotation, value))  # type: ignore[attr-defined]
                    for target in targets:
                        for item in ast.walk(target) if type(target) in _UNPACK else (target,):
                            attr = _self_attr(item, me)
                            if attr is None:
                                continue
                            entry = table.setdefault(attr, [])
                            if not plain or item is not target or entry is None:
                                table[attr] = None
                            elif value is not None and not (
                                type(value) is ast.Constant and value.value is None
                            ):
                                entry.append((value, where))
                elif kind is ast.AugAssign:
                    attr = _self_attr(node.target, me)  # type: ignore[attr-defined]
                    if attr is not None:
                        table[attr] = None
        body: dict[str, list[tuple[ast.expr, Scope]]] = {}
        for stmt in getattr(cls.node, "body", ()):
            # `_lock = Lock()` in the class body: what `self._lock` reads when no method sets
            # it (pylitterbot#182's session lock); only a constructed object counts. One a
            # method sets is typed by the methods alone: a class-body call is often a
            # descriptor or a field's declaration (traitlets' `spawner = Any()`, a dataclass
            # `field()`), not the value the instance holds.
            target = _class_attribute(stmt)
            if target is not None and target not in table:
                body.setdefault(target, []).append((stmt.value, cls))
        table.update(body)
        self._attribute_tables[key] = table
        self._attribute_notes[key] = notes
        return table

    def _related(self, cls: Scope, attr: str) -> list[tuple[ast.expr, Scope]] | None:
        """``self.<attr>``'s values in a method of *cls*: what the class itself assigns
        (`_attributes`); else what its bases in this module assign (an attribute set in the
        base's ``__init__``, read in a subclass's coroutine); else what its subclasses in this
        module assign (read in the base's coroutine, set in each subclass's ``__init__``: every
        such instance is a subclass's). Classes of other modules are not looked at."""
        own = self._attributes(cls)
        if attr in own:
            return own[attr]
        for related in (self._class_line(cls, up=True), self._class_line(cls, up=False)):
            values: list[tuple[ast.expr, Scope]] = []
            for other in related:
                found = self._attributes(other).get(attr, [])
                if found is None:
                    return None
                values.extend(found)
            if values:
                return values
        return None

    def _class_line(self, cls: Scope, *, up: bool) -> list[Scope]:
        """The module-level classes of this module above *cls* (its bases, their bases) or
        below it (subclasses, theirs), named by a plain name; empty for a nested class."""
        if cls.parent is not self.module_scope or not isinstance(cls.node, ast.ClassDef):
            return []
        key = (id(cls.node), up)
        known = self._lines.get(key)
        if known is None:
            known = self._lines[key] = self._walk_line(cls.node, up)
        return known

    def _walk_line(self, start: ast.ClassDef, up: bool) -> list[Scope]:
        """`_class_line`'s walk, done once per class and direction."""
        classes = {
            n.name: n
            for n in getattr(self.module_scope.node, "body", ())
            if type(n) is ast.ClassDef
        }
        if classes.get(start.name) is not start:
            return []  # a name the module binds twice

        def parents(node: ast.ClassDef) -> list[str]:
            return [b.id for b in node.bases if type(b) is ast.Name and b.id in classes]

        found: list[Scope] = []
        seen = {start.name}
        todo = [start.name]
        while todo:
            name = todo.pop()
            if up:
                following = parents(classes[name])
            else:
                following = [n for n, c in classes.items() if name in parents(c)]
            for other in following:
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
                    node = classes[other]
                    qualname = f"{self.module}.{node.name}"
                    found.append(Scope(node, self.module_scope, qualname, is_class=True))
        return found

    def _item(self, expr: ast.Subscript, scope: Scope, depth: int) -> str | None:
        """``app["tracer"]``: what this file stores under that item, when every store puts the
        same kind of object there (``app["tracer"] = Tracer(...)``), or the type an aiohttp
        ``AppKey("tracer", Tracer)`` key declares. The mapping is known by its last name
        (``app``, ``request.app``: aiohttp hands handlers the application that way) and the key
        must be a constant: a string, a name bound to one, or the same name in the same scope
        (a closure reading its enclosing function's ``key`` parameter)."""
        typed = self._annotated_item(expr, scope, depth)
        if typed is not None:
            return typed
        if type(expr.value) in (ast.Name, ast.Attribute, ast.Subscript):
            # an item of a client library's object is another (`clients.ITEM`): `db[name]`
            owner = self.qualify(expr.value, scope, depth + 1)
            if (
                owner is not None
                and "()" in owner
                and clients.is_object(owner, clients.libraries())
            ):
                return f"{owner}.{clients.ITEM}"
        mapping = _last_name(expr.value)
        key = self._key(expr.slice, scope)
        if mapping is None or key is None:
            return None
        declared = self._declared(expr.slice, scope, depth)
        if declared is not None:
            return declared
        stored: list[tuple[ast.expr, Scope]] = []
        for slice_, where, value in self._items().get(mapping, ()):
            if self._key(slice_, where) != key:
                continue
            if value is None:
                return None  # also stored another way: unknown
            stored.append((value, where))
        if not stored:
            return None
        found = {self.qualify(value, where, depth + 1) for value, where in stored}
        if len(found) != 1:
            return None
        typed = found.pop()
        return typed if typed is not None and typed.endswith("()") else None

    def _annotated_item(self, expr: ast.Subscript, scope: Scope, depth: int) -> str | None:
        """``self._connections[key]`` where the class annotates the attribute
        ``dict[str, sqlite3.Connection]`` (or ``Dict``, ``Mapping``): an object of the value's
        type, when that type is one taken at its word (`_ANNOTATED`: DBJavaGenix #155's
        connection manager). Every annotation of the attribute must name the same type."""
        owner = expr.value
        if type(owner) is not ast.Attribute or type(owner.value) is not ast.Name:
            return None
        notes = self.attribute_annotations(owner.value.id, owner.attr, scope)
        if not notes:
            return None
        found = set()
        for annotation, _value in notes:
            if type(annotation) is not ast.Subscript:
                return None
            pair = annotation.slice
            if type(pair) is not ast.Tuple or len(pair.elts) != 2:
                return None
            value_type = pair.elts[1]
            if tail(value_type) not in _ANNOTATION_WORDS:
                return None
            found.add(self.qualify(value_type, self.module_scope, depth + 1))
        if len(found) != 1:
            return None
        called = found.pop()
        if called not in _ANNOTATED:
            return None
        return PATH if called in _PATH_CLASSES else f"{called}()"

    def stored(self, expr: ast.Subscript, scope: Scope) -> list[tuple[ast.expr, Scope]] | None:
        """What this file stores under the item ``app[key]`` (the same mapping and key rules as
        `_item`): each stored value with its scope, or None when the key is not constant or the
        item is also stored another way."""
        mapping = _last_name(expr.value)
        key = self._key(expr.slice, scope)
        if mapping is None or key is None:
            return None
        stored: list[tuple[ast.expr, Scope]] = []
        for slice_, where, value in self._items().get(mapping, ()):
            if self._key(slice_, where) != key:
                continue
            if value is None:
                return None
            stored.append((value, where))
        return stored

    def parameter(self, name: str, scope: Scope) -> bool:
        """True when *name*, read in *scope*, is an unannotated parameter of the function that
        binds it (not the method's ``self``/``cls``): a value whose type only its callers know."""
        owner = self._scope_of(scope, name)
        node = owner.node
        if not isinstance(node, _FUNCTIONS) or self.bindings(owner).get(name) is not LOCAL:
            return False
        args = node.args
        for index, arg in enumerate((*args.posonlyargs, *args.args, *args.kwonlyargs)):
            if arg.arg == name:
                if index == 0 and owner.parent is not None and owner.parent.is_class:
                    return False
                return arg.annotation is None
        return False

    def _key(self, key: ast.expr, scope: Scope) -> str | None:
        """A key's identity: ``s:<text>`` for a string constant (written in place or bound
        once to a name), ``n:<scope>:<name>`` for a name bound otherwise (the same binding is
        the same key), None for anything else (a key computed at run time)."""
        if type(key) is ast.Constant:
            value = key.value
            return f"s:{value}" if isinstance(value, str) else None
        if type(key) is not ast.Name:
            return None
        name = key.id
        binding = self.lookup(name, scope)
        if binding is None:
            return None
        node = binding.node
        if binding.kind == "value" and type(node) is ast.Constant and isinstance(node.value, str):
            return f"s:{node.value}"
        if binding.kind == "import":
            return f"i:{binding.target}"
        if binding.kind in ("value", "values", "local", "param"):
            owner = self._scope_of(scope, name)
            if name in owner.globals:
                owner = self.module_scope
            return f"n:{id(owner.node)}:{name}"
        return None

    def _declared(self, key: ast.expr, scope: Scope, depth: int) -> str | None:
        """``TRACER = web.AppKey("tracer", Tracer)``: aiohttp's typed key names the type."""
        if type(key) is not ast.Name:
            return None
        binding = self.lookup(key.id, scope)
        node = binding.node if binding is not None and binding.kind == "value" else None
        if not (isinstance(node, ast.Call) and len(node.args) == 2 and tail(node.func) == "AppKey"):
            return None
        where = self._scope_of(scope, key.id)
        called = self.qualify(node.func, where, depth + 1)
        if called is None or not called.startswith("aiohttp."):
            return None
        kind = self.qualify(node.args[1], where, depth + 1)
        return f"{kind}()" if kind is not None and "(" not in kind else None

    def _items(self) -> dict[str, list[tuple[ast.expr, Scope, ast.expr | None]]]:
        """Every ``mapping[key] = value`` of the file, by the mapping's last name: the key
        expression, the scope it is written in and the value (None when the item is also
        stored another way: augmented, unpacked, chained). Built once per file, on the first
        item a call is made on; keys are compared only for the mapping asked about."""
        if self._item_table is not None:
            return self._item_table
        table: dict[str, list[tuple[ast.expr, Scope, ast.expr | None]]] = {}
        # Item stores are statements, and only statements hold statements: the walk descends
        # through statements (and `except`/`case` clauses) only, never into expressions, and
        # meets the stores in the same order a walk of every node would.
        stack: list[tuple[ast.AST, Scope]] = [(self.module_scope.node, self.module_scope)]
        while stack:
            node, scope = stack.pop()
            for child in _statement_children(node):
                kind = type(child)
                if kind is ast.ClassDef or kind in _FUNCTIONS:
                    name = child.name  # type: ignore[attr-defined]
                    inner = (
                        f"{scope.qualname}.{name}"
                        if scope.parent is None or scope.is_class
                        else f"{scope.qualname}.<locals>.{name}"
                    )
                    is_class = kind is ast.ClassDef
                    stack.append((child, Scope(child, scope, inner, is_class=is_class)))
                    continue
                if kind is ast.Assign or kind is ast.AnnAssign or kind is ast.AugAssign:
                    targets = child.targets if kind is ast.Assign else [child.target]  # type: ignore[attr-defined]
                    value = child.value  # type: ignore[attr-defined]
                    plain = kind is not ast.AugAssign and len(targets) == 1
                    for target in targets:
                        items = ast.walk(target) if type(target) in _UNPACK else (target,)
                        for item in items:
                            if type(item) is not ast.Subscript:
                                continue
                            mapping = _last_name(item.value)
                            if mapping is None or value is None:
                                continue
                            if type(value) is ast.Constant and value.value is None:
                                continue  # `app["session"] = None`, the way `_bind` skips it
                            known = value if plain and item is target else None
                            entry = (item.slice, scope, known)
                            table.setdefault(mapping, []).append(entry)
                stack.append((child, scope))
        self._item_table = table
        return table

    def _returned(self, name: str, scope: Scope, depth: int) -> str | None:
        """``client = get_client()`` where ``get_client`` is a plain `def` of this file whose
        only ``return`` hands back a known object (``return openai.OpenAI(...)``)."""
        binding = self.lookup(name, scope)
        node = binding.node if binding is not None and binding.kind == "def" else None
        if not isinstance(node, ast.FunctionDef) or node.decorator_list:
            return None
        returns = [
            n
            for n in ast.walk(node)
            if type(n) is ast.Return or type(n) in (ast.Yield, ast.YieldFrom)
        ]
        if len(returns) != 1 or type(returns[0]) is not ast.Return:
            return None
        value = returns[0].value
        if type(value) is not ast.Call:
            return None
        inner = Scope(node, self._scope_of(scope, name), f"{binding.target}")  # type: ignore[union-attr]
        returned = self.qualify(value, inner, depth + 1)
        return returned if returned is not None and returned.endswith("()") else None

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


#: The node types that are or may hold statements (where `Resolver._items` looks for stores).
_HOLDS_STATEMENTS = frozenset(
    kind
    for kind in vars(ast).values()
    if isinstance(kind, type) and issubclass(kind, (ast.stmt, ast.excepthandler, ast.match_case))
)


def _fluent(called: str) -> str | None:
    """The object a call of a fluent API returns (`_FLUENT`), or None."""
    owner, _, method = called.rpartition(".")
    for result, makers, owners, methods in _FLUENT:
        if called in makers or (owner in owners and method in methods):
            return result
    return None


def _statements(node: ast.AST) -> Iterator[ast.AST]:
    """*node* and every statement (and ``except``/``case`` clause) under it, nested functions
    and classes included, in `ast.walk`'s order: the assignments `ast.walk` would meet,
    without visiting a single expression (no statement is ever inside one)."""
    todo = deque([node])
    while todo:
        node = todo.popleft()
        todo.extend(_statement_children(node))
        yield node


#: The fields that may hold statements (or ``except``/``case`` clauses): no other field of any
#: node type does, so the walks for statements read these alone, not every child expression.
_STATEMENT_FIELDS = frozenset(("body", "handlers", "orelse", "finalbody", "cases"))
_STATEMENT_FIELDS_OF: dict[type[ast.AST], tuple[str, ...]] = {}


def _statement_children(node: ast.AST) -> list[ast.AST]:
    """The statements (and clauses) right under *node*, in `ast.iter_child_nodes`'s order."""
    kind = type(node)
    fields = _STATEMENT_FIELDS_OF.get(kind)
    if fields is None:
        fields = _STATEMENT_FIELDS_OF[kind] = tuple(
            f for f in kind._fields if f in _STATEMENT_FIELDS
        )
    found: list[ast.AST] = []
    for field in fields:
        value = getattr(node, field, None)
        if type(value) is list:
            found.extend(item for item in value if type(item) in _HOLDS_STATEMENTS)
        elif isinstance(value, ast.AST) and type(value) in _HOLDS_STATEMENTS:
            found.append(value)
    return found


def _last_name(expr: ast.expr) -> str | None:
    """``app`` of ``app`` and of ``request.app``: how a mapping is known across functions."""
    if type(expr) is ast.Name:
        return expr.id
    if type(expr) is ast.Attribute:
        return expr.attr
    return None


def _instance_parameter(method: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The name a method calls its instance (``self``), None for static and class methods."""
    for decorator in method.decorator_list:
        if isinstance(decorator, ast.Name) and decorator.id in ("staticmethod", "classmethod"):
            return None
    positional = [*method.args.posonlyargs, *method.args.args]
    return positional[0].arg if positional else None


def _class_attribute(stmt: ast.AST) -> str | None:
    """``x`` of ``x = Cls(...)`` (or ``x: T = Cls(...)``) written in a class body."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
    elif isinstance(stmt, ast.AnnAssign):
        target = stmt.target
    else:
        return None
    if not isinstance(target, ast.Name) or type(stmt.value) is not ast.Call:
        return None
    return target.id


def _self_attr(target: ast.AST, me: str) -> str | None:
    """``x`` of ``self.x`` (with *me* the instance parameter's name), else None."""
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
        return target.attr if target.value.id == me else None
    return None


def _targets(target: ast.AST, table: dict[str, Binding]) -> None:
    kind = type(target)
    if kind is ast.Name:
        _bind(table, target.id, LOCAL)  # type: ignore[attr-defined]
    elif kind is ast.Tuple or kind is ast.List:
        for element in target.elts:  # type: ignore[attr-defined]
            _targets(element, table)
    elif kind is ast.Starred:
        _targets(target.value, table)  # type: ignore[attr-defined]
