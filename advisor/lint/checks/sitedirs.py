"""A module that puts its own folder on the import path, and names a package's re-exports.

Home Assistant integrations that ship a library beside their code do
``site.addsitedir(str(Path(__file__).resolve().parent))`` and then ``from collection_schedule
import SourceShell``: the library is imported by its own name, while the scan knows it as
``waste_schedule.collection_schedule`` (hacs_waste_collection_schedule#2056). `site_root` reads
such a call, written at module level with the file's own folder (or a folder above it) spelled
from ``__file__``, and returns the dotted package that folder is, so the cross-file join
(`checks.reach_chains.resolve`) may read ``collection_schedule.X`` of that file as
``waste_schedule.collection_schedule.X``. Anything else (a folder from the environment or a
setting, a path computed another way) is not followed: the join guesses nothing.

`through_aliases` follows a package's re-exports for a name whose prefix is re-exported
(``pkg.SourceShell.create`` with ``from .source_shell import SourceShell`` in ``pkg``).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

from advisor.lint.checks.base import FileContext

#: The calls that add a folder to the import path, with where the folder argument is.
_ADDERS = {"site.addsitedir": 0, "sys.path.insert": 1, "sys.path.append": 0}
_SAME = frozenset({"resolve", "absolute"})


def site_root(ctx: FileContext, call: ast.Call) -> str | None:
    """The dotted package of the folder *call* adds to the import path, when it is a folder of
    this file's package spelled from ``__file__``; None otherwise (also for a folder that is
    no package of the scan: its modules already have top-level names)."""
    at = _ADDERS.get(ctx.qualify(call.func) or "")
    if at is None or len(call.args) <= at or call.keywords:
        return None
    levels = _levels(ctx, call.args[at], 0)
    if not levels:
        return None
    parts = ctx.module.split(".")
    package = parts if ctx.resolver.is_package else parts[:-1]
    kept = len(package) - (levels - 1)
    return ".".join(package[:kept]) if kept > 0 else None


def _levels(ctx: FileContext, expr: ast.expr, depth: int) -> int:
    """How many folders up from ``__file__`` *expr* is (1: the file's own folder), 0 when it
    is not spelled from ``__file__`` that way."""
    if depth > 8:
        return 0
    if isinstance(expr, ast.Name):
        if expr.id == "__file__":
            return 0  # the file itself, not a folder: `dirname`/`.parent` count the levels
        values = ctx.resolver.assigned(expr, ctx.resolver.module_scope)
        if not values or len(values) != 1:
            return 0
        return _levels(ctx, values[0], depth + 1)
    if isinstance(expr, ast.Attribute) and expr.attr == "parent":
        inner = expr.value
        if _is_file(ctx, inner):
            return 1
        below = _levels(ctx, inner, depth + 1)
        return below + 1 if below else 0
    if not isinstance(expr, ast.Call) or expr.keywords:
        return 0
    func = expr.func
    qualified = ctx.qualify(func) or ""
    if qualified in ("str", "os.fspath", "os.path.abspath", "os.path.realpath") and expr.args:
        return _levels(ctx, expr.args[0], depth + 1)
    if qualified == "os.path.dirname" and len(expr.args) == 1:
        inner = expr.args[0]
        if _is_file(ctx, inner):
            return 1
        below = _levels(ctx, inner, depth + 1)
        return below + 1 if below else 0
    if isinstance(func, ast.Attribute) and func.attr in _SAME and not expr.args:
        return _levels(ctx, func.value, depth + 1)
    return 0


def _is_file(ctx: FileContext, expr: ast.expr) -> bool:
    """``__file__``, ``Path(__file__)`` and either made absolute (``resolve()``,
    ``os.path.abspath``, ``os.path.realpath``)."""
    while True:
        if isinstance(expr, ast.Name):
            return expr.id == "__file__"
        if not isinstance(expr, ast.Call) or expr.keywords:
            return False
        func = expr.func
        if isinstance(func, ast.Attribute) and func.attr in _SAME and not expr.args:
            expr = func.value
            continue
        qualified = ctx.qualify(func) or ""
        if len(expr.args) != 1 or qualified not in (
            "pathlib.Path",
            "os.path.abspath",
            "os.path.realpath",
        ):
            return False
        expr = expr.args[0]


def through_aliases(
    name: str, aliases: Mapping[str, str], known: Mapping[str, object] | None = None
) -> str:
    """*name* with a re-exported prefix replaced by what it re-exports, a few hops deep
    (``pkg.SourceShell.create`` -> ``pkg.source_shell.SourceShell.create``). With *known*,
    only a result in it is taken (*name* itself otherwise): a package may re-export a function
    under its own submodule's name (``from chainlit.step import step`` makes
    ``chainlit.step`` the function), and ``chainlit.step.Step`` must stay the module's class.
    Without, the last name reached: which module to read next (`crossfile.reach_modules`)."""
    current = name
    # Each hop looks only at prefixes at least as long as the last one replaced: a module named
    # like the class it re-exports (`from .YotoManager import YotoManager`) makes the alias
    # `pkg.YotoManager` -> `pkg.YotoManager.YotoManager`, whose result starts with the alias
    # again; applied twice it would name `pkg.YotoManager.YotoManager.YotoManager` (yoto_ha#118).
    floor = 0
    for _hop in range(4):
        if known is not None and current in known:
            return current
        head, _, rest = current.rpartition(".")
        found = None
        while len(head) >= floor and head:
            target = aliases.get(head)
            if target is not None and target != head:
                found = f"{target}.{rest}"
                floor = len(target)
                break
            head, _, last = head.rpartition(".")
            rest = f"{last}.{rest}"
        if found is None:
            break
        current = found
    if known is None:
        return current
    return current if current in known else name
