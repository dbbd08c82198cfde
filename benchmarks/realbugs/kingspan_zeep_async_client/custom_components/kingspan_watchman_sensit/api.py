"""API client of the Home Assistant integration (reproduction; the blocking line is in
connectsensor/client.py, reached from the coordinator's update on the event loop)."""
import asyncio
import logging

from connectsensor import APIError, AsyncSensorClient

API_TIMEOUT = 30

_LOGGER = logging.getLogger(__package__)


class TankData:
    pass


class SENSiTApiClient:
    def __init__(self, username: str, password: str) -> None:
        self._username = username
        self._password = password

    async def async_get_data(self):
        try:
            async with asyncio.timeout(API_TIMEOUT):
                return await self._get_tank_data()
        except APIError as e:
            _LOGGER.error("API error logging in as %s: %s", self._username, e)
        except TimeoutError:
            _LOGGER.error("Timeout error logging in as %s", self._username)

    async def _get_tank_data(self):
        async with AsyncSensorClient() as client:  # bug
            await client.login(self._username, self._password)
            self.data = TankData()
            self.data.level = await client.latest_level(client._tanks[0])
            return self.data
