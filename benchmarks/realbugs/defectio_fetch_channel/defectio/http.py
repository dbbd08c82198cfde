from __future__ import annotations

from typing import Any, Optional

import aiohttp


class DefectioHTTP:
    def __init__(self, session: aiohttp.ClientSession, api_url: str, user_agent: str):
        self._session = session if session is not None else aiohttp.ClientSession()
        self.api_url = api_url
        self.user_agent = user_agent

    async def request(self, method: str, path: str, **kwargs: Any) -> Any:
        async with self._session.request(method, f"{self.api_url}/{path}", **kwargs) as resp:
            return await resp.json()

    async def get_channel(self, channel_id: str) -> dict:
        path = f"channels/{channel_id}"
        return await self.request("GET", path)

    async def get_server(self, server_id: str) -> dict:
        path = f"servers/{server_id}"
        return await self.request("GET", path)
