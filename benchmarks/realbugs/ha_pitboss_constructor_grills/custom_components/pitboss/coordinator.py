"""Coordinator (reproduction, see __init__.py)."""
from datetime import timedelta

from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from pytboss.api import PitBoss

from .const import DOMAIN, LOGGER


class PitBossDataUpdateCoordinator(DataUpdateCoordinator):
    def __init__(self, hass, device_info, api: PitBoss) -> None:
        super().__init__(hass, LOGGER, name=DOMAIN, update_interval=timedelta(seconds=30))
        self.device_info = device_info
        self.api = api

    async def _async_update_data(self):
        return await self.api.get_state()
