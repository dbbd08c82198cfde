"""The update coordinator: every refresh asks the API client for all devices' data."""
from datetime import timedelta

from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from .api import MillApiClient, MillApiClientError
from .const import DOMAIN, LOGGER


class MillDataUpdateCoordinator(DataUpdateCoordinator):
    def __init__(self, hass: HomeAssistant, client: MillApiClient) -> None:
        self.client = client
        super().__init__(hass=hass, logger=LOGGER, name=DOMAIN, update_interval=timedelta(minutes=1))

    async def _async_update_data(self):
        try:
            return await self.client.async_get_data()
        except MillApiClientError as exception:
            raise UpdateFailed(exception) from exception
