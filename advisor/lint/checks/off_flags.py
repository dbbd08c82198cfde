"""Debug-only code behind an instance flag its class switches off for good: ``if self.debug is
True:`` where the class's ``__init__`` sets ``self.debug = False`` and no line of the file ever
sets it otherwise (msldap's bloodhound collector dumps JSON copies of its tables only then).
Only a flag whose name says debug (`_DEBUG_WORDS`): any other flag off in ``__init__`` is
usually state turned on at run time from where the file does not show.

Such a flag is a switch the author flips in the source while debugging: the branch never runs
in the program as shipped, so nothing in it can stall the loop or drop a task, as with
``if False:`` (`base.dead_branches`). The walker asks `off_branch` beside that test.

Kept live, because something can set the flag: any other store of the attribute's name in the
file (``self.debug = debug``, ``tool.debug = args.debug``, ``+=``, a ``for``/``with`` target), a
value that is not a literal ``False``/``None``/``0``, a class-level binding of the name (a
dataclass or settings field, which its constructor sets), ``setattr``, ``__dict__`` or
``vars()`` anywhere in the file, and a class with bases (a base may set it). What another
module assigns (``tool.debug = True`` in a script) is not seen: the file is the evidence.
"""

from __future__ import annotations

import ast
from typing import Any

from advisor.lint.statements import walk

#: `base.FileContext` (not imported: `base`'s walker calls this module)
FileContext = Any
_OFF = (False, None, 0)

#: The words a switch's name holds for its code to be debug-only (msldap's ``self.debug``,
#: ``_debug``, ``debug_mode``). A flag of another name off in ``__init__`` is usually state the
#: program turns on at run time, often from another module or a method the file does not show
#: (gel's ``self._accept_new_tasks = False``, set once the server starts): left live.
_DEBUG_WORDS = ("debug",)


def off_branch(ctx: FileContext, node: ast.If) -> list[ast.stmt]:
    """The statements of *node* that never run because its test reads a flag of the method's
    own class that is always off (``self.X``, ``self.X is True``, ``self.X == True``, under any
    ``not``): the body, or the ``else`` under an odd number of ``not``. ``[]`` otherwise."""
    frame = ctx.frame
    if frame.cls is None or frame.self_name is None:
        return []
    test: ast.expr = node.test
    negated = False
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        negated = not negated
        test = test.operand
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], (ast.Is, ast.Eq))
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is True
    ):
        test = test.left
    if not (
        isinstance(test, ast.Attribute)
        and isinstance(test.value, ast.Name)
        and test.value.id == frame.self_name
    ):
        return []
    cls = frame.cls[1]
    if test.attr not in off_flags(ctx, cls):
        return []
    return node.orelse if negated else node.body


def off_flags(ctx: FileContext, cls: ast.ClassDef) -> frozenset[str]:
    """The attributes of *cls* always off: set only by ``self.X = False`` (``None``, ``0``)
    in its ``__init__``, never stored otherwise in the file (memoised per class)."""
    memo: dict[int, frozenset[str]] = ctx.memo.setdefault("off_flags", {})
    found = memo.get(id(cls))
    if found is None:
        found = memo[id(cls)] = _off_flags(ctx, cls)
    return found


def _off_flags(ctx: FileContext, cls: ast.ClassDef) -> frozenset[str]:
    if cls.bases or cls.keywords:
        return frozenset()
    init = next(
        (s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None
    )
    if init is None or not init.args.args:
        return frozenset()
    own = init.args.args[0].arg
    off: set[str] = set()
    for statement in walk(init):
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.value, ast.Constant)
            and statement.value.value in _OFF
            and type(statement.value.value) in (bool, int, type(None))
        ):
            target = statement.targets[0]
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == own
                and any(word in target.attr.lower() for word in _DEBUG_WORDS)
            ):
                off.add(target.attr)
    if not off:
        return frozenset()
    stores, bound = _file_stores(ctx)
    return frozenset(name for name in off if stores.get(name) == 1 and name not in bound)


def _file_stores(ctx: FileContext) -> tuple[dict[str, int], frozenset[str]]:
    """How often the file stores each attribute name, and the names class bodies bind; every
    name counts as off in a file that sets attributes by name (``setattr``, ``vars()``,
    ``__dict__``): no stores are returned then. One walk per file."""
    found: tuple[dict[str, int], frozenset[str]] | None = ctx.memo.get("attribute_stores")
    if found is not None:
        return found
    stores: dict[str, int] = {}
    bound: set[str] = set()
    dynamic = False
    for node in walk(ctx.tree):
        kind = type(node)
        if kind is ast.Attribute:
            assert isinstance(node, ast.Attribute)
            if type(node.ctx) is not ast.Load:
                stores[node.attr] = stores.get(node.attr, 0) + 1
            elif node.attr == "__dict__":
                dynamic = True
        elif kind is ast.Name:
            assert isinstance(node, ast.Name)
            dynamic = dynamic or node.id in ("setattr", "vars")
        elif kind is ast.ClassDef:
            assert isinstance(node, ast.ClassDef)
            for statement in node.body:
                bound.update(_class_names(statement))
    found = ({} if dynamic else stores), frozenset(bound)
    ctx.memo["attribute_stores"] = found
    return found


def _class_names(statement: ast.stmt) -> list[str]:
    """The names a class body binds in *statement* (a field, a constant, a property)."""
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return [statement.target.id]
    if isinstance(statement, ast.Assign):
        return [t.id for t in statement.targets if isinstance(t, ast.Name)]
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return [statement.name]
    return []
