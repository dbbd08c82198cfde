"""Websocket event stream client with a heartbeat guardian.

Reproduction of the shape fixed in https://github.com/automicus/PyISY/pull/425: the loop captured
in __init__ (asyncio.get_running_loop()) schedules the reconnect with self._loop.create_task(...)
and the task is dropped, so it may be garbage collected before it runs.
"""

import asyncio
import time

HEARTBEAT = 30
GRACE = 5


class WebSocketClient:
    def __init__(self, session, url: str) -> None:
        self._session = session
        self._url = url
        self._last_heartbeat = time.monotonic()
        self._stopped = False
        self.websocket_task = None
        self.guardian_task = None
        self._loop = asyncio.get_running_loop()

    def start(self) -> None:
        self.websocket_task = self._loop.create_task(self.websocket())
        self.guardian_task = self._loop.create_task(self._websocket_guardian())

    def stop(self) -> None:
        self._stopped = True
        if self.websocket_task is not None:
            self.websocket_task.cancel()
        if self.guardian_task is not None:
            self.guardian_task.cancel()

    async def reconnect(self, delay: float = 1.0) -> None:
        self.stop()
        await asyncio.sleep(delay)
        self._stopped = False
        self.start()

    async def _websocket_guardian(self) -> None:
        while not self._stopped:
            await asyncio.sleep(HEARTBEAT)
            if self.websocket_task.done() or time.monotonic() - self._last_heartbeat > HEARTBEAT + GRACE:
                self._loop.create_task(self.reconnect())  # bug
                return

    async def websocket(self) -> None:
        async with self._session.ws_connect(self._url) as ws:
            async for _msg in ws:
                self._last_heartbeat = time.monotonic()
