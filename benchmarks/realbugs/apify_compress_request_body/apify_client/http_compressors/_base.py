"""Interface of request-body compressors."""

from abc import ABC, abstractmethod


class HttpCompressor(ABC):
    content_encoding: str

    @abstractmethod
    def compress(self, data: bytes) -> bytes:
        """Compress a request body."""
