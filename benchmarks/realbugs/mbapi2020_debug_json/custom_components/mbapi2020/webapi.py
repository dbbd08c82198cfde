"""Web API of the car integration over aiohttp (reproduction, see __init__.py)."""
from aiohttp import ClientSession

from .const import API_BASE


class WebApi:
    def __init__(self, hass, session: ClientSession) -> None:
        self._hass = hass
        self._session = session

    async def _get(self, path: str):
        async with self._session.get(API_BASE + path) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def get_user_info(self):
        return await self._get("/v2/vehicles")

    async def get_car_capabilities(self, vin: str):
        return await self._get(f"/v1/vehicle/{vin}/capabilities")

    async def get_car_capabilities_commands(self, vin: str):
        return await self._get(f"/v1/vehicle/{vin}/capabilities/commands")
