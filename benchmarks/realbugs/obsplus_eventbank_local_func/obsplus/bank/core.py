"""Base class of ObsPlus' banks (reproduction, see eventbank.py)."""
import os
from abc import ABC
from concurrent.futures import Executor
from pathlib import Path
from typing import Optional

CPU_COUNT = os.cpu_count() or 4


class _Bank(ABC):
    """A folder of files with an index; an optional executor does the per-file work."""

    executor: Optional[Executor] = None

    def __init__(self, base_path, executor: Optional[Executor] = None):
        self.bank_path = Path(base_path).absolute()
        self.executor = executor

    @property
    def _max_workers(self):
        executor = getattr(self, "executor", None)
        if executor is not None:
            return getattr(executor, "_max_workers", CPU_COUNT)
        return CPU_COUNT

    def _unindexed_iterator(self, paths=None):
        for path in paths or self.bank_path.rglob("*.xml"):
            yield str(path)

    def _measure_iterator(self, iterable, bar=None):
        for num, item in enumerate(iterable):
            if bar is not None:
                bar.update(num)
            yield item

    def _map(self, func, args, chunksize=None):
        """Map the args to the function, on the executor if there is one, else in serial."""
        if self.executor is not None:
            return self.executor.map(func, args, chunksize=chunksize)
        return (func(x) for x in args)
