"""The other dotted names a module of a namespace package (PEP 420: a folder without
``__init__.py``) is imported by.

`index.Modules` names a module from the first folder up without an ``__init__.py``, as ruff
and mypy do by default: ``pkg/util.py`` in a folder ``pkg`` without one is ``util``. Python
imports it as ``util`` when ``pkg`` is on the import path, and as ``pkg.util`` when the folder
above is (PEP 420), the usual layout of an application run from its project folder: a bot's
``database/database.py`` imported as ``database.database``, an ``app.py`` that does ``from
pkg.util import load_token``. Which one the program uses advisor cannot know (neither ruff's
``namespace-packages`` nor mypy's ``explicit_package_bases`` is a setting here), so the
import decides: each dotted path a module's file may be imported by, from its folders above
(the scan root's own folder name included) -> the module's name, used only where nothing of
the scan has that name (`spellings`). A path two files could be, or a module name two files
share (``alpha/util.py`` and ``beta/util.py``, both ``util``), is left alone: a guess between
two files would pin one's blocking call on the other's callers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any


def root_parts(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """The scan root's own folder name, as a package part, from (abspath, relpath) of its
    files; none when the root holds an ``__init__.py`` (its modules are named from above it
    already, `index.Modules`) or its name is not an identifier."""
    for abspath, relpath in pairs:
        depth = relpath.replace("\\", "/").count("/") + 1
        root = abspath
        for _level in range(depth):
            root = os.path.dirname(root)
        name = os.path.basename(root)
        if name.isidentifier() and not os.path.isfile(os.path.join(root, "__init__.py")):
            return [name]
        return []
    return []


def spellings(modules: Mapping[str, str], root: list[str] | None = None) -> dict[str, str]:
    """Each dotted path a module of the scan in a namespace folder may be imported by -> its
    module name (*modules*: relpath -> module; *root*: `root_parts`, put before every
    relpath). A path two files could be, a module two files are, or a module of the scan's
    own name, is left out."""
    found: dict[str, str | None] = {}
    held: dict[str, int] = {}
    for module in modules.values():
        held[module] = held.get(module, 0) + 1
    for path, module in modules.items():
        if not path.endswith(".py") or not module or held[module] > 1:
            continue
        parts = [*(root or ()), *path[:-3].replace("\\", "/").split("/")]
        if parts[-1] == "__init__":
            parts.pop()
        own = module.split(".")
        if parts[-len(own) :] != own or len(parts) == len(own):
            continue
        for start in range(len(parts) - len(own)):
            if not all(p.isidentifier() for p in parts[start:]):
                continue
            dotted = ".".join(parts[start:])
            found[dotted] = module if found.get(dotted, module) == module else None
    known = set(modules.values())
    return {k: v for k, v in found.items() if v is not None and k not in known}


def renamed(name: str, spaces: Mapping[str, str]) -> str:
    """*name* with its longest module prefix that `spellings` knows put as the module's name
    (``pkg.util.load_token`` -> ``util.load_token``)."""
    prefix = name
    while prefix:
        known = spaces.get(prefix)
        if known is not None:
            return known + name[len(prefix) :]
        prefix = prefix.rpartition(".")[0]
    return name


def wanted_here(wanted: Mapping[str, set[str]], spaces: Mapping[str, str]) -> dict[str, set[str]]:
    """*wanted* (module -> names a coroutine's calls need from it, `crossfile.reach_modules`)
    with each module spelled through a namespace folder also under the module's own name:
    the second pass then parses ``util.py`` for ``from pkg.util import load_token``."""
    if not spaces:
        return dict(wanted)
    found = {m: set(n) for m, n in wanted.items()}
    for module, names in wanted.items():
        own = renamed(module, spaces)
        if own != module:
            found.setdefault(own, set()).update(names)
    return found


def of_files(files: Mapping[str, tuple[Any, ...]]) -> dict[str, str]:
    """`spellings` of a scan's files (`passes.Look.files`: relpath -> (source, entry,
    content, module, is_package)), the scan root's folder name included."""
    modules = {relpath: item[3] for relpath, item in files.items()}
    root = root_parts((item[0].abspath, relpath) for relpath, item in files.items())
    return spellings(modules, root)
