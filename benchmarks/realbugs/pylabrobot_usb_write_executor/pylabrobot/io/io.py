"""The IO base class (reproduction, see usb.py)."""
from abc import ABC, abstractmethod


class IOBase(ABC):
    @abstractmethod
    async def setup(self):
        ...

    @abstractmethod
    async def write(self, data: bytes, timeout=None):
        ...

    @abstractmethod
    async def read(self, timeout=None) -> bytes:
        ...
