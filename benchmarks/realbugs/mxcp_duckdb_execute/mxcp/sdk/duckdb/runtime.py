import queue
from collections.abc import Iterator
from contextlib import contextmanager

from .session import DuckDBSession


class DuckDBRuntime:
    def __init__(self, path: str, size: int = 4):
        self._pool: queue.Queue[DuckDBSession] = queue.Queue()
        for _ in range(size):
            self._pool.put(DuckDBSession(path))

    @contextmanager
    def get_connection(self) -> Iterator[DuckDBSession]:
        session = self._pool.get()
        try:
            yield session
        finally:
            self._pool.put(session)
