"""Coordinator of a soundbar integration (reproduction, see __init__.py for the source).

The constructor builds an SSL context from certifi's bundle; the async device set-up then loads a
client certificate into it. Both read files on the event loop; Home Assistant reported the first.
"""
import logging
import ssl
from datetime import timedelta

import aiohttp
import certifi
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)


class Coordinator(DataUpdateCoordinator):
    def __init__(self, address, scan_interval, hass=None, entry=None):
        self.address = address
        self.data = {}

        ssl_context = ssl.create_default_context(cafile=certifi.where())
        ssl_context.check_hostname = False
        ssl_context.verify_mode = ssl.CERT_NONE
        self.sslcontext = ssl_context

        if hass is not None and entry is not None:
            self._entry = entry
            self.hass = hass
            super().__init__(
                hass,
                _LOGGER,
                name="Soundbar",
                update_method=self._async_update_data,
                update_interval=timedelta(seconds=int(scan_interval)),
            )

    async def _SetupDeviceInfo(self):
        cert_path = self.hass.config.path("custom_components/jbl_integration/Cert.pem")
        key_path = self.hass.config.path("custom_components/jbl_integration/Key.pem")
        self.sslcontext.load_cert_chain(certfile=cert_path, keyfile=key_path)  # also
        device_info = await self.getDeviceInfo()
        self._device_info = {"identifiers": {(DOMAIN, device_info.get("uuid", "unknown"))}}

    async def getDeviceInfo(self):
        url = f"https://{self.address}:59152/api/info"
        async with aiohttp.ClientSession() as session:
            async with session.get(url, ssl=self.sslcontext) as response:
                return await response.json()

    async def _async_update_data(self):
        return await self.getDeviceInfo()
