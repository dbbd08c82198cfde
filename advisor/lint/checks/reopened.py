"""A file opened again by the name of a handle the caller already holds open, for the blocking
table's ``reopened``.

modal's ``perform_multipart_upload(data_file: BinaryIO | BytesIO | FileIO, ...)`` gives each
part its own reader, ``open(data_file.name, "rb")``, and hands the readers to payloads whose
reads run in an executor. The file is open already: its path was looked up and its inode is
in memory, so opening it again is a system call of microseconds with no disk behind it. Only
the path the code spells from such a handle counts: ``open(handle.name)``, or a local the
function binds once to it (``filename = handle.name``), where ``handle`` is a parameter
annotated with file-object types only (``BinaryIO``, ``FileIO``, ``IO[bytes]``, a union of
them). An unannotated parameter's ``.name`` may be anything's name (a model's, a user's) and
a path parameter names any file: both stay reported, and so does a reopen the function binds
to a name itself (``with open(handle.name) as again``), whose reads its report covers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import Any

from advisor.lint.callees import tail
from advisor.lint.checks.procfs import _bound_once
from advisor.lint.statements import walk


def reopened(node: ast.Call, file_types: Iterable[str], ctx: Any) -> bool:
    """Whether the call's path (first argument, or ``file=``) is ``.name`` of a parameter
    annotated with *file_types* only, directly or through a local bound once to it."""
    if ctx is None:
        return False
    path = node.args[0] if node.args else None
    if path is None:
        path = next((k.value for k in node.keywords if k.arg == "file"), None)
    if isinstance(path, ast.Name):
        path = _bound_once(ctx, path.id)
    if not (
        isinstance(path, ast.Attribute) and path.attr == "name" and isinstance(path.value, ast.Name)
    ):
        return False
    function = ctx.frame.node
    annotation = _annotation(function, path.value.id)
    if annotation is None or not _file_types_only(annotation, frozenset(file_types)):
        return False
    return not _read_here(function, node)


def _read_here(function: Any, node: ast.Call) -> bool:
    """Whether the function binds the new handle to a name (``with open(...) as f``,
    ``f = open(...)``): its reads there would then be folded into this call's report
    (`blocking`), so the call stays reported; handles handed on (to an executor's readers, a
    list) are read wherever they go."""
    for stmt in walk(function):
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            if any(item.context_expr is node for item in stmt.items):
                return True
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is node:
            return True
    return False


def _annotation(function: Any, name: str) -> ast.expr | None:
    args = getattr(function, "args", None)
    if args is None:
        return None
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        if arg.arg == name:
            found: ast.expr | None = arg.annotation
            return found
    return None


def _file_types_only(annotation: ast.expr, types: frozenset[str]) -> bool:
    """``BinaryIO``, ``io.FileIO``, ``IO[bytes]`` or a ``|`` / ``Union`` / ``Optional`` of
    them; a string annotation is not read (its names are not checked here)."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _file_types_only(annotation.left, types) and _file_types_only(
            annotation.right, types
        )
    if isinstance(annotation, ast.Subscript):
        outer = tail(annotation.value)
        if outer in ("Union", "Optional"):
            inner = annotation.slice
            parts = inner.elts if isinstance(inner, ast.Tuple) else [inner]
            return all(_file_types_only(part, types) for part in parts)
        return outer in types
    if isinstance(annotation, ast.Constant) and annotation.value is None:
        return False
    return isinstance(annotation, (ast.Name, ast.Attribute)) and tail(annotation) in types
