"""Classes whose instances stay where they are made (`confinement` per file, `Confined` after
the scan): a call through an object no type names (``job.run()``) cannot reach their methods.

The join matches a call it cannot type by the callee's last name, so one ``job.run()`` in a
loop that serves keeps every ``run`` coroutine of the scan reported (`checks.once`,
`checks.sequential`). That is right while an instance of the class may be that ``job``. It
cannot be when no instance of the class ever leaves the function that makes it: every
``Evaluator(...)`` of the scan is bound to a local that is only ever a receiver
(``evaluator = Evaluator(path)`` then ``await evaluator.run()``), or used in place
(``Evaluator(path).run()``); the class object itself is never handed on (only called, named
in an annotation, ``isinstance`` or ``except``, or a base in a ``class`` statement); and no
method of the class, nor of a class of the scan above it, hands ``self`` on (``self`` only
ever a receiver: no ``return self``, ``register(self)``, ``self.__class__``), which also
rules out a classmethod that builds one (``cls(...)``). Nothing else can then hold one, and
the calls that name the class (the local's type is read where it is made) are the only ways
into its methods. A class with a base from outside the scan (a framework's, which may
register the instance) is never confined, nor is one a subclass of which is not.

lightrag's evaluation script (package set 13): ``main`` makes one ``RAGEvaluator`` and awaits
its ``run``, which writes the results once all evaluations are joined, the whole program run
by ``asyncio.run(main())``; the package's other ``x.run()`` calls, through objects no type
names, kept that write reported as if the server's loop ran it.

What this cannot see, and so still trusts: an instance or class reached by a name built at
run time (``getattr(module, "Evaluator")``, a plugin loaded by its dotted path): such code
names the class nowhere, and is taken not to exist.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

#: Bases from outside the scan that keep no reference to an instance.
INERT_BASES = frozenset(("abc.ABC", "typing.Generic", "typing_extensions.Generic"))


def confinement(tree: ast.Module, module: str, names: Mapping[str, str]) -> dict[str, list[str]]:
    """What one file says of confinement: ``k``, its classes (module level, or nested in one)
    whose methods never hand ``self`` on; ``e``, the dotted names of the module-level classes
    and imports in *names* (name -> dotted target) it hands on as values, or constructs
    without keeping the instance in a local that is only a receiver."""
    kept: list[str] = []
    escaped: set[str] = set()
    todo: list[tuple[ast.AST, str]] = [(tree, module)] if _program(tree) else []
    while todo:
        holder, prefix = todo.pop()
        for stmt in getattr(holder, "body", ()):
            if isinstance(stmt, ast.ClassDef):
                qualname = f"{prefix}.{stmt.name}"
                if _self_stays(stmt):
                    kept.append(qualname)
                todo.append((stmt, qualname))
    parents: dict[int, ast.AST] = {}
    functions: dict[int, ast.AST] = {}
    stack: list[tuple[ast.AST, ast.AST | None]] = [(tree, None)]
    while stack:
        node, function = stack.pop()
        kind = type(node)
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef or kind is ast.Lambda:
            function = node
        for field, child in ast.iter_fields(node):
            if _ignored(node, field):
                continue
            if isinstance(child, list):
                items = [c for c in child if isinstance(c, ast.AST)]
            elif isinstance(child, ast.AST):
                items = [child]
            else:
                continue
            if kind is ast.Call and field == "args" and _type_test(node):
                items = items[:1]  # `isinstance(x, Cls)`: the class is only compared
            for item in items:
                parents[id(item)] = node
                if function is not None:
                    functions[id(item)] = function
                if type(item) is ast.Name:
                    target = names.get(item.id)
                    if target is not None and type(item.ctx) is ast.Load:
                        _judge(item, target, parents, functions, escaped)
                    continue
                stack.append((item, function))
    return {"k": sorted(kept), "e": sorted(escaped)}


def _program(tree: ast.Module) -> bool:
    """The module is a program's own file: it runs itself under ``if __name__ ==
    "__main__":``. A library's classes are often made where no line names them (a registry
    of dotted paths, ``getattr(importlib.import_module(path), name)()``, an entry point):
    only a program's own classes are judged."""
    for stmt in tree.body:
        test = stmt.test if isinstance(stmt, ast.If) else None
        if (
            isinstance(test, ast.Compare)
            and isinstance(test.left, ast.Name)
            and test.left.id == "__name__"
            and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators)
        ):
            return True
    return False


def _ignored(node: ast.AST, field: str) -> bool:
    """The parts that name a class without handing it on: annotations, bases, ``except``."""
    kind = type(node)
    if field in {"annotation", "returns"}:
        return kind in (ast.arg, ast.AnnAssign, ast.FunctionDef, ast.AsyncFunctionDef)
    if kind is ast.ClassDef:
        return field in ("bases", "keywords")
    return kind is ast.ExceptHandler and field == "type"


def _type_test(call: ast.AST) -> bool:
    func = getattr(call, "func", None)
    return isinstance(func, ast.Name) and func.id in ("isinstance", "issubclass")


def _judge(
    name: ast.Name,
    target: str,
    parents: Mapping[int, ast.AST],
    functions: Mapping[int, ast.AST],
    escaped: set[str],
) -> None:
    """Record *target* (and the dotted names under it the code reads) when the value at the
    end of the chain ``name.a.b`` is handed on; a construction kept in a receiver-only local
    is not."""
    outer: ast.AST = name
    dotted = target
    parent = parents.get(id(outer))
    while isinstance(parent, ast.Attribute) and parent.value is outer:
        # `module.Cls`, or `Cls.build` (a classmethod: its `cls(...)` is the class's own)
        outer, dotted = parent, f"{dotted}.{parent.attr}"
        parent = parents.get(id(parent))
    if isinstance(parent, ast.Call) and parent.func is outer:
        if not _kept_local(parent, parents, functions):
            escaped.add(dotted)
        return
    if isinstance(parent, (ast.Compare, ast.Expr)):
        return
    escaped.add(dotted)


def _kept_local(
    call: ast.Call, parents: Mapping[int, ast.AST], functions: Mapping[int, ast.AST]
) -> bool:
    """Whether the instance *call* makes stays: used in place (``Cls().run()``, a statement)
    or bound, in a function, to a local only ever read as a receiver."""
    parent = parents.get(id(call))
    if isinstance(parent, (ast.Attribute, ast.Expr)):
        return True
    function = functions.get(id(call))
    if function is None or isinstance(function, ast.Lambda):
        return False
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        target: ast.expr | None = parent.targets[0]
    elif isinstance(parent, ast.AnnAssign):
        target = parent.target
    else:
        return False
    if not isinstance(target, ast.Name):
        return False
    return _receiver_only(function, target.id)


def _receiver_only(function: ast.AST, name: str) -> bool:
    """Every read of *name* in *function* (nested functions too) is a receiver's: the value
    of an attribute (a method called, a field read or set), never the value itself handed
    on, returned or stored, and never ``name.__class__`` (which makes another)."""
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(function):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return False
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
        if type(node) is ast.Name and node.id == name and type(node.ctx) is ast.Load:
            parent = parents.get(id(node))
            if not isinstance(parent, ast.Attribute) or parent.attr == "__class__":
                return False
    return True


def _self_stays(cls: ast.ClassDef) -> bool:
    """No method of *cls* hands its instance (or, in a classmethod, its class) on."""
    for stmt in cls.body:
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in stmt.decorator_list):
            continue
        params = [*stmt.args.posonlyargs, *stmt.args.args]
        if params and not _receiver_only(stmt, params[0].arg):
            return False
    return True


class Confined:
    """The join: which classes of the scan are confined (the module's docstring)."""

    def __init__(self) -> None:
        self.kept: set[str] = set()
        self.refs: set[str] = set()
        self._escaped: set[str] | None = None
        self._memo: dict[str, bool] = {}

    def add(self, facts: Mapping[str, Any]) -> None:
        found = facts.get("cf")
        if found:
            self.kept.update(found.get("k", ()))
            self.refs.update(found.get("e", ()))

    def confined(self, cls: str, lineage: Any) -> bool:
        """*cls* and every class of the scan below it are confined (`Lineage.confined`)."""
        if cls not in self._memo:
            if self._escaped is None:
                self._escaped = set()
                for ref in self.refs:
                    found = lineage._class(ref)
                    if found is not None:
                        self._escaped.add(found)
            self._memo[cls] = all(self._alone(k, lineage) for k in lineage.below(cls))
        return self._memo[cls]

    def _alone(self, cls: str, lineage: Any) -> bool:
        assert self._escaped is not None
        if cls in self._escaped:
            return False
        todo, seen = [cls], {cls}
        while todo:
            current = todo.pop()
            if current not in self.kept:
                return False
            for base in lineage.bases.get(current, ()):
                found = lineage._class(base)
                if found is None:
                    if base not in INERT_BASES:
                        return False
                elif found not in seen:
                    seen.add(found)
                    todo.append(found)
        return True


def facts(ctx: Any) -> dict[str, list[str]] | None:
    """`confinement` of a parsed file (*ctx*, a `FileContext`), or None when it says nothing."""
    bindings = ctx.resolver.bindings(ctx.resolver.module_scope)
    names = {n: b.target for n, b in bindings.items() if b.kind in ("class", "import")}
    found = confinement(ctx.tree, ctx.module, names)
    return found if found["k"] or found["e"] else None
