from __future__ import annotations

import abc


class SyncBackend(abc.ABC):
    name: str

    @abc.abstractmethod
    async def push(self, bundle: bytes, sequence: int) -> None: ...

    @abc.abstractmethod
    async def pull(self, sequence: int | None = None) -> bytes | None: ...
