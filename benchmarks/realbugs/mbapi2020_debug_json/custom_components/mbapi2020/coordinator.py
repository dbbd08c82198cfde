"""Update coordinator of the car integration (reproduction, see __init__.py)."""
from datetime import timedelta

from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .client import Client
from .const import DOMAIN, LOGGER


class MBAPI2020DataUpdateCoordinator(DataUpdateCoordinator):
    def __init__(self, hass, config_entry) -> None:
        session = async_get_clientsession(hass)
        self.client = Client(hass, session, config_entry)
        super().__init__(hass, LOGGER, name=DOMAIN, update_interval=timedelta(seconds=180))

    async def _async_update_data(self):
        return {}
