"""A ``/`` between paths joins them: pathlib's operator is not a quotient (issue 19).

`advisor.evidence.loops` counts a quotient as arithmetic, and nested loops doing arithmetic
as a computing step. But ``path / exe`` in a loop over folders and executable names
(streamlink's player lookup), ``base_dir / name`` over a listing, or ``Path(root) / sub /
leaf`` builds a path to look at: the work is the file system's, not the processor's. An
operand is a path when it is written as one: a ``Path(...)``-like call (`data/work.yaml`
``path_types``, by its spelling in the code), a name or attribute whose last name ends like
a path (``path_suffixes``: ``path``, ``config_dir``, ``self.folder``), a ``.parent`` of such
an operand, or another join. Types are not inferred further: what cannot be told still
counts, as for text operands.
"""

from __future__ import annotations

import ast

from advisor.evidence.tables import tables


def joins_paths(node: ast.AST) -> bool:
    """*node* is ``a / b`` (or ``a /= b``) with a visible path on either side."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return _is_path(node.left) or _is_path(node.right)
    if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Div):
        return _is_path(node.target) or _is_path(node.value)
    return False


def _is_path(node: ast.AST) -> bool:
    if isinstance(node, ast.BinOp):
        return joins_paths(node)
    if isinstance(node, ast.Call):
        return _dotted(node.func) in tables().path_types
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        return _is_path(node.value)
    if isinstance(node, ast.Name):
        name = node.id
    elif isinstance(node, ast.Attribute):
        name = node.attr
    else:
        return False
    return name.lower().endswith(tables().path_suffixes)


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""
