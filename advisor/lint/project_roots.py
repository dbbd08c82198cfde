"""Which folder a file named alone is indexed from: its project, or its whole repository.

`project_files` reads a named file's project for the cross-file index, so the shipped
pre-commit hook (``advisor scan pkg/service.py``) gets what ``advisor scan .`` gives the file.
The project is the nearest folder holding a marker (`project_files.MARKERS`). In a monorepo
that is one service (``services/api/pyproject.toml``), while the code it calls lives in a
sibling library of the same repository (``libs/core``): ``advisor scan .`` at the root
reported ``read -> get_item -> requests.get()``, the hook reported nothing (hostile new-user
review, 2026-12-07).

So the index root is the nearest project, unless the named file imports a module that project
does not hold and the repository holds it: then the repository root (the nearest folder at or
above the project holding ``.git``) is read instead, as ``advisor scan .`` there reads it.
"Holds" is decided from the file system, by the module's path under the project's folders
(its root, ``src/`` and each folder between it and the named file), a few ``stat`` calls per
import; the repository is walked once, only when an import is still missing, and only its
folder names are compared (a third-party import such as ``requests`` is in no folder of it,
and the project stays the root). Standard-library imports are never looked for.
"""

from __future__ import annotations

import ast
import functools
import os
import sys
from collections.abc import Iterable

from advisor.lint.statements import walk
from advisor.repository import repository_root

_STDLIB = frozenset(sys.stdlib_module_names)


def index_root(abspath: str, project: str, skip_dirs: Iterable[str]) -> str:
    """*project* (the named file's nearest project root), or the repository root above it
    when the file imports a module only the repository holds."""
    repo = _repository(project)
    if repo is None or repo == project:
        return project
    missing = [m for m in _imports(abspath) if not _held(m, _bases(abspath, project))]
    if missing and _in_tree(repo, missing, frozenset(skip_dirs)):
        return repo
    return project


def _repository(project: str) -> str | None:
    """The nearest folder at or above *project* holding ``.git``; None below a home folder."""
    return repository_root(project, stop=os.path.expanduser("~"))


def _imports(abspath: str) -> list[tuple[str, ...]]:
    """The absolute modules *abspath* imports, as path parts, less the standard library's.
    A file that cannot be read or parsed imports nothing here (the scan says why)."""
    try:
        with open(abspath, "rb") as handle:
            tree = ast.parse(handle.read())
    except (OSError, SyntaxError, ValueError):
        return []
    found: set[tuple[str, ...]] = set()
    for node in walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module]
        else:
            continue
        found.update(tuple(n.split(".")) for n in names if n.partition(".")[0] not in _STDLIB)
    return sorted(found)


def _bases(abspath: str, project: str) -> list[str]:
    """The folders a module of *project* may be imported from: the project, its ``src/`` and
    every folder from the named file's up to the project."""
    bases = [project, os.path.join(project, "src")]
    folder = os.path.dirname(abspath)
    while folder.startswith(project + os.sep):
        bases.append(folder)
        folder = os.path.dirname(folder)
    return bases


def _held(parts: tuple[str, ...], bases: list[str]) -> bool:
    path = os.path.join(*parts)
    return any(
        os.path.exists(os.path.join(base, path + ".py")) or os.path.isdir(os.path.join(base, path))
        for base in bases
    )


def _in_tree(repo: str, missing: list[tuple[str, ...]], skip_dirs: frozenset[str]) -> bool:
    """Whether a folder of *repo* (hidden and skipped folders left out) holds one of the
    *missing* modules: ``acme/core/items.py``, or the package folder ``acme/core/items``."""
    entries = _entries(repo, skip_dirs)
    for module in missing:
        for wanted in ((*module[:-1], module[-1] + ".py"), module):
            if any(full[-len(wanted) :] == wanted for full in entries.get(wanted[-1], ())):
                return True
    return False


def forget() -> None:
    """Drop the walks `_entries` kept: a run's named files share one, the next run (a library
    caller's, in the same process) walks afresh."""
    _entries.cache_clear()


@functools.lru_cache(maxsize=4)
def _entries(repo: str, skip_dirs: frozenset[str]) -> dict[str, list[tuple[str, ...]]]:
    """Every folder and file of *repo* as path parts, by its last name: walked once per run,
    however many files pre-commit names."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for folder, dirs, files in os.walk(repo):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in skip_dirs]
        rel = os.path.relpath(folder, repo)
        here = () if rel == "." else tuple(rel.split(os.sep))
        for name in (*dirs, *files):
            found.setdefault(name, []).append((*here, name))
    return found
