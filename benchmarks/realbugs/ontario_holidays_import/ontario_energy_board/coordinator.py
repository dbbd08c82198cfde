"""Coordinator fetching the rate plans; it also keeps Ontario's holidays."""

from datetime import timedelta
import logging

import holidays
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

_LOGGER = logging.getLogger(__name__)


class OntarioEnergyBoardDataUpdateCoordinator(DataUpdateCoordinator):
    def __init__(self, hass) -> None:
        super().__init__(hass, _LOGGER, name="ontario_energy_board", update_interval=timedelta(hours=1))
        self.websession = async_get_clientsession(hass)
        self.energy_company = self.config_entry.data["energy_company"]
        self.ontario_holidays = holidays.Canada(subdiv="ON", observed=True, categories={"public", "optional"})

    async def _async_update_data(self):
        async with self.websession.get("https://example.invalid/rates.xml") as resp:
            return await resp.text()
