"""Module to read production and consumption values from an Enphase Envoy on the local network.

Reproduction of the shape fixed in
https://github.com/vincentwolsink/home_assistant_enphase_envoy_installer/issues/198 ("Home Asssistant
warns 'Detected blocking call to open' on upload_grid_profile"), fixed by commit
611e86734b93bee8fba14d3c1be3439bf9ca0126 ("Make grid profile reading async to avoid HASS warning"):
the coroutine EnvoyReader.upload_grid_profile (awaited by the upload_grid_profile service coroutine
registered in async_setup_entry) opens the grid profile file with the built-in open(file, "rb")
inside the files= argument of its httpx POST. The fix read the file with a module-level helper run
in the executor (loop.run_in_executor); the line is marked.
"""
import logging

import httpx

from .const import ENDPOINT_URL_INSTALLER_AGF_SET_PROFILE, ENDPOINT_URL_INSTALLER_AGF_UPLOAD_PROFILE

_LOGGER = logging.getLogger(__name__)


class EnvoyError(Exception):
    pass


class EnvoyReader:
    """Instance of EnvoyReader."""

    def __init__(self, host, token=None, async_client=None):
        self.host = host.lower()
        self._token = token
        self._async_client = async_client
        self._cookies = None
        self.endpoint_installer_agf = None

    @property
    def async_client(self):
        """Return the httpx client."""
        return self._async_client or httpx.AsyncClient(verify=False)

    @property
    def _authorization_header(self):
        return {"Authorization": f"Bearer {self._token}"}

    async def _async_post(self, url, data=None, **kwargs):
        _LOGGER.debug("HTTP POST Attempt: %s", url)
        try:
            async with self.async_client as client:
                resp = await client.post(
                    url, headers=self._authorization_header, cookies=self._cookies, data=data, timeout=30, **kwargs
                )
                return resp
        except httpx.TransportError as e:
            _LOGGER.debug("TransportError: %s", e)
            raise e

    def _clear_endpoint_cache(self, endpoint):
        setattr(self, endpoint, None)

    async def set_grid_profile(self, profile_id):
        if self.endpoint_installer_agf is not None:
            formatted_url = ENDPOINT_URL_INSTALLER_AGF_SET_PROFILE.format(self.host)
            resp = await self._async_post(formatted_url, json={"selected_profile": profile_id})
            if resp.json().get("message") != "success":
                raise EnvoyError(f"Failed setting grid profile: {resp.json().get('message')}")
        self._clear_endpoint_cache("endpoint_installer_agf")

    async def upload_grid_profile(self, file):
        if self.endpoint_installer_agf is not None:
            formatted_url = ENDPOINT_URL_INSTALLER_AGF_UPLOAD_PROFILE.format(self.host)
            resp = await self._async_post(
                formatted_url, files={"file": open(file, "rb")}  # bug
            )
            message = resp.json().get("message")
            if message != "success":
                raise EnvoyError(f"Failed uploading grid profile: {message}")

        self._clear_endpoint_cache("endpoint_installer_agf")
        return resp
