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
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


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
                initializer=self._initializer,
                initargs=initargs() if callable(initargs) else initargs,
            )
        try:
            yield from self._pool.map(function, jobs)
        except (OSError, RuntimeError):
            self.close()
            raise

    def close(self) -> None:
        """Shut the processes down and wait for them, as leaving a ``with`` block does."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)
