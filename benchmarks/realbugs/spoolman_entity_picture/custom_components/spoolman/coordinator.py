"""Update coordinator of the Spoolman integration (reproduction, see sensor.py)."""
from datetime import timedelta

from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .const import CONF_URL


class SpoolManCoordinator(DataUpdateCoordinator):
    def __init__(self, hass, entry) -> None:
        super().__init__(hass, None, name="spoolman", update_interval=timedelta(minutes=1))
        self.spoolman_api_url = entry.data[CONF_URL]

    async def _async_update_data(self):
        session = async_get_clientsession(self.hass)
        async with session.get(f"{self.spoolman_api_url}/api/v1/spool") as resp:
            return await resp.json()
