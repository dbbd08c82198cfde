"""The fields of each AST node type that can hold child nodes, computed once per type.

Shared by the checks' one walk (`checks.base.walk`) and the few walks outside it
(`attributes`, `checks.confined`, `checks.helpers`): reading a node's children through this
table, not `ast.iter_child_nodes`, skips names, constants and contexts without a list per node.
A module of its own so that `lint/` modules below `checks` can use it without an import circle.
"""

from __future__ import annotations

import ast


def child_fields(kind: type[ast.AST]) -> tuple[str, ...]:
    """The fields of a node type that can hold child nodes (not names, constants, contexts)."""
    fields = FIELDS.get(kind)
    if fields is None:
        # Fields holding plain values in the grammar (names, constants, flags), never nodes.
        skip = {"ctx", "op", "ops", "names", "kwd_attrs", "type_comment", "id", "attr", "arg",
                "name", "asname", "module", "level", "kind", "is_async", "conversion",
                "simple", "lineno", "tag", "rest"}  # fmt: skip
        if kind is ast.Constant or kind is ast.MatchSingleton:
            skip.add("value")
        if kind is ast.ImportFrom or kind is ast.Import:
            fields = ()
        else:
            fields = tuple(f for f in kind._fields if f not in skip)
        FIELDS[kind] = fields
    return fields


FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}
