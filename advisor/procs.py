"""Process-tree helpers shared by the bench and profile: sample, and end a whole tree.

psutil rather than /proc by hand: it works the same on Linux and macOS, and knows how to
walk a tree whose members come and go while we look.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
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


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_us() -> Callable[[], None] | None:
    """A `preexec_fn` that makes the child receive SIGTERM when we die, on Linux; else None.

    Why: `profile` and `bench` end their children on every way out they see, but a SIGKILL
    (an OOM kill, a CI runner's timeout) gives them no chance, and the user's program would
    go on running with no parent. The kernel's parent-death signal covers that case. The libc
    function is looked up here, before the fork, so the child only makes one system call; if we
    died between fork and that call, the child ends itself at once.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def arm() -> None:
        prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGTERM)

    return arm
