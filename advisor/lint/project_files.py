"""The other modules of a named file's project, read for the cross-file index only.

The shipped pre-commit hook and editors name files one by one (``advisor scan pkg/service.py``,
``advisor scan - --stdin-filename pkg/service.py``). Findings that need another module (a
coroutine method `pkg/repo.py` defines called without ``await``; a helper in `pkg/helpers.py`
that runs ``asyncio.run``, called from a coroutine) disappeared there, while ``advisor scan .``
reported them at the same line (issue 17, new-user review 2026-12-07): the hook passed the commit
CI then failed. So the project a named file belongs to is walked too, its files read into the
index as a folder scan reads them (the same excludes, ``.gitignore`` and skipped folders, and
the same cache, so a warm hook run parses nothing), and only the named files are reported on.

The project is the nearest folder at or above the named file that holds ``pyproject.toml``,
``setup.cfg``, ``setup.py`` or ``.git``, the markers the tools that find a project's root
look for. A file with no such folder above it is read alone, as before: walking ``/tmp`` or a
home folder for one loose script would cost more than it could find. In a monorepo the
repository root is read instead when the file imports a module only it holds
(`project_roots.index_root`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from advisor.lint.discover import Source, find
from advisor.lint.project_roots import forget, index_root

#: What makes a folder a project's root (`pyproject.toml` first: `lint.config` reads it).
MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git")


def project_root(abspath: str) -> str | None:
    """The nearest folder at or above the file *abspath* holding one of `MARKERS`."""
    folder = os.path.dirname(abspath)
    # A home folder that is a dotfiles repository (a `.git` in ~) is no project: walking all of
    # it for one loose script would read every project below it.
    home = os.path.expanduser("~")
    while True:
        if folder == home:
            return None
        if any(os.path.exists(os.path.join(folder, marker)) for marker in MARKERS):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def project_sources(
    named: Iterable[Source],
    root: str,
    *,
    exclude: Sequence[str],
    calls: dict[str, Any],
) -> list[Source]:
    """The Python files of the named files' projects, less the named files themselves, found
    as ``advisor scan <project>`` finds them (*exclude*, ``.gitignore``, ``skip_dirs``, the
    size limit), relative to the scan's *root* so their cache entries are a folder scan's.
    Notebooks are left out: no module imports one. Files that cannot be read are left out
    too: the report is about the named files, and says nothing of the others."""
    named = list(named)
    skip = calls["skip_dirs"]
    roots = sorted(
        {index_root(s.abspath, r, skip) for s in named if (r := project_root(s.abspath))}
    )
    forget()
    if not roots:
        return []
    found = find(
        roots,
        root,
        exclude=exclude,
        skip_dirs=calls["skip_dirs"],
        max_bytes=int(calls["max_file_bytes"]),
        suffixes=(".py",),
    )
    seen = {s.abspath for s in named}
    others: list[Source] = []
    inside = os.path.join(root, "")
    for source in found.sources:
        if source.abspath not in seen:
            seen.add(source.abspath)
            if not source.abspath.startswith(inside):
                # above the scan's root (a project or repository root over the named file's
                # folder) the walk names a file by its base name alone: its path from the
                # root instead, which names its module's folders (`lint.namespaces`)
                rel = os.path.relpath(source.abspath, root).replace(os.sep, "/")
                others.append(source._replace(relpath=rel))
            else:
                others.append(source)
    return others
