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
import sys
from collections.abc import Mapping
from typing import Any

from advisor.lint.node_fields import FIELDS as _FIELDS
from advisor.lint.node_fields import child_fields as _child_fields

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
                if stmt.name[:1].isupper() and _self_stays(stmt):
                    kept.append(qualname)
                todo.append((stmt, qualname))
    if names:
        _escaped(tree, names, escaped)
    return {"k": sorted(kept), "e": sorted(escaped)}


def _escaped(tree: ast.Module, names: Mapping[str, str], escaped: set[str]) -> None:
    """`confinement`'s ``e``: every node of *tree* is met once, its children read in place
    through the shared walk's table of node fields (no list built per node: 0.95 M nodes of
    the standard library)."""
    memo: dict[int, frozenset[str]] = {}
    stack: list[tuple[ast.AST, ast.AST | None]] = [(tree, None)]
    fields_of = _FIELDS
    while stack:
        node, function = stack.pop()
        kind = type(node)
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef or kind is ast.Lambda:
            function = node
        skipped = _skipped(node, kind) if kind in _SKIPPING else ()
        for field in fields_of.get(kind) or _child_fields(kind):
            value = getattr(node, field)
            if value is None:
                continue
            if type(value) is not list:
                value = (value,)
            for item in value:
                if item is None or (skipped and item in skipped):
                    continue
                child = type(item)
                if child is ast.Constant:
                    continue  # holds no name
                if child is ast.Name and item.id not in names:
                    continue  # `_chain` would say None, and a name is not walked further
                if child is ast.Name or child is ast.Attribute:
                    dotted = _chain(item, names)
                    if dotted is None:
                        if child is ast.Attribute:
                            stack.append((item, function))
                        continue
                    # the chain's use is its parent here, unless it is a call's callee (then
                    # the call's use decides, from the call's parent)
                    callee = kind is ast.Call and item is node.func  # type: ignore[attr-defined]
                    if not callee and kind not in _READ_ONLY and _named_class(dotted):
                        escaped.add(dotted)
                    continue
                if child is ast.Call:
                    dotted = _chain(item.func, names)
                    if (
                        dotted is not None
                        and _named_class(dotted)
                        and not _kept(item, node, (function, memo))
                    ):
                        escaped.add(dotted)
                stack.append((item, function))


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


#: The nodes with parts that name a class without handing it on (`_skipped`).
_SKIPPING = frozenset(
    (ast.arg, ast.AnnAssign, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
) | frozenset((ast.ExceptHandler, ast.Call))


#: Parents that only compare or drop a class named in them (`type(x) is Cls`, a statement).
_READ_ONLY = frozenset((ast.Compare, ast.Expr))


def _skipped(node: Any, kind: type) -> tuple[ast.AST, ...]:
    """The parts of *node* that name a class without handing it on: annotations, bases,
    ``except``, and the class ``isinstance(x, Cls)`` compares with."""
    if kind is ast.arg or kind is ast.AnnAssign:
        return (node.annotation,) if node.annotation is not None else ()
    if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
        return (node.returns,) if node.returns is not None else ()
    if kind is ast.ClassDef:
        return (*node.bases, *node.keywords)
    if kind is ast.ExceptHandler:
        return (node.type,) if node.type is not None else ()
    return tuple(node.args[1:]) if _type_test(node) else ()


def _type_test(call: ast.AST) -> bool:
    func = getattr(call, "func", None)
    return isinstance(func, ast.Name) and func.id in ("isinstance", "issubclass")


def _chain(node: ast.AST, names: Mapping[str, str]) -> str | None:
    """The dotted name *node* reads, when it is a name of *names* or an attribute chain on
    one (``module.Cls``, ``Cls.build``), else None."""
    attrs: list[str] = []
    while type(node) is ast.Attribute:
        if type(node.ctx) is not ast.Load:
            return None
        attrs.append(node.attr)
        node = node.value
    if type(node) is not ast.Name or type(node.ctx) is not ast.Load:
        return None
    target = names.get(node.id)
    if target is None:
        return None
    return ".".join((target, *reversed(attrs)))


def _named_class(dotted: str) -> bool:
    """A dotted name that may be a class judged: its last part is capitalised (a function,
    a module, a method is not; `confinement` keeps no class of another name)."""
    return dotted.rpartition(".")[2][:1].isupper()


def _kept(
    call: ast.Call,
    parent: ast.AST,
    where: tuple[ast.AST | None, dict[int, frozenset[str]]],
) -> bool:
    """Whether the instance *call* makes stays: used in place (``Cls().run()``, a statement)
    or bound, in a function, to a local only ever read as a receiver."""
    if isinstance(parent, (ast.Attribute, ast.Expr)):
        return True
    function, memo = where  # the function the call is in, and `_receiver_only`'s answers
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
    handed = memo.get(id(function))
    if handed is None:
        handed = memo[id(function)] = _handed_names(function)
    return target.id not in handed


def _receiver_only(function: ast.AST, name: str) -> bool:
    """Every read of *name* in *function* (nested functions too) is a receiver's: the value
    of an attribute (a method called, a field read or set), never the value itself handed
    on, returned or stored, and never ``name.__class__`` (which makes another)."""
    return name not in _handed_names(function)


def _handed_names(function: ast.AST) -> frozenset[str]:
    """The names *function* reads other than as a receiver, or declares ``global`` or
    ``nonlocal`` (one walk answers `_receiver_only` for every name)."""
    found: set[str] = set()
    todo = [function]
    pop, push = todo.pop, todo.append
    while todo:
        node = pop()
        kind = type(node)
        if kind is ast.Global or kind is ast.Nonlocal:
            found.update(node.names)  # type: ignore[attr-defined]
            continue
        if kind is ast.Attribute:
            value = node.value  # type: ignore[attr-defined]
            if type(value) is ast.Name:  # a receiver: read as the value of `.attr`
                if node.attr == "__class__":  # type: ignore[attr-defined]
                    found.add(value.id)
            else:
                push(value)
            continue
        for field in _FIELDS.get(kind) or _child_fields(kind):
            value = getattr(node, field)
            if value is None:
                continue
            for child in value if type(value) is list else (value,):
                if child is None:
                    continue
                child_kind = type(child)
                if child_kind is ast.Name:  # a name holds no name: not walked further
                    if type(child.ctx) is ast.Load:
                        found.add(child.id)
                elif child_kind is not ast.Constant:  # nor does a constant
                    push(child)
    return frozenset(found)


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
    names = {
        n: b.target
        for n, b in bindings.items()
        if b.kind in ("class", "import")
        and b.target.partition(".")[0] not in sys.stdlib_module_names
    }
    if not ctx.skip_functions and not ctx.type_params:
        # A name the file never reads hands nothing on: the shared walk noted every name
        # read (`Frame.loads`, the module's holds its functions'), except in the parts
        # `confinement` passes over too (annotations) and in type parameters (which it
        # reads: then every name is kept). Most files read none of *names*: the walk for
        # ``e`` is then not made at all.
        loads = ctx.frames[0].loads
        names = {n: target for n, target in names.items() if n in loads}
    found = confinement(ctx.tree, ctx.module, names)
    return found if found["k"] or found["e"] else None
