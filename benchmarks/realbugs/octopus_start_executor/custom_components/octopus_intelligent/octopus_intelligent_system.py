"""The coordinator of the Octopus Intelligent tariff."""
from datetime import timedelta
import logging
import async_timeout

from homeassistant.helpers.update_coordinator import (
    DataUpdateCoordinator,
    UpdateFailed,
)

from .graphql_client import OctopusEnergyGraphQLClient
from .util import *

_LOGGER = logging.getLogger(__name__)


class OctopusIntelligentSystem(DataUpdateCoordinator):
    def __init__(self, hass, *, api_key, account_id, off_peak_start, off_peak_end):
        super().__init__(
            hass,
            _LOGGER,
            name="Octopus Intelligent",
            update_interval=timedelta(seconds=300),
        )
        self._hass = hass
        self._api_key = api_key
        self._account_id = account_id
        self._off_peak_start = off_peak_start
        self._off_peak_end = off_peak_end

        self.client = OctopusEnergyGraphQLClient(self._api_key)

    @property
    def account_id(self):
        return self._account_id

    async def _async_update_data(self):
        try:
            async with async_timeout.timeout(90):
                return await self.client.async_get_combined_state(self._account_id)
        except Exception as err:
            raise UpdateFailed(f"Error communicating with Octopus GraphQL API: {err}")

    async def async_suspend_smart_charging(self):
        await self.client.async_suspend_smart_charging(self._account_id)

    async def async_resume_smart_charging(self):
        await self.client.async_resume_smart_charging(self._account_id)

    async def start(self):
        _LOGGER.debug("Starting OctopusIntelligentSystem")
        try:
            accounts = await self.client.async_get_accounts()
            if self._account_id not in accounts:
                _LOGGER.error(f"Account {self._account_id} not found in accounts {accounts}")
                raise Exception(f"Account {self._account_id} not found in accounts {accounts}")
        except Exception as ex:
            _LOGGER.error(f"Authentication failed : {ex}.")
            raise ex

    async def stop(self):
        _LOGGER.debug("Stopping OctopusIntelligentSystem")
