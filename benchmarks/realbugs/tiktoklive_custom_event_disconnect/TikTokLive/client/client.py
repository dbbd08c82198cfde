"""TikTok LIVE client.

Reproduction of the shape fixed in https://github.com/isaackogan/TikTokLive/pull/268 (commit
e94f8e516f9104a05539ab4a05e25961e34e51a0, "bugfix: await client disconnect"): the coroutine
TikTokLiveClient.handle_custom_event (awaited by _parse_webcast_response, which _ws_loop awaits for
every websocket message) calls `self.disconnect()` when the stream ends; disconnect is an `async def`
of the same class, so the call only creates a coroutine and drops it ("RuntimeWarning: coroutine
'TikTokLiveClient.disconnect' was never awaited"), and the client never disconnects. The fix added
the await.
"""
import asyncio
import logging
from typing import AsyncIterator, Optional

from pyee.asyncio import AsyncIOEventEmitter

from TikTokLive.client.ws.ws_client import WebcastWSClient

LIVE_ENDED = 3
LIVE_PAUSED = 4


class TikTokLiveClient(AsyncIOEventEmitter):
    """Connects to one user's LIVE and re-emits its messages as events."""

    def __init__(self, unique_id: str):
        super().__init__()
        self.unique_id = unique_id
        self.room_id: Optional[int] = None
        self._ws = WebcastWSClient()
        self._loop_task: Optional[asyncio.Task] = None
        self._log = logging.getLogger("TikTokLive")

    async def start(self, push_server: str) -> asyncio.Task:
        self._loop_task = asyncio.get_running_loop().create_task(self._client_loop(push_server))
        return self._loop_task

    async def disconnect(self) -> None:
        """Close the websocket and wait for the read loop to end."""
        await self._ws.disconnect()
        if self._loop_task is not None:
            await self._loop_task
        self._loop_task = None
        self.room_id = None

    async def _client_loop(self, push_server: str) -> None:
        async for event in self._ws_loop(push_server):
            self.emit(event["type"], event)
        self.emit("disconnect", {"type": "disconnect"})

    async def _ws_loop(self, push_server: str) -> AsyncIterator[dict]:
        url = f"{push_server}?room_id={self.room_id}"
        async for raw in self._ws.connect(url):
            for event in await self._parse_webcast_response(raw):
                yield event

    async def _parse_webcast_response(self, raw: Optional[bytes]) -> list:
        if not raw:
            self._log.warning("empty webcast message")
            return []
        event = {"type": "control", "action": raw[0]}
        extra = await self.handle_custom_event(event)
        return [event] if extra is None else [extra, event]

    async def handle_custom_event(self, event: dict) -> Optional[dict]:
        """Turn the end and pause control messages into events of their own."""
        if event["type"] != "control":
            return None
        if event["action"] == LIVE_ENDED:
            self.disconnect()  # bug
            return {"type": "live_end"}
        if event["action"] == LIVE_PAUSED:
            return {"type": "live_pause"}
        return None
