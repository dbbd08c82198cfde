"""Websocket client of a charger integration.

Reproduction of the shape reported in https://github.com/gndean/home-assistant-hypervolt-charger/issues/72
(Detected blocking call to load_default_certs) and fixed in commit
https://github.com/gndean/home-assistant-hypervolt-charger/commit/3a3d3ec1760ac13563ad2729c741f3329b079d75:
`async for websocket in websockets.connect(url, ...)` on a wss:// URL in an async method: without
an ssl= argument websockets builds its default SSL context (certificate load) on the loop at every
(re)connection. The fix made the context with asyncio.to_thread(ssl.create_default_context) and
passed ssl=ssl_context.
"""
import asyncio
import logging

import aiohttp
import websockets

_LOGGER = logging.getLogger(__name__)


class HypervoltApiClient:
    def __init__(self, version: str) -> None:
        self.version = version
        self.unload_requested = False

    def get_user_agent(self) -> str:
        return f"home-assistant-hypervolt-charger/{self.version}"

    async def notify_on_websocket(
        self,
        log_prefix: str,
        url: str,
        session: aiohttp.ClientSession,
        access_token: str,
        on_connected_callback,
        on_message_callback,
    ):
        """Open the websocket and keep it open, reconnecting with back-off."""
        try:
            async for websocket in websockets.connect(  # bug
                url,
                origin="https://hypervolt.co.uk",
                host="api.hypervolt.co.uk",
                user_agent_header=self.get_user_agent(),
            ):
                try:
                    if self.unload_requested:
                        raise asyncio.CancelledError
                    if on_connected_callback:
                        await on_connected_callback(websocket, access_token)
                    async for message in websocket:
                        await on_message_callback(message)
                except websockets.ConnectionClosed:
                    _LOGGER.warning(f"{log_prefix} ConnectionClosed")
                    continue
        except asyncio.CancelledError:
            _LOGGER.debug(f"{log_prefix} cancelled")
            raise
