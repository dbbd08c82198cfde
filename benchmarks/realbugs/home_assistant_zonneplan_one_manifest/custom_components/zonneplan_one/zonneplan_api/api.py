"""ZonneplanAPI.

Reproduction of the shape fixed in https://github.com/fsaris/home-assistant-zonneplan-one/issues/117
(commit 65e742ac69823acc7bba9e65facd01c151b2c72e, "Rework x-ha-integration logic"): the coroutines
async_setup and async_setup_entry (__init__.py) build api.AsyncConfigEntryAuth(...) (api.py), a
subclass of ZonneplanApi; the inherited __init__ fills the request headers with
self._get_integration_version(), a plain method that opens and parses the integration's
manifest.json. The fix read the version from a constant (const.VERSION) and removed the method; the
header line and the open() line are marked.
"""
import asyncio
import inspect
import json
import logging
import os

import aiohttp

APP_VERSION = "4.12.1"
API_VERSION = "v2"
LOGIN_REQUEST_URI = "https://app-api.zonneplan.nl/auth/request"

_LOGGER = logging.getLogger(__name__)


class ZonneplanApi:
    def __init__(self, session: aiohttp.ClientSession):
        self._session = session
        self._request_headers = {
            "content-type": "application/json;charset=utf-8",
            "x-app-version": APP_VERSION,
            "x-api-version": API_VERSION,
            "x-ha-integration": self._get_integration_version(),  # bug
        }

    def _get_integration_version(self) -> str:
        script_directory = os.path.dirname(os.path.abspath(inspect.getfile(inspect.currentframe())))
        f = open(script_directory + "/../manifest.json")  # bug
        manifest = json.load(f)
        _LOGGER.debug("Version from manifest.json -> %s", manifest["version"])
        return manifest["version"]

    async def async_get_temp_pass(self, email: str, uuid: str):
        try:
            timeout = aiohttp.ClientTimeout(total=10)
            async with aiohttp.ClientSession(timeout=timeout) as session:
                async with session.get(
                    LOGIN_REQUEST_URI + "/" + uuid, headers=self._request_headers
                ) as response:
                    response.raise_for_status()
                    return await response.json()
        except (asyncio.TimeoutError, aiohttp.ClientError):
            _LOGGER.error("Timeout calling ZonneplanAPI to request temporary password")
            return None
