"""Statement walks: every statement under a node, without visiting a single expression; and
`walk`, `ast.walk` itself for less.

The resolver's tables of ``self.x = ...`` (`attributes`) and ``app[key] = ...`` (`items`) look
at assignments only, and only statements hold statements: reading just the fields that may hold
them makes those walks several times cheaper than `ast.walk`, in the same order.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator

#: The node types that are or may hold statements (where `Resolver._items` looks for stores).
_HOLDS_STATEMENTS = frozenset(
    kind
    for kind in vars(ast).values()
    if isinstance(kind, type) and issubclass(kind, (ast.stmt, ast.excepthandler, ast.match_case))
)


def statements(node: ast.AST) -> Iterator[ast.AST]:
    """*node* and every statement (and ``except``/``case`` clause) under it, nested functions
    and classes included, in `ast.walk`'s order: the assignments `ast.walk` would meet,
    without visiting a single expression (no statement is ever inside one)."""
    todo = deque([node])
    while todo:
        node = todo.popleft()
        todo.extend(statement_children(node))
        yield node


def walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under *node* (itself first): the same nodes as `ast.walk`, in the same order
    (breadth first, each node's children in field order), for two thirds of its cost.
    `ast.walk` asks two generators per node (`ast.iter_child_nodes` over `ast.iter_fields`);
    the families walk whole functions and modules with it (the queues a file consumes, its
    module-level calls, a coroutine's uses), 355,000 nodes on a cold scan of the standard
    library."""
    todo = deque([node])
    pop, push = todo.popleft, todo.append
    while todo:
        node = pop()
        for field in node._fields:
            try:
                value = getattr(node, field)
            except AttributeError:  # a field a node built by hand may lack (as `ast.iter_fields`)
                continue
            if isinstance(value, ast.AST):
                push(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        push(item)
        yield node


#: The fields that may hold statements (or ``except``/``case`` clauses): no other field of any
#: node type does, so the walks for statements read these alone, not every child expression.
_STATEMENT_FIELDS = frozenset(("body", "handlers", "orelse", "finalbody", "cases"))
_STATEMENT_FIELDS_OF: dict[type[ast.AST], tuple[str, ...]] = {}


def statement_children(node: ast.AST) -> list[ast.AST]:
    """The statements (and clauses) right under *node*, in `ast.iter_child_nodes`'s order."""
    kind = type(node)
    fields = _STATEMENT_FIELDS_OF.get(kind)
    if fields is None:
        fields = _STATEMENT_FIELDS_OF[kind] = tuple(
            f for f in kind._fields if f in _STATEMENT_FIELDS
        )
    found: list[ast.AST] = []
    for field in fields:
        value = getattr(node, field, None)
        if type(value) is list:
            found.extend(item for item in value if type(item) in _HOLDS_STATEMENTS)
        elif isinstance(value, ast.AST) and type(value) in _HOLDS_STATEMENTS:
            found.append(value)
    return found
