"""A database connection that stays in the process's memory waits on nothing (issue 19).

``sqlite3.connect(":memory:")`` opens a database held in RAM: no file, no server, no wait.
csvs-to-sqlite (apps_heldout14) opens one to ask SQLite which column types a DataFrame gets,
and that call was read as "blocking database I/O, so the work waits rather than computes".
The names a library gives its in-memory databases are data (``in_memory`` of its entry in
``data/libraries.yaml``): such a connect call casts no ``--cpu-bound no`` vote. It still blocks
the calling thread (a query on it runs in SQLite's C code), so it stays ``--async-libs``
evidence: datasette's in-memory databases, queried from its event loop's executor, are blocking
calls all the same (apps.yaml).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

#: Keyword arguments that name the database, when it is not the first positional argument.
_DATABASE_KEYWORDS = ("database", "path", "filename")


def in_memory(node: ast.Call, lib: Mapping[str, Any]) -> bool:
    """Whether *node*, a call of *lib*, opens an in-memory database: its database argument is
    a string constant that is, or starts with, one of the library's ``in_memory`` names
    (``":memory:"``; ``"file::memory:?cache=shared"`` with ``uri=True``)."""
    names = lib.get("in_memory")
    if not names:
        return False
    target: ast.expr | None = node.args[0] if node.args else None
    for keyword in node.keywords:
        if keyword.arg in _DATABASE_KEYWORDS:
            target = keyword.value
    if not (isinstance(target, ast.Constant) and isinstance(target.value, str)):
        return False
    return any(target.value.startswith(name) for name in names)
