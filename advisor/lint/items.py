"""Stored items: what the file stores under ``app["key"]``, and the type a typed key declares.

aiohttp hands handlers the application as ``request.app``, and the code keeps its clients in it
(``app["db"] = Pool(...)``); a class may keep connections in a dict it annotates. One table of
every item store per file, built on the first item the resolver types; a job of its own beside
instance attributes (`attributes`, whose annotations a typed dict reads).
"""

from __future__ import annotations

import ast

from advisor.lint import clients
from advisor.lint.attributes import InstanceAttributes
from advisor.lint.bindings import FUNCTIONS, UNPACK, Scope
from advisor.lint.callees import tail
from advisor.lint.known_types import ANNOTATED, ANNOTATION_WORDS, PATH, PATH_CLASSES
from advisor.lint.statements import statement_children, walk


class StoredItems(InstanceAttributes):
    """The ``mapping[key]`` table of one file (a part of `names.Resolver`)."""

    _item_table: dict[str, list[tuple[ast.expr, Scope, ast.expr | None]]] | None

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
        type, when that type is one taken at its word (`ANNOTATED`: DBJavaGenix #155's
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
            if tail(value_type) not in ANNOTATION_WORDS:
                return None
            found.add(self.qualify(value_type, self.module_scope, depth + 1))
        if len(found) != 1:
            return None
        called = found.pop()
        if called not in ANNOTATED:
            return None
        return PATH if called in PATH_CLASSES else f"{called}()"

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
            for child in statement_children(node):
                kind = type(child)
                if kind is ast.ClassDef or kind in FUNCTIONS:
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
                        items = walk(target) if type(target) in UNPACK else (target,)
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


def _last_name(expr: ast.expr) -> str | None:
    """``app`` of ``app`` and of ``request.app``: how a mapping is known across functions; and
    ``data[DOMAIN]`` of ``hass.data[DOMAIN]``, a registry's own mapping under a constant key
    (a name or a string), where Home Assistant integrations keep their objects (pyscript#616:
    the watchdog observer stored in ``hass.data[DOMAIN][WATCHDOG_OBSERVER]`` and started from
    another coroutine)."""
    if type(expr) is ast.Name:
        return expr.id
    if type(expr) is ast.Attribute:
        return expr.attr
    if type(expr) is ast.Subscript:
        outer = _last_name(expr.value)
        key = expr.slice
        if outer is not None and type(key) is ast.Name:
            return f"{outer}[{key.id}]"
        if outer is not None and type(key) is ast.Constant and isinstance(key.value, str):
            return f"{outer}[{key.value!r}]"
    return None
