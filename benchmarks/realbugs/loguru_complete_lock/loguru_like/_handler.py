"""A logging handler wrapping one sink.

Reproduction of the shape fixed in https://github.com/Delgan/loguru/pull/972 (report:
https://github.com/Delgan/loguru/issues/906): complete_async awaited the async sink while holding
the handler's lock through a @contextmanager method; the lock is a threading.Lock made by a helper
of another module, so a second coroutine trying to take it blocks the loop: deadlock.
"""

import threading
from contextlib import contextmanager

from ._locks_machinery import create_handler_lock


class Handler:
    def __init__(self, sink) -> None:
        self._sink = sink
        self._lock = create_handler_lock()
        self._lock_acquired = threading.local()

    @contextmanager
    def _protected_lock(self):
        if getattr(self._lock_acquired, "acquired", False):
            raise RuntimeError("Could not acquire internal lock (deadlock avoided).")
        self._lock_acquired.acquired = True
        try:
            with self._lock:
                yield
        finally:
            self._lock_acquired.acquired = False

    def emit(self, message: str) -> None:
        with self._protected_lock():
            self._sink.write(message)

    async def complete_async(self) -> None:
        with self._protected_lock():  # bug
            await self._sink.complete()
