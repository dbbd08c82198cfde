"""advisor's own look at converted code for the pitfalls a conversion could introduce:
a coroutine called without await, and a blocking call left in ``async def``.

A stand-in for running `advisor scan` on the output until scan lands on main; the pipeline
runs it on every output and refuses a file it flags, so a bug in a rule shows up as a
refusal instead of as broken code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from advisor.codemod.rules import sync_table

#: Calls whose coroutine argument is awaited or scheduled for you.
SCHEDULERS = {"run", "create_task", "gather", "ensure_future", "wait_for", "shield", "to_thread"}


def pitfalls(source: str, coroutines: Iterable[str] = ()) -> list[tuple[int, str, str]]:
    """(line, kind, call) for each pitfall: kind is ``forgotten-await`` or ``blocking-call``."""
    tree = ast.parse(source)
    imports = _imports(tree)
    names = set(coroutines) | {
        n.name for n in ast.walk(tree) if isinstance(n, ast.AsyncFunctionDef)
    }
    blocking = sync_table().blocking
    found: list[tuple[int, str, str]] = []
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        if name is None:
            continue
        func = _enclosing_function(node, parents)
        qualified = _qualify(name, imports)
        if isinstance(func, ast.AsyncFunctionDef) and qualified in blocking:
            found.append((node.lineno, "blocking-call", qualified))
        if name in names and not _consumed(node, parents):
            found.append((node.lineno, "forgotten-await", name))
    return sorted(found)


def _consumed(node: ast.Call, parents: dict[ast.AST, ast.AST]) -> bool:
    """Awaited, or handed to something that schedules it (possibly through a generator)."""
    parent = parents.get(node)
    if isinstance(parent, ast.Await):
        return True
    while isinstance(parent, (ast.GeneratorExp, ast.ListComp, ast.Starred, ast.comprehension)):
        parent = parents.get(parent)
    if isinstance(parent, ast.Call):
        callee = _dotted(parent.func) or ""
        return callee.rsplit(".", 1)[-1] in SCHEDULERS
    return False


def _enclosing_function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.AST | None:
    current = parents.get(node)
    while current is not None and not isinstance(
        current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
    ):
        current = parents.get(current)
    return current


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _imports(tree: ast.AST) -> dict[str, str]:
    result: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    result[alias.asname] = alias.name
                else:
                    root = alias.name.split(".")[0]
                    result[root] = root
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                result[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return result


def _qualify(name: str, imports: dict[str, str]) -> str:
    root, _, rest = name.partition(".")
    full = imports.get(root, root)
    return f"{full}.{rest}" if rest else full
