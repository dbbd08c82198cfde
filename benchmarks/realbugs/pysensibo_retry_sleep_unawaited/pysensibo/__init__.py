"""Python API for Sensibo (aiohttp), used by Home Assistant's sensibo integration.

Reproduction of the shape fixed in https://github.com/andrey-git/pysensibo/pull/18 (commit
65005fb46d40393651677b9cafc20ab0988c667b, "Fix sleep"): the request coroutines of SensiboClient
(_get, _put, _patch) retry once after a failed response, and before retrying they call
`asyncio.sleep(5)` as a statement: the coroutine is created and dropped, so the retry runs at once
and a "coroutine 'sleep' was never awaited" warning is logged. The fix added the awaits; the three
lines are marked.
"""
from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import ClientResponse, ClientSession

from .exceptions import AuthenticationError, SensiboError

APIV1 = "https://home.sensibo.com/api/v1"
APIV2 = "https://home.sensibo.com/api/v2"


class SensiboClient:
    """Sensibo client."""

    def __init__(self, api_key: str, session: ClientSession | None = None, timeout: int = 5) -> None:
        self.api_key = api_key
        self._session = session if session else ClientSession()
        self.timeout = timeout

    async def async_get_devices(self, fields: str = "*") -> dict[str, Any]:
        params = {"apiKey": self.api_key, "fields": fields}
        return await self._get(APIV2 + "/users/me/pods", params)

    async def async_set_ac_state_property(self, uid: str, name: str, value: Any, ac_state: dict[str, Any]) -> dict[str, Any]:
        params = {"apiKey": self.api_key}
        data = {"currentAcState": ac_state, "newValue": value}
        return await self._patch(APIV2 + "/pods/{}/acStates/{}".format(uid, name), params, data)

    async def async_set_timer(self, uid: str, data: dict[str, Any]) -> dict[str, Any]:
        params = {"apiKey": self.api_key}
        return await self._put(APIV1 + "/pods/{}/timer/".format(uid), params, data)

    async def _get(self, path: str, params: dict[str, Any], retry: bool = False) -> dict[str, Any]:
        """Make GET api call to Sensibo api."""
        async with self._session.get(path, params=params, timeout=self.timeout) as resp:
            try:
                return await self._response(resp)
            except Exception as error:
                if retry is False:
                    asyncio.sleep(5)  # bug
                    return self._get(path, params, True)  # also
                raise error

    async def _put(self, path: str, params: dict[str, Any], data: dict[str, Any], retry: bool = False) -> dict[str, Any]:
        """Make PUT api call to Sensibo api."""
        async with self._session.put(path, params=params, data=json.dumps(data), timeout=self.timeout) as resp:
            try:
                return await self._response(resp)
            except Exception as error:
                if retry is False:
                    asyncio.sleep(5)  # bug
                    return self._put(path, params, data, True)  # also
                raise error

    async def _patch(self, path: str, params: dict[str, Any], data: dict[str, Any], retry: bool = False) -> dict[str, Any]:
        """Make PATCH api call to Sensibo api."""
        async with self._session.patch(path, params=params, data=json.dumps(data), timeout=self.timeout) as resp:
            try:
                return await self._response(resp)
            except Exception as error:
                if retry is False:
                    asyncio.sleep(5)  # bug
                    return self._patch(path, params, data, True)  # also
                raise error

    async def _response(self, resp: ClientResponse) -> dict[str, Any]:
        """Return response from call."""
        if resp.status == 401:
            raise AuthenticationError("Invalid API key")
        if resp.status != 200:
            raise SensiboError(f"API error: {resp.status}")
        response: dict[str, Any] = await resp.json()
        return response
