"""Process-tree helpers shared by the bench and profile: sample, and end a whole tree.

psutil rather than /proc by hand: it works the same on Linux and macOS, and knows how to
walk a tree whose members come and go while we look.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import psutil


class TreeSample(NamedTuple):
    rss: int
    threads: int
    processes: int


def tree(root: psutil.Process) -> list[psutil.Process]:
    """*root* and every descendant alive right now."""
    import psutil

    try:
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def sample(root: psutil.Process) -> TreeSample:
    """Resident memory, threads and processes of the tree, summed; members that vanish
    between listing and reading are skipped."""
    import psutil

    rss = threads = count = 0
    for proc in tree(root):
        try:
            with proc.oneshot():
                rss += proc.memory_info().rss
                threads += proc.num_threads()
            count += 1
        except psutil.Error:
            continue
    return TreeSample(rss, threads, count)


def end_tree(pid: int, *, grace: float = 2.0) -> None:
    """Terminate a process and all its descendants; kill whatever is left after *grace* s.

    Descendants are listed before the parent is touched: once it dies they are re-parented
    and could no longer be found from it.
    """
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    members = tree(root)
    for proc in reversed(members):
        with contextlib.suppress(psutil.Error):
            proc.terminate()
    _, alive = psutil.wait_procs(members, timeout=grace)
    for proc in alive:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(alive, timeout=grace)
