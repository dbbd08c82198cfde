"""Decision trees: load (`load`), parse (`parsing`), graph checks (`graph`), located problems
(`checker`), and the plain-data form the cache holds (`plain`).

``from advisor.tree import load_tree, validate, parse`` keeps working. Only
loading is imported eagerly: a warm run rebuilds the tree from the cache and
must not pay for the parser and its checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.tree.load import (
    NAMED_TREES,
    TREE_FILENAME,
    default_tree_path,
    load_tree,
    resolve_tree,
    validate,
)

if TYPE_CHECKING:
    from advisor.tree.checker import Checker
    from advisor.tree.parsing import KINDS, parse

__all__ = [
    "KINDS",
    "NAMED_TREES",
    "TREE_FILENAME",
    "Checker",
    "default_tree_path",
    "load_tree",
    "parse",
    "resolve_tree",
    "validate",
]

_LAZY = {
    "parse": "advisor.tree.parsing",
    "KINDS": "advisor.tree.parsing",
    "Checker": "advisor.tree.checker",
}


def __getattr__(name: str) -> Any:
    """The parser and the checker, imported on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'advisor.tree' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
