"""The repository a folder is in: the nearest folder at or above it holding ``.git``.

``.git`` is a folder, or a file in a worktree or submodule; either marks the root. Asked by
`convert --write` (is the file under version control at all), by the diff it prints (paths
relative to the repository, as git and patch apply them) and by `scan` for a file named alone
in a monorepo (`lint.project_roots`).
"""

from __future__ import annotations

import os


def repository_root(folder: str, *, stop: str | None = None) -> str | None:
    """The nearest folder at or above *folder* holding ``.git``; None when there is none, or
    none below *stop* (a home folder with ``.git`` is no project's repository)."""
    while folder != stop:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return None
