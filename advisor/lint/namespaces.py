"""The one module-name resolver for namespace folders, shared by the cross-file joins.

A module in a folder without ``__init__.py`` (a namespace package, PEP 420: a src/ layout,
a monorepo's folder, a bot's ``database/``) is named by the scan from its own folder on, while
the importer writes the dotted name from its root (``acme.store``). ADV101's chains
(`checks.reach_chains`) and ADV102's join (`checks.await_missing_across`) both map the
importer's name to the scan's through these two functions, so the two rules follow the same
modules (moved from `reach_chains`, behaviour unchanged).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def namespaces(modules: Mapping[str, str]) -> dict[str, str]:
    """A module in a folder without ``__init__.py`` (a namespace package, PEP 420: a bot's
    ``database/database.py`` imported as ``database.database``) is named by the scan from its
    own folder on (``database``): each dotted path it may be imported by (its folders above,
    from any of them on) -> that name. A path two files could be, or a module of the scan's
    own, is left alone, and so is a name two files of the scan hold (``alpha/util.py`` and
    ``beta/util.py`` are both ``util``: ``beta.util.load_token`` is never ``alpha``'s)."""
    found: dict[str, str | None] = {}
    held = Counter(module for path, module in modules.items() if path.endswith(".py"))
    packages = {
        path.replace("\\", "/").rpartition("/")[0]
        for path in modules
        if path.replace("\\", "/").endswith("/__init__.py")
    }
    for path, module in modules.items():
        if not path.endswith(".py") or not module or held[module] > 1:
            continue
        parts = path[:-3].replace("\\", "/").split("/")
        if parts[-1] == "__init__":
            parts.pop()
        own = module.split(".")
        if parts[-len(own) :] != own or len(parts) == len(own):
            continue
        if any("/".join(parts[:k]) in packages for k in range(1, len(parts) - len(own) + 1)):
            # a folder without ``__init__.py`` inside a regular package (f2's
            # `f2/apps/douyin/algorithm`, mcp-agent's `mcp_agent/utils`): measured, its
            # chains were all false (r-chain20); a project's own namespace folders are
            # namespace packages from the scan root up
            continue
        for start in range(len(parts) - len(own)):
            if not all(p.isidentifier() for p in parts[start:]):
                continue
            dotted = ".".join(parts[start:])
            found[dotted] = module if found.get(dotted, module) == module else None
    known = set(modules.values())
    return {k: v for k, v in found.items() if v is not None and k not in known}


def in_namespace(name: str, spaces: Mapping[str, str]) -> str:
    """*name* with its longest module prefix that `namespaces` knows renamed."""
    prefix = name
    while prefix:
        known = spaces.get(prefix)
        if known is not None:
            return known + name[len(prefix) :]
        prefix = prefix.rpartition(".")[0]
    return name
