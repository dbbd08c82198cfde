from typing import Any, Optional


class StreamResponse:
    __slots__ = ("_status", "_req", "_payload_writer")

    def __init__(self, *, status: int = 200) -> None:
        self._status = status
        self._req: Optional[Any] = None
        self._payload_writer: Optional[Any] = None
