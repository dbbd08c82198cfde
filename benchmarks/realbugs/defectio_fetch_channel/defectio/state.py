from __future__ import annotations

import asyncio
from typing import Any, Callable

from .http import DefectioHTTP


class ConnectionState:
    def __init__(
        self,
        dispatch: Callable,
        http: Callable[[], DefectioHTTP],
        loop: asyncio.AbstractEventLoop,
        **options: Any,
    ) -> None:
        self.get_http = http
        self.dispatch: Callable = dispatch
        self.loop: asyncio.AbstractEventLoop = loop
        self._channels: dict[str, dict] = {}
        self._servers: dict[str, dict] = {}

    @property
    def http(self) -> DefectioHTTP:
        return self.get_http()

    def get_channel(self, channel_id: str):
        return self._channels.get(channel_id)

    def _add_channel_from_data(self, data: dict) -> dict:
        self._channels[data["_id"]] = data
        return data

    def _add_server_from_data(self, data: dict) -> dict:
        self._servers[data["_id"]] = data
        return data
