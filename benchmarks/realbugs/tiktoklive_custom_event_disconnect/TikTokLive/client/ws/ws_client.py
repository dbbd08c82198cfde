"""The websocket connection to the Webcast server (see client.py); disconnect is a coroutine."""
from typing import AsyncIterator, Optional

import websockets


class WebcastWSClient:
    def __init__(self):
        self._conn: Optional[websockets.WebSocketClientProtocol] = None

    async def connect(self, url: str) -> AsyncIterator[bytes]:
        async with websockets.connect(url) as conn:
            self._conn = conn
            async for message in conn:
                yield message

    async def disconnect(self) -> None:
        if self._conn is not None:
            await self._conn.close()
        self._conn = None
