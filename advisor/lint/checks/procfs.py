"""Files the kernel generates from memory, for the blocking table's ``kernel_paths``.

``open(f"/proc/{pid}/stat")`` (lightrag-hku's check that a PID was not reused) reads a procfs
file: the kernel writes it from its own tables when read, with no disk or network behind it,
in microseconds. Only a path written in the call is trusted (a string literal, or an f-string
whose literal start is under a listed folder): a path in a variable may name any file. /sys is
left out on purpose: a sysfs attribute may ask the hardware (an hwmon sensor read over I2C
takes milliseconds).
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
            return kernel_file(func.value, folders)
        return (
            ctx is not None
            and isinstance(func.value, ast.Name)
            and _kernel_handle(ctx, func.value.id, folders)
        )
    path = node.args[0] if node.args else None
    if path is None:
        path = next((k.value for k in node.keywords if k.arg == "file"), None)
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
        and all(isinstance(v, ast.Call) and kernel_file(v, folders) for v in opened)
    )


_TO_DISK = ("/cwd", "/root", "/fd/", "/map_files", "/exe")


def _literal_parts(expr: ast.expr | None) -> list[str]:
    """The literal pieces of a path expression (the whole text of a constant)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, ast.JoinedStr):
        return [
            v.value for v in expr.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
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
    return None
