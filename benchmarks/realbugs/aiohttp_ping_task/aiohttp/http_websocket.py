"""WebSocket protocol versions 13 and 8."""
import asyncio
from typing import Any, Union


class WebSocketWriter:
    def __init__(
        self,
        protocol: Any,
        transport: asyncio.Transport,
        *,
        limit: int = 2**16,
    ) -> None:
        self.protocol = protocol
        self.transport = transport
        self._limit = limit
        self._output_size = 0

    async def _send_frame(self, message: bytes, opcode: int) -> None:
        self.transport.write(bytes([0x80 | opcode, len(message)]) + message)
        self._output_size += len(message)
        if self._output_size > self._limit:
            self._output_size = 0
            await self.protocol._drain_helper()

    async def pong(self, message: Union[bytes, str] = b"") -> None:
        """Send pong message."""
        if isinstance(message, str):
            message = message.encode("utf-8")
        await self._send_frame(message, 0xA)

    async def ping(self, message: Union[bytes, str] = b"") -> None:
        """Send ping message."""
        if isinstance(message, str):
            message = message.encode("utf-8")
        await self._send_frame(message, 0x9)
