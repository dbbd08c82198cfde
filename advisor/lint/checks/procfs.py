"""Files the kernel generates from memory, for the blocking table's ``kernel_paths``.

``open(f"/proc/{pid}/stat")`` (lightrag-hku's check that a PID was not reused) reads a procfs
file: the kernel writes it from its own tables when read, with no disk or network behind it,
in microseconds. Only a path the code spells is trusted: a string literal, an f-string whose
literal start is under a listed folder, a literal start joined on (``"/proc/" + pid``,
``os.path.join("/proc", pid, "stat")``), or a local the function binds once to one of these
(``path = f"/proc/{pid}/status"`` then ``open(path)``). A parameter, an attribute or a name
bound twice may name any file. /sys is left out on purpose: a sysfs attribute may ask the
hardware (an hwmon sensor read over I2C takes milliseconds).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import Any

from advisor.lint.checks.helpers import own_nodes

#: The calls on an open file the table names (``open().read``): the handle route.
_HANDLE_METHODS = frozenset({"read", "readline", "readlines", "write", "writelines"})


def kernel_file(node: ast.Call, folders: Iterable[str], ctx: Any = None) -> bool:
    """Whether the call's path (first argument, or ``file=``) starts under one of *folders*;
    for a read or write on a handle (``handle.read()``), whether every binding of the handle
    in the function is such an ``open`` (``with open(...) as handle``, ``handle = open(...)``)."""
    folders = tuple(folders)
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _HANDLE_METHODS:
        if isinstance(func.value, ast.Call):  # `open("/proc/...").read()`, in one line
            return kernel_file(func.value, folders, ctx)
        return (
            ctx is not None
            and isinstance(func.value, ast.Name)
            and _kernel_handle(ctx, func.value.id, folders)
        )
    path = node.args[0] if node.args else None
    if path is None:
        path = next((k.value for k in node.keywords if k.arg == "file"), None)
    if isinstance(path, ast.Name) and ctx is not None:
        path = _bound_once(ctx, path.id)
    start = _literal_start(path)
    if start is None or not start.startswith(tuple(folders)):
        return False
    # `/proc/<pid>/cwd/...`, `/root/...`, `/fd/<n>`, `/map_files/...` lead to files on disk.
    return not any(part in text for text in _literal_parts(path) for part in _TO_DISK)


def _kernel_handle(ctx: Any, name: str, folders: tuple[str, ...]) -> bool:
    opened: list[ast.expr] = []
    stores = 0
    for n in own_nodes(ctx.frame.node):
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store):
            stores += 1
        elif isinstance(n, ast.withitem) and isinstance(n.optional_vars, ast.Name):
            if n.optional_vars.id == name:
                opened.append(n.context_expr)
        elif isinstance(n, ast.Assign) and len(n.targets) == 1:
            target = n.targets[0]
            if isinstance(target, ast.Name) and target.id == name:
                opened.append(n.value)
    return (
        bool(opened)
        and stores == len(opened)
        and all(isinstance(v, ast.Call) and kernel_file(v, folders, ctx) for v in opened)
    )


_TO_DISK = ("/cwd", "/root", "/fd/", "/map_files", "/exe")

#: How code spells a path join whose first part is a folder (``os.path.join("/proc", pid)``).
_JOINS = frozenset({"os.path.join", "posixpath.join"})


def _bound_once(ctx: Any, name: str) -> ast.expr | None:
    """The value of the function's one binding of *name* (``path = f"/proc/{pid}/status"``),
    or None when it is bound otherwise, more than once, or is a parameter: then it may hold
    any path."""
    function = ctx.frame.node
    args = getattr(function, "args", None)
    if args is not None and name in {
        a.arg
        for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg)
        if a is not None
    }:
        return None
    value: ast.expr | None = None
    stores = 0
    for n in own_nodes(function):
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store):
            stores += 1
        elif isinstance(n, ast.Assign) and len(n.targets) == 1:
            target = n.targets[0]
            if isinstance(target, ast.Name) and target.id == name:
                value = n.value
        elif (
            # `path: str = f"/proc/..."` (typed code) and `(path := f"/proc/...")`
            isinstance(n, (ast.AnnAssign, ast.NamedExpr))
            and isinstance(n.target, ast.Name)
            and n.target.id == name
        ):
            value = n.value
    return value if stores == 1 else None


def _join(expr: ast.expr) -> list[ast.expr] | None:
    """The parts of ``os.path.join(...)`` with a literal first part and no later part that
    is an absolute literal (which would start the path again), else None."""
    if not (
        isinstance(expr, ast.Call)
        and len(expr.args) >= 2
        and not expr.keywords
        and ast.unparse(expr.func) in _JOINS
    ):
        return None
    later = expr.args[1:]
    if any(isinstance(a, ast.Starred) for a in later) or any(
        isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value.startswith("/")
        for a in later
    ):
        return None
    return list(expr.args)


def _literal_parts(expr: ast.expr | None) -> list[str]:
    """The literal pieces of a path expression (the whole text of a constant)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, ast.JoinedStr):
        return [
            v.value for v in expr.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        ]
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return [*_literal_parts(expr.left), *_literal_parts(expr.right)]
    parts = _join(expr) if expr is not None else None
    if parts is not None:
        # Each later part after a separator: `join("/proc", pid, "cwd")` reaches `/cwd`.
        return [
            "/".join(
                p.value if isinstance(p, ast.Constant) and isinstance(p.value, str) else "*"
                for p in parts
            )
        ]
    return []


def _literal_start(expr: ast.expr | None) -> str | None:
    """The literal text a path expression certainly starts with, or None."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, ast.JoinedStr) and expr.values:
        first = expr.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        return _literal_start(expr.left)  # `"/proc/" + pid + "/stat"`
    parts = _join(expr) if expr is not None else None
    if parts is not None:
        start = _literal_start(parts[0])
        return None if start is None else start.rstrip("/") + "/"
    return None
