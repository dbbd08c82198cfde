"""DataUpdateCoordinator of the OpenMotics Home Assistant integration.

Reproduction of the shape fixed in https://github.com/rensongroup/home-assistant/pull/68 (commit
33eb671, "Fix: Detected blocking call to load_default_certs with args"): the local gateway
coordinator's __init__, run by the async async_setup_entry (__init__.py), builds its SSL context
with pyhaopenmotics' get_ssl_context(...), which creates an ssl.SSLContext and loads the default
certificates on the event loop. The fix used homeassistant.util.ssl's preloaded contexts.
"""
from __future__ import annotations

import logging
from typing import Any

from pyhaopenmotics import LocalGateway, OpenMoticsCloud, OpenMoticsError, get_ssl_context

from homeassistant.const import CONF_IP_ADDRESS, CONF_NAME, CONF_PASSWORD, CONF_PORT, CONF_VERIFY_SSL
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .const import CONF_INSTALLATION_ID, DEFAULT_SCAN_INTERVAL, DOMAIN

_LOGGER = logging.getLogger(__name__)


class OpenMoticsDataUpdateCoordinator(DataUpdateCoordinator):
    def __init__(self, hass, *, name: str) -> None:
        super().__init__(hass=hass, logger=_LOGGER, name=name or DOMAIN,
                         update_interval=DEFAULT_SCAN_INTERVAL)
        self.session = None
        self._omclient: OpenMoticsCloud | LocalGateway
        self._install_id = None

    async def _async_update_data(self) -> dict[Any, Any]:
        try:
            outputs = await self._omclient.outputs.get_all()
            lights = await self._omclient.lights.get_all()
        except OpenMoticsError as err:
            _LOGGER.error("Could not retrieve the data from the OpenMotics API: %s", err)
            return {"outputs": [], "lights": []}
        return {"outputs": outputs, "lights": lights}

    @property
    def omclient(self) -> Any:
        return self._omclient


class OpenMoticsCloudDataUpdateCoordinator(OpenMoticsDataUpdateCoordinator):
    def __init__(self, hass, session, name: str) -> None:
        super().__init__(hass=hass, name=name)
        self.session = session
        self._install_id = self.config_entry.data.get(CONF_INSTALLATION_ID)

        async def async_token_refresh() -> Any:
            await session.async_ensure_token_valid()
            return session.token["access_token"]

        self._omclient = OpenMoticsCloud(
            token=session.token["access_token"],
            session=async_get_clientsession(hass),
            token_refresh_method=async_token_refresh,
        )


class OpenMoticsLocalDataUpdateCoordinator(OpenMoticsDataUpdateCoordinator):
    def __init__(self, hass, name: str) -> None:
        super().__init__(hass=hass, name=name)
        self._install_id = self.config_entry.data.get(CONF_IP_ADDRESS)
        ssl_context = get_ssl_context(  # bug
            verify_ssl=self.config_entry.data.get(CONF_VERIFY_SSL)
        )
        self._omclient = LocalGateway(
            localgw=self.config_entry.data.get(CONF_IP_ADDRESS),
            username=self.config_entry.data.get(CONF_NAME),
            password=self.config_entry.data.get(CONF_PASSWORD),
            port=self.config_entry.data.get(CONF_PORT),
            ssl_context=ssl_context,
        )
