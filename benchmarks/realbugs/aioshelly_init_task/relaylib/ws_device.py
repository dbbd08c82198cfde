"""A device over a WebSocket RPC link: the first notification of an uninitialised device starts
its initialisation.

Reproduction of the shape fixed in https://github.com/home-assistant-libs/aioshelly/pull/513: the
notification callback (sync, called by the link's reader) started the initialisation with
loop.create_task(...) and kept no reference to the task.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


class RpcLink:
    def __init__(self, host: str, on_notification: Callable[[str, dict | None], None]) -> None:
        self.host = host
        self._on_notification = on_notification

    async def call(self, method: str) -> dict:
        raise NotImplementedError


class WsDevice:
    def __init__(self, host: str) -> None:
        self._link = RpcLink(host, self._on_notification)
        self.initialized = False
        self._initializing = False
        self._status: dict[str, Any] | None = None
        self._listener: Callable[[WsDevice], None] | None = None

    async def _async_init(self) -> None:
        self._initializing = True
        try:
            self._status = await self._link.call("Shelly.GetStatus")
            self.initialized = True
        finally:
            self._initializing = False

    def _on_notification(self, method: str, params: dict | None = None) -> None:
        if params is not None and method == "NotifyFullStatus":
            self._status = params
        if not self._initializing and not self.initialized:
            loop = asyncio.get_running_loop()
            loop.create_task(self._async_init())  # bug
            return
        if self._listener and self.initialized:
            self._listener(self)

    def subscribe_updates(self, listener: Callable[[WsDevice], None]) -> None:
        self._listener = listener
