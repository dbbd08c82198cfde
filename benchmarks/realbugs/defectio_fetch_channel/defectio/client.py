"""Client of the Revolt chat API.

Reproduction of the shape fixed in https://github.com/Darkflame72/defectio/pull/44 ("Added missing
await"): the async fetch_channel / fetch_server of Client called
`self._connection.http.get_channel(channel_id)` without await. _connection is a ConnectionState
(annotated, built by _get_state) whose `http` property returns the DefectioHTTP client, whose
get_channel is async: the coroutine, always truthy, was passed on as channel data.
"""

from __future__ import annotations

import asyncio
from typing import Any, Optional

from .http import DefectioHTTP
from .state import ConnectionState


class Client:
    def __init__(self, *, loop: Optional[asyncio.AbstractEventLoop] = None, **kwargs: Any):
        self.loop = loop
        self.http: DefectioHTTP = None
        self.session = kwargs.pop("session", None)
        self._connection: ConnectionState = self._get_state(**kwargs)

    def _get_state(self, **options: Any) -> ConnectionState:
        return ConnectionState(
            dispatch=self.dispatch,
            http=self.get_http,
            loop=self.loop,
            **options,
        )

    def dispatch(self, event: str, *args: Any) -> None:
        pass

    def get_http(self) -> DefectioHTTP:
        return self.http

    def get_channel(self, channel_id: str):
        return self._connection.get_channel(channel_id)

    async def fetch_channel(self, channel_id: str):
        """Fetches a channel from revolt bypassing the internal cache."""
        channel = self._connection.http.get_channel(channel_id)  # bug
        if channel:
            channel = self._connection._add_channel_from_data(channel)
        return channel

    async def fetch_server(self, server_id: str):
        """Fetches a server from revolt bypassing the internal cache."""
        server = self._connection.http.get_server(server_id)  # bug
        if server:
            server = self._connection._add_server_from_data(server)
        return server
