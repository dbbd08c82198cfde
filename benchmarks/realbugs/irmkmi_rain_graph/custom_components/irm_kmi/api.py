"""API Client for IRM KMI weather"""
import aiohttp


class IrmKmiApiError(Exception):
    """Exception to indicate a general API error."""


class IrmKmiApiClient:
    """API client for IRM KMI weather data"""
    COMMON_BASE_URL = "https://app.meteo.be/services/appv4/"

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def get_forecasts_coord(self, coord: dict) -> dict:
        async with self._session.get(self.COMMON_BASE_URL, params={"s": "getForecasts", **coord}) as response:
            return await response.json()

    async def get_image(self, url, params: dict | None = None) -> bytes:
        async with self._session.get(url, params=params) as response:
            return await response.read()
