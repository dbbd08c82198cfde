"""Zaptec integration (see api.py)."""
from __future__ import annotations

import logging
from datetime import timedelta

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from .api import Account, RequestError

_LOGGER = logging.getLogger(__name__)
DOMAIN = "zaptec"


class ZaptecCoordinator(DataUpdateCoordinator[None]):
    def __init__(self, hass: HomeAssistant, entry: ConfigEntry) -> None:
        super().__init__(hass, _LOGGER, name=DOMAIN, update_interval=timedelta(minutes=1))
        session = async_get_clientsession(hass)
        self.account = Account(entry.data["username"], entry.data["password"], session)
        self.streaming = False

    async def _on_stream(self, update: dict) -> None:
        self.async_update_listeners()

    async def _async_update_data(self) -> None:
        try:
            if not self.streaming:
                await self.account.build()
                for inst in self.account.installations.values():
                    await inst.stream(cb=self._on_stream)
                self.streaming = True
            await self.account.refresh()
        except RequestError as err:
            raise UpdateFailed(str(err)) from err


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    coordinator = ZaptecCoordinator(hass, entry)
    await coordinator.async_config_entry_first_refresh()
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = coordinator
    return True
