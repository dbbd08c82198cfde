"""Mill API Client.

Reproduction of the shape fixed in https://github.com/theOrakle/mill/pull/11 (commit
cb11e333b3375c82dffed5e13c53ea8140365fd1, "fix(api): prevent blocking ssl context"): the coroutine
MillApiClient.async_get_data (awaited by the coordinator's _async_update_data every minute) opens
`async with websockets.connect(**connect_args) as ws:` on a wss:// URI with no ssl argument, so the
websockets library builds a fresh ssl.create_default_context() for each device and each refresh,
loading the CA certificates on the event loop. The fix passed Home Assistant's prebuilt
homeassistant.util.ssl.client_context().
"""
from __future__ import annotations

import inspect
import json

import aiohttp
import websockets

from .const import LOGGER

HOST = "api.mill.com"
AUTH_URL = f"https://{HOST}/app/v1"
CLOUD_URL = f"https://cloud.{HOST}/v1"


class MillApiClientError(Exception):
    """Exception to indicate a general API error."""


class MillApiClientCommunicationError(MillApiClientError):
    """Exception to indicate a communication error."""


class MillApiClient:
    """Mill API Client."""

    def __init__(self, username: str, password: str, session: aiohttp.ClientSession, token: str) -> None:
        self._username = username
        self._password = password
        self._session = session
        self._token = token
        self.devices = []

    async def async_load_devices(self) -> None:
        if self.devices:
            return
        auth = {"Authorization": "Bearer " + self._token}
        async with self._session.get(f"{CLOUD_URL}/session_init?refresh_token=true", headers=auth) as response:
            results = await response.json()
        self._token = results["authToken"]
        self.devices = [d["device_id"] for d in results["devices"]]

    async def async_get_data(self) -> dict:
        """Get data from the API."""
        data = {}
        await self.async_load_devices()
        url = f"wss://websocket.cloud.{HOST}/"
        for device in self.devices:
            headers = {
                "Host": HOST,
                "Origin": f"https://websocket.cloud.{HOST}",
                "deviceId": device,
                "Authorization": self._token,
            }
            try:
                connect_args = {"uri": url, "headers": headers}
                sig = inspect.signature(websockets.connect).parameters
                if "extra_headers" in sig:
                    connect_args["extra_headers"] = connect_args.pop("headers")
                else:
                    connect_args["additional_headers"] = connect_args.pop("headers")

                async with websockets.connect(**connect_args) as ws:  # bug
                    results = await ws.recv()
            except Exception as err:
                raise MillApiClientCommunicationError("Error fetching information") from err
            data[device] = json.loads(results)
            LOGGER.debug(data)
        return data
