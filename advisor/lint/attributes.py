"""Instance attributes: what a method's ``self.x`` holds, from what the class's methods assign.

``self.session = requests.Session()`` in ``__init__`` makes ``self.session.get`` in a coroutine a
blocking call; bases and subclasses in the same module count, the class body's constructed
objects too. A table per class, built once per file on the first ``self.x`` the resolver types:
a job of its own beside the scoping rules (`bindings`) and the item stores (`items`).
"""

from __future__ import annotations

import ast

from advisor.lint.bindings import FUNCTIONS, UNPACK, BindingTables, Scope
from advisor.lint.statements import statements, walk


class InstanceAttributes(BindingTables):
    """The ``self.<attr>`` tables of one file's classes (a part of `names.Resolver`)."""

    _attribute_tables: dict[int, dict[str, list[tuple[ast.expr, Scope]] | None]]
    _attribute_notes: dict[int, dict[str, list[tuple[ast.expr, ast.expr | None]]]]
    _lines: dict[tuple[int, bool], list[Scope]]
    _class_body_tables: dict[int, dict[str, ast.expr]]
    #: the attributes the file stores into through each plain name (``Cls.x = ...``), once
    _stores_through: dict[str, set[str]] | None

    def qualify(self, expr: ast.AST, scope: Scope, depth: int = 0) -> str | None:
        """Defined by `names.Resolver`; the attribute tables type what they store through it."""
        raise NotImplementedError

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
            and isinstance(method, FUNCTIONS)
            and _instance_parameter(method) == name
        ):
            return owner.parent
        return None

    def _class_body_attribute(self, name: str, attr: str, scope: Scope, depth: int) -> str | None:
        """``Cls.LOCK`` (or ``cls.LOCK`` in a classmethod) where ``Cls`` is a module-level class
        of this file whose body builds the object, ``LOCK = threading.Lock()``: the one object
        every instance shares (whats-now-playing#770's ``with TwitchLogin.TWITCH_LOCK:`` around
        awaits). Unknown when the file ever stores into ``Cls.LOCK`` or ``cls.LOCK``, or the
        body binds the name twice or another way (a ``def``, a constant)."""
        cls = self._named_class(name, scope)
        if cls is None:
            return None
        table = self._class_body_table(cls)
        value = table.get(attr)
        if value is None:
            return None
        return self.qualify(value, self.module_scope, depth + 1)

    def _named_class(self, name: str, scope: Scope) -> ast.ClassDef | None:
        """The module-level class *name* stands for in *scope*: the class's own name, or the
        first parameter of one of its classmethods."""
        binding = self.lookup(name, scope)
        if binding is None:
            return None
        if binding.kind == "class":
            node = binding.node
            if (
                isinstance(node, ast.ClassDef)
                and self.bindings(self.module_scope).get(name) is binding
            ):
                return node
            return None
        owner = self._scope_of(scope, name)
        method = owner.node
        if (
            owner.parent is not None
            and owner.parent.is_class
            and owner.parent.parent is self.module_scope
            and isinstance(method, FUNCTIONS)
            and _class_parameter(method) == name
            and isinstance(owner.parent.node, ast.ClassDef)
        ):
            return owner.parent.node
        return None

    def _class_body_table(self, cls: ast.ClassDef) -> dict[str, ast.expr]:
        """What the class body of *cls* builds under each name it binds once to a call, less
        the names the file stores into through the class (``Cls.x = ...``, ``cls.x = ...``)."""
        key = id(cls)
        tables = self._class_body_tables
        known = tables.get(key)
        if known is not None:
            return known
        counts: dict[str, int] = {}
        built: dict[str, ast.expr] = {}
        for stmt in cls.body:
            for bound in _body_names(stmt):
                counts[bound] = counts.get(bound, 0) + 1
            target = _class_attribute(stmt)
            if target is not None:
                built[target] = stmt.value  # type: ignore[attr-defined]
        if self._stores_through is None:
            self._stores_through = _stores_through(self.module_scope.node)
        stored = self._stores_through.get(cls.name, set()) | self._stores_through.get("cls", set())
        table = {
            name: value
            for name, value in built.items()
            if counts.get(name) == 1 and name not in stored
        }
        tables[key] = table
        return table

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
            me = _instance_parameter(method) if isinstance(method, FUNCTIONS) else None
            if me is None:
                continue
            where = Scope(method, cls, f"{cls.qualname}.{method.name}")
            for node in statements(method):
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
                        for item in walk(target) if type(target) in UNPACK else (target,):
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


def _class_parameter(method: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The name a classmethod calls its class (``cls``), None for any other method."""
    if not any(isinstance(d, ast.Name) and d.id == "classmethod" for d in method.decorator_list):
        return None
    positional = [*method.args.posonlyargs, *method.args.args]
    return positional[0].arg if positional else None


def _body_names(stmt: ast.stmt) -> list[str]:
    """The names one statement of a class body binds (assignments, definitions, imports)."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [stmt.name]
    if isinstance(stmt, ast.Assign):
        return [n.id for t in stmt.targets for n in walk(t) if type(n) is ast.Name]
    if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        return [stmt.target.id] if type(stmt.target) is ast.Name else []
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).partition(".")[0] for a in stmt.names]
    return []


def _self_attr(target: ast.AST, me: str) -> str | None:
    """``x`` of ``self.x`` (with *me* the instance parameter's name), else None."""
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
        return target.attr if target.value.id == me else None
    return None


def _stores_through(module: ast.AST) -> dict[str, set[str]]:
    """The attributes the file stores into (or deletes) through each plain name: every node
    of the file is met once, in no particular order (the answer is a table of sets), its
    children read through the shared walk's table of node fields, names and constants left
    as leaves (the first ``Cls.x`` a file's resolver types asks for it: 0.5 M nodes of the
    standard library, in `walk`'s order before, for nothing)."""
    from advisor.lint.node_fields import FIELDS, child_fields

    through: dict[str, set[str]] = {}
    todo: list[ast.AST] = [module]
    pop, push = todo.pop, todo.append
    leaves = (ast.Name, ast.Constant)
    while todo:
        node = pop()
        kind = type(node)
        if kind is ast.Attribute:
            value = node.value  # type: ignore[attr-defined]
            if type(value) is ast.Name:
                if type(node.ctx) is not ast.Load:  # type: ignore[attr-defined]
                    through.setdefault(value.id, set()).add(node.attr)  # type: ignore[attr-defined]
                continue
            push(value)
            continue
        for field in FIELDS.get(kind) or child_fields(kind):
            child = getattr(node, field)
            if type(child) is list:
                for item in child:
                    if item is not None and type(item) not in leaves:
                        push(item)
            elif child is not None and type(child) not in leaves:
                push(child)
    return through
