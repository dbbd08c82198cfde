"""Which def of the scan a coroutine's or a plain def's call names, for ADV101 one call away
(`checks.reach`): ``q:`` a function or the method of a class the code states, ``b:`` a method
``super()`` finds in a base, ``n:`` a method on what the class's constructor is handed, ``r:``
a method on what a def of the scan returns, ``a:`` one of several classes built by
configuration, ``h:`` a method on a blocking handle a def returns.

Receivers are resolved by class, never by a method's bare name (`checks.receivers`): guessing
from ``client.fetch()`` costs more false alarms than it finds. The module's classes, their
bases, its module-level instances and its defs' return annotations are kept as facts too, so
the join after the scan (`reach_chains.resolve`) can type a call written in another file.
Split from `reach.py` (behaviour unchanged): naming the callee is one job, recording what a def
does with it another.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Mapping
from typing import Any

from advisor.lint.bindings import BUILTINS
from advisor.lint.callees import tail
from advisor.lint.checks.base import ASYNC, FileContext
from advisor.lint.checks.harmless import unless_applies
from advisor.lint.checks.receivers import (
    annotation_class,
    constructor_parameter,
    receiver_class,
    stores_of,
)
from advisor.lint.clients import client_object, client_waits
from advisor.lint.clients import libraries as client_libraries

_FOREIGN = frozenset(sys.stdlib_module_names) | BUILTINS


_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


#: Decorators that turn a generator into a context manager: its ``with`` binds what it yields.
_MANAGERS = frozenset({"contextlib.contextmanager", "contextlib.asynccontextmanager"})


#: The annotations of such a generator whose first argument is the yielded type.
_YIELDED = frozenset({"Iterator", "Generator", "AsyncIterator", "AsyncGenerator"})


#: Decorators that leave a method's result as it is.
_PLAIN_METHODS = frozenset({"staticmethod", "classmethod", "abc.abstractmethod"})


_HANDLES: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _handles(table: Mapping[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    """The objects whose methods the table lists (``sqlite3.connect``,
    ``sqlite3.connect().cursor``): a def returning one returns a blocking handle; and their
    last names (``connect``, ``cursor``), a cheap test before resolving a returned call.
    Built once per table."""
    found = _HANDLES.get(id(table))
    if found is None:
        names = frozenset(name.rpartition("().")[0] for name in table if "()." in name)
        tails = frozenset(name.rpartition(".")[2] for name in names)
        found = _HANDLES[id(table)] = (names, tails)
    return found


class Targets:
    """The callee-naming half of `reach.BlockingReach` (its base): every method reads the
    family's state through *self*, which `BlockingReach.__init__` sets up."""

    ctx: FileContext
    data: dict[str, Any]
    #: Whether the last named callee's first parameter is bound (`_target`).
    last_bound: bool
    own_top: str
    transparent: set[str]
    own_methods: dict[str, list[str]]
    handles: tuple[frozenset[str], frozenset[str]]
    table: dict[str, Any]
    constructed: list[list[Any]]

    def _instances(self) -> dict[str, str]:
        """``auth_manager = AuthManager()`` at module level, bound once: ``pkg.auth.auth_manager``
        -> ``pkg.auth.AuthManager``. Another module that imports the instance
        (``from pkg.auth import auth_manager``) calls ``auth_manager.verify_password(...)``, which
        its own resolver can only spell ``pkg.auth.auth_manager.verify_password``; `resolve`
        reads it as the method of the class (odysseus #73's login route, ppt-mcp #198's COM
        wrapper). Only a class-like name (capitalised) of the scan or a library outside the
        standard library counts; a factory's result (``logging.getLogger()``) is not a class."""
        ctx = self.ctx
        found: dict[str, str] = {}
        for name, binding in ctx.resolver.bindings(ctx.resolver.module_scope).items():
            if binding.kind != "value" or type(binding.node) is not ast.Call:
                continue
            func = binding.node.func
            if not (tail(func) or "")[:1].isupper():
                continue
            qualified = ctx.resolver.qualify(binding.node, ctx.resolver.module_scope)
            if not qualified or not qualified.endswith("()") or qualified.count("(") != 1:
                continue
            top = qualified.partition(".")[0]
            if top in _FOREIGN and top != self.own_top:
                continue
            found[f"{ctx.module}.{name}"] = qualified[:-2]
        return found

    def _client_objects(self) -> dict[str, str]:
        """``db = firestore.Client()`` at module level: ``pkg.database.db`` -> the library
        object's name. Another module that imports it (`from pkg.database import db`) calls
        ``db.collection(...).get()``, which `resolve` reads through this map and the blocking
        table (`clients.imported_client_call`; omi's shared Firestore client)."""
        ctx = self.ctx
        libraries = client_libraries()
        found: dict[str, str] = {}
        if not libraries:
            return found
        for name, binding in ctx.resolver.bindings(ctx.resolver.module_scope).items():
            if binding.kind != "value" or type(binding.node) is not ast.Call:
                continue
            qualified = ctx.resolver.qualify(binding.node, ctx.resolver.module_scope)
            if qualified and client_object(qualified, libraries):
                found[f"{ctx.module}.{name}"] = qualified
        return found

    def _typed_returns(self) -> dict[str, str]:
        """Each def whose return annotation names a class that may be the scan's: what a call
        of it hands back (``def get_repo() -> UserRepository``), or for a ``@contextmanager``
        what its ``with`` binds (``-> Iterator[DuckDBSession]``: mxcp #153's
        ``with self._runtime.get_connection() as session``). `resolve` reads a call on such a
        result (``session.execute_query_to_dict(...)``, ``r:``) as that class's method. A def
        behind any other decorator is left out: the decorator may hand back anything."""
        ctx = self.ctx
        module_scope = ctx.resolver.module_scope
        found: dict[str, str] = {}
        for frame in ctx.frame_of.values():
            node = frame.node
            if not isinstance(node, _DEFS) or node.returns is None:
                continue
            annotation: ast.expr = node.returns
            managed = None
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                qualified = ctx.resolver.qualify(target, module_scope)
                if qualified in _MANAGERS:
                    managed = qualified
                elif qualified not in self.transparent and qualified not in _PLAIN_METHODS:
                    break
            else:
                if managed is not None:
                    if not (
                        isinstance(annotation, ast.Subscript) and tail(annotation.value) in _YIELDED
                    ):
                        continue
                    annotation = annotation.slice
                    if isinstance(annotation, ast.Tuple) and annotation.elts:
                        annotation = annotation.elts[0]
                owner = frame.scope.parent or module_scope
                cls = annotation_class(ctx, annotation, owner)
                if cls and cls.rpartition(".")[2][:1].isupper():
                    found[frame.qualname] = cls
        return found

    def _by_return(self, func: ast.expr) -> str | None:
        """``r:<callee>:<method>`` for ``name.method()`` where *name* is a local bound once to
        a call of a function or method of the scan (``session = make()``, or ``with
        self._runtime.get_connection() as session``): `resolve` types *name* by the callee's
        return annotation (`_typed_returns`)."""
        ctx = self.ctx
        if not isinstance(func, ast.Attribute) or not isinstance(func.value, ast.Name):
            return None
        name = func.value.id
        binding = ctx.resolver.bindings(ctx.scope).get(name)
        if binding is None or binding.kind != "value" or type(binding.node) is not ast.Call:
            return None
        if stores_of(ctx, ctx.frame.node).get(name, 0) != 1:
            return None
        bound = self.last_bound
        inner = self._target(binding.node.func)
        self.last_bound = bound
        if inner is None or inner[0] != "q":
            return None
        return f"r:{inner[2:]}:{func.attr}"

    def _alternatives(self, func: ast.expr) -> str | None:
        """``a:<A.m>|<B.m>`` for ``self.<attr>.m()`` where the class's methods construct
        ``self.<attr>`` from two or more classes (``RedisCache(url)`` or ``MemoryCache()`` by
        configuration, SynapseKit #777) and nothing else (None aside): the call runs the
        method of whichever was built, and `resolve` reports it when one of them blocks."""
        ctx = self.ctx
        frame = ctx.frame
        if not (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Attribute)
            and isinstance(func.value.value, ast.Name)
            and frame.self_name
            and func.value.value.id == frame.self_name
        ):
            return None
        values = ctx.resolver.attribute_values(frame.self_name, func.value.attr, ctx.scope)
        if not values or len(values) < 2:
            return None
        classes = set()
        for value, where in values:
            if type(value) is not ast.Call or not (tail(value.func) or "")[:1].isupper():
                return None
            qualified = ctx.resolver.qualify(value, where)
            if not qualified or not qualified.endswith("()") or qualified.count("(") != 1:
                return None
            top = qualified.partition(".")[0]
            if top in _FOREIGN and top != self.own_top:
                return None
            classes.add(qualified[:-2])
        if len(classes) < 2:
            return None
        return "a:" + "|".join(f"{cls}.{func.attr}" for cls in sorted(classes))

    def _bases(self) -> dict[str, list[str]]:
        """The module's classes -> their bases that may be the scan's (qualified): a method a
        class inherits is looked up there (`resolve`), ``Child().save()`` reaching
        ``Base.save``."""
        resolver = self.ctx.resolver
        found: dict[str, list[str]] = {}
        for binding in resolver.bindings(resolver.module_scope).values():
            node = binding.node
            if binding.kind != "class" or not isinstance(node, ast.ClassDef):
                continue
            own = sorted({m.name for m in node.body if isinstance(m, _DEFS)})
            if own:  # also a class with no base: it may implement a Protocol by shape
                self.own_methods[binding.target] = own
            kept = []
            for base in node.bases:
                qualified = resolver.qualify(base, resolver.module_scope)
                if qualified and "(" not in qualified:
                    top = qualified.partition(".")[0]
                    if top not in _FOREIGN or top == self.own_top:
                        kept.append(qualified)
            if kept:
                # the methods it defines itself (`own_methods`, above): one that does not
                # block still hides its bases' (`resolve`'s `inherited`)
                found[binding.target] = kept
        return found

    # ---- calls that may reach a plain def ------------------------------------------------
    def _target(self, func: ast.expr) -> str | None:
        """``q:<qualified name>`` of a callee that may be a function of the scan, or None.

        Cheap tests first: the callee's root must be ``self`` in a method, or a module-level
        definition or import that is not the standard library's (nested functions and
        parameters are not followed)."""
        ctx = self.ctx
        frame = ctx.frame
        # Whether the call goes through an instance (`self.m()`, `store.m()` of a constructed or
        # annotated `store`): the callee's first parameter is then bound (`arguments.bind`).
        self.last_bound = True
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            root = func.value.id
            if frame.cls is not None and root == frame.self_name:
                return f"q:{frame.cls[0]}.{func.attr}"
        if isinstance(func, ast.Attribute) and type(func.value) is ast.Call:
            owner = self._super_of(func.value)
            if owner is not None:
                # `super().__init__(...)`: the first base of the scan that defines it
                # (`resolve`'s `inherited`), never the class's own method
                return f"b:{owner}:{func.attr}"
        if isinstance(func, ast.Attribute):
            owner = receiver_class(self.ctx, func.value)
            if owner is not None:
                return f"q:{owner}.{func.attr}"
        self.last_bound = False
        base = func
        while True:
            if isinstance(base, ast.Attribute):
                base = base.value
            elif isinstance(base, ast.Call):
                base = base.func
            else:
                break
        if not isinstance(base, ast.Name):
            return None if base is func else self._handle_call(func)
        root = base.id
        if frame.cls is not None and root == frame.self_name:
            instance = True  # `self.store.write()`: the attribute's class, if the class says
        else:
            instance = False
            binding = ctx.resolver.bindings(ctx.resolver.module_scope).get(root)
            if binding is None:
                # a local assigned from a call (`store = Store(path)`): resolved below
                binding = ctx.resolver.bindings(ctx.scope).get(root)
                if (
                    binding is None
                    and type(func) is ast.Name
                    and type(frame.node) is ast.FunctionDef
                ):
                    # a plain function run on a loop (a FastMCP tool, `checks.loop_tools`)
                    # calling a closure of the function around it (hive's `_make_request`
                    # beside the tools `register_tools` defines): its qualified name is the
                    # walk's. Not from a coroutine: measured on the package sets, it added
                    # khoj's telemetry chain from a nested `send_event`, a false alarm.
                    outer = ctx.resolver.lookup(root, ctx.scope)
                    if outer is not None and outer.kind == "def" and "<locals>" in outer.target:
                        return f"q:{outer.target}"
                if binding is None or binding.kind != "value" or type(binding.node) is not ast.Call:
                    return self._handle_call(func)  # `db.cursor().execute` of `db: Database`
            elif binding.kind == "import":
                top = binding.target.partition(".")[0]
                if top in _FOREIGN and top != self.own_top:
                    return None
            elif binding.kind not in ("def", "class") and type(binding.node) is not ast.Call:
                return None
        qualified = ctx.qualify(func)
        if qualified is None:
            typed = self._by_return(func) or self._alternatives(func)
            return typed if typed is not None else self._handle_call(func)
        if "()" in qualified:
            # `Request(url).get_response()`, `self.store.write()` with `self.store = Store()`:
            # the method of a class, when the class is the scan's (not a library's).
            owner, _, method = qualified.rpartition("().")
            if (
                owner
                and "(" in owner
                and (frame.kind == ASYNC or method in client_waits())
                and "(" not in method
            ):
                top = owner.partition(".")[0]
                if top not in _FOREIGN or top == self.own_top:
                    return f"h:{qualified}"  # on what a def of the scan returned (`_returns`)
            if not owner or "(" in owner or "(" in method or "." in method:
                return None
            top = owner.partition(".")[0]
            if top in _FOREIGN and top != self.own_top:
                return None
            self.last_bound = True
            return f"q:{owner}.{method}"
        if instance:
            return None
        return f"q:{qualified}"

    def _by_constructor(self, func: ast.expr) -> str | None:
        """``n:<class>:<place>:<parameter>:<rest>`` for a call in a coroutine method on
        ``self.<attr>`` that the class's ``__init__`` only stores from an unannotated parameter
        (`receivers.constructor_parameter`), directly (``self.db.fetch()``) or through a local
        bound once (``curr = self.db.cursor()`` then ``curr.execute(...)``, starboard #1):
        `resolve` types the parameter by what the scan's constructor calls hand it."""
        ctx = self.ctx
        frame = ctx.frame
        if frame.cls is None or not frame.self_name or not isinstance(func, ast.Attribute):
            return None
        rest: list[str] = []
        node: ast.expr = func
        for _step in range(8):
            if isinstance(node, ast.Attribute):
                if isinstance(node.value, ast.Name) and node.value.id == frame.self_name:
                    break
                rest.append(f".{node.attr}")
                node = node.value
            elif isinstance(node, ast.Call):
                rest.append("()")
                node = node.func
            elif isinstance(node, ast.Name):
                binding = ctx.resolver.bindings(ctx.scope).get(node.id)
                if (
                    binding is None
                    or binding.kind != "value"
                    or not isinstance(binding.node, (ast.Call, ast.Attribute))
                    or stores_of(ctx, frame.node).get(node.id, 0) != 1
                ):
                    return None
                node = binding.node
            else:
                return None
        else:
            return None
        if not isinstance(node, ast.Attribute):
            return None
        # no `rest`: the stored value itself is called (`self._check(x)` of a callback the
        # constructor was handed, typed ``=q:`` by the callers' function references)
        place = constructor_parameter(ctx, frame.cls[1], node.attr, ctx.scope)
        if place is None:
            return None
        return f"n:{frame.cls[0]}:{place[0]}:{place[1]}:{''.join(reversed(rest))}"

    def _constructed(self, node: ast.Call) -> None:
        """Record a call of a class-like name (``Starboard(bot, db)``) with the type of each
        argument the code states (`_argument_type`), when one is known: the types a
        constructor's parameters get across the scan (`resolve`'s ``n:``). Any ``*args`` or
        ``**kwargs`` makes every place unknown."""
        if any(isinstance(a, ast.Starred) for a in node.args) or any(
            k.arg is None for k in node.keywords
        ):
            return
        positional = [self._argument_type(a) for a in node.args]
        keywords = {k.arg: self._argument_type(k.value) for k in node.keywords if k.arg}
        if not any(positional) and not any(keywords.values()):
            return
        bound = self.last_bound
        target = self._target(node.func)
        self.last_bound = bound
        if target is not None and target[0] == "q":
            self.constructed.append([target, positional, keywords])

    def _argument_type(self, value: ast.expr) -> str | None:
        """``pkg.Database()`` for an argument of a class of the scan (constructed here or
        bound once to a construction, annotated, a typed attribute), or a blocking handle of
        the table (``sqlite3.connect()``) unless its arguments make it harmless."""
        if not isinstance(value, (ast.Name, ast.Attribute, ast.Call)):
            return None
        ctx = self.ctx
        if not isinstance(value, ast.Call):
            owner = receiver_class(ctx, value)
            if owner is not None:
                return f"{owner}()"
            function = self._function_value(value)
            if function is not None:
                return function
        qualified = ctx.qualify(value)
        if not qualified or not qualified.endswith("()") or qualified.count("(") != 1:
            return None
        top = qualified.partition(".")[0]
        if top in _FOREIGN and top != self.own_top:
            if qualified[:-2] not in self.handles[0]:
                return None
            made = value
            if isinstance(value, ast.Name):
                binding = ctx.resolver.lookup(value.id, ctx.scope)
                made = binding.node if binding is not None else None  # type: ignore[assignment]
            if not isinstance(made, ast.Call) or self._harmless(made):
                return None
        return qualified

    def _function_value(self, value: ast.Name | ast.Attribute) -> str | None:
        """``=q:<def>`` for a function of the scan handed by reference (``Awaiter(self._check)``,
        ``Poller(callback=refresh)``): a constructor that stores it and a coroutine that calls
        the stored value (``self._check(x)``) reach that def (`_by_constructor` with no rest).
        A name bound to something other than a def or a method is not a function value."""
        ctx = self.ctx
        if isinstance(value, ast.Name):
            binding = ctx.resolver.lookup(value.id, ctx.scope)
            if binding is None or binding.kind not in ("def", "import"):
                return None
        elif not (
            isinstance(value.value, ast.Name)
            and ctx.frame.cls is not None
            and value.value.id == ctx.frame.self_name
            and any(
                isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name == value.attr
                for m in ctx.frame.cls[1].body
            )
        ):
            return None  # `self._check` of a method the class itself defines, no other
        bound = self.last_bound
        target = self._target(value)
        self.last_bound = bound
        return f"={target}" if target is not None and target[0] == "q" else None

    def _super_of(self, call: ast.Call) -> str | None:
        """The class whose bases ``super()`` (or ``super(Cls, self)``) looks in, called in a
        method of that class itself (not a function nested in one)."""
        frame = self.ctx.frame
        if (
            frame.cls is None
            or type(call.func) is not ast.Name
            or call.func.id != "super"
            or call.keywords
            or frame.qualname != f"{frame.cls[0]}.{getattr(frame.node, 'name', '')}"
        ):
            return None
        if call.args:
            first = call.args[0]
            if len(call.args) != 2 or not isinstance(first, ast.Name):
                return None
            if first.id != frame.cls[1].name:
                return None  # `super(Base, self)`: skips past another class
        binding = self.ctx.resolver.lookup("super", self.ctx.scope)
        if binding is None or binding.kind != "import" or binding.target != "super":
            return None  # a name the code rebinds
        return frame.cls[0]

    def _harmless(self, call: ast.expr) -> bool:
        """Whether a call on the way to a returned handle is one the table's ``unless`` makes
        harmless (``sqlite3.connect(":memory:").cursor()`` opens no file)."""
        while isinstance(call, ast.Call):
            entry = self.table.get(self.ctx.qualify(call.func) or "")
            if entry and unless_applies(call, entry.get("unless"), self.ctx):
                return True
            func = call.func
            call = func.value if isinstance(func, ast.Attribute) else func
        return False

    def _handle_call(self, func: ast.expr) -> str | None:
        """``h:<qualified>`` for a call in a coroutine on what a method or helper of the scan
        returned (``pkg.Database().cursor().execute``; `resolve` looks the method's returned
        handle up), including on an annotated receiver (``db: Database``,
        ``db.cursor().execute``)."""
        if self.ctx.frame.kind != ASYNC or not isinstance(func, ast.Attribute):
            return None
        inner = func.value
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and not inner.args
            and not inner.keywords
        ):
            owner = receiver_class(self.ctx, inner.func.value)
            if owner is not None:
                return f"h:{owner}().{inner.func.attr}().{func.attr}"
        return None
