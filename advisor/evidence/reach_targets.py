"""What a name names, as a target of the main path (`advisor.evidence.mainpath`).

A call's target is a function the file defines or imports, ``self.m`` in a class, a method of a
local whose class the code says (``db = Database()``), or, for a receiver of unknown type, just
the method's name (`_target`); also what a value passed along is (`_passed`), the functions a
table holds (`_table_items`, `_reference`) and text that names a module (`_MODULE_TEXT`). Shared
by the recording handlers, which register nothing here.
"""

from __future__ import annotations

import ast
import re

from advisor.evidence.reach_places import _in_mode, _unit
from advisor.evidence.units import Target
from advisor.evidence.walk import Reader

#: Text naming a project module or an object in it: ``"app.main:app"``, ``"proj.settings"``.
_MODULE_TEXT = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*(:[A-Za-z_]\w*)?\Z")


def _table_items(value: ast.expr) -> list[ast.expr]:
    """The items of a table of functions: a dict's values, a list's, tuple's or set's items,
    also subscripted where it is built (sopel's ``command = {"start": command_start,
    ...}[action]``: one of them runs, and which one only the command line says)."""
    if isinstance(value, ast.Subscript):
        value = value.value
    if isinstance(value, ast.Dict):
        return [v for v in value.values if v is not None]
    if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        # A route table's rows (webssh's ``[(r"/", IndexHandler, dict(...)), ...]``): the
        # classes and functions in each row are handed over to be called too.
        return [
            item
            for elt in value.elts
            for item in (elt.elts if isinstance(elt, ast.Tuple) else [elt])
        ]
    return []


def _reference(r: Reader, node: ast.AST, items: list[ast.expr]) -> None:
    unit = (r.source.path, _unit(r, node))
    mode = _in_mode(r, node)
    for item in items:
        if isinstance(item, (ast.Name, ast.Attribute)):
            ref = _target(r, item)
            if ref is not None and ref[0] != "meth":
                r.g.graph.edge(unit, ref, mode=mode)


#: A value passed that says no number (`_passed` with ``any_value``): the call passes the
#: parameter, so its default is not what the callee gets.
UNKNOWN_VALUE: tuple[object, ...] = ("unknown",)


def _passed(r: Reader, value: ast.expr, *, any_value: bool = False) -> tuple[object, ...] | None:
    """An integer the code passes along: ("int", 8), or ("param", file, unit, name) for a
    parameter of the function it is in (only outermost units have their parameters kept);
    ("key", "threads") for a settings dict read with a constant key (``settings["threads"]``).
    With *any_value*, a value that says none of these is `UNKNOWN_VALUE`, not None: a call's
    arguments are kept even so (newcomer review 25 #7, a parameter's default of 1 that every
    call on the main path overrides)."""
    from advisor.evidence.bound_sources import setting_key

    key = setting_key(value)
    if key is not None:
        return ("key", key)
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "get"
        and value.args
        and isinstance(value.args[0], ast.Constant)
        and isinstance(value.args[0].value, str)
    ):
        # ``max_tasks=kwargs.get("max_tasks")`` in a click command: the option of that name
        # (aiodnsbrute), its default read once every file is (`Graph.options`).
        return ("option", value.args[0].value)
    found = _passed_number(r, value)
    return UNKNOWN_VALUE if found is None and any_value else found


def _passed_number(r: Reader, value: ast.expr) -> tuple[object, ...] | None:
    if isinstance(value, ast.Name) and len(r.functions) == 1:
        fn = r.functions[0]
        args = fn.args
        if value.id in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}:
            return ("param", r.source.path, r.unit, value.id)
    number = r.names.integer(value, r.local_values)
    if (
        number is None
        and isinstance(value, ast.Attribute)
        and isinstance(value.value, ast.Name)
        and value.value.id not in {"self", "cls"}
    ):
        return ("option", value.attr)  # args.jobs, parsed in another module (`Graph.options`)
    return ("int", number) if number is not None else None


def _target(r: Reader, expr: ast.expr) -> Target | None:
    """What *expr* names, as a target of `advisor.evidence.mainpath`; None for nothing known."""
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    parts.reverse()
    if not isinstance(expr, ast.Name):
        return ("meth", parts[-1]) if parts else None
    name, path = expr.id, r.source.path
    if r.functions and name in {"self", "cls"} and r.classes:
        cls = ".".join(r.classes)
        if len(parts) == 1:
            return ("self", path, cls, parts[0])
        if len(parts) >= 2:
            return ("attr", path, cls, parts[0], parts[1])
        return None
    if r.functions and name in r.names.local:
        typed = next(
            (
                r.g.local_types[(path, id(fn), name)]
                for fn in reversed(r.functions)
                if (path, id(fn), name) in r.g.local_types
            ),
            None,
        )
        if typed is not None and parts:
            return ("sym", typed[1], ".".join(p for p in (typed[2], parts[0]) if p))
        return ("meth", parts[-1]) if parts else None
    typed = r.g.local_types.get((path, 0, name))
    if typed is not None and parts:
        return ("sym", typed[1], ".".join(p for p in (typed[2], parts[0]) if p))
    alias = r.g.graph.aliases.get(path, {}).get(name)
    if alias is not None:
        return ("sym", alias, ".".join(parts))
    if name in r.module.defined or path in r.g.graph.stars:
        return ("sym", f"{path}::{name}", ".".join(parts))
    return ("meth", parts[-1]) if parts else None
