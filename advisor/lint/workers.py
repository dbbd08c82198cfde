"""The worker processes of one scan, started when a batch is first worth them and kept until
the scan ends.

Each batch of files used to start its own process pool and wait for it to exit: the first
pass's, then each step of the second pass's (the package ``__init__`` files, the files naming
a coroutine, the modules its calls lead into). The second pass's batches are small (twenty
files on the standard library, under the size that pays for starting processes), so they
ran on one core while the other waited. Kept for the whole scan, the pool costs nothing more
to use again, and every later batch of two files or more is shared out (`runner`). What a
file's result is does not depend on which process computes it, nor on the files it shares a
process with.

The workers end with the scan's process, however it ends. Killed (``kill -9``, an editor
stopping a language server, a CI job's time-out), it cannot shut its pool down, and the
workers, waiting on a queue whose other end their siblings still hold, were left running for
ever, one per core (seen by a reviewer; `tests/scan/test_workers_end.py` counts them). Each
worker watches its parent (`_watched`): when the parent is gone (the worker is handed to
another process, as an orphan is), it exits at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

#: How often a worker looks whether its parent is still there, in seconds: the longest an
#: orphaned worker outlives it. A look is one system call.
WATCH_SECONDS = 0.5


class Workers:
    """A process pool of *count* workers, started by the first `map` and shut down by
    `close` (which `runner.run` calls when the scan ends, whatever happened)."""

    def __init__(
        self,
        count: int,
        initializer: Callable[..., None],
        initargs: tuple[Any, ...] | Callable[[], tuple[Any, ...]],
    ) -> None:
        """*initargs* may be a function that gives them: asked only when the processes start
        (a warm scan, which parses nothing, never builds them)."""
        self.count = count
        self._initializer = initializer
        self._initargs = initargs
        self._pool: Any = None

    @property
    def started(self) -> bool:
        """Whether the processes run already: a batch then costs only its own pickling."""
        return self._pool is not None

    def map(self, function: Callable[[Any], Any], jobs: list[Any]) -> Iterator[Any]:
        """*function* over *jobs* in the workers, results in the order of *jobs*. Raises
        `OSError` or `RuntimeError` where processes cannot run (a sandbox) or the pool broke:
        the pool is then closed, and the caller goes on in this process."""
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            initargs = self._initargs
            self._pool = ProcessPoolExecutor(
                self.count,
                initializer=_watched,
                initargs=(self._initializer, *(initargs() if callable(initargs) else initargs)),
            )
        try:
            yield from self._pool.map(function, jobs)
        except (OSError, RuntimeError):
            self.close()
            raise

    def close(self, *, abandon: bool = False) -> None:
        """Shut the processes down and wait for them, as leaving a ``with`` block does. With
        *abandon* (the scan failed or was interrupted: Ctrl-C), the files not yet handed out
        are dropped and the workers ended where they are: waiting for them, as a plain
        shutdown does, kept a Ctrl-C'd scan of a large tree running until every batch
        handed out was done (each worker's own Ctrl-C only ends the file it is on)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if abandon:
            # `ProcessPoolExecutor` names its processes only privately before Python 3.14
            # (`terminate_workers`); without the table the shutdown below still cancels.
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def _watched(initializer: Callable[..., None], *initargs: Any) -> None:
    """A worker's start: a thread that ends the worker when its parent is gone, then
    *initializer*. The parent is the one the worker has now (the scan's process, or the
    fork server that started it, which ends with the scan's process); an orphan is handed
    to another (init, a container's or a session's reaper), so a changed parent means the
    scan is gone. POSIX only: elsewhere the parent of a process never changes."""
    if os.name == "posix":
        import threading

        parent = os.getppid()
        if parent == 1:  # orphaned before it even started
            os._exit(1)
        threading.Thread(target=_watch, args=(parent,), daemon=True, name="advisor-parent").start()
    initializer(*initargs)


def _watch(parent: int) -> None:
    """Wait until this process's parent is no longer *parent*, then end the process at once:
    nobody is left to take its results, and nothing of it needs cleaning up."""
    import time

    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
