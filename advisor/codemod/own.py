"""Recognising the helpers convert itself adds (``in_thread``, ``completed``, ``spawn``, ...)
in a file it reads, so that converting a converted file finds nothing to do.

Those helpers start a thread inside a coroutine (``in_thread``) and register a task's
done-callback (``completed``): read as the user's code, they were refused as "module-level"
threads and as callbacks run on a library's thread (review 23, defect #1), and ``convert
--check`` failed forever on convert's own output. A helper is recognised by its shape: its
name is the one convert gives it (``spawn``, ``spawn_2``, ...) and its code, without the
docstring, is the template's, compared as Python syntax trees, so a formatter's new layout
keeps it recognised while any edit of its code makes it the user's function again.
"""

from __future__ import annotations

import ast
import re
from functools import cache

import libcst as cst

from advisor.codemod import helpers, waits

#: Helper base name -> its template (``{name}`` in it), as `helpers` and `waits` add them.
TEMPLATES = {
    "in_thread": helpers.IN_THREAD,
    "limited": helpers.LIMITED,
    "completed": waits.COMPLETED,
    "completed_within": waits.COMPLETED_WITHIN,
    "wait_tasks": waits.WAIT,
    "spawn": waits.SUBMIT,
    "pool_map": waits.MAP,
    "map_within": waits.MAP_WITHIN,
    "zip_async": waits.ZIP,
}

#: ``base`` or ``base_N``: the names `Names.fresh` gives a helper.
_FRESH = re.compile(r"(?P<base>[A-Za-z_]+?)(?:_[0-9]+)?")


def helper_base(module: cst.Module, node: cst.FunctionDef) -> str | None:
    """The base name of the convert helper *node* is (a top-level function), else None."""
    match = _FRESH.fullmatch(node.name.value)
    if match is None or match["base"] not in TEMPLATES:
        return None
    base = match["base"]
    try:
        tree = ast.parse(module.code_for_node(node).strip())
    except (SyntaxError, ValueError, RecursionError):
        return None
    return base if _shape(tree) == _template_shape(base) else None


def own_helpers(module: cst.Module) -> dict[cst.FunctionDef, str]:
    """Every convert helper at the top of *module* -> its base name."""
    found: dict[cst.FunctionDef, str] = {}
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef):
            base = helper_base(module, stmt)
            if base is not None:
                found[stmt] = base
    return found


@cache
def _template_shape(base: str) -> str:
    return _shape(ast.parse(TEMPLATES[base].format(name="helper").strip()))


def _shape(tree: ast.Module) -> str:
    """The function's syntax tree with its name and docstring left out; "" when *tree* is not
    one function."""
    if len(tree.body) != 1 or not isinstance(tree.body[0], (ast.FunctionDef, ast.AsyncFunctionDef)):
        return ""
    func = tree.body[0]
    body = func.body
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    kind = "async" if isinstance(func, ast.AsyncFunctionDef) else "def"
    parts = [
        kind,
        ast.dump(func.args),
        *(ast.dump(s) for s in body),
        *map(ast.dump, func.decorator_list),
    ]
    return "\n".join(parts)
